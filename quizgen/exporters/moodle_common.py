"""What the two Moodle formats (GIFT and Moodle XML) share: Moodle's allowed grade fractions,
the weights of a choice question's options, a fill's text around its blanks, the category path."""

from __future__ import annotations

from quizgen.errors import InputError
from quizgen.exporters import ExportContext
from quizgen.model import Question
from quizgen.textnorm import BLANK_RE

# Moodle rejects any other grade (question/format.php, question_bank::fraction_options_full);
# 100/n for n = 1..10 are all in it, so "n right options share 100" always has a fraction.
ALLOWED = ("100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30",
           "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5")
SHARE = {n: f for n, f in ((round(100 / float(f)), f) for f in ALLOWED) if abs(100 / n - float(f)) < 1e-4}
"""n -> the allowed fraction nearest 100/n (n = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20)."""


def share(n: int, q: Question) -> str:
    """The fraction each of ``n`` options gets so that together they make 100."""
    if n not in SHARE:
        raise InputError(f"题目 {q.id}：{n} 个选项无法按 Moodle 允许的分数平分（最多 10 个）")
    return SHARE[n]


def option_fractions(q: Question) -> list[str]:
    """One fraction per option, as text: single 100 / 0; multiple, the right ones share 100 and the
    wrong ones share -100 (choosing every option scores 0)."""
    right = [o in q.answer for o in q.options or []]
    if q.type == "single":
        return ["100" if r else "0" for r in right]
    n_right, n_wrong = sum(right), len(right) - sum(right)
    return [share(n_right, q) if r else "-" + share(n_wrong, q) for r in right]


def fill_parts(q: Question) -> list[str]:
    """The stem's text around its blanks (one more part than blanks), answers appended at the end
    when a stem has fewer blanks than answers."""
    parts = BLANK_RE.split(q.stem)
    parts += [""] * (len(q.answer) + 1 - len(parts))
    return parts


def fill_answers(q: Question, i: int) -> list[str]:
    """Blank ``i``'s answer and its alternatives, without repeats."""
    alts = q.accept[i] if i < len(q.accept) else []
    return list(dict.fromkeys([q.answer[i], *alts]))


def category(q: Question, ctx: ExportContext) -> str:
    """The question category of a question's document: 应知应会/<title> ('/' in a name doubled,
    as Moodle's category paths escape it)."""
    title = " ".join((ctx.doc_titles.get(q.source.doc) or q.source.doc).split())
    return "应知应会/" + title.replace("/", "//")
