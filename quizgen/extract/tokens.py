"""A sentence's words with their offsets, and the words from, up to or between offsets.

The list finders (``lists``) ask for one sentence's words again and again: from where a member
may end, up to where it may start. The words follow one another without gaps and none is empty,
so their starts and ends both increase, and each such question is a slice found by bisection
instead of a filter over every word of the sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import itemgetter

Token = tuple[int, int, str]
"""(start, end, word)."""

_last_tokens: list = [None, None, ()]
"""The last sentence's tokens (text, segment, tokens): the 、-list and the 和-pair finders ask
for the same sentence one after the other."""


def tokens(s: str, segment) -> tuple[Token, ...]:
    """(start, end, word) of each word of ``s``; a tuple, shared by the finders of one sentence."""
    if _last_tokens[0] == s and _last_tokens[1] is segment:
        return _last_tokens[2]
    words = segment(s)
    ends = list(accumulate(map(len, words)))
    _last_tokens[:] = [s, segment, tuple(zip([0, *ends[:-1]], ends, words))]
    return _last_tokens[2]


_START, _END = itemgetter(0), itemgetter(1)


def from_(tokens, start: int) -> list[Token]:
    """The tokens starting at or after ``start``."""
    return tokens[bisect_left(tokens, start, key=_START):]


def upto(tokens, end: int) -> list[Token]:
    """The tokens ending at or before ``end``."""
    return tokens[:bisect_right(tokens, end, key=_END)]


def within(tokens, start: int, end: int) -> list[str]:
    """The words of the tokens lying inside ``start``..``end``."""
    return [w for _a, _b, w in tokens[bisect_left(tokens, start, key=_START):bisect_right(tokens, end, key=_END)]]


def ending_at(tokens, end: int) -> list[str]:
    """The word ending at ``end`` (a list of it, empty when no word ends there)."""
    i = bisect_left(tokens, end, key=_END)
    return [tokens[i][2]] if i < len(tokens) and tokens[i][1] == end else []
