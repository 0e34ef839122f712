"""The question bank as a whole: load a folder of YAML files, merge a re-extraction into it.

Merging keeps people's work: an edited question stays as edited, a rejected one stays rejected,
a deleted one (its id is in ``generated`` but no longer in ``questions``) is not brought back,
and questions a person added by hand are kept.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.bankio import (
    BankFile,
    Problem,
    bank_path,
    content_fingerprint,
    dump_bank_file,
    is_edited,
    read_bank_file,
)
from quizgen.errors import BankError, InputError, QuizgenError
from quizgen.fsutil import atomic_write_bytes
from quizgen.model import Question

DEFAULT_BANK = "question_bank"


@dataclass
class Bank:
    """All usable questions of a bank folder, with the problems found while loading it."""

    folder: Path
    files: list[BankFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        """Usable (not rejected) questions of every file, most important first."""
        qs = [q for f in self.files for q in f.questions if q.status != "rejected"]
        return sorted(qs, key=lambda q: -q.score)


def bank_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file() and not p.name.startswith("."))


def load_bank(folder: str | Path, *, strict_files: bool = False) -> Bank:
    """Load every ``*.yaml`` in ``folder``; broken files and questions are recorded as problems.

    With ``strict_files`` a malformed file raises; otherwise it becomes a problem and is skipped.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(
            f"no question bank folder here; run `quizgen extract FILE` first or pass --bank DIR",
            path=str(folder),
        )
    bank = Bank(folder=folder)
    seen: dict[str, str] = {}
    for path in bank_files(folder):
        try:
            bf, problems = read_bank_file(path)
        except BankError as exc:
            if strict_files:
                raise
            bank.problems.append(Problem(exc.path or str(path), exc.line or 1, exc.message))
            continue
        bank.problems.extend(problems)
        kept = []
        for q in bf.questions:
            if q.id in seen:
                bank.problems.append(
                    Problem(str(path), bf.lines.get(q.id, 1), f"duplicate id {q.id!r} (also in {seen[q.id]})")
                )
                continue
            seen[q.id] = str(path)
            kept.append(q)
        bf.questions = kept
        bank.files.append(bf)
    return bank


def warn_problems(bank: Bank, stream=None) -> None:
    """Tell the user which broken questions were skipped (commands that only read the bank)."""
    stream = stream or sys.stderr
    for p in bank.problems:
        print(f"warning: {p} (skipped)", file=stream)


def merge(existing: BankFile | None, generated: list[Question], path: Path, doc: str,
          title: str = "", meta: dict | None = None) -> BankFile:
    """The bank file after re-extracting ``doc``: new questions in, people's edits kept."""
    for q in generated:
        q.fingerprint = content_fingerprint(q)
    if existing is None:
        bf = BankFile(path=path, doc=doc, title=title, meta=dict(meta or {}))
        bf.questions = list(generated)
        bf.generated = sorted(q.id for q in generated)
        return bf
    old = {q.id: q for q in existing.questions}
    ever = set(existing.generated)
    out: list[Question] = []
    used: set[str] = set()
    for q in generated:
        prev = old.get(q.id)
        if prev is None:
            if q.id in ever:
                continue  # a person deleted it: do not bring it back
            out.append(q)
        elif is_edited(prev) or prev.status == "rejected":
            out.append(prev)
        else:
            q.status, q.tags = prev.status, prev.tags
            out.append(q)
        used.add(q.id)
    # questions no longer generated: keep hand-written or edited ones, drop stale generated ones
    for q in existing.questions:
        if q.id not in used and (is_edited(q) or q.status != "new"):
            out.append(q)
    out.sort(key=lambda q: -q.score)
    bf = BankFile(path=path, doc=doc, title=title or existing.title, meta=dict(meta or existing.meta))
    bf.questions = out
    bf.generated = sorted(ever | {q.id for q in generated})
    return bf


def save_documents(folder: str | Path, results: list[tuple[str, str, dict, list[Question]]]) -> list[BankFile]:
    """Merge each (doc, title, meta, questions) into the bank and write the files atomically.

    Every file is merged in memory first; only when all merged cleanly are they written, so a
    failure leaves the bank exactly as it was.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    merged: list[BankFile] = []
    for doc, title, meta, questions in results:
        path = bank_path(folder, doc)
        existing = None
        if path.exists():
            existing, problems = read_bank_file(path)  # malformed YAML raises: nothing written
            if problems:
                # rewriting would drop the broken (hand-edited) questions: a person's work
                first = problems[0]
                raise BankError(f"{first.message}; fix it first (`quizgen bank check` lists every problem), "
                                f"nothing was written", path=first.path, line=first.line)
        merged.append(merge(existing, questions, path, doc, title, meta))
    write_all(merged)
    return merged


def write_all(files: list[BankFile]) -> None:
    """Write every file or none: each is staged in a temporary file beside it, then all are renamed.

    A failure while staging leaves every file untouched; one while renaming puts back the files
    already replaced, so an interrupted or failed write leaves the bank as it was.
    """
    staged: list[tuple[str, Path, bytes | None]] = []
    done: list[tuple[Path, bytes | None]] = []
    try:
        for bf in files:
            data = dump_bank_file(bf).encode("utf-8")
            old = bf.path.read_bytes() if bf.path.exists() else None
            fd, tmp = tempfile.mkstemp(prefix=f".{bf.path.name}.", suffix=".tmp", dir=bf.path.parent)
            staged.append((tmp, bf.path, old))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, target, old in staged:
            os.replace(tmp, target)
            done.append((target, old))
    except BaseException as exc:
        for target, old in reversed(done):
            try:
                if old is None:
                    target.unlink()
                else:
                    atomic_write_bytes(target, old)
            except (OSError, QuizgenError):
                pass
        for tmp, _target, _old in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write the bank ({exc.strerror or exc}); nothing was changed",
                             path=str(getattr(exc, "filename", None) or files[0].path.parent)) from exc
        raise
