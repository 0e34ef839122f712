"""Excel 题库 (.xlsx): one sheet 题库 with the columns enterprise platforms import.

题型 | 题干 | 选项A … 选项H | 答案 | 分值 | 解析 | 出处 | 章节 | 难度. 答案 is letters for choices
(ABD), 正确/错误 for judgements and, for fills, the blanks' answers joined with ``|``, each blank's
accepted alternatives after it joined with ``;`` (``1921年;1921|北京``); an ASCII ``|`` or ``;``
inside an answer becomes full-width so the split stays right. Fill blanks are ``（　　）`` in 题干.
分值 is ``common.POINTS``; 解析 holds the 出处 line, 出处 the document title, 章节 the section, 难度
is left empty (quizgen does not grade difficulty). ``quizgen import`` reads this same sheet back.

The file is byte-for-byte the same for the same questions: fixed document times and zip dates.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from quizgen.exporters import ExportContext, Output, source_text
from quizgen.exporters.common import (
    BLANK_RE,
    LETTERS,
    TYPE_LABELS,
    UNDERLINE_RE,
    answer_letters,
    check_options,
    judge_label,
    one_line,
    points,
)
from quizgen.model import Question

NAME = "xlsx"
SUFFIX = ".xlsx"
DESCRIPTION = "Excel 题库（题型、题干、选项A～H、答案、分值、解析、出处、章节、难度），可导入考试平台"
SHEET = "题库"
HEADER = ("题型", "题干", *(f"选项{L}" for L in LETTERS), "答案", "分值", "解析", "出处", "章节", "难度")
WIDTHS = {"题型": 8, "题干": 60, "答案": 16, "分值": 6, "解析": 50, "出处": 30, "章节": 24, "难度": 6}
"""Column widths in characters (an option column is 18): wide enough to read, wrapped beyond."""
FIXED_TIME = datetime(2024, 1, 1)
SHEET_BLANK = "（\u3000\u3000）"


def sheet_stem(q: Question) -> str:
    """题干 with every blank (a fill's, or a choice's underline) as （　　）."""
    return (BLANK_RE if q.type == "fill" else UNDERLINE_RE).sub(SHEET_BLANK, one_line(q.stem))


def _cell_answer(text: str) -> str:
    return one_line(text).replace("|", "｜").replace(";", "；")


def sheet_answer(q: Question) -> str:
    if q.type in ("single", "multi"):
        return "".join(answer_letters(q))
    if q.type == "judge":
        return judge_label(q)
    blanks = []
    for i, ans in enumerate(q.answer):
        alts = q.accept[i] if i < len(q.accept) else []
        blanks.append(";".join(_cell_answer(a) for a in [ans, *alts]))
    return "|".join(blanks)


def row(q: Question, ctx: ExportContext) -> list:
    check_options(q)
    opts = [one_line(o) for o in (q.options or [])]
    opts += [""] * (len(LETTERS) - len(opts))
    title = ctx.doc_titles.get(q.source.doc) or q.source.doc
    return [TYPE_LABELS[q.type], sheet_stem(q), *opts, sheet_answer(q), points(q),
            source_text(q, ctx), title, q.source.section, ""]


def fill_sheet(ws, title: str, header, rows, widths: dict[str, float], default_width: float = 18) -> None:
    """A sheet that reads in Excel and WPS: bold frozen header, set widths, wrapped top-aligned text.
    Text cells stay text: a stem starting with ``=`` is never a formula."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.title = title
    ws.append(list(header))
    for r in rows:
        ws.append(r)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font = bold
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for i, name in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, default_width)
    ws.freeze_panes = "A2"


def workbook_bytes(wb) -> bytes:
    """The workbook as .xlsx bytes, the same for the same content (openpyxl stamps now)."""
    from openpyxl.writer.excel import ExcelWriter

    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "quizgen"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write(questions: list[Question], ctx: ExportContext) -> list[Output]:
    from openpyxl import Workbook

    wb = Workbook()
    fill_sheet(wb.active, SHEET, HEADER, [row(q, ctx) for q in questions], WIDTHS)
    return [Output(workbook_bytes(wb))]
