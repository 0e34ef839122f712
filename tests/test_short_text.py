"""A short text is asked about its substance: fills the ranking weighs as padding are not asked
(quizgen/questions: ``padding_floor``), and lists keep members of one sort (extract/lists.py:
a member's own 的-phrase, a manner word after 、 that belongs to the next verb phrase)."""

from __future__ import annotations

import copy

import pytest

import quizgen.questions as questions
from quizgen.extract import lists
from quizgen.extract.terms import segment
from quizgen.questions import generate, padding_floor


def test_only_a_short_text_has_a_padding_floor():
    assert padding_floor("党" * 3_000) == questions.PADDING_FILL > 0
    assert padding_floor("党" * (questions.SHORT_TEXT + 1)) == 0.0
    assert padding_floor(None) == 0.0


def _fills(qs):
    return [q for q in qs if q.type == "fill"]


def test_a_short_text_drops_its_weakest_fills_and_keeps_the_rest_in_order(seed_doc, seed_facts, monkeypatch):
    monkeypatch.setattr(questions, "PADDING_FILL", 0.0)
    every = _fills(generate(copy.deepcopy(seed_facts), seed_doc.name, doc_text=seed_doc.text))
    monkeypatch.setattr(questions, "PADDING_FILL", 0.1)
    kept = _fills(generate(copy.deepcopy(seed_facts), seed_doc.name, doc_text=seed_doc.text))
    assert 0 < len(kept) < len(every)
    ids = [q.id for q in every]
    assert [q.id for q in kept] == [i for i in ids if i in {q.id for q in kept}]  # same order
    assert kept[0].id == every[0].id
    # a long text keeps them all: the same facts, no doc text to say it is short
    monkeypatch.setattr(questions, "SHORT_TEXT", 0)
    # (and the short text's weights for a sentence asked again, which a long text sets lower)
    monkeypatch.setattr(questions, "repeat_factors",
                        lambda _text: (questions.REPEAT_FACTOR, questions.LONG_REPEAT_FACTOR))
    assert len(_fills(generate(copy.deepcopy(seed_facts), seed_doc.name, doc_text=seed_doc.text))) == len(every)


def enumerations(sentence: str) -> list[list[str]]:
    return [c.spans for c in lists.find_enumerations(sentence, segment)]


def test_a_last_member_keeps_its_own_de_phrase_like_the_others():
    got = enumerations("要拿出谋事的韧劲、干事的闯劲、成事的狠劲，推动各项工作落地见效。")
    assert ["谋事的韧劲", "干事的闯劲", "成事的狠劲"] in got


@pytest.mark.parametrize("sentence, bad", [
    ("中央财政加大对基层的支持力度、适当向困难地区倾斜，兜牢基层底线。", ["力度", "适当"]),
    ("省里加大对县区的奖补力度、积极向山区县倾斜。", ["力度", "积极"]),
])
def test_a_manner_word_after_the_comma_of_two_verb_phrases_is_no_member(sentence, bad):
    assert bad not in enumerations(sentence)


def test_a_noun_run_does_not_end_on_the_manner_word_of_its_verb():
    from quizgen.extract.terms import find_terms

    sentence = "学习运用工程经验，推动乡村全面振兴不断取得实实在在成效。"
    terms = [c.spans[0] for c in find_terms(sentence, sentence)]
    assert "乡村全面" not in terms
    assert not any(t.endswith("全面") for t in terms)


def test_nouns_before_a_preposition_stay_a_list():
    assert ["资金", "技术"] in [c.spans for c in lists.find_enumerations(
        "推动资金、技术向农村流动，促进城乡融合发展。", segment) + lists.find_pairs("推动资金、技术向农村流动，促进城乡融合发展。", segment)]


def test_parallel_frames_are_no_list_cut_at_the_first_frame():
    # shijiuda_report: 以企业为主体、市场为导向、产学研深度融合 gave the members 主体 / 市场为导向 / …
    got = enumerations("深化科技体制改革，建立以企业为主体、市场为导向、产学研深度融合的技术创新体系。")
    assert not any(m and m[0] == "主体" for m in got)
    assert ["自我净化", "自我完善", "自我革新", "自我提高"] in enumerations(
        "不断增强党自我净化、自我完善、自我革新、自我提高的能力。")


def test_a_noun_run_holding_a_person_is_no_term():
    from quizgen.extract.terms import find_terms

    # gov_work_report_2024: 根本在于习近平总书记领航掌舵 gave the term 习近平总书记领航
    s = "过去一年取得的成绩，根本在于习近平总书记领航掌舵。"
    assert not any("总书记" in c.spans[0] for c in find_terms(s, s))


PARTY_WORK = ("要加强基层党建工作，把基层党组织的战斗堡垒作用充分发挥出来，把全体党员的先锋模范作用充分发挥出来，"
              "尤其发挥党员在安全生产中的示范引领作用，扎实做好风险防控各项工作，筑牢安全生产底线，提升绿色发展水平。")
"""soe_article_sinopec_2020_hebei: its best fact (示范引领作用) stands at the cut of its unit."""


def test_a_noun_run_does_not_take_a_manner_word_and_verb_jieba_tags_a_noun():
    from quizgen.extract.terms import find_terms

    terms = {c.spans[0] for c in find_terms(PARTY_WORK, PARTY_WORK)}
    assert {"战斗堡垒作用", "先锋模范作用"} <= terms
    assert not any(t.endswith("充分发挥") for t in terms)


def test_a_short_texts_sentence_whose_best_fill_is_refused_asks_its_other_facts():
    from quizgen.model import Block, Document
    from quizgen.pipeline import questions_for

    doc = Document(name="d", title="董事长到企业调研", blocks=[
        Block("12月10日，董事长到企业调研，看望慰问干部员工。"), Block(PARTY_WORK)])
    fills = [q for q in questions_for(doc) if q.type == "fill" and q.source.sentence.startswith("要加强基层党建")]
    assert fills
    assert all("示范引领作用" not in q.answer for q in fills)
