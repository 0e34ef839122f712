"""`quizgen bank list`: a table of the bank's documents with their questions counted by type
and by status, and a totals row; columns lined up by display width (Chinese takes two cells)."""

from __future__ import annotations

import click

from quizgen.bank import load_bank, warn_problems
from quizgen.model import QUESTION_TYPES, TYPE_NAMES
from quizgen.quiz.ui import text_width

STATUS_HEADS = {"new": "未审", "reviewed": "已接受", "rejected": "已拒绝"}
TITLE_CELLS = 36


def _clip(text: str, cells: int) -> str:
    if text_width(text) <= cells:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def bank_rows(bank) -> list[list[str]]:
    """Header, one row per bank file, then the totals."""
    head = ["文档", "标题"] + [TYPE_NAMES[t] for t in QUESTION_TYPES] + list(STATUS_HEADS.values()) + ["合计"]
    rows = [head]
    total = [0] * (len(QUESTION_TYPES) + len(STATUS_HEADS) + 1)
    for bf in bank.files:
        counts = [sum(q.type == t for q in bf.questions) for t in QUESTION_TYPES]
        counts += [sum(q.status == s for q in bf.questions) for s in STATUS_HEADS]
        counts.append(len(bf.questions))
        total = [a + b for a, b in zip(total, counts)]
        rows.append([bf.doc, _clip(bf.title, TITLE_CELLS) or "—"] + [str(c) for c in counts])
    rows.append([f"合计（{len(bank.files)} 个文档）", ""] + [str(c) for c in total])
    return rows


def format_table(rows: list[list[str]]) -> str:
    widths = [max(text_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - text_width(cell))
            cells.append(cell + pad if i < 2 else pad + cell)  # names left, counts right
        out.append("  ".join(cells).rstrip())
        if n == 0 or n == len(rows) - 2:
            out.append("  ".join("─" * w for w in widths))
    return "\n".join(out)


def list_bank(bank_dir: str) -> None:
    bank = load_bank(bank_dir)
    warn_problems(bank)
    if not bank.files:
        click.echo(f"{bank_dir}：题库中没有文档；先运行 quizgen extract FILE")
        return
    click.echo(format_table(bank_rows(bank)))
