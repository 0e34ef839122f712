"""The review session, apart from any terminal: which questions, in which order, where the
reviewer stands, and what each decision does to the bank files.

Every decision (accept, reject, edit) is written to its bank file at once and atomically; if
the write fails, nothing changes, in the file or in the session. ``undo`` puts the file back to
the bytes it had before the last decision (refused if someone changed the file since). The
position is kept in a dot-file in the bank folder (``.quizgen-review.json``, never read as a
bank file), one entry per choice of filters and order, so the next run starts where this one
stopped. A file changed outside the session is read again before a decision is made on it;
reading, deciding and writing happen under the bank's lock (``quizgen.locking``), so an
extract committing at the same time neither loses the decision nor has its own work lost.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.bank import load_bank, warn_problems
from quizgen.bankio import read_bank_file
from quizgen.errors import InputError, QuizgenError
from quizgen.fsutil import atomic_write_bytes, atomic_write_text
from quizgen.locking import folder_locked
from quizgen.model import QUESTION_TYPES, Question
from quizgen.review.edits import apply_edit
from quizgen.review.filedit import replace_question
from quizgen.select import parse_types, split_list

STATE_FILE = ".quizgen-review.json"
STATUSES = ("new", "reviewed", "rejected")
STATUS_NAMES = {"new": "未审", "reviewed": "已接受", "rejected": "已拒绝"}
ORDERS = ("importance", "document", "type", "status", "section")


@dataclass
class Item:
    """One question of the review, with the file it lives in."""

    q: Question
    path: Path
    title: str = ""
    rank: int = 0
    """Its place in the file (files are kept most important first)."""


@dataclass
class Step:
    """One thing the reviewer did, enough to undo it."""

    action: str
    pos: int
    item: Item | None = None
    before_q: Question | None = None
    before: bytes | None = None
    after: bytes | None = None


@dataclass
class Outcome:
    """What a call did, for the screen: a message and notes."""

    message: str
    notes: list[str] = field(default_factory=list)


def write_question(path: Path, before: bytes, new_q: Question, *, status_only: bool) -> bytes:
    """Write ``new_q`` into its bank file whose bytes are ``before`` (only its status when
    ``status_only``), atomically; returns the file's new bytes. Raises InputError when the
    write fails (the file is then as it was). The caller holds the bank's lock."""
    text = replace_question(before.decode("utf-8-sig"), path, new_q, status_only=status_only)
    after = text.encode("utf-8")
    atomic_write_bytes(path, after)
    return after


def parse_statuses(text: str | None) -> tuple[str, ...]:
    if not text or text.strip() in ("all", "全部"):
        return STATUSES
    aliases = {"未审": "new", "已审": "reviewed", "已接受": "reviewed", "已拒绝": "rejected", "拒绝": "rejected"}
    out = []
    for raw in split_list(text):
        s = aliases.get(raw, raw.lower())
        if s not in STATUSES:
            raise InputError(f"未知的状态 {raw!r}：可用 new、reviewed、rejected 或 all")
        out.append(s)
    return tuple(out)


def _section(q: Question) -> str:
    return q.source.section


def order_items(items: list[Item], order: str) -> list[Item]:
    """Most important first, or grouped by document, section, type or status (importance within)."""
    if order not in ORDERS:
        raise InputError(f"未知的顺序 {order!r}：可用 {'、'.join(ORDERS)}")
    by_score = sorted(items, key=lambda it: (-it.q.score, it.q.source.doc, it.rank))
    if order == "importance":
        return by_score
    if order == "document":
        return sorted(items, key=lambda it: (it.path.name, it.rank))
    if order == "type":
        return sorted(by_score, key=lambda it: QUESTION_TYPES.index(it.q.type))
    if order == "status":
        return sorted(by_score, key=lambda it: STATUSES.index(it.q.status))
    first: dict[tuple[str, str], int] = {}
    for it in sorted(items, key=lambda it: (it.path.name, it.rank)):
        first.setdefault((it.path.name, _section(it.q)), it.rank)
    return sorted(items, key=lambda it: (it.path.name, first[(it.path.name, _section(it.q))], it.rank))


class ReviewSession:
    """The questions under review and the reviewer's place among them."""

    def __init__(self, folder: str | Path, *, docs: str | None = None, types: str | None = None,
                 statuses: str | None = None, order: str = "importance", warn: bool = True):
        self.folder = Path(folder)
        bank = load_bank(self.folder)
        if warn:
            warn_problems(bank)
        want_docs = split_list(docs)
        want_types = parse_types(types)
        want_status = parse_statuses(statuses)
        items = []
        for bf in bank.files:
            for rank, q in enumerate(bf.questions):
                if (not want_docs or q.source.doc in want_docs or bf.doc in want_docs) \
                        and q.type in want_types and q.status in want_status:
                    items.append(Item(q, bf.path, bf.title, rank))
        if not any(bf.questions for bf in bank.files):
            raise InputError("题库中没有题目；先运行 quizgen extract FILE", path=str(self.folder))
        if not items:
            raise InputError("没有符合条件的题目（检查 --doc、--type、--status）", path=str(self.folder))
        self.items = order_items(items, order)
        self.key = json.dumps({"doc": sorted(want_docs), "type": list(want_types),
                               "status": list(want_status), "order": order}, ensure_ascii=False)
        self.known: dict[Path, bytes] = {bf.path: bf.path.read_bytes() for bf in bank.files}
        self.history: list[Step] = []
        self.pos = 0
        self.resumed = self._resume()

    # ------------------------------------------------------------------ position and state

    @property
    def current(self) -> Item | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    @property
    def done(self) -> bool:
        return self.pos >= len(self.items)

    @property
    def state_path(self) -> Path:
        return self.folder / STATE_FILE

    def _read_state(self) -> dict:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and isinstance(data.get("views"), dict) else {}

    def _resume(self) -> bool:
        view = self._read_state().get("views", {}).get(self.key)
        if not isinstance(view, dict):
            return False
        ids = [it.q.id for it in self.items]
        at = view.get("current")
        if at in ids:
            self.pos = ids.index(at)
        elif isinstance(view.get("index"), int):
            self.pos = max(0, min(view["index"], len(self.items)))
        if self.pos >= len(self.items):
            self.pos = 0  # finished last time: start over
        return self.pos > 0

    def save_state(self) -> None:
        """Record where the reviewer stands; a failure to record it is not worth stopping for."""
        data = self._read_state() or {"views": {}}
        cur = self.current
        data["views"][self.key] = {"current": cur.q.id if cur else None, "index": self.pos}
        try:
            with self._locked():
                atomic_write_text(self.state_path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        except QuizgenError:
            pass

    # ------------------------------------------------------------------ decisions

    def _refresh(self, item: Item) -> list[str]:
        """Read the item's file again if it changed on disk since the session last saw it."""
        now = item.path.read_bytes() if item.path.exists() else b""
        if now == self.known.get(item.path):
            return []
        bf, _problems = read_bank_file(item.path)
        fresh = {q.id: q for q in bf.questions}
        for it in self.items:
            if it.path == item.path and it.q.id in fresh:
                it.q = fresh[it.q.id]
        self.known[item.path] = now
        if item.q.id not in fresh:
            raise InputError(f"题目 {item.q.id} 已不在文件中（文件在别处被改过）", path=str(item.path))
        return [f"{item.path.name} 已在别处修改，已重新读取"]

    def _write(self, item: Item, new_q: Question, action: str, *, status_only: bool) -> None:
        before = self.known[item.path]
        after = write_question(item.path, before, new_q, status_only=status_only)
        self.history.append(Step(action, self.pos, item, item.q, before, after))
        self.known[item.path] = after
        item.q = new_q

    def _locked(self):
        """The bank's write lock: a decision is read, made and written while no extract commits."""
        return folder_locked(self.folder, wait_message=None)

    def _decide(self, status: str, action: str, done: str) -> Outcome:
        item = self._need_current()
        with self._locked():
            notes = self._refresh(item)
            if item.q.status == status:
                self.history.append(Step(action, self.pos))  # already so: nothing to write
            else:
                self._write(item, dataclasses.replace(item.q, status=status), action, status_only=True)
        self.pos += 1
        self.save_state()
        return Outcome(done, notes)

    def accept(self) -> Outcome:
        return self._decide("reviewed", "accept", "已接受")

    def reject(self) -> Outcome:
        return self._decide("rejected", "reject", "已拒绝")

    def edit(self, field_name: str, text: str) -> Outcome:
        """Set one field; raises EditError when the text breaks the rules. Stays on the question."""
        item = self._need_current()
        with self._locked():
            notes = self._refresh(item)
            new_q, more = apply_edit(item.q, field_name, text)
            if new_q == item.q:
                return Outcome("未改动", notes)
            self._write(item, new_q, "edit", status_only=False)
        self.save_state()
        return Outcome("已修改", notes + more)

    def skip(self) -> Outcome:
        self._need_current()
        self.history.append(Step("skip", self.pos))
        self.pos += 1
        self.save_state()
        return Outcome("已跳过")

    def undo(self) -> Outcome:
        """Take back the last step: the file gets its bytes from before it, the position goes back."""
        if not self.history:
            return Outcome("没有可撤销的操作")
        step = self.history[-1]
        if step.item is not None:
            path = step.item.path
            with self._locked():
                now = path.read_bytes() if path.exists() else b""
                if now != step.after:
                    raise InputError(f"{path.name} 在此后已在别处修改，无法撤销", path=str(path))
                atomic_write_bytes(path, step.before)
            self.known[path] = step.before
            step.item.q = step.before_q
        self.history.pop()
        self.pos = step.pos
        self.save_state()
        names = {"accept": "接受", "reject": "拒绝", "edit": "修改", "skip": "跳过"}
        return Outcome(f"已撤销{names.get(step.action, step.action)}")

    def _need_current(self) -> Item:
        if self.current is None:
            raise InputError("已经看完全部题目")
        return self.current
