"""Practice results for the organiser (练习成绩台账): one record per finished practice run.

Kept in the bank folder as ``.quizgen-results.jsonl`` (a dot-file, so never read as a bank file),
one JSON object a line. A new record is added under the file's own lock (``.<name>.lock``, see
:mod:`quizgen.locking`): the file is re-read, the line added and the whole written back
atomically, so two members finishing at once are both kept and a reader never sees half a line.
A line that cannot be read (a hand edit gone wrong) is skipped and counted, never fatal.

A record holds only what the member typed (their name, cleaned of control characters and cut to
``MAX_NAME``) and what the quiz measured: 场次 (the organiser's name for the session), score,
times and the ids of the questions answered wrong. :func:`results_xlsx` writes the table for the
branch's 台账 with Chinese headers; every text cell stays text (a name ``=1+1`` is no formula).

The organiser's current 场次 (its name and how many questions a practice has) is kept beside it in
``.quizgen-practice.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from quizgen.errors import InputError, os_reason
from quizgen.fsutil import atomic_write_text
from quizgen.locking import file_lock_path, locked

RESULTS_NAME = ".quizgen-results.jsonl"
SETTINGS_NAME = ".quizgen-practice.json"
MAX_NAME = 40
"""Characters of a member's name kept (a name longer than this is no name)."""
MAX_SESSION = 60
"""Characters of a 场次 name kept."""
DEFAULT_COUNT = 10
MAX_COUNT = 100
SHEET = "练习成绩"
HEADER = ("场次", "姓名", "得分", "答对", "题数", "用时", "开始时间", "结束时间", "方式", "错题")
WIDTHS = {"场次": 20, "姓名": 14, "得分": 8, "答对": 8, "题数": 8, "用时": 12, "开始时间": 20,
          "结束时间": 20, "方式": 10, "错题": 60}
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def clean_text(raw: str, limit: int) -> str:
    """``raw`` without control or format characters (newlines, escapes, bidi overrides), its runs
    of white space made one space, stripped and cut to ``limit`` characters."""
    text = unicodedata.normalize("NFC", str(raw or ""))
    kept = "".join(" " if c.isspace() else c for c in text
                   if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    return " ".join(kept.split())[:limit].strip()


def clean_name(raw: str) -> str:
    """A member's name as typed, cleaned (see :func:`clean_text`); an empty one is an error."""
    name = clean_text(raw, MAX_NAME)
    if not name:
        raise InputError("请输入姓名")
    return name


@dataclass
class ResultRecord:
    """One finished practice run."""

    name: str
    session: str = ""
    """场次: the organiser's name for the session it belongs to ('' for none)."""
    right: int = 0
    answered: int = 0
    planned: int = 0
    points: int = 0
    """分值 of the questions answered right (a paper's points: fill 2 a blank, single 2 …)."""
    max_points: int = 0
    started: str = ""
    """Local time, ``YYYY-MM-DD HH:MM:SS``."""
    ended: str = ""
    seconds: int = 0
    wrong: list[str] = field(default_factory=list)
    """Ids of the questions answered wrong, in the order asked."""
    review: bool = False
    """A run over the member's wrong-answer book (错题复习)."""

    @property
    def score(self) -> int:
        """得分 out of 100: the points won of the points asked."""
        return round(100 * self.points / self.max_points) if self.max_points else 0

    @classmethod
    def from_dict(cls, d: dict) -> ResultRecord:
        def num(key: str) -> int:
            v = d.get(key)
            return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else 0

        wrong = d.get("wrong")
        return cls(
            name=clean_text(d.get("name", ""), MAX_NAME),
            session=clean_text(d.get("session", ""), MAX_SESSION),
            right=num("right"), answered=num("answered"), planned=num("planned"),
            points=num("points"), max_points=num("max_points"),
            started=clean_text(d.get("started", ""), 40), ended=clean_text(d.get("ended", ""), 40),
            seconds=num("seconds"),
            wrong=[clean_text(w, 200) for w in wrong if isinstance(w, str)] if isinstance(wrong, list) else [],
            review=d.get("review") is True,
        )


def results_path(bank_dir: str | Path) -> Path:
    return Path(bank_dir) / RESULTS_NAME


def now_text(when: dt.datetime | None = None) -> str:
    return (when or dt.datetime.now()).strftime(TIME_FORMAT)


@dataclass
class Loaded:
    """The records of a results file, oldest first, and how many lines could not be read."""

    records: list[ResultRecord] = field(default_factory=list)
    skipped: int = 0


def _read(path: Path) -> tuple[Loaded, list[str]]:
    """The records and the raw good lines (kept as they are when the file is written back)."""
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except FileNotFoundError:
        return Loaded(), []
    except OSError as exc:
        raise InputError(f"无法读取练习成绩（{os_reason(exc)}）", path=str(path)) from exc
    out, lines = Loaded(), []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        try:
            d = json.loads(raw)
            if not isinstance(d, dict):
                raise TypeError
            rec = ResultRecord.from_dict(d)
        except (ValueError, TypeError, RecursionError):
            out.skipped += 1
            continue
        if not rec.name:
            out.skipped += 1
            continue
        out.records.append(rec)
        lines.append(raw)
    return out, lines


def load_results(bank_dir: str | Path) -> Loaded:
    """Every record of the bank folder's results file (none when there is no file yet)."""
    path = results_path(bank_dir)
    with locked(file_lock_path(path), shared=True):
        return _read(path)[0]


def append_result(bank_dir: str | Path, record: ResultRecord) -> None:
    """Add ``record`` to the results file: re-read, add, write back atomically, under its lock."""
    path = results_path(bank_dir)
    if not Path(bank_dir).is_dir():
        raise InputError("题库文件夹不存在，无法保存练习成绩", path=str(bank_dir))
    d = asdict(record)
    d["name"] = clean_name(record.name)
    d["session"] = clean_text(record.session, MAX_SESSION)
    line = json.dumps(d, ensure_ascii=False, sort_keys=True)
    with locked(file_lock_path(path)):
        _, lines = _read(path)
        atomic_write_text(path, "\n".join([*lines, line]) + "\n")


def sessions(records: list[ResultRecord]) -> list[str]:
    """The 场次 names of ``records``, the latest first ('' for records of no 场次)."""
    seen: dict[str, str] = {}
    for r in records:
        if r.started >= seen.get(r.session, ""):
            seen[r.session] = r.started
    return sorted(seen, key=lambda s: seen[s], reverse=True)


def duration_text(seconds: int) -> str:
    m, s = divmod(max(0, int(seconds)), 60)
    if m >= 60:
        h, m = divmod(m, 60)
        return f"{h} 小时 {m:02d} 分"
    return f"{m} 分 {s:02d} 秒" if m else f"{s} 秒"


def results_xlsx(records: list[ResultRecord], wrong_names: dict[str, str] | None = None) -> bytes:
    """The table as .xlsx bytes: one row per record, 错题 naming each question by
    ``wrong_names[id]`` (a short stem) when known, else by its id."""
    from openpyxl import Workbook

    from quizgen.exporters.xlsx_writer import fill_sheet, workbook_bytes

    names = wrong_names or {}
    rows = []
    for r in records:
        wrong = "\n".join(names.get(i, i) for i in r.wrong)
        rows.append([r.session, r.name, r.score, r.right, r.answered, duration_text(r.seconds),
                     r.started, r.ended, "错题复习" if r.review else "练习", wrong])
    wb = Workbook()
    fill_sheet(wb.active, SHEET, HEADER, rows, WIDTHS)
    return workbook_bytes(wb)


# ------------------------------------------------------------------ the organiser's 场次


@dataclass
class PracticeSettings:
    """What a member's practice is now: the 场次 it is recorded under and its number of questions."""

    session: str = ""
    count: int = DEFAULT_COUNT


def settings_path(bank_dir: str | Path) -> Path:
    return Path(bank_dir) / SETTINGS_NAME


def load_settings(bank_dir: str | Path) -> PracticeSettings:
    """The organiser's settings; defaults when none were saved or the file is unreadable."""
    try:
        d = json.loads(settings_path(bank_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return PracticeSettings()
    if not isinstance(d, dict):
        return PracticeSettings()
    count = d.get("count")
    ok = isinstance(count, int) and not isinstance(count, bool) and 1 <= count <= MAX_COUNT
    return PracticeSettings(clean_text(d.get("session", ""), MAX_SESSION), count if ok else DEFAULT_COUNT)


def parse_count(text: str) -> int:
    """A practice's number of questions from a form field: 1 … MAX_COUNT."""
    try:
        n = int(str(text).strip())
    except ValueError:
        raise InputError(f"题数请填 1 到 {MAX_COUNT} 之间的整数") from None
    if not 1 <= n <= MAX_COUNT:
        raise InputError(f"题数请填 1 到 {MAX_COUNT} 之间的整数")
    return n


def save_settings(bank_dir: str | Path, settings: PracticeSettings) -> PracticeSettings:
    """Save the settings (the 场次 name cleaned like a member's name); returns what was saved."""
    saved = PracticeSettings(clean_text(settings.session, MAX_SESSION), settings.count)
    if not 1 <= saved.count <= MAX_COUNT:
        raise InputError(f"题数请填 1 到 {MAX_COUNT} 之间的整数")
    path = settings_path(bank_dir)
    with locked(file_lock_path(path)):
        atomic_write_text(path, json.dumps(asdict(saved), ensure_ascii=False) + "\n")
    return saved
