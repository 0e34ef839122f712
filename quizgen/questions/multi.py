"""Multiple choice as examiners write it: the members of a list of one form keyed, wrong options
of that form (a glossary sibling, or the members' shared head or tail) that are neither members
nor said by the document beside a member or in the list's frame; one taken from the document's
own strings is said near where the list is said (optionfit.said_near: 医疗保障制度 shares 制度
with 民族区域自治制度 but is about another matter), and none is newer than the document
(optionfit.too_new). A list of 2-3 members is keyed
whole with 2 wrong options; a list of 4+ is keyed by 3 hidden members, the others visible. An
ad-hoc list gets none (nothing could be of its sort).
"""

from __future__ import annotations

from quizgen.glossary import one_formula, siblings
from quizgen.model import Fact, Question, Source
from quizgen.questions import quality
from quizgen.questions.build import (
    BRACKET,
    TYPE_WEIGHT,
    _blank,
    _distractor_pool,
    _doc,
    _passed,
    _ranges,
    _same_sort,
    _stem,
)
from quizgen.questions.distractors import pick, rng_for
from quizgen.questions.optionfit import said_near, unfit
from quizgen.questions.optionform import nested_members, option_refused
from quizgen.questions.quality import listed_with, true_in_frame
from quizgen.textnorm import norm


def build_multi(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A multiple choice for each enumeration of the sentence (the first one weighs most)."""
    out: list[tuple[Question, float]] = []
    for f in group:
        if f.kind == "enumeration":
            made = _multi_for(f, group, pool)
            if made:
                out.append((made[0], made[1] * (0.9 if out else 1.0)))
        if len(out) == 3:
            break
    return _passed(out, pool)


def _list_wrong(f: Fact, pool, places: list[tuple[int, int]], k: int) -> list[str]:
    """Wrong options for a list: siblings of the members' sort that are neither members nor
    said by the document in the list's frame or beside a member."""
    sentence, doc, members = f.sentence, _doc(pool), f.spans
    # glossary siblings serve a list that is (part of) one glossary formula; members of
    # different formulas (艰苦奋斗 of 劳模精神 beside 清正廉洁 of 好干部标准) make an ad-hoc
    # list, and other formulas' members (执着专注) are as true beside them
    sibs = {x for m in members for x in siblings(m)} if one_formula(members) else set()
    if not sibs and not quality.has_form(members):
        return []  # an ad-hoc list: no wrong option can be of its sort (quality.list_form)
    cands = pick(members[0], "enumeration", sentence, _distractor_pool(f, pool), k=12,
                 key=sentence, exclude=tuple(members))
    # members sharing a first or last character (去产能、去库存; 政治建军、依法治军) show their
    # form: a wrong option without it (人工智能) is spotted at a glance
    head = members[0][0] if len({m[0] for m in members}) == 1 else ""
    tail = members[0][-1] if len({m[-1] for m in members}) == 1 else ""
    out = []
    for w in cands:
        if any(w in m or m in w for m in members) or listed_with(w, members, doc):
            continue
        if w not in sibs and ((head and not w.startswith(head)) or (tail and not w.endswith(tail))):
            continue
        if any(true_in_frame(w, sentence[:a], sentence[b:], doc) for a, b in places):
            continue
        if option_refused(members, w, sentence[:places[0][0]], doc):
            continue  # another structure, a cut phrase, or said with the other polarity
        if unfit(members, w, sentence[:places[0][0]], sentence[places[-1][1]:], doc):
            continue  # a glossary formulation newer than the document
        if w not in sibs and not said_near(w, members, doc):
            continue  # a document string of the members' head said about another matter
        out.append(w)
    # options of the members' form first (a glossary sibling, 制度 for 制度, 能动性 for 积极性)
    same = [w for w in out if w in sibs or any(_same_sort(m, w) or w[0] == m[0] or w[-1] == m[-1]
                                               for m in members)]
    return (same + [w for w in out if w not in same])[:k]


def _multi_for(f: Fact, group: list[Fact], pool) -> tuple[Question, float] | None:
    """A list of 2-3 members: the whole list blanked, all members keyed, two wrong options. A
    longer list: 2-3 members blanked where they stand, the others visible, the hidden ones
    keyed, two wrong options (never part of a list keyed while the rest is hidden)."""
    sentence = group[0].sentence
    members = f.spans
    if len(members) < 2 or not all(sentence[o:o + len(sp)] == sp for sp, o in zip(members, f.offsets)):
        return None
    if len({norm(m) for m in members}) != len(members):
        return None  # 创新、创新: options must be distinct
    if nested_members(members):
        return None  # 人民执政 / 靠人民执政; 内部安全 / 国土安全和国民安全: a list cut badly
    ranges = _ranges(f)
    rng = rng_for("multi" + sentence + members[0])
    if len(members) <= 3:
        places = [(ranges[0][0], ranges[-1][1])]
        keyed = list(members)
    else:
        # three hidden: enough of the list is tested, and two stay visible as its clue
        hide = sorted(rng.sample(range(len(members)), 3))
        places = [ranges[i] for i in hide]
        keyed = [members[i] for i in hide]
        visible = norm(_blank(sentence, places, ""))
        if any(norm(m) in visible for m in keyed):
            return None  # a hidden member also stands in the stem
    wrong = _list_wrong(f, pool, places, 2)
    if len(wrong) < 2:
        return None
    options = [*keyed, *wrong]
    rng.shuffle(options)
    stem = _stem(sentence, places, BRACKET, pool)
    q = Question(id="", type="multi", stem=stem, answer=keyed, options=options,
                 source=Source(f.doc, sentence, keyed, f.section), kind="enumeration")
    return q, f.score * TYPE_WEIGHT["multi"]
