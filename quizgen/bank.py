"""The question bank as a whole: load a folder of YAML files, merge a re-extraction into it.

Merging keeps people's work: an edited question stays as edited, a rejected one stays rejected,
a deleted one (its id is in ``generated`` but no longer in ``questions``) is not brought back,
and questions a person added by hand are kept, as is one whose id a person changed (an id
quizgen never generated), and every field a person added (``extra``). A document's questions
stay in the file that holds them, also when a person renamed it; a file with comments is not
rewritten (a load and dump would drop them).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.bankcomments import comment_lines
from quizgen.bankio import (
    BankFile,
    Problem,
    bank_path,
    content_fingerprint,
    dump_bank_file,
    is_edited,
    read_bank_file,
    read_header,
    read_text_hash,
)
from quizgen.errors import WARNING_PREFIX, BankError, InputError, os_reason
from quizgen.fsutil import safe_name, write_beside
from quizgen.model import Question


@dataclass
class Bank:
    """All usable questions of a bank folder, with the problems found while loading it."""

    folder: Path
    files: list[BankFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        """Usable (not rejected) questions of every file, pinned ones first, then the most important."""
        qs = [q for f in self.files for q in f.questions if q.status != "rejected"]
        return sorted(qs, key=lambda q: (not q.pin, -q.score))


def bank_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file() and not p.name.startswith("."))


def text_hashes(folder: str | Path) -> dict[str, Path]:
    """``text_hash`` -> bank file, for the files of ``folder`` that record one (older files do not)."""
    out: dict[str, Path] = {}
    if Path(folder).is_dir():
        for path in bank_files(Path(folder)):
            h = read_text_hash(path)
            if h:
                out.setdefault(h, path)
    return out


def load_bank(folder: str | Path, *, strict_files: bool = False) -> Bank:
    """Load every ``*.yaml`` in ``folder``; broken files and questions are recorded as problems.

    With ``strict_files`` a malformed file raises; otherwise it becomes a problem and is skipped.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(
            "这里没有题库文件夹；请先运行 `quizgen extract 文件`，或用 --bank 指定题库文件夹",
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
                    Problem(str(path), bf.lines.get(q.id, 1), f"题目编号 {q.id!r} 重复（{seen[q.id]} 中也有）")
                )
                continue
            seen[q.id] = str(path)
            kept.append(q)
        bf.questions = kept
        weigh_hand_written(bf)
        bank.files.append(bf)
    return bank


def weigh_hand_written(bf: BankFile) -> None:
    """A question a person wrote (it has no ``fingerprint``) and gave no score weighs as much as
    the best generated question of its file: whoever wrote it meant it to be asked. (``pin:
    true`` goes further: every paper and quiz whose filters it matches includes it.)"""
    generated = [q.score for q in bf.questions if q.fingerprint]
    best = max(generated, default=1.0)
    for q in bf.questions:
        if not q.fingerprint and q.score <= 0:
            q.score = best


def warn_problems(bank: Bank, stream=None) -> None:
    """Tell the user which broken questions were skipped (commands that only read the bank)."""
    stream = stream or sys.stderr
    for p in bank.problems:
        print(f"{WARNING_PREFIX}{p}（已跳过）", file=stream)


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
            prev.source.section = q.source.section  # where it stands is not a person's edit
            out.append(prev)
        else:
            q.status, q.tags, q.pin, q.extra = prev.status, prev.tags, prev.pin, prev.extra
            q.source.extra = prev.source.extra
            out.append(q)
        used.add(q.id)
    # questions no longer generated: keep a person's (hand-written, edited, reviewed, renamed,
    # annotated), drop stale generated ones
    for q in existing.questions:
        renamed = bool(ever) and q.id not in ever  # an id quizgen never gave: a person's
        if q.id not in used and (is_edited(q) or q.status != "new" or renamed or q.extra or q.source.extra):
            out.append(q)
    out.sort(key=lambda q: -q.score)
    bf = BankFile(path=path, doc=doc, title=title or existing.title, meta=dict(meta or existing.meta),
                  extra=dict(existing.extra))
    bf.questions = out
    bf.generated = sorted(ever | {q.id for q in generated})
    return bf


class Staging:
    """The bank files of one extract run: each document is merged and written to a temporary file
    beside its bank file as soon as it is extracted, and all are put in place together by
    ``commit`` (or removed by ``abort``). Memory stays flat however many documents there are;
    a failure or an interruption before ``commit`` ends leaves the bank exactly as it was.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.staged: list[tuple[str, Path]] = []
        self.targets: dict[Path, str] = {}

    def add(self, doc: str, title: str, meta: dict, questions: list[Question]) -> BankFile:
        """Merge one document's questions with its bank file and stage the result."""
        tmp, bf = stage_document(self.folder, doc, title, meta, questions)
        self.adopt(tmp, bf.path, doc)
        return bf

    def adopt(self, tmp: str, path: Path, doc: str) -> None:
        """Take a file staged by ``stage_document`` (in this process or a worker) into the run."""
        self.staged.append((tmp, path))
        if path in self.targets:
            raise InputError(f"文档 {self.targets[path]!r} 和 {doc!r} 会写入同一个题库文件 "
                             f"{path.name}；请给其中一个改名", path=str(path))
        self.targets[path] = doc

    def commit(self) -> None:
        """Put every staged file in place; on any failure put back what was replaced."""
        backups: list[tuple[Path, str | None]] = []
        done: list[tuple[Path, str | None]] = []
        try:
            for _tmp, target in self.staged:
                backup = None
                if target.exists():
                    fd, backup = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".bak", dir=self.folder)
                    os.close(fd)
                    os.unlink(backup)
                    try:
                        os.link(target, backup)  # a second name for the old file: no copy in memory
                    except OSError:
                        shutil.copy2(target, backup)  # a file system without hard links
                backups.append((target, backup))
            for (tmp, target), (_t, backup) in zip(self.staged, backups):
                os.replace(tmp, target)
                done.append((target, backup))
        except BaseException as exc:
            for target, backup in reversed(done):
                try:
                    if backup is None:
                        target.unlink()
                    else:
                        os.replace(backup, target)
                except OSError:
                    pass
            self.abort(backups)
            if isinstance(exc, OSError):
                raise InputError(f"无法写入题库（{os_reason(exc)}）；题库没有改动",
                                 path=str(getattr(exc, "filename", None) or self.folder)) from exc
            raise
        self._remove([b for _t, b in backups if b])
        self.staged = []

    def abort(self, backups: list[tuple[Path, str | None]] = ()) -> None:
        """Remove every staged (and backup) file; the bank is as it was."""
        self._remove([tmp for tmp, _t in self.staged] + [b for _t, b in backups if b])
        self.staged = []

    @staticmethod
    def _remove(paths) -> None:
        for p in paths:
            try:
                os.unlink(p)
            except OSError:
                pass


def stage_document(folder: Path, doc: str, title: str, meta: dict,
                   questions: list[Question], text_hash: str = "") -> tuple[str, BankFile]:
    """Merge one document's questions with its bank file and write the result to a temporary
    file beside it; returns (temporary path, merged file). Safe to run in worker processes.
    ``text_hash`` (of the document's text) is recorded in the file's header."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = doc_file(folder, doc)
    existing = None
    if path.exists():
        existing, problems = read_bank_file(path)  # malformed YAML raises: nothing written
        if problems:
            # rewriting would drop the broken (hand-edited) questions: a person's work
            first = problems[0]
            raise BankError(f"{first.message}；请先改正（`quizgen bank check` 会列出每个问题），"
                            f"什么也没有写入", path=first.path, line=first.line)
        refuse_lost_work(path, existing, doc)
    bf = merge(existing, questions, path, doc, title, meta)
    bf.text_hash = text_hash or (existing.text_hash if existing else "")
    data = dump_bank_file(bf).encode("utf-8")
    try:
        tmp = write_beside(path, data)
    except OSError as exc:
        raise InputError(f"无法写入题库（{os_reason(exc)}）；题库没有改动",
                         path=str(folder)) from exc
    return tmp, bf


def doc_file(folder: Path, doc: str) -> Path:
    """The bank file holding ``doc``: its own name, or the one file a person renamed (whose
    ``doc:`` names it); two renamed files claiming it are refused (their ids would clash)."""
    path = bank_path(folder, doc)
    if path.exists():
        return path
    claims = [p for p in bank_files(folder) if str(read_header(p).get("doc") or "") == doc]
    if len(claims) > 1:
        raise BankError(f"有 {len(claims)} 个题库文件的 `doc:` 都是 {doc!r}（"
                        f"{'、'.join(p.name for p in claims)}）；请只留一个，什么也没有写入", path=str(claims[0]))
    return claims[0] if claims else path


def refuse_lost_work(path: Path, existing: BankFile, doc: str) -> None:
    """Raise BankError (with file:line) when rewriting ``path`` for ``doc`` would lose what a person
    wrote: a comment (PyYAML cannot keep it), or the file holds another document."""
    if safe_name(existing.doc) != safe_name(doc):
        raise BankError(f"这个题库文件的 `doc:` 是 {existing.doc!r}，不是 {doc!r}（文件被改过名？）；"
                        f"请把文件名或 `doc:` 改成一致，什么也没有写入", path=str(path), line=1)
    try:
        comments = comment_lines(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        comments = []
    if comments:
        where = "这一行" if len(comments) == 1 else \
            "第 " + "、".join(str(n) for n in comments[:5]) + ("等" if len(comments) > 5 else "") + " 行"
        raise BankError(f"{where}有注释（#…）：重新提取会重写这个文件并丢掉注释；请把注释写进那道题的"
                        f" `note:` 字段（quizgen 会保留它）或删掉，什么也没有写入", path=str(path), line=comments[0])


def save_documents(folder: str | Path, results: list[tuple[str, str, dict, list[Question]]]) -> list[BankFile]:
    """Merge each (doc, title, meta, questions) into the bank; all files are written or none."""
    staging = Staging(folder)
    files = []
    try:
        for doc, title, meta, questions in results:
            files.append(staging.add(doc, title, meta, questions))
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    return files
