"""Where a long text says a string: one index per text, built in one pass.

Extraction asks the same document thousands of questions (how often does it say this term,
where does this sentence first stand, does it say this option in that frame). Each
``str.count`` or ``str.find`` over the whole document costs its length, so asking once per
candidate grows with the square of the text. ``TextIndex`` lists, in one pass, where each pair
of characters stands; a query then looks only at the places of the rarest pair of its string
and costs about as many steps as that pair occurs. The answers are those of ``str.count``
(non-overlapping) and ``str.find``. A short text (a sentence) is asked directly: building its
index would cost more than the questions.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Iterator
from functools import partial
from itertools import pairwise

SHORT = 2000
"""Characters: a text shorter than this is searched directly."""


class TextIndex:
    """The places of every pair of adjacent characters of ``text``, in increasing order."""

    __slots__ = ("_at", "_lines", "text")

    def __init__(self, text: str):
        self.text = text
        self._lines: list[int] | None = None
        if len(text) < SHORT:
            self._at = None
            return
        # all in C: each pair's array of offsets gets the offset appended (4 bytes an offset, where
        # a list of ints would take 36)
        at: defaultdict[str, array] = defaultdict(partial(array, "I"))
        deque(map(array.append, map(at.__getitem__, map(operator.add, text, text[1:])), range(len(text))),
              maxlen=0)
        self._at = dict(at)

    def starts(self, s: str) -> Iterator[int]:
        """Every offset where ``s`` begins, overlapping ones too, in increasing order."""
        text = self.text
        if not s:
            yield from range(len(text) + 1)
            return
        at = self._at
        if at is None or len(s) == 1:
            k = text.find(s)
            while k >= 0:
                yield k
                k = text.find(s, k + 1)
            return
        rarest = self._rarest(s)
        if rarest is None:
            return  # a pair the text never has: nor has it s
        best, shift = rarest
        startswith = text.startswith
        for q in best:
            p = q - shift
            if p >= 0 and startswith(s, p):
                yield p

    def _rarest(self, s: str) -> tuple[array, int] | None:
        """The places of the rarest pair of ``s`` (two characters or more) and where in ``s`` it
        stands (the first of the rarest); None when the text lacks one of its pairs."""
        lists = list(map(self._at.get, map(operator.add, s, s[1:])))
        if None in lists:
            return None
        lens = list(map(len, lists))
        shift = lens.index(min(lens))
        return lists[shift], shift

    def find(self, s: str) -> int:
        """``text.find(s)``."""
        if self._at is None or len(s) < 2:
            return self.text.find(s)
        rarest = self._rarest(s)
        if rarest is None:
            return -1
        best, shift = rarest
        startswith = self.text.startswith
        for q in best:
            if q >= shift and startswith(s, q - shift):
                return q - shift
        return -1

    def __contains__(self, s: str) -> bool:
        return self.find(s) >= 0

    def count(self, s: str) -> int:
        """``text.count(s)``: occurrences that do not overlap, taken from the left."""
        if self._at is None or len(s) < 2:
            return self.text.count(s)
        rarest = self._rarest(s)
        if rarest is None:
            return 0  # a pair the text never has: nor has it s
        best, shift = rarest
        # the places of the rarest pair, checked in one comprehension (no generator per place)
        startswith = self.text.startswith
        found = [q - shift for q in best if q >= shift and startswith(s, q - shift)]
        m = len(s)
        if len(found) < 2 or all(b - a >= m for a, b in pairwise(found)):
            return len(found)
        n, free = 0, 0
        for p in found:  # a string that overlaps itself (哈哈哈): count from the left
            if p >= free:
                n += 1
                free = p + m
        return n

    def line_start(self, k: int) -> int:
        """Where the line holding offset ``k`` begins (after the last newline before ``k``)."""
        if self._at is None:
            return self.text.rfind("\n", 0, k) + 1
        if self._lines is None:
            lines, text = [], self.text
            at = text.find("\n")
            while at >= 0:
                lines.append(at)
                at = text.find("\n", at + 1)
            self._lines = lines
        i = bisect_left(self._lines, k)  # the newlines before k
        return self._lines[i - 1] + 1 if i else 0


KEPT = 4
_kept: list[tuple[str, TextIndex]] = []
"""The indexes of the last long texts, most recent first, each under every string object it was
asked for (a document's text is joined anew each time it is read: equal strings, not one)."""


def index_of(text: str) -> TextIndex:
    """The index of ``text``: a long text's is built once (the last few are kept: a run works on
    one document at a time; ``forget`` drops them)."""
    if len(text) < SHORT:
        return TextIndex(text)
    for t, ix in _kept:
        if t is text:
            return ix
    ix = next((ix for t, ix in _kept if t == text), None) or TextIndex(text)
    _kept.insert(0, (text, ix))
    del _kept[KEPT:]
    return ix


def forget() -> None:
    _kept.clear()
