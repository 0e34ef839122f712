"""DOCX writer: a :class:`Paper` as Word document bytes with python-docx.

Owns the Word look: A4 page, 宋体 body and 黑体 headings set as East Asian fonts (``w:rFonts
w:eastAsia``, which ``font.name`` alone does not set), underlined blanks, options on tab stops in
4/2/1 columns, each question kept with its options (keep-with-next), the footer
第 N 页 共 M 页 as PAGE/NUMPAGES fields, and the answer key on its own page. The zip is written
with fixed timestamps so the same paper gives the same bytes.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import datetime

from quizgen.render.fonts import DOCX_BODY_EAST_ASIA, DOCX_HEADING_EAST_ASIA, DOCX_HEADING_LATIN, DOCX_LATIN
from quizgen.render.layout import LETTERS, Paper, PaperItem, text_units

BODY_PT = 10.5
BRACKET_GAP_TWIPS = 440
"""Room inside the answer bracket: expanded character spacing after （ (about two hanzi)."""
FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)


def set_fonts(target, latin: str, east_asia: str) -> None:
    """Set Latin and East Asian faces on a run or style (``target.font`` plus ``w:eastAsia``)."""
    from docx.oxml.ns import qn

    target.font.name = latin
    element = target.element if hasattr(target, "element") else target._element
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rfonts.set(qn(attr), value)


def _chinese_language(style) -> None:
    """Mark text as Simplified Chinese so Word/WPS/LibreOffice apply Chinese line breaking
    (no line starting with ） or ， and none ending with （)."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    set_fonts(normal, DOCX_LATIN, DOCX_BODY_EAST_ASIA)
    _chinese_language(normal)
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(2), 1.25
    for name, size in (("试卷标题", 18), ("大题标题", 12), ("小标题", 10.5)):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        set_fonts(st, DOCX_HEADING_LATIN, DOCX_HEADING_EAST_ASIA)
        st.font.size, st.font.bold = Pt(size), True
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.space_before = Pt(8 if size == 12 else 2)
        st.paragraph_format.space_after = Pt(4)


def _blank_run(par, units: int) -> None:
    """An underlined blank about ``units`` hanzi wide, of no-break spaces (two per hanzi in the
    Latin face) so that it is neither split nor dropped at a line end."""
    run = par.add_run("\xa0" * (units * 4))
    run.font.underline = True


def _bracket(par) -> None:
    """（　　） drawn as （ with expanded spacing then ）: no space inside, so no line can break in it."""
    from docx.oxml.ns import qn

    opening = par.add_run("（")
    spacing = opening._element.get_or_add_rPr().makeelement(qn("w:spacing"), {qn("w:val"): str(BRACKET_GAP_TWIPS)})
    opening._element.get_or_add_rPr().append(spacing)
    par.add_run("）")


def _stem(doc, item: PaperItem, keep_next: bool):
    from docx.shared import Pt

    par = doc.add_paragraph()
    pf = par.paragraph_format
    pf.left_indent, pf.first_line_indent = Pt(15), Pt(-15)
    pf.keep_together, pf.keep_with_next = True, keep_next
    pf.space_before = Pt(3)
    par.add_run(f"{item.number}. ")
    for kind, value in item.segments:
        if kind == "text":
            par.add_run(value)
        elif kind == "blank":
            _blank_run(par, min(12, max(3, math.ceil(text_units(value)) + 2)))
        else:
            _bracket(par)
    return par


def _options(doc, item: PaperItem, text_width_pt: float) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt

    labelled = [f"{LETTERS[k]}. {o}" for k, o in enumerate(item.options)]
    cols = item.columns
    rows = [labelled[i:i + cols] for i in range(0, len(labelled), cols)]
    indent = 15.0
    step = (text_width_pt - indent) / cols
    for r, row in enumerate(rows):
        par = doc.add_paragraph()
        pf = par.paragraph_format
        pf.left_indent = Pt(indent)
        pf.keep_together = True
        pf.keep_with_next = r < len(rows) - 1
        if cols == 1:
            pf.left_indent, pf.first_line_indent = Pt(indent + 12), Pt(-12)
        for c in range(1, cols):
            pf.tab_stops.add_tab_stop(Pt(indent + step * c), WD_TAB_ALIGNMENT.LEFT)
        par.add_run("\t".join(row))


def _footer(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    par = section.footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.add_run("第 ").font.size = Pt(9)
    for k, instr in enumerate(("PAGE", "NUMPAGES")):
        fld = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
                        f"<w:t>1</w:t></w:r></w:fldSimple>")
        par._p.append(fld)
        par.add_run(" 页 共 " if k == 0 else " 页").font.size = Pt(9)


def _header(doc, paper: Paper) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    title = doc.add_paragraph(paper.full_title, style="试卷标题")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if paper.subtitle:
        sub = doc.add_paragraph(paper.subtitle)
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    info = doc.add_paragraph()
    info.alignment = WD_ALIGN_PARAGRAPH.CENTER
    info.paragraph_format.space_before = Pt(6)
    info.paragraph_format.space_after = Pt(6)
    for k, label in enumerate(("单位：", "姓名：", "得分：")):
        info.add_run(("\u3000\u3000" if k else "") + label).font.size = Pt(11.5)
        _blank_run(info, 8)
    doc.add_paragraph(paper.summary).runs[0].font.size = Pt(9.5)
    if paper.notes:
        doc.add_paragraph("注意事项：", style="小标题")
        for n, note in enumerate(paper.notes, 1):
            p = doc.add_paragraph(f"{n}. {note}")
            p.runs[0].font.size = Pt(9.5)


def _body(doc, paper: Paper, text_width_pt: float) -> None:
    for sec in paper.sections:
        doc.add_paragraph(sec.heading, style="大题标题")
        for item in sec.items:
            _stem(doc, item, keep_next=bool(item.options))
            if item.options:
                _options(doc, item, text_width_pt)


def _key(doc, paper: Paper) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    head = doc.add_paragraph(f"{paper.full_title} 参考答案", style="试卷标题")
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if paper.key_source:
        note = doc.add_paragraph(f"本卷试题均出自{paper.key_source}，“出处”为原文语句。")
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    current = None
    for e in paper.key:
        if e.section != current:
            current = e.section
            doc.add_paragraph(current, style="大题标题")
        par = doc.add_paragraph()
        par.paragraph_format.keep_with_next = True
        par.paragraph_format.space_before = Pt(3)
        par.add_run(f"{e.number}. ")
        ans = par.add_run(e.answer)
        ans.bold = True
        if e.detail:
            par.add_run(f"（{e.detail}）")
        src = doc.add_paragraph()
        src.paragraph_format.left_indent = Pt(15)
        run = src.add_run(paper.key_source_text(e))
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so identical papers give identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(paper: Paper, *, part: str = "all") -> bytes:
    """DOCX bytes of ``paper``: part 'all' (paper then key on a new page), 'paper' or 'key'."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(20)
    section.footer_distance = Mm(10)
    _styles(doc)
    _footer(section)
    width_pt = (210 - 40) / 25.4 * 72
    if part in ("all", "paper"):
        _header(doc, paper)
        _body(doc, paper, width_pt)
    if part == "all":
        doc.add_page_break()
    if part in ("all", "key"):
        _key(doc, paper)
    props = doc.core_properties
    props.title = paper.full_title + (" 参考答案" if part == "key" else "")
    props.author = props.last_modified_by = "quizgen"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.comments = ""
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())
