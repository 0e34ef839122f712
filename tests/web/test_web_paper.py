"""组卷 page in a real browser: preview a paper, download it as DOCX and PDF and read them back
(python-docx / pypdf text holds the previewed stems), download an export."""

from __future__ import annotations

import json
import re

import docx
import pypdf


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def previewed_stems(page) -> list[str]:
    """The text runs of the previewed stems (blanks and brackets cut them)."""
    stems = page.locator("#preview .stem").all_inner_texts()
    return [max(re.split(r"[\u3000（）]+", s), key=len) for s in stems]


def test_preview_then_docx_and_pdf_hold_the_same_questions(web_bank, web_server, page, tmp_path):
    base = web_server(web_bank)
    page.goto(base + "/paper")
    page.fill("input[name=title]", "网页组卷测试")
    page.fill("input[name=count]", "8")
    page.uncheck("input[name=types][value=multi]")
    page.click("button[value=preview]")
    assert page.locator("#preview h2").inner_text() == "网页组卷测试"
    assert "满分100分" in page.inner_text("#preview")
    headings = page.locator("#preview h3").all_inner_texts()
    assert [h[:5] for h in headings] == ["一、填空题", "二、单项选", "三、判断题"]
    stems = previewed_stems(page)
    assert len(stems) == 8

    with page.expect_download() as dl:
        page.click("button[value=docx]")
    path = tmp_path / "paper.docx"
    dl.value.save_as(path)
    assert dl.value.suggested_filename == "网页组卷测试.docx"
    text = squeeze("\n".join(p.text for p in docx.Document(str(path)).paragraphs))
    assert all(squeeze(s) in text for s in stems)

    with page.expect_download() as dl:
        page.click("button[value=pdf]")
    path = tmp_path / "paper.pdf"
    dl.value.save_as(path)
    text = squeeze("".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages))
    assert all(squeeze(s)[:12] in text for s in stems)
    history = json.loads((web_bank / ".papers.json").read_text(encoding="utf-8"))
    assert len(history["papers"]) == 1  # the PDF is the recorded paper printed again

    page.select_option("select[name=format]", "json")
    with page.expect_download() as dl:
        page.click("button[value=export]")
    path = tmp_path / "export.json"
    dl.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert len(exported) == 8 and {q["type"] for q in exported} <= {"fill", "single", "judge"}


def test_bad_form_input_is_a_message(web_bank, web_server, page):
    base = web_server(web_bank)
    page.goto(base + "/paper")
    page.fill("input[name=count]", "500")
    page.click("button[value=pdf]")
    assert "符合条件的题只有" in page.inner_text("#error-message")
