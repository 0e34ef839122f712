"""The wrong-answer book: location, adding and clearing, damage and concurrent runs."""

from __future__ import annotations

import json
from pathlib import Path

from test_quiz_fixture import questions

from quizgen.quiz.book import BOOK_NAME, WrongBook, default_book_path

Q = {q.id: q for q in questions()}


def test_book_location_precedence(tmp_path):
    assert (
        default_book_path({"QUIZGEN_BOOK": str(tmp_path / "b.json"), "XDG_DATA_HOME": "/x"})
        == tmp_path / "b.json"
    )
    assert default_book_path({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "quizgen" / BOOK_NAME
    assert default_book_path({}) == Path.home() / ".local" / "share" / "quizgen" / BOOK_NAME


def test_wrong_answer_is_saved_with_enough_to_name_it(tmp_path):
    path = tmp_path / "deep" / "book.json"
    book = WrongBook(path)
    assert book.record(Q["s-power"], False, review=False) == "added"
    data = json.loads(path.read_text(encoding="utf-8"))
    e = data["questions"]["s-power"]
    assert e["doc"] == "seed_article" and e["stem"].startswith("公司党委") and e["answer"] == ["科技创新"]
    assert e["wrong"] == 1 and e["streak"] == 0
    assert book.record(Q["s-power"], False, review=False) == "again"
    assert json.loads(path.read_text(encoding="utf-8"))["questions"]["s-power"]["wrong"] == 2


def test_two_right_answers_in_review_clear_a_question(tmp_path):
    book = WrongBook(tmp_path / "book.json")
    q = Q["j-false"]
    book.record(q, False, review=False)
    assert book.record(q, True, review=False) == ""  # ordinary practice does not count
    assert book.record(q, True, review=True) == "progress"
    assert book.record(q, False, review=True) == "again"  # a slip starts over
    assert book.record(q, True, review=True) == "progress"
    assert book.record(q, True, review=True) == "cleared"
    assert "j-false" not in WrongBook(tmp_path / "book.json")
    assert book.record(Q["s-power"], True, review=True) == ""  # right and never wrong: nothing to do


def test_two_quizzes_at_once_keep_both_entries(tmp_path):
    a, b = WrongBook(tmp_path / "book.json"), WrongBook(tmp_path / "book.json")
    a.record(Q["f-year"], False, review=False)
    b.record(Q["f-hq"], False, review=False)
    assert set(WrongBook(tmp_path / "book.json").entries) == {"f-year", "f-hq"}


def test_damaged_book_is_set_aside_not_lost(tmp_path):
    path = tmp_path / "book.json"
    path.write_text('{"questions": {"x": ', encoding="utf-8")
    warnings: list[str] = []
    book = WrongBook(path, warn=warnings.append)
    assert len(book) == 0 and warnings and "damaged" in warnings[0]
    kept = list(tmp_path.glob("book.json.damaged-*"))
    assert kept and kept[0].read_text(encoding="utf-8") == '{"questions": {"x": '


def test_unwritable_book_warns_once_and_goes_on(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    book = WrongBook(blocker / "book.json", warn=warnings.append)
    book.record(Q["f-year"], False, review=False)
    book.record(Q["f-hq"], False, review=False)
    assert len(warnings) == 1 and "无法保存错题本" in warnings[0]


def test_book_file_is_always_complete_json(tmp_path):
    path = tmp_path / "book.json"
    book = WrongBook(path)
    for i, q in enumerate(Q.values()):
        book.record(q, False, review=False)
        assert len(json.loads(path.read_text(encoding="utf-8"))["questions"]) == i + 1
    assert not [p for p in tmp_path.iterdir() if p.name != "book.json"]  # no temporary files left
