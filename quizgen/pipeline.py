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

from quizgen.errors import InputError, QuizgenError
from quizgen.model import Document, Question


def questions_for(doc: Document) -> list[Question]:
    from quizgen.extract import extract_facts
    from quizgen.questions import generate

    return generate(extract_facts(doc), doc.name)


def _job(path: str, stdin_name: str | None):
    """Read and extract one input; any failure comes back as a QuizgenError naming the file."""
    from quizgen.readers import read_path

    try:
        doc = read_path(path, stdin_name=stdin_name)
        return doc.name, doc.title, dict(doc.meta), questions_for(doc)
    except QuizgenError as exc:
        return exc
    except Exception as exc:  # a defect must not take the other documents down with it
        return QuizgenError(f"could not extract ({type(exc).__name__}: {exc}); please report this",
                            path="<stdin>" if path == "-" else path)


def _results(paths: list[str], stdin_name: str | None, jobs: int):
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(_job, paths, [stdin_name] * len(paths))
    else:
        for p in paths:
            yield _job(p, stdin_name)


def extract_to_bank(inputs: list[str], bank_dir: str, *, stdin_name: str | None = None, jobs: int = 1,
                    quiet: bool = False) -> int:
    from quizgen.bank import Staging
    from quizgen.readers import expand_inputs

    paths = expand_inputs(inputs)
    staging = Staging(bank_dir)
    failures: list[QuizgenError] = []
    written, total = [], 0
    try:
        for i, (path, outcome) in enumerate(zip(paths, _results(paths, stdin_name, max(1, jobs))), 1):
            if isinstance(outcome, QuizgenError):
                failures.append(outcome)
                click.echo(f"quizgen: error: {outcome}", err=True)
                continue
            bf = staging.add(*outcome)
            written.append(bf.path)
            total += len(outcome[3])
            if not quiet:
                click.echo(f"[{i}/{len(paths)}] {path}: {len(outcome[3])} questions -> {bf.path}", err=True)
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    if written and not quiet:
        click.echo(f"wrote {len(written)} bank file(s) in {bank_dir}", err=True)
    if failures:
        if len(paths) == 1:
            sys.exit(failures[0].exit_code)  # its one-line message is already printed
        raise InputError(f"{len(failures)} of {len(paths)} input(s) could not be read (listed above)")
    return total
