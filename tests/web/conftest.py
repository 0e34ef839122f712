"""Fixtures of the web tests: a served app on a free port, and Playwright pages in Debian's
Chromium (desktop 1280×800 and phone 390×844).

``web_server(bank_dir, password=None)`` starts ``quizgen.web.create_app`` in a thread and gives
its base URL (``http://127.0.0.1:PORT``); every server started is stopped after the test.
Without /usr/bin/chromium the browser tests fail, saying to run tools/install_test_browser.sh.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WEB_FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def web_server():
    """A factory: ``web_server(bank_dir, password=None, **create_app_options) -> base URL``."""
    from werkzeug.serving import make_server

    from quizgen.web import create_app

    running = []

    def start(bank_dir, password: str | None = None, **options) -> str:
        app = create_app(Path(bank_dir), password=password, testing=True, **options)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        running.append((server, thread, app))
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server, thread, app in running:
        server.shutdown()
        thread.join()
        jobs = app.extensions.get("quizgen_jobs")
        if jobs is not None:
            jobs.shutdown()


@pytest.fixture
def web_bank(tmp_path) -> Path:
    """A copy of the small hand-written bank of tests/web/fixtures/bank (four types, one
    question with HTML in its stem), with the document's text beside it."""
    bank = tmp_path / "bank"
    shutil.copytree(WEB_FIXTURES / "bank", bank)
    return bank


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"没有 {CHROMIUM}：网页测试要用 Debian 的 Chromium；请先运行 sh tools/install_test_browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # what alert()/confirm() fired: an escaping test asserts it stays empty
    return context, page


@pytest.fixture
def page(browser):
    """A desktop page (1280×800); ``page.dialogs`` lists every dialog that fired."""
    context, p = _page(browser, DESKTOP)
    yield p
    context.close()


@pytest.fixture
def phone_page(browser):
    """A phone page (390×844); ``phone_page.dialogs`` lists every dialog that fired."""
    context, p = _page(browser, PHONE)
    yield p
    context.close()
