"""Choice questions printed as they are: wrong options of the answers' pattern and shape, whole
phrases, a key not given away by the stem; glossary siblings of the member's shape; Chinese-
numeral years as singles; a choice on what a sentence's fill blanks goes before that fill. Cases
are sentences of the 2021 resolution and the seed article, copied here (tests never read the
corpus); `bank check` warns about the same rules with file:line."""

from __future__ import annotations

import re

from choice_helpers import bank_check_one, choice, fact

from quizgen.glossary import _groups, family, siblings
from quizgen.model import Question, Source
from quizgen.questions import order
from quizgen.questions.build import build_multi, build_single, question_pool
from quizgen.questions.quality import problems, same_form

INNOVATION = "党领导人民披荆斩棘、上下求索、奋力开拓、锐意进取，不断推进理论创新、实践创新、制度创新、文化创新以及其他各方面创新。"
PEOPLE = "党中央强调，我们党来自人民、植根人民、服务人民，一旦脱离群众就会失去生命力。"
GREEN = "更加自觉地推进绿色发展、循环发展、低碳发展，坚持走生产发展、生活富裕、生态良好的文明发展道路。"
TREASURES = "形成统一战线、武装斗争、党的建设三大法宝。"
CONSTITUTION = "一九五四年，召开第一届全国人民代表大会第一次会议，通过了《中华人民共和国宪法》。"


def test_a_wrong_option_of_another_structure_is_a_problem():
    stem = "党领导人民披荆斩棘、上下求索、奋力开拓、锐意进取，不断推进（　　）、（　　）、制度创新、（　　）以及其他各方面创新。"
    keyed = ["理论创新", "实践创新", "文化创新"]
    idiom = choice("multi", stem, keyed, [*keyed, "勇于创新", "科技创新"], INNOVATION)
    assert any("结构不同" in p for p in problems(idiom))  # 勇于创新 is one word, not 勇于 + 创新
    fine = choice("multi", stem, keyed, [*keyed, "科技创新", "管理创新"], INNOVATION)
    assert not [p for p in problems(fine) if "结构" in p or "同一类" in p]


def test_a_pronoun_or_a_scope_word_beside_the_shared_part_is_another_sort():
    stem = "党中央强调，我们党（　　），一旦脱离群众就会失去生命力。"
    keyed = ["来自人民", "植根人民", "服务人民"]
    q = choice("multi", stem, keyed, [*keyed, "教育人民", "中国人民"], PEOPLE)
    assert any("中国人民" in p and "同一类" in p for p in problems(q))
    stem = "更加自觉地推进（　　），坚持走生产发展、生活富裕、生态良好的文明发展道路。"
    keyed = ["绿色发展", "循环发展", "低碳发展"]
    q = choice("multi", stem, keyed, [*keyed, "经济发展", "怎样发展"], GREEN)
    assert any("怎样发展" in p and "代词" in p for p in problems(q))


def test_an_option_the_document_says_only_as_the_start_of_a_longer_phrase_is_cut():
    doc = "始终坚持以人民为中心，实现人民对美好生活的向往。\n坚持人民主体地位、人民当家作主。"
    stem = "党始终坚持（　　）、人民当家作主。"
    q = choice("single", stem, ["人民主体地位"], ["人民主体地位", "实现人民", "人民中心地位", "人民主导地位"],
               "党始终坚持人民主体地位、人民当家作主。")
    assert any("实现人民" in p and "不是完整的词语" in p for p in problems(q, doc))
    whole = choice("single", stem, ["人民主体地位"], ["人民主体地位", "人民中心地位", "人民主导地位", "人民核心地位"],
                   "党始终坚持人民主体地位、人民当家作主。")
    assert not [p for p in problems(whole, doc) if "完整的词语" in p]


def test_keyed_members_that_nest_are_a_list_cut_badly():
    s = "坚持一切为了人民、一切依靠人民，坚持为人民执政、靠人民执政。"
    q = choice("multi", "……坚持为（　　）。", ["人民执政", "靠人民执政"],
               ["人民执政", "靠人民执政", "科学执政", "民主执政"], s)
    assert any("互相包含" in p for p in problems(q))


def test_a_count_the_stem_gives_away_needs_options_of_that_count():
    stem = "形成统一战线、武装斗争、党的建设（　　）。"
    counted = choice("single", stem, ["三大法宝"], ["两大法宝", "三大法宝", "四大法宝", "五大法宝"], TREASURES)
    assert any("数一数" in p for p in problems(counted))
    pair = choice("single", "打赢辽沈、淮海和平津（　　）。", ["三大战役"], ["两大战役", "三大战役", "四大战役", "五大战役"],
                  "打赢辽沈、淮海和平津三大战役。")
    assert any("数一数" in p for p in problems(pair))
    # 统筹国内国际两个大局: nothing counted in the stem, other counts are fair options
    s = "统筹国内国际两个大局，贯彻党的基本理论、基本路线、基本方略。"
    fair = choice("single", "统筹国内国际（　　），贯彻党的基本理论、基本路线、基本方略。", ["两个大局"],
                  ["两个大局", "三个大局", "四个大局", "五个大局"], s)
    assert not [p for p in problems(fair) if "数一数" in p]


def test_a_count_before_a_verb_is_no_formula():
    s = "遗憾的是，党的八大形成的正确路线未能完全坚持下去。"
    q = choice("single", "遗憾的是，党的（　　）的正确路线未能完全坚持下去。", ["八大形成"],
               ["七大形成", "八大形成", "九大形成", "十大形成"], s)
    assert any("不是一个数字提法" in p for p in problems(q))


def test_glossary_siblings_have_the_members_shape():
    assert "享乐主义" not in siblings("把方向") and "治理有效" not in siblings("把方向")
    assert not [s for s in siblings("严以修身") if s in ("重大决策", "精准脱贫")]
    assert {"思想建设", "纪律建设"} <= set(siblings("经济建设"))
    assert "确立核心地位" in siblings("维护核心地位")
    assert "两个确立" in siblings("两个维护")  # family names of a group stay parallel
    assert {"科技强国", "人才强国"} & set(siblings("制造强国"))
    assert family("教育强国") == "科教兴国（强国）"
    for _by_member, fams in _groups():
        for fam in fams:
            members = [str(m) for m in fam["members"]]
            assert fam.get("source"), fam["name"]  # every family says where its wording comes from
            assert len(set(members)) == len(members), fam["name"]


def test_chinese_numeral_years_are_of_one_sort_and_asked_as_singles():
    assert same_form("一九四九年", "一九五〇年") and same_form("二〇三五年", "二〇三〇年")
    assert not same_form("一九四九年", "1950年") and not same_form("一九四九年", "十月")
    f = fact(CONSTITUTION, ["一九五四年"], kind="year", score=0.9)
    out = build_single([f], question_pool([f], CONSTITUTION))
    assert out
    q = out[0][0]
    assert q.answer == ["一九五四年"] and len(q.options) == 4
    assert all(re.fullmatch("[〇一二三四五六七八九]{4}年", o) for o in q.options)
    assert not problems(q, CONSTITUTION)


def test_a_multi_never_offers_an_option_of_another_structure():
    doc = INNOVATION + "\n要勇于创新，重视科技创新、管理创新。"
    f = fact(INNOVATION, ["理论创新", "实践创新", "制度创新", "文化创新"], kind="enumeration")
    pool = question_pool([f, fact("重视科技创新、管理创新。", ["科技创新", "管理创新"], kind="enumeration", position=1)],
                         doc)
    pool["member"] += ["勇于创新"]
    out = build_multi([f], pool)
    assert out
    for q, _ in out:
        assert "勇于创新" not in q.options and {"科技创新", "管理创新"} <= set(q.options)
        assert not problems(q, doc)


def _q(qtype: str, sentence: str, spans: list[str], qid: str) -> Question:
    return Question(id=qid, type=qtype, stem="x", answer=list(spans), options=None,
                    source=Source("d", sentence, list(spans)))


def test_a_choice_on_what_the_fill_blanks_goes_before_that_fill():
    fill = _q("fill", CONSTITUTION, ["一九五四年"], "f")
    single = _q("single", CONSTITUTION, ["一九五四年"], "s")
    other = _q("fill", TREASURES, ["三大法宝"], "o")
    ids = [q.id for q in order([(1.0, fill), (0.9, single), (0.5, other)])]
    assert ids.index("s") < ids.index("f")
    # a choice on another fact of the sentence still waits for its fill
    two = _q("fill", PEOPLE, ["来自人民"], "f2")
    side = _q("single", PEOPLE, ["党中央"], "s2")
    ids = [q.id for q in order([(1.0, two), (0.9, side)])]
    assert ids.index("f2") < ids.index("s2")


def test_bank_check_warns_about_an_option_of_another_sort_with_its_line(tmp_path):
    stem = "党中央强调，我们党（　　），一旦脱离群众就会失去生命力。"
    keyed = ["来自人民", "植根人民", "服务人民"]
    q = choice("multi", stem, keyed, [*keyed, "教育人民", "中国人民"], PEOPLE)
    q.id = "d-multi-1"
    res, path = bank_check_one(tmp_path, q)
    assert res.exit_code == 0, res.output
    assert re.search(re.escape(str(path)) + r":\d+: 警告：题目 d-multi-1：错误选项“中国人民”", res.stderr)


def test_members_of_different_formulas_are_an_ad_hoc_list_with_no_multi():
    s = "弘扬艰苦奋斗、清正廉洁的价值观,形成风清气正的创新工作环境。"
    f = fact(s, ["艰苦奋斗", "清正廉洁"], kind="enumeration")
    assert not build_multi([f], question_pool([f], s))  # 执着专注 would be as true beside them
    s = "全面推进党的政治建设、思想建设、组织建设、作风建设、纪律建设，把制度建设贯穿其中。"
    f = fact(s, ["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设"], kind="enumeration")
    out = build_multi([f], question_pool([f], s))
    assert out and all(o.endswith("建设") for o in out[0][0].options)


def test_a_stem_holding_what_tells_the_answer_apart_gives_it_away():
    s = "党中央强调，生态文明建设是关乎中华民族永续发展的根本大计，保护生态环境就是保护生产力。"
    stem = "党中央强调，（　　）是关乎中华民族永续发展的根本大计，保护生态环境就是保护生产力。"
    q = choice("single", stem, ["生态文明建设"], ["思想建设", "纪律建设", "生态文明建设", "作风建设"], s)
    assert any("关键字“生态”" in p for p in problems(q))
    s = "党坚持以经济建设为中心，坚持发展是硬道理。"
    q = choice("single", "党坚持以（　　）为中心，坚持发展是硬道理。", ["经济建设"],
               ["经济建设", "思想建设", "组织建设", "纪律建设"], s)
    assert not [p for p in problems(q) if "关键字" in p]


def test_a_verb_object_option_among_noun_phrases_is_another_sort():
    s = "注意区分政治原则问题、思想认识问题、学术观点问题，旗帜鲜明反对和抵制各种错误观点。"
    stem = "注意区分（　　），旗帜鲜明反对和抵制各种错误观点。"
    keyed = ["政治原则问题", "思想认识问题", "学术观点问题"]
    q = choice("multi", stem, keyed, [*keyed, "解决台湾问题", "坚持发现问题"], s)
    assert any("动宾短语" in p for p in problems(q))
    s = "党重新确立马克思主义的思想路线、政治路线、组织路线。"
    keyed = ["思想路线", "政治路线", "组织路线"]
    q = choice("multi", "党重新确立马克思主义的（　　）。", keyed, [*keyed, "群众路线", "基本路线"], s)
    assert not [p for p in problems(q) if "动宾" in p or "结构" in p or "同一类" in p]
    s = "推翻帝国主义、封建主义、官僚资本主义三座大山。"
    keyed = ["帝国主义", "封建主义", "官僚资本主义"]
    q = choice("multi", "推翻（　　）三座大山。", keyed, [*keyed, "保护主义", "个人主义"], s)
    assert not [p for p in problems(q) if "动宾" in p]  # 保护主义 is one word, an ism


def test_a_heading_is_no_choice_stem():
    s = "2024年经济社会发展总体要求和政策取向"
    q = choice("single", "（　　）经济社会发展总体要求和政策取向", ["2024年"], ["2022年", "2024年", "2026年", "2020年"], s)
    assert any("是标题" in p for p in problems(q))
    q = choice("single", "（　　），召开第一届全国人民代表大会第一次会议，通过了《中华人民共和国宪法》。", ["一九五四年"],
               ["一九五二年", "一九五四年", "一九五六年", "一九五八年"], CONSTITUTION)
    assert not [p for p in problems(q) if "是标题" in p]


def test_a_choice_on_one_blank_of_a_fill_stands_in_for_it_only_in_a_long_order():
    fill = _q("fill", PEOPLE, ["来自人民", "党中央"], "f")
    single = _q("single", PEOPLE, ["来自人民"], "s")
    filler = [(0.01, _q("fill", f"第{i}句。", [f"句{i}"], f"x{i}")) for i in range(5)]
    long_ids = [q.id for q in order([(1.0, fill), (0.5, single), *filler])]
    assert long_ids.index("s") < long_ids.index("f")
    short_ids = [q.id for q in order([(1.0, fill), (0.5, single), *filler], limit=7)]
    assert short_ids.index("f") < short_ids.index("s")


def test_an_option_the_document_upholds_is_no_wrong_option_where_the_stem_opposes():
    doc = ("弘扬忠诚老实、公道正派等价值观，坚决防止和反对个人主义、分散主义、自由主义、本位主义、好人主义。\n"
           "要高举爱国主义、社会主义旗帜。\n反对一切形式的恐怖主义。\n加强爱国主义、集体主义、社会主义教育。")
    s = doc.splitlines()[0]
    stem = "弘扬忠诚老实、公道正派等价值观，坚决防止和反对个人主义、（　　）、（　　）、（　　）、好人主义。"
    keyed = ["分散主义", "自由主义", "本位主义"]
    q = choice("multi", stem, keyed, [*keyed, "爱国主义", "宗派主义"], s)
    assert any("爱国主义" in p and "正相反" in p for p in problems(q, doc))
    s = doc.splitlines()[3]
    keyed = ["爱国主义", "集体主义", "社会主义"]
    q = choice("multi", "加强（　　）教育。", keyed, [*keyed, "恐怖主义", "好人主义"], s)
    assert any("恐怖主义" in p and "正相反" in p for p in problems(q, doc))
    q = choice("multi", "加强（　　）教育。", keyed, [*keyed, "国际主义", "人道主义"], s)
    assert not [p for p in problems(q, doc) if "正相反" in p]


def test_a_list_of_pairs_cut_at_its_join_is_no_multi():
    s = "统筹外部安全和内部安全、国土安全和国民安全、传统安全和非传统安全、自身安全和共同安全。"
    keyed = ["内部安全", "国土安全和国民安全", "共同安全"]
    q = choice("multi", "统筹外部安全和（　　）、（　　）、传统安全和非传统安全、自身安全和（　　）。", keyed,
               [*keyed, "边境安全", "普遍安全"], s)
    assert any("互相包含" in p or "拆分不当" in p for p in problems(q))


def test_a_counted_formula_given_away_by_its_list_is_asked_with_names_of_its_count():
    s = "坚持民主集中制，形成统一战线、武装斗争、党的建设三大法宝。"
    f = fact(s, ["三大法宝"], kind="formula", score=0.9)
    out = build_single([f], question_pool([f], s))
    assert out
    q = out[0][0]
    assert all(o.startswith("三") for o in q.options)
    assert {"三大战役", "三座大山", "三大改造"} & set(q.options)
    assert not problems(q, s)


def test_a_true_judgement_waits_for_its_sentences_fill_even_when_judgements_fall_behind():
    # a judgement that is its sentence as written tests nothing the sentence's fill does not, and
    # once asked it gives that fill away: the fill goes first even though judgements are owed
    fillers = [(1.0 - i * 0.06, _q("fill", f"第{i}句。", [f"句{i}"], f"x{i}")) for i in range(14)]
    fill = _q("fill", PEOPLE, ["来自人民"], "f")
    judge = Question(id="j", type="judge", stem=PEOPLE, answer=["对"], options=None,
                     source=Source("d", PEOPLE, ["来自人民"]))
    ids = [q.id for q in order([*fillers, (0.12, fill), (0.10, judge)])]
    assert ids.index("f") < ids.index("j")
