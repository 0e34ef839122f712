"""Wrong options that fit the document and the stem (quizgen/questions/optionfit.py), with the
glossary's sorts, years and verbs (data/glossary.yaml) and counted-formula variants."""

from __future__ import annotations

from quizgen.glossary import siblings
from quizgen.model import Question, Source
from quizgen.questions.distractors import formula_variants
from quizgen.questions.optionfit import doc_year, fit_problems, said_near, too_new, verb_misfit

REPORT_2017 = (
    "五年来，我们统揽伟大斗争、伟大工程、伟大事业、伟大梦想。二〇一六年，党中央作出部署。"
    "从现在到二〇二〇年，是全面建成小康社会决胜期。到二〇三五年基本实现社会主义现代化。"
    "全党要增强“四个意识”，推进“两学一做”学习教育常态化制度化。"
)


def test_doc_year_is_the_latest_year_said_as_past_not_a_target():
    assert doc_year(REPORT_2017) == 2016  # 二〇二〇年 and 二〇三五年 are targets
    assert doc_year(REPORT_2017 + "牢记“四个伟大”。") == 2017  # a counted name first said in 2017
    assert doc_year("力争二〇三〇年前实现碳达峰。联合国二〇三〇年可持续发展议程。") is None


def test_a_formulation_newer_than_the_document_is_not_offered():
    assert too_new("两个确立", REPORT_2017)  # first stated 2021, not said in the text
    assert not too_new("四个意识", REPORT_2017)  # said in it
    assert not too_new("四个自信", REPORT_2017)  # 2016: not newer
    assert not too_new("两个确立", "没有年份的文字。")  # nothing dates the text: taken as recent
    assert too_new("两个确立", "二〇一五年，我们开展了“三严三实”专题教育。")


def test_sibling_names_are_of_one_sort():
    # a 学习教育 activity beside activities, never beside 两个维护 / 两个确立
    assert "三严三实" in siblings("两学一做")
    assert not {"两个维护", "两个确立", "四个意识"} & set(siblings("两学一做"))
    assert not {"五位一体", "三重一大"} & set(siblings("四个意识"))


def test_an_option_not_said_with_the_stem_verb_is_refused():
    before, after = "各级干部要增强“", "”、坚定“四个自信”。"
    assert verb_misfit("四个意识", "两个维护", before, after, "") == "增强"
    assert verb_misfit("四个意识", "两个确立", before, after, "") == "增强"
    assert verb_misfit("四个意识", "三个意识", before, after, "") == ""  # same head: fits
    # the document says the verb with the option: it fits
    assert verb_misfit("四个意识", "两个维护", before, after, "我们要增强“两个维护”的自觉。") == ""
    # the blank modifies what follows (推进“（　　）”学习教育): no verb-object check
    assert verb_misfit("两学一做", "三严三实", "推进“", "”学习教育常态化。", "") == ""


def test_the_gate_names_the_misfit_and_the_anachronism():
    q = Question(id="", type="single", stem="全党要增强“（　　）”，坚定理想信念。", answer=["四个意识"],
                 options=["四个意识", "两个确立", "三个意识", "五个意识"], source=Source("d", "s", ["四个意识"]))
    p = fit_problems(q, REPORT_2017)
    assert any("时代不符" in x for x in p) and any("增强" in x for x in p)
    q.options = ["四个意识", "三个意识", "五个意识", "六个意识"]
    assert fit_problems(q, REPORT_2017) == []


def test_a_document_string_is_of_the_list_sort_only_near_the_list():
    filler = "各地区各部门要狠抓落实，确保各项任务落到实处。" * 40  # about 900 characters
    doc = ("党重新确立马克思主义的思想路线、政治路线、组织路线。始终坚持党的群众路线。" + filler
           + "完善医疗路线和药品供应体系。")
    members = ["思想路线", "政治路线", "组织路线"]
    assert said_near("群众路线", members, doc)
    assert not said_near("医疗路线", members, doc)
    assert said_near("医疗路线", members, "")  # nothing to measure against


def test_counted_formulas_vary_only_a_count_with_its_measure_word():
    assert "三个意识" in formula_variants("四个意识")
    assert "七项行动" in formula_variants("八项行动")
    assert "三个“一以贯之”" in formula_variants("两个“一以贯之”")
    # names that count twice have no other counts: 三学一做, 四位一体 exist nowhere
    assert formula_variants("两学一做") == formula_variants("五位一体") == formula_variants("三严三实") == []


def test_a_multi_takes_no_same_head_string_said_about_another_matter():
    from choice_helpers import fact

    from quizgen.questions.build import build_multi, question_pool

    rule = "各级企业要严格落实安全生产责任制度、隐患排查治理制度、应急值守制度，守住安全底线。"
    near = "同时健全安全培训制度和事故报告制度。"
    far = "完善职工医疗保障制度和带薪休假制度。"
    filler = "各单位要狠抓落实，确保各项任务落到实处。" * 40
    doc = rule + near + filler + far
    f = fact(rule, ["安全生产责任制度", "隐患排查治理制度", "应急值守制度"], kind="enumeration")
    facts = [f, fact(near, ["安全培训制度", "事故报告制度"], kind="enumeration", position=1),
             fact(far, ["职工医疗保障制度", "带薪休假制度"], kind="enumeration", position=2)]
    pool = question_pool(facts, doc)
    out = build_multi([f], pool)
    assert out
    wrong = {o for o in out[0][0].options if o not in out[0][0].answer}
    assert wrong == {"安全培训制度", "事故报告制度"}  # the far ones are of another matter
    # with the near sentence gone, only far strings are left: no multi rather than a bad one
    doc2 = rule + filler + far
    pool2 = question_pool([f, facts[2]], doc2)
    assert not build_multi([f], pool2)


def test_a_single_on_a_named_formulation_offers_only_older_names_of_its_sort():
    from choice_helpers import fact

    from quizgen.questions.build import build_single, question_pool

    s = "二〇一七年，全党要推进“两学一做”学习教育常态化制度化。"
    f = fact(s, ["两学一做"], kind="formula", score=0.9)
    out = build_single([f], question_pool([f], s))
    for q, _ in out:  # 四史 (2019) is newer than the text; 两个维护 is no activity
        assert not {"四史", "两个维护", "两个确立", "三学一做"} & set(q.options)
    s = "全党要增强“四个意识”，做到知行合一。"
    f = fact(s, ["四个意识"], kind="formula", score=0.9)
    out = build_single([f], question_pool([f], s))
    assert out
    wrong = [o for o in out[0][0].options if o != "四个意识"]
    assert all(o.endswith("个意识") for o in wrong)  # 增强 takes no 四个自信 / 两个维护
