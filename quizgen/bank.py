"""The question bank as a whole: load a folder of YAML files, merge a re-extraction into it.

Merging keeps people's work: an edited question stays as edited, a rejected one stays rejected,
a deleted one (its id is in ``generated`` but no longer in ``questions``) is not brought back,
and questions a person added by hand are kept, as is one whose id a person changed (an id
quizgen never generated), and every field a person added (``extra``). A document's questions
stay in the file that holds them, also when a person renamed it; a file with comments is not
rewritten (a load and dump would drop them).

An extract run stages its files and commits them together (``Staging``, over
``quizgen.commit``) under the bank's lock (``quizgen.locking``); loading the bank first finishes
a commit a killed run left and reads under the shared lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
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
from quizgen.gcpolicy import paused_gc
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
    with reading_bank(folder), paused_gc():
        return _load(folder, strict_files)


def _load(folder: Path, strict_files: bool) -> Bank:
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


def file_signature(path: Path) -> tuple:
    """What a bank file is at this moment (absent, or its size and content hash): a run that
    read it compares this when it commits, to see whether someone changed it meanwhile."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return ("absent",)
    return (len(data), hashlib.sha256(data).hexdigest())


@dataclass
class Staged:
    """A file written beside its target, waiting for the commit of its run."""

    tmp: str
    """The temporary file holding the new content."""
    target: Path
    """Where it goes."""
    seen: tuple | None = None
    """``file_signature`` of the target when it was read for merging (None: not a merge)."""
    inputs: str | None = None
    """A temporary file holding what was merged (document, title, meta, questions, text hash),
    to merge again with the target as it is at commit time if someone changed it."""

    def discard(self) -> None:
        for p in (self.tmp, self.inputs):
            if p:
                try:
                    os.unlink(p)
                except OSError:
                    pass


def _bank_temp_names(base: str) -> bool:
    return base.endswith((".yaml", ".txt", ".json"))


def tidy_bank(folder: Path) -> None:
    """Finish or undo a commit a killed run left, and remove stale temporary files (the caller
    holds the folder's lock)."""
    from quizgen.commit import clean_stale, tidy
    from quizgen.doctext import TEXTS_DIR

    tidy(folder, _bank_temp_names)
    if (folder / TEXTS_DIR).is_dir():
        clean_stale(folder / TEXTS_DIR, _bank_temp_names)


@contextlib.contextmanager
def reading_bank(folder: Path):
    """Read the bank under its shared lock, after tidying it when no one else is at it (and
    always, waiting for the writer, when a killed run left a commit unfinished)."""
    from quizgen.commit import journal_path
    from quizgen.locking import folder_locked

    with folder_locked(folder, blocking=journal_path(folder).exists()) as got:
        if got:
            tidy_bank(folder)
    with folder_locked(folder, shared=True):
        yield


class Staging:
    """The bank files of one extract run: each document is merged and written to a temporary file
    beside its bank file as soon as it is extracted, and all are put in place together by
    ``commit`` (or removed by ``abort``). Memory stays flat however many documents there are;
    a failure, an interruption or a kill before ``commit`` ends leaves the bank exactly as it
    was (or, killed after the commit was decided, as the next run completes it). ``commit``
    holds the bank's lock, and merges again a bank file that changed since it was read (a
    hand edit saved during the run is kept).
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.staged: list[Staged] = []
        self.targets: dict[Path, str] = {}
        if self.folder.is_dir():
            from quizgen.locking import folder_locked

            with folder_locked(self.folder):
                tidy_bank(self.folder)

    def add(self, doc: str, title: str, meta: dict, questions: list[Question]) -> BankFile:
        """Merge one document's questions with its bank file and stage the result."""
        staged, bf = stage_document(self.folder, doc, title, meta, questions)
        self.adopt(staged, doc)
        return bf

    def adopt(self, staged: Staged, doc: str) -> None:
        """Take a file staged by ``stage_document`` (in this process or a worker) into the run."""
        self.staged.append(staged)
        path = staged.target
        if path in self.targets:
            raise InputError(f"文档 {self.targets[path]!r} 和 {doc!r} 会写入同一个题库文件 "
                             f"{path.name}；请给其中一个改名", path=str(path))
        self.targets[path] = doc

    def _merge_again(self, st: Staged) -> None:
        with open(st.inputs, "rb") as fh:
            doc, title, meta, questions, digest, source_file = pickle.load(fh)
        tmp, _bf = _write_merged(self.folder, st.target, doc, title, meta, questions, digest, source_file)
        os.unlink(st.tmp)
        st.tmp = tmp
        print(f"{st.target}：提取期间此文件被修改过，已按修改后的内容重新合并", file=sys.stderr)

    def commit(self) -> None:
        """Put every staged file in place, all or none, under the bank's lock."""
        from quizgen.commit import commit_locked
        from quizgen.locking import folder_locked

        if not self.staged:
            return
        try:
            with folder_locked(self.folder):
                tidy_bank(self.folder)
                for st in self.staged:
                    if st.inputs and file_signature(st.target) != st.seen:
                        self._merge_again(st)
                commit_locked(self.folder, [(st.tmp, st.target) for st in self.staged])
        except OSError as exc:
            self.abort()
            raise InputError(f"无法写入题库（{os_reason(exc)}）；题库没有改动",
                             path=str(getattr(exc, "filename", None) or self.folder)) from exc
        except BaseException:
            self.abort()
            raise
        for st in self.staged:
            st.tmp = ""
            st.discard()
        self.staged = []

    def abort(self) -> None:
        """Remove every staged file; the bank is as it was."""
        for st in self.staged:
            st.discard()
        self.staged = []


def stage_document(folder: Path, doc: str, title: str, meta: dict,
                   questions: list[Question], text_hash: str = "",
                   source_file: str = "") -> tuple[Staged, BankFile]:
    """Merge one document's questions with its bank file and write the result to a temporary
    file beside it; returns (the staged file, merged file). Safe to run in worker processes.
    ``text_hash`` (of the document's text) is recorded in the file's header."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = doc_file(folder, doc)
    seen = file_signature(path)  # before reading: a change after it is seen at commit
    try:
        inputs = write_beside(path, pickle.dumps((doc, title, meta, questions, text_hash, source_file)))
    except OSError as exc:
        raise InputError(f"无法写入题库（{os_reason(exc)}）；题库没有改动", path=str(folder)) from exc
    try:
        tmp, bf = _write_merged(folder, path, doc, title, meta, questions, text_hash, source_file)
    except BaseException:
        os.unlink(inputs)
        raise
    return Staged(tmp, path, seen, inputs), bf


def _write_merged(folder: Path, path: Path, doc: str, title: str, meta: dict,
                  questions: list[Question], text_hash: str, source_file: str = "") -> tuple[str, BankFile]:
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
    bf.source_file = source_file or (existing.source_file if existing else "")
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
