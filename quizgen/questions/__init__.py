"""From ranked Facts to Questions of all four types, in the order a quiz writer would ask them.

Facts are grouped by sentence. Each sentence gets fills (its best one or two facts blanked, a
whole formula as one blank; the facts left over become fills of their own), a single choice
where wrong options of the answer's sort exist, a multiple choice for a list of one form, and
judgements (true as written, false by one change). Every question has passed the quality gate
(``quality.py``). A question is worth the summed scores of the facts it asks; the order is
greedy: the best question next, a sentence or a fact already asked weighing less, each type
kept near its share, true and false judgements half each, one judgement per sentence. Among the first 100 questions a
third to two thirds of the judgements are false (``balance_judgements``).

What is generated passes the bank's own check (``bankio.question_problems``), so an extract never
writes a bank that ``quizgen bank check`` rejects: a sentence that already holds a blank (``____``,
``（　　）``: an old quiz paper) is an unfinished statement and is not asked, and a question that
fails the check anyway (a fill that no longer gives its sentence back, two equal options) is
dropped here, in one place.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from functools import partial

from quizgen.model import Fact, Question
from quizgen.questions.build import (
    SHORT_TEXT,
    build_fill,
    build_judge,
    build_multi,
    build_single,
    fill_bound,
    question_pool,
)
from quizgen.questions.pastwork import review_chunk
from quizgen.textnorm import BLANK_RE, norm

TYPE_SHARE = {"fill": 0.5, "single": 0.2, "multi": 0.15, "judge-对": 0.075, "judge-错": 0.075}
"""Each type's share of the order; true and false judgements keep half of the judgements' share
each, so any first N questions hold about as many false statements as true ones."""


def _slot(q: Question) -> str:
    return f"judge-{q.answer[0]}" if q.type == "judge" else q.type


TYPE_FLOOR = 0.4
WAIT_FOR_FILL = 0.5
"""A question on a sentence whose fill asks more waits until that fill is asked: the sentence is
first asked for what matters most in it."""
CHOICE_FIRST = 1.02
"""A single or multiple choice on the fact its sentence's best fill blanks (a year with years, a
list member with siblings of its form) is worth that fill and a little more: the fact is asked
with options of its sort, and the fill of it comes after (a paper of 20-30 needs several choice
questions; facts with good wrong options are few)."""
PART_FOR_FILL = 200
"""Questions a document must get (about 10,000 characters) before a choice on one blank of a
two-blank fill stands in for that fill: the fill, asked later, still brings its other fact."""
TRUE_JUDGE_WAIT = 0.2
"""A true judgement, once as many true ones as false ones (or one) were asked, weighs this much
of itself."""
REPEAT_FACTOR = 0.3
LONG_REPEAT_FACTOR = 0.6  # a long sentence holds several distinct facts
REPORT_REPEAT_FACTOR = 0.05
"""In a long text (``SHORT_TEXT`` characters or more) a sentence asked once weighs this much
again, whatever its length: such a text has many more sentences worth asking than a paper's or
an export's first hundred questions, and a second question on a sentence prints the answers of
the first. A short text has few, and its sentences' second facts are worth asking."""


def question_id(doc: str, qtype: str, sentence: str, spans: list[str]) -> str:
    h = hashlib.blake2b("\x1f".join([qtype, sentence, *spans]).encode("utf-8"), digest_size=5).hexdigest()
    return f"{doc}-{qtype}-{h}"


MAX_QUESTIONS = 600
"""A document keeps its 600 most important questions: far more than a paper or a practice
needs, and the bank file stays small enough to read, edit and load quickly."""


CHOICE_SENTENCES = MAX_QUESTIONS // 3
"""How many of a document's best sentences get choice questions besides their fill."""

CHARS_PER_QUESTION = 50
MIN_QUESTIONS = 12
"""A short text is asked about its substance, not padded: at most one question per 50 characters
(a 1,700-character news article gives 34 at most, a 36,000-character report the 600 cap), and
up to 12 where it has them; fills weighed as padding are not asked (``PADDING_FILL``)."""


PADDING_FILL = 0.02
"""In a text under 10,000 characters (a news article, a speech, a branch's own notice) a fill
the order weighs below 0.02 (under a 2% chance, by the ranking model, that a quiz writer asks
it: a stock phrase such as 推动高质量发展 or 员工技能, or a fact asked already) is padding and is
not asked: the short text gets fewer, better questions. In the seed article every fill that
tests a writer's fact weighs 0.03 or more. A long text keeps its 600 or its one per 50
characters: there a paper takes its first few dozen, and the weights of a long text are lower
throughout (its writers' facts are spread over many more sentences)."""


def padding_floor(doc_text: str | None) -> float:
    """The weight under which a fill of this text is padding (0: none is)."""
    return PADDING_FILL if doc_text is not None and len(doc_text) < SHORT_TEXT else 0.0


def question_limit(doc_text: str | None) -> int:
    if doc_text is None:
        return MAX_QUESTIONS
    return max(MIN_QUESTIONS, min(MAX_QUESTIONS, len(doc_text) // CHARS_PER_QUESTION))


def generate(facts: list[Fact], doc: str, limit: int | None = None, doc_text: str | None = None) -> list[Question]:
    """The questions for one document's facts, most important first (``score`` decreasing).
    ``doc_text`` (the whole document) lets wrong options be checked against everything it says,
    and sets how many questions a short document gets."""
    from quizgen.bankio import question_problems

    if limit is None:
        limit = question_limit(doc_text)
    facts = [f for f in facts if not BLANK_RE.search(f.sentence)]
    pool = question_pool(facts, doc_text)
    facts = [f for f in facts if not review_chunk(f)]
    by_sentence: dict[tuple[int, str], list[Fact]] = defaultdict(list)
    for f in facts:
        by_sentence[(f.position, f.sentence)].append(f)
    for group in by_sentence.values():
        group.sort(key=lambda f: -f.score)
    # choice questions (whose wrong options take the time) only for the sentences that can reach
    # the kept questions; every sentence still gets its fill
    best = heapq.nlargest(CHOICE_SENTENCES, (g[0].score for g in by_sentence.values()))
    floor = best[-1] if len(by_sentence) > CHOICE_SENTENCES else float("-inf")
    choice_texts = {sentence for (_pos, sentence), g in by_sentence.items() if g[0].score >= floor}

    def built(sentence: str, group: list[Fact], builders) -> list[tuple[float, Question]]:
        out = []
        for builder in builders:
            for q, base in builder(group, pool):
                q.id = question_id(doc, q.type, sentence, q.source.spans)
                if not question_problems(q):
                    out.append((base, q))
        return out

    candidates: list[tuple[float, Question] | Later] = []
    a_fill = False
    for (_pos, sentence), group in by_sentence.items():
        if group[0].score >= floor:
            made = built(sentence, group, (build_fill, build_single, build_multi, build_judge))
        elif a_fill and sentence not in choice_texts:
            # a fill the order may never reach: built when it does (``Later``)
            candidates.append(Later(fill_bound(group), partial(built, sentence, group, (build_fill,))))
            continue
        else:  # before the first fill, or a sentence said again with choices: as the order needs it
            made = built(sentence, group, (build_fill,))
        candidates.extend(made)
        a_fill = a_fill or any(q.type == "fill" for _b, q in made)
    return balance_judgements(order(candidates, limit, fill_floor=padding_floor(doc_text),
                                    repeat=repeat_factors(doc_text)))


def repeat_factors(doc_text: str | None) -> tuple[float, float]:
    """What a sentence asked once weighs again: (a short sentence, one of 80 characters or more)."""
    if doc_text is not None and len(doc_text) >= SHORT_TEXT:
        return REPORT_REPEAT_FACTOR, REPORT_REPEAT_FACTOR
    return REPEAT_FACTOR, LONG_REPEAT_FACTOR


class Later:
    """Questions built only when the order reaches them: ``build()`` gives (base, question)
    pairs, none of a base above ``bound``. A long document has tens of thousands of sentences
    and keeps 600 questions: most fills are never reached.

    The order is the same as with the questions built at once. In the fill heap a ``Later``
    stands before every question it will give (its bound is at least their bases, and it sorts
    first on a tie); the lazy heap only ever looks at its top, so the questions it holds are
    built before any of them could be looked at, and nothing behind them changes. Only fills of
    sentences without choice questions are built later (``best_fill`` sees every fill that a
    choice question waits for), and only after the first fill (the type heaps keep their order)."""

    __slots__ = ("bound", "build")

    def __init__(self, bound: float, build):
        self.bound = bound * (1 + 1e-9) + 1e-12  # no rounding of a sum puts a fill above it
        self.build = build


JUDGE_WINDOW = 100
FALSE_SHARE = (0.35, 0.65)
"""Among the judgements of a document's first 100 questions, between a third and two thirds are
false: a paper is not answered 对 throughout, nor 错."""


def balance_judgements(questions: list[Question], window: int = JUDGE_WINDOW) -> list[Question]:
    """Bring the first judgement of the under-asked answer from after the first ``window``
    questions up beside their last judgement, or, with none left, drop the last judgements of
    the over-asked answer, until the false share there is within ``FALSE_SHARE`` (a document
    with no false judgement keeps none: true statements alone test nothing)."""
    out = list(questions)
    for _ in range(window):
        judges = [i for i, q in enumerate(out[:window]) if q.type == "judge"]
        false = [i for i in judges if q_false(out[i])]
        true = [i for i in judges if not q_false(out[i])]
        if not judges or FALSE_SHARE[0] <= len(false) / len(judges) <= FALSE_SHARE[1]:
            return out
        want_false = len(false) / len(judges) < FALSE_SHARE[0]
        later = next((i for i in range(window, len(out))
                      if out[i].type == "judge" and q_false(out[i]) == want_false), None)
        if later is not None:
            at = min(judges[-1] + 1, window - 1)
            moved = out.pop(later)
            moved.score = out[at - 1].score if at else moved.score  # the bank's order (select) keeps it here
            out.insert(at, moved)
            continue
        del out[true[-1] if want_false else false[-1]]
    return out


def _true_judge(q: Question) -> bool:
    """A judgement that is its sentence as written: it tests no fact the sentence's fill does not,
    so it waits for that fill however the two are weighed."""
    return q.type == "judge" and q.answer == ["对"]


def q_false(q: Question) -> bool:
    return q.answer == ["错"]


def _asked(span: str, everywhere: set[str], here: list[str]) -> bool:
    """The span was asked already: the same text anywhere, or, in the same sentence, a span
    holding it or held by it (a fill of the whole list 求真务实、尊重知识… has asked 尊重知识)."""
    return span in everywhere or any(span in u or u in span for u in here)


def order(candidates: list[tuple[float, Question] | Later], limit: int | None = None,
          fill_floor: float = 0.0, repeat: tuple[float, float] = (REPEAT_FACTOR, LONG_REPEAT_FACTOR)
          ) -> list[Question]:
    """Greedy ordering for variety.

    A question weighs less once its sentence or one of its spans was asked. Each type keeps
    near its share: when a type has fallen behind, its best question is taken next, provided
    it is worth at least ``TYPE_FLOOR`` of the best question overall. Lazy greedy over one heap
    per type: what was chosen can only lower a question's weight, so a popped question whose
    fresh weight still tops its heap is that type's best. With ``limit`` the order stops after
    that many questions (the first ``limit`` of the whole order: each pick depends only on the
    picks before it), so a long document's tens of thousands of candidates are heaped, not
    all ordered. Once the best fill left weighs less than ``fill_floor``, no more fills are
    asked (``padding_floor``): weights only fall, so every fill left is below it too.
    """
    used_sentences: dict[str, int] = defaultdict(int)
    used_spans: set[str] = set()
    used_by_sentence: dict[str, list[str]] = defaultdict(list)
    type_count: dict[str, int] = defaultdict(int)
    out: list[Question] = []
    seen_ids: set[str] = set()
    judged: set[str] = set()

    # a one-answer question on a sentence whose fill tests more waits until that fill is asked
    best_fill: dict[str, float] = defaultdict(float)
    fill_spans: dict[str, set[str]] = {}
    for c in candidates:
        if isinstance(c, Later):
            continue  # only fills of sentences with no other question are built later
        b, q = c
        if q.type == "fill" and b >= best_fill[q.source.sentence]:
            best_fill[q.source.sentence] = b
            fill_spans[q.source.sentence] = {norm(sp) for sp in q.source.spans}
    asked_fill: set[str] = set()
    long_order = limit is None or limit >= PART_FOR_FILL

    def instead_of_fill(q: Question) -> bool:
        """A choice question on all that the sentence's best fill blanks: it asks that fact with
        wrong options of its sort, which a paper needs, so it is worth the fill and goes first;
        the fill then asks the fact again and steps back (``seen`` below). A choice on one blank
        of a two-blank fill stands in for it only in a long order (``PART_FOR_FILL`` questions or
        more): in a short text's few questions the fill's other fact would fall out."""
        spans = fill_spans.get(q.source.sentence)
        if q.type not in ("single", "multi") or not spans:
            return False
        mine = {norm(sp) for sp in q.source.spans}
        return spans <= mine or (long_order and bool(spans & mine))

    def adjusted(base: float, q: Question) -> float:
        again = repeat[0] if len(q.source.sentence) < 80 else repeat[1]
        w = base * again ** used_sentences[q.source.sentence]
        if instead_of_fill(q) and q.source.sentence not in asked_fill:
            w = max(w, best_fill[q.source.sentence] * CHOICE_FIRST)
        elif _true_judge(q) and q.source.sentence not in asked_fill and best_fill[q.source.sentence]:
            w *= TRUE_JUDGE_WAIT
        elif (q.type != "fill" and q.source.sentence not in asked_fill
                and best_fill[q.source.sentence] > base):
            w *= WAIT_FOR_FILL
        if q.type == "judge" and q.answer == ["对"] and type_count["judge-对"] >= max(1, type_count["judge-错"]):
            w *= TRUE_JUDGE_WAIT  # true statements wait for false ones: a third to two thirds false
        seen = sum(1 for sp in q.source.spans if _asked(norm(sp), used_spans, used_by_sentence[q.source.sentence]))
        if seen and seen == len(q.source.spans):
            w *= 0.1  # the same fact again (from another sentence or as another type): last
        elif seen:
            w *= 1 - seen / len(q.source.spans)  # worth what it tests anew
        return w

    # an entry's place among equal weights is its place in ``candidates`` (i, k): k numbers the
    # questions a ``Later`` gives, which it stands before (k = -1)
    heaps: dict[str, list] = defaultdict(list)
    for i, c in enumerate(candidates):
        if isinstance(c, Later):
            heaps["fill"].append((-c.bound, (i, -1), c.bound, c))
        else:
            base, q = c
            # the heap key is the most a question can weigh (lazy greedy: picks only lower it); a
            # choice asked instead of its fill starts at the fill's worth
            top = max(base, best_fill[q.source.sentence] * CHOICE_FIRST) if instead_of_fill(q) else base
            heaps[_slot(q)].append((-top, (i, 0), base, q))
    for h in heaps.values():
        heapq.heapify(h)

    def best_of(t: str):
        h = heaps[t]
        while h:
            _neg, i, base, q = h[0]
            if isinstance(q, Later):
                heapq.heappop(h)
                for k, (b, made) in enumerate(q.build()):
                    heapq.heappush(h, (-b, (i[0], k), b, made))
                continue
            if q.id in seen_ids or (q.type == "judge" and q.source.sentence in judged):
                heapq.heappop(h)  # a sentence judged once: its other judgement gives the answer away
                continue
            w = adjusted(base, q)
            if w >= -_neg - 1e-12:
                return w, q
            heapq.heapreplace(h, (-w, i, base, q))
        return None

    last = None
    while limit is None or len(out) < limit:
        tops = {t: best_of(t) for t in list(heaps)}
        tops = {t: v for t, v in tops.items() if v is not None}
        if "fill" in tops and tops["fill"][0] < fill_floor:
            del heaps["fill"], tops["fill"]
        if not tops:
            break
        overall = max(tops, key=lambda t: tops[t][0])
        total = len(out) + 1
        behind = sorted(tops, key=lambda t: type_count[t] - TYPE_SHARE[t] * total)
        pick_t = overall
        for t in behind:
            if type_count[t] + 1 <= TYPE_SHARE[t] * total and tops[t][0] >= TYPE_FLOOR * tops[overall][0]:
                pick_t = t
                break
        w, q = tops[pick_t]
        heapq.heappop(heaps[pick_t])
        seen_ids.add(q.id)
        if q.type == "judge":
            judged.add(q.source.sentence)
        last = w if last is None else min(last, w)
        q.score = round(last, 4)
        used_sentences[q.source.sentence] += 1
        if q.type == "fill":
            asked_fill.add(q.source.sentence)
        used_spans.update(norm(sp) for sp in q.source.spans)
        used_by_sentence[q.source.sentence].extend(norm(sp) for sp in q.source.spans)
        type_count[_slot(q)] += 1
        out.append(q)
    return out
