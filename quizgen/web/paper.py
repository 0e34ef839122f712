"""组卷 ``/paper``: choose documents, sections, types, counts and points, preview the paper, and
download it as DOCX or PDF (``paper.make_paper_cli``, recorded in the paper history as the CLI
records it) or in any export format (``export.export_outputs``): the same code as the CLI."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, send_file

from quizgen.fsutil import safe_name
from quizgen.web.auth import organiser_required
from quizgen.web.paperform import KEYS, PaperForm, bundle, parse_form

bp = Blueprint("paper", __name__)


def choices():
    """The documents and sections the form offers."""
    from quizgen.bank import load_bank

    bank = load_bank(current_app.config["BANK_DIR"])
    docs = [(bf.doc, bf.title, len(bf.questions)) for bf in bank.files]
    sections = sorted({q.source.section for q in bank.questions if q.source.section})
    return docs, sections


def page(form: PaperForm, preview=None, plan=None):
    from quizgen.exporters import WRITERS
    from quizgen.model import TYPE_NAMES

    docs, sections = choices()
    return render_template("paper.html", form=form, docs=docs, sections=sections, preview=preview, plan=plan,
                           formats=list(WRITERS), type_names=TYPE_NAMES, keys=KEYS)


@bp.get("/paper")
@organiser_required
def index():
    return page(PaperForm())


@bp.post("/paper")
@organiser_required
def make():
    from quizgen.paper import make_paper_cli, preview_paper

    form = parse_form(request.form)
    bank = str(current_app.config["BANK_DIR"])
    action = request.form.get("do", "preview")
    if action in ("docx", "pdf"):
        paths = make_paper_cli(bank=bank, output=str(form.output(bank, "." + action)), **form.paper_options())
        name, data = bundle([(p.name, p.read_bytes()) for p in paths], paths[0].stem + ".zip")
        return send_file(_bytes(data), as_attachment=True, download_name=name)
    if action == "export":
        return export(form)
    paper, plan = preview_paper(bank=bank, output=str(form.output(bank, ".docx")), **form.paper_options())
    return page(form, paper, plan)


def export(form: PaperForm):
    from quizgen.export import export_outputs
    from quizgen.exporters import writer

    fmt = request.form.get("format", "json")
    mod = writer(fmt)
    _mod, _chosen, outputs = export_outputs(str(current_app.config["BANK_DIR"]), fmt=fmt, **form.export_options())
    stem = safe_name(form.title or "应知应会测试")
    files = [(f"{stem}{o.beside}{o.suffix or mod.SUFFIX}", o.data) for o in outputs]
    name, data = bundle(files, f"{stem}-{fmt}.zip")
    return send_file(_bytes(data), as_attachment=True, download_name=name)


def _bytes(data: bytes):
    import io

    return io.BytesIO(data)
