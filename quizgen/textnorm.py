"""Text normalisation used to compare answers and statements (width, spaces, punctuation)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PUNCT = set("“”\"'‘’「」『』《》〈〉()（）[]【】,，。.、;；:：!！?？ \u3000\t\n·—-…")
BLANK_RE = re.compile(r"_{2,}|（\s*）|\(\s*\)")
BLANK = "____"
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (all but tab and newline): an escape sequence in a terminal, invalid XML
in a .docx; never text a person means."""


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """NFKC, lower case, punctuation and spaces removed: the form answers are compared in."""
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in text if ch not in PUNCT).lower()


def count_blanks(stem: str) -> int:
    return len(BLANK_RE.findall(stem))


def fill_blanks(stem: str, answers: list[str]) -> str:
    """The stem with each blank replaced by its answer, in order."""
    parts = BLANK_RE.split(stem)
    out = parts[0]
    for ans, rest in zip(answers, parts[1:]):
        out += ans + rest
    return out
