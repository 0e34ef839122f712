"""From what an imported file says to a bank Question: answers, blanks, 出处 and a stable id.

Every reader (sheet, Word paper, plain text) hands over :class:`Draft` objects; ``build`` turns
one into a hand-written Question (no fingerprint, status reviewed) that passes the bank's own
checks, or raises :class:`Unreadable` saying in Chinese why it cannot.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from quizgen.bankio import question_problems
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, Question, Source
from quizgen.textnorm import BLANK, fill_blanks, norm

LETTERS = "ABCDEFGH"
CHOICE_SLOT = "（\u3000\u3000）"
SLOT_RE = re.compile(r"_{2,}|＿{2,}|[（(][ \u3000\xa0\t]*[）)]")
"""A blank in a stem as files write it: ____ or an empty bracket （　　）."""
TRAILING_SLOT_RE = re.compile(r"\s*[（(][ \u3000\xa0\t]*[）)]\s*$")

TYPE_WORDS = {
    "single": ("单选题", "单选", "单项选择题", "单项选择", "single"),
    "multi": ("多选题", "多选", "多项选择题", "多项选择", "不定项选择题", "不定项选择", "不定项", "multi"),
    "fill": ("填空题", "填空", "fill"),
    "judge": ("判断题", "判断", "是非题", "judge"),
    "choice": ("选择题", "选择"),
}
"""Words naming a question type; ``choice`` is single or multi, told by the number of answers."""

JUDGE_WORDS = {
    JUDGE_TRUE: ("正确", "对", "√", "✓", "✔", "t", "true", "是", "yes"),
    JUDGE_FALSE: ("错误", "错", "×", "✗", "✘", "x", "f", "false", "否", "no"),
}


class Unreadable(Exception):
    """A question that cannot be imported; the message says why (Chinese)."""


@dataclass
class Draft:
    """One question as a file gives it, before checking."""

    where: str
    """Where it stands, for messages: 第 12 行 / 第 7 段（二、单项选择题 第 3 题）."""
    type: str
    """fill | single | multi | judge | choice (single or multi) | '' (tell from the content)."""
    stem: str
    options: list[str] = field(default_factory=list)
    answer: str = ""
    """The answer as written: letters (ABD), 正确/错误, or the fill answers."""
    accept: list[list[str]] = field(default_factory=list)
    """Fill: further accepted answers per blank, when the file lists them apart from ``answer``."""
    sheet: bool = False
    """Fill answers written the sheet's way (blanks joined by |, alternatives by ;) rather than
    the paper's (blanks joined by ；)."""
    source: str = ""
    """The file's 出处 text (with or without its 出处：《…》〔…〕 prefixes), '' when none."""
    section: str = ""
    """章节 of the question in its document, '' when the file does not say."""


def type_of(word: str) -> str:
    """The question type a heading or 题型 cell names ('' when none)."""
    text = "".join(str(word).split()).lower()
    for qtype in ("multi", "single", "fill", "judge", "choice"):
        if any(w in text for w in TYPE_WORDS[qtype]):
            return qtype
    return ""


def judge_value(text: str) -> str:
    """对 or 错 for a judgement answer (正确/错误, 对/错, √/×, T/F), '' if it is none."""
    key = "".join(str(text).split()).strip("。.").lower()
    for value, words in JUDGE_WORDS.items():
        if key in words:
            return value
    return ""


def choice_answer(raw: str, options: list[str]) -> list[str]:
    """The option texts that letters such as ABD (or A、B、D) name."""
    letters = re.sub(r"[\s,，、;；/]+", "", raw).upper()
    if not letters:
        raise Unreadable("没有答案")
    if not re.fullmatch(f"[{LETTERS}]+", letters):
        stripped = raw.strip()
        if stripped in options:
            return [stripped]
        raise Unreadable(f"答案 {raw.strip()!r} 不是选项字母（如 A 或 ABD）")
    if len(set(letters)) != len(letters):
        raise Unreadable(f"答案 {letters} 中有重复的字母")
    out = []
    for ch in sorted(letters):
        k = LETTERS.index(ch)
        if k >= len(options):
            raise Unreadable(f"答案 {ch} 没有对应的选项（只有 {len(options)} 个选项）")
        out.append(options[k])
    return out


def fill_answers(d: Draft, blanks: int) -> tuple[list[str], list[list[str]]]:
    """(answers, accepted alternatives) of a fill, one per blank."""
    raw = d.answer.strip()
    if not raw:
        raise Unreadable("没有答案")
    if d.sheet:
        parts = [p.strip() for p in re.split(r"[|｜]", raw)]
        groups = [[a.strip() for a in re.split(r"[;；]", p) if a.strip()] for p in parts]
    else:
        parts = [p.strip() for p in re.split(r"[；;|｜]", raw)]
        if len(parts) != blanks and blanks > 1:
            for sep in (r"[，,]", r"\s+", "、"):  # 答案：把方向，管大局，保落实
                alt = [p.strip() for p in re.split(sep, raw) if p.strip()]
                if len(alt) == blanks:
                    parts = alt
                    break
        groups = [[p] for p in parts]
    if any(not g for g in groups):
        raise Unreadable(f"答案 {raw!r} 中有空的一项")
    answers = [g[0] for g in groups]
    accept = [g[1:] for g in groups]
    for k, extra in enumerate(d.accept[: len(accept)]):
        accept[k] += [a for a in extra if a not in accept[k]]
    while accept and not accept[-1]:
        accept.pop()
    return answers, accept


def split_source(text: str) -> tuple[str, str, str]:
    """(sentence, section, title) of a 出处 such as 出处：《题目》〔一、…〕句子 or 出处：文档〔…〕｜句子."""
    s = re.sub(r"^\s*[【\[]?(出处|来源|原文)[】\]]?\s*[:：]\s*", "", str(text or "")).strip()
    title = section = ""
    if "｜" in s:
        head, s = s.rsplit("｜", 1)
        m = re.search(r"〔([^〔〕]*)〕\s*$", head)
        if m:
            section, head = m.group(1), head[: m.start()]
        t = re.fullmatch(r"\s*《(.+)》\s*", head)
        title = t.group(1) if t else ""
    else:
        m = re.match(r"\s*《([^《》]+)》", s)
        if m:
            title, s = m.group(1), s[m.end():]
        m = re.match(r"\s*〔([^〔〕]*)〕", s)
        if m:
            section, s = m.group(1), s[m.end():]
    return s.strip(), section.strip(), title.strip()


def question_id(doc: str, qtype: str, stem: str) -> str:
    """Stable from the content: the same question imported again keeps its id (and is updated)."""
    h = hashlib.blake2b(json.dumps([qtype, norm(stem)], ensure_ascii=False).encode("utf-8"), digest_size=5)
    return f"{doc}-import-{h.hexdigest()}"


def _tell_type(d: Draft) -> str:
    if d.type in ("fill", "single", "multi", "judge"):
        return d.type
    if d.options:
        letters = re.sub(r"[\s,，、;；/]+", "", d.answer)
        if d.type == "choice" or re.fullmatch(f"[{LETTERS}a-h]+", letters):
            return "multi" if len(letters) > 1 else "single"
    if not d.options and judge_value(d.answer):
        return "judge"
    if not d.options and SLOT_RE.search(d.stem):
        return "fill"
    raise Unreadable("看不出题型（没有选项、没有空，答案也不是 正确/错误）；请放在“填空题”等大题标题下")


def build(d: Draft, doc: str) -> Question:
    """The bank question of a draft; raises Unreadable with the reason."""
    qtype = _tell_type(d)
    stem = " ".join(d.stem.split()) if qtype != "fill" else d.stem.strip()
    if not stem:
        raise Unreadable("题干是空的")
    sentence, section, _title = split_source(d.source)
    section = d.section.strip() or section
    accept: list[list[str]] = []
    options = None
    if qtype == "fill":
        stem = SLOT_RE.sub(BLANK, stem)
        blanks = stem.count(BLANK)
        if not blanks:
            raise Unreadable("填空题题干里没有空（写成 ____ 或 （　　））")
        answer, accept = fill_answers(d, blanks)
        if len(answer) != blanks:
            raise Unreadable(f"填空题题干有 {blanks} 个空，答案却有 {len(answer)} 个")
        filled = fill_blanks(stem, answer)
        if not sentence or norm(sentence) != norm(filled):
            sentence = filled  # the 出处 is another sentence than the stem's: the stem is what is asked
        spans = list(answer)
    elif qtype in ("single", "multi"):
        stem = SLOT_RE.sub(CHOICE_SLOT, stem)
        options = [" ".join(o.split()) for o in d.options]
        if len(options) < 2:
            raise Unreadable(f"选择题只有 {len(options)} 个选项")
        answer = choice_answer(d.answer, options)
        if qtype == "single" and len(answer) > 1 and d.type != "single":
            qtype = "multi"
        if not sentence:
            sentence = stem.replace(CHOICE_SLOT, "、".join(answer), 1) if stem.count(CHOICE_SLOT) == 1 else stem
        spans = [a for a in answer if a in sentence]
    else:
        stem = TRAILING_SLOT_RE.sub("", stem)
        value = judge_value(d.answer)
        if not value:
            raise Unreadable(f"判断题的答案 {d.answer.strip()!r} 不是 正确/错误（也可写 对/错、√/×）"
                             if d.answer.strip() else "没有答案")
        answer = [value]
        sentence = sentence or stem
        spans = []
    q = Question(id=question_id(doc, qtype, stem), type=qtype, stem=stem, answer=answer, options=options,
                 accept=accept, source=Source(doc=doc, sentence=sentence, spans=spans, section=section),
                 status="reviewed")
    problems = question_problems(q)
    if problems:
        raise Unreadable("；".join(problems))
    return q


def source_title(text: str) -> str:
    """The document title a 出处 names (《…》), '' when it names none."""
    return split_source(text)[2]
