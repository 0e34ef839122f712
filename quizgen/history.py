"""The papers made from a bank: which questions, when, into which files.

Kept beside the bank files as ``<bank>/.papers.json`` (a dot-file, so never read as a bank
file), written atomically after the paper files are in place, under the bank's lock (and
read again under it, so two papers made at once are both recorded). A new paper leaves out the
questions of the papers of the last ``RECENT_DAYS`` days while fresh ones are left; the same
request prints the recorded paper again (the caller puts the output name into a request
without a seed).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.fsutil import atomic_write_text

HISTORY_NAME = ".papers.json"
RECENT_DAYS = 366
"""A paper of the last year is recent: its questions are not asked again unless asked for."""


@dataclass
class PaperRecord:
    """One paper made: when, into which files, its questions in order, and the request."""

    made: str
    files: list[str]
    ids: list[str]
    request: dict = field(default_factory=dict)

    def age_days(self, now: dt.datetime) -> float:
        try:
            made = dt.datetime.fromisoformat(self.made)
        except ValueError:
            return 0.0
        return (now - made).total_seconds() / 86400


def history_path(bank_dir: str | Path) -> Path:
    return Path(bank_dir) / HISTORY_NAME


def load_history(bank_dir: str | Path) -> list[PaperRecord]:
    """The recorded papers, oldest first; an unreadable record file counts as none (it is only
    a memory of what was printed, never a person's work)."""
    path = history_path(bank_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    out = []
    for item in data.get("papers", []) if isinstance(data, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("ids"), list):
            out.append(PaperRecord(str(item.get("made", "")), [str(f) for f in item.get("files", [])],
                                   [str(i) for i in item["ids"]], dict(item.get("request") or {})))
    return out


def recent_ids(records: list[PaperRecord], now: dt.datetime | None = None) -> frozenset[str]:
    now = now or dt.datetime.now()
    return frozenset(i for r in records if r.age_days(now) <= RECENT_DAYS for i in r.ids)


def same_request(records: list[PaperRecord], request: dict) -> PaperRecord | None:
    """The first paper made by exactly this request."""
    return next((r for r in records if r.request == request), None)


def record_paper(bank_dir: str | Path, files: list[Path], ids: list[str], request: dict,
                 now: dt.datetime | None = None) -> None:
    from quizgen.locking import folder_locked

    with folder_locked(bank_dir):  # re-read under the lock: a paper made meanwhile is kept
        _record(bank_dir, files, ids, request, now)


def _record(bank_dir, files, ids, request, now) -> None:
    records = load_history(bank_dir)
    made = (now or dt.datetime.now()).isoformat(timespec="seconds")
    records.append(PaperRecord(made, [str(f) for f in files], list(ids), dict(request)))
    data = {"papers": [r.__dict__ for r in records]}
    atomic_write_text(history_path(bank_dir), json.dumps(data, ensure_ascii=False, indent=1) + "\n")
