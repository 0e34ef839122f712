"""The wrong-answer book (错题本): where it lives, how it is read, and how each answer updates it.

A JSON file keyed by question id, written atomically after every answer so that a crash loses
nothing. Each entry keeps the document, type, stem and answer so that a question that has since
left the bank can still be named. A question leaves the book once it has been answered right
``REVIEW_TO_CLEAR`` times in a row in ``--wrong`` mode; any wrong answer puts it back to zero.

Every update re-reads the file first, under a lock on the book (``.<name>.lock`` beside it),
so two quizzes running at once do not erase each other's entries.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.errors import WARNING_PREFIX, InputError, os_reason
from quizgen.fsutil import atomic_write_text
from quizgen.model import Question

BOOK_ENV = "QUIZGEN_BOOK"
BOOK_NAME = "wrong_book.json"
REVIEW_TO_CLEAR = 2
FORMAT_VERSION = 1
MAX_BOOK_BYTES = 16 * 1024 * 1024
"""A book is rewritten after every answer: one larger than this (some 50,000 entries) is no book a
person keeps, and is set aside rather than rewritten each time."""


def default_book_path(env: dict[str, str] | None = None) -> Path:
    """``$QUIZGEN_BOOK``, else the user's data folder: ``$XDG_DATA_HOME/quizgen`` or
    ``~/.local/share/quizgen`` (``%APPDATA%\\quizgen`` on Windows, ``~/Library/Application
    Support/quizgen`` on macOS)."""
    env = os.environ if env is None else env
    if env.get(BOOK_ENV):
        return Path(env[BOOK_ENV]).expanduser()
    if env.get("XDG_DATA_HOME"):
        base = Path(env["XDG_DATA_HOME"]).expanduser()
    elif sys.platform == "win32" and env.get("APPDATA"):
        base = Path(env["APPDATA"])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path.home() / ".local" / "share"
    return base / "quizgen" / BOOK_NAME


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


@dataclass
class Entry:
    """One question in the book."""

    id: str
    doc: str = ""
    type: str = ""
    stem: str = ""
    answer: list[str] = field(default_factory=list)
    wrong: int = 0
    """Times answered wrong in all."""
    streak: int = 0
    """Right answers in a row in --wrong mode since the last wrong one."""
    first_wrong: str = ""
    last_wrong: str = ""
    last_seen: str = ""

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "type": self.type,
            "stem": self.stem,
            "answer": list(self.answer),
            "wrong": self.wrong,
            "streak": self.streak,
            "first_wrong": self.first_wrong,
            "last_wrong": self.last_wrong,
            "last_seen": self.last_seen,
        }

    @classmethod
    def from_dict(cls, qid: str, d: dict) -> Entry:
        def as_int(v) -> int:
            return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else 0

        answer = d.get("answer")
        return cls(
            id=qid,
            doc=str(d.get("doc") or ""),
            type=str(d.get("type") or ""),
            stem=str(d.get("stem") or ""),
            answer=[str(a) for a in answer] if isinstance(answer, list) else [],
            wrong=as_int(d.get("wrong")),
            streak=as_int(d.get("streak")),
            first_wrong=str(d.get("first_wrong") or ""),
            last_wrong=str(d.get("last_wrong") or ""),
            last_seen=str(d.get("last_seen") or ""),
        )


class WrongBook:
    """The book at ``path``; :meth:`record` saves after each answer."""

    def __init__(self, path: str | os.PathLike, *, warn=None):
        self.path = Path(path)
        self.entries: dict[str, Entry] = {}
        self._warn = warn or (lambda msg: print(f"{WARNING_PREFIX}{msg}", file=sys.stderr))
        self._write_failed = False
        self.cleared: list[str] = []
        """Ids that left the book during this run."""
        self.reload()

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        self.entries = self._read()

    def _read(self) -> dict[str, Entry]:
        try:
            size = self.path.stat().st_size
            if size > MAX_BOOK_BYTES:
                aside = self._set_aside()
                self._warn(f"{self.path}: 错题本有 {size / 2**20:.0f} MB，超过 {MAX_BOOK_BYTES // 2**20} MB 的上限"
                           f"（不像是错题本）；已把它另存为 {aside}，并新建了一本")
                return {}
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except IsADirectoryError as exc:
            raise InputError(
                "错题本路径是一个文件夹；请给出文件（--book 文件）", path=str(self.path)
            ) from exc
        except OSError as exc:
            raise InputError(f"无法读取错题本（{os_reason(exc)}）", path=str(self.path)) from exc
        try:
            text = raw.decode("utf-8-sig")  # a BOM that an editor added is no damage
            if not text.strip():
                return {}
            data = json.loads(text)
            items = data["questions"]
            if not isinstance(items, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            aside = self._set_aside()
            why = "不是 UTF-8 文本" if isinstance(exc, UnicodeDecodeError) else "已损坏"
            self._warn(
                f"{self.path}: 错题本{why}；已把它另存为 {aside}，并新建了一本"
            )
            return {}
        return {str(k): Entry.from_dict(str(k), v) for k, v in items.items() if isinstance(v, dict)}

    def _set_aside(self) -> Path:
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, aside)
        except OSError:
            pass
        return aside

    # ------------------------------------------------------------------ writing

    @property
    def unsaved(self) -> bool:
        """The last save failed: answers since then are not in the book on disk."""
        return self._write_failed

    def _save(self) -> None:
        data = {"version": FORMAT_VERSION, "questions": {k: e.to_dict() for k, e in self.entries.items()}}
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, text)
        except (OSError, InputError) as exc:
            if not self._write_failed:
                self._warn(
                    f"{self.path}: 无法保存错题本（{os_reason(exc) if isinstance(exc, OSError) else exc}）；"
                    "本次答题不会记入错题本"
                )
            self._write_failed = True
        else:
            self._write_failed = False

    def record(self, q: Question, correct: bool, *, review: bool) -> str:
        """Update the book with one answer and save it. Returns what happened to the question:
        ``added`` | ``again`` (wrong, already in the book) | ``progress`` | ``cleared`` | ``""``.
        The book is read, changed and written under its lock: another quiz saving at the same
        time waits, and neither loses the other's entries."""
        from quizgen.commit import clean_stale
        from quizgen.locking import file_lock_path, locked

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # _save says so
        with locked(file_lock_path(self.path)) as held:
            if held:
                clean_stale(self.path.parent, self.path.name.__eq__)
            return self._record(q, correct, review=review)

    def _record(self, q: Question, correct: bool, *, review: bool) -> str:
        try:
            self.entries = self._read()  # pick up what another quiz saved meanwhile
        except InputError:
            pass
        now = _now()
        entry = self.entries.get(q.id)
        if correct:
            if entry is None:
                return ""
            entry.last_seen = now
            if not review:
                self._save()
                return ""
            entry.streak += 1
            if entry.streak >= REVIEW_TO_CLEAR:
                del self.entries[q.id]
                self.cleared.append(q.id)
                self._save()
                return "" if self._write_failed else "cleared"
            self._save()
            return "" if self._write_failed else "progress"
        outcome = "again" if entry else "added"
        if entry is None:
            entry = self.entries[q.id] = Entry(id=q.id, first_wrong=now)
        entry.doc, entry.type, entry.stem, entry.answer = q.source.doc, q.type, q.stem, list(q.answer)
        entry.wrong += 1
        entry.streak = 0
        entry.last_wrong = entry.last_seen = now
        self._save()
        return "" if self._write_failed else outcome

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, qid: object) -> bool:
        return qid in self.entries
