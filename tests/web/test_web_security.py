"""Security of ``quizgen serve``: the organiser password (and that serving beyond this machine
needs one), CSRF tokens, upload names and sizes, the session secret, a clean start and stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quizgen.web import SECRET_FILE, session_secret

ROOT = Path(__file__).resolve().parents[2]


def token(page) -> str:
    return page.locator("input[name=csrf_token]").first.get_attribute("value")


def test_organiser_pages_need_the_password(web_bank, web_server, page):
    base = web_server(web_bank, password="党建2024")
    for path in ("/", "/review", "/paper"):
        page.goto(base + path)
        assert page.url.startswith(base + "/login"), path
        assert "组织者登录" in page.inner_text("h1")
        assert "增强动力" not in page.content()
    assert page.request.get(base + "/api/jobs/x").status == 403
    page.goto(base + "/review")
    page.fill("input[name=password]", "wrong")
    page.click("form button[type=submit]")
    assert "密码不对" in page.inner_text(".flash.error")
    page.fill("input[name=password]", "党建2024")
    page.click("form button[type=submit]")
    assert page.url.startswith(base + "/review")  # back where the organiser was going
    assert page.locator("article.question").count() > 0
    assert "党建2024" not in page.url


def test_a_member_sees_only_practice_in_the_menu(web_bank, web_server, page):
    base = web_server(web_bank, password="党建2024")
    page.goto(base + "/practice")
    menu = page.inner_text("header nav")
    assert "练习" in menu and "组织者登录" in menu
    assert not any(word in menu for word in ("题库", "审题", "组卷", "结果"))
    page.goto(base + "/login")
    page.fill("input[name=password]", "党建2024")
    page.click("form button[type=submit]")
    menu = page.inner_text("header nav")
    assert all(word in menu for word in ("题库", "审题", "组卷", "练习", "结果"))
    assert "组织者登录" not in menu


def test_serving_beyond_localhost_without_a_password_is_refused(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QUIZGEN_PASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    run = subprocess.run([sys.executable, "-m", "quizgen", "serve", "--host", "0.0.0.0", "--no-browser",
                          "--bank", str(tmp_path / "bank")], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert run.returncode == 2
    assert "必须设组织者密码" in run.stderr and "Traceback" not in run.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_starts_and_stops_cleanly_on_ctrl_c(web_bank, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QUIZGEN_PASSWORD="")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quizgen", "serve", "--port", str(port), "--no-browser",
                             "--bank", str(web_bank)], stderr=subprocess.PIPE, text=True, env=env,
                            # as from a terminal, even where this run inherited an ignored SIGINT
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        line = proc.stderr.readline()
        assert f"127.0.0.1:{port}" in line and "已启动" in line
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as resp:
            assert "seed_article" in resp.read().decode("utf-8")
        proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "已停止" in rest and "Traceback" not in rest


def test_a_post_without_its_csrf_token_is_refused(web_bank, web_server, page):
    base = web_server(web_bank)
    page.goto(base + "/review")
    version = page.locator("article.question input[name=version]").first.get_attribute("value")
    qid = page.locator("article.question").first.get_attribute("data-id")
    before = (web_bank / "seed_article.yaml").read_bytes()
    resp = page.request.post(f"{base}/review/{qid}", form={"action": "reject", "version": version})
    assert resp.status == 400
    assert "CSRF" in resp.text()
    resp = page.request.post(f"{base}/title", form={"doc": "seed_article", "title": "x", "csrf_token": "forged"})
    assert resp.status == 400
    assert (web_bank / "seed_article.yaml").read_bytes() == before
    resp = page.request.post(f"{base}/review/{qid}", form={"action": "reject", "version": version,
                                                            "csrf_token": token(page)})
    assert resp.ok  # the same request with the page's token is taken
    data = yaml.safe_load((web_bank / "seed_article.yaml").read_text(encoding="utf-8"))
    assert next(q for q in data["questions"] if q["id"] == qid)["status"] == "rejected"


def test_an_upload_named_with_a_path_is_refused(tmp_path, web_server, page):
    bank = tmp_path / "deep" / "bank"
    bank.mkdir(parents=True)
    base = web_server(bank)
    page.goto(base + "/")
    for name in ("../../x.txt", "/etc/x.txt", "sub/../../x.txt"):
        resp = page.request.post(base + "/upload", multipart={
            "csrf_token": token(page),
            "document": {"name": name, "mimeType": "text/plain", "buffer": "党的二十大报告提出。".encode()}})
        assert resp.status == 400, name
        assert "含有路径" in resp.text()
    resp = page.request.post(base + "/upload", multipart={
        "csrf_token": token(page), "document": {"name": "x.exe", "mimeType": "application/octet-stream",
                                                "buffer": b"MZ"}})
    assert resp.status == 400 and "只接受" in resp.text()
    assert not list(tmp_path.rglob("x.*"))


def test_an_upload_over_the_limit_is_refused(tmp_path, web_server, page):
    bank = tmp_path / "bank"
    base = web_server(bank, upload_limit=4096)
    page.goto(base + "/")
    resp = page.request.post(base + "/upload", multipart={
        "csrf_token": token(page),
        "document": {"name": "big.txt", "mimeType": "text/plain", "buffer": "党".encode() * 5000}})
    assert resp.status == 413
    assert "太大" in resp.text()
    assert not list(bank.glob("*.yaml"))


def test_the_session_secret_is_kept_private_and_survives_a_restart(tmp_path):
    first = session_secret(tmp_path)
    assert session_secret(tmp_path) == first and len(first) >= 32
    assert (tmp_path / SECRET_FILE).stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::"])
def test_hosts_beyond_this_machine_need_a_password(host):
    from quizgen.web import needs_password

    assert needs_password(host)
    assert not needs_password("127.0.0.1") and not needs_password("localhost") and not needs_password("::1")


def test_help_does_not_import_the_web_stack():
    code = ("import sys; from click.testing import CliRunner; from quizgen.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); s = CliRunner().invoke(main, ['serve', '--help']); "
            "print(r.exit_code, s.exit_code, 'serve' in r.output, 'flask' in sys.modules, 'waitress' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert run.stdout.split() == ["0", "0", "True", "False", "False"]


def test_a_port_in_use_is_a_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "quizgen", "serve", "--port", str(port), "--no-browser",
                              "--bank", str(tmp_path / "bank")], capture_output=True, text=True, timeout=60, check=False,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert run.returncode == 2
    assert "端口被占用" in run.stderr and "Traceback" not in run.stderr
