"""The five-year plan a document lives in: a blank of its name tests nothing.

A report of 2024 says “十四五”规划 as a date, the way it says 今年: every reader knows which plan
runs now, so 今年是实现“____”规划目标任务的关键一年 is filled from the calendar, not from the
text. A plan the document looks back on (国家“一五”期间兴建的重点工程, in an article of 2021) is
history, and asked. The current plan is the latest one the document names, when the document names
years and none lies more than one plan after that plan's end (``current_plan``); a text with no
year cannot be dated, and its plans stay asked. The plans' years are general
knowledge: the first ran 1953-1957, the second 1958-1962; after three years of adjustment the
third began in 1966, and each since has run five years.
"""

from __future__ import annotations

import re

DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
PLAN_RE = re.compile(r"(?<![一二三四五六七八九十])(十?[一二三四五六七八九]|十)五(?=”|规划|计划|时期|期间)")
"""A plan's name where the text says it as one (“十四五”, 十三五规划, 一五期间)."""
YEAR_RE = re.compile(r"(?<![\d〇一二三四五六七八九零○])(\d{4}|[〇一二三四五六七八九零○]{4})年")


def plan_ordinal(name: str) -> int | None:
    """十四五 -> 14, 一五 -> 1; None for what is no plan's name."""
    m = re.fullmatch(r"(十?)([一二三四五六七八九]?)五", name.strip("“”"))
    if not m or not (m.group(1) or m.group(2)):
        return None
    return (10 if m.group(1) else 0) + DIGITS.get(m.group(2), 0)


def plan_years(n: int) -> tuple[int, int]:
    """The first and last year of the ``n``-th five-year plan."""
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return start, start + 4


def _year(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(str(DIGITS[c]) for c in text))


def current_plan(doc_text: str) -> str | None:
    """The name of the plan the document is written in (十四五), None when it names no plan, no
    year, or years well after the latest plan it names (then that plan is history)."""
    named = {plan_ordinal(m.group(1) + "五") for m in PLAN_RE.finditer(doc_text)} - {None}
    if not named:
        return None
    latest = max(named)
    years = [_year(m.group(1)) for m in YEAR_RE.finditer(doc_text)]
    if not years or max(years) > plan_years(latest)[1] + 5:
        return None  # no year to date the text by, or years well after the plan: it is history
    return next(m.group(1) + "五" for m in PLAN_RE.finditer(doc_text) if plan_ordinal(m.group(1) + "五") == latest)
