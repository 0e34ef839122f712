"""The usual layout of a 试卷 as lines of text, shared by the Word and plain-text readers.

Section headings (一、单项选择题 / 填空题 / 判断题 …) tell the type; ``1. 题干（　　）`` starts a
question, ``A. … B. …`` on one or more lines give its options; the answer stands after the
question (``答案：A``, a bracket such as （A）/（√）, or a fill's answer in or after its blank) or in a
参考答案 section, listed by section and number with optional ``出处：`` lines (as quizgen's own
paper writer prints it). Answers a reader marks as written in a blank (Word's underlined text)
arrive between ``MARK_OPEN`` and ``MARK_CLOSE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizgen.importers import Parsed, Skip
from quizgen.importers.build import Draft, judge_value, type_of

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
NUMERALS = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^(?:[{NUMERALS}]+\s*[、.．]|第[{NUMERALS}]+部分|[（(][{NUMERALS}]+[）)])\s*(.*)$")
BARE_SECTION_RE = re.compile(r"^(单项选择题|单选题|多项选择题|多选题|不定项选择题|选择题|填空题|判断题|是非题)")
KEY_RE = re.compile(r"(参考答案|答案与解析|答案及解析|标准答案|^答案)\s*[:：]?$")
KEY_TITLE_RE = re.compile(r"出自《(.+?)》")
NOTES_RE = re.compile(r"^(注意事项|考试说明|说明)\s*[:：]?$")
NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*[.．、)）](?!\d)\s*(.*)$")
KEY_ITEM_RE = re.compile(r"(?:^|(?<=\s))(\d{1,3})\s*[.．、)）](?!\d)\s*")
OPTION_START_RE = re.compile(r"^\s*([A-Ha-h])\s*[.．、:：)）]\s*")
OPTION_RE = re.compile(r"(?:^|(?<=\s))([A-H])\s*[.．、:：)）]\s*")
ANSWER_RE = re.compile(r"^\s*[【\[]?(?:参考|正确)?答案[】\]]?\s*[:：]?\s*(.*)$")
INLINE_ANSWER_RE = re.compile(r"\s*[【\[]?(?:参考|正确)?答案[】\]]?\s*[:：]\s*(.+)$")
SOURCE_RE = re.compile(r"^\s*[【\[]?(出处|解析|来源)[】\]]?\s*[:：]\s*(.*)$")
CHOICE_BRACKET_RE = re.compile(r"[（(][ \u3000\xa0]*([A-Ha-h](?:[ 、,，]*[A-Ha-h])*)[ \u3000\xa0]*[）)]")
JUDGE_BRACKET_RE = re.compile(r"[（(][ \u3000\xa0]*(√|×|✓|✗|✔|✘|对|错|正确|错误)[ \u3000\xa0]*[）)]\s*[。.]?\s*$")
FILLED_BRACKET_RE = re.compile(r"[（(]([^（）()]*[^（）()\s\u3000\xa0][^（）()]*)[）)]")
BLANK_ANSWER_RE = re.compile(r"_{2,}\s*[（(]([^（）()]*[^（）()\s\u3000\xa0][^（）()]*)[）)]")
"""A fill's answer written after its blank: ____（1921年）."""
MARKED_RE = re.compile(f"{MARK_OPEN}(.*?){MARK_CLOSE}")
DETAIL_RE = re.compile(r"^(.*?)（((?:[^；（）]+（亦可：[^（）]+）)(?:；[^；（）]+（亦可：[^（）]+）)*)）$")
"""A paper key's fill line: 1954年；156项（1954年（亦可：1954）；156项（亦可：156））."""
SLOT = "（\u3000\u3000）"


@dataclass
class _Question:
    line: int
    number: int
    section: str
    type: str
    stem: list[str] = field(default_factory=list)
    options: list[list[str]] = field(default_factory=list)
    """[letter, text] in order."""
    answer: str = ""
    source: str = ""


@dataclass
class _KeyEntry:
    line: int
    answer: str
    source: str = ""


def _unmark(text: str) -> str:
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


class _Reader:
    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.questions: list[_Question] = []
        self.key: dict[tuple[str, int], _KeyEntry] = {}
        self.key_lines: dict[tuple[str, int], int] = {}
        self.skipped: list[Skip] = []
        self.title = ""
        self.mode = "head"  # head | notes | body | key
        self.section, self.type = "", ""
        self.q: _Question | None = None
        self.entry: _KeyEntry | None = None

    # --------------------------------------------------------------- lines

    def line(self, n: int, text: str) -> None:
        text = text.strip()
        if not text:
            return
        plain = _unmark(text)
        if NUMBER_RE.match(plain) is None and KEY_RE.search(plain) and len(plain) <= 60:
            self._end()
            self.mode, self.section, self.type = "key", "", ""
            return
        heading = self._heading(plain)
        if heading is not None:
            self._end()
            self.section, self.type = plain, heading
            if self.mode != "key":
                self.mode = "body"
            return
        if self.mode == "key":
            self._key_line(n, plain)
        elif NOTES_RE.match(plain):
            self._end()
            self.mode = "notes"
        elif self.mode == "body":
            self._body_line(n, text)
        elif self.mode == "head" and not self.questions and NUMBER_RE.match(plain) and self._looks_like_question(plain):
            self.mode = "body"  # a paper without section headings
            self._body_line(n, text)

    @staticmethod
    def _looks_like_question(text: str) -> bool:
        return bool(re.search(r"_{2,}|[（(][ \u3000\xa0]*[）)]|答案", text))

    def _heading(self, text: str) -> str | None:
        """The type of a section heading (''. for one that names none), None for other lines."""
        if len(text) > 80 or NUMBER_RE.match(text):
            return None
        m = SECTION_RE.match(text)
        if m:
            return type_of(re.split(r"[（(]", m.group(1), maxsplit=1)[0])
        if BARE_SECTION_RE.match(text):
            return type_of(text)
        return None

    def _body_line(self, n: int, text: str) -> None:
        plain = _unmark(text)
        m = NUMBER_RE.match(plain)
        if m and not OPTION_START_RE.match(plain):
            self._end()
            body = NUMBER_RE.match(text)
            self.q = _Question(line=n, number=int(m.group(1)), section=self.section, type=self.type)
            rest = body.group(2) if body else m.group(2)
            self._text(rest)
            return
        q = self.q
        if q is None:
            return  # text between a heading and its first question (an instruction)
        src = SOURCE_RE.match(plain)
        if src:
            if src.group(1) != "解析" or src.group(2).startswith("出处"):
                q.source = src.group(2)
            return
        ans = ANSWER_RE.match(plain)
        if ans and plain.lstrip("【[").lstrip("参考正确").startswith("答案"):
            q.answer = ans.group(1).strip()
            return
        self._text(text)

    def _text(self, text: str) -> None:
        """Stem or option text of the current question (answers written inline taken off)."""
        q = self.q
        m = INLINE_ANSWER_RE.search(_unmark(text))
        if m and not q.answer:
            q.answer = m.group(1).strip()
            text = _unmark(text)[: m.start()]
        plain = _unmark(text)
        if OPTION_START_RE.match(plain):
            marks = list(OPTION_RE.finditer(plain))
            if not marks or marks[0].start() != OPTION_START_RE.match(plain).start(1):
                first = OPTION_START_RE.match(plain)
                marks = [first, *[x for x in marks if x.start() > first.start()]]
            for k, mk in enumerate(marks):
                end = marks[k + 1].start() if k + 1 < len(marks) else len(plain)
                q.options.append([mk.group(1).upper(), plain[mk.end():end].strip()])
        elif q.options:
            q.options[-1][1] += plain.strip()
        else:
            q.stem.append(text.strip())

    def _key_line(self, n: int, text: str) -> None:
        t = KEY_TITLE_RE.search(text)
        if t and not self.title:
            self.title = t.group(1)
        src = SOURCE_RE.match(text)
        if src:
            if self.entry is not None:
                self.entry.source = src.group(2)
            return
        items = list(KEY_ITEM_RE.finditer(text))
        if not items or items[0].start() != 0:
            if self.entry is not None and not t:
                self.entry.answer += text  # the answer went on over a line
            return
        for k, it in enumerate(items):
            end = items[k + 1].start() if k + 1 < len(items) else len(text)
            num = int(it.group(1))
            where = (self.type, num)
            if where in self.key:
                self.skipped.append(Skip(f"第 {n} {self.unit}", f"参考答案中第 {num} 题出现了两次"
                                         f"（另一次在第 {self.key_lines[where]} {self.unit}）：两次都不用"))
                self.key[where] = _KeyEntry(n, "")
                self.entry = None
                continue
            self.entry = _KeyEntry(n, text[it.end():end].strip())
            self.key[where] = self.entry
            self.key_lines[where] = n

    def _end(self) -> None:
        if self.q is not None:
            self.questions.append(self.q)
        self.q = None
        self.entry = None

    # --------------------------------------------------------------- questions

    def drafts(self) -> list[Draft]:
        self._end()
        out = []
        for q in self.questions:
            label = f"{q.section} 第 {q.number} 题" if q.section else f"第 {q.number} 题"
            where = f"第 {q.line} {self.unit}（{label}）"
            d = self._draft(q, where)
            if isinstance(d, Skip):
                self.skipped.append(d)
            else:
                out.append(d)
        return out

    def _draft(self, q: _Question, where: str) -> Draft | Skip:
        letters = [o[0] for o in q.options]
        if letters != list("ABCDEFGH"[: len(letters)]):
            return Skip(where, f"选项字母不连贯（{'、'.join(letters)}），应从 A 起依次排列")
        stem = "".join(q.stem)
        answer, accept, source = q.answer, [], q.source
        entry = self.key.get((q.type, q.number)) or self.key.get(("", q.number))
        if entry is not None and not answer:
            answer, source = entry.answer, source or entry.source
            if not answer:
                return Skip(where, "参考答案中这道题的答案不可用（见上）")
        plain = _unmark(stem)
        qtype = q.type
        if not answer and (q.options or qtype in ("single", "multi", "choice")):
            m = CHOICE_BRACKET_RE.search(plain)
            if m:
                answer, plain = m.group(1), plain[: m.start()] + SLOT + plain[m.end():]
        if not answer and not q.options and qtype in ("judge", ""):
            m = JUDGE_BRACKET_RE.search(plain)
            if m:
                answer, plain, qtype = m.group(1), plain[: m.start()].rstrip() + plain[m.end():].strip(), "judge"
        if (qtype == "fill" or (qtype == "" and not judge_value(answer))) and not q.options \
                and MARKED_RE.search(stem):
            marked = MARKED_RE.findall(stem)
            plain = MARKED_RE.sub("____", stem)
            if not answer:
                answer, qtype = "；".join(a.strip() for a in marked), "fill"
        if qtype == "fill" and not answer and BLANK_ANSWER_RE.search(plain):
            answer = "；".join(a.strip() for a in BLANK_ANSWER_RE.findall(plain))
            plain = BLANK_ANSWER_RE.sub("____", plain)
        if qtype == "fill" and not answer:
            filled = FILLED_BRACKET_RE.findall(plain)
            if filled and not re.search(r"_{2,}|[（(][ \u3000\xa0]*[）)]", plain):
                answer = "；".join(a.strip() for a in filled)
                plain = FILLED_BRACKET_RE.sub("____", plain)
        if not answer:
            return Skip(where, "没有找到答案（题后没有“答案：…”，参考答案中也没有这一题）")
        if qtype in ("single", "multi", "choice", ""):
            answer = re.sub(r"（.*）$", "", answer).strip() if q.options else answer
        if qtype == "judge" or (not q.options and judge_value(re.sub(r"（.*）$", "", answer))):
            answer = re.sub(r"（.*）$", "", answer).strip()
        if qtype in ("fill", "") and not q.options:
            m = DETAIL_RE.match(answer)
            if m:
                answer, accept = m.group(1), _accepts(m.group(1), m.group(2))
        return Draft(where=where, type=qtype, stem=plain, options=[o[1] for o in q.options], answer=answer,
                     accept=accept, source=source)


def _accepts(answer: str, detail: str) -> list[list[str]]:
    """Accepted alternatives per blank from a key's （1954年（亦可：1954）；156项（亦可：156））."""
    answers = [a.strip() for a in re.split(r"[；;]", answer)]
    found = {}
    for part in detail.split("）；"):
        m = re.match(r"(.+?)（亦可：(.+?)）?$", part)
        if m:
            found[m.group(1)] = [x for x in m.group(2).rstrip("）").split("、") if x]
    out = [found.get(a, []) for a in answers]
    while out and not out[-1]:
        out.pop()
    return out


def parse_lines(lines: list[tuple[int, str]], unit: str) -> Parsed:
    """Questions of a paper given as (paragraph or line number, text); ``unit`` is 段 or 行."""
    r = _Reader(unit)
    for n, text in lines:
        r.line(n, text)
    drafts = r.drafts()
    return Parsed(drafts=drafts, skipped=sorted(r.skipped, key=_line_of), title=r.title)


def _line_of(s: Skip) -> int:
    m = re.match(r"\D*(\d+)", s.where)
    return int(m.group(1)) if m else 0
