"""Reader of a 试卷 as plain text (.txt: UTF-8, UTF-16 or GBK, decoded as ``quizgen extract`` does),
numbered by line; ``paper_layout`` reads the questions."""

from __future__ import annotations

from quizgen.importers import Parsed
from quizgen.importers.paper_layout import parse_lines
from quizgen.readers.text import decode

DESCRIPTION = "纯文本试卷（.txt，版式同 Word 试卷）"


def read(data: bytes, path: str) -> Parsed:
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    return parse_lines(list(enumerate(text.split("\n"), 1)), "行")
