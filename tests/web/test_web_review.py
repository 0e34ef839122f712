"""审题 page in a real browser: accept, reject and edit (by keyboard and by the form), each
decision read back from the bank's YAML file; a stale edit from a second page refused with a
message while the first stays; HTML in a stem shown as text."""

from __future__ import annotations

import yaml


def stored(bank, qid: str) -> dict:
    data = yaml.safe_load((bank / "seed_article.yaml").read_text(encoding="utf-8"))
    return next(q for q in data["questions"] if q["id"] == qid)


def card(page, qid: str):
    return page.locator(f"article[data-id='{qid}']")


def test_accept_reject_edit_are_written_to_the_yaml(web_bank, web_server, page):
    base = web_server(web_bank)
    page.goto(base + "/review")
    cards = page.locator("article.question")
    first, second, third = (cards.nth(i).get_attribute("data-id") for i in range(3))
    assert "current" in cards.nth(0).get_attribute("class")
    page.keyboard.press("j")
    assert "current" in card(page, second).get_attribute("class")
    page.keyboard.press("a")  # accept the second question
    page.wait_for_url("**advance=1**")
    assert "已接受" in page.inner_text(".flash")
    assert stored(web_bank, second)["status"] == "reviewed"
    assert "current" in card(page, third).get_attribute("class")  # on to the next one
    page.keyboard.press("r")
    page.locator(".flash", has_text="已拒绝").wait_for()
    assert stored(web_bank, third)["status"] == "rejected"
    assert stored(web_bank, first)["status"] == "new"

    # edit a fill's accepted alternatives with the e shortcut
    qid = "seed_article-fill-d3a2fcc457"
    page.goto(base + f"/review?focus={qid}")
    page.keyboard.press("e")
    form = card(page, qid).locator("form.edit-form")
    assert form.is_visible()
    form.locator("input[name=accept]").fill("创新价值能力贡献")
    form.locator("button[type=submit]").click()
    page.locator(".flash", has_text="已修改").wait_for()
    assert stored(web_bank, qid)["accept"] == [["创新价值能力贡献"]]
    assert stored(web_bank, qid)["stem"].startswith("各级党组织注重构建")  # the rest as it was

    # edit a single choice's stem and options through the form
    qid = "seed_article-single-21f3c0b8dd"
    page.goto(base + "/review?type=single")
    c = card(page, qid)
    old = stored(web_bank, qid)
    c.locator("summary").click()
    c.locator("textarea[name=stem]").fill("（审）" + old["stem"])
    options = c.locator("input[name=options]").input_value().split(" | ")
    wrong = next(o for o in options if o not in old["answer"])
    c.locator("input[name=options]").fill(" | ".join(o + "等" if o == wrong else o for o in options))
    c.locator("form.edit-form button[type=submit]").click()
    page.locator(".flash", has_text="已修改").wait_for()
    now = stored(web_bank, qid)
    assert now["stem"] == "（审）" + old["stem"]
    assert wrong + "等" in now["options"] and now["answer"] == old["answer"]
    assert "（审）" in card(page, qid).locator(".stem").inner_text()


def test_an_edit_that_breaks_the_rules_is_refused(web_bank, web_server, page):
    base = web_server(web_bank)
    qid = "seed_article-fill-dec0e36695"
    before = (web_bank / "seed_article.yaml").read_bytes()
    page.goto(base + f"/review?focus={qid}")
    c = card(page, qid)
    c.locator("summary").click()
    c.locator("input[name=answer]").fill("不在原句里的话")
    c.locator("form.edit-form button[type=submit]").click()
    msg = page.locator(".flash.error").inner_text()
    assert "没有保存" in msg and "不在原句中" in msg
    assert (web_bank / "seed_article.yaml").read_bytes() == before


def test_second_of_two_edits_from_two_pages_is_refused(web_bank, web_server, browser):
    base = web_server(web_bank)
    qid = "seed_article-judge-ac444fd6a5"
    pages = []
    for _ in range(2):
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        p = ctx.new_page()
        p.goto(base + "/review?type=judge")
        card(p, qid).locator("summary").click()
        pages.append((ctx, p))
    (_, one), (_, two) = pages
    old = stored(web_bank, qid)["stem"]
    card(one, qid).locator("textarea[name=stem]").fill("第一页：" + old)
    card(one, qid).locator("form.edit-form button[type=submit]").click()
    one.locator(".flash", has_text="已修改").wait_for()
    card(two, qid).locator("textarea[name=stem]").fill("第二页：" + old)
    card(two, qid).locator("form.edit-form button[type=submit]").click()
    msg = two.locator(".flash.error").inner_text()
    assert "已被修改" in msg and "没有保存" in msg
    assert stored(web_bank, qid)["stem"] == "第一页：" + old
    assert "第一页：" in card(two, qid).locator(".stem").inner_text()  # the reload shows the first edit
    for ctx, _ in pages:
        ctx.close()


def test_html_in_a_stem_is_shown_as_text(web_bank, web_server, page):
    base = web_server(web_bank)
    page.goto(base + "/review")
    stem = card(page, "seed_article-judge-html").locator(".stem")
    assert stem.inner_text().startswith("<script>alert(1)</script>")
    assert stem.locator("script").count() == 0
    page.goto(base + "/paper")
    page.click("button[value=preview]")
    assert "<script>alert(1)</script>" in page.locator("#preview").inner_text()
    assert page.dialogs == []
