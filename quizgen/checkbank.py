"""`quizgen bank check`: report every problem of every bank file as file:line, and warn (in
Chinese, for the people who write and edit questions) about usable questions that break the
printing rules of ``questions/quality.py``. Warnings never change the exit code."""

from __future__ import annotations

import click

from quizgen import cache
from quizgen.bank import load_bank
from quizgen.errors import BankError
from quizgen.gcpolicy import paused_gc
from quizgen.questions.quality import problems as quality_problems


def quality_warnings(bank) -> list[str]:
    """One line per printing-rule problem of a usable, not rejected question: file:line: 警告…

    For a large file read through ``quizgen.cache`` the problems of each question are remembered
    with the file's bytes: a second check of the same file with the same code reuses them."""
    with paused_gc():
        return _warnings(bank)


def _warnings(bank) -> list[str]:
    out: list[str] = []
    for bf in bank.files:
        known = (cache.get("quality", bf.content_key) if bf.content_key else None) or {}
        computed = False
        for q in bf.questions:
            if q.status == "rejected":
                continue  # never printed
            msgs = known.get(q.id)
            if msgs is None:
                msgs = known[q.id] = quality_problems(q)
                computed = True
            for msg in msgs:
                out.append(f"{bf.path}:{bf.lines.get(q.id, 1)}: 警告：题目 {q.id}：{msg}")
        if computed and bf.content_key:
            cache.put("quality", bf.content_key, known)
    return out


def check_bank(bank_dir: str) -> None:
    bank = load_bank(bank_dir)
    n_q = sum(len(f.questions) for f in bank.files)
    for p in bank.problems:
        click.echo(str(p), err=True)
    warnings = quality_warnings(bank)
    for w in warnings:
        click.echo(w, err=True)
    if bank.problems:
        raise BankError(f"题库中有 {len(bank.problems)} 个问题；请改正后再运行 `quizgen bank check`",
                        path=bank_dir)
    tail = f"，{len(warnings)} 条警告" if warnings else ""
    click.echo(f"{bank_dir}：{len(bank.files)} 个文件，{n_q} 道题，没有问题{tail}")
