"""腾讯问卷 text import (考试), UTF-8 .txt: questions with their answers and scores.

One question a paragraph, a blank line between questions::

    题干[单选题][答案：B][分数：2][解析：出处：《…》…]
    A. 选项
    B. 选项

Multiple choice is ``[不定项选择题][答案：A、B、D][分数：3][部分]`` (部分: part marks for part of
the right options); a judgement is ``[判断题][答案：A]`` with options ``A. 正确`` / ``B. 错误``;
a fill keeps its blanks as ``____`` in the stem and gives one answer per blank in order,
``[填空题][答案：1921年|北京]``. The 出处 is the ``[解析：…]`` tag at the end of the first line;
a fill blank's accepted alternatives (the text import has no place for them) are named there too.
The tags cannot escape: ``[`` ``]`` inside a tag become 【】, ``|`` inside a fill answer becomes ｜,
and line breaks become spaces. Brackets in a stem stay as they are.
"""

from __future__ import annotations

from quizgen.exporters import ExportContext, Output, source_text
from quizgen.exporters.common import (
    BLANK_RE,
    JUDGE_OPTIONS,
    LETTERS,
    answer_letters,
    check_options,
    judge_true,
    one_line,
    points,
)
from quizgen.model import Question

NAME = "tencent"
SUFFIX = ".txt"
DESCRIPTION = "腾讯问卷文本导入（考试）：题型、答案、分数、解析都在文本里"
TYPE_TAGS = {"single": "单选题", "multi": "不定项选择题", "judge": "判断题", "fill": "填空题"}
BLANK = "____"


def tag_text(text: str) -> str:
    """Text that can stand inside a [标签：…] tag."""
    return one_line(text).replace("[", "【").replace("]", "】")


def explanation(q: Question, ctx: ExportContext) -> str:
    text = source_text(q, ctx)
    if q.type == "fill":
        alts = [f"第{i + 1}空也可答{'、'.join(a)}" for i, a in enumerate(q.accept[: len(q.answer)]) if a]
        if alts:
            text += "；" + "；".join(alts)
    return tag_text(text)


def question_text(q: Question, ctx: ExportContext) -> str:
    check_options(q)
    stem = one_line(q.stem)
    if q.type == "fill":
        stem = BLANK_RE.sub(BLANK, stem)
        answer = "|".join(tag_text(a).replace("|", "｜") for a in q.answer)
        options = []
    elif q.type == "judge":
        answer = "A" if judge_true(q) else "B"
        options = list(JUDGE_OPTIONS)
    else:
        answer = "、".join(answer_letters(q))
        options = [one_line(o) for o in q.options]
    head = f"{stem}[{TYPE_TAGS[q.type]}][答案：{answer}][分数：{points(q)}]"
    if q.type == "multi":
        head += "[部分]"
    head += f"[解析：{explanation(q, ctx)}]"
    return "\n".join([head, *(f"{LETTERS[i]}. {o}" for i, o in enumerate(options))])


def write(questions: list[Question], ctx: ExportContext) -> list[Output]:
    text = "\n\n".join(question_text(q, ctx) for q in questions)
    return [Output((text + "\n").encode("utf-8") if text else b"")]
