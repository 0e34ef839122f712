"""GIFT (Moodle's plain-text question format): a ``$CATEGORY:`` per document, ``::id::`` names,
single and multiple choice with Moodle's fractions, true/false, one-blank fills as short answer.
The 出处 is the general feedback (``####``). Fills with several blanks have no GIFT form: they are
left out and counted in the output's note (``moodle-xml`` writes them as cloze)."""

from __future__ import annotations

import re

from quizgen.exporters import ExportContext, Output, source_text
from quizgen.exporters.moodle_common import category, fill_answers, fill_parts, option_fractions
from quizgen.model import JUDGE_TRUE, Question

NAME = "gift"
SUFFIX = ".gift"
DESCRIPTION = "Moodle GIFT 文本（题库 > 导入，选 GIFT 格式）；多空填空题请用 moodle-xml"

_SPECIAL = re.compile(r"([~=#{}:\\])")


def esc(text: str) -> str:
    """Text with GIFT's control characters backslash-escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def answer_block(q: Question, ctx: ExportContext) -> str:
    feedback = f" ####{esc(source_text(q, ctx))}"
    if q.type == "judge":
        return "{" + ("T" if q.answer == [JUDGE_TRUE] else "F") + feedback + "}"
    if q.type == "fill":
        return "{" + " ".join("=" + esc(a) for a in fill_answers(q, 0)) + feedback + "}"
    if q.type == "single":
        marks = ["=" if f == "100" else "~" for f in option_fractions(q)]
    else:
        marks = [f"~%{f}%" for f in option_fractions(q)]
    return "{" + " ".join(m + esc(o) for m, o in zip(marks, q.options)) + feedback + "}"


def question_gift(q: Question, ctx: ExportContext) -> str:
    head = f"::{esc(q.id)}::"
    if q.type == "fill":  # the answer block stands where the blank is
        before, after = fill_parts(q)[:2]
        return head + esc(before) + answer_block(q, ctx) + esc(after)
    return head + esc(q.stem) + answer_block(q, ctx)


def to_gift(questions: list[Question], ctx: ExportContext) -> tuple[str, int]:
    """The GIFT text, and how many questions it had to leave out (multi-blank fills)."""
    title = " ".join(ctx.title.split())
    lines, current, skipped = [f"// {title}（quizgen 导出）", ""], None, 0
    for q in questions:
        if q.type == "fill" and len(q.answer) != 1:
            skipped += 1
            continue
        cat = category(q, ctx)
        if cat != current:
            lines += [f"$CATEGORY: {cat}", ""]
            current = cat
        lines += [question_gift(q, ctx), ""]
    return "\n".join(lines), skipped


def write(questions: list[Question], ctx: ExportContext) -> list[Output]:
    text, skipped = to_gift(questions, ctx)
    note = (f"{skipped} 道多空填空题 GIFT 无法表示，未写入；要包含它们请用 --format moodle-xml（完形填空题）"
            if skipped else "")
    return [Output(text.encode("utf-8"), note=note)]
