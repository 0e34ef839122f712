"""练习 routes without a browser: a page sent twice answers once, a run is found only through the
session cookie, a finished run is recorded once, and the server forgets idle runs."""

from __future__ import annotations

import re

from quizgen.results import load_results
from quizgen.web import create_app
from quizgen.web.practice_store import IDLE_LIMIT, PracticeStore


def client(bank):
    app = create_app(bank, testing=True)
    app.config["WTF_CSRF_ENABLED"] = False  # the CSRF check itself is tested in the browser tests
    return app.test_client()


def qid_on(c) -> str:
    page = c.get("/practice/q").get_data(as_text=True)
    return re.search(r'name="qid" value="([^"]+)"', page).group(1)


def test_an_answer_sent_twice_counts_once_and_the_run_is_recorded_once(web_bank):
    c = client(web_bank)
    assert c.post("/practice/start", data={"name": "张三"}).headers["Location"].endswith("/practice/q")
    first = qid_on(c)
    assert c.post("/practice/answer", data={"qid": first, "skip": "1"}).status_code == 302
    again = c.post("/practice/answer", data={"qid": first, "skip": "1"}, follow_redirects=True)
    assert "这道题已经答过了" in again.get_data(as_text=True)
    assert qid_on(c) != first
    c.post("/practice/stop")
    c.post("/practice/stop")
    assert "答对 0/1 题" in c.get("/practice/done").get_data(as_text=True)
    (rec,) = load_results(web_bank).records
    assert (rec.name, rec.answered, rec.wrong) == ("张三", 1, [first])


def test_an_empty_answer_is_asked_again_and_not_counted(web_bank):
    c = client(web_bank)
    c.post("/practice/start", data={"name": "张三"})
    qid = qid_on(c)
    resp = c.post("/practice/answer", data={"qid": qid})
    assert resp.status_code == 400 and "不会可点“跳过”" in resp.get_data(as_text=True)
    assert qid_on(c) == qid


def test_without_the_session_cookie_there_is_no_run(web_bank):
    c = client(web_bank)
    c.post("/practice/start", data={"name": "张三"})
    other = client(web_bank)
    resp = other.get("/practice/q")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/practice")
    assert "张三" not in other.get("/practice").get_data(as_text=True)


def test_no_name_or_an_empty_wrong_book_says_so(web_bank):
    c = client(web_bank)
    page = c.post("/practice/start", data={"name": " \x00 "}, follow_redirects=True).get_data(as_text=True)
    assert "请输入姓名" in page
    page = c.post("/practice/start", data={"name": "新人", "mode": "wrong"}, follow_redirects=True)
    assert "你的错题本是空的" in page.get_data(as_text=True)


def test_idle_runs_are_forgotten():
    now = [0.0]
    store = PracticeStore(clock=lambda: now[0])
    old = store.add(object())
    now[0] = IDLE_LIMIT / 2
    fresh = store.add(object())
    now[0] = IDLE_LIMIT + 1
    assert store.get(old) is None and store.get(fresh) is not None
    assert store.get(None) is None and store.get("guess") is None
