"""审题 ``/review``: the bank's questions as they print, most important first, filtered by
document, section, type and status, each with accept, reject and edit. The questions and their
order come from the review session (``review.session``), decisions from ``review.decide``: the
same rules and the same splice into the bank file as ``quizgen review``, under the bank's lock,
refused when the question changed since the page showed it."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from quizgen.errors import InputError
from quizgen.web.auth import organiser_required

bp = Blueprint("review", __name__)
PER_PAGE = 20
FILTERS = ("doc", "section", "type", "status")


def filters() -> dict[str, str]:
    return {k: request.values.get(k, "").strip() for k in FILTERS}


def listing(f: dict[str, str]):
    """(items of the review, their sections, documents, message when none) for the filters."""
    from quizgen.bank import load_bank
    from quizgen.review.session import ReviewSession
    from quizgen.select import section_matches

    folder = current_app.config["BANK_DIR"]
    bank = load_bank(folder)
    docs = [(bf.doc, bf.title) for bf in bank.files]
    sections = sorted({q.source.section for bf in bank.files for q in bf.questions
                       if q.source.section and (not f["doc"] or bf.doc == f["doc"])})
    try:
        items = ReviewSession(folder, docs=f["doc"] or None, types=f["type"] or None,
                              statuses=f["status"] or None, warn=False).items
    except InputError as exc:
        return [], sections, docs, exc.message
    if f["section"]:
        items = [it for it in items if section_matches(it.q.source.section, f["section"])]
    return items, sections, docs, "" if items else "没有符合条件的题目"


@bp.get("/review")
@organiser_required
def index():
    from quizgen.review.decide import version
    from quizgen.review.edits import FIELD_NAMES, current_text, fields_for, hint
    from quizgen.review.session import STATUS_NAMES
    from quizgen.web.questions import shown

    f = filters()
    items, sections, docs, empty = listing(f)
    pages = max(1, -(-len(items) // PER_PAGE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    start = (page - 1) * PER_PAGE
    folder = current_app.config["BANK_DIR"]
    cards = [{"item": it, "shown": shown(folder, it.q), "version": version(it.q), "number": start + i + 1,
              "fields": [(n, FIELD_NAMES[n], current_text(it.q, n), hint(it.q, n)) for n in fields_for(it.q)]}
             for i, it in enumerate(items[start:start + PER_PAGE])]
    return render_template("review.html", cards=cards, f=f, sections=sections, docs=docs, empty=empty,
                           total=len(items), page=page, pages=pages, status_names=STATUS_NAMES,
                           advance=request.args.get("advance") == "1")


@bp.post("/review/<qid>")
@organiser_required
def decide(qid: str):
    from quizgen.review.decide import StaleQuestion
    from quizgen.review.decide import decide as make

    action = request.form.get("action", "")
    texts = {k: request.form[k] for k in ("stem", "options", "answer", "accept") if k in request.form}
    back = {k: v for k, v in filters().items() if v}
    back["page"] = request.form.get("page", "1")
    try:
        done = make(current_app.config["BANK_DIR"], qid, request.form.get("version", ""), action, texts)
    except StaleQuestion as exc:
        flash(str(exc), "error")
        return redirect(url_for("review.index", focus=qid, **back) + f"#q-{qid}")
    except InputError as exc:
        flash(f"没有保存：{exc}", "error")
        return redirect(url_for("review.index", focus=qid, **back) + f"#q-{qid}")
    flash("；".join([f"{done.message}：{qid}"] + done.notes), "info")
    if action != "edit":
        back["advance"] = "1"  # the page goes on to the next question
    return redirect(url_for("review.index", focus=qid, **back) + f"#q-{qid}")
