"""Builders for each question type from the facts of one sentence.

Invariants kept here: a fill stem with its answers filled in is the source sentence (its words;
a unit cut out of a longer sentence reads …… where it was cut); a choice question has distinct
options of one kind, the answers among them, wrong options the document does not say in that
frame; every tested span is a substring of the sentence. Every question passes
``quality.problems``. Multiple choices are built in multi.py and judgements in judge.py (both
re-exported here).
"""

from __future__ import annotations

import re

from quizgen.extract.features import JOINED_THEN_DENG
from quizgen.extract.terms import pos_of, segment
from quizgen.glossary import family_siblings, one_formula, siblings
from quizgen.model import Fact, Question, Source
from quizgen.questions import quality
from quizgen.questions.distractors import pick, rng_for
from quizgen.questions.optionfit import unfit
from quizgen.questions.optionform import option_refused
from quizgen.questions.quality import MAX_BLANKS, MAX_LIST_BLANKS, canonical_list, dress, lead_of, true_in_frame
from quizgen.textnorm import BLANK, norm

BRACKET = "（　　）"
WHOLE_LIST = 32
"""Characters: a list of five or more members (or three or more not parallel) up to this long is
one blank; a longer one keeps all but two members as the clue."""
SECOND_BLANK = 0.5
"""A second blank only for a fact at least half as likely to be tested as the first."""
TYPE_WEIGHT = {"fill": 1.0, "single": 0.93, "multi": 0.95, "judge": 0.85}
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
        if not starts or ns.count(norm(sp)) != len(starts) or len(starts) > 1:
            return None
        out.extend((a, a + len(sp)) for a in starts)
    return out


def _subject_and_predicate(sentence: str, ranges: list[tuple[int, int]]) -> bool:
    """Two blanks on either side of one 是/为 (____是____, ____是推动…的____): the subject and
    the predicate of one statement, with nothing left to recall them from."""
    rs = sorted(ranges)
    for (_a, b), (c, _d) in zip(rs, rs[1:]):
        between = sentence[b:c]
        if between in quality.COPULAS or (between.startswith(("是", "为", "就是")) and not re.search("[，,；;。：:]", between)):
            return True
    return False


CLAUSE_MARKS = "，,。；;：:！？!?…”）)"


def examples(sentence: str, f: Fact) -> bool:
    """The list names examples of a kind (养老、育幼、家政等服务; 科技评价、科技奖励…管理制度改革;
    求真务实…宽容失败的环境): closed by 等 or running into the noun it modifies, not ending its
    clause as a slogan does (当好执行者、行动派、实干家。) nor running into a predicate the
    members share (义务教育、基本医疗、住房安全有保障). One blank for such a list gives no count
    of what to fill."""
    rest = sentence[f.offsets[-1] + len(f.spans[-1]):]
    if not rest or rest[0] in CLAUSE_MARKS:
        return False
    if rest[0] in "等的" or JOINED_THEN_DENG.match(rest):
        return True  # 电力、油气、铁路|和综合运输体系等改革: one more member, then 等
    tag = pos_of(segment(rest[:8])[0])
    return tag.startswith("n") or tag == "vn"


def _fill_from(facts: list[Fact], top: float, pool) -> tuple[Question, float, list[Fact]] | None:
    """A fill question blanking the best of ``facts``: one or two blanks, or the 3-4 members of
    one list and nothing else; a longer list keeps all but two members as the clue. A list of
    examples (``examples``) of three or four is a blank per member, unless the sentence's next
    fact would join it as one blank and the question then tests two things (开发的甲、乙、丙等
    新产品，实现进口替代). Two members blanked of four lose what quiz writers ask: the list."""
    whole = _fill_with(facts, top, pool, per_member=False)
    if whole is not None and quality.named_in_frame(whole[0]):
        # 统筹推进____ admits “五位一体”: two members blanked, the others the clue
        return _fill_with(facts, top, pool, per_member=False, whole_list=False)
    if whole is not None and len(whole[2]) == 1 and whole[2][0].kind == "enumeration":
        f = whole[2][0]
        if len(whole[0].answer) == 1 and examples(f.sentence, f) and len(f.spans) <= MAX_LIST_BLANKS:
            return _fill_with(facts, top, pool, per_member=True)
    return whole


def _fill_with(facts: list[Fact], top: float, pool, per_member: bool,
               whole_list: bool = True) -> tuple[Question, float, list[Fact]] | None:
    sentence = facts[0].sentence
    chosen: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for f in facts:
        if f.score < SECOND_BLANK * top:
            break
        if chosen and f.note == "chunk" and f.score < 0.8 * top:
            continue  # a plain noun run is a weak extra blank beside a stronger fact
        rs = _fill_ranges(sentence, f)
        # overlapping or touching spans would merge two blanks into one
        if rs is None or any(b2 >= a2 for (_a, b2), (a2, _b) in zip(sorted(rs), sorted(rs)[1:])):
            continue
        if f.kind == "enumeration" and len(rs) > MAX_BLANKS and (
                len(rs) > MAX_LIST_BLANKS or not (canonical_list(f.spans) or per_member and examples(sentence, f))):
            if len(rs) != len(f.spans):
                continue
            whole = (f.offsets[0], f.offsets[-1] + len(f.spans[-1]))
            if (not chosen and whole_list and whole[1] - whole[0] <= WHOLE_LIST
                    and sentence.count(sentence[whole[0]:whole[1]]) == 1):
                # a formula learnt as a whole (创新、协调、绿色、开放、共享; 信念坚定、为民服务…):
                # one blank for all of it, as 应知应会 papers ask it; one more fact may join it
                chosen, taken = [f], [whole]
                continue
            # a list too long to recall as one: two members blanked, the others stay as the clue
            # (the last member stays too when the whole list would have been the blank: the unit is
            # often cut right after the list, and a blank before the cut cannot be filled)
            keep = rng_for("fill" + sentence + f.spans[0]).sample(range(len(rs) - (not whole_list)), MAX_BLANKS)
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
    # what a question is worth is how many of the facts a quiz writer tests it asks: the sum of
    # the chances of its facts
    score = sum(f.score for f in chosen)
    q = Question(id="", type="fill", stem=stem, answer=answers,
                 source=Source(chosen[0].doc, sentence, answers, chosen[0].section),
                 accept=[_accept(a) for a in answers], kind=chosen[0].kind)
    return q, score * TYPE_WEIGHT["fill"], chosen


def build_fill(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A fill with the sentence's best facts blanked; more fills for the strong facts the first
    one left out (each then tests a different thing)."""
    made = _main_fill(group, pool)
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


def fill_bound(group: list[Fact]) -> float:
    """No fill ``build_fill`` makes of ``group`` (sorted, best first) has a base above this: a
    fill sums the scores of facts at least ``SECOND_BLANK`` of the best, an extra fill weighs
    0.9 of one."""
    top = group[0].score
    return sum(f.score for f in group if f.score >= SECOND_BLANK * top) * TYPE_WEIGHT["fill"]


def _distractor_pool(f: Fact, pool) -> list[str]:
    """Glossary siblings first, then the document's texts of the fact's sort. The document part
    is one tuple per sort and document, so the distractor search indexes it once."""
    sibs = siblings(f.spans[0])
    if f.kind == "formula":
        return sibs
    if f.kind == "principle":
        parts = ("principle", "term")
    elif f.kind == "enumeration":
        parts = ("member",)
    elif f.note == "quoted":
        parts = ("quoted",)
    else:
        parts = ("term", "member")
    key = "_joined:" + "+".join(parts)
    if key not in pool:
        pool[key] = tuple(x for part in parts for x in pool[part])
    return list(sibs) + list(pool[key]) if sibs else pool[key]


def _main_fill(group: list[Fact], pool):
    """The sentence's main fill, made once (the fill and the single choice builders both ask).
    Where the gate refuses the fill of its best facts (a blank at the cut: …党员在安全生产中的____……),
    the fill of the facts left is the main one (把____的战斗堡垒作用充分发挥出来), up to
    ``MAIN_FILL_TRIES`` times in a short text, whose few sentences must ask what they can (a
    long one has many more sentences than it asks)."""
    key = ("_main_fill", group[0].position, group[0].sentence)
    if key not in pool:
        made = _fill_from(group, group[0].score, pool)
        left, tries = list(group), MAIN_FILL_TRIES - 1 if len(_doc(pool)) < SHORT_TEXT else 0
        while made is not None and tries and not _passed([(made[0], made[1])], pool):
            used = {id(f) for f in made[2]}
            left = [f for f in left if id(f) not in used]
            again = _fill_from(left, left[0].score, pool) if left else None
            if again is None:
                break  # the refused fill stays the main one: what it left out is asked besides it
            made, tries = again, tries - 1
        pool[key] = made
    return pool[key]


MAIN_FILL_TRIES = 3
SHORT_TEXT = 10_000
"""Characters: a text shorter is a news article, a speech or a branch's notice, asked about its
substance in few questions (``questions.padding_floor``); a longer one is a report."""


def _untested_first(group: list[Fact], pool, limit: int = 4) -> list[Fact]:
    """The sentence's ``limit`` best facts, those its main fill leaves out first: a one-answer
    question then tests something the fill does not."""
    made = _main_fill(group, pool)
    blanked = set(made[0].answer) if made else set()
    return sorted(group[:limit], key=lambda f: bool(blanked & set(f.spans)))  # stable: by score within


def build_single(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A single choice on the sentence's best fact that has wrong options of its sort, none of
    them said by the document in the stem's frame."""
    sentence = group[0].sentence
    doc = _doc(pool)
    for f in _untested_first(group, pool):
        if f.kind == "enumeration" or not _spans_ok(sentence, f.spans):
            continue
        answer = f.spans[0]
        (a, b), = _ranges(f)[:1]
        stem = _stem(sentence, [(a, b)], BRACKET, pool)
        if quality.frame_content(stem) < quality.MIN_FRAME:
            continue  # 加强（　　）保障。: too little around the blank to single out one answer
        source = _distractor_pool(f, pool)
        own = _own_family(answer, sentence)
        if own:
            source = own + [s for s in source if s not in own]
        if f.kind in ("term", "principle"):
            # a term's wrong options are formulations parallel to it (the glossary's families):
            # other texts of the document that share its ending are too often of another
            # domain (药品供应保障制度 for a 根本政治制度) or true as well
            sibs = set(own or siblings(answer))
            if len(sibs) < 3:
                continue
            source = [s for s in dict.fromkeys(source) if s in sibs]
            if len(source) < 3:
                continue
        wrong = pick(answer, f.kind, sentence, source, k=12, key=sentence + answer)
        wrong = [w for w in wrong if not true_in_frame(w, sentence[:a], sentence[b:], doc)
                 and not option_refused([answer], w, sentence[:a], doc)
                 and not unfit([answer], w, sentence[:a], sentence[b:], doc)]
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
                     source=Source(f.doc, sentence, [answer], f.section), kind=f.kind)
        made = _passed([(q, f.score * TYPE_WEIGHT["single"] * _one_fact_factor(group, f) * factor)], pool)
        if made:
            return made
    return []


def _own_family(answer: str, sentence: str) -> list[str]:
    """The other members of the one glossary family ``answer`` belongs to (思想建设 -> 政治建设、
    组织建设…), the wrong options of a one-answer question on it: the members of another family
    (社会建设 of 五位一体) are told apart at a glance. None when the answer stands in several
    families, or when the sentence names another member too: then the answer is a slot of a list
    and a member the sentence leaves out is as right."""
    own = family_siblings(answer)
    if not own or any(m in sentence for m in own):
        return []
    return own


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


# the multiple-choice and judgement builders live in multi.py and judge.py; re-exported here
# beside the other builders
from quizgen.questions.judge import JUDGE_KINDS, build_judge  # noqa: F401  (judge.py uses this module)
from quizgen.questions.multi import build_multi  # noqa: F401  (multi.py uses this module)
