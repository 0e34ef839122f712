"""题库 page in a real browser: the bank's documents with counts, an upload extracted in the
background and watched until it finishes, a document's title set and read back from its file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from quizgen.bank import load_bank

EXCERPT = Path(__file__).parent / "fixtures" / "gov_report_excerpt.txt"


def test_upload_is_extracted_and_counted(tmp_path, web_server, page):
    bank = tmp_path / "bank"
    base = web_server(bank)
    page.goto(base + "/")
    assert "题库中还没有文档" in page.inner_text("main")
    page.set_input_files("input[name=document]", str(EXCERPT))
    page.click("#upload-form button[type=submit]")
    job = page.locator(".job").first
    job.locator(".progress", has_text="完成").wait_for()
    page.locator("#documents tr[data-doc=gov_report_excerpt]").wait_for()
    row = page.locator("#documents tr[data-doc=gov_report_excerpt]").inner_text()
    n = len(load_bank(bank).files[0].questions)
    assert n > 10
    assert re.search(rf"\b{n}\s*$", row.strip())  # 合计 column: every question of the file
    assert "道题" in page.locator(".job .lines").first.inner_text()
    assert ".uploads" not in page.inner_text("main")  # the upload folder is not shown


def test_title_is_set_in_the_bank_file(web_bank, web_server, page):
    base = web_server(web_bank)
    page.goto(base + "/")
    form = page.locator("tr[data-doc=seed_article] form.title-form")
    form.locator("input[name=title]").fill("党建与科技创新 <b>融合</b>")
    form.locator("button").click()
    assert "标题已改为" in page.inner_text(".flash")
    text = (web_bank / "seed_article.yaml").read_text(encoding="utf-8")
    assert text.startswith("# quizgen 题库")  # only the title line changed: the comments stay
    data = yaml.safe_load(text)
    assert data["title"] == "党建与科技创新 <b>融合</b>"
    assert len(data["questions"]) == 40
    assert page.locator("tr[data-doc=seed_article] input[name=title]").input_value() == "党建与科技创新 <b>融合</b>"
