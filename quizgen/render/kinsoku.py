"""Chinese line breaking (禁则) for the PDF: where a line may end.

Owns the rules: no closing mark （，。、；：？！）」』” …） at a line start, no opening mark
（（“「『《 …） at a line end, no break inside a number or Latin word, a ——/…… pair or between
a character and a following closing mark, nor inside or around a fill blank. A line that would break badly ends earlier (the
previous character is pulled along to the next line); reportlab's own CJK wrapping would
instead hang one mark in the margin and ignores opening marks.
"""

from __future__ import annotations

from collections.abc import Sequence

NO_LINE_START = frozenset("，。、；：？！）」』”’》〉】〕］｝〗〙〛,.;:?!)]}%％‰°℃·・～")
"""Closing punctuation that must not begin a line (—— and …… are kept whole besides)."""
NO_LINE_END = frozenset("（“「『‘《〈【〔［｛〖〘〚([{")
"""Opening punctuation that must not end a line."""
NO_BREAK_SPACE = "\xa0"
"""What fill blanks are made of: never broken inside, before or after (the character before a
blank goes down with it, so a line never opens with a blank and the ，after it)."""
FUZZ = 1e-6


def _keeps_together(left: str, right: str) -> bool:
    """Whether a line may not break between ``left`` and ``right``."""
    if NO_BREAK_SPACE in (left, right):
        return True  # a fill blank (a run of no-break spaces) stays whole and with its neighbours
    if right in ("—", "…"):
        return left == right  # the second half of ——/……
    if right in NO_LINE_START or left in NO_LINE_END:
        return True
    return _word_char(left) and _word_char(right)


def _word_char(ch: str) -> bool:
    return len(ch) == 1 and ch.isascii() and (ch.isalnum() or ch in ".%-/")


def can_break(text: Sequence[str], pos: int) -> bool:
    """Whether a line may end before ``text[pos]``."""
    return 0 < pos < len(text) and not _keeps_together(text[pos - 1], text[pos])


def line_ends(text: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
              forced: frozenset[int] = frozenset()) -> list[int]:
    """End positions of the lines of ``text`` (one character or glyph per entry).

    Lines are filled greedily up to ``max_widths`` (one per line, the last repeated); a line
    ends after every position in ``forced``; where the greedy end is not a legal break the
    line ends at the nearest legal break before it, or overflows when it has none.
    """
    ends: list[int] = []
    start, n = 0, len(text)
    while start < n:
        limit = max_widths[min(len(ends), len(max_widths) - 1)]
        end, used = start, 0.0
        hard = False
        while end < n and (end == start or used + widths[end] <= limit + FUZZ):
            used += widths[end]
            end += 1
            if end - 1 in forced:
                hard = True
                break
        if not hard and end < n and not can_break(text, end):
            back = end - 1
            while back > start and not can_break(text, back):
                back -= 1
            if back > start:
                end = back
            else:  # no legal break on this line: go on to the first one after it
                while end < n and not can_break(text, end) and end - 1 not in forced:
                    end += 1
        ends.append(end)
        start = end
    return ends
