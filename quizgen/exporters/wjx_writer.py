"""问卷星 文本导入 (.txt), and beside it the answer key (``-答案.xlsx``) to enter by hand.

First line the title, then one question a paragraph with a blank line between::

    1. 题干[单选题]
    选项
    选项

``[多选题]`` and ``[判断题]`` (options 正确 / 错误) likewise, options one a line without letters.
Every fill, one blank or several, is ``[考试多项填空]`` with each blank ``{_}`` where it stands in
the stem, so blanks keep their place and each gets its own answer in 考试 mode. ``{`` and ``}`` in
a stem or an option become ｛｝ so only blanks read as blanks (问卷星 reads ``{_}`` after an option
as a box to write in); line breaks become spaces.

问卷星 takes no answers or scores through text: the key lists per 题号 the 题型, 答案 (letters in
option order for choices, 正确/错误, fill answers joined with ``|`` and alternatives with ``;`` as
in the xlsx sheet), the answer texts, 分值 and 出处.
"""

from __future__ import annotations

from quizgen.exporters import ExportContext, Output, source_text
from quizgen.exporters.common import BLANK_RE, JUDGE_OPTIONS, TYPE_LABELS, check_options, one_line, points
from quizgen.exporters.xlsx_writer import fill_sheet, sheet_answer, workbook_bytes
from quizgen.model import Question

NAME = "wjx"
SUFFIX = ".txt"
DESCRIPTION = "问卷星文本导入，另写一份答案文件（-答案.xlsx）供录入答案和分值"
TYPE_TAGS = {"single": "单选题", "multi": "多选题", "judge": "判断题", "fill": "考试多项填空"}
BLANK = "{_}"
KEY_HEADER = ("题号", "题型", "答案", "答案内容", "分值", "出处")
KEY_WIDTHS = {"题号": 6, "题型": 8, "答案": 20, "答案内容": 30, "分值": 6, "出处": 70}
NOTE = "这是答案文件。问卷星的文本导入不带答案和分值，导入后请在问卷星里按此文件逐题填写答案和分值"


def plain(text: str) -> str:
    """One line with no braces: ``{_}`` is 问卷星's blank."""
    return one_line(text).replace("{", "｛").replace("}", "｝")


def question_text(n: int, q: Question) -> str:
    check_options(q)
    stem = plain(q.stem)
    if q.type == "fill":
        stem = BLANK_RE.sub(BLANK, stem)
    options = list(JUDGE_OPTIONS) if q.type == "judge" else [plain(o) for o in q.options or []]
    return "\n".join([f"{n}. {stem}[{TYPE_TAGS[q.type]}]", *options])


def key_row(n: int, q: Question, ctx: ExportContext) -> list:
    texts = "、".join(one_line(a) for a in q.answer) if q.type in ("single", "multi") else ""
    return [n, TYPE_LABELS[q.type], sheet_answer(q), texts, points(q), source_text(q, ctx)]


def write(questions: list[Question], ctx: ExportContext) -> list[Output]:
    from openpyxl import Workbook

    parts = [one_line(ctx.title)] + [question_text(n, q) for n, q in enumerate(questions, 1)]
    wb = Workbook()
    fill_sheet(wb.active, "答案", KEY_HEADER, [key_row(n, q, ctx) for n, q in enumerate(questions, 1)],
               KEY_WIDTHS)
    return [Output(("\n\n".join(parts) + "\n").encode("utf-8")),
            Output(workbook_bytes(wb), beside="-答案", suffix=".xlsx", note=NOTE)]
