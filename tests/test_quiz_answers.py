"""Reading, normalising and scoring answers; what is shown after an answer; wide-character wrapping."""

from __future__ import annotations

import pytest
from test_quiz_fixture import questions

from quizgen.quiz.answers import (
    AnswerFormatError,
    Response,
    answer_text,
    grade,
    parse_choice,
    parse_judge,
    parse_response,
    response_text,
    split_fill,
)
from quizgen.quiz.render import Line, feedback_lines, marked_sentence, stem_display
from quizgen.quiz.ui import text_width, wrap

Q = {q.id: q for q in questions()}


@pytest.mark.parametrize("typed", ["bd", "BD", "B D", "D,B", "d，b", "Ｂ、Ｄ", " b  d ", "B和D", "db"])
def test_choice_letters_any_order_case_and_separator(typed):
    assert parse_choice(typed, 4, multi=True) == ["B", "D"]


@pytest.mark.parametrize("typed", ["E", "1", "", "  ", "科技"])
def test_choice_outside_the_options_is_asked_again(typed):
    with pytest.raises(AnswerFormatError):
        parse_choice(typed, 4, multi=True)


def test_single_choice_takes_one_letter():
    assert parse_choice("c", 4, multi=False) == ["C"]
    with pytest.raises(AnswerFormatError, match="单选"):
        parse_choice("AB", 4, multi=False)


@pytest.mark.parametrize("typed", ["对", "√", "✓", "y", "Y", "yes", "t", "T", "true", "是", "正确", "对。"])
def test_judge_true_spellings(typed):
    assert parse_judge(typed) is True


@pytest.mark.parametrize("typed", ["错", "×", "✗", "x", "n", "No", "f", "FALSE", "否", "错误", "不对"])
def test_judge_false_spellings(typed):
    assert parse_judge(typed) is False


def test_judge_nonsense_is_asked_again():
    with pytest.raises(AnswerFormatError):
        parse_judge("也许")


def test_fill_single_blank_keeps_inner_spaces():
    assert split_fill(" 以人民 为中心 ", 1) == ["以人民 为中心"]


def test_fill_blanks_split_by_spaces_and_enumeration_commas():
    assert split_fill("创新、协调 绿色，开放,共享", 5) == ["创新", "协调", "绿色", "开放", "共享"]
    with pytest.raises(AnswerFormatError, match="5 个空"):
        split_fill("创新 协调", 5)


@pytest.mark.parametrize("typed", ["1921年", "1921", "１９２１年", " 1921 年 ", "1921年。"])
def test_fill_normalised_and_alternatives_accepted(typed):
    q = Q["f-year"]
    assert grade(q, parse_response(q, typed)).correct


def test_fill_wrong_answer_and_alternative_of_another_blank():
    q = Q["f-year"]
    assert not grade(q, parse_response(q, "1949年")).correct
    hq = Q["f-hq"]
    assert grade(hq, parse_response(hq, "北京市")).correct
    assert grade(hq, parse_response(hq, "北 京")).correct


def test_fill_several_blanks_per_blank_verdict():
    q = Q["f-enum"]
    g = grade(q, parse_response(q, "创新 协调 环保 开放 共享"))
    assert not g.correct and g.blank_ok == [True, True, False, True, True]


def test_enumeration_members_in_any_order_and_run_together():
    q = Q["f-enum"]
    assert grade(q, parse_response(q, "共享、开放、绿色、协调、创新")).correct
    assert grade(q, parse_response(q, "创新协调绿色开放共享")).correct
    twice = grade(q, parse_response(q, "创新 创新 绿色 开放 共享"))
    assert not twice.correct and twice.blank_ok.count(False) == 1


def test_multi_choice_missed_and_extra_letters():
    q = Q["m-support"]  # options 教育 科技 资本 人才, answer A B D
    assert grade(q, parse_response(q, "dba")).correct
    g = grade(q, parse_response(q, "ABC"))
    assert not g.correct and g.right_letters == ["A", "B", "D"] and g.missed == ["D"] and g.extra == ["C"]
    text = "\n".join(ln.text for ln in feedback_lines(q, parse_response(q, "ABC"), g))
    assert "选对 AB" in text and "漏选 D" in text and "错选 C" in text and "A、B、D" in text


def test_judge_and_single_grading():
    assert grade(Q["j-true"], parse_response(Q["j-true"], "√")).correct
    assert grade(Q["j-false"], parse_response(Q["j-false"], "n")).correct
    assert not grade(Q["j-false"], parse_response(Q["j-false"], "对")).correct
    s = Q["s-power"]
    assert grade(s, parse_response(s, "b")).correct
    assert answer_text(s) == "B. 科技创新"


def test_skip_and_timeout_are_wrong():
    for q in Q.values():
        assert not grade(q, parse_response(q, "?")).correct
        assert not grade(q, Response(raw="", timed_out=True)).correct
    late = parse_response(Q["s-power"], "B")
    late.timed_out = True
    assert not grade(Q["s-power"], late).correct
    assert response_text(Q["s-power"], late) == "超时（B）"


def test_empty_answer_is_asked_again():
    with pytest.raises(AnswerFormatError):
        parse_response(Q["f-year"], "   ")


def test_source_sentence_marks_the_answer():
    q = Q["f-enum"]
    segs = marked_sentence(q.source.sentence, q.source.spans)
    assert [t for s, t in segs if s == "mark"] == ["创新", "协调", "绿色", "开放", "共享"]
    assert "".join(t for _, t in segs) == q.source.sentence
    fb = feedback_lines(
        Q["j-false"],
        parse_response(Q["j-false"], "对"),
        grade(Q["j-false"], parse_response(Q["j-false"], "对")),
    )
    assert any(("mark", "2001年") in ln.segs for ln in fb)


def test_several_blanks_are_numbered():
    assert stem_display(Q["f-enum"]).count("__") == 10 and "①" in stem_display(Q["f-enum"])
    assert stem_display(Q["f-year"]).count("____") == 1


@pytest.mark.parametrize("width", [12, 20, 33, 40, 79])
def test_wrap_wide_characters_fit_and_keep_text(width):
    text = "党的二十大报告指出，教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑（2022 年 10 月 16 日）。"
    ln = Line([("", "出处："), ("mark", "教育"), ("", text)], hang=2)
    rows = wrap(ln, width)
    for i, row in enumerate(rows):
        s = "".join(t for _, t in row)
        assert text_width(s) <= width
        if i:
            assert s.startswith("  ") and s[2] not in "，。、）"  # hanging indent, no closing mark first
    joined = "".join("".join(t for _, t in row)[2 if i else 0 :] for i, row in enumerate(rows))
    assert joined.replace(" ", "") == ("出处：教育" + text).replace(" ", "")


def test_wrap_does_not_split_latin_words_or_numbers():
    rows = wrap(Line([("", "第一 abcdefgh 2022")]), 8)
    texts = ["".join(t for _, t in r).strip() for r in rows]
    assert "abcdefgh" in texts and "2022" in texts
