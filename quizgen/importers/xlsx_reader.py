"""Reader of the generic xlsx 题库 sheet (openpyxl): one question a row under the header
题型 | 题干 | 选项A … 选项H | 答案 | 分值 | 解析 | 出处 | 章节 | 难度 (the layout ``quizgen export
--format xlsx`` writes and online exam platforms import). Columns are found by their header, in
any order; the first sheet that has one is read. Rows are numbered as Excel shows them.
"""

from __future__ import annotations

import datetime as _dt
import io
import re

from quizgen.errors import InputError
from quizgen.importers import Parsed, Skip
from quizgen.importers.build import LETTERS, Draft, judge_value, type_of

DESCRIPTION = "Excel/WPS 题库表（表头：题型、题干、选项A…选项H、答案、分值、解析、出处、章节、难度）"
REQUIRED = ("题型", "题干", "答案")
SOURCE_LINE_RE = re.compile(r"(?:^|(?<=\n))\s*[【\[]?(出处|来源|原文)[】\]]?\s*[:：]")
HEADER_ROWS = 10
"""The header is looked for in the first rows of each sheet (a title row above it is common)."""


def cell_text(value) -> str:
    """A cell as text: 1954.0 -> '1954', TRUE -> 正确, dates as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "正确" if value else "错误"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.strftime("%Y-%m-%d") if isinstance(value, _dt.datetime) else value.isoformat()
    return str(value).strip()


def _header(row) -> dict[str, int] | None:
    names = {"".join(cell_text(v).split()): k for k, v in enumerate(row) if cell_text(v)}
    return names if all(r in names for r in REQUIRED) else None


def _open(data: bytes, path: str):
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise InputError("不是 .xlsx 表格，或文件已损坏；请在 Excel 或 WPS 中打开后另存为 .xlsx",
                         path=path) from exc
    except Exception as exc:  # openpyxl's own InvalidFileException and XML errors of a broken file
        raise InputError(f"openpyxl 打不开这个表格（{type(exc).__name__}）；请在 Excel 或 WPS 中另存为 .xlsx",
                         path=path) from exc


def read(data: bytes, path: str) -> Parsed:
    book = _open(data, path)
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for number, row in enumerate(rows, 1):
                if number > HEADER_ROWS:
                    break
                cols = _header(row)
                if cols:
                    return _rows(cols, rows, number, sheet.title if len(book.worksheets) > 1 else "")
    finally:
        book.close()
    raise InputError(f"找不到题库表头：需要 {'、'.join(REQUIRED)} 等列（表头同 `quizgen export --format xlsx`："
                     "题型、题干、选项A…选项H、答案、分值、解析、出处、章节、难度）", path=path)


def _cell(row, k: int | None) -> str:
    return cell_text(row[k]) if k is not None and k < len(row) else ""


def _rows(cols: dict[str, int], rows, header_row: int, sheet: str) -> Parsed:
    out = Parsed()
    option_cols = [cols.get(f"选项{ch}") for ch in LETTERS]
    prefix = f"工作表“{sheet}”" if sheet else ""
    for number, row in enumerate(rows, header_row + 1):
        if not any(cell_text(v) for v in row):
            continue
        options_raw = [_cell(row, k) for k in option_cols]
        where = f"{prefix}第 {number} 行"
        kind = _cell(row, cols.get("题型"))
        qtype = type_of(kind)
        if not qtype:
            out.skipped.append(Skip(where, f"题型 {kind!r} 不认识：请写 单选题、多选题、填空题 或 判断题"
                                    if kind else "没有题型：请写 单选题、多选题、填空题 或 判断题"))
            continue
        last = max((k for k, o in enumerate(options_raw) if o), default=-1)
        gap = [LETTERS[k] for k in range(last) if not options_raw[k]]
        if gap:
            out.skipped.append(Skip(where, f"选项{gap[0]}是空的，后面却还有选项{LETTERS[last]}"))
            continue
        options = options_raw[: last + 1]
        answer = _cell(row, cols.get("答案"))
        if qtype == "judge" and options and all(judge_value(o) for o in options):
            # 选项A 正确 / 选项B 错误 with 答案 A, as some platforms write judgements
            k = LETTERS.find(answer.strip().upper()) if len(answer.strip()) == 1 else -1
            answer, options = (options[k] if 0 <= k < len(options) else answer), []
        if qtype in ("fill", "judge") and options:
            out.skipped.append(Skip(where, f"{kind}不应有选项（选项A…选项{LETTERS[last]} 有内容）"))
            continue
        explain = _cell(row, cols.get("解析"))
        source = _cell(row, cols.get("出处"))
        # the 解析 column holds the 出处 sentence (出处：《…》〔…〕句子); the 出处 column may hold only 《…》
        m = SOURCE_LINE_RE.search(explain)
        text = explain[m.start():].strip().split("\n")[0] if m else source
        out.drafts.append(Draft(where=where, type=qtype, stem=_cell(row, cols.get("题干")), options=options,
                                answer=answer, sheet=True, source=text,
                                section=_cell(row, cols.get("章节"))))
    return out
