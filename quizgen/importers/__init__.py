"""Import readers, looked up by file suffix: one small module each (xlsx 题库, Word 试卷, plain text).

A reader module has ``DESCRIPTION`` (Chinese) and ``read(data: bytes, path: str) -> Parsed``: the
questions it found as :class:`~quizgen.importers.build.Draft` objects and the places it could not
read. Readers never touch the bank; ``quizgen.importbank`` builds and stores the questions.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from quizgen.errors import InputError
from quizgen.importers.build import Draft

READERS = {
    ".xlsx": "quizgen.importers.xlsx_reader",
    ".docx": "quizgen.importers.docx_reader",
    ".txt": "quizgen.importers.text_reader",
}
"""Suffix -> reader module. A new format is one module and one line here."""

RESAVE = {
    ".xls": "请在 Excel 或 WPS 中另存为 .xlsx 再导入",
    ".et": "请在 WPS 表格中另存为 .xlsx 再导入",
    ".csv": "请在 Excel 或 WPS 中打开并另存为 .xlsx（表头同 `quizgen export --format xlsx`）再导入",
    ".doc": "请在 Word 或 WPS 中另存为 .docx 再导入",
    ".wps": "请在 WPS 文字中另存为 .docx 再导入",
    ".pdf": "请把试卷另存为 .docx 或复制为 .txt 再导入",
}


@dataclass
class Skip:
    """A row or question that could not be read."""

    where: str
    """第 12 行 / 第 7 段（二、单项选择题 第 3 题）."""
    why: str


@dataclass
class Parsed:
    """What a reader found in one file."""

    drafts: list[Draft] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    title: str = ""
    """The document title the file names (a paper key's 本卷试题均出自《…》), '' when none."""


def reader_for(path: str) -> ModuleType:
    """The reader module of a file, by its suffix; an unknown one is an error saying what to do."""
    suffix = Path(path).suffix.lower()
    if suffix in READERS:
        return importlib.import_module(READERS[suffix])
    if suffix in RESAVE:
        raise InputError(f"不能直接导入 {suffix} 文件：{RESAVE[suffix]}", path=path)
    raise InputError(f"不认识的题库文件类型 {suffix or '（无扩展名）'}：可导入 {'、'.join(READERS)}", path=path)
