"""Reader of a Word/WPS 试卷 (.docx, python-docx): paragraphs and table rows in order, numbered as
段, with blanks drawn as underlined spaces read as ____ and underlined words (an answer written in
its blank) marked for ``paper_layout``, which reads the questions.
"""

from __future__ import annotations

import io
import re

from quizgen.errors import InputError
from quizgen.importers import Parsed
from quizgen.importers.paper_layout import MARK_CLOSE, MARK_OPEN, parse_lines

DESCRIPTION = "Word/WPS 试卷（.docx：1. 题干（　　） A. … B. …，答案在题后或“参考答案”中）"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EMPTY_RE = re.compile(r"^[ \xa0\u3000\t_＿]*$")


def paragraph_text(paragraph) -> str:
    """The text of a paragraph, an underlined run of spaces as ____ and underlined words marked."""
    parts: list[tuple[str, str]] = []  # (kind, text): text | blank | mark
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        kind = "text"
        if run.font.underline:
            kind = "blank" if EMPTY_RE.match(text) else "mark"
        if parts and parts[-1][0] == kind and kind != "text":
            parts[-1] = (kind, parts[-1][1] + text)  # one blank drawn in several runs
        else:
            parts.append((kind, text))
    out = []
    for kind, text in parts:
        if kind == "blank":
            out.append("____")
        elif kind == "mark":
            out.append(f"{MARK_OPEN}{text.strip()}{MARK_CLOSE}")
        else:
            out.append(text)
    return "".join(out)


def _lines(doc):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from quizgen.readers.docx import Numbering

    numbering = Numbering(doc)  # Word's automatic 1. / 一、 numbers are not in the text
    n = 0
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == f"{{{W_NS}}}p":
            n += 1
            para = Paragraph(child, doc)
            text = paragraph_text(para)
            label = numbering.label(para) if text.strip() else ""
            for line in ((label + " " if label else "") + text).split("\n"):
                yield n, line
        elif child.tag == f"{{{W_NS}}}tbl":
            for row in Table(child, doc).rows:
                n += 1
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(paragraph_text(p).strip() for p in cell.paragraphs if p.text.strip())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                yield n, "\t".join(cells)


def read(data: bytes, path: str) -> Parsed:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
        lines = list(_lines(doc))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError) as exc:
        raise InputError("不是 Word .docx 文件，或文件已损坏；请用 Word 或 WPS 打开后另存为 .docx",
                         path=path) from exc
    return parse_lines(lines, "段")
