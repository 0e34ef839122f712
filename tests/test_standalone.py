"""Questions answerable from their own stem (questions/standalone.py) and the commonness measure
behind it (extract/generic.py), on sentences copied from the corpus (tests never read it)."""

from __future__ import annotations

from quizgen.extract.features import span_features
from quizgen.extract.generic import generic_features, idf, stock_phrase
from quizgen.extract.patterns import Candidate
from quizgen.extract.sentences import Sentence
from quizgen.extract.terms import segment
from quizgen.model import Block, Document, Question, Source
from quizgen.pipeline import questions_for
from quizgen.questions.quality import problems
from quizgen.questions.standalone import ANAPHOR_MSG
from quizgen.textnorm import BLANK

# lishi_jueyi: a goal sentence whose every clause hangs on 到那时
BEFORE = "从二〇二〇年到二〇三五年基本实现社会主义现代化，从二〇三五年到本世纪中叶把我国建成社会主义现代化强国。"
THEN = ("到那时，我国物质文明、政治文明、精神文明、社会文明、生态文明将全面提升，实现国家治理体系和治理能力现代化，"
        "成为综合国力和国际影响力领先的国家，全体人民共同富裕基本实现，我国人民将享有更加幸福安康的生活，"
        "中华民族将以更加昂扬的姿态屹立于世界民族之林。")


def fill(stem_sentence: str, answer: list[str], sentence: str | None = None) -> Question:
    stem = stem_sentence
    for a in answer:
        stem = stem.replace(a, BLANK, 1)
    return Question(id="d-x", type="fill", stem=stem, answer=answer,
                    source=Source("d", sentence or stem_sentence, list(answer)))


def stemmed(stem: str, answer: list[str], sentence: str) -> Question:
    """A fill whose stem is given as it is (cut, or blanked otherwise than ``fill`` does)."""
    return Question(id="d-x", type="fill", stem=stem, answer=answer, source=Source("d", sentence, list(answer)))


def reference_problem(q: Question, doc_text: str = "") -> bool:
    return any("指代" in p for p in problems(q, doc_text))


def test_a_stem_opening_on_an_anaphor_is_not_asked():
    assert reference_problem(fill(THEN[:THEN.index("，实现")] + "。", ["精神文明"]))
    # after a short lead-in
    s = "同时，这也是党和人民事业不断发展的重要法宝。"
    assert reference_problem(fill(s, ["重要法宝"]))
    s = "其中，创新是引领发展的第一动力。"
    assert reference_problem(fill(s, ["第一动力"]))
    s = "这“七个有之”问题严重影响党的形象和威信，严重损害党群干群关系。"
    assert reference_problem(fill(s, ["党群干群关系"]))


def test_words_that_only_look_like_references_are_asked():
    for s, a in (("其他各种政治力量不可能完成的艰巨任务，党领导人民完成了。", ["艰巨任务"]),
                 ("此外，要充分发挥党支部的战斗堡垒作用。", ["战斗堡垒作用"]),
                 ("一直以来,该企业秉承创新精神,填补了国内铜及铜合金领域的多项空白。", ["创新精神"]),
                 ("这些历史深刻地说明:科技创新是企业生存和发展的根本。", ["企业生存和发展的根本"]),
                 ("党中央强调，中华优秀传统文化是中华民族的突出优势。", ["中华优秀传统文化"])):
        assert not reference_problem(fill(s, a)), s


def test_a_unit_cut_from_a_sentence_that_opens_on_an_anaphor_leans_on_it_too():
    doc_text = BEFORE + THEN
    unit = "成为综合国力和国际影响力领先的国家，全体人民共同富裕基本实现，"
    q = fill("……" + unit.rstrip("，") + "……", ["共同富裕"], sentence=unit)
    assert reference_problem(q, doc_text)
    assert not reference_problem(q)  # without the document the opening is unknown
    unit2 = "从二〇三五年到本世纪中叶把我国建成社会主义现代化强国。"
    assert not reference_problem(fill("……" + unit2, ["社会主义现代化强国"], sentence=unit2), doc_text)


def test_generated_questions_never_open_on_an_unresolved_reference():
    doc = Document(name="d", blocks=[Block(BEFORE + THEN), Block(
        "全面建成社会主义现代化强国，总的战略安排是分两步走。这是党中央作出的重大战略决策。")])
    qs = questions_for(doc)
    assert qs  # the sentences that state something are still asked
    stems = [q.stem for q in qs]
    assert not any(s.lstrip("…").startswith(("到那时", "这是")) for s in stems), stems
    assert not any(q.source.sentence in THEN for q in qs), stems


def test_a_stock_phrase_is_no_answer():
    # seed_article: 研究解决企业在科技创新过程中面临的新情况、新问题
    for a in ("新情况", "新问题", "发展水平"):
        assert stock_phrase(a), a
    for a in ("重要基础", "政治建设", "政府作用", "策源地", "马克思主义", "引线框架材料", "第一生产力"):
        assert not stock_phrase(a), a
    s = "研究解决企业在科技创新过程中面临的新情况、新问题,不断提升科技创新能力。"
    assert any("猜得出" in p for p in problems(fill(s, ["新情况", "新问题"])))
    s = "培育良好的创新文化是推动企业科技创新的重要基础。"
    assert not any("猜得出" in p for p in problems(fill(s, ["重要基础"])))


def test_commonness_is_a_span_feature():
    assert idf("发展") < idf("造币")
    assert "idf_max<5" in generic_features(segment("新问题"))
    assert "all_rare" in generic_features(segment("策源地"))
    s = "勇当新技术的“策源地”,有效解决技术难题。"
    sent = Sentence(s, 0, 0, 0, 0)
    c = Candidate("term", ["策源地"], [s.index("策源地")], 0.5, note="quoted")
    assert "all_rare" in span_features(c, sent, 5000, 1, segment)
    assert "all_rare" not in span_features(c, sent, 5000, 1)  # no segmenter: not measured


def test_narrative_places_and_events_are_features():
    from quizgen.extract.features import sentence_features

    s = "公司先后在靖边站、榆林市举办职工运动会，累计投放贷款3亿元。"
    f = sentence_features(Sentence(s, 0, 0, 0, 0), 10)
    assert {"event", "loan", "past"} <= set(f) and any(k.startswith("places") for k in f)
    c = Candidate("term", ["靖边站"], [s.index("靖边站")], 0.5)
    assert "place_span" in span_features(c, Sentence(s, 0, 0, 0, 0), 5000, 1, segment)


def test_a_whole_list_blank_keeps_the_shared_tail_of_its_last_member():
    # lishi_jueyi: 党的领导是党和国家的根本所在、命脉所在
    s = "党的领导是党和国家的根本所在、命脉所在，是全国各族人民的利益所系、命运所系。"
    cut = Question(id="d-x", type="fill", stem="党的领导是____所在，是全国各族人民的利益所系、命运所系。",
                   answer=["党和国家的根本所在、命脉"], source=Source("d", s, ["党和国家的根本所在、命脉"]))
    assert any("词尾" in p for p in problems(cut))
    whole = fill(s, ["根本所在、命脉所在"])
    assert not any("词尾" in p for p in problems(whole))


def test_place_names_and_tallies_of_past_business_are_not_asked():
    s = "公司在陕西榆林市建成靖边站，保障了冬季天然气供应。"
    assert any("地名" in p for p in problems(fill(s, ["靖边站"])))
    assert not any("地名" in p for p in problems(fill(s, ["冬季天然气供应"])))
    tally = "今年以来，该行已累计投放贷款35亿元，签约项目12个。"
    stance = "要加大贷款投放力度，全年新增贷款35亿元以上，支持民营企业发展。"
    doc = Document(name="d", blocks=[Block(tally), Block(stance)])
    asked = {q.source.sentence for q in questions_for(doc)}
    assert tally not in asked and stance in asked


def test_events_thanks_and_modifiers():
    s = "公司成功举办第五届职工运动会，展示了干部职工的精神风貌。"
    assert any("活动或赛事" in p for p in problems(fill(s, ["第五届职工运动会"])))
    thanks = "我代表公司党委，向全体干部职工及家属，表示衷心的感谢！"
    doc = Document(name="d", blocks=[Block(thanks), Block("要坚持以人民为中心的发展思想，增进民生福祉。")])
    assert thanks not in {q.source.sentence for q in questions_for(doc)}
    t = "全年经济社会发展主要目标任务圆满完成。"
    c = Candidate("term", ["经济社会发展"], [t.index("经济社会发展")], 0.5)
    assert "modifies_noun" in span_features(c, Sentence(t, 0, 0, 0, 0), 5000, 1, segment)
    c = Candidate("term", ["主要目标任务"], [t.index("主要目标任务")], 0.5)
    assert "modifies_noun" not in span_features(c, Sentence(t, 0, 0, 0, 0), 5000, 1, segment)


def test_a_stem_opening_on_the_copula_has_lost_its_subject():
    # lishi_jueyi: the second ；-part of 是…的需要；是…的需要
    part = "是推进党的自我革命、提高全党斗争本领和应对风险挑战能力、永葆党的生机活力的需要。"
    assert any("主语" in p for p in problems(fill(part, ["永葆党的生机活力"])))
    assert any("主语" in p for p in problems(fill("……也是" + part[1:], ["永葆党的生机活力"])))
    whole = "勇于自我革命是中国共产党区别于其他政党的显著标志。"
    assert not any("主语" in p for p in problems(fill(whole, ["勇于自我革命"])))
    asked = "是否坚持党的领导，是检验党性的试金石。"
    assert not any("主语" in p for p in problems(fill(asked, ["试金石"])))


def test_a_whole_list_blank_keeps_the_shared_head_of_its_first_member():
    # lishi_jueyi: 贯彻党的基本理论、基本路线、基本方略
    s = "统筹国内国际两个大局，贯彻党的基本理论、基本路线、基本方略，采取一系列战略性举措。"
    cut = Question(id="d-x", type="fill", stem="统筹国内国际两个大局，贯彻党的基本____，采取一系列战略性举措。",
                   answer=["理论、基本路线、基本方略"], source=Source("d", s, ["理论、基本路线、基本方略"]))
    assert any("词头" in p for p in problems(cut))
    assert not any("词头" in p for p in problems(fill(s, ["基本理论、基本路线、基本方略"])))


def test_a_blank_does_not_end_on_an_adverb():
    # written for the case: 仍然 qualifies 是时代主题, not 和平与发展
    s = "当今世界，和平与发展仍然是时代主题。"
    assert any("副词" in p for p in problems(fill(s, ["和平与发展仍然"])))
    assert not any("副词" in p for p in problems(fill(s, ["和平与发展"])))


def test_a_blank_does_not_end_on_an_adverb_of_degree():
    # shijiuda_report: 是党和国家发展进程中极不平凡的五年 (极 qualifies 不平凡)
    s = "十八大以来的五年，是党和国家发展进程中极不平凡的五年。"
    assert any("副词" in p for p in problems(fill(s, ["党和国家发展进程中极"])))
    # lishi_jueyi: jieba tags the 才 of 爱才 an adverb; a member ending on it is whole
    s = "坚持真心爱才、悉心育才、倾心引才、精心用才，求贤若渴。"
    assert not any("副词" in p for p in problems(fill(s, ["真心爱才"])))


def test_a_cut_stem_does_not_open_on_a_verb_of_saying():
    # soe_article_sinopec_2020_hebei: who 强调 stands before the cut
    s = "看望慰问干部员工，强调要深入学习贯彻党的十九届五中全会精神，准确把握新发展阶段、新发展理念、新发展格局的丰富内涵和实践要求，"
    cut = stemmed("……强调要深入学习贯彻党的十九届五中全会精神，准确把握____、新发展理念、新发展格局的丰富内涵和实践要求……",
                  ["新发展阶段"], s)
    assert any("谁说的" in p for p in problems(cut))
    whole = "张玉卓强调，要准确把握新发展阶段、新发展理念、新发展格局的丰富内涵。"
    assert not any("谁说的" in p for p in problems(fill(whole, ["新发展阶段"])))
    # soe_article_sinopec_2020_shaanxi: nor on clauses running into one (……看望慰问干部员工，强调…)
    s = "了解生产经营情况，看望慰问干部员工，强调以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的十九届五中全会精神，"
    later = stemmed("……了解生产经营情况，看望慰问干部员工，强调以习近平新时代中国特色社会主义思想为指导，深入学习贯彻____……",
                    ["党的十九届五中全会精神"], s)
    assert any("谁说的" in p for p in problems(later))


def test_a_goal_to_be_matched_is_no_goal_achieved():
    from quizgen.extract.patterns import find_goals

    # gov_work_report_2024: the span took the verb (与“十四五”规划和____，)
    s = "并与“十四五”规划和基本实现现代化的目标相衔接，也考虑了经济增长潜力和支撑条件。"
    assert not any("相衔接" in c.spans[0] for c in find_goals(s))
    assert [c.spans[0] for c in find_goals("到二〇三五年基本实现社会主义现代化。")] == ["基本实现社会主义现代化"]


def test_a_cut_stem_is_not_only_a_purpose_clause():
    # soe_article_sinopec_2020_hebei: who contributes stands before the cut
    s = "为构建“一基两翼三新”发展格局、打造世界领先洁净能源化工公司作出新的更大贡献。"
    cut = stemmed("……为构建“____”发展格局、打造世界领先洁净能源化工公司作出新的更大贡献。", ["一基两翼三新"], s)
    assert any("目的" in p for p in problems(cut))
    # a purpose clause before its main clause stays
    whole = "为构建“一基两翼三新”发展格局，要加大工作力度，作出新的更大贡献。"
    assert not any("目的" in p for p in problems(fill(whole, ["一基两翼三新"])))


def test_a_long_sentence_is_cut_after_its_verb_of_saying():
    from quizgen.extract.sentences import split_sentences

    # soe_article_sinopec_2020_hebei: the unit starts with what is said, not with 强调
    s = ("12月10日，集团公司董事长、党组书记张玉卓到公司驻河北企业调研，深入石家庄炼化、新星公司生产一线和装置现场，"
         "了解生产经营、安全环保、党的建设等工作情况，看望慰问干部员工，强调要深入学习贯彻党的十九届五中全会精神，"
         "准确把握新发展阶段、新发展理念、新发展格局的丰富内涵和实践要求，按照党组决策部署，自觉担当使命，积极推进转型升级。")
    units = [u.text for u in split_sentences(Document(name="d", title="t", blocks=[Block(s)]))]
    assert "".join(units) == s
    assert any(u.startswith("要深入学习") for u in units) and not any(u.startswith("强调") for u in units)


def test_a_list_fill_is_not_nearly_all_blanks():
    # gov_work_report_2024: four blanks in a stem of 11 other characters
    s = "深化收入分配、社会保障、医药卫生、养老服务等社会民生领域改革。"
    thin = fill(s, ["收入分配", "社会保障", "医药卫生", "养老服务"])
    assert any("几乎全是空" in p for p in problems(thin))
    s = "全面依法治国是国家治理的一场深刻革命，必须坚持厉行法治，推进科学立法、严格执法、公正司法、全民守法。"
    assert not any("几乎全是空" in p for p in problems(fill(s, ["科学立法", "严格执法", "公正司法", "全民守法"])))


def test_a_fill_whose_answers_the_stem_spells_out_is_not_asked():
    # gov_work_report_2024: 区域协调发展 in the stem gives 协调性 away
    s = "完善区域协调发展体制机制，实施一批重大项目，区域发展协调性、平衡性不断增强。"
    assert any("词根" in p for p in problems(fill(s, ["协调性", "平衡性"])))
    # one member of four shown (传播手段 … 传播力) leaves the others to recall
    s = "高度重视传播手段建设和创新，提高新闻舆论传播力、引导力、影响力、公信力。"
    assert not any("词根" in p for p in problems(fill(s, ["传播力", "引导力", "影响力", "公信力"])))


def test_a_whole_list_blank_at_the_cut_needs_the_frame_of_its_coverb():
    # shijiuda_report: 以____…… has lost the 为… that says what the five are for
    s = "实行更加积极、更加开放、更加有效的人才政策，以识才的慧眼、爱才的诚意、用才的胆识、容才的雅量、聚才的良方，"
    ans = ["识才的慧眼、爱才的诚意、用才的胆识、容才的雅量、聚才的良方"]
    q = stemmed("实行更加积极、更加开放、更加有效的人才政策，以____……", ans, s)
    assert any("截断处" in p for p in problems(q))
    s = "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设，"
    ans = ["经济建设、政治建设、文化建设、社会建设、生态文明建设"]
    q = stemmed("统筹推进____……", ans, s)
    assert not any("截断处" in p for p in problems(q))


def test_a_stock_formula_of_official_writing_is_no_answer():
    # soe_article_sinopec_2020_hebei: 激发工作____、____、____ is filled by anyone
    s = "要鼓足干劲、积极作为，不断激发工作积极性、主动性、创造性，全力挖潜增效。"
    assert any("套话" in p for p in problems(fill(s, ["积极性", "主动性", "创造性"])))
    one = stemmed("要鼓足干劲、积极作为，不断激发工作____，全力挖潜增效。", ["积极性、主动性、创造性"], s)
    assert any("套话" in p for p in problems(one))
    # a formulation a study session learns is no stock phrase, however often it is said
    s = "不断增强人民群众的获得感、幸福感、安全感。"
    assert not any("套话" in p for p in problems(fill(s, ["获得感", "幸福感", "安全感"])))
    # part of a stock formula is matched only whole
    assert not any("套话" in p for p in problems(fill("激发工作积极性、主动性、创造性。", ["积极性"])))
    s = "世界经济增长动能不足，外部环境的复杂性、严峻性、不确定性上升。"
    judge = Question(id="d-j", type="judge", stem=s, answer=["对"], source=Source("d", s, ["复杂性"]))
    assert any("套话" in p for p in problems(judge))


def test_a_verb_of_carrying_out_that_jieba_calls_an_idiom_is_no_term():
    from quizgen.extract.terms import find_terms

    # soe_article_sinopec_2020_shaanxi: ____新时代党的建设总要求 asked 认真贯彻
    s = "要坚持全面从严治党，认真贯彻新时代党的建设总要求和新时代党的组织路线。"
    assert "认真贯彻" not in [c.spans[0] for c in find_terms(s, s)]


def test_a_visit_reports_unit_holding_its_itinerary_is_not_asked():
    from quizgen.pipeline import questions_for

    # soe_article_sinopec_2020_shaanxi: the stations visited would print with what was stressed there
    toured = ("调研期间，董事长先后来到榆林拓新加油站和鄂尔多斯鸿运加油站，了解生产经营等情况，"
              "强调以持续攻坚创效行动为抓手，聚焦提质增效，坚决完成全年目标任务。")
    said = "董事长指出，安全是企业生存发展的基石，要突出抓好安全责任落实。"
    doc = Document(name="d", title="董事长到企业调研", blocks=[Block(toured), Block(said)])
    asked = {q.source.sentence for q in questions_for(doc)}
    assert said in asked
    assert not any("加油站" in s for s in asked)


def test_stock_frames_of_reports_and_announcing_sentences_are_not_asked():
    # gov_work_report_2024 and soe_article_sinopec_2020_shaanxi, judged TRIVIAL or open in audits
    s = "坚持一个中国原则和“九二共识”，坚决反对“台独”分裂和外来干涉，推动两岸关系和平发展。"
    assert any("套话" in p for p in problems(fill(s, ["九二共识", "台独"])))
    assert any("套话" in p for p in problems(fill(s, ["九二共识"])))
    s = "要切实提高站位、担当重任，在保障国家能源安全上再立新功。"
    assert any("套话" in p for p in problems(fill(s, ["再立新功"])))
    assert not any("套话" in p for p in problems(fill(s, ["国家能源安全"])))
    s = "一年来，我们深入学习贯彻党的二十大和二十届二中全会精神，按照党中央决策部署，主要做了以下工作。"
    assert any("引出下文" in p for p in problems(fill(s, ["二十届二中全会"])))
    s = "脱贫攻坚战取得决定性进展，贫困发生率从百分之十点二下降到百分之四以下。"
    assert not any("引出下文" in p for p in problems(fill(s, ["决定性进展"])))
    two = fill("要切实提高站位、担当重任，在保障国家能源安全上再立新功。", ["国家能源安全", "再立新功"])
    assert any("套话" in p for p in problems(two))


def test_a_blank_right_after_a_pointing_word_leans_on_context():
    # gov_work_report_2024: 提出上述____ blanks what the sentences before listed
    s = "提出上述预期目标，综合考虑了国内外形势和各方面因素，兼顾了需要和可能。"
    assert ANAPHOR_MSG in problems(fill(s, ["预期目标"]))
    assert ANAPHOR_MSG not in problems(fill(s, ["国内外形势"]))


def test_a_blank_whose_answer_the_stem_spells_out_or_a_slogan_frame_gives_is_refused():
    # gov_work_report_2024 and shijiuda_report, judged TRIVIAL in audits 2043 and before
    s = "深化大数据、人工智能等研发应用，开展“人工智能+”行动，打造具有国际竞争力的数字产业集群。"
    assert problems(fill(s, ["人工智能+"]), s)
    s = "坚持房子是用来住的、不是用来炒的定位，加快建立多主体供给、多渠道保障、租购并举的住房制度。"
    assert any("套话" in p for p in problems(fill(s, ["房子"])))
