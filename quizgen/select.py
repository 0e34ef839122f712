"""Choosing questions from a bank: filters, importance order, seeded draws, one question per fact.

Shared by ``export``, ``paper`` and ``quiz``. Deterministic for a given seed.

- Filters: document, tag, type, status (``reviewed``, ``new``; rejected questions never) and
  section (``十三``, ``（二）``, ``十三/（二）`` or words of a section title).
- Importance: a pinned question (``pin: true``) comes before every other; then the score.
- Without a seed a selection takes the most important questions. With one it draws at random
  from the important ones: for each type at most 1/``DRAW_SHARE`` of its fresh questions, all
  equally likely among the top ``DRAW_POOL`` × that share, so seeds give different papers of
  the same quality and one seed always the same paper.
- Questions of earlier papers (``Selection.exclude``), and others on their sentences, are taken
  only when fresh ones run out; a pinned question is always taken.
- One question per fact: a selection never holds two questions on one sentence, nor one whose
  stem shows another's answer (a judgement restating a fill's sentence answers it).
"""

from __future__ import annotations

import random
import re
from collections import deque
from dataclasses import dataclass, field

from quizgen.errors import InputError
from quizgen.model import JUDGE_FALSE, QUESTION_TYPES, Question
from quizgen.textnorm import norm

DRAW_POOL = 8
"""A seeded draw picks among the top DRAW_POOL × a type's share of its questions …"""
DRAW_SHARE = 6
"""… and takes at most 1/DRAW_SHARE of the fresh questions of a type."""
STATUSES = ("new", "reviewed", "rejected")


@dataclass
class Selection:
    """What to pick: counts, filters and a seed."""

    n: int | None = None
    types: tuple[str, ...] = QUESTION_TYPES
    docs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    seed: int | None = None
    balanced: bool = False
    """Spread ``n`` evenly across ``types`` instead of taking the top ``n`` overall."""
    statuses: tuple[str, ...] = ()
    """Only questions of these statuses (empty: new and reviewed)."""
    sections: tuple[str, ...] = ()
    """Only questions of a section matching one of these (see ``section_matches``)."""
    exclude: frozenset[str] = frozenset()
    """Ids to leave out while other questions can take their place (earlier papers)."""
    one_per_fact: bool = True
    """Never two questions on one sentence or one answering another."""
    repeated: list[str] = field(default_factory=list)
    """Filled by ``select``: ids of ``exclude`` it had to take after all."""


def parse_types(text: str | None) -> tuple[str, ...]:
    """``fill,single`` -> ('fill', 'single'); also accepts 填空/单选/多选/判断."""
    if not text:
        return QUESTION_TYPES
    aliases = {"填空": "fill", "单选": "single", "多选": "multi", "判断": "judge",
               "choice": "single", "tf": "judge"}
    out: list[str] = []
    for raw in text.replace("，", ",").split(","):
        t = aliases.get(raw.strip(), raw.strip().lower())
        if not t:
            continue
        if t not in QUESTION_TYPES:
            raise InputError(f"未知题型 {raw.strip()!r}：请用 {', '.join(QUESTION_TYPES)}（或 填空、单选、多选、判断）")
        if t not in out:
            out.append(t)
    if not out:
        raise InputError("没有给出题型：请用 " + ", ".join(QUESTION_TYPES))
    return tuple(out)


def parse_statuses(text: str | None) -> tuple[str, ...]:
    """``reviewed`` or ``new,reviewed`` (also 已审/未审) -> a tuple of statuses."""
    aliases = {"已审": "reviewed", "已审核": "reviewed", "未审": "new", "未审核": "new", "新": "new"}
    out: list[str] = []
    for raw in split_list(text):
        s = aliases.get(raw, raw.lower())
        if s not in STATUSES[:2]:
            raise InputError(f"--status：不认识的状态 {raw!r}，请用 new（未审）或 reviewed（已审）"
                             "（rejected 的题从不使用）")
        if s not in out:
            out.append(s)
    return tuple(out)


def split_list(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(x.strip() for x in text.replace("，", ",").split(",") if x.strip())


# ------------------------------------------------------------------------------ sections

NUMERAL = "一二三四五六七八九十百零〇"
_PART_RE = re.compile(rf"^(?:第([{NUMERAL}]+)(?:部分|章|篇|节)|([{NUMERAL}]+)、?|[（(]([{NUMERAL}]+)[）)])$")


def _level_matches(title: str, part: str) -> bool:
    m = _PART_RE.match(part)
    if m:
        if m.group(1) or m.group(2):
            num = m.group(1) or m.group(2)
            return title.startswith((num + "、", f"第{num}"))
        return bool(re.match(rf"^[（(]{m.group(3)}[）)]", title))
    return part in title


def section_matches(path: str, query: str) -> bool:
    """Whether a section path (三、… / （一）…) matches a query: ``十三`` or ``第十三部分`` (the
    part numbered 十三), ``（二）``, ``十三/（二）`` (one level after another), or words of a title."""
    levels = [t.strip() for t in path.split(" / ") if t.strip()]
    parts = [p.strip() for p in re.split(r"[/／]", query) if p.strip()]
    if not parts:
        return True
    i = 0
    for level in levels:
        if _level_matches(level, parts[i]):
            i += 1
            if i == len(parts):
                return True
    return False


# ------------------------------------------------------------------------------ filter and order


def filter_questions(questions: list[Question], sel: Selection) -> list[Question]:
    statuses = sel.statuses or STATUSES[:2]
    out = []
    for q in questions:
        if q.status not in statuses or q.type not in sel.types:
            continue
        if sel.docs and q.source.doc not in sel.docs:
            continue
        if sel.tags and not set(sel.tags) & set(q.tags):
            continue
        if sel.sections and not any(section_matches(q.source.section, s) for s in sel.sections):
            continue
        out.append(q)
    return out


def by_importance(pool: list[Question], seed: int | None) -> list[Question]:
    """Pinned questions first, then by score; equal ones in bank order, or shuffled by a seed."""
    rng = random.Random(seed)
    tiebreak = {q.id: (rng.random() if seed is not None else i) for i, q in enumerate(pool)}
    return sorted(pool, key=lambda q: (not q.pin, -q.score, tiebreak[q.id]))


MIN_SHOWN = 3
"""An answer shorter than this (创新, 八) shown in another stem gives nothing away."""


def _answers(q: Question) -> tuple[list[str], int]:
    """What a question asks for, as texts another question's stem could show, and how many of
    them a stem must show to answer it: a blank of a fill, the key of a single choice, the true
    words a false judgement changed (one is enough); two keyed options of a multiple choice."""
    if q.type == "judge":
        found = q.source.spans if q.answer == [JUDGE_FALSE] else []
    else:
        found = q.answer
    texts = [norm(a) for a in found if len(norm(a)) >= MIN_SHOWN]
    return texts, (min(2, len(texts)) if q.type == "multi" else 1)


def _shown(answers: tuple[list[str], int], stem: str) -> bool:
    texts, need = answers
    return bool(texts) and sum(a in stem for a in texts) >= need


class FactGuard:
    """The questions taken so far, to refuse one on the same fact."""

    def __init__(self) -> None:
        self.sentences: set[tuple[str, str]] = set()
        self.by_doc: dict[str, list[tuple[tuple[list[str], int], str]]] = {}

    def clashes(self, q: Question) -> bool:
        doc = q.source.doc
        if q.source.sentence and (doc, norm(q.source.sentence)) in self.sentences:
            return True
        stem, answers = norm(q.stem), _answers(q)
        return any(_shown(other, stem) or _shown(answers, other_stem)
                   for other, other_stem in self.by_doc.get(doc, ()))

    def take(self, q: Question) -> None:
        if q.source.sentence:
            self.sentences.add((q.source.doc, norm(q.source.sentence)))
        self.by_doc.setdefault(q.source.doc, []).append((_answers(q), norm(q.stem)))


def one_per_fact(ordered: list[Question], n: int | None = None) -> list[Question]:
    """The first ``n`` (all) of ``ordered`` that test a fact none before them tests."""
    guard, out = FactGuard(), []
    for q in ordered:
        if n is not None and len(out) >= n:
            break
        if not guard.clashes(q):
            guard.take(q)
            out.append(q)
    return out


def _quotas(sizes: dict[str, int], want: int) -> dict[str, int]:
    """An even share of ``want`` for each type, topped up from types with spare."""
    quota = {t: 0 for t in sizes}
    left = want
    while left > 0:
        progressed = False
        for t, size in sizes.items():
            if left and quota[t] < size:
                quota[t] += 1
                left -= 1
                progressed = True
        if not progressed:
            break
    return quota


def _round_robin(queues: dict[str, deque[Question]], want: int, chosen: list[Question],
                 guard: FactGuard | None, limits: dict[str, int] | None = None) -> None:
    """Take from each queue in turn (at most ``limits[t]`` from queue t) until ``want`` are
    chosen or the queues run dry."""
    taken = dict.fromkeys(queues, 0)
    open_ = [t for t in queues if queues[t]]
    while len(chosen) < want and open_:
        for t in list(open_):
            while queues[t] and len(chosen) < want:
                q = queues[t].popleft()
                if guard is not None and guard.clashes(q):
                    continue
                if guard is not None:
                    guard.take(q)
                chosen.append(q)
                taken[t] += 1
                break
            if not queues[t] or (limits is not None and taken[t] >= limits.get(t, 0)):
                open_.remove(t)


def select(questions: list[Question], sel: Selection) -> list[Question]:
    """The chosen questions, most important first.

    Pinned questions are offered first, then fresh ones, then those on the facts of earlier
    papers; a seed shuffles the important fresh ones (the top DRAW_POOL × each type's share).
    """
    pool = filter_questions(questions, sel)
    if not pool:
        raise InputError("没有符合条件的题（请检查 --doc、--tag、--types、--status 和 --section，或题库）")
    pool = by_importance(pool, sel.seed)
    rank = {q.id: i for i, q in enumerate(pool)}
    if sel.n is not None and sel.n <= 0:
        raise InputError("题目数量至少为 1")
    if sel.n is None and not sel.exclude and sel.seed is None:
        return one_per_fact(pool) if sel.one_per_fact else pool
    want = sel.n if sel.n is not None else len(pool)
    stale_sentences = {(q.source.doc, norm(q.source.sentence)) for q in questions
                       if q.id in sel.exclude and q.source.sentence}

    def stale(q: Question) -> bool:
        return q.id in sel.exclude or (q.source.doc, norm(q.source.sentence)) in stale_sentences

    types = [t for t in sel.types if any(q.type == t for q in pool)] if sel.balanced else ["*"]
    of_type = {t: [q for q in pool if t in ("*", q.type)] for t in types}
    fresh = {t: [q for q in qs if not q.pin and not stale(q)] for t, qs in of_type.items()}
    pinned = {t: [q for q in qs if q.pin] for t, qs in of_type.items()}
    old = {t: [q for q in qs if not q.pin and stale(q)] for t, qs in of_type.items()}
    guard = FactGuard() if sel.one_per_fact else None
    chosen: list[Question] = []
    _round_robin({t: deque(qs) for t, qs in pinned.items()}, want, chosen, guard)
    if sel.seed is not None:
        # a draw takes at most 1/DRAW_SHARE of a type's fresh questions (the others top up), so
        # two seeds share little even where a type is scarce
        rng = random.Random(sel.seed)
        quota = _quotas({t: -(-len(qs) // DRAW_SHARE) for t, qs in fresh.items()}, want - len(chosen))
        tops = {}
        for t, qs in fresh.items():
            top = qs[: DRAW_POOL * quota[t]]
            rng.shuffle(top)
            tops[t] = deque(top)
        _round_robin(tops, want, chosen, guard, limits=quota)
        taken = {q.id for q in chosen}
        fresh = {t: list(tops[t]) + [q for q in qs[DRAW_POOL * quota[t]:] if q.id not in taken]
                 for t, qs in fresh.items()}
    for phase in (fresh, old):
        _round_robin({t: deque(qs) for t, qs in phase.items()}, want, chosen, guard)
    sel.repeated = [q.id for q in chosen if not q.pin and stale(q)]
    chosen.sort(key=lambda q: rank[q.id])
    return chosen
