"""Judgements: a whole proposition of the document, true as written or false by one change a
reader can spot -- a fact's span for a sibling of its form, a year or number, a glossary
formulation for another member of its family, a scope word for a weaker one. Never from a
comma run that starts mid-clause, never a change inside a word.
"""

from __future__ import annotations

import re

from quizgen.extract.terms import pos_of, segment, word_bounds
from quizgen.glossary import family, known_terms, siblings
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, Fact, Question, Source
from quizgen.questions import quality
from quizgen.questions.build import (
    SHORT_TEXT,
    TYPE_WEIGHT,
    _distractor_pool,
    _doc,
    _one_fact_factor,
    _passed,
    _same_sort,
    _spans_ok,
)
from quizgen.questions.distractors import number_variants, pick, rng_for, year_variants
from quizgen.questions.judgerules import exhortation, fair_swap, narrative_span
from quizgen.questions.quality import dress, lead_of, listed_with, true_in_frame
from quizgen.textnorm import norm

JUDGE_KINDS = ("year", "number", "formula", "principle", "term", "enumeration")
P_FALSE = 0.65
"""Chance that a sentence with a good false variant is asked false first (its hash decides)."""
SECOND_JUDGE = 0.8
"""The other judgement of a sentence weighs this much of the one its hash prefers."""


def _false_variant(f: Fact, pool, bounds: set[int]) -> tuple[str, str, int] | None:
    """(original span, replacement, offset): one whole word or phrase of the fact changed to a
    same-sort one that the document does not say in that frame."""
    sentence, doc = f.sentence, _doc(pool)
    if f.kind == "enumeration":
        i = rng_for("judge-member" + sentence).randrange(len(f.spans))
        order = [i] + [j for j in range(len(f.spans)) if j != i]
    else:
        order = [0]
    for i in order:
        span, o = f.spans[i], f.offsets[i]
        if o not in bounds or o + len(span) not in bounds or sentence.count(span) != 1:
            continue  # replacing inside a word gives 推动经济国民经济循环
        kind = f.kind
        if kind in ("term", "principle") and not siblings(span):
            continue  # only a glossary sibling may replace a term (below): none, no search
        if kind == "enumeration" and (not siblings(span) or sum(family(m) == family(span) for m in f.spans) < 2):
            continue  # the list is not the glossary's formula (开放 of 开放、包容、普惠 is no 新发展理念)
        cands = pick(span, kind, sentence, _distractor_pool(f, pool), k=8, key="judge" + sentence,
                     exclude=tuple(f.spans))
        if kind in ("term", "principle"):
            # a term or a predicate for a formulation parallel to it (the glossary's families):
            # another of the document's phrases with its head is often a near-synonym (必然要求 /
            # 根本要求) or a non sequitur (最大威胁 / 非传统安全威胁)
            sibs = set(siblings(span))
            cands = [w for w in cands if w in sibs and _same_sort(span, w)]
        if kind == "enumeration":
            # a list member for a sibling of its form (农民运动 for 青年运动, 去杠杆 for 去产能); a
            # pair (积雪未消、新雪又至) is a phrase, not a list of one sort
            if len(f.spans) < 3:
                return None
            # a member for a glossary sibling of its form: another phrase of the document (尊崇自然
            # for 保护自然 in 尊重自然、顺应自然、保护自然) is too often held true there as well
            sibs = siblings(span)
            cands = [w for w in cands if w in sibs and quality.list_form(f.spans, w)
                     and not listed_with(w, f.spans, doc) and not quality.near_synonym(span, w)]
        # one member for one member: 坚持真理、坚守理想 in a list would read as two
        cands = [w for w in cands if "、" not in w or "、" in span]
        for w in cands:
            if not fair_swap(sentence, o, span, w, listed=kind == "enumeration"):
                continue  # a whole family listed, or a formulation for one in an exhortation
            if not true_in_frame(w, sentence[:o], sentence[o + len(span):], doc):
                return span, w, o
    return None


def _parallel(a: str, b: str) -> bool:
    """Two list members of one form: the same last two characters (农民运动, 青年运动), or the
    same length and the same first character (去产能, 去杠杆) or the same suffix (法治化, 革命化).
    A shared last character alone joins unrelated words (降成本, 更基本; 无禁区, 街道社区), and
    phrases of one length are not one sort (战略思维, 一国两制)."""
    if len(a) >= 3 and len(b) >= 3 and a[-2:] == b[-2:] and abs(len(a) - len(b)) <= 1:
        return True
    return len(a) == len(b) >= 2 and (a[0] == b[0] or _same_sort(a, b))


SCOPE_SWAPS = {"根本": "基本", "首要": "次要", "主要": "次要", "决定性": "基础性", "根本性": "基础性",
               "基础性": "根本性"}
"""Scope words of a formulation and a definite other scope in their place: 根本政治制度 -> 基本政治
制度 is false as a formulation and a reader who knows it spots the change. Never a merely weaker
word (根本 -> 重要, 最大 -> 较大): the weaker statement is still true."""


ADVERB_SCOPES = {"根本", "主要", "首要"}
"""Scope words that are also adverbs (根本解决, 主要依靠): swapped only before a noun."""


def _next_is_verb(sentence: str, at: int) -> bool:
    words = segment(sentence[at:at + 8])
    return bool(words) and pos_of(words[0]) == "v"


YEAR_IN = re.compile(r"(?<![\d.])\d{4}年")
NUMBER_IN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:%|个百分点|万亿元|亿元|万元|万吨|万人|亿|万|倍|项|家)"
                       r"|第[一二三四五六七八九十]+(?:次|届)")


def _sentence_variant(sentence: str, doc: str) -> tuple[str, str, int] | None:
    """(span, replacement, offset) when no fact gives a false variant: a year or number of the
    sentence, a glossary formulation for its sibling (两个维护 -> 两个确立), or a scope word for a
    weaker one. Whole words only, never what the document says in that frame."""
    bounds = word_bounds(sentence)

    def ok(span: str, o: int, w: str) -> bool:
        return (o in bounds and o + len(span) in bounds and sentence.count(span) == 1
                and norm(w) not in norm(sentence) and fair_swap(sentence, o, span, w)
                and not true_in_frame(w, sentence[:o], sentence[o + len(span):], doc))

    for rx, variants in ((YEAR_IN, year_variants), (NUMBER_IN, number_variants)):
        for m in rx.finditer(sentence):
            for w in variants(m.group()):
                if ok(m.group(), m.start(), w):
                    return m.group(), w, m.start()
    for t in known_terms():
        o = sentence.find(t)
        if o >= 0 and len(t) >= 3:
            # a member of its own family (全面依法治国 -> 全面从严治党), else a sibling of its
            # form (两个维护 -> 两个确立), never one of another sort (全面依法治国 -> 政治意识)
            # another formulation of its form (两个维护 -> 两个确立); not another member of its own
            # family (全面从严治党 -> 全面建设社会主义现代化国家), which the context gives away
            for w in [x for x in siblings(t) if _parallel(t, x) or _same_sort(t, x)]:
                if ok(t, o, w):
                    return t, w, o
    k = 0
    for word in segment(sentence):
        rep = SCOPE_SWAPS.get(word)
        # a scope word qualifies what follows it (第一动力, 根本宗旨), not the end of a clause
        # …尚未得到根本|解决: as an adverb of a verb 根本 says how far, and 基本 there is no clear change
        adverb = word in ADVERB_SCOPES and _next_is_verb(sentence, k + len(word))
        if rep and not adverb and norm(sentence[k + len(word):][:1]) and ok(word, k, rep):
            return word, rep, k
        k += len(word)
    return None


def _false_judge(group: list[Fact], facts: list[Fact], pool) -> list[tuple[Question, float]]:
    """The sentence stated false by one change: each fact's span for a sibling first, then a
    number, formulation or scope word of the sentence; empty when none reads well."""
    sentence = group[0].sentence
    bounds = word_bounds(sentence)

    def stated(f: Fact, made, kind: str = "") -> list[tuple[Question, float]]:
        span, w, o = made
        q = Question(id="", type="judge", stem=dress(sentence[:o] + w + sentence[o + len(span):]),
                     answer=[JUDGE_FALSE], source=Source(f.doc, sentence, [span], f.section),
                     kind=kind or f.kind)
        return _passed([(q, f.score * TYPE_WEIGHT["judge"] * _one_fact_factor(group, f))], pool)

    for f in facts:
        made = _false_variant(f, pool, bounds)
        out = stated(f, made) if made else []
        if out:
            return out
    made = _sentence_variant(sentence, _doc(pool))
    return stated(facts[0], made, _changed_kind(made[0])) if made else []


def _changed_kind(span: str) -> str:
    """The kind of what a sentence-level change replaced (a year, a number, else a term): the
    question's kind says what was changed, not what the sentence's first fact is."""
    if YEAR_IN.fullmatch(span):
        return "year"
    if NUMBER_IN.fullmatch(span):
        return "number"
    return "term"


def _heading(f: Fact) -> bool:
    """The fact's sentence is the heading of its section (二、2024年…政策取向): a title, no proposition."""
    title = f.sentence.strip()
    return bool(title) and f.section.rstrip().endswith(title)


def build_judge(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A whole proposition (a sentence, or a ；-part from its start), true as written and, where a
    change reads well, false by one change a reader can spot (``judgerules``); the true one asks
    the fact its false twin changes. A sentence no change makes false still gets its true
    judgement: dropping those (an exhortation tests little) cost the dev golds' recall, the
    scorer counting a true judgement's fact as asked. Both are offered (the order asks one of
    them, ``questions.order``): the order keeps
    true and false judgements at half each (``questions.TYPE_SHARE``), and a hash of the sentence
    says which of its two is asked first (the false one with chance ``P_FALSE``)."""
    sentence = group[0].sentence
    if not quality.whole_unit(sentence) or lead_of(sentence, _doc(pool)) == "mid":
        return []
    if _heading(group[0]):
        return []  # 2024年经济社会发展总体要求和政策取向 states nothing: no judgement, true or false
    facts = [f for f in group if f.kind in JUDGE_KINDS and f.note != "chunk" and _spans_ok(sentence, f.spans)]
    if not facts:
        return []
    prefer_false = rng_for("judge" + sentence).random() < P_FALSE
    false = _false_judge(group, facts, pool)
    f = facts[0]
    if not false and (exhortation(sentence) or any(narrative_span(sp) for sp in f.spans)
                      or len(_doc(pool)) < SHORT_TEXT):
        # (in a short text's few questions, a true statement with no false twin tests nothing:
        # 安全是企业生存发展的基石，要… copied as 对, judged BAD_JUDGE in every audit)
        # 深化…改革 / 我们要坚持…, or that the games were held: true whatever one knows, and no
        # twin to set against it
        return []
    changed = false[0][0] if false else None  # the true statement asks the fact its twin changes
    q = Question(id="", type="judge", stem=dress(sentence), answer=[JUDGE_TRUE],
                 source=Source(f.doc, sentence, list(changed.source.spans) if changed else [f.spans[0]], f.section),
                 kind=changed.kind if changed else f.kind)
    true = _passed([(q, f.score * TYPE_WEIGHT["judge"] * _one_fact_factor(group, f))], pool)
    second = SECOND_JUDGE
    return ([(q, s * (1.0 if prefer_false else second)) for q, s in false]
            + [(q, s * (second if prefer_false else 1.0)) for q, s in true])
