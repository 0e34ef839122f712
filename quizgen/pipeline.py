"""The extract job: read inputs, extract facts, generate questions, merge them into the bank.

Several inputs: the good ones are processed and the bad ones listed (exit code 2 at the end);
bank files are only written once every document was extracted, each atomically.
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
    from quizgen.readers import read_path

    doc = read_path(path, stdin_name=stdin_name)
    return doc.name, doc.title, dict(doc.meta), questions_for(doc)


def extract_to_bank(inputs: list[str], bank_dir: str, *, stdin_name: str | None = None, jobs: int = 1,
                    quiet: bool = False) -> int:
    from quizgen.bank import save_documents
    from quizgen.readers import expand_inputs

    paths = expand_inputs(inputs)
    results, failures = [], []
    show = not quiet

    def report(i: int, path: str, outcome) -> None:
        if isinstance(outcome, QuizgenError):
            failures.append(outcome)
            click.echo(f"quizgen: error: {outcome}", err=True)
        else:
            results.append(outcome)
            if show:
                click.echo(f"[{i}/{len(paths)}] {path}: {len(outcome[3])} questions", err=True)

    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_job, p, stdin_name) for p in paths]
            for i, (p, fut) in enumerate(zip(paths, futures), 1):
                try:
                    report(i, p, fut.result())
                except QuizgenError as exc:
                    report(i, p, exc)
    else:
        for i, p in enumerate(paths, 1):
            try:
                report(i, p, _job(p, stdin_name))
            except QuizgenError as exc:
                report(i, p, exc)
    names = [r[0] for r in results]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise InputError(f"two inputs have the same document name {sorted(dup)[0]!r}; rename one")
    if results:
        files = save_documents(bank_dir, results)
        if show:
            for bf in files:
                click.echo(f"wrote {bf.path} ({len(bf.questions)} questions)", err=True)
    if failures:
        if len(paths) == 1:
            sys.exit(failures[0].exit_code)  # its one-line message is already printed
        raise InputError(f"{len(failures)} of {len(paths)} input(s) could not be read (listed above)")
    return sum(len(r[3]) for r in results)
