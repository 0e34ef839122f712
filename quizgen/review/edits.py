"""Editing one field of a question in review: the field's text for a line editor, and the new
question made from what the person typed, validated by the bank's rules.

Formats in the line editor: several fill answers or choice options are separated by ``|``;
a fill blank's further accepted answers by ``/`` (``1921 / 一九二一 | | 156``); a choice answer
is given by letters (``BD``) or option texts (``甲 | 乙``); a judge answer by 对/错 (√/×, y/n).
A fill stays consistent with its source sentence: editing the stem moves the blanks and the
answers follow from the sentence; editing the answers moves the blanks in the stem.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from quizgen.bankio import question_problems
from quizgen.model import Question
from quizgen.quiz.answers import LETTERS, AnswerFormatError, parse_judge
from quizgen.textnorm import BLANK, BLANK_RE, count_blanks, fill_blanks, norm

FIELD_NAMES = {"stem": "题干", "options": "选项", "answer": "答案", "accept": "可接受答案"}
SEP_RE = re.compile(r"\s*[|｜]\s*")
ALT_RE = re.compile(r"\s*[/／]\s*")
LETTERS_RE = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ][\sA-Za-zＡ-Ｚａ-ｚ,，、]*")


class EditError(ValueError):
    """What the person typed cannot be used; the message says why, in Chinese."""


def fields_for(q: Question) -> list[str]:
    """The fields a person may edit for this type, in menu order."""
    if q.type == "fill":
        return ["stem", "answer", "accept"]
    if q.type in ("single", "multi"):
        return ["stem", "options", "answer"]
    return ["stem", "answer"]


def current_text(q: Question, field: str) -> str:
    """The field as the line editor shows it before editing."""
    if field == "stem":
        return q.stem
    if field == "options":
        return " | ".join(q.options or [])
    if field == "accept":
        return " | ".join(" / ".join(a) for a in q.accept)
    if q.type in ("single", "multi"):
        return "".join(LETTERS[i] for i, o in enumerate(q.options or []) if o in q.answer)
    return " | ".join(q.answer)


def hint(q: Question, field: str) -> str:
    """How to write the field, shown above the line editor."""
    if field == "stem":
        return "填空题用 ____ 表示空，空外的文字须与原句一致" if q.type == "fill" else "直接修改题干文字"
    if field == "options":
        return "选项之间用 | 隔开（2 到 6 项）"
    if field == "accept":
        return "每个空用 | 隔开，同一空的多个答案用 / 隔开；清空即不设"
    if q.type == "judge":
        return "输入 对 或 错"
    if q.type in ("single", "multi"):
        return "输入字母（如 " + ("BD" if q.type == "multi" else "B") + "）或选项原文（多个用 | 隔开）"
    return "每个空一个答案，用 | 隔开；须是原句中的文字"


def _split(text: str, sep: re.Pattern) -> list[str]:
    return [p for p in (x.strip() for x in sep.split(text.strip())) if p]


def _derive_answers(stem: str, sentence: str) -> list[str] | None:
    """The texts the blanks of ``stem`` stand for in ``sentence``, or None if it does not fit."""
    parts = BLANK_RE.split(stem)
    if len(parts) < 2:
        return None
    pattern = "(.+?)".join(re.escape(p) for p in parts)
    m = re.fullmatch(pattern, sentence, re.DOTALL)
    return list(m.groups()) if m else None


def _blank_answers(sentence: str, answers: list[str]) -> str | None:
    """The sentence with each answer, in order, replaced by a blank; None if one is missing."""
    out, pos = [], 0
    for a in answers:
        i = sentence.find(a, pos)
        if i < 0:
            return None
        out += [sentence[pos:i], BLANK]
        pos = i + len(a)
    return "".join(out) + sentence[pos:]


def _written(q: Question) -> str:
    """The question's sentence as its stem writes it (the stem filled in: its punctuation and
    ending, e.g. 。 for the sentence's ；), or the source sentence if the stem does not fill."""
    filled = fill_blanks(q.stem, q.answer)
    if count_blanks(q.stem) == len(q.answer) and norm(filled) == norm(q.source.sentence):
        return filled
    return q.source.sentence


def _edit_fill(q: Question, field: str, text: str, notes: list[str]) -> Question:
    sentence = q.source.sentence
    written = _written(q)
    if field == "stem":
        stem = text.strip()
        n = count_blanks(stem)
        if n == 0:
            raise EditError("填空题干至少要有一个空（写作 ____）")
        if n == len(q.answer) and (not sentence or norm(fill_blanks(stem, q.answer)) == norm(sentence)):
            return dataclasses.replace(q, stem=stem)
        answers = (_derive_answers(stem, written) or _derive_answers(stem, sentence)) if sentence else None
        if answers is None:
            raise EditError(f"题干有 {n} 个空，但空外的文字与原句对不上；原句：{sentence}")
        notes.append("答案随之改为：" + " | ".join(answers))
        accept = q.accept if len(answers) == len(q.answer) else []
        return _with(q, stem=stem, answer=answers, accept=accept, spans=answers)
    if field == "answer":
        answers = _split(text, SEP_RE)
        if not answers:
            raise EditError("答案不能为空")
        if len(answers) == count_blanks(q.stem) and (
            not sentence or norm(fill_blanks(q.stem, answers)) == norm(sentence)
        ):
            return _with(q, answer=answers, spans=answers)
        stem = (_blank_answers(written, answers) or _blank_answers(sentence, answers)) if sentence else None
        if stem is None:
            missing = next((a for a in answers if a not in sentence), answers[-1])
            raise EditError(f"答案「{missing}」不在原句中（或次序不对）；原句：{sentence}")
        notes.append("题干随之改为：" + stem)
        accept = q.accept if len(answers) == len(q.answer) else []
        return _with(q, stem=stem, answer=answers, accept=accept, spans=answers)
    # accept
    blanks = [p.strip() for p in SEP_RE.split(text.strip())] if text.strip() else []
    if len(blanks) > len(q.answer):
        raise EditError(f"本题只有 {len(q.answer)} 个空，可接受答案却写了 {len(blanks)} 组")
    accept = [_split(b, ALT_RE) for b in blanks]
    while accept and not accept[-1]:
        accept.pop()
    return dataclasses.replace(q, accept=accept)


def _pick_options(q: Question, text: str, options: list[str]) -> list[str]:
    s = unicodedata.normalize("NFKC", text).strip()
    if LETTERS_RE.fullmatch(s):
        letters = sorted({c for c in s.upper() if c.isalpha()})
        bad = [c for c in letters if c not in LETTERS[: len(options)]]
        if bad:
            raise EditError(f"没有选项 {bad[0]}：本题选项是 A–{LETTERS[len(options) - 1]}")
        return [options[LETTERS.index(c)] for c in letters]
    picked = _split(text, SEP_RE)
    missing = [a for a in picked if a not in options]
    if missing:
        raise EditError(f"答案「{missing[0]}」不在选项中")
    return [o for o in options if o in picked]


def _edit_choice(q: Question, field: str, text: str, notes: list[str]) -> Question:
    old = list(q.options or [])
    if field == "options":
        options = _split(text, SEP_RE)
        if not 2 <= len(options) <= 6:
            raise EditError(f"选择题要有 2 到 6 个选项（现在 {len(options)} 个，选项之间用 | 隔开）")
        if len({norm(o) for o in options}) != len(options):
            raise EditError("有两个选项相同")
        answer = [a for a in q.answer if a in options]
        if len(answer) != len(q.answer) and len(options) == len(old):
            # an answer option was reworded in place: it stays the answer
            answer = [options[i] for i, o in enumerate(old) if o in q.answer]
        if len(answer) != len(q.answer):
            raise EditError("原来的正确答案不在新选项中；请保留它，或先改答案")
        answer = [o for o in options if o in answer]
        if answer != [o for o in old if o in q.answer]:
            notes.append("答案：" + " | ".join(answer))
        return _with(q, options=options, answer=answer)
    answer = _pick_options(q, text, old)
    if q.type == "single" and len(answer) != 1:
        raise EditError("单选题只能有一个正确答案")
    if q.type == "multi" and len(answer) < 2:
        raise EditError("多选题至少要有两个正确答案")
    return dataclasses.replace(q, answer=answer)


def _with(q: Question, *, spans: list[str] | None = None, **changes) -> Question:
    new = dataclasses.replace(q, **changes)
    if spans is not None:
        new.source = dataclasses.replace(q.source, spans=list(spans))
    return new


def apply_edit(q: Question, field: str, text: str) -> tuple[Question, list[str]]:
    """The question with ``field`` set from ``text`` and notes on what changed along with it.
    Raises EditError (in Chinese) when the result would break the bank's rules."""
    if field not in fields_for(q):
        raise EditError(f"{FIELD_NAMES.get(field, field)} 不能在此类题目中修改")
    notes: list[str] = []
    if field == "stem" and not text.strip():
        raise EditError("题干不能为空")
    if q.type == "fill":
        new = _edit_fill(q, field, text, notes)
    elif field == "stem":
        new = dataclasses.replace(q, stem=text.strip())
    elif q.type == "judge":
        try:
            new = dataclasses.replace(q, answer=["对" if parse_judge(text) else "错"])
        except AnswerFormatError as exc:
            raise EditError(str(exc)) from None
    else:
        new = _edit_choice(q, field, text, notes)
    problems = question_problems(new)
    if problems:
        raise EditError("不符合题库规则：" + "；".join(problems))
    return new, notes
