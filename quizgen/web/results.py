"""结果 ``/results`` (organisers only): the practice results per 场次 — name, score, time, wrong
questions — the 场次 members' practice is recorded under now, and the table as .xlsx for the
branch's 台账. Storage and the sheet are ``quizgen.results``; wrong questions are named by their
stem in the bank (by id once they left it)."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for

from quizgen.bank import load_bank
from quizgen.errors import InputError
from quizgen.fsutil import safe_name
from quizgen.quiz.render import stem_display
from quizgen.results import (
    MAX_COUNT,
    MAX_SESSION,
    PracticeSettings,
    duration_text,
    load_results,
    load_settings,
    parse_count,
    results_xlsx,
    save_settings,
    sessions,
)
from quizgen.web.auth import organiser_required

bp = Blueprint("results", __name__)
ALL = "*"
"""The 场次 choice that shows every record."""
CLIP = 36


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CLIP else text[: CLIP - 1] + "…"


def wrong_names(bank_dir) -> dict[str, str]:
    """Question id -> its stem, shortened, for the questions still in the bank."""
    try:
        bank = load_bank(bank_dir)
    except InputError:
        return {}
    return {q.id: _clip(stem_display(q)) for f in bank.files for q in f.questions}


def chosen(records, wanted: str | None):
    """The 场次 shown (the latest when none was asked for) and its records, newest first."""
    names = sessions(records)
    if wanted is None:
        wanted = names[0] if names else ALL
    rows = records if wanted == ALL else [r for r in records if r.session == wanted]
    return wanted, names, sorted(rows, key=lambda r: r.started, reverse=True)


@bp.get("/results")
@organiser_required
def index():
    bank_dir = current_app.config["BANK_DIR"]
    loaded = load_results(bank_dir)
    shown, names, rows = chosen(loaded.records, request.args.get("session"))
    return render_template("results.html", rows=rows, session_names=names, shown=shown, ALL=ALL,
                           skipped=loaded.skipped, settings=load_settings(bank_dir), wrong_names=wrong_names(bank_dir),
                           duration_text=duration_text, max_count=MAX_COUNT, max_session=MAX_SESSION)


@bp.post("/results/settings")
@organiser_required
def settings():
    bank_dir = current_app.config["BANK_DIR"]
    try:
        saved = save_settings(bank_dir, PracticeSettings(request.form.get("session", ""),
                                                         parse_count(request.form.get("count", ""))))
    except InputError as exc:
        flash(exc.message, "error")
        return redirect(url_for("results.index"))
    flash(f"已设置：此后的练习记入场次「{saved.session or '（未命名）'}」，每次 {saved.count} 题", "info")
    return redirect(url_for("results.index", session=saved.session))


@bp.get("/results.xlsx")
@organiser_required
def download():
    bank_dir = current_app.config["BANK_DIR"]
    shown, _, rows = chosen(load_results(bank_dir).records, request.args.get("session"))
    data = results_xlsx(list(reversed(rows)), wrong_names(bank_dir))
    label = "全部" if shown == ALL else (shown or "未命名场次")
    return send_file(BytesIO(data), as_attachment=True, download_name=f"练习成绩-{safe_name(label)}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
