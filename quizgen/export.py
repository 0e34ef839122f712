"""The ``export`` command: choose questions, hand them to a format's writer, write its files.

Writers live in ``quizgen.exporters`` and are looked up by name. Every file of one export is
written atomically and all or none; standard output takes a single-file format only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

from quizgen.bank import load_bank, warn_problems
from quizgen.errors import InputError
from quizgen.exporters import ExportContext, Output, writer
from quizgen.exporters.json_writer import EXPORT_FIELDS, question_json, to_json  # noqa: F401 (public names)
from quizgen.select import Selection, parse_statuses, parse_types, select, split_list


def output_path(output: str, out) -> Path:
    base = Path(output)
    if not out.beside:
        return base
    return base.with_name(base.stem + out.beside + (out.suffix or base.suffix))


def export_outputs(bank_dir: str, *, fmt: str = "json", count=None, types=None, docs=None, tags=None,
                   statuses=None, sections=None, title: str | None = None) -> tuple[ModuleType, list, list[Output]]:
    """(the format's writer, the chosen questions, the files it made, in memory) of an export;
    the options are those of ``export`` (comma-separated texts)."""
    mod = writer(fmt)
    bank = load_bank(bank_dir)
    warn_problems(bank)
    sel = Selection(n=count, types=parse_types(types), docs=split_list(docs), tags=split_list(tags),
                    statuses=parse_statuses(statuses), sections=split_list(sections), one_per_fact=False)
    chosen = select(bank.questions, sel)
    ctx = ExportContext(title=title or "应知应会测试", doc_titles={f.doc: f.title for f in bank.files if f.title})
    return mod, chosen, mod.write(chosen, ctx)


def export(bank_dir: str, output: str, *, fmt: str = "json", count=None, types=None, docs=None, tags=None,
           statuses=None, sections=None, title: str | None = None) -> int:
    """Write the chosen questions in format ``fmt``, in bank order (all of them, or the ``count``
    most important, several on one sentence allowed: an export is the bank, not a paper)."""
    from quizgen.paper import write_all

    mod, chosen, outputs = export_outputs(bank_dir, fmt=fmt, count=count, types=types, docs=docs, tags=tags,
                                          statuses=statuses, sections=sections, title=title)
    if output == "-":
        if len(outputs) > 1 or mod.SUFFIX not in (".json", ".txt", ".gift", ".xml"):
            raise InputError(f"--format {fmt} 要写文件：请用 -o 给出文件名（如 quiz{mod.SUFFIX}）")
        sys.stdout.buffer.write(outputs[0].data)
        sys.stdout.flush()
        if outputs[0].note:
            print(f"quizgen：{outputs[0].note}", file=sys.stderr)
        return len(chosen)
    files = [(output_path(output, o), o) for o in outputs]
    write_all([(p, o.data) for p, o in files])
    for p, o in files:
        print(f"已写入 {p}" + (f"：{o.note}" if o.note else ""), file=sys.stderr)
    return len(chosen)


def export_json(bank_dir: str, output: str, **kwargs) -> int:
    """JSON export (kept for callers of the old name)."""
    return export(bank_dir, output, fmt="json", **kwargs)
