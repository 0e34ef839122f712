"""When a sentence's one-word change makes a fair false judgement: the rules about glossary
formulations that ``judge.py`` applies to every swap it considers.

- A member of a glossary family is never swapped where the sentence already lists that whole
  family (积极性、主动性、创造性 -> 积极性、主动性、时代性 is no longer Chinese), and a
  replacement is never a word the sentence already holds.
- A true judgement needs a proposition to judge: a sentence that only urges (深化…改革，健全…;
  我们要坚持…; 当好…的执行者) is true whatever a reader knows, so with no fair false twin it is
  not asked (``exhortation``). A definition or judgement (X是…, X就是要…) is a proposition even
  when its subject is a verb phrase. Nor is a true judgement asked of a place or an event
  (``narrative_span``): that the games were held is narrative.
- One formulation for another (两个维护 -> 四个意识, 四个意识 -> 四个自信) only in a frame that
  is specific to the original: a definition (X是…, X即…, X包括…), a count (三个…, 四项…), its
  members named beside it (…官僚资本主义三座大山). In a
  frame of exhortation (践行/增强/坚持/树立 X) the swapped statement is as true as the original.
"""

from __future__ import annotations

import re

from quizgen.extract.features import EVENT_RE, PLACE_RE
from quizgen.glossary import families_of, members_of

DEFINING = re.compile(r"(?<![特别但于还总凡只若要或不])是(?!否)|即(?!使|便|将|时)|(?<!旨)指(?![导出挥引示标])"
                      r"|包括|包含|概括为|归结为|称为|分别为|内涵")
"""Words that tie a formulation to what it is (a definition): general Chinese, no document's."""
COUNTED = re.compile(r"[一二三四五六七八九十两]+(?:个|项|大|条|种|方面|位|重)")
"""A count of the formulation's members (四个意识, 三大法宝, 两个方面)."""
CLAUSE_END = re.compile(r"[，；。！？：]")
PREDICATE_TAGS = ("v", "a", "d", "j")
"""jieba tags of a word that opens a predicate (verbs, adjectives and adverbs used as verbs, 深化
tagged as an abbreviation): a sentence opening on one has no subject. Not a preposition: in
为了…，党… the subject follows the adverbial."""
URGING_VERBS = ("着力", "弘扬", "当好", "坚定", "切实", "大力", "积极", "持续", "统筹", "注重", "坚持", "加强")
"""Verbs and adverbs of urging that jieba's dictionary tags as nouns or that open a predicate."""
COPULA = re.compile(r"(?<![特别但于还总凡只若要或不])(?:就是|是|乃是)(?!否)")
SUBJECT_MUST = re.compile(r"^[^，,；;。是]{1,10}?(?:要|必须|应当)(?![求素点])")
"""我们要…, 全党要…, 各级政府必须…: a subject and what it must do, an order rather than a fact."""


def whole_family_listed(sentence: str, member: str) -> bool:
    """``sentence`` names every member of a glossary family ``member`` belongs to."""
    return any(all(m in sentence for m in members_of(name)) for name in families_of(member))


def is_formulation(term: str) -> bool:
    """A glossary entry: a family's name (四个意识) or a member of one (政治意识)."""
    term = term.strip("“”")
    return bool(families_of(term) or members_of(term))


def specific_frame(sentence: str, o: int, span: str) -> bool:
    """The clause around ``span`` (at ``o``) defines or counts it, outside the span itself: the
    frame holds only for the original, so another formulation in it is false."""
    start = max((m.end() for m in CLAUSE_END.finditer(sentence, 0, o)), default=0)
    end_m = CLAUSE_END.search(sentence, o + len(span))
    end = end_m.start() if end_m else len(sentence)
    frame = sentence[start:o] + "\x00" + sentence[o + len(span):end]
    if DEFINING.search(frame) or COUNTED.search(frame):
        return True
    # a family's name beside its members (帝国主义、封建主义、官僚资本主义三座大山): they name it
    names = members_of(span.strip("“”"))
    # not a description before it (人与自然和谐共生的美丽中国 is specific, 干事创业的积极性 is
    # not, and the two look alike): such a change is not made
    return bool(names) and all(m in sentence for m in names)


def fair_swap(sentence: str, o: int, span: str, replacement: str, listed: bool = False) -> bool:
    """Replacing ``span`` (at ``o``) by ``replacement`` gives a false statement that reads as
    the sentence's kind of Chinese. ``listed``: ``span`` is one member of a list in the sentence
    (a member for a member: the definition rule is for a formulation standing alone)."""
    if replacement in sentence:
        return False
    if whole_family_listed(sentence, span):
        return False
    if not listed and is_formulation(span) and is_formulation(replacement):
        return specific_frame(sentence, o, span)
    return True


def unfair_swap(sentence: str, span: str, replacement: str) -> str:
    """Why replacing ``span`` of ``sentence`` by ``replacement`` is no fair false judgement
    (Chinese, for ``bank check``), "" when it is fair."""
    o = sentence.find(span)
    if o < 0:
        return ""
    if whole_family_listed(sentence, span):
        return "原句已列出这一提法的全部成员，换掉其中一个读不通"
    listed = "、" in sentence[max(0, o - 1):o + len(span) + 1]
    if not listed and is_formulation(span) and is_formulation(replacement) and not specific_frame(sentence, o, span):
        return "两个提法都是要践行、坚持的，换后的说法本身也对（只在定义或计数的句子里可换）"
    return ""


def exhortation(sentence: str) -> bool:
    """The sentence urges rather than states: it opens on a predicate (深化…改革, 坚定维护…，当好…)
    or on a subject and 要/必须 (我们要坚持…), and its first clause has no copula (X是…, 发展…就是
    要…, which define). Nobody would judge it false: as a true judgement it tests nothing."""
    from quizgen.extract.terms import pos_of, segment

    first = CLAUSE_END.split(sentence.lstrip("…“ "), 1)[0]
    if not first or COPULA.search(first):
        return False
    if SUBJECT_MUST.match(first):
        return True
    word = next(iter(segment(first)), "")
    return bool(word) and (word.startswith(URGING_VERBS) or pos_of(word).startswith(PREDICATE_TAGS))


def narrative_span(span: str) -> bool:
    """A place, a site or an event (榆林市, 杭州亚运会): that a sentence names it truly is a
    narrative detail, the kind of thing a fill or choice does not ask either (``standalone``)."""
    return bool(PLACE_RE.fullmatch(span) or EVENT_RE.search(span))
