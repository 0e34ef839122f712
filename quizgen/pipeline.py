"""The extract job: read inputs, extract facts, generate questions, merge them into the bank.

Each document is staged in the bank folder as soon as it is extracted (memory stays flat over
many documents); the bank files are put in place together at the end, so a failed or
interrupted run leaves the bank as it was. With several inputs the good ones are extracted and
the bad ones listed (exit code 2 at the end). ``-j N`` extracts in N worker processes.

Inputs are named before they are read: a file keeps its stem as document name unless an earlier
input of the run took that name (``a.docx`` then ``a.pdf``: the second is ``a-pdf``). A document
whose text is the same as an earlier input's, or as a bank file of another name, is not added.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from quizgen.errors import ERROR_PREFIX, InputError, QuizgenError, shown
from quizgen.model import Document, Question


def questions_for(doc: Document) -> list[Question]:
    from quizgen.extract import extract_facts
    from quizgen.extract.terms import forget_sentences
    from quizgen.gcpolicy import paused_gc
    from quizgen.questions import generate

    try:
        with paused_gc():  # the heap grows with the document and holds no cycles: no scans of it
            return generate(extract_facts(doc), doc.name, doc_text=doc.text)
    finally:
        forget_sentences()  # the segmentation cache serves one document: memory stays flat


def document_names(paths: list[str], stdin_name: str | None,
                   bank_dir: str | Path | None = None) -> list[tuple[str, int | str | None]]:
    """(document name, what it clashed with, or None) of each input, distinct by bank file: the
    file's stem, or, when an earlier input has it, ``stem-suffix`` (``a-pdf``; ``a-stdin`` for
    ``-``), then ``stem-suffix-2``, ``-3``… The clash is the earlier input's index, or the file
    (a path) a document of that name in the bank was extracted from, when that was another file:
    the new one is then named ``stem-2`` (``-3``…) and the bank's document is left alone."""
    from quizgen.fsutil import safe_name

    out: list[tuple[str, int | str | None]] = []
    taken: dict[str, int] = {}  # bank file name (case folded) -> input index
    for i, path in enumerate(paths):
        stem, label = (stdin_name or "stdin", "stdin") if path == "-" else (Path(path).stem, Path(path).suffix[1:])
        name, clash = stem, taken.get(safe_name(stem).casefold())
        if clash is not None:
            base = f"{stem}-{label.lower()}" if label else stem
            name, n = base, 2 if label else 1
            while safe_name(name).casefold() in taken:
                name, n = f"{base}-{n}", n + 1
        elif bank_dir is not None and path != "-":
            other = _extracted_from(bank_dir, name)
            if other and other != str(Path(path).resolve()):
                clash, n = other, 2
                while safe_name(f"{stem}-{n}").casefold() in taken or \
                        _extracted_from(bank_dir, f"{stem}-{n}") not in ("", str(Path(path).resolve())):
                    n += 1
                name = f"{stem}-{n}"
                if _extracted_from(bank_dir, name):
                    clash = None  # it was named so before: this run only updates it
        taken[safe_name(name).casefold()] = i
        out.append((name, clash))
    return out


def _extracted_from(bank_dir: str | Path, name: str) -> str:
    """The file the bank's document ``name`` was extracted from ('' if none is recorded)."""
    from quizgen.bankio import bank_path, read_header

    path = bank_path(Path(bank_dir), name)
    return str(read_header(path).get("source_file") or "") if path.exists() else ""


def _job(path: str, name: str, bank_dir: str, title: str | None = None):
    """Read, extract and stage one input as document ``name`` (titled ``title`` when given) (in a worker with -j): returns
    (staged bank file, document name, number of questions, text hash, staged text); any failure
    comes back as a QuizgenError naming the file. The cyclic collector is paused meanwhile
    (``gcpolicy``): it resumes when the document's objects are freed, with little left to scan."""
    from quizgen.gcpolicy import paused_gc

    with paused_gc():
        return _read_extract_stage(path, name, bank_dir, title)


def _read_extract_stage(path: str, name: str, bank_dir: str, title: str | None):
    from quizgen.bank import Staged, stage_document
    from quizgen.bankio import text_hash
    from quizgen.doctext import stage_text
    from quizgen.readers import read_path

    try:
        doc = read_path(path, name=name)
        if title:
            doc.title = title
        questions = questions_for(doc)
        digest = text_hash(doc.text)
        staged, _bf = stage_document(bank_dir, doc.name, doc.title, dict(doc.meta), questions, digest,
                                     "" if path == "-" else str(Path(path).resolve()))
        try:
            text = Staged(*stage_text(bank_dir, doc.name, doc.text))
        except OSError as exc:
            staged.discard()
            raise InputError(f"无法写入题库（{exc.strerror or exc}）；什么也没改", path=str(bank_dir)) from exc
        return staged, doc.name, len(questions), digest, text
    except QuizgenError as exc:
        return exc
    except Exception as exc:  # a defect must not take the other documents down with it
        return QuizgenError(f"提取失败（{type(exc).__name__}: {exc}）；这是程序缺陷，请报告",
                            path="<stdin>" if path == "-" else path)


def _worker_start(parent: int) -> None:
    """In each -j worker: name temporary files after the parent (they are its to commit or
    drop) and die with it, so a killed extract leaves no worker behind."""
    from quizgen.fsutil import set_owner
    from quizgen.procs import die_with_parent

    set_owner(parent)
    die_with_parent(parent)


def _results(paths: list[str], names: list[str], bank_dir: str, jobs: int, title: str | None):
    if jobs > 1 and len(paths) > 1:
        from concurrent.futures import ProcessPoolExecutor  # 50 ms of imports: only when used

        with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
            n = len(paths)
            yield from pool.map(_job, paths, names, [bank_dir] * n, [title] * n)
    else:
        for p, name in zip(paths, names):
            yield _job(p, name, bank_dir, title)


def _to_stderr(text: str) -> None:
    click.echo(text, err=True)


def _say_skipped(skipped: list[tuple[str, str | None]], say) -> None:
    """One line per skipped file that may be a document, one line for all plain non-documents."""
    others = [path for path, reason in skipped if reason is None]
    for path, reason in skipped:
        if reason is not None:
            say(f"跳过 {shown(path)}：{reason}")
    if others:
        listed = "、".join(shown(p) for p in others[:3]) + ("等" if len(others) > 3 else "")
        say(f"跳过 {len(others)} 个不是文档的文件（图片、音视频、网页附件等）：{listed}")


def extract_to_bank(inputs: list[str], bank_dir: str, *, stdin_name: str | None = None, jobs: int = 1,
                    quiet: bool = False, title: str | None = None, echo: Callable[[str], None] | None = None) -> int:
    """Extract every input into the bank; ``title`` names the document (one input only) where
    its first line or metadata does not, or names it better. Progress and error lines go to
    ``echo`` (default: standard error), one call per line."""
    from quizgen.bank import Staging, text_hashes
    from quizgen.readers import expand_inputs

    skipped: list[tuple[str, str | None]] = []
    paths = expand_inputs(inputs, skipped)
    title = (title or "").strip() or None
    if title and len(paths) > 1:
        raise InputError(f"--title 只能用于一个文档（这次有 {len(paths)} 个输入）；请逐个提取并各自给出标题")
    say = echo or _to_stderr
    _say_skipped(skipped, say)
    named = document_names(paths, stdin_name, bank_dir)
    staging = Staging(bank_dir)
    failures: list[QuizgenError] = []
    written, total = [], 0
    in_bank = text_hashes(bank_dir)  # text hash -> bank file holding that text
    in_run: dict[str, str] = {}  # text hash -> input extracted earlier in this run
    try:
        outcomes = _results(paths, [name for name, _ in named], bank_dir, max(1, jobs), title)
        for i, (path, outcome) in enumerate(zip(paths, outcomes), 1):
            if isinstance(outcome, QuizgenError):
                failures.append(outcome)
                say(f"{ERROR_PREFIX}{outcome}")
                continue
            staged, name, n, digest, text = outcome
            target = staged.target
            where = shown(path)
            same = in_run.get(digest) or (in_bank[digest] if in_bank.get(digest, target) != target else None)
            if same:
                staged.discard()
                text.discard()
                say(f"跳过 {where}：内容与 {shown(str(same))} 相同，题库中不再重复加入")
                continue
            clash = named[i - 1][1]
            if isinstance(clash, int):
                say(f"{where} 与 {shown(paths[clash])} 同名，改以文档名 {shown(name)} 提取"
                    f"（题库文件 {target.name}）")
            elif clash:
                say(f"题库里的同名文档是从 {shown(clash)} 提取的，{where} 不覆盖它，改以文档名 "
                    f"{shown(name)} 提取（题库文件 {target.name}）；若是同一文档换了位置，"
                    f"请先删去或改名原题库文件")
            in_run[digest] = where
            in_bank = {h: p for h, p in in_bank.items() if p != target}
            staging.adopt(staged, name)
            staging.adopt(text, name)
            written.append(target)
            total += n
            if not quiet:
                say(f"[{i}/{len(paths)}] {path if path == '-' else where}：{n} 道题 -> {target}")
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    if written and not quiet:
        say(f"已写入 {len(written)} 个题库文件，位于 {bank_dir}")
    if failures:
        if len(paths) == 1:
            sys.exit(failures[0].exit_code)  # its one-line message is already printed
        raise InputError(f"{len(paths)} 个输入中有 {len(failures)} 个无法读取（见上面所列）")
    return total
