"""Word .docx reader (python-docx): body paragraphs and tables in reading order, headings kept.

Heading structure comes from the paragraph style (Heading N / 标题 N / Title) or its outline
level; tables contribute one line per row. Page headers, footers and footnotes are not body text
and are left out. Boilerplate and metadata lines go through the shared rules in ``boilerplate``.
"""

from __future__ import annotations

import io
import re
from typing import Iterator

from quizgen.errors import InputError
from quizgen.model import Block, Document
from quizgen.readers.boilerplate import make_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING_STYLE_RE = re.compile(r"^(heading|标题)\s*(\d)?$", re.IGNORECASE)


def _style_heading(paragraph) -> tuple[str, int] | None:
    """("title", 0) or ("heading", level) from the style or outline level; None for body text."""
    try:
        style = paragraph.style
    except (KeyError, ValueError, AttributeError):
        style = None
    names = []
    while style is not None and len(names) < 5:
        names.append((style.name or "").strip())
        style = getattr(style, "base_style", None)
    for name in names:
        if name.lower() in ("title", "标题"):
            return ("title", 0)
        m = HEADING_STYLE_RE.match(name)
        if m:
            return ("heading", int(m.group(2) or 1))
    lvl = paragraph._p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}outlineLvl")
    if lvl is not None:
        try:
            value = int(lvl.get(f"{{{W_NS}}}val", "9"))
        except ValueError:
            value = 9
        if 0 <= value < 9:
            return ("heading", value + 1)
    return None


def _table_rows(table) -> Iterator[str]:
    """One line per row: the distinct cell texts joined by a space (merged cells appear once)."""
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            nested = [line for t in cell.tables for line in _table_rows(t)]
            text = " ".join([text, *nested]).strip()
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            yield " ".join(cells)


def _body_items(doc) -> Iterator[tuple[str, str, int]]:
    """(kind, text, level) for every paragraph and table row of the body, in order.

    kind is "title", "heading", "paragraph" or "row".
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(parent_el):
        for child in parent_el.iterchildren():
            tag = child.tag
            if tag == f"{{{W_NS}}}p":
                para = Paragraph(child, doc)
                head = _style_heading(para)
                for line in para.text.split("\n"):
                    if head:
                        yield (head[0], line, head[1])
                    else:
                        yield ("paragraph", line, 0)
            elif tag == f"{{{W_NS}}}tbl":
                for line in _table_rows(Table(child, doc)):
                    yield ("row", line, 0)
            elif tag in (f"{{{W_NS}}}sdt", f"{{{W_NS}}}sdtContent", f"{{{W_NS}}}customXml"):
                yield from walk(child)

    body = getattr(doc.element, "body", None)
    if body is None:
        raise InputError("damaged .docx: the document has no body; open it in Word or WPS and save it again")
    yield from walk(body)


def read_docx(data: bytes, name: str, path: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    import zipfile
    import zlib

    from lxml.etree import XMLSyntaxError

    try:
        doc = docx.Document(io.BytesIO(data))
        parts = list(_body_items(doc))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError("damaged or truncated .docx (its zip data is corrupt); open it in Word or WPS and "
                         "save it again", path=path) from exc
    except XMLSyntaxError as exc:
        raise InputError(f"damaged .docx: its document XML is broken ({' '.join(str(exc.msg or 'syntax error').split())}); "
                         "open it in Word or WPS and save it again", path=path) from exc
    except PackageNotFoundError as exc:
        raise InputError("not a Word .docx file (damaged or not a Word document); "
                         "open it in Word or WPS and save it as .docx again", path=path) from exc
    except InputError as exc:
        raise InputError(exc.message, path=path) from exc
    except KeyError as exc:
        raise InputError(f"damaged .docx: a part is missing ({exc}); open it in Word or WPS and save it again",
                         path=path) from exc
    except ValueError as exc:  # e.g. a macro-enabled or template file's content type
        raise InputError(f"not a Word document python-docx can open ({exc}); save it as a plain .docx",
                         path=path) from exc
    title = ""
    items: list[Block | str] = []
    for kind, text, level in parts:
        if kind == "title":
            if not title and text.strip():
                title = text.strip()
                if items and not any(isinstance(i, Block) or i.strip() for i in items):
                    items = []
                continue
            kind, level = "heading", 1
        if kind == "heading":
            items.append(Block(text, "heading", level))
        elif kind == "row":
            items.append(Block(text))  # a table row is data, never taken for a heading
        else:
            items.append(text)  # shaped like a .txt line: same heading rule as every format
    if not title and not any((i.text if isinstance(i, Block) else i).strip() for i in items):
        raise InputError("the Word document has no text (only images or empty pages?)", path=path)
    return make_document(items, name, path, title=title)
