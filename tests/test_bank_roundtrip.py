"""The YAML bank: write/read round trip, readable and stable files, safe loading, edit-keeping merge."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from quizgen.bank import load_bank, merge, save_documents
from quizgen.bankio import (
    BankFile,
    bank_path,
    dump_bank_file,
    is_edited,
    read_bank_file,
    write_bank_file,
)
from quizgen.errors import BankError
from quizgen.model import Question, Source

QUESTION_KEY_ORDER = ["id", "type", "kind", "score", "status", "stem", "options", "answer", "accept", "source",
                      "tags", "pin", "fingerprint"]
TOP_KEY_ORDER = ["doc", "title", "meta", "questions", "generated"]


def fresh(questions) -> list[Question]:
    return copy.deepcopy(list(questions))


@pytest.fixture
def saved(tmp_path, seed_doc, seed_questions):
    """The seed article's questions saved into an empty bank: (folder, path, saved questions)."""
    qs = fresh(seed_questions)
    [bf] = save_documents(tmp_path, [(seed_doc.name, seed_doc.title, dict(seed_doc.meta), qs)])
    return tmp_path, bf.path, bf.questions


def comparable(q: Question) -> Question:
    """The question with an all-empty ``accept`` (nothing more accepted for any blank) as []."""
    q = copy.deepcopy(q)
    if not any(q.accept):
        q.accept = []
    return q


def is_subsequence(keys, order) -> bool:
    pos = [order.index(k) for k in keys]
    return pos == sorted(pos)


# ---------------------------------------------------------------------------- round trip


def test_round_trip_gives_equal_questions(saved, seed_doc):
    _folder, path, questions = saved
    assert path == bank_path(_folder, seed_doc.name) and path.name == "seed_article.yaml"
    bf, problems = read_bank_file(path)
    assert problems == []
    assert bf.doc == seed_doc.name
    assert bf.title == seed_doc.title
    assert bf.meta == seed_doc.meta
    assert [comparable(q) for q in bf.questions] == [comparable(q) for q in questions]
    assert len(bf.questions) == len(questions) > 0
    assert sorted(bf.generated) == sorted(q.id for q in questions)


def test_questions_read_back_are_not_taken_for_edited_ones(saved):
    """Right after a save nobody edited anything: every fingerprint still matches its content."""
    _folder, path, _questions = saved
    bf, _ = read_bank_file(path)
    edited = [(q.id, q.type, q.accept) for q in bf.questions if is_edited(q)]
    assert edited == [], f"{len(edited)} of {len(bf.questions)} questions look edited after a round trip"


def test_file_is_readable_chinese_and_safe_loadable(saved):
    _folder, path, questions = saved
    text = path.read_text(encoding="utf-8")
    assert "\\u" not in text and "\\x" not in text
    assert "洛阳铜加工创立于1954年" in text
    assert "!!" not in text and "&id" not in text and "*id" not in text  # no tags, no anchors
    data = yaml.safe_load(text)
    assert list(data) == [k for k in TOP_KEY_ORDER if k in data]
    assert data["meta"]["时间"] == "2022-11-30"  # a date-looking value stays text
    assert len(data["questions"]) == len(questions)


def test_fields_in_a_stable_order(saved):
    _folder, path, _questions = saved
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data["questions"]:
        assert set(item) <= set(QUESTION_KEY_ORDER), item
        assert is_subsequence(list(item), QUESTION_KEY_ORDER), list(item)
        assert [k for k in item["source"] if k != "section"] == ["doc", "sentence", "spans"]
        assert ("options" in item) == (item["type"] in ("single", "multi"))


def test_writing_is_deterministic(saved, tmp_path):
    _folder, path, _questions = saved
    text = path.read_text(encoding="utf-8")
    bf, _ = read_bank_file(path)
    assert dump_bank_file(bf) == text
    other = tmp_path / "again"
    bf.path = other / path.name
    other.mkdir()
    write_bank_file(bf)
    assert bf.path.read_text(encoding="utf-8") == text


def test_awkward_texts_survive(tmp_path):
    """Texts YAML would otherwise turn into numbers, booleans, dates or comments stay text."""
    q = Question(
        id="t-fill-1", type="fill", stem="- 答案: ____ # 不是注释", answer=["1954"],
        source=Source("t", "- 答案: 1954 # 不是注释", ["1954"]), accept=[["一九五四"]], kind="year")
    j = Question(id="t-judge-yes", type="judge", stem="yes", answer=["对"], source=Source("t", "yes", ["yes"]),
                 kind="term")
    s = Question(id="t-single-1", type="single", stem="（　　）", answer=["on"], options=["on", "off", "null", "2022-11-30"],
                 source=Source("t", "on", ["on"]), kind="term", tags=["true", "1.0"])
    [bf] = save_documents(tmp_path, [("t", "", {"时间": "2022-11-30"}, [q, j, s])])
    back, problems = read_bank_file(bf.path)
    assert problems == []
    assert {x.id: x for x in back.questions} == {x.id: x for x in bf.questions}


# ---------------------------------------------------------------------------- reading problems


def test_broken_question_is_reported_with_its_line_and_skipped(saved):
    _folder, path, questions = saved
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    # corrupt the answer of the first single-choice question
    single = next(q for q in questions if q.type == "single")
    start = lines.index(f"- id: {single.id}")
    ans = next(i for i in range(start, len(lines)) if lines[i].startswith("  answer:"))
    lines[ans + 1] = "  - 根本不在选项里"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bf, problems = read_bank_file(path)
    assert len(problems) == 1
    assert problems[0].line == start + 1
    assert str(problems[0]).startswith(f"{path}:{start + 1}: ")
    assert "不在选项中" in problems[0].message
    assert single.id not in {q.id for q in bf.questions}
    assert len(bf.questions) == len(questions) - 1


def test_malformed_yaml_raises_with_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("doc: bad\nquestions:\n- id: a\n  stem: [unclosed\n  type: fill\n", encoding="utf-8")
    with pytest.raises(BankError) as exc:
        read_bank_file(path)
    assert exc.value.path == str(path)
    assert exc.value.line is not None and 3 <= exc.value.line <= 6
    assert str(exc.value).startswith(f"{path}:{exc.value.line}: ")


def test_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(
        "doc: evil\nquestions:\n"
        f"- !!python/object/apply:os.system ['touch {marker}']\n"
        "- !!python/object:quizgen.model.Question {id: x}\n",
        encoding="utf-8")
    with pytest.raises(BankError):
        read_bank_file(path)
    assert not marker.exists()
    bank = load_bank(tmp_path)  # the bank loader skips the file with a problem instead
    assert not marker.exists()
    assert bank.problems and bank.problems[0].path == str(path)


# ---------------------------------------------------------------------------- merge


def _by_id(bf: BankFile) -> dict[str, Question]:
    return {q.id: q for q in bf.questions}


def test_merge_keeps_peoples_work(tmp_path, seed_doc, seed_questions):
    path = tmp_path / "seed_article.yaml"
    first = merge(None, fresh(seed_questions), path, seed_doc.name, seed_doc.title, seed_doc.meta)
    existing = copy.deepcopy(first)
    qs = existing.questions
    edited, rejected, deleted, reviewed = qs[0], qs[1], qs[2], qs[3]
    edited.stem, edited.answer = "人工修改的题干", ["人工答案"]
    rejected.status = "rejected"
    reviewed.status, reviewed.tags = "reviewed", ["必考"]
    existing.questions.remove(deleted)
    hand = Question(id="my-judge-1", type="judge", stem="科技是第一生产力。", answer=["对"], status="reviewed",
                    source=Source(seed_doc.name, "党的二十大报告提出,“科技是第一生产力”。", ["第一生产力"]))
    existing.questions.append(hand)

    again = merge(existing, fresh(seed_questions), path, seed_doc.name, seed_doc.title, seed_doc.meta)
    got = _by_id(again)
    assert got[edited.id].stem == "人工修改的题干" and got[edited.id].answer == ["人工答案"]
    assert got[rejected.id].status == "rejected"
    assert got[reviewed.id].status == "reviewed" and got[reviewed.id].tags == ["必考"]
    assert deleted.id not in got
    assert got["my-judge-1"] == hand
    assert len(again.questions) == len(first.questions)  # -1 deleted, +1 hand-written
    assert len(got) == len(again.questions)
    assert set(again.generated) == set(first.generated)
    # and a third run changes nothing more
    third = merge(copy.deepcopy(again), fresh(seed_questions), path, seed_doc.name)
    assert _by_id(third) == got


def test_stale_generated_questions_are_dropped(tmp_path, seed_doc, seed_questions):
    path = tmp_path / "seed_article.yaml"
    first = merge(None, fresh(seed_questions), path, seed_doc.name)
    again = merge(copy.deepcopy(first), fresh(seed_questions)[:-5], path, seed_doc.name)
    assert len(again.questions) == len(first.questions) - 5
    assert set(again.generated) == set(first.generated)


def test_resave_drops_questions_no_longer_generated(tmp_path, seed_doc, seed_questions):
    """Through the files: a question quizgen no longer generates, and nobody touched, goes away."""
    save_documents(tmp_path, [(seed_doc.name, seed_doc.title, dict(seed_doc.meta), fresh(seed_questions))])
    gone = [q for q in seed_questions if q.source.sentence == seed_questions[0].source.sentence]
    keep = [q for q in seed_questions if q not in gone]
    [bf] = save_documents(tmp_path, [(seed_doc.name, seed_doc.title, dict(seed_doc.meta), fresh(keep))])
    back, problems = read_bank_file(bf.path)
    assert problems == []
    stale = [q.id for q in back.questions if q.id in {g.id for g in gone}]
    assert stale == [], "questions of a sentence no longer extracted were kept"
    assert [q.id for q in back.questions] == [q.id for q in keep]


def test_save_documents_leaves_a_malformed_bank_file_untouched(tmp_path, seed_doc, seed_questions):
    path = bank_path(tmp_path, seed_doc.name)
    path.write_text("doc: seed_article\nquestions: [\n", encoding="utf-8")
    with pytest.raises(BankError):
        save_documents(tmp_path, [(seed_doc.name, "", {}, fresh(seed_questions))])
    assert path.read_text(encoding="utf-8") == "doc: seed_article\nquestions: [\n"
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["seed_article.yaml"]
