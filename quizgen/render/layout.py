"""The paper layout model: what goes on a 试卷, independent of the file format.

Owns sections by type with Chinese numbering (一、二、…), points arithmetic (fill per blank,
others per question; a total spread by ``quizgen.render.scoring``), stems cut into text /
blank / answer-bracket segments, blank lengths, option lettering and the choice of 4, 2 or 1
option columns, per-version shuffling (questions and options, with an
option such as 以上都是 kept last) and the answer key with each answer's source sentence.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

from quizgen.errors import InputError
from quizgen.model import JUDGE_TRUE, QUESTION_TYPES, Question
from quizgen.render.scoring import SectionScore, spread_total

BLANK = "____"
BLANK_RE = re.compile(r"_{2,}")
SLOT_RE = re.compile(r"_{2,}|[（(][ \u3000\xa0]*[）)]")
"""Where a choice stem asks for its answer: a blank or an empty bracket."""
SECTION_NAMES = {"fill": "填空题", "single": "单项选择题", "multi": "多项选择题", "judge": "判断题"}
DEFAULT_POINTS = {"fill": 2.0, "single": 2.0, "multi": 3.0, "judge": 1.0}
"""Per-blank/per-question points without a total, and the proportions a total is spread in."""
DEFAULT_TOTAL = 100
LETTERS = "ABCDEFGHIJKLMNOP"
BRACKET = "（\u3000\u3000）"
TICK, CROSS = "√", "×"
LINE_UNITS = 46.0
"""Width of a body line in hanzi (A4, 2 cm margins, 10.5 pt): used to choose option columns."""
_PINNED_RE = re.compile(r"^(以上|上述|前述|(全部|都|均)(是|对|正确|不是|不对|不正确|错误)[。.]?$)")
_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (section numbers)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def fmt_points(x: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5'."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def text_units(text: str) -> float:
    """Display width in hanzi: ASCII counts half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def blank_units(answer: str) -> int:
    """Length in hanzi of the underline printed for a fill answer (DOCX and PDF alike): room
    for the answer written by hand plus two, between 3 and 12."""
    return min(12, max(3, math.ceil(text_units(answer)) + 2))


def option_columns(options: list[str], line_units: float = LINE_UNITS) -> int:
    """4 columns for short options, 2 for medium, 1 for long ones (label 'A. ' included)."""
    if not options:
        return 1
    widest = max(text_units(o) for o in options) + 1.5
    for cols in (4, 2):
        if widest <= line_units / cols - 1.5:
            return cols
    return 1


def is_pinned_option(text: str) -> bool:
    """Options like 以上都是 / 以上都不对 / 上述说法均正确 that must stay last."""
    return bool(_PINNED_RE.match(text.strip()))


@dataclass
class PaperItem:
    """One numbered question as printed."""

    number: int
    question: Question
    segments: list[tuple[str, str]]
    """("text", s) | ("blank", answer-length hint as str) | ("bracket", "")."""
    options: list[str] = field(default_factory=list)
    """Option texts in display order (lettered A, B, …)."""
    columns: int = 1
    answer: str = ""
    """Key form: fill answers joined by '；', letters for choices, √/× for judge."""
    detail: str = ""
    """Extra key text: option texts of a choice answer, accepted variants of a fill."""
    points: float = 0.0
    """Points this question is worth (fill: per blank × blanks)."""
    blanks: int = 1


@dataclass
class Section:
    """All questions of one type, with its heading and points."""

    type: str
    index: int
    items: list[PaperItem]
    unit_points: float
    tail: int = 0
    """The last ``tail`` questions are worth one point more per blank/question (see heading)."""

    @property
    def name(self) -> str:
        return SECTION_NAMES[self.type]

    @property
    def total(self) -> float:
        return sum(i.points for i in self.items)

    @property
    def label(self) -> str:
        return f"{chinese_numeral(self.index)}、{self.name}"

    @property
    def heading(self) -> str:
        """e.g. 一、填空题（每空2分，共20分）."""
        unit = "每空" if self.type == "fill" else "每题"
        if self.tail:
            cut, n = len(self.items) - self.tail, len(self.items)
            parts = [_numbers_points(1, cut, unit, self.unit_points),
                     _numbers_points(cut + 1, n, unit, self.unit_points + 1)]
            pts = f"{'，'.join(parts)}，共{fmt_points(self.total)}分"
        else:
            pts = f"{unit}{fmt_points(self.unit_points)}分，共{fmt_points(self.total)}分"
        if self.type == "judge":
            return f"{self.label}（正确的打“{TICK}”，错误的打“{CROSS}”；{pts}）"
        return f"{self.label}（{pts}）"


def _numbers_points(first: int, last: int, unit: str, value: float) -> str:
    """第1～8题每题2分 / 第9题3分 / 第9题每空3分."""
    if first == last:
        return f"第{first}题{unit if unit == '每空' else ''}{fmt_points(value)}分"
    return f"第{first}～{last}题{unit}{fmt_points(value)}分"


@dataclass
class KeyEntry:
    """One line of the answer key (参考答案)."""

    section: str
    number: int
    answer: str
    detail: str
    doc: str
    sentence: str
    doc_title: str = ""
    doc_section: str = ""
    """Where the sentence stands in its document (三、… / （一）…), '' if the document has no sections."""

    @property
    def source_label(self) -> str:
        """《title》 of the document when known, else its name."""
        return f"《{self.doc_title}》" if self.doc_title else self.doc

    @property
    def where(self) -> str:
        """The section, as printed before the sentence: 〔三、… / （一）…〕."""
        return f"〔{self.doc_section}〕" if self.doc_section else ""


@dataclass
class Paper:
    """A whole paper: header, sections and key."""

    title: str
    sections: list[Section]
    subtitle: str = ""
    notes: list[str] = field(default_factory=list)
    version: str = ""
    doc_titles: dict[str, str] = field(default_factory=dict)
    """Document name -> title, for the key's 出处."""

    @property
    def full_title(self) -> str:
        return f"{self.title}（{self.version}卷）" if self.version else self.title

    @property
    def total_points(self) -> float:
        return sum(s.total for s in self.sections)

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    @property
    def summary(self) -> str:
        return f"本卷共{len(self.sections)}大题{self.count}小题，满分{fmt_points(self.total_points)}分。"

    @property
    def key_source(self) -> str:
        """The document all answers come from, as shown once atop the key ('' if several)."""
        entries = self.key
        docs = {e.doc for e in entries}
        return entries[0].source_label if len(docs) == 1 else ""

    def key_source_text(self, e: KeyEntry) -> str:
        """One entry's 出处 line: its section and the sentence, prefixed by its document when the key
        mixes several (the key of one document names it once, at its top)."""
        if self.key_source:
            return f"出处：{e.where}{e.sentence}"
        return f"出处：{e.source_label}{e.where}｜{e.sentence}"

    @property
    def key(self) -> list[KeyEntry]:
        return [KeyEntry(s.label, i.number, i.answer, i.detail, i.question.source.doc, i.question.source.sentence,
                         self.doc_titles.get(i.question.source.doc, ""), i.question.source.section)
                for s in self.sections for i in s.items]


def stem_segments(q: Question) -> list[tuple[str, str]]:
    """Cut a stem into printable segments: fill blanks become underlines sized to the answer;
    a choice's blanks and its own brackets （　） become answer brackets; choices and judges
    without one get the bracket appended (before a final 。 for choices)."""
    segs: list[tuple[str, str]] = []
    pattern = BLANK_RE if q.type == "fill" else SLOT_RE
    pos = blank_no = 0
    for m in pattern.finditer(q.stem):
        if m.start() > pos:
            segs.append(("text", q.stem[pos:m.start()]))
        if q.type == "fill":
            segs.append(("blank", q.answer[blank_no] if blank_no < len(q.answer) else ""))
            blank_no += 1
        else:
            segs.append(("bracket", ""))
        pos = m.end()
    if pos < len(q.stem):
        segs.append(("text", q.stem[pos:]))
    if q.type != "fill" and not any(kind == "bracket" for kind, _ in segs):
        last = segs[-1][1] if segs and segs[-1][0] == "text" else ""
        if q.type != "judge" and last.endswith(("。", ".")):
            segs[-1] = ("text", last[:-1])
            segs += [("bracket", ""), ("text", last[-1])]
        else:
            segs.append(("bracket", ""))
    return [s for s in segs if s != ("text", "")]


def blank_count(q: Question) -> int:
    return max(1, len(BLANK_RE.findall(q.stem)) or len(q.answer))


def _order_options(q: Question, rng: random.Random | None) -> list[str]:
    opts = list(q.options or [])
    if rng is None:
        return opts
    movable = [o for o in opts if not is_pinned_option(o)]
    pinned = [o for o in opts if is_pinned_option(o)]
    rng.shuffle(movable)
    return movable + pinned


def make_item(q: Question, number: int, unit_points: float, rng: random.Random | None,
              line_units: float = LINE_UNITS) -> PaperItem:
    """Lay out one question; ``rng`` shuffles its options (None keeps the bank order)."""
    item = PaperItem(number=number, question=q, segments=stem_segments(q))
    if q.type == "fill":
        item.blanks = blank_count(q)
        item.points = unit_points * item.blanks
        item.answer = "；".join(q.answer)
        extra = [f"{a}（亦可：{'、'.join(alts)}）" for a, alts in zip(q.answer, q.accept) if alts]
        item.detail = "；".join(extra)
    elif q.type in ("single", "multi"):
        if not q.options:
            raise InputError(f"题目 {q.id}（{q.type}）没有选项；请在题库中改正")
        item.options = _order_options(q, rng)
        letters = []
        for a in q.answer:
            if a not in item.options:
                raise InputError(f"题目 {q.id}：答案 {a!r} 不在它的选项中；请在题库中改正")
            letters.append(LETTERS[item.options.index(a)])
        letters.sort()
        item.answer = "".join(letters)
        item.detail = "；".join(item.options[LETTERS.index(x)] for x in letters)
        item.columns = option_columns(item.options, line_units)
        item.points = unit_points
    elif q.type == "judge":
        item.answer = TICK if q.answer and q.answer[0] == JUDGE_TRUE else CROSS
        item.points = unit_points
    else:
        raise InputError(f"题目 {q.id} 的题型 {q.type!r} 未知")
    return item


def build_paper(questions: list[Question], *, types: tuple[str, ...] = QUESTION_TYPES,
                points: dict[str, float] | None = None, total: int | None = None, title: str = "应知应会测试",
                subtitle: str = "", notes: list[str] | None = None, version: str = "",
                shuffle_seed: int | str | None = None, line_units: float = LINE_UNITS,
                doc_titles: dict[str, str] | None = None) -> Paper:
    """Group ``questions`` into sections in ``types`` order, number and score them.

    Without ``total`` each blank/question gets ``points`` (else DEFAULT_POINTS); with it, whole
    points are spread so that the paper sums to ``total`` exactly, types named in ``points``
    keeping their value (an impossible or inconsistent request is an InputError).

    Without ``shuffle_seed`` questions keep the given order (most important first) and options
    keep the bank order; with it, question order within each section and option order are
    shuffled reproducibly for ``version``.
    """
    pts = dict(DEFAULT_POINTS)
    pts.update(points or {})
    groups = {t: [q for q in questions if q.type == t] for t in types}
    groups = {t: qs for t, qs in groups.items() if qs}
    if not groups:
        raise InputError("no question to put on the paper (check --types and the selection)")
    scores = section_scores(groups, points or {}, total)
    rng = random.Random(f"{shuffle_seed}:{version}") if shuffle_seed is not None else None
    sections: list[Section] = []
    for t, qs in groups.items():
        if rng is not None:
            rng.shuffle(qs)
        score = scores.get(t) or SectionScore(pts[t])
        items = [make_item(q, n, score.item_points(n, len(qs)), rng, line_units) for n, q in enumerate(qs, 1)]
        sections.append(Section(type=t, index=len(sections) + 1, items=items, unit_points=score.unit,
                                tail=score.tail))
    if not sections:
        raise InputError("没有可放进试卷的题（请检查 --types 和筛选条件）")
    return Paper(title=title, sections=sections, subtitle=subtitle, notes=list(notes or []), version=version,
                 doc_titles=dict(doc_titles or {}))


def section_scores(groups: dict[str, list[Question]], points: dict[str, float],
                   total: int | None) -> dict[str, SectionScore]:
    """Per-section points for ``total`` (empty without one); explain in Chinese when impossible."""
    if total is None:
        return {}
    units = {t: [blank_count(q) if t == "fill" else 1 for q in qs] for t, qs in groups.items()}
    fixed = {t: v for t, v in points.items() if t in units}
    scores = spread_total(total, units, DEFAULT_POINTS, fixed)
    if scores is not None:
        return scores
    if len(fixed) == len(units):
        got = sum(fixed[t] * sum(u) for t, u in units.items())
        raise InputError(f"--points 与 --total 不一致：按 --points 合计{fmt_points(got)}分，而 --total 为{total}分；"
                         "只给其中一个，或让两者一致")
    need = sum(sum(u) for t, u in units.items() if t not in fixed)
    why = f"其余{need}个空/题" if fixed else f"本卷共{need}个空/题"
    raise InputError(f"--total {total}：无法把分数按整数分给各题，使总分正好是{total}分（{why}，每空/每题至少1分）；"
                     "请换一个总分、调整题量（-n）或用 --points 给出每空/每题分值")
