"""What the 题库 formats (xlsx, tencent, wjx) share: Chinese type names, default points, answer
letters, one-line text. Rendering helpers only; nothing here touches the model or the disk."""

from __future__ import annotations

import re

from quizgen.model import JUDGE_TRUE, Question
from quizgen.textnorm import BLANK_RE  # noqa: F401 (a fill's blank: ____ or an empty （ ）, as the bank counts them)

TYPE_LABELS = {"single": "单选题", "multi": "多选题", "fill": "填空题", "judge": "判断题"}
"""题型 as the 题库 sheet and the answer keys write it."""
POINTS = {"fill": 2, "single": 2, "multi": 3, "judge": 1}
"""Default 分值, the paper's defaults: a fill is 2 per blank, a single 2, a multi 3, a judge 1."""
LETTERS = "ABCDEFGH"
"""The sheet has 选项A … 选项H: at most eight options."""
JUDGE_OPTIONS = ("正确", "错误")
UNDERLINE_RE = re.compile(r"_{2,}")
"""An underline in a stem: a fill's blank, or where a choice asks for its answer."""
_BREAK_RE = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def one_line(text: str) -> str:
    """Text on one line: a line break becomes one space, ends trimmed (（　　） stays as it is)."""
    return _BREAK_RE.sub(" ", str(text)).strip()


def points(q: Question) -> int:
    """The question's 分值: per blank for a fill, per question otherwise."""
    if q.type == "fill":
        return POINTS["fill"] * max(1, len(q.answer))
    return POINTS[q.type]


def answer_letters(q: Question) -> list[str]:
    """The letters of a choice's right options, in option order (A, B, D)."""
    return [LETTERS[i] for i, o in enumerate(q.options or []) if o in q.answer]


def judge_true(q: Question) -> bool:
    return q.answer[0] == JUDGE_TRUE


def judge_label(q: Question) -> str:
    """正确 or 错误."""
    return JUDGE_OPTIONS[0] if judge_true(q) else JUDGE_OPTIONS[1]


def check_options(q: Question) -> None:
    """A choice with more options than letters cannot be written: say which question."""
    from quizgen.errors import InputError

    if q.type in ("single", "multi") and len(q.options or []) > len(LETTERS):
        raise InputError(f"{q.source.doc}：题 {q.id} 有 {len(q.options)} 个选项，导出格式最多 {len(LETTERS)} 个")
