"""A member's practice through quizgen.practice: grading as the terminal quiz grades, the 出处,
the member's own wrong-answer book in the bank folder, and the result for the organiser."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from test_quiz_fixture import make_bank, questions

from quizgen.errors import InputError
from quizgen.practice import book_path, member_book, response_from_form, start_practice
from quizgen.quiz.answers import AnswerFormatError
from quizgen.results import append_result, load_results

Q = {q.id: q for q in questions()}


def right_values(q) -> list[str]:
    if q.type in ("single", "multi"):
        return ["ABCDEFGH"[q.options.index(a)] for a in q.answer]
    return list(q.answer)


def wrong_values(q) -> list[str]:
    if q.type in ("single", "multi"):
        return [next(L for i, L in enumerate("ABCDEFGH"[: len(q.options)]) if q.options[i] not in q.answer)]
    if q.type == "judge":
        return ["错" if q.answer == ["对"] else "对"]
    return ["不对"] * len(q.answer)


def test_a_run_takes_count_questions_and_grades_like_the_terminal_quiz(tmp_path):
    bank = make_bank(tmp_path / "qb")
    p = start_practice(bank, "  张三\n", count=5, seed=3)
    assert p.name == "张三" and len(p.questions) == 5 and len({q.id for q in p.questions}) == 5
    for i, q in enumerate(list(p.questions)):
        fb = p.answer(q.id, right_values(q) if i % 2 == 0 else wrong_values(q))
        assert fb.correct is (i % 2 == 0)
        assert fb.verdict == ("回答正确" if i % 2 == 0 else "回答错误")
    assert p.finished and p.right == 3
    rec = p.record()
    assert (rec.name, rec.right, rec.answered, rec.planned) == ("张三", 3, 5, 5)
    assert rec.wrong == [p.questions[1].id, p.questions[3].id]
    assert 0 < rec.points < rec.max_points and 0 < rec.score < 100


def test_fill_accepts_the_listed_alternative_and_an_enumeration_in_any_order():
    r = response_from_form(Q["f-year"], ["1921"])
    from quizgen.quiz.answers import grade

    assert grade(Q["f-year"], r).correct
    r = response_from_form(Q["f-enum"], ["共享", "开放", "绿色", "协调", "创新"])
    assert grade(Q["f-enum"], r).correct
    r = response_from_form(Q["f-enum"], ["创新", "协调", "", "开放", "共享"])
    g = grade(Q["f-enum"], r)
    assert not g.correct and g.blank_ok.count(False) == 1


@pytest.mark.parametrize("qid,values", [("s-power", []), ("m-support", [""]), ("j-true", ["也许"]),
                                        ("f-enum", ["", "", "", "", ""]), ("s-power", ["A", "B"])])
def test_an_empty_or_unreadable_answer_is_asked_again(qid, values):
    with pytest.raises(AnswerFormatError):
        response_from_form(Q[qid], values)


def test_feedback_names_the_document_title_section_and_sentence(tmp_path):
    qs = [Q["m-support"]]
    bank = make_bank(tmp_path / "qb", qs)
    path = bank / "seed_article.yaml"
    text = path.read_text(encoding="utf-8").replace("doc: seed_article\n", "doc: seed_article\ntitle: 二十大报告学习\n", 1)
    path.write_text(text, encoding="utf-8")
    p = start_practice(bank, "李四", count=1)
    fb = p.answer("m-support", ["A", "C"])
    assert not fb.correct and fb.answer.startswith("A、B、D")
    assert fb.details == ["选对 A", "漏选 BD", "错选 C"]
    assert fb.source.title == "二十大报告学习"
    assert fb.source.sentence == Q["m-support"].source.sentence
    assert [t for marked, t in fb.source.parts if marked] == ["教育", "科技", "人才"]
    assert fb.book_note == "已记入错题本"


def test_wrong_answers_go_into_the_members_own_book_under_the_bank_folder(tmp_path):
    bank = make_bank(tmp_path / "qb")
    name = "../../etc/王五"
    p = start_practice(bank, name, count=7, seed=1)
    for q in list(p.questions):
        p.answer(q.id, wrong_values(q) if q.id == "j-false" else right_values(q))
    path = book_path(bank, name)
    assert path.parent == bank / ".quizgen-books" and "王五" not in path.name and "/" not in path.name[:-1]
    assert set(json.loads(path.read_text(encoding="utf-8"))["questions"]) == {"j-false"}
    assert len(member_book(bank, "赵六")) == 0  # another member's book is their own
    assert not list(bank.glob("*wrong*"))
    # the wrong-answer run asks only that question; answered right twice it leaves the book
    for _ in range(2):
        again = start_practice(bank, name, wrong=True)
        assert [q.id for q in again.questions] == ["j-false"]
        fb = again.answer("j-false", ["错"])
        assert fb.correct
    assert len(member_book(bank, name)) == 0
    with pytest.raises(InputError, match="错题本是空的"):
        start_practice(bank, name, wrong=True)


def test_an_answer_to_another_question_or_after_the_end_is_refused(tmp_path):
    p = start_practice(make_bank(tmp_path / "qb"), "张三", count=2, seed=2)
    first = p.questions[0]
    p.answer(first.id, right_values(first))
    with pytest.raises(InputError, match="已经答过"):
        p.answer(first.id, right_values(first))
    p.stop()
    assert p.finished and p.record().answered == 1
    with pytest.raises(InputError):
        p.answer(p.questions[1].id, right_values(p.questions[1]))


def test_an_empty_bank_or_name_is_a_chinese_input_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="还没有可练习的题"):
        start_practice(tmp_path / "empty", "张三")
    with pytest.raises(InputError, match="请输入姓名"):
        start_practice(make_bank(tmp_path / "qb"), " \t\x1b ")


def test_a_finished_run_is_stored_and_read_back(tmp_path):
    bank = make_bank(tmp_path / "qb")
    p = start_practice(bank, "张三", count=3, seed=5, session="十二月主题党日")
    p.started = dt.datetime(2026, 12, 1, 9, 0, 0)
    for q in list(p.questions):
        p.answer(q.id, wrong_values(q), now=dt.datetime(2026, 12, 1, 9, 2, 5))
    append_result(bank, p.record())
    (rec,) = load_results(bank).records
    assert (rec.name, rec.session, rec.right, rec.seconds, rec.score) == ("张三", "十二月主题党日", 0, 125, 0)
    assert rec.started == "2026-12-01 09:00:00" and len(rec.wrong) == 3
