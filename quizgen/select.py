"""Choosing questions from a bank: filter by document, tag and type; order by importance.

Shared by ``export``, ``paper`` and ``quiz``. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from quizgen.errors import InputError
from quizgen.model import QUESTION_TYPES, Question


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


def split_list(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(x.strip() for x in text.replace("，", ",").split(",") if x.strip())


def filter_questions(questions: list[Question], sel: Selection) -> list[Question]:
    out = []
    for q in questions:
        if q.status == "rejected" or q.type not in sel.types:
            continue
        if sel.docs and q.source.doc not in sel.docs:
            continue
        if sel.tags and not set(sel.tags) & set(q.tags):
            continue
        out.append(q)
    return out


def select(questions: list[Question], sel: Selection) -> list[Question]:
    """The chosen questions, most important first (ties broken by the seed)."""
    pool = filter_questions(questions, sel)
    if not pool:
        raise InputError("没有符合条件的题（请检查 --doc、--tag 和 --types，或题库）")
    # equal scores: bank order without a seed (the same export every time), shuffled with one
    rng = random.Random(sel.seed)
    tiebreak = {q.id: (rng.random() if sel.seed is not None else i) for i, q in enumerate(pool)}
    pool.sort(key=lambda q: (-q.score, tiebreak[q.id]))
    if sel.n is None:
        return pool
    if sel.n <= 0:
        raise InputError("题目数量至少为 1")
    if not sel.balanced:
        return pool[: sel.n]
    by_type = {t: [q for q in pool if q.type == t] for t in sel.types}
    present = [t for t in sel.types if by_type[t]]
    quota = {t: 0 for t in present}
    remaining = sel.n
    # round-robin so each present type gets an even share, topping up from types with spare
    while remaining > 0:
        progressed = False
        for t in present:
            if remaining and quota[t] < len(by_type[t]):
                quota[t] += 1
                remaining -= 1
                progressed = True
        if not progressed:
            break
    chosen = [q for t in present for q in by_type[t][: quota[t]]]
    chosen.sort(key=lambda q: (-q.score, tiebreak[q.id]))
    return chosen
