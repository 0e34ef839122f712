"""Running the web app for ``quizgen serve``: the organiser password, the rule that serving
beyond this machine needs one, the waitress server, opening the browser and a clean stop."""

from __future__ import annotations

import os
import sys
import threading
import webbrowser
from pathlib import Path

from quizgen.errors import InputError

PASSWORD_ENV = "QUIZGEN_PASSWORD"


def read_password(password_file: str | None) -> str | None:
    """The organiser password: the first line of ``password_file``, else $QUIZGEN_PASSWORD."""
    if password_file:
        try:
            text = Path(password_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "不是 UTF-8 文本"
            raise InputError(f"无法读取密码文件（{reason}）", path=password_file) from exc
        lines = text.splitlines()
        password = lines[0].strip() if lines else ""
        if not password:
            raise InputError("密码文件的第一行是空的", path=password_file, line=1)
        return password
    return os.environ.get(PASSWORD_ENV) or None


def serve(*, bank: str, host: str, port: int, password_file: str | None, no_browser: bool) -> None:
    """Serve the bank until Ctrl-C."""
    from waitress.server import create_server

    from quizgen.web import create_app, needs_password

    password = read_password(password_file)
    if needs_password(host) and not password:
        raise InputError(f"在 {host} 上提供服务（本机以外也能访问）必须设组织者密码："
                         f"请用 --password-file 文件 或环境变量 {PASSWORD_ENV}")
    if not 0 < port < 65536:
        raise InputError(f"--port {port}：端口必须在 1 到 65535 之间")
    app = create_app(Path(bank), password=password)
    try:
        server = create_server(app, host=host, port=port, threads=4, ident="quizgen")
    except OSError as exc:
        raise InputError(f"无法在 {host}:{port} 上提供服务（{exc.strerror or exc}）；端口被占用时请换一个 --port") from exc
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown_host}:{port}/"
    print(f"quizgen 网页已启动：{url}（题库 {bank}；按 Ctrl-C 停止）", file=sys.stderr, flush=True)
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run()  # returns on Ctrl-C (waitress takes the KeyboardInterrupt)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        jobs = app.extensions.get("quizgen_jobs")
        if jobs is not None:
            jobs.shutdown()  # an extraction under way finishes (its bank write is all or nothing)
    print("quizgen 网页已停止", file=sys.stderr)
