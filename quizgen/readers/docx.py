"""Word .docx reader (python-docx): body paragraphs and tables in reading order, headings kept.

Heading structure comes from the paragraph style (Heading N / 标题 N / Title) or its outline
level; Word's automatic list numbers (一、 （一） 1.) are put back in front of the text, as a
reader of the document sees them; tables contribute one line per row. Page headers, footers and footnotes are not body text
and are left out. Boilerplate and metadata lines go through the shared rules in ``boilerplate``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from quizgen.errors import InputError
from quizgen.model import Block, Document
from quizgen.readers.boilerplate import make_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_XML_PART = 64 * 1024 * 1024
"""Largest unpacked XML part: a million characters of text make a document.xml of about 20 MB."""
MAX_UNPACKED = 160 * 1024 * 1024
"""Largest unpacked .docx in all (python-docx holds every part in memory, images included)."""
MAX_PARTS = 10_000
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


CN_DIGITS = "零一二三四五六七八九"


def _chinese_number(n: int) -> str:
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else "") + (CN_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                       (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"):
        return _chinese_number(n)
    if fmt in ("upperLetter", "lowerLetter") and 0 < n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """Word's automatic list numbers (一、 （一） 1.), which python-docx leaves out of the text."""

    def __init__(self, doc) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part, or a damaged one: no numbers, not an error
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iterchildren(f"{{{W_NS}}}abstractNum"):
            abstract[an.get(f"{{{W_NS}}}abstractNumId", "")] = self._levels(an)
        for num in root.iterchildren(f"{{{W_NS}}}num"):
            ref = num.find(f"{{{W_NS}}}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{{{W_NS}}}val", "") if ref is not None else "", {}))
            for override in num.iterchildren(f"{{{W_NS}}}lvlOverride"):
                ilvl = _int(override.get(f"{{{W_NS}}}ilvl"), 0)
                start = override.find(f"{{{W_NS}}}startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(f"{{{W_NS}}}val"), 1))
            self.levels[num.get(f"{{{W_NS}}}numId", "")] = levels

    @staticmethod
    def _levels(an) -> dict[int, tuple[str, str, int]]:
        levels = {}
        for lvl in an.iterchildren(f"{{{W_NS}}}lvl"):
            levels[_int(lvl.get(f"{{{W_NS}}}ilvl"), 0)] = (_val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText"),
                                                           _int(_val(lvl, "start", "1"), 1))
        return levels

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph ("一、"), counting as Word does; "" if none."""
        num_pr = paragraph._p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}numPr")
        if num_pr is None:
            try:
                style = paragraph.style
                num_pr = style.element.find(f"{{{W_NS}}}pPr/{{{W_NS}}}numPr") if style is not None else None
            except (KeyError, ValueError, AttributeError):
                num_pr = None
        if num_pr is None:
            return ""
        num_el = num_pr.find(f"{{{W_NS}}}numId")
        lvl_el = num_pr.find(f"{{{W_NS}}}ilvl")
        num_id = num_el.get(f"{{{W_NS}}}val", "") if num_el is not None else ""
        ilvl = _int(lvl_el.get(f"{{{W_NS}}}val") if lvl_el is not None else None, 0)
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counts[ilvl] = start if counts[ilvl] == 0 else counts[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if fmt in ("bullet", "none") or not text:
            return ""

        def number(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            f, _t, st = levels.get(lvl, (fmt, "", 1))
            return _format_number(counts[lvl] or st, f)

        return re.sub(r"%([1-9])", number, text)


def _val(parent, tag: str, default: str = "") -> str:
    """The w:val of a child element, or ``default``."""
    el = parent.find(f"{{{W_NS}}}{tag}")
    return el.get(f"{{{W_NS}}}val", default) if el is not None else default


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


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

    numbering = Numbering(doc)

    def walk(parent_el):
        for child in parent_el.iterchildren():
            tag = child.tag
            if tag == f"{{{W_NS}}}p":
                para = Paragraph(child, doc)
                head = _style_heading(para)
                text = para.text
                label = numbering.label(para) if text.strip() else ""
                for line in (label + text).split("\n"):
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
        raise InputError(".docx 已损坏：文档没有正文部分；请用 Word 或 WPS 打开后重新保存")
    yield from walk(body)


def check_unpacked_size(data: bytes, path: str) -> None:
    """Refuse a zip whose parts unpack to far more than any real document (a "zip bomb"), before
    anything is unpacked: the sizes come from the zip's directory, and unpacking never yields more
    than the size a part declares."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        return  # python-docx says it is damaged, in the reader's own words
    if len(infos) > MAX_PARTS:
        raise InputError(f".docx 有 {len(infos)} 个部件，超过 {MAX_PARTS} 个的上限；不像是正常的 Word 文档",
                         path=path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART:
            raise InputError(f".docx 的 {info.filename} 解压后有 {info.file_size / 2**20:.0f} MB，"
                             f"超过 {MAX_XML_PART // 2**20} MB 的上限（压缩炸弹或过大的文档）；请拆分或另存",
                             path=path)
    if total > MAX_UNPACKED:
        raise InputError(f".docx 解压后共有 {total / 2**20:.0f} MB，超过 {MAX_UNPACKED // 2**20} MB 的上限"
                         "（压缩炸弹或图片过多）；请删去图片或拆分后再提取", path=path)


def read_docx(data: bytes, name: str, path: str) -> Document:
    import zipfile
    import zlib

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    check_unpacked_size(data, path)
    try:
        doc = docx.Document(io.BytesIO(data))
        parts = list(_body_items(doc))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(".docx 已损坏或不完整（其 zip 数据有误）；请用 Word 或 WPS 打开后"
                         "重新保存", path=path) from exc
    except XMLSyntaxError as exc:
        raise InputError(f".docx 已损坏：文档 XML 有误（{' '.join(str(exc.msg or '语法错误').split())}）；"
                         "请用 Word 或 WPS 打开后重新保存", path=path) from exc
    except PackageNotFoundError as exc:
        raise InputError("不是 Word .docx 文件（已损坏或不是 Word 文档）；"
                         "请用 Word 或 WPS 打开后重新另存为 .docx", path=path) from exc
    except InputError as exc:
        raise InputError(exc.message, path=path) from exc
    except KeyError as exc:
        raise InputError(f".docx 已损坏：缺少一个部件（{exc}）；请用 Word 或 WPS 打开后重新保存",
                         path=path) from exc
    except ValueError as exc:  # e.g. a macro-enabled or template file's content type
        raise InputError(f"python-docx 打不开这个 Word 文档（{exc}）；请另存为普通 .docx",
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
        raise InputError("这个 Word 文档没有文字（只有图片或空白页？）", path=path)
    return make_document(items, name, path, title=title)
