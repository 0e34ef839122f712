"""Judgements that test something (questions/judge.py, judgerules.py, the order): a true
statement only where a false twin changes a fact, no sibling swap inside a whole glossary family,
no formulation-for-formulation swap outside a definition or a count, one judgement per sentence.
Sentences written for these tests."""

from __future__ import annotations

from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, Fact, Question, Source
from quizgen.questions import order
from quizgen.questions.build import build_judge, question_pool
from quizgen.questions.judgerules import fair_swap, specific_frame, whole_family_listed


def fact(sentence: str, spans: list[str], kind: str = "term", score: float = 0.8) -> Fact:
    return Fact(kind=kind, sentence=sentence, spans=spans, offsets=[sentence.index(s) for s in spans],
                doc="d", score=score, position=0)


REPORT_FILLER = "各项工作扎实推进。" * 1200
"""Makes a document a long report (10,000 characters or more)."""


def judged(sentence: str, spans: list[str], kind: str, doc: str | None = None, variants: int = 30):
    """Every judgement build_judge makes of the sentence and of copies with a padded subject (a
    sentence's hash decides which of its two is preferred)."""
    out = []
    for k in range(variants):
        s = sentence.replace("公司", "公司" + "新" * k, 1) if "公司" in sentence else sentence
        g = [fact(s, spans, kind)]
        out.extend(q for q, _ in build_judge(g, question_pool(g, doc or s)))
    return out


def test_a_true_judgement_asks_the_fact_its_false_twin_changes():
    s = "公司党委成立于1956年，是当地最早的国有企业党组织之一。"
    qs = judged(s, ["1956年"], "year")
    true = [q for q in qs if q.answer == [JUDGE_TRUE]]
    false = [q for q in qs if q.answer == [JUDGE_FALSE]]
    assert true and false
    assert all(q.source.spans == ["1956年"] for q in true)
    assert all("1956年" not in q.stem for q in false)


def test_no_sibling_swap_inside_a_whole_family():
    s = "公司党委要充分调动广大职工的积极性、主动性、创造性，推动企业高质量发展。"
    assert whole_family_listed(s, "创造性")
    qs = judged(s, ["积极性", "主动性", "创造性"], "enumeration")
    assert not any(q.answer == [JUDGE_FALSE] for q in qs)
    o = s.index("创造性")
    assert not fair_swap(s, o, "创造性", "时代性", listed=True)
    part = "增强党内政治生活的政治性、时代性、原则性。"  # three of four: a member may change
    assert not whole_family_listed(part, "原则性")
    assert fair_swap(part, part.index("原则性"), "原则性", "创造性", listed=True)
    assert not fair_swap(part, part.index("原则性"), "原则性", "政治性", listed=True)  # already there


def test_a_formulation_for_another_only_in_a_definition_or_a_count():
    s = "公司全体党员要以实际行动践行“两个维护”，自觉在思想上政治上行动上同党中央保持高度一致。"
    o = s.index("两个维护")
    assert not specific_frame(s, o, "两个维护")
    assert not fair_swap(s, o, "两个维护", "两个确立")
    assert not any(q.answer == [JUDGE_FALSE] and "两个确立" in q.stem for q in judged(s, ["两个维护"], "term"))
    d = "“四个意识”是指政治意识、大局意识、核心意识、看齐意识。"
    assert specific_frame(d, d.index("四个意识"), "四个意识")
    assert fair_swap(d, d.index("四个意识"), "四个意识", "四个自信")
    c = "新发展理念包括五个方面，是管全局、管根本、管长远的。"
    assert specific_frame(c, 0, "新发展理念")
    e = "特别是要增强“四个意识”。"  # 特别是 defines nothing
    assert not specific_frame(e, e.index("四个意识"), "四个意识")


def test_a_sentence_is_judged_once_in_the_order():
    s = "公司党委成立于1956年，是当地最早的国有企业党组织之一。"

    def q(i: str, answer: str, stem: str) -> Question:
        return Question(id=i, type="judge", stem=stem, answer=[answer], source=Source("d", s, ["1956年"]))

    other = "公司工会成立于1958年。"
    cands = [(1.0, q("a", JUDGE_FALSE, s.replace("1956年", "1966年"))), (0.9, q("b", JUDGE_TRUE, s)),
             (0.5, Question(id="c", type="judge", stem=other, answer=[JUDGE_TRUE],
                            source=Source("d", other, ["1958年"])))]
    out = order(cands)
    assert [x.id for x in out] == ["a", "c"]


def test_a_formulation_named_by_its_members_is_a_specific_frame():
    s = "推翻了压在人民头上的帝国主义、封建主义、官僚资本主义三座大山。"
    assert specific_frame(s, s.index("三座大山"), "三座大山")
    assert fair_swap(s, s.index("三座大山"), "三座大山", "三大法宝")
    d = "把各方面干事创业的积极性充分调动起来。"  # a modifier before it specifies nothing
    assert not fair_swap(d, d.index("积极性"), "积极性", "政治性")


def test_bank_check_names_an_unfair_swap(tmp_path):
    import yaml
    from click.testing import CliRunner

    from quizgen.bankio import question_to_dict
    from quizgen.cli import main

    mixed = "公司党委要充分调动广大职工的积极性、主动性、创造性，推动企业高质量发展。"
    exhort = "公司全体党员要以实际行动践行“两个维护”，自觉同党中央保持高度一致。"
    defined = "“四个意识”是指政治意识、大局意识、核心意识、看齐意识。"
    qs = [Question(id=f"d-judge-{k}", type="judge", stem=s.replace(a, b), answer=[JUDGE_FALSE],
                   source=Source("d", s, [a]))
          for k, (s, a, b) in enumerate([(mixed, "创造性", "时代性"), (exhort, "两个维护", "两个确立"),
                                         (defined, "四个意识", "四个自信")])]
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "d.yaml").write_text(yaml.safe_dump({"questions": [question_to_dict(q) for q in qs]},
                                                allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(main, ["bank", "check", "--bank", str(bank)]).output
    assert "“创造性”换成“时代性”" in out and "全部成员" in out
    assert "“两个维护”换成“两个确立”" in out
    assert "“四个意识”换成“四个自信”" not in out


def test_an_exhortation_with_no_false_twin_is_not_judged():
    # urging with no subject, or a subject and 要: true whatever a reader knows
    for s in ("深化供销、物流和仓储体系等改革，健全基层服务网络。",
              "坚定维护集团党组权威，当好改革部署的执行者、推动者。",
              "我们要坚持稳字当头、稳中求进。"):
        assert not [q for q in judged(s, [s[2:6]], "term") if q.answer == [JUDGE_TRUE]], s
    # a proposition of a long report keeps its true judgement, with its subject or defined by 是
    # (a short text's needs a false twin: test_a_short_texts_statement_with_no_false_twin_…)
    for s, span in (("公司党委始终把安全生产摆在突出位置。", "安全生产"), ("发展绿色能源就是要让百姓用上清洁的热。", "绿色能源")):
        assert any(q.answer == [JUDGE_TRUE] for q in judged(s, [span], "term", doc=s + REPORT_FILLER)), s
    # an exhortation a false twin sets against still is asked both ways
    s = "深化改革，公司于2025年完成公司制改制。"
    assert {tuple(q.answer) for q in judged(s, ["2025年"], "year")} == {(JUDGE_TRUE,), (JUDGE_FALSE,)}


def test_no_true_judgement_that_an_event_was_held():
    s = "职工文化生活丰富多彩，春季职工运动会成功举办。"
    assert not [q for q in judged(s, ["春季职工运动会"], "term") if q.answer == [JUDGE_TRUE]]
    # asked of what it states (in a long report)
    assert any(q.answer == [JUDGE_TRUE] for q in judged(s, ["文化生活"], "term", doc=s + REPORT_FILLER))


def test_a_sections_heading_is_not_judged():
    # gov_work_report_2024: the heading was judged false with its year changed (2022年…政策取向)
    title = "2024年经济社会发展总体要求和政策取向"
    g = [Fact(kind="year", sentence=title, spans=["2024年"], offsets=[0], doc="d", score=0.8,
              position=0, section="二、" + title)]
    assert build_judge(g, question_pool(g, title + "\n今年要完成2024年的各项任务。")) == []
    s = "公司党委成立于1956年，是当地最早的国有企业党组织之一。"
    g = [Fact(kind="year", sentence=s, spans=["1956年"], offsets=[s.index("1956年")], doc="d", score=0.8,
              position=0, section="一、公司历史")]
    assert any(q.answer == [JUDGE_FALSE] for q, _ in build_judge(g, question_pool(g, s)))


def test_a_scope_word_used_as_an_adverb_is_not_swapped():
    # shijiuda_report: 尚未得到根本解决 was judged false as 尚未得到基本解决, no clear change
    s = "党内存在的突出问题尚未得到根本解决。"
    g = [Fact(kind="term", sentence=s, spans=["突出问题"], offsets=[s.index("突出问题")], doc="d", score=0.8,
              position=0)]
    assert not any("基本" in q.stem for q, _ in build_judge(g, question_pool(g, s)))
    s = "人民代表大会制度是我国的根本政治制度。"
    g = [Fact(kind="term", sentence=s, spans=["人民代表大会制度"], offsets=[0], doc="d", score=0.8, position=0)]
    assert any("基本政治制度" in q.stem for q, _ in build_judge(g, question_pool(g, s)))


def test_a_short_texts_statement_with_no_false_twin_is_not_judged_true():
    # soe_article_sinopec_2020_shaanxi: 安全是企业生存发展的基石… copied as 对 was BAD_JUDGE in audits
    s = "公司董事长指出，安全是企业生存发展的基石，必须突出抓好安全责任落实。"
    g = [fact(s, ["企业生存发展的基石"])]
    assert build_judge(g, question_pool(g, s)) == []
    long_text = s + REPORT_FILLER  # in a long report the true statement stays (recall)
    assert [q.answer for q, _ in build_judge(g, question_pool(g, long_text))] == [[JUDGE_TRUE]]
