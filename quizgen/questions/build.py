"""Builders for each question type from the facts of one sentence.

Invariants kept here: a fill stem with its answers filled in is the source sentence (its words;
a unit cut out of a longer sentence reads …… where it was cut); a choice question has distinct
options of one kind, the answers among them, wrong options the document does not say in that
frame; a false judgement differs from a whole proposition by one replaced word or phrase; every
tested span is a substring of the sentence. Every question passes ``quality.problems``.
"""

from __future__ import annotations

import re

from quizgen.extract.terms import segment
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, Fact, Question, Source
from quizgen.questions import quality
from quizgen.questions.distractors import number_variants, pick, rng_for, year_variants
from quizgen.questions.glossary import family, family_mates, known_terms, siblings
from quizgen.questions.quality import MAX_BLANKS, MAX_LIST_BLANKS, dress, lead_of, listed_with, true_in_frame
from quizgen.textnorm import BLANK, norm

BRACKET = "（　　）"
JUDGE_KINDS = ("year", "number", "formula", "principle", "term", "enumeration")
TYPE_WEIGHT = {"fill": 1.0, "single": 0.93, "multi": 0.95, "judge": 0.85}
P_FALSE = 0.65
P_TRUE_ONLY = 0.25
"""A sentence with a good false variant is stated false with chance P_FALSE (true otherwise);
one without gets a true judgement with chance P_TRUE_ONLY (none otherwise). With a share v of
sentences that have a variant, the false share is 0.65v / (v + 0.25(1 - v)): 0.33 at v = 0.2,
0.52 at v = 0.5, 0.63 at v = 0.9 -- inside a third to two thirds whatever the document."""
EXTRA_FILLS = 3


def question_pool(facts: list[Fact], doc_text: str | None = None) -> dict:
    """Same-document sibling texts by kind, the first source of distractors; ``_doc`` is the
    document text that wrong options are checked against (the facts' sentences in reading order
    when the text is not given)."""
    pool: dict[str, set[str]] = {"term": set(), "principle": set(), "member": set(), "quoted": set()}
    for f in facts:
        if f.note == "quoted":
            pool["quoted"].update(f.spans)
        if f.kind == "enumeration":
            pool["member"].update(f.spans)
        elif f.kind in ("term", "principle"):
            pool[f.kind].update(f.spans)
    out: dict = {k: sorted(v) for k, v in pool.items()}
    out["_doc"] = doc_text if doc_text is not None else _joined(facts)
    return out


def _joined(facts: list[Fact]) -> str:
    """The facts' sentences in order: the unit after one cut at ，、：； joined to it as it stands,
    others on a line of their own (the next sentence, a new paragraph or an unknown start all
    count as a sentence start)."""
    units = sorted({(f.position, f.sentence) for f in facts})
    out, last = [], None
    for pos, text in units:
        if last is not None:
            cut = pos == last[0] + 1 and last[1].rstrip().endswith(quality.DANGLING)
            out.append("" if cut else "\n")
        out.append(text)
        last = (pos, text)
    return "".join(out)


def _doc(pool) -> str:
    return pool.get("_doc", "") if isinstance(pool, dict) else ""


def _passed(qs: list[tuple[Question, float]], pool) -> list[tuple[Question, float]]:
    """The quality gate: a question with a mechanical problem is not emitted."""
    doc = _doc(pool)
    return [(q, s) for q, s in qs if not quality.problems(q, doc)]


def _accept(span: str) -> list[str]:
    """Other ways a person may write the answer: 1954年 -> 1954, 156项 -> 156."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\D{1,4}", span)
    if m and m.group(1) != span:
        return [m.group(1)]
    return []


def _spans_ok(sentence: str, spans: list[str]) -> bool:
    """Each span occurs once in the sentence, also when punctuation is ignored (合作、共赢 holds
    合作共赢): blanking it leaves no copy of the answer."""
    ns = norm(sentence)
    return all(sentence.count(sp) == 1 and norm(sp) and ns.count(norm(sp)) == 1 for sp in spans)


def _blank(sentence: str, ranges: list[tuple[int, int]], mark: str) -> str:
    out, pos = [], 0
    for a, b in sorted(ranges):
        out.append(sentence[pos:a])
        out.append(mark)
        pos = b
    out.append(sentence[pos:])
    return "".join(out)


def _stem(sentence: str, ranges: list[tuple[int, int]], mark: str, pool) -> str:
    return dress(_blank(sentence, ranges, mark), lead_of(sentence, _doc(pool)))


def _ranges(f: Fact) -> list[tuple[int, int]]:
    return [(o, o + len(sp)) for sp, o in zip(f.spans, f.offsets)]


def _word_bounds(sentence: str) -> set[int]:
    out, k = {0}, 0
    for w in segment(sentence):
        k += len(w)
        out.add(k)
    return out


def _fill_ranges(sentence: str, f: Fact) -> list[tuple[int, int]] | None:
    """The blanks for a fact: every occurrence of each of its spans (特征是中国共产党领导，最大优势是
    中国共产党领导 gets two blanks), so no copy of an answer stays visible; None when a copy hides
    behind punctuation and cannot be blanked."""
    ns = norm(sentence)
    out: list[tuple[int, int]] = []
    for sp in f.spans:
        k = sentence.find(sp)
        starts = []
        while k >= 0:
            starts.append(k)
            k = sentence.find(sp, k + len(sp))
        if not starts or ns.count(norm(sp)) != len(starts) or len(starts) > 2:
            return None
        out.extend((a, a + len(sp)) for a in starts)
    return out


def _subject_and_predicate(sentence: str, ranges: list[tuple[int, int]]) -> bool:
    """Two blanks joined by 是/为 (____是____): nothing is left to recall them from."""
    rs = sorted(ranges)
    return any(sentence[b:c] in quality.COPULAS for (_a, b), (c, _d) in zip(rs, rs[1:]))


def canonical_list(members: list[str]) -> bool:
    """A fixed formulation whose members are learnt together (科学立法、严格执法、公正司法、全民守法;
    四个意识): members of one glossary family, or parallel words sharing a first or last
    character. Only such a list is worth 3-4 blanks of one fill."""
    fams = {family(m) for m in members}
    if len(fams) == 1 and None not in fams:
        return True
    return len({m[0] for m in members}) == 1 or len({m[-1] for m in members}) == 1


def _fill_from(facts: list[Fact], top: float, pool) -> tuple[Question, float, list[Fact]] | None:
    """A fill question blanking the best of ``facts``: one or two blanks, or the 3-4 members of
    one list and nothing else; a longer list keeps all but two members as the clue."""
    sentence = facts[0].sentence
    chosen: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for f in facts:
        if f.score < 0.6 * top or (chosen and f.score < 0.5):
            break
        if chosen and f.note == "chunk" and f.score < 0.8 * top:
            continue  # a plain noun run is a weak extra blank beside a stronger fact
        rs = _fill_ranges(sentence, f)
        # overlapping or touching spans would merge two blanks into one
        if rs is None or any(b2 >= a2 for (_a, b2), (a2, _b) in zip(sorted(rs), sorted(rs)[1:])):
            continue
        if f.kind == "enumeration" and len(rs) > MAX_BLANKS and (
                len(rs) > MAX_LIST_BLANKS or not canonical_list(f.spans)):
            # a long or ad-hoc list: two members blanked, the others stay as the clue
            if len(rs) != len(f.spans):
                continue
            keep = rng_for("fill" + sentence + f.spans[0]).sample(range(len(rs)), MAX_BLANKS)
            rs = [rs[i] for i in sorted(keep)]
        elif f.kind == "enumeration" and len(rs) > MAX_BLANKS:
            if chosen:
                continue  # a 3-4 member list is a fill of its own
            chosen, taken = [f], rs
            break
        if len(taken) + len(rs) > MAX_BLANKS:
            continue
        if any(a <= d and c <= b for a, b in rs for c, d in taken):
            continue
        if _subject_and_predicate(sentence, taken + rs):
            continue
        chosen.append(f)
        taken.extend(rs)
    if not chosen:
        return None
    answers = [sentence[a:b] for a, b in sorted(taken)]
    stem = _stem(sentence, taken, BLANK, pool)
    score = chosen[0].score + 0.3 * sum(f.score for f in chosen[1:])
    q = Question(id="", type="fill", stem=stem, answer=answers,
                 source=Source(chosen[0].doc, sentence, answers),
                 accept=[_accept(a) for a in answers], kind=chosen[0].kind)
    return q, score * TYPE_WEIGHT["fill"], chosen


def build_fill(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A fill with the sentence's best facts blanked; more fills for the strong facts the first
    one left out (each then tests a different thing)."""
    made = _fill_from(group, group[0].score, pool)
    if made is None:
        return []
    out = [(made[0], made[1])]
    used = {id(f) for f in made[2]}
    blanked = set(made[0].answer)
    rest = [f for f in group if id(f) not in used and f.score >= 0.6 * group[0].score
            and not blanked & set(f.spans)]
    for f in rest[:EXTRA_FILLS]:
        extra = _fill_from([f], f.score, pool)
        if extra:
            out.append((extra[0], extra[1] * 0.9))
    return _passed(out, pool)


def _distractor_pool(f: Fact, pool) -> list[str]:
    if f.kind == "formula":
        return siblings(f.spans[0])
    if f.kind == "principle":
        return pool["principle"] + siblings(f.spans[0]) + pool["term"]
    if f.kind == "enumeration":
        return pool["member"] + siblings(f.spans[0])
    if f.note == "quoted":
        return pool["quoted"] + siblings(f.spans[0])
    return pool["term"] + siblings(f.spans[0]) + pool["member"]


def _untested_first(group: list[Fact], pool) -> list[Fact]:
    """The facts with those the sentence's main fill leaves out first: a one-answer question
    then tests something the fill does not."""
    made = _fill_from(group, group[0].score, pool)
    blanked = set(made[0].answer) if made else set()
    return sorted(group, key=lambda f: bool(blanked & set(f.spans)))  # stable: by score within


def build_single(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A single choice on the sentence's best fact that has wrong options of its sort, none of
    them said by the document in the stem's frame."""
    sentence = group[0].sentence
    doc = _doc(pool)
    for f in _untested_first(group[:4], pool):
        if f.kind == "enumeration" or not _spans_ok(sentence, f.spans):
            continue
        answer = f.spans[0]
        (a, b), = _ranges(f)[:1]
        stem = _stem(sentence, [(a, b)], BRACKET, pool)
        if quality.frame_content(stem) < quality.MIN_FRAME:
            continue  # 加强（　　）保障。: too little around the blank to single out one answer
        wrong = pick(answer, f.kind, sentence, _distractor_pool(f, pool), k=12, key=sentence + answer)
        wrong = [w for w in wrong if not true_in_frame(w, sentence[:a], sentence[b:], doc)]
        factor = 1.0
        if f.kind in ("term", "principle"):
            # options of the answer's sort (制度 for 制度, 作用 for 作用, a glossary sibling) first;
            # at least two of them, or no single choice on this fact
            same = [w for w in wrong if _same_sort(answer, w)]
            if len(same) < 2:
                continue  # wrong options of other sorts make the answer easy to guess
            wrong = (same + [w for w in wrong if w not in same])[:3]
            factor = 1.0 if len(same) >= 3 else 0.9
        wrong = wrong[:3]
        if len(wrong) < 3:
            continue
        options = [answer, *wrong]
        rng_for("single" + sentence + answer).shuffle(options)
        q = Question(id="", type="single", stem=stem, answer=[answer], options=options,
                     source=Source(f.doc, sentence, [answer]), kind=f.kind)
        made = _passed([(q, f.score * TYPE_WEIGHT["single"] * _one_fact_factor(group, f) * factor)], pool)
        if made:
            return made
    return []


SUFFIX_CHARS = set("力性化感制权观论业式型度率法者家员界区线路")
COUNTED = re.compile(r"[两二三四五六七八九十]")


def _same_sort(answer: str, other: str) -> bool:
    """Same ending (制度 for 制度, 生产力 for 竞争力), or both named formulas of the glossary
    (三重一大 and 三会一课)."""
    if len(answer) >= 3 and len(other) >= 3 and other[-2:] == answer[-2:]:
        return True  # 作用 for 作用, 制度 for 制度
    if other[-1] == answer[-1]:
        # one shared character is a shared sort when it is a suffix ending longer words (生产力,
        # 竞争力; 积极性, 创造性), not when it ends two different words (同志, 立志; 树人, 卷人)
        a, o = segment(answer)[-1], segment(other)[-1]
        if a == o and len(a) >= 2:
            return True
        return answer[-1] in SUFFIX_CHARS and len(answer) >= 3 and len(other) >= 3
    return bool(COUNTED.match(answer) and COUNTED.match(other) and other in siblings(answer))


def _one_fact_factor(group: list[Fact], f: Fact) -> float:
    """A one-answer question suits a sentence with one key fact; where several stand, the fill
    that blanks them all tests more, so the one-answer question steps back."""
    strong = sum(1 for g in group if g.score >= 0.6 * group[0].score)
    return 1.0 if strong <= 1 else 0.75


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
    cands = pick(members[0], "enumeration", sentence, _distractor_pool(f, pool), k=12,
                 key=sentence, exclude=tuple(members))
    sibs = {x for m in members for x in siblings(m)}
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
                 source=Source(f.doc, sentence, keyed), kind="enumeration")
    return q, f.score * TYPE_WEIGHT["multi"]


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
        cands = pick(span, kind, sentence, _distractor_pool(f, pool), k=8, key="judge" + sentence,
                     exclude=tuple(f.spans))
        if kind in ("term", "principle"):
            # a swapped term must be of the same sort (制度 for 制度), or the statement is absurd
            cands = [w for w in cands if _same_sort(span, w)]
        if kind == "enumeration":
            # a list member for a sibling of its form (农民运动 for 青年运动, 去杠杆 for 去产能); a
            # pair (积雪未消、新雪又至) is a phrase, not a list of one sort
            if len(f.spans) < 3:
                return None
            sibs = siblings(span)
            cands = [w for w in cands if (w in sibs or _parallel(span, w)) and not listed_with(w, f.spans, doc)]
        # one member for one member: 坚持真理、坚守理想 in a list would read as two
        cands = [w for w in cands if "、" not in w or "、" in span]
        for w in cands:
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


SCOPE_SWAPS = {"根本": "重要", "首要": "重要", "第一": "重要", "主要": "次要", "决定性": "重要",
               "最大": "较大", "根本性": "基础性", "基础性": "根本性"}
"""Scope words of a formulation and a weaker word in their place: 创新是引领发展的第一动力 ->
重要动力 is false as a formulation and a reader who knows it spots the change."""


YEAR_IN = re.compile(r"(?<![\d.])\d{4}年")
NUMBER_IN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:%|个百分点|万亿元|亿元|万元|万吨|万人|亿|万|倍|项|家)"
                       r"|第[一二三四五六七八九十]+(?:次|届)")


def _sentence_variant(sentence: str, doc: str) -> tuple[str, str, int] | None:
    """(span, replacement, offset) when no fact gives a false variant: a year or number of the
    sentence, a glossary formulation for its sibling (两个维护 -> 两个确立), or a scope word for a
    weaker one. Whole words only, never what the document says in that frame."""
    bounds = _word_bounds(sentence)

    def ok(span: str, o: int, w: str) -> bool:
        return (o in bounds and o + len(span) in bounds and sentence.count(span) == 1
                and norm(w) not in norm(sentence)
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
            for w in family_mates(t) + [x for x in siblings(t) if _parallel(t, x) or _same_sort(t, x)]:
                if ok(t, o, w):
                    return t, w, o
    k = 0
    for word in segment(sentence):
        rep = SCOPE_SWAPS.get(word)
        # a scope word qualifies what follows it (第一动力, 根本宗旨), not the end of a clause
        if rep and norm(sentence[k + len(word):][:1]) and ok(word, k, rep):
            return word, rep, k
        k += len(word)
    return None


def _false_judge(group: list[Fact], facts: list[Fact], pool) -> list[tuple[Question, float]]:
    """The sentence stated false by one change: each fact's span for a sibling first, then a
    number, formulation or scope word of the sentence; empty when none reads well."""
    sentence = group[0].sentence
    bounds = _word_bounds(sentence)

    def stated(f: Fact, made) -> list[tuple[Question, float]]:
        span, w, o = made
        q = Question(id="", type="judge", stem=dress(sentence[:o] + w + sentence[o + len(span):]),
                     answer=[JUDGE_FALSE], source=Source(f.doc, sentence, [span]), kind=f.kind)
        return _passed([(q, f.score * TYPE_WEIGHT["judge"] * _one_fact_factor(group, f))], pool)

    for f in facts:
        made = _false_variant(f, pool, bounds)
        out = stated(f, made) if made else []
        if out:
            return out
    made = _sentence_variant(sentence, _doc(pool))
    return stated(facts[0], made) if made else []


def build_judge(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A whole proposition (a sentence, or a ；-part from its start), true as written or false
    by one change a reader can spot. A hash of the sentence decides: a sentence with a good
    false variant is stated false with chance ``P_FALSE``, else true; one without gets a true
    judgement with chance ``P_TRUE_ONLY``, else none (it tests better as another type)."""
    sentence = group[0].sentence
    if not quality.whole_unit(sentence) or lead_of(sentence, _doc(pool)) == "mid":
        return []
    facts = [f for f in group if f.kind in JUDGE_KINDS and f.note != "chunk" and _spans_ok(sentence, f.spans)]
    if not facts:
        return []
    r = rng_for("judge" + sentence).random()
    false = _false_judge(group, facts, pool)
    if false and r < P_FALSE:
        return false
    if not false and r >= P_TRUE_ONLY:
        return []
    f = facts[0]
    q = Question(id="", type="judge", stem=dress(sentence), answer=[JUDGE_TRUE],
                 source=Source(f.doc, sentence, [f.spans[0]]), kind=f.kind)
    # weighed like a false one: the hash alone sets the share of false judgements
    return _passed([(q, f.score * TYPE_WEIGHT["judge"] * _one_fact_factor(group, f))], pool)
