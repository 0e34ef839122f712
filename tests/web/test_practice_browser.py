"""练习 and 结果 in a real browser: a member practises on a 390×844 phone, answering some right and
some wrong, sees the verdicts with their 出处 and the score, then their wrong-answer book; the
organiser names the 场次, sees the run in the results table and downloads the xlsx, read back
with openpyxl. Names are shown as typed (escaped) and stay text in the sheet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

LETTERS = "ABCDEFGH"
PASSWORD = "组织者-pw"


@pytest.fixture
def small_bank(web_bank) -> tuple[Path, dict[str, dict]]:
    """The web fixture bank cut to one question of each type (the judge has <script> in its stem)."""
    path = web_bank / "seed_article.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    keep, seen = [], set()
    for q in data["questions"]:
        if q["type"] not in seen:
            seen.add(q["type"])
            keep.append(q)
    assert seen == {"fill", "single", "multi", "judge"}
    data["questions"] = keep
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return web_bank, {q["id"]: q for q in keep}


def answer(page, q: dict, right: bool) -> None:
    """Answer the question on screen through the page's own controls."""
    if q["type"] in ("single", "multi"):
        opts = q["options"]
        letters = [LETTERS[opts.index(a)] for a in q["answer"]] if right else \
            [next(LETTERS[i] for i, o in enumerate(opts) if o not in q["answer"])]
        for letter in letters:
            page.locator(f"label.choice:has(input[value={letter}])").click()
        page.click("#submit")
    elif q["type"] == "judge":
        truth = q["answer"][0] if right else ("错" if q["answer"][0] == "对" else "对")
        page.click(f".judge button[value={truth}]")
    else:
        inputs = page.locator("input[name=answer]")
        assert inputs.count() == len(q["answer"])
        for i, text in enumerate(q["answer"]):
            inputs.nth(i).fill(text if right else "不对")
        page.click("#submit")


def practise(page, base: str, name: str, questions: dict[str, dict], pattern: list[bool], shots: str = "") -> list[str]:
    """Start a run as ``name`` and answer right/wrong by ``pattern``; returns the ids asked."""
    page.goto(base + "/practice")
    page.fill("#name", name)
    if shots:
        page.screenshot(path=f"/tmp/shots_practice/{shots}-start.png", full_page=True)
    page.click("#start-form button[type=submit]")
    asked = []
    for i, right in enumerate(pattern):
        qid = page.locator("input[name=qid]").input_value()
        q = questions[qid]
        asked.append(qid)
        if shots:
            page.screenshot(path=f"/tmp/shots_practice/{shots}-q{i + 1}-{q['type']}.png", full_page=True)
        answer(page, q, right)
        verdict = page.locator("#verdict")
        assert ("回答正确" if right else "回答错误") in verdict.inner_text()
        source = verdict.locator(".source")
        assert q["source"]["sentence"] in source.inner_text() and "出处：《" in source.inner_text()
        if not right:
            assert page.locator("#right-answer").inner_text()
        if shots:
            page.screenshot(path=f"/tmp/shots_practice/{shots}-a{i + 1}-{'ok' if right else 'bad'}.png",
                            full_page=True)
        page.click("#next")
    return asked


def login(page, base: str, path: str) -> None:
    page.goto(base + path)
    assert "/login" in page.url
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card button[type=submit]")
    assert page.url.endswith(path) or path in page.url


def download_sheet(page):
    with page.expect_download() as info:
        page.click("#download")
    dl = info.value
    assert dl.suggested_filename.endswith(".xlsx")
    return load_workbook(io.BytesIO(Path(dl.path()).read_bytes())).active


def test_member_practises_on_a_phone_and_the_organiser_sees_and_downloads_it(small_bank, web_server, page,
                                                                             phone_page):
    bank, questions = small_bank
    base = web_server(bank, password=PASSWORD)
    login(page, base, "/results")
    assert "还没有练习成绩" in page.inner_text("main")
    page.fill("#settings-form input[name=session]", "十二月主题党日")
    page.fill("#settings-form input[name=count]", "4")
    page.click("#settings-form button[type=submit]")
    assert "十二月主题党日" in page.inner_text(".flash")

    phone = phone_page
    name = "<b>x</b>"
    asked = practise(phone, base, name, questions, [True, False, True, False], shots="phone")
    assert sorted(asked) == sorted(questions)
    assert "/practice/done" in phone.url
    assert "答对 2/4 题" in phone.inner_text("#score-detail")
    assert phone.locator(".score-card b").count() == 0 and name in phone.inner_text(".score-card")
    assert phone.locator(".wrong-item").count() == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.screenshot(path="/tmp/shots_practice/phone-done.png", full_page=True)

    phone.click("#book-link")
    assert phone.locator("#book > li").count() == 2
    phone.screenshot(path="/tmp/shots_practice/phone-wrong-book.png", full_page=True)
    phone.click("#practise-wrong")
    wrong_ids = {asked[1], asked[3]}
    seen = set()
    for _ in range(2):
        qid = phone.locator("input[name=qid]").input_value()
        seen.add(qid)
        answer(phone, questions[qid], True)
        assert "回答正确" in phone.inner_text("#verdict")
        phone.click("#next")
    assert seen == wrong_ids and "/practice/done" in phone.url
    assert phone.dialogs == []  # the <script> stem never ran

    page.goto(base + "/results")
    assert page.locator("#session-form select").input_value() == "十二月主题党日"
    table = page.locator("#results")
    rows = table.locator("tbody tr")
    assert rows.count() == 2  # the practice and the review of its wrong answers
    practice_row = rows.filter(has_text="2/4")
    assert practice_row.locator("td.name").inner_text() == name
    assert practice_row.locator("td.score").inner_text() == str(round(100 * points_right(questions, asked) /
                                                                       points_all(questions)))
    assert table.locator("td.name b").count() == 0
    page.screenshot(path="/tmp/shots_practice/desktop-results.png", full_page=True)
    ws = download_sheet(page)
    sheet = list(ws.iter_rows(values_only=True))
    assert sheet[0][:3] == ("场次", "姓名", "得分")
    (run,) = [r for r in sheet[1:] if r[4] == 4]  # 题数 4: the practice, not the review of 2
    assert run[:2] == ("十二月主题党日", name) and run[3] == 2
    assert run[2] == int(practice_row.locator("td.score").inner_text())
    assert run[-1].count("\n") == 1  # two wrong questions named


def points_all(questions) -> int:
    return sum(points(q) for q in questions.values())


def points_right(questions, asked) -> int:
    return sum(points(questions[qid]) for qid in asked[0::2])


def points(q: dict) -> int:
    return {"fill": 2 * len(q["answer"]), "single": 2, "multi": 3, "judge": 1}[q["type"]]


def test_a_name_starting_with_equals_stays_text_in_the_sheet(small_bank, web_server, page, phone_page):
    bank, questions = small_bank
    base = web_server(bank)  # on 127.0.0.1 without a password: the organiser needs no login
    practise(phone_page, base, "=HYPERLINK(\"http://x\",\"点我\")", questions, [False])
    phone_page.click("form.stop button")
    assert "答对 0/1 题" in phone_page.inner_text("#score-detail")
    page.goto(base + "/results")
    ws = download_sheet(page)
    assert ws["B2"].value == "=HYPERLINK(\"http://x\",\"点我\")" and ws["B2"].data_type == "s"


def test_results_need_the_password_but_practice_does_not(small_bank, web_server, page):
    bank, _ = small_bank
    base = web_server(bank, password=PASSWORD)
    page.goto(base + "/results")
    assert "/login" in page.url
    resp = page.request.get(base + "/results.xlsx", max_redirects=0)
    assert resp.status == 302 and "/login" in resp.headers["location"]
    page.goto(base + "/practice")
    assert page.locator("#start-form").count() == 1
    page.click("#start-form button[type=submit]")  # no name: the browser asks for one
    assert "/practice/q" not in page.url
    forged = page.request.post(base + "/practice/start", form={"name": "张三"})
    assert forged.status == 400 and "CSRF" in forged.text()
