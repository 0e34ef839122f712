"""PDF writer: a :class:`Paper` as A4 PDF bytes with reportlab platypus.

Owns the PDF look: embedded (subset) CJK TrueType font, bold-simulated headings, Chinese line
breaking (禁则, ``quizgen.render.kinsoku``), fill blanks as long as the DOCX's, options in
4/2/1 columns, each question kept on one page with its options, the answer key on its own page
(or alone), and the footer 第 N 页 共 M 页. Output is byte-for-byte reproducible (reportlab
``invariant``).
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from quizgen.render.fonts import register_pdf_font
from quizgen.render.kinsoku import NO_LINE_END, NO_LINE_START, line_ends
from quizgen.render.layout import LETTERS, Paper, PaperItem, blank_units

BODY_SIZE = 10.5
MARGIN_MM = 20
EM = "\xa0" * 4
"""About one hanzi wide of no-break spaces (reportlab drops U+3000 as whitespace): 4 x 2.73 pt
in WenQuanYi Micro Hei at 10.5 pt, as four of them are one hanzi in the DOCX's Times New Roman."""
PDF_BRACKET = "（" + EM * 2 + "）"


def pdf_text(text: str) -> str:
    """Escaped paragraph text; ideographic spaces kept as no-break spaces (reportlab drops U+3000)."""
    return escape(text).replace("\u3000", EM)


SLOT_COLOR = "#010101"
"""Near-black colour that marks answer slots (blanks, brackets) so line breaks inside them can be found."""


def blank_markup(answer: str) -> str:
    """An underline long enough to write ``answer`` by hand, as long as the DOCX's
    (:func:`~quizgen.render.layout.blank_units` hanzi of the body size)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    n = round(blank_units(answer) * BODY_SIZE / stringWidth("\xa0", register_pdf_font(), BODY_SIZE))
    return f'<font color="{SLOT_COLOR}"><u>' + "\xa0" * n + "</u></font>"


@lru_cache(maxsize=1)
def _paragraph_class():
    """A reportlab Paragraph whose CJK line breaking follows :mod:`quizgen.render.kinsoku`."""
    from reportlab.platypus import Paragraph
    from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine

    class ChineseParagraph(Paragraph):
        def breakLinesCJK(self, maxWidths):
            if not isinstance(maxWidths, (list, tuple)):
                maxWidths = [maxWidths]
            if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
                return self.blPara
            style = self.style
            self.height = 0
            _handleBulletWidth(self.bulletText, style, maxWidths)
            glyphs = []
            for f in self.frags:
                text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
                glyphs += [cjkU(t, f, "utf8") for t in text] if text else [cjkU(text, f, "utf8")]
            if not glyphs:
                return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                                 textColor=style.textColor, lines=[], ascent=style.fontSize,
                                 descent=-0.2 * style.fontSize)
            calc_bounds = getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
            forced = frozenset(k for k, u in enumerate(glyphs) if hasattr(u.frag, "lineBreak"))
            widths = [u.width for u in glyphs]
            lines, start = [], 0
            for k, end in enumerate(line_ends(glyphs, widths, maxWidths, forced)):
                limit = maxWidths[min(k, len(maxWidths) - 1)]
                used = sum(widths[start:end])
                lines.append(makeCJKParaLine(glyphs[start:end], limit, used, limit - used, end - 1 in forced,
                                             calc_bounds))
                start = end
            return ParaLines(kind=1, lines=lines)

    return ChineseParagraph


def paragraph(text: str, style):
    """A Paragraph of ``text`` with Chinese line breaking (禁则)."""
    return _paragraph_class()(text, style)


def stem_markup(item: PaperItem, break_before: frozenset[int] = frozenset()) -> str:
    """Paragraph markup of a stem; answer slots listed in ``break_before`` start a new line,
    together with the character before them (a line never starts with a blank: the text check
    of the PDF, and a reader, would see the ，after it first), or more where that character
    may not start a line (、 after an earlier blank)."""
    atoms: list[tuple[str, str]] = []  # ("char", c) or (kind, value) of a slot, in order
    for kind, value in item.segments:
        atoms += [("char", c) for c in value] if kind == "text" else [(kind, value)]
    slot_at = [k for k, (kind, _v) in enumerate(atoms) if kind != "char"]
    breaks = {_break_point(atoms, slot_at[s]) for s in break_before if s < len(slot_at)}
    out = []
    for k, (kind, value) in enumerate(atoms):
        if k in breaks and k > 0:
            out.append("<br/>")
        if kind == "char":
            out.append(pdf_text(value))
        elif kind == "blank":
            out.append(blank_markup(value))
        else:
            out.append(f'<font color="{SLOT_COLOR}">{PDF_BRACKET}</font>')
    return "".join(out)


def _break_point(atoms: list[tuple[str, str]], slot: int) -> int:
    """Where to break so that the slot at ``slot`` starts the next line's text: before the
    nearest character before it that may begin a line (not ，、） and not after （“)."""
    k = slot - 1
    while k > 0:
        kind, value = atoms[k]
        prev_kind, prev = atoms[k - 1]
        if kind == "char" and value not in NO_LINE_START and not (prev_kind == "char" and prev in NO_LINE_END):
            return k
        k -= 1
    return slot


def split_slots(para) -> set[int]:
    """Answer slots (by order) that a wrapped Paragraph breaks across two lines."""
    lines = getattr(getattr(para, "blPara", None), "lines", [])
    found: set[int] = set()
    ordinal, prev = -1, False
    for line in lines:
        words = getattr(line, "words", None)
        if words is None:  # plain (single-fragment) line: no slot inside
            prev = False
            continue
        for k, word in enumerate(words):
            color = getattr(word, "textColor", None)
            is_slot = bool(getattr(word, "text", "")) and color is not None and color.hexval() == "0x010101"
            if not getattr(word, "text", ""):
                continue
            if is_slot and prev and k == 0:
                found.add(ordinal)
            elif is_slot and not prev:
                ordinal += 1
            prev = is_slot
    return found


def stem_paragraph(item: PaperItem, style, avail: float):
    """The stem as a Paragraph in which no blank or bracket is split across lines (a slot that
    would be split starts the next line instead)."""
    breaks: frozenset[int] = frozenset()
    for _ in range(8):
        para = paragraph(f"{item.number}. {stem_markup(item, breaks)}", style)
        para.wrap(avail, 1e6)
        bad = split_slots(para) - breaks
        if not bad:
            break
        breaks = breaks | {min(bad)}
    return para


def _flowables():
    """Lazily built platypus classes (reportlab is imported only when a PDF is made)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Flowable

    font = register_pdf_font()

    class BoldLines(Flowable):
        """Short heading text drawn with simulated bold (fill + stroke), wrapped per character."""

        def __init__(self, text: str, size: float, center: bool = False, space_after: float = 4):
            super().__init__()
            self.text, self.size, self.center = text, size, center
            self.spaceAfter = space_after
            self.lines: list[str] = []

        def wrap(self, avail_width, avail_height):
            from reportlab.pdfbase.pdfmetrics import stringWidth

            self.width = avail_width
            widths = [stringWidth(ch, font, self.size) for ch in self.text]
            self.lines, start = [], 0
            for end in line_ends(self.text, widths, [avail_width]):
                self.lines.append(self.text[start:end])
                start = end
            self.lines = self.lines or [""]
            self.leading = self.size * 1.5
            self.height = self.leading * len(self.lines)
            return self.width, self.height

        def draw(self):
            from reportlab.pdfbase.pdfmetrics import stringWidth

            c = self.canv
            c.saveState()
            c.setFont(font, self.size)
            c.setLineWidth(self.size * 0.035)
            y = self.height - self.size * 1.1
            for line in self.lines:
                x = (self.width - stringWidth(line, font, self.size)) / 2 if self.center else 0
                t = c.beginText(x, y)
                t.setTextRenderMode(2)
                t.textLine(line)
                c.drawText(t)
                y -= self.leading
            c.restoreState()

    class NumberedCanvas(canvas.Canvas):
        """Defers page output so each footer can say 第 N 页 共 M 页."""

        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font  # no un-embedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for n, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFont(font, 9)
                self.drawCentredString(self._pagesize[0] / 2, 11 * mm, f"第 {n} 页 共 {total} 页")
                super().showPage()
            super().save()

    return font, BoldLines, NumberedCanvas


def _styles(font: str):
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.75,
                          wordWrap="CJK", allowWidows=0, allowOrphans=0)
    return {
        "body": base,
        "stem": ParagraphStyle("stem", parent=base, leftIndent=14, firstLineIndent=-14, spaceBefore=3),
        "opt": ParagraphStyle("opt", parent=base, leftIndent=14 + 10.5, firstLineIndent=-10.5),
        "cell": ParagraphStyle("cell", parent=base, leftIndent=10.5, firstLineIndent=-10.5),
        "sub": ParagraphStyle("sub", parent=base, fontSize=12, leading=18, alignment=TA_CENTER),
        "info": ParagraphStyle("info", parent=base, fontSize=11.5, leading=26, alignment=TA_CENTER),
        "note": ParagraphStyle("note", parent=base, fontSize=9.5, leading=15, leftIndent=12, firstLineIndent=-12),
        "key": ParagraphStyle("key", parent=base, leftIndent=14, firstLineIndent=-14, spaceBefore=4),
        "src": ParagraphStyle("src", parent=base, fontSize=8.5, leading=13, leftIndent=14,
                              textColor="#444444"),
    }


def _options(item: PaperItem, st, avail: float) -> list:
    from reportlab.platypus import Table, TableStyle

    cells = [paragraph(f"{LETTERS[k]}. {escape(o)}", st["cell"]) for k, o in enumerate(item.options)]
    if item.columns == 1:
        return [paragraph(f"{LETTERS[k]}. {escape(o)}", st["opt"]) for k, o in enumerate(item.options)]
    cols = item.columns
    rows = [cells[i:i + cols] for i in range(0, len(cells), cols)]
    rows[-1] += [""] * (cols - len(rows[-1]))
    width = (avail - 14) / cols
    table = Table(rows, colWidths=[width] * cols, hAlign="RIGHT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st["cell"].fontName),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def _header(paper: Paper, st, BoldLines) -> list:
    from reportlab.platypus import Spacer

    out: list = [BoldLines(paper.full_title, 18, center=True, space_after=2)]
    if paper.subtitle:
        out.append(paragraph(escape(paper.subtitle), st["sub"]))
    blank, gap = "<u>" + EM * 8 + "</u>", EM * 2
    out.append(paragraph(f"单位：{blank}{gap}姓名：{blank}{gap}得分：{blank}", st["info"]))
    out.append(paragraph(escape(paper.summary), st["note"]))
    if paper.notes:
        out.append(BoldLines("注意事项：", 10, space_after=0))
        for n, note in enumerate(paper.notes, 1):
            out.append(paragraph(f"{n}. {escape(note)}", st["note"]))
    out.append(Spacer(1, 6))
    return out


def _body(paper: Paper, st, BoldLines, avail: float) -> list:
    from reportlab.platypus import KeepTogether

    out: list = []
    for sec in paper.sections:
        for k, item in enumerate(sec.items):
            # the section heading travels with its first question (keepWithNext cannot reach
            # into a KeepTogether), and each question with its options
            parts = [BoldLines(sec.heading, 12, space_after=2)] if k == 0 else []
            parts.append(stem_paragraph(item, st["stem"], avail))
            if item.options:
                parts += _options(item, st, avail)
            out.append(KeepTogether(parts))
    return out


def _key(paper: Paper, st, BoldLines) -> list:
    from reportlab.platypus import KeepTogether

    out: list = [BoldLines(f"{paper.full_title} 参考答案", 16, center=True, space_after=4)]
    if paper.key_source:
        out.append(paragraph(escape(f"本卷试题均出自{paper.key_source}，“出处”为原文语句。"), st["sub"]))
    current = None
    for e in paper.key:
        parts: list = []
        if e.section != current:
            current = e.section
            parts.append(BoldLines(current, 12, space_after=2))
        detail = f"（{escape(e.detail)}）" if e.detail else ""
        parts += [paragraph(f"{e.number}. <u>{escape(e.answer)}</u>{detail}", st["key"]),
                  paragraph(escape(paper.key_source_text(e)), st["src"])]
        out.append(KeepTogether(parts))
    return out


def render_pdf(paper: Paper, *, part: str = "all") -> bytes:
    """PDF bytes of ``paper``: part 'all' (paper then key on a new page), 'paper' or 'key'."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    font, BoldLines, NumberedCanvas = _flowables()
    st = _styles(font)
    buf = io.BytesIO()
    title = paper.full_title + (" 参考答案" if part == "key" else "")
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_MM * mm, rightMargin=MARGIN_MM * mm,
                            topMargin=18 * mm, bottomMargin=20 * mm, title=title, author="quizgen",
                            creator="quizgen", subject="试卷", invariant=1)
    story: list = []
    if part in ("all", "paper"):
        story += _header(paper, st, BoldLines) + _body(paper, st, BoldLines, doc.width - 12)  # frame padding 6 pt each side
    if part == "all":
        story.append(PageBreak())
    if part in ("all", "key"):
        story += _key(paper, st, BoldLines)
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()
