"""题库 ``/``: the bank's documents with their counts, uploading a document to extract, and
setting a document's title. Counts come from ``banklist``, extraction from ``uploads``
(the same call as ``quizgen extract``), titles from ``banktitle``."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for

from quizgen.web.auth import organiser_required

bp = Blueprint("library", __name__)


def jobs():
    """The app's extraction jobs (one worker per app)."""
    from quizgen.web.uploads import ExtractJobs

    ext = current_app.extensions
    if "quizgen_jobs" not in ext:
        ext["quizgen_jobs"] = ExtractJobs(current_app.config["BANK_DIR"])
    return ext["quizgen_jobs"]


def bank_table():
    """(head, [(bank file, cells)], totals) of the bank, or None when it has no documents."""
    from quizgen.bank import load_bank
    from quizgen.banklist import bank_rows

    bank = load_bank(current_app.config["BANK_DIR"])
    if not bank.files:
        return None, bank.problems
    rows = bank_rows(bank)
    return (rows[0], list(zip(bank.files, rows[1:-1])), rows[-1]), bank.problems


@bp.get("/")
@organiser_required
def index():
    from quizgen.web.uploads import ALLOWED_SUFFIXES

    table, problems = bank_table()
    return render_template("library.html", table=table, problems=problems, jobs=jobs().recent(),
                           allowed=",".join(ALLOWED_SUFFIXES), limit_mb=current_app.config["UPLOAD_LIMIT"] / 2**20)


@bp.post("/upload")
@organiser_required
def upload():
    file = request.files.get("document")
    if file is None:
        flash("请选择要上传的文件", "error")
        return redirect(url_for("library.index"))
    job = jobs().submit(file.filename, file.read(), request.form.get("title") or None)
    flash(f"已收到 {job.name}，正在提取…", "info")
    return redirect(url_for("library.index", job=job.id))


@bp.get("/api/jobs/<job_id>")
@organiser_required
def job_status(job_id: str):
    job = jobs().get(job_id)
    if job is None:
        return jsonify({"error": "没有这个提取任务（服务重启过？）"}), 404
    return jsonify(job.as_dict())


@bp.post("/title")
@organiser_required
def set_title():
    from quizgen.banktitle import set_title as store

    doc = request.form.get("doc", "")
    title = store(current_app.config["BANK_DIR"], doc, request.form.get("title", ""))
    flash(f"{doc} 的标题已改为《{title}》" if title else f"已去掉 {doc} 的标题", "info")
    return redirect(url_for("library.index"))
