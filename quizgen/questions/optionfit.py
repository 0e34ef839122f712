"""Whether a wrong option fits the document it is asked from and the stem's verb: the option
rules that look beyond the option's own shape.

* an option of the shipped glossary that the document does not say is offered only when it is
  not newer than the document (no 两个确立, first stated in 2021, in a question on a 2017
  report): the document's year is estimated from what it says (``doc_year``);
* a single choice asked after a verb (增强“（　　）”) offers only glossary names said with that
  verb, as the answer is (四个自信 is 坚定, 两个维护 做到: beside 增强 only 四个意识 fits, and the
  verb gives the answer away);
* a wrong option taken from the document's own strings for a list is of the list's sort only
  when the document says it near a member (``said_near``): 医疗保障制度 shares 制度 with
  民族区域自治制度 but is said in another part of the report, about another matter.

Every message is Chinese and names the option; ``optionform.option_problems`` adds them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from quizgen.textnorm import BLANK_RE

CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
YEAR_RE = re.compile(r"(?<![\d０-９])((?:19|20)\d\d)(?=\s*[年\-/.])|([〇零一二三四五六七八九]{4})(?=年)")
TARGET_BEFORE = ("到", "力争", "争取", "计划", "预计", "届时")
TARGET_AFTER = re.compile(r"^[年\s]*(?:前|以前|之前|底前|左右|到|基本实现|实现|建成|达到|全面建成|可持续|议程|规划|远景|愿景|目标)")
"""A year said as a target (到二〇三五年, 二〇六〇年前实现碳中和, 从二〇二〇年到…, a plan named by
its target year: 二〇三〇年可持续发展议程) is not when the
document was written; a year said as what happened (二〇二〇年，面对…; 2018年至2021年) or a date
(2024年3月5日) is."""


def _said_years(doc_text: str) -> list[int]:
    out = []
    for m in YEAR_RE.finditer(doc_text):
        y = int(m.group(1) or "".join(CN_YEAR_DIGITS[c] for c in m.group(2)))
        before = doc_text[max(0, m.start() - 2): m.start()]
        if any(before.endswith(t) for t in TARGET_BEFORE) or TARGET_AFTER.match(doc_text[m.end(): m.end() + 6]):
            continue
        out.append(y)
    return out


@lru_cache(maxsize=8)
def doc_year(doc_text: str) -> int | None:
    """The earliest year the document can have been written in: the latest year it says as
    past or present (not a target) and of the first-stated years of the counted formulations it
    says (a report that says 四个伟大 is of 2017 or later). None when nothing dates it."""
    from quizgen.glossary import dated_names
    from quizgen.textindex import index_of

    if not doc_text:
        return None
    years = _said_years(doc_text)
    ix = index_of(doc_text)
    years.extend(y for name, y in dated_names() if name in ix)
    return max(years) if years else None


def too_new(option: str, doc_text: str) -> bool:
    """A glossary formulation the document does not say, first stated after the document's
    year."""
    from quizgen.glossary import year_of
    from quizgen.textindex import index_of

    if not doc_text:
        return False
    year = year_of(option)
    if year is None or option.strip("“”") in index_of(doc_text):
        return False
    known = doc_year(doc_text)
    # nothing dates the text (a short excerpt, a notice without a year): it is taken as recent,
    # or every glossary option would go from the texts users paste most
    return known is not None and year > known


OBJECT_END = re.compile(r"^[”’\"]*\s*(?:[，,。；;：:、！？!?）)…]|$)")
"""After the blank: the option closes its clause (增强“（　　）”、坚定…), so it is the object of
the verb before it."""


def _verb_before(before: str) -> str:
    """The verb right before a blank (增强 of 增强“), "" when the word there is no verb."""
    from quizgen.extract.terms import pos_of, segment

    text = before.rstrip().rstrip("“‘\"").rstrip()
    words = segment(text[-12:]) if text else []
    if not words:
        return ""
    return words[-1] if pos_of(words[-1]).startswith("v") else ""


def verb_misfit(answer: str, option: str, before: str, after: str, doc_text: str) -> str:
    """The verb ``option`` (a glossary name) is asked after, when the answer is a name the
    glossary records verbs for and the option is not said with that verb (neither in the
    glossary nor in the document); "" when it fits, is no glossary name, or the blank is not the
    verb's object."""
    from quizgen.glossary import is_family_name, verbs_of
    from quizgen.textindex import index_of

    if not verbs_of(answer) or not is_family_name(option) or not OBJECT_END.match(after):
        return ""
    verb = _verb_before(before)
    if not verb:
        return ""
    if any(v.endswith(verb) or verb.endswith(v) for v in verbs_of(option)):
        return ""
    name = option.strip("“”")
    if doc_text:
        ix = index_of(doc_text)
        if verb + name in ix or verb + "“" + name in ix:
            return ""
    return verb


def unfit(answers: list[str], option: str, before: str, after: str, doc_text: str) -> bool:
    """The rules above for one wrong option while a question is built (the verb only for a
    single choice: a list's members are not each the verb's object)."""
    return too_new(option, doc_text) or (
        len(answers) == 1 and bool(verb_misfit(answers[0], option, before, after, doc_text)))


NEAR = 600
"""Characters: about a paragraph. Wrong options of a list's sort are said within it of a place
where the list is said (群众路线 beside 思想路线、政治路线; 制约权力 beside 珍惜权力、管好权力),
options of another matter thousands of characters away (医疗保障制度 from 基层群众自治制度)."""
LISTED = 80
"""Characters: two members said within this of each other are the list said there, whose sort
holds for a paragraph; one member said alone holds it for half of that (帝国主义 in a passage
on foreign policy is the word used about another matter a few sentences on)."""


def _starts(doc_text: str, text: str) -> list[int]:
    from quizgen.textindex import index_of

    return list(index_of(doc_text).starts(text))


def _within(at: list[int], lo: int, hi: int) -> int | None:
    i = bisect_left(at, lo)
    return at[i] if i < len(at) and at[i] <= hi else None


def said_near(option: str, members: list[str], doc_text: str, window: int = NEAR) -> bool:
    """The document says ``option`` within ``window`` characters of a place where two members
    of the list are said together, or within half of that of one member said alone. True when
    there is nothing to measure: no document, or an option it does not say."""
    if not doc_text:
        return True
    at = _starts(doc_text, option)
    if not at:
        return True  # not the document's string (a glossary sibling): nothing to measure
    places = {m: _starts(doc_text, m) for m in dict.fromkeys(members)}
    for m, ks in places.items():
        others = sorted(k for m2, ks2 in places.items() if m2 != m for k in ks2)
        for k in ks:
            listed = _within(others, k - LISTED, k + LISTED) is not None
            reach = window if listed else window // 2
            if _within(at, k - reach, k + reach) is not None:
                return True
    return False


def fit_problems(q, doc_text: str = "") -> list[str]:
    """The rules above for a built single or multiple choice (empty for other types)."""
    if q.type not in ("single", "multi") or not q.options:
        return []
    p: list[str] = []
    wrong = [o for o in q.options if o not in q.answer]
    for w in wrong:
        if too_new(w, doc_text):
            p.append(f"错误选项“{w}”是原文之后才提出的提法，原文没有提到，时代不符")
            break
    blank = BLANK_RE.search(q.stem)
    if q.type == "single" and blank:
        before, after = q.stem[: blank.start()], q.stem[blank.end():]
        for w in wrong:
            verb = verb_misfit(q.answer[0], w, before, after, doc_text)
            if verb:
                p.append(f"错误选项“{w}”不与题干的“{verb}”搭配，只有答案搭配得上，一眼可排除")
                break
    return p
