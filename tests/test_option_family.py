"""Wrong options of the answer's own glossary family: a one-answer question on a member of one
family is asked with that family's other members (not with another family's, told apart at a
glance), and a wrong option of a family no answer belongs to is refused by the builders and
warned about by `bank check` (file:line). The sentences are written for these tests."""

from __future__ import annotations

import re

from choice_helpers import bank_check_one, choice
from choice_helpers import fact as _fact

from quizgen.glossary import family_siblings
from quizgen.questions.build import build_multi, build_single, question_pool
from quizgen.questions.multi import _list_wrong
from quizgen.questions.quality import problems

BUILDING = "思想建设是党的基础性建设，要常抓不懈，筑牢团结奋斗的力量之源。"
BUILDING_LIST = "全面推进党的思想建设、组织建设，把制度建设贯穿其中，巩固团结奋斗的根基。"
ZEAL = "要充分调动广大职工干事创业的积极性、主动性、创造性，推动企业改革发展。"
OTHER_SORT = "坚持党的先进性和纯洁性，发扬党内政治生活的政治性、时代性、原则性、战斗性。"
PARTY_BUILDING = ["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "制度建设"]


def fact_last(*args, **kwargs):
    """A fact at the last place of its spans (a sentence may say a member twice)."""
    return _fact(*args, last=True, **kwargs)


def test_a_member_of_one_family_has_that_familys_other_members_as_siblings():
    assert set(family_siblings("思想建设")) == set(PARTY_BUILDING) - {"思想建设"}
    assert set(family_siblings("社会建设")) == {"经济建设", "政治建设", "文化建设", "生态文明建设"}
    assert family_siblings("政治建设") == []  # of 五位一体 and of 党的建设总体布局: which one is unknown
    assert family_siblings("民主集中制") == []


def test_a_single_on_a_member_of_one_family_offers_its_own_familys_members():
    sentence = BUILDING
    f = fact_last(sentence, ["思想建设"], kind="principle")
    out = build_single([f], question_pool([f], sentence))
    assert out, "a single on 思想建设 is made"
    q = out[0][0]
    assert q.answer == ["思想建设"] and len(q.options) == 4
    assert set(q.options) <= set(PARTY_BUILDING)  # not 社会建设、经济建设、文化建设 of 五位一体
    assert not problems(q, sentence)


def test_a_member_asked_as_a_slot_of_its_list_gets_no_member_the_sentence_leaves_out():
    f = fact_last(BUILDING_LIST, ["组织建设"], kind="principle")
    for q, _ in build_single([f], question_pool([f], BUILDING_LIST)):
        # 作风建设 / 纪律建设 would be as right where the list is cut short
        assert not set(q.options) & {"政治建设", "作风建设", "纪律建设"}


def test_a_wrong_option_of_a_family_no_answer_belongs_to_is_a_problem():
    stem = "要充分调动广大职工干事创业的（　　），推动企业改革发展。"
    keyed = ["积极性", "主动性", "创造性"]
    odd = choice("multi", stem, keyed, [*keyed, "先进性", "能动性"], ZEAL)
    assert any("先进性" in p and "先进性和纯洁性" in p for p in problems(odd))
    fine = choice("multi", stem, keyed, [*keyed, "能动性", "自觉性"], ZEAL)
    assert not [p for p in problems(fine) if "属于提法" in p]
    # a member of several families shares one with the answer: 政治建设 beside 思想建设
    s = choice("single", "（　　）是党的基础性建设。", ["思想建设"],
               ["思想建设", "政治建设", "组织建设", "作风建设"], BUILDING)
    assert not [p for p in problems(s) if "属于提法" in p]
    # another family's member is of another sort: 社会建设 (五位一体) beside 思想建设
    s = choice("single", "（　　）是党的基础性建设。", ["思想建设"],
               ["思想建设", "社会建设", "组织建设", "作风建设"], BUILDING)
    assert any("社会建设" in p and "五位一体" in p for p in problems(s))
    # a two-character member is a common word too (农业 of 三大改造)
    s = choice("single", "要大力发展（　　）。", ["工业"], ["工业", "农业", "商业", "林业"], "要大力发展工业。")
    assert not [p for p in problems(s) if "属于提法" in p]


def test_a_multi_never_offers_a_member_of_another_family():
    doc = ZEAL + "\n" + OTHER_SORT + "\n增强职工的能动性、自觉性。"
    f = fact_last(ZEAL, ["积极性", "主动性", "创造性"], kind="enumeration")
    g = fact_last("增强职工的能动性、自觉性。", ["能动性", "自觉性"], kind="enumeration", position=1)
    h = fact_last(OTHER_SORT, ["政治性", "时代性", "原则性", "战斗性"], kind="enumeration", position=2)
    pool = question_pool([f, g, h], doc)
    pool["member"] += ["先进性", "纯洁性"]
    others = {"先进性", "纯洁性", "政治性", "时代性", "原则性", "战斗性"}
    whole = [(ZEAL.index("积极性"), ZEAL.index("创造性") + 3)]
    wrong = _list_wrong(f, pool, whole, 5)
    assert wrong and not set(wrong) & others  # 能动性、自觉性 stay candidates
    for q, _ in build_multi([f], pool):  # (none: 自觉性 is not of the members' form either)
        assert not set(q.options) & others
        assert not problems(q, doc)


def test_bank_check_warns_about_an_option_of_another_family_with_its_line(tmp_path):
    sentence = "要坚决克服个人主义、分散主义、自由主义、本位主义，严守纪律。"
    keyed = ["分散主义", "自由主义", "本位主义"]
    q = choice("multi", "要坚决克服个人主义、（　　）、（　　）、（　　），严守纪律。", keyed,
               [*keyed, "帝国主义", "宗派主义"], sentence)
    q.id = "d-multi-1"
    res, path = bank_check_one(tmp_path, q)
    assert res.exit_code == 0, res.output
    assert re.search(re.escape(str(path)) + r":\d+: 警告：题目 d-multi-1：错误选项“帝国主义”属于提法“三座大山”",
                     res.stderr)


def test_an_answer_echoed_by_the_stem_is_given_away_also_when_one_wrong_option_is_echoed_by_chance():
    sentence = "要把生态文明建设摆在突出位置，守护绿水青山，决不用破坏生态换取一时的经济增长。"
    stem = "要把（　　）摆在突出位置，守护绿水青山，决不用破坏生态换取一时的经济增长。"
    options = ["生态文明建设", "经济建设", "社会建设", "政治建设"]
    q = choice("single", stem, ["生态文明建设"], options, sentence)
    assert any("关键字“生态”" in p for p in problems(q))  # 经济 of 经济增长 alone does not hide it
    two = choice("single", "要把（　　）摆在突出位置，统筹经济和社会，决不用破坏生态换取一时的增长。",
                 ["生态文明建设"], options, sentence)
    assert not [p for p in problems(two) if "关键字" in p]  # 经济、社会 echoed too: no clue
