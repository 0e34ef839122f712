"""Screenshots of every page of ``quizgen serve`` at desktop (1280×800) and phone (390×844) size,
for looking at the pages and for the README.

    python tools/web_screenshots.py OUT_DIR [--bank BANK]

Serves a copy of BANK (default: the test bank, tests/web/fixtures/bank) on a free port with
Debian's Chromium (run tools/install_test_browser.sh first) and writes OUT_DIR/<page>-desktop.png
and OUT_DIR/<page>-phone.png. The bank itself is not changed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "web"))

from conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

PAGES = {"library": "/", "review": "/review", "paper": "/paper", "practice": "/practice",
         "results": "/results", "login": "/login"}


def main() -> None:
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from quizgen.web import create_app

    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--bank", type=Path, default=ROOT / "tests" / "web" / "fixtures" / "bank")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "bank"
        shutil.copytree(args.bank, bank)
        app = create_app(bank)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--lang=zh-CN"])
                for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                    page = browser.new_page(viewport=viewport, locale="zh-CN")
                    for name, path in PAGES.items():
                        if name not in app.config["PAGES"] and name != "login":
                            continue
                        page.goto(base + path)
                        if name == "paper":
                            page.fill("input[name=count]", "6")
                            page.click("button[value=preview]")
                            page.locator("#preview").wait_for()
                        page.screenshot(path=str(args.out / f"{name}-{size}.png"))
                        print(args.out / f"{name}-{size}.png")
                    page.close()
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
