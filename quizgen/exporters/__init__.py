"""Export writers, looked up by name (as pandoc looks up its writers): one small module each.

A writer module has ``NAME``, ``DESCRIPTION`` (Chinese, for ``--help``), ``SUFFIX`` (the output's
usual suffix) and ``write(questions, ctx) -> list[Output]``: the bytes of the main file, and of
any file it writes beside it (问卷星's answer key). Writers never touch the model or the disk;
``quizgen.export`` writes what they return, all files or none.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from quizgen.errors import InputError

WRITERS = {
    "json": "quizgen.exporters.json_writer",
    "xlsx": "quizgen.exporters.xlsx_writer",
    "tencent": "quizgen.exporters.tencent_writer",
    "wjx": "quizgen.exporters.wjx_writer",
    "anki": "quizgen.exporters.anki_writer",
    "gift": "quizgen.exporters.gift_writer",
    "moodle-xml": "quizgen.exporters.moodle_xml_writer",
}
"""Format name -> module. A new format is one module and one line here."""


@dataclass
class ExportContext:
    """What a writer may need besides the questions."""

    title: str = "应知应会测试"
    """Title of the quiz/deck (问卷星's first line, Anki's top deck)."""
    doc_titles: dict[str, str] = field(default_factory=dict)
    """Document name -> title, for the 出处."""


@dataclass
class Output:
    """One file a writer produced: ``beside`` is '' for the main file, else what is put between
    the output's stem and suffix (``-答案``) with ``suffix`` its own suffix when it differs."""

    data: bytes
    beside: str = ""
    suffix: str = ""
    note: str = ""
    """One Chinese line to tell the user about this file (e.g. how to enter the answers)."""


def writer(name: str) -> ModuleType:
    """The writer module of a format name; a bad name is an error listing the formats."""
    key = (name or "").strip().lower()
    if key not in WRITERS:
        raise InputError(f"--format {name!r}：不认识的导出格式，可用 {'、'.join(WRITERS)}")
    return importlib.import_module(WRITERS[key])


def source_text(q, ctx: ExportContext) -> str:
    """A question's 出处 as one line: 《title》〔section〕sentence (what each format's explanation holds)."""
    title = ctx.doc_titles.get(q.source.doc) or q.source.doc
    where = f"〔{q.source.section}〕" if q.source.section else ""
    return f"出处：《{title}》{where}{q.source.sentence}"
