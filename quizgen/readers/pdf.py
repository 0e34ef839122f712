"""PDF reader (pdfplumber): the text layer, re-joined into paragraphs, without page furniture.

Owns: opening (encrypted and damaged files get a clear message), rejecting PDFs with no usable
text layer (scans, ``(cid:…)`` glyph codes), dropping running headers/footers and page numbers,
and re-joining lines into paragraphs by their geometry: a line that reaches the right margin
continues on the next line (Chinese has no spaces, so lines are joined without one); an indented
line, a short line or a larger vertical gap ends a paragraph.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from quizgen.errors import InputError
from quizgen.model import Document
from quizgen.readers.boilerplate import make_document

CID_RE = re.compile(r"\(cid:\d+\)")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
PAGE_NO_RE = re.compile(
    r"^[-—–－_\s]*\d{1,4}[-—–－_\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$|"
    r"^(page|p\.)\s*\d+(\s*(of|/)\s*\d+)?$|^[-—–\s]*[ivxlcdm]{1,6}[-—–\s]*$",
    re.IGNORECASE,
)
RADICAL_RE = re.compile(r"[\u2f00-\u2fdf\u2e80-\u2eff\uf900-\ufaff]")
EDGE = 0.09  # top and bottom share of the page where running headers/footers live
END_PUNCT = "。！？!?；;：:…”’」』）)"
NO_TEXT = ("没有文字层（是扫描件或页面图片？）；quizgen 需要真正的文字：请先做文字识别"
           "（如 ocrmypdf），或给出原来的 Word/文本文件")
MAX_PAGES = 3000
MAX_STREAM = 32 * 1024 * 1024
"""Largest unpacked stream (page content, form, font) a PDF may hold; a text page needs kilobytes."""
MAX_UNPACKED = 256 * 1024 * 1024
"""Largest unpacked size of all such streams of one PDF (images are not unpacked, nor counted)."""
MAX_SECONDS = 180
"""Reading the text of one PDF stops after this long (a page of millions of tiny drawing operations)."""


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    page_height: float

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)


def _furniture_key(text: str) -> str:
    """A header/footer line with its page number taken out, to find repeats across pages."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _unpacked_size(stream, limit: int) -> int:
    """Bytes ``stream`` unpacks to, counted without keeping them, and at most ``limit`` + 1."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    data = stream.rawdata
    if data is None:
        return len(stream.data or b"")
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(data)  # other filters expand little (or are images, left packed)
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    inflate, size = zlib.decompressobj(), 0
    try:
        while data and size <= limit:
            size += len(inflate.decompress(data, 1 << 20))
            data = inflate.unconsumed_tail
    except zlib.error:
        pass  # pdfminer reads what it can of a damaged stream; the size so far is what counts
    return size


def check_unpacked_size(doc, path: str) -> None:
    """Refuse a PDF whose streams unpack to far more than any text needs (a "decompression bomb"),
    before pdfminer unpacks them whole: each stream is inflated in pieces and counted."""
    from pdfminer.pdftypes import PDFStream, resolve1

    total, seen = 0, set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a broken object: pdfminer's own reading reports it
                continue
            if not isinstance(obj, PDFStream) or getattr(resolve1(obj.get("Subtype")), "name", "") == "Image":
                continue
            size = _unpacked_size(obj, MAX_STREAM)
            if size > MAX_STREAM:
                raise InputError(f"PDF 中有一个数据流（对象 {objid}）解压后超过 {MAX_STREAM // 2**20} MB 的上限"
                                 "（压缩炸弹或损坏的文件）；请重新导出 PDF", path=path)
            total += size
            if total > MAX_UNPACKED:
                raise InputError(f"PDF 的数据流解压后共超过 {MAX_UNPACKED // 2**20} MB 的上限；"
                                 "请拆分或重新导出 PDF", path=path)


def _page_lines(pdf, path: str = "") -> list[list[Line]]:
    pages: list[list[Line]] = []
    started = time.monotonic()
    for i, page in enumerate(pdf.pages):
        if i >= MAX_PAGES:
            break
        if time.monotonic() - started > MAX_SECONDS:
            raise InputError(f"PDF 过于复杂：读了 {MAX_SECONDS} 秒仍只读到第 {i} 页；请拆分，"
                             "或另存为 Word/文本文件后再提取", path=path)
        lines = []
        for raw in page.extract_text_lines(layout=False, strip=True, return_chars=False):
            text = raw["text"].strip()
            if text:
                lines.append(Line(text, float(raw["x0"]), float(raw["x1"]), float(raw["top"]),
                                  float(raw["bottom"]), i, float(page.height)))
        lines.sort(key=lambda ln: (round(ln.top), ln.x0))
        pages.append(lines)
    return pages


def _drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers, and headers/footers at the top or bottom of pages: lines repeated on
    most pages, or set smaller than the body text (which also catches a one-page document's)."""
    edge_counts: Counter[str] = Counter()
    for lines in pages:
        keys = {_furniture_key(ln.text) for ln in lines
                if ln.top < ln.page_height * EDGE or ln.bottom > ln.page_height * (1 - EDGE)}
        edge_counts.update(keys)
    repeat_at = max(2, (len(pages) + 1) // 2)
    heights = sorted(ln.height for lines in pages for ln in lines)
    body_height = heights[len(heights) // 2] if heights else 0.0
    out = []
    for lines in pages:
        kept = []
        for ln in lines:
            at_edge = ln.top < ln.page_height * EDGE or ln.bottom > ln.page_height * (1 - EDGE)
            small = ln.height < 0.9 * body_height and len(ln.text) <= 40
            if at_edge and (PAGE_NO_RE.match(ln.text) or small or
                            (len(pages) >= 2 and edge_counts[_furniture_key(ln.text)] >= repeat_at)):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _join(a: str, b: str) -> str:
    """Join two pieces of one paragraph: no space in Chinese, one space between Latin words."""
    if a and b and re.match(r"[A-Za-z]", a[-1]) and re.match(r"[A-Za-z0-9]", b[0]):
        return a + " " + b
    if a and b and re.match(r"[0-9,.]", a[-1]) and re.match(r"[A-Za-z]", b[0]):
        return a + " " + b
    return a + b


def _margins(lines: list[Line]) -> tuple[float, float]:
    """(left, right) of the text block: the leftmost common line start, the usual line end."""
    lefts = Counter(round(ln.x0) for ln in lines)
    left = min(x for x, n in lefts.items() if n >= max(1, lefts.most_common(1)[0][1] // 5))
    # the most common end of the longer lines: full lines end there (a punctuation mark may hang
    # past it, a line may stop a character or two short of it when a mark cannot start the next)
    ends = sorted(ln.x1 for ln in lines)
    long_ends = Counter(round(x) for x in ends[len(ends) // 2:])
    top = max(long_ends.values())
    right = max(x for x, n in long_ends.items() if n == top)
    return float(left), float(right)


def _paragraphs(pages: list[list[Line]]) -> list[str]:
    lines = [ln for page in pages for ln in page]
    if not lines:
        return []
    whole = _margins(lines)
    # odd and even pages may have different margins: each page with enough lines has its own
    margins = {page[0].page: _margins(page) if len(page) >= 8 else whole for page in pages if page}
    heights = sorted(ln.height for ln in lines)
    char_w = heights[len(heights) // 2]  # a CJK glyph is about as wide as it is tall
    gaps = sorted(b.top - a.bottom for a, b in pairwise(lines) if a.page == b.page and b.top > a.bottom)
    usual_gap = gaps[len(gaps) // 2] if gaps else char_w * 0.5
    paras: list[str] = []
    current = ""
    prev: Line | None = None
    for ln in lines:
        new_para = prev is None
        if prev is not None:
            left = margins[ln.page][0]
            right = margins[prev.page][1]
            indented = ln.x0 > left + 0.8 * char_w
            # a line may end up to a character short inside a paragraph (a closing mark cannot
            # start a line), but not after a full stop
            room = right - prev.x1
            prev_short = room > 1.5 * char_w or (room > 0.7 * char_w and prev.text[-1] in END_PUNCT)
            big_gap = ln.page == prev.page and ln.top - prev.bottom > usual_gap + 0.8 * char_w
            new_para = indented or prev_short or big_gap
        if new_para:
            if current:
                paras.append(current)
            current = ln.text
        else:
            current = _join(current, ln.text)
        prev = ln
    if current:
        paras.append(current)
    return paras


def _fix_radicals(text: str) -> str:
    """Kangxi radicals and compatibility ideographs some PDF makers emit (⾼ for 高) -> the usual ones."""
    return RADICAL_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _check_text_layer(paras: list[str], path: str) -> list[str]:
    text = "".join(paras)
    if not text.strip():
        raise InputError("PDF " + NO_TEXT, path=path)
    cid = CID_RE.findall(text)
    rest = CID_RE.sub("", text)
    # each (cid:N) is one glyph without a Unicode meaning: refuse when they are a real share
    if cid and (len(cid) > 0.1 * (len(cid) + len(rest)) or not CJK_RE.search(rest)):
        raise InputError("PDF 的文字读出来是 (cid:…) 字形编码（其字体没有 Unicode 映射）；"
                         "请从原文件重新导出并嵌入字体，或做文字识别", path=path)
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    if odd > 0.1 * len(text):
        raise InputError("PDF 的文字层是乱码（私用区字形编码）；请从原文件"
                         "重新导出，或做文字识别", path=path)
    return [CID_RE.sub("", p) for p in paras]


def read_pdf(data: bytes, name: str, path: str) -> Document:
    import logging

    import pdfplumber

    # pdfminer logs every oddity of a damaged file to stderr; quizgen says one line instead
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("pdfplumber").setLevel(logging.ERROR)
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        with pdf:
            if not pdf.pages:
                raise InputError("PDF 没有页面（已损坏或不完整？）", path=path)
            check_unpacked_size(pdf.doc, path)
            pages = _page_lines(pdf, path)
    except InputError:
        raise
    except Exception as exc:
        # pdfplumber wraps pdfminer's errors; the original says what is wrong
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__context__ or exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError("PDF 有密码保护；请另存一份不加密的副本（打印为 PDF）后再试",
                             path=path) from exc
        if isinstance(cause, PDFEncryptionError):
            raise InputError(f"quizgen 打不开这个加密的 PDF（{cause}）；请另存一份不加密的副本",
                             path=path) from exc
        if isinstance(cause, (PDFSyntaxError, PSException)) or isinstance(exc, (PDFSyntaxError, PSException)):
            raise InputError("PDF 已损坏或不完整；请重新下载或导出", path=path) from exc
        if type(exc).__module__.startswith(("pdfplumber", "pdfminer")):
            detail = " ".join(str(cause).split())[:100] or type(cause).__name__
            raise InputError(f"PDF 已损坏（{detail}）；请重新下载或导出", path=path) from exc
        raise
    paras = _check_text_layer(_paragraphs(_drop_furniture(pages)), path)
    # the PDF Title property is mostly a file name or "Microsoft Word - …": the title is found in
    # the text as for a .txt
    return make_document([_fix_radicals(p) for p in paras], name, path)
