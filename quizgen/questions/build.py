"""Builders for each question type from the facts of one sentence.

Invariants kept here: a fill stem with its answers filled in is the source sentence exactly; a
choice question has distinct options of one kind, the answers among them; a false judgement
differs from its sentence by one replaced span; every tested span is a substring of the sentence.
"""

from __future__ import annotations

import re

from quizgen.extract.terms import segment
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, Fact, Question, Source
from quizgen.questions.distractors import pick, rng_for
from quizgen.questions.glossary import siblings
from quizgen.textnorm import BLANK, norm

BRACKET = "（　　）"
MAX_BLANKS = 4
JUDGE_KINDS = ("year", "number", "formula", "principle", "term")
TYPE_WEIGHT = {"fill": 1.0, "single": 0.93, "multi": 0.95, "judge": 0.85}


def question_pool(facts: list[Fact]) -> dict[str, list[str]]:
    """Same-document sibling texts by kind, the first source of distractors."""
    pool: dict[str, set[str]] = {"term": set(), "principle": set(), "member": set(), "quoted": set()}
    for f in facts:
        if f.note == "quoted":
            pool["quoted"].update(f.spans)
        if f.kind == "enumeration":
            pool["member"].update(f.spans)
        elif f.kind in ("term", "principle"):
            pool[f.kind].update(f.spans)
    return {k: sorted(v) for k, v in pool.items()}


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
        if not starts or ns.count(norm(sp)) != len(starts) or len(starts) > 2:
            return None
        out.extend((a, a + len(sp)) for a in starts)
    return out


def _fill_from(facts: list[Fact], top: float) -> tuple[Question, float, list[Fact]] | None:
    """A fill question blanking the best of ``facts`` (non-touching, at most four blanks)."""
    sentence = facts[0].sentence
    chosen: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for f in facts:
        if f.score < 0.6 * top or (chosen and f.score < 0.5):
            break
        if chosen and f.note == "chunk" and f.score < 0.8 * top:
            continue  # a plain noun run is a weak extra blank beside a stronger fact
        rs = _fill_ranges(sentence, f)
        if rs is None or len(taken) + len(rs) > MAX_BLANKS:
            continue
        # overlapping or touching spans would merge two blanks into one
        if any(a <= d and c <= b for a, b in rs for c, d in taken):
            continue
        if any(b2 >= a2 for (_a, b2), (a2, _b) in zip(sorted(rs), sorted(rs)[1:])):
            continue
        chosen.append(f)
        taken.extend(rs)
    if not chosen:
        return None
    answers = [sentence[a:b] for a, b in sorted(taken)]
    stem = _blank(sentence, taken, BLANK)
    score = chosen[0].score + 0.3 * sum(f.score for f in chosen[1:])
    q = Question(id="", type="fill", stem=stem, answer=answers,
                 source=Source(chosen[0].doc, sentence, answers),
                 accept=[_accept(a) for a in answers], kind=chosen[0].kind)
    return q, score * TYPE_WEIGHT["fill"], chosen


def build_fill(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A fill with the sentence's best facts blanked; in a long sentence, more fills for the
    strong facts the first one left out (each then tests a different thing)."""
    made = _fill_from(group, group[0].score)
    if made is None:
        return []
    out = [(made[0], made[1])]
    used = {id(f) for f in made[2]}
    if len(group[0].sentence) >= 60:
        rest = [f for f in group if id(f) not in used and f.score >= 0.6 * group[0].score]
        for f in rest[:5]:
            extra = _fill_from([f], f.score)
            if extra:
                out.append((extra[0], extra[1] * 0.9))
    return out


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


def build_single(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """A single choice on the sentence's best fact that has wrong options of its sort."""
    sentence = group[0].sentence
    for f in group[:4]:
        if f.kind == "enumeration" or not _spans_ok(sentence, f.spans):
            continue
        answer = f.spans[0]
        wrong = pick(answer, f.kind, sentence, _distractor_pool(f, pool), k=8, key=sentence + answer)
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
        stem = _blank(sentence, _ranges(f), BRACKET)
        q = Question(id="", type="single", stem=stem, answer=[answer], options=options,
                     source=Source(f.doc, sentence, [answer]), kind=f.kind)
        return [(q, f.score * TYPE_WEIGHT["single"] * _one_fact_factor(group, f) * factor)]
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
    return out


def _multi_for(f: Fact, group: list[Fact], pool) -> tuple[Question, float] | None:
    """Members as the correct options (at most five shown), plus wrong ones of the same sort;
    the whole list is blanked in the stem."""
    sentence = group[0].sentence
    if len(f.spans) < 2 or not all(sentence[o:o + len(sp)] == sp for sp, o in zip(f.spans, f.offsets)):
        return None
    # a member may also stand elsewhere in the stem (发展 in 积极发展…): every option is shown anyway
    members = f.spans[:5]
    n_wrong = max(1, 4 - len(members))
    wrong = pick(members[0], "enumeration", sentence, _distractor_pool(f, pool), k=n_wrong + 2,
                 key=sentence, exclude=tuple(f.spans))
    wrong = [w for w in wrong if all(w not in m and m not in w for m in f.spans)][:n_wrong]
    if len(wrong) < n_wrong:
        return None
    options = [*members, *wrong]
    rng_for("multi" + sentence + members[0]).shuffle(options)
    start, end = f.offsets[0], f.offsets[-1] + len(f.spans[-1])
    stem = sentence[:start] + BRACKET + sentence[end:]
    q = Question(id="", type="multi", stem=stem, answer=list(members), options=options,
                 source=Source(f.doc, sentence, list(members)), kind="enumeration")
    return q, f.score * TYPE_WEIGHT["multi"]


def build_judge(group: list[Fact], pool) -> list[tuple[Question, float]]:
    """True as written, or false by replacing the key span with a same-kind distractor."""
    sentence = group[0].sentence
    for f in group:
        if f.kind not in JUDGE_KINDS or f.note == "chunk" or not _spans_ok(sentence, f.spans):
            continue
        target_i = 0
        span = f.spans[target_i]
        make_false = rng_for("judge" + sentence + span).random() < 0.5
        if make_false:
            kind = "enumeration" if f.kind == "enumeration" else f.kind
            wrong = pick(span, kind, sentence, _distractor_pool(f, pool), k=4, key="judge" + sentence,
                         exclude=tuple(f.spans))
            if kind in ("term", "principle"):
                # a swapped term must be of the same sort (制度 for 制度), or the statement is absurd
                wrong = [w for w in wrong if _same_sort(span, w)]
            if wrong:
                o = f.offsets[target_i]
                stem = sentence[:o] + wrong[0] + sentence[o + len(span):]
                q = Question(id="", type="judge", stem=stem, answer=[JUDGE_FALSE],
                             source=Source(f.doc, sentence, [span]), kind=f.kind)
                return [(q, f.score * TYPE_WEIGHT["judge"] * _one_fact_factor(group, f))]
        q = Question(id="", type="judge", stem=sentence, answer=[JUDGE_TRUE],
                     source=Source(f.doc, sentence, [span]), kind=f.kind)
        # a true statement asks less than a changed one (spotting the change tests the fact)
        return [(q, f.score * TYPE_WEIGHT["judge"] * _one_fact_factor(group, f) * 0.85)]
    return []
