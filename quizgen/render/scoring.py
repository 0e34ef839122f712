"""Spreading a paper's total (满分100分) over its sections in whole points.

Owns the search for per-blank / per-question values that add up exactly to the total, in the
usual proportions of a 试卷 (填空 2 : 单选 2 : 多选 3 : 判断 1 by default): uniform values per
section when possible, otherwise one section whose last questions are worth one point more
(第1～8题每题2分，第9～10题每题3分), never a header whose numbers do not add up.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

MIXED_COST = 0.25
"""What a mixed header costs, per blank/question of the paper, against the squared distance of
each one's points from the proportional value: uniform sections are worth up to about half a
point of distance on average, not more (so 每空2分 beside 单选每题5分 is not taken to avoid one)."""


@dataclass(frozen=True)
class SectionScore:
    """Points of one section: ``unit`` per blank/question, the last ``tail`` questions one more."""

    unit: float
    tail: int = 0

    def item_points(self, number: int, count: int) -> float:
        """Per-blank/per-question value of question ``number`` (1-based) of ``count``."""
        return self.unit + 1 if number > count - self.tail else self.unit


def spread_total(total: int, units: dict[str, list[int]], weights: dict[str, float],
                 fixed: dict[str, float] | None = None) -> dict[str, SectionScore] | None:
    """Whole per-item points for each section so that the paper sums to ``total`` exactly.

    ``units`` maps each section's type to the scoring units of its questions in order (blanks
    for a fill, 1 otherwise); ``weights`` gives the usual proportions; sections in ``fixed``
    keep the given value. Returns None when no split exists (e.g. more blanks than points).
    """
    fixed = dict(fixed or {})
    free = [t for t in units if t not in fixed]
    fixed_sum = sum(fixed[t] * sum(units[t]) for t in units if t in fixed)
    if not free:
        ok = math.isclose(fixed_sum, total)
        return {t: SectionScore(fixed[t]) for t in units} if ok else None
    rest = total - fixed_sum
    count = {t: sum(units[t]) for t in free}
    scale = rest / sum(weights[t] * count[t] for t in free)
    ideal = {t: weights[t] * scale for t in free}
    best: tuple | None = None
    for values in itertools.chain(_near(free, ideal), [None], _solved(rest, free, count, ideal)):
        if values is None:  # the near values came first; go further only when none fits
            if best is not None:
                break
            continue
        base = dict(zip(free, values))
        inversions = sum(1 for a in free for b in free
                         if weights[a] > weights[b] and base[a] < base[b])
        gap = rest - sum(base[t] * count[t] for t in free)
        for t, tail in _tails(gap, free, units):
            cost = sum(count[s] * (base[s] - ideal[s]) ** 2 for s in free if s != t)
            if t is not None:
                per = units[t][0]
                n = len(units[t])
                cost += per * ((n - tail) * (base[t] - ideal[t]) ** 2 + tail * (base[t] + 1 - ideal[t]) ** 2)
            if t is not None:
                cost += MIXED_COST * sum(count.values())
            key = (inversions, round(cost, 9), values, tail)
            if best is None or key < best[0]:
                best = (key, base, t, tail)
    if best is None:
        return None
    _, base, tail_type, tail = best
    out = {t: SectionScore(fixed[t]) for t in units if t in fixed}
    for t in free:
        out[t] = SectionScore(float(base[t]), tail if t == tail_type else 0)
    return {t: out[t] for t in units}


def _near(free: list[str], ideal: dict[str, float]):
    """Per-section values each within one point of the ideal."""
    return itertools.product(*[range(max(1, math.floor(ideal[t]) - 1), math.ceil(ideal[t]) + 2) for t in free])


def _solved(rest: float, free: list[str], count: dict[str, int], ideal: dict[str, float]):
    """When no near values fit (say a few questions beside many blanks): one section's value
    solved from the others', each of those within two points of the ideal."""
    for k, solver in enumerate(free):
        others = [range(max(1, math.floor(ideal[t]) - 2), math.ceil(ideal[t]) + 3) for t in free if t != solver]
        for vals in itertools.product(*others):
            left = rest - sum(v * count[t] for v, t in zip(vals, [t for t in free if t != solver]))
            unit = math.floor(left / count[solver])
            if unit >= 1:
                yield (*vals[:k], unit, *vals[k:])


def _tails(gap: float, free: list[str], units: dict[str, list[int]]):
    """Ways to make up ``gap`` points: none needed, or the last k questions of one section
    worth one more (only in sections whose questions all have the same number of blanks, so
    that shuffled versions keep the same totals)."""
    if math.isclose(gap, 0):
        yield None, 0
        return
    if gap < 0 or not float(gap).is_integer():
        return
    for t in free:
        per = units[t][0]
        if any(u != per for u in units[t]) or gap % per:
            continue
        tail = int(gap // per)
        if 0 < tail < len(units[t]):
            yield t, tail
