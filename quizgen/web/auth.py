"""Organiser login: ``/login`` and ``/logout``, and ``organiser_required`` for organiser pages.

A password is needed only when the app was given one (``quizgen serve`` insists on one when it
serves beyond this machine). The password is posted in a form (never in a URL), compared in
constant time, and a correct one marks the signed session cookie as an organiser's.
"""

from __future__ import annotations

import functools
import hmac
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

bp = Blueprint("auth", __name__)


def password_set() -> bool:
    return bool(current_app.config.get("ORGANISER_PASSWORD"))


def is_organiser() -> bool:
    return not password_set() or session.get("organiser") is True


def check_password(given: str) -> bool:
    want = current_app.config.get("ORGANISER_PASSWORD") or ""
    return hmac.compare_digest(given.encode("utf-8"), want.encode("utf-8"))


def organiser_required(view):
    """The view for organisers only: without a login (when a password is set) it sends to /login."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not is_organiser():
            if request.method != "GET" or request.path.startswith("/api/"):
                return render_template("error.html", message="需要组织者密码：请先登录"), 403
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never another host) is followed after login."""
    if not target or not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return url_for("library.index") if "library" in current_app.config["PAGES"] else "/"
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = ""
    if request.method == "POST":
        if password_set() and check_password(request.form.get("password", "")):
            # the cookie is signed, not a server-side id, so there is nothing to fixate: keep a
            # member's practice run that is open in the same browser
            session["organiser"] = True
            session.permanent = True
            return redirect(_safe_next(request.form.get("next")))
        error = "密码不对" if password_set() else "本服务没有设密码，无需登录"
    return render_template("login.html", error=error, next=request.values.get("next", ""),
                           needs=password_set()), (401 if error else 200)


@bp.route("/logout", methods=["POST"])
def logout():
    session.pop("organiser", None)
    return redirect(url_for("auth.login"))
