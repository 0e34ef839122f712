"""The extract job: read inputs, extract facts, generate questions, merge them into the bank.

Each document is staged in the bank folder as soon as it is extracted (memory stays flat over
many documents); the bank files are put in place together at the end, so a failed or
interrupted run leaves the bank as it was. With several inputs the good ones are extracted and
the bad ones listed (exit code 2 at the end). ``-j N`` extracts in N worker processes.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor

import click

from quizgen.errors import ERROR_PREFIX, InputError, QuizgenError
from quizgen.model import Document, Question


def questions_for(doc: Document) -> list[Question]:
    from quizgen.extract import extract_facts
    from quizgen.extract.terms import forget_sentences
    from quizgen.questions import generate

    try:
        return generate(extract_facts(doc), doc.name, doc_text=doc.text)
    finally:
        forget_sentences()  # the segmentation cache serves one document: memory stays flat


def _job(path: str, stdin_name: str | None, bank_dir: str, title: str | None = None):
    """Read, extract and stage one input (in a worker with -j): returns (staged file, bank file,
    document name, number of questions); any failure comes back as a QuizgenError naming the file."""
    from quizgen.bank import stage_document
    from quizgen.readers import read_path

    try:
        doc = read_path(path, stdin_name=stdin_name)
        if title:
            doc.title = title
        questions = questions_for(doc)
        tmp, bf = stage_document(bank_dir, doc.name, doc.title, dict(doc.meta), questions)
        return tmp, bf.path, doc.name, len(questions)
    except QuizgenError as exc:
        return exc
    except Exception as exc:  # a defect must not take the other documents down with it
        return QuizgenError(f"提取失败（{type(exc).__name__}: {exc}）；这是程序缺陷，请报告",
                            path="<stdin>" if path == "-" else path)


def _results(paths: list[str], stdin_name: str | None, bank_dir: str, jobs: int, title: str | None):
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            n = len(paths)
            yield from pool.map(_job, paths, [stdin_name] * n, [bank_dir] * n, [title] * n)
    else:
        for p in paths:
            yield _job(p, stdin_name, bank_dir, title)


def extract_to_bank(inputs: list[str], bank_dir: str, *, stdin_name: str | None = None, jobs: int = 1,
                    quiet: bool = False, title: str | None = None) -> int:
    """Extract every input into the bank; ``title`` names the document (one input only) where
    its first line or metadata does not, or names it better."""
    from quizgen.bank import Staging
    from quizgen.readers import expand_inputs

    paths = expand_inputs(inputs)
    title = (title or "").strip() or None
    if title and len(paths) > 1:
        raise InputError(f"--title 只能用于一个文档（这次有 {len(paths)} 个输入）；请逐个提取并各自给出标题")
    staging = Staging(bank_dir)
    failures: list[QuizgenError] = []
    written, total = [], 0
    try:
        outcomes = _results(paths, stdin_name, bank_dir, max(1, jobs), title)
        for i, (path, outcome) in enumerate(zip(paths, outcomes), 1):
            if isinstance(outcome, QuizgenError):
                failures.append(outcome)
                click.echo(f"{ERROR_PREFIX}{outcome}", err=True)
                continue
            tmp, target, name, n = outcome
            staging.adopt(tmp, target, name)
            written.append(target)
            total += n
            if not quiet:
                click.echo(f"[{i}/{len(paths)}] {path}：{n} 道题 -> {target}", err=True)
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    if written and not quiet:
        click.echo(f"已写入 {len(written)} 个题库文件，位于 {bank_dir}", err=True)
    if failures:
        if len(paths) == 1:
            sys.exit(failures[0].exit_code)  # its one-line message is already printed
        raise InputError(f"{len(paths)} 个输入中有 {len(failures)} 个无法读取（见上面所列）")
    return total
