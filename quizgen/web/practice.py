"""练习 ``/practice``: a member enters a name and answers one question a screen, sees right or
wrong with the 出处 after each, a score at the end, and their own wrong-answer book.

No password: members are not organisers. The run is held by the server (``practice_store``) under
a random token kept in the session cookie; choosing, grading and recording are the library's
(``quizgen.practice``, ``quizgen.results``). Each step is a form post followed by a redirect, so
a reload never answers twice.
"""

from __future__ import annotations

import functools

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for

from quizgen.errors import InputError
from quizgen.practice import member_book, option_letters, start_practice, type_name
from quizgen.quiz.answers import AnswerFormatError, blank_count
from quizgen.quiz.render import stem_display
from quizgen.results import MAX_NAME, append_result, clean_name, duration_text, load_settings
from quizgen.web.practice_store import PracticeStore, Run

bp = Blueprint("practice", __name__)
TOKEN = "practice_run"
MEMBER = "practice_member"


def store() -> PracticeStore:
    ext = current_app.extensions
    if "quizgen_practice" not in ext:
        ext["quizgen_practice"] = PracticeStore()
    return ext["quizgen_practice"]


def bank_dir():
    return current_app.config["BANK_DIR"]


def current_run() -> Run | None:
    return store().get(session.get(TOKEN))


def finish(run: Run) -> None:
    """Put a run that has ended into the results, once."""
    if run.practice.finished and not run.recorded:
        append_result(bank_dir(), run.practice.record())
        run.recorded = True


def _member() -> str:
    try:
        return clean_name(session.get(MEMBER, ""))
    except InputError:
        return ""


@bp.get("/practice")
def index():
    run = current_run()
    if run is not None and not run.practice.finished:
        return redirect(url_for("practice.question"))
    member = _member()
    in_book = len(member_book(bank_dir(), member)) if member else 0
    return render_template("practice.html", member=member, in_book=in_book, settings=load_settings(bank_dir()),
                           max_name=MAX_NAME)


@bp.post("/practice/start")
def start():
    wrong = request.form.get("mode") == "wrong"
    settings = load_settings(bank_dir())
    name = request.form.get("name", "") or session.get(MEMBER, "")
    try:
        practice = start_practice(bank_dir(), name, count=None if wrong else settings.count, wrong=wrong,
                                  session=settings.session)
    except InputError as exc:
        flash(exc.message, "error")
        return redirect(url_for("practice.index"))
    store().drop(session.get(TOKEN))
    session[TOKEN] = store().add(practice)
    session[MEMBER] = practice.name
    for note in practice.notes:
        flash(note, "info")
    return redirect(url_for("practice.question"))


def _no_run():
    flash("请先输入姓名开始练习（练习超过 4 小时未作答会自动结束）", "error")
    return redirect(url_for("practice.index"))


def with_run(view):
    """The view for a member with a run under way: it is called with that run, and without one
    the member is sent back to the name page."""
    @functools.wraps(view)
    def wrapped():
        run = current_run()
        return _no_run() if run is None else view(run)

    return wrapped


def _question_page(p, q, error: str = ""):
    return render_template("practice_question.html", p=p, q=q, kind=type_name(q), stem=stem_display(q),
                           options=option_letters(q), blanks=blank_count(q), error=error)


@bp.get("/practice/q")
@with_run
def question(run: Run):
    p = run.practice
    q = p.current
    if q is None:
        return redirect(url_for("practice.done"))
    return _question_page(p, q)


@bp.post("/practice/answer")
@with_run
def answer(run: Run):
    with run.lock:
        p = run.practice
        q = p.current
        if q is None or request.form.get("qid") != q.id:
            flash("这道题已经答过了，请继续下一题", "info")
            return redirect(url_for("practice.question"))
        try:
            p.answer(q.id, request.form.getlist("answer"), skip=bool(request.form.get("skip")))
        except AnswerFormatError as exc:
            return _question_page(p, q, str(exc)), 400
        finish(run)
    return redirect(url_for("practice.feedback"))


@bp.get("/practice/feedback")
@with_run
def feedback(run: Run):
    p = run.practice
    if not p.steps:
        return redirect(url_for("practice.question"))
    step = p.steps[-1]
    q = step.question
    return render_template("practice_feedback.html", p=p, q=q, fb=step.feedback, kind=type_name(q),
                           stem=stem_display(q), options=option_letters(q), number=len(p.steps))


@bp.post("/practice/stop")
@with_run
def stop(run: Run):
    with run.lock:
        run.practice.stop()
        finish(run)
    return redirect(url_for("practice.done"))


@bp.get("/practice/done")
@with_run
def done(run: Run):
    p = run.practice
    if not p.finished:
        return redirect(url_for("practice.question"))
    rec = p.record()
    wrong = [s for s in p.steps if not s.grade.correct]
    return render_template("practice_done.html", p=p, rec=rec, wrong=wrong, took=duration_text(rec.seconds),
                           stem_display=stem_display, option_letters=option_letters, type_name=type_name,
                           in_book=len(p.book))


@bp.get("/practice/wrong")
def wrong_book():
    member = _member()
    if not member:
        flash("请先输入姓名：错题本按姓名记录", "error")
        return redirect(url_for("practice.index"))
    book = member_book(bank_dir(), member)
    entries = sorted(book.entries.values(), key=lambda e: (-e.wrong, e.last_wrong))
    return render_template("practice_wrong.html", member=member, entries=entries)
