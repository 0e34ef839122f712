"""Splitting a Document into sentences with their place in its structure.

A sentence ends at 。！？ (with any closing quote). A very long sentence is cut further at ；
so that a question's stem stays readable; the unit is still an exact substring of the text.
A leading outline number (（三）, 三、, 1.) is left out of the first sentence of its paragraph or
heading: it numbers the outline, it is not part of what the sentence says, and a stem starting
with it does not stand alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.model import Document

END_RE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")
SEMI_RE = re.compile(r"[^；;]*(?:[；;]|$)")
ORDINAL_RE = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[）)、]|第[一二三四五六七八九十]+[，,、]|"
                        r"[一二三四五六七八九十]+是|首先|其次|再次|最后)")
OUTLINE_RE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+(?:[、．]|\.(?!\d)))\s*")
LONG_SENTENCE = 90


def strip_outline(text: str) -> str:
    """``text`` without a leading outline number (a suffix of it, so still exact text)."""
    m = OUTLINE_RE.match(text)
    return text[m.end():] if m and m.end() < len(text) else text


@dataclass(slots=True)
class Sentence:
    """One sentence (or ；-unit of a long one) of the body."""

    text: str
    """Exact text."""
    index: int
    """Position in the document (0-based, reading order)."""
    para: int
    """Index of its paragraph."""
    in_para: int
    """Position within its paragraph (0 = the paragraph's first sentence)."""
    section: int
    """Index of the heading it stands under (0 before any heading)."""
    heading: bool = False
    """The sentence is a section heading."""
    ordinal: bool = False
    """Its paragraph opens with 一是 / （一） / 首先 ... (a structured list item)."""
    full: str = ""
    """The whole sentence this unit is part of (the unit itself when it is whole)."""
    path: str = ""
    """Where it stands in the outline: its section titles, outermost first, joined by " / "
    (三、新时代中国特色社会主义思想和基本方略 / （一）坚持党对一切工作的领导); '' before any."""


COMMA_RE = re.compile(r"[^，,]*(?:[，,]|$)")
CLAUSE_TARGET = 80


def _pack(parts: list[str], limit: int) -> list[str]:
    """Join consecutive parts into pieces of at most ``limit`` characters (a longer part stays
    whole); tiny pieces stay attached to their neighbour."""
    out: list[str] = []
    for p in parts:
        if out and (len(out[-1]) + len(p) <= limit or len(p) < 12 or len(out[-1]) < 12):
            out[-1] += p
        else:
            out.append(p)
    return out


def _units(sentence: str) -> list[str]:
    """A sentence, or for a long one its ；-parts, and for a long part its runs of ，-clauses:
    a quiz stem a person can read in one go. Each unit is an exact substring of the sentence."""
    if len(sentence) <= LONG_SENTENCE:
        return [sentence]
    out: list[str] = []
    for part in _pack([p for p in SEMI_RE.findall(sentence) if p], 12):
        if len(part) <= LONG_SENTENCE:
            out.append(part)
        else:
            out.extend(_pack([piece for c in COMMA_RE.findall(part) if c for piece in _said(c)], CLAUSE_TARGET))
    return out


SAID_RE = re.compile(r"^(?:强调|指出)(?=[^，,：:])")


def _said(clause: str) -> list[str]:
    """A clause that opens on a verb of saying (强调要深入学习…) as the verb and what is said: the
    verb stays with the speaker's clauses (tiny pieces join their neighbour), so a unit cut at it
    starts with what is said (……要深入学习…), not with a 强调 whose speaker is cut away."""
    m = SAID_RE.match(clause)
    return [clause[:m.end()], clause[m.end():]] if m and len(clause) > m.end() + 4 else [clause]


LEVEL_RES = (
    (1, re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+(?:部分|章|篇|节))")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d+(?:[、．]|\.(?!\d))")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)
RUN_IN_MAX = 30
"""A paragraph opening with （一）坚持以人民为中心。 has a run-in heading: its first sentence,
when it is at most this long."""


ADDRESS_RE = re.compile(r"^(?:(?:各位代表|同志们、朋友们|同志们|代表们)[！!：:，,]|以上[一二三四五六七八九十]+(?:条|个方面|点)[，,])")
"""A paragraph opening on the address of a speech or report (各位代表！, 同志们！) or summing up
the numbered items before it (以上十四条，…): the text turns from the subsection before to the
part as a whole (after a report's numbered tasks, 各位代表！ opens its closing paragraphs on the
government's own work), so the open subsections end."""


def outline_level(text: str) -> int:
    """The outline level a heading's number gives (一、 1, （一） 2, 1. 3, （1） 4); 0 for none."""
    for level, rx in LEVEL_RES:
        if rx.match(text):
            return level
    return 0


def is_section_title(text: str) -> bool:
    """A heading that names a part of the document: not a dateline or byline standing alone
    (（2021年11月11日…通过）, ——2024年3月5日在…, 国务院总理 李 强)."""
    s = text.strip()
    if outline_level(s):
        return True
    if s[:1] in "—-" or (s[:1] in "（(" and s[-1:] in "）)"):
        return False
    return not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", s)


class Outline:
    """The open sections while reading: a heading closes the ones at its level and deeper."""

    def __init__(self) -> None:
        self.open: list[tuple[int, str]] = []

    def enter(self, level: int, title: str) -> None:
        self.open = [(lv, t) for lv, t in self.open if lv < level] + [(level, title)]

    def close_below(self, level: int) -> None:
        """Close the sections at ``level`` and deeper (the part they stand in stays open)."""
        self.open = [(lv, t) for lv, t in self.open if lv < level]

    @property
    def path(self) -> str:
        return " / ".join(t for _lv, t in self.open)


def _title_of(text: str) -> str:
    return text.strip().rstrip("。：:；;，, ")


def split_sentences(doc: Document) -> list[Sentence]:
    out: list[Sentence] = []
    section = 0
    outline = Outline()
    for p_idx, block in enumerate(doc.blocks):
        text = block.text.strip()
        if not text:
            continue
        if block.kind == "heading":
            section += 1
            if is_section_title(text):
                outline.enter(outline_level(text) or max(1, block.level), _title_of(text))
            out.append(Sentence(strip_outline(text), len(out), p_idx, 0, section, heading=True,
                                path=outline.path))
            continue
        if ADDRESS_RE.match(text):
            outline.close_below(2)  # 各位代表！/同志们！…: the speech turns; its subsections end
        ordinal = bool(ORDINAL_RE.match(text))
        body = strip_outline(text)
        sentences = [s for s in END_RE.findall(body) if s.strip()]
        level = outline_level(text)
        if level and len(sentences) > 1 and len(sentences[0]) <= RUN_IN_MAX:
            number = text[: len(text) - len(body)]  # （一）
            outline.enter(level, _title_of(number + sentences[0]))
        k = 0
        for sent in sentences:
            for unit in _units(sent):
                if unit.strip():
                    out.append(Sentence(unit, len(out), p_idx, k, section, ordinal=ordinal, full=sent,
                                        path=outline.path))
                    k += 1
    return out
