"""`quizgen bank check`: report every problem of every bank file as file:line."""

from __future__ import annotations

import click

from quizgen.bank import load_bank
from quizgen.errors import BankError


def check_bank(bank_dir: str) -> None:
    bank = load_bank(bank_dir)
    n_q = sum(len(f.questions) for f in bank.files)
    for p in bank.problems:
        click.echo(str(p), err=True)
    if bank.problems:
        raise BankError(f"{len(bank.problems)} problem(s) in the bank; fix them and run `quizgen bank check` again",
                        path=bank_dir)
    click.echo(f"{bank_dir}: {len(bank.files)} file(s), {n_q} question(s), no problems")
