"""The web application behind ``quizgen serve``: one Flask app over one bank folder.

Owns building the app: its configuration (bank folder, organiser password, upload limit), the
signed-session secret kept in the bank folder, CSRF protection on every form, the error pages
(a QuizgenError is a Chinese message, never a traceback) and registering the pages. Each page
is a blueprint module listed in ``BLUEPRINTS`` exposing ``bp``; a module that is not there is
left out, so a part of the site can be built on its own. Routes stay thin: they parse the
request, call the library and render a template.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import secrets
from pathlib import Path

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect

from quizgen.errors import InputError, QuizgenError

BLUEPRINTS = ("library", "review", "paper", "practice", "results")
"""Page modules of ``quizgen.web``, in nav order; each exposes ``bp``."""
SECRET_FILE = ".quizgen-web-secret"
DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def needs_password(host: str) -> bool:
    """Serving beyond this machine (any host but 127.0.0.1/localhost/::1) needs a password."""
    return host.strip("[]").lower() not in LOCAL_HOSTS


def session_secret(bank_dir: Path) -> bytes:
    """The key signing session cookies, kept in the bank folder (mode 0600) so a login survives
    a restart; made on first use."""
    path = Path(bank_dir) / SECRET_FILE
    try:
        data = path.read_bytes().strip()
        if len(data) >= 32:
            return data
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise InputError(f"无法读取网页密钥文件（{exc.strerror or exc}）", path=str(path)) from exc
    key = secrets.token_hex(32).encode("ascii")
    tmp = path.with_name(f".{SECRET_FILE}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key + b"\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"无法写入网页密钥文件（{exc.strerror or exc}）", path=str(path)) from exc
    return key


def create_app(bank_dir: Path, *, password: str | None = None, upload_limit: int = DEFAULT_UPLOAD_LIMIT,
               testing: bool = False) -> Flask:
    """The app serving the bank in ``bank_dir``; organiser pages need ``password`` when it is set."""
    bank_dir = Path(bank_dir)
    if not bank_dir.is_dir():
        try:
            bank_dir.mkdir(parents=True)
        except OSError as exc:
            raise InputError(f"无法建立题库文件夹（{exc.strerror or exc}）", path=str(bank_dir)) from exc
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=session_secret(bank_dir),
        BANK_DIR=bank_dir,
        ORGANISER_PASSWORD=password or None,
        MAX_CONTENT_LENGTH=upload_limit,
        UPLOAD_LIMIT=upload_limit,
        TESTING=testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # a page left open all afternoon still saves
    )
    CSRFProtect(app)
    pages = []
    for name in BLUEPRINTS:
        module = f"{__name__}.{name}"
        if importlib.util.find_spec(module) is None:
            continue
        bp = importlib.import_module(module).bp
        app.register_blueprint(bp)
        pages.append(bp.name)
    from quizgen.web import auth

    app.register_blueprint(auth.bp)
    app.config["PAGES"] = pages
    _error_pages(app)

    @app.context_processor
    def nav():
        return {"nav_pages": pages, "organiser": auth.is_organiser()}

    return app


def _error_pages(app: Flask) -> None:
    def page(message: str, status: int):
        return render_template("error.html", message=message), status

    @app.errorhandler(QuizgenError)
    def quizgen_error(exc: QuizgenError):
        return page(str(exc), 400 if isinstance(exc, InputError) else 500)

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return page("表单已失效或不是从本站页面提交的（缺少或不对的 CSRF 令牌）；请刷新页面后再提交", 400)

    @app.errorhandler(413)
    def too_large(exc):
        limit = app.config["UPLOAD_LIMIT"] / 2**20
        return page(f"上传的文件太大：最大 {limit:g} MB", 413)

    @app.errorhandler(404)
    def not_found(exc):
        return page("没有这个页面", 404)

    @app.errorhandler(500)
    def server_error(exc):
        return page("服务器内部错误；这是程序缺陷，请报告（终端里有详细信息）", 500)
