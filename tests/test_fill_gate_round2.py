"""Gate rules for fill and single-choice stems (questions/standalone.py, questions/pastwork.py):
no blank at a cut, no open list in one blank, no record detail from a review of past work.
Sentences written for these tests (not copied from the corpus)."""

from __future__ import annotations

from quizgen.model import Block, Document, Question, Source
from quizgen.pipeline import questions_for
from quizgen.questions.quality import problems
from quizgen.questions.pastwork import in_review, review_detail
from quizgen.textnorm import BLANK


def fill(sentence: str, answer: list[str], *, stem: str | None = None, section: str = "") -> Question:
    if stem is None:
        stem = sentence
        for a in answer:
            stem = stem.replace(a, BLANK, 1)
    return Question(id="d-x", type="fill", stem=stem, answer=answer,
                    source=Source("d", sentence, list(answer), section))


def has(q: Question, word: str) -> bool:
    return any(word in p for p in problems(q))


# ------------------------------------------------------------------ a blank at the cut

def test_a_blank_the_cut_follows_at_once_is_not_asked():
    unit = "企业的中心任务是提高经营效益，在稳住基本盘的前提下"
    stem = "……企业的中心任务是" + BLANK + "，在" + BLANK + "……"
    assert has(fill(unit, ["提高经营效益", "稳住基本盘的前提下"], stem=stem), "截断处")


def test_a_blank_with_its_frame_after_it_or_a_whole_list_at_the_cut_is_asked():
    frame_kept = "……各级组织要同" + BLANK + "盛行……"
    assert not has(fill("各级组织要同形式主义盛行", ["形式主义"], stem=frame_kept), "截断处")
    whole_list = "……统筹推进" + BLANK + "……"
    answer = ["思想建设、组织建设、作风建设"]
    assert not has(fill("统筹推进思想建设、组织建设、作风建设", answer, stem=whole_list), "截断处")
    ends = "企业的中心任务是" + BLANK + "。"
    assert not has(fill("企业的中心任务是提高经营效益。", ["提高经营效益"], stem=ends), "截断处")


# ------------------------------------------------------------------ an open list in one blank

OPEN = "统筹用好土地、资金、人才、技术、数据、能源、交通等要素保障。"
CLOSED = "完善用地、用水、用电、用气、用工、用能保障机制。"


def test_an_open_list_of_six_or_more_members_is_not_one_blank():
    assert has(fill(OPEN, ["土地、资金、人才、技术、数据、能源、交通"]), "开放列举")


def test_a_short_open_list_or_a_closed_list_stays_one_blank():
    assert not has(fill("统筹用好土地、资金、人才等要素保障。", ["土地、资金、人才"]), "开放列举")
    assert not has(fill(CLOSED, ["用地、用水、用电、用气、用工、用能"]), "开放列举")


# ------------------------------------------------------------------ detail of a review of past work

REVIEW = "一、过去一年的工作回顾"
PLAN = "二、今年的主要任务"
LISTED = "推动设备更新、技能培训、厂区改造等项目落地。"
COUNTED = "全年办成民生实事12件，新建职工书屋8所。"


def test_review_headings_are_recognised():
    for h in ("一、2025年工作回顾", "过去五年的工作和主要成绩", "一、过去一年的主要工作"):
        assert in_review(h), h
    for h in ("二、今年的主要任务", "三、开创新局面", ""):
        assert not in_review(h), h


def test_a_review_does_not_ask_its_deng_lists_or_counts():
    assert review_detail(fill(LISTED, ["设备更新、技能培训、厂区改造"], section=REVIEW))
    assert review_detail(fill(LISTED, ["技能培训"], section=REVIEW))
    assert review_detail(fill(COUNTED, ["12件"], section=REVIEW))
    assert has(fill(COUNTED, ["12件"], section=REVIEW), "工作记录")


def test_the_same_facts_outside_a_review_and_other_review_facts_are_asked():
    assert not review_detail(fill(LISTED, ["设备更新、技能培训、厂区改造"], section=PLAN))
    assert not review_detail(fill(COUNTED, ["12件"], section=PLAN))
    principle = "我们深刻体会到，团结奋斗是战胜一切困难的根本保证。"
    assert not review_detail(fill(principle, ["根本保证"], section=REVIEW))
    assert not review_detail(fill("推动设备更新和技能培训取得实效。", ["设备更新"], section=REVIEW))


def test_a_document_with_a_review_section_asks_its_lists_and_counts_only_outside_it():
    body = "统筹推进乡村教育、乡村医疗、乡村养老、乡村文化等民生事业，全年完成改造项目12项，坚持以人民为中心的发展思想。"
    doc = Document(name="d", blocks=[
        Block(REVIEW, kind="heading", level=1), Block("一年来，我们" + body),
        Block("我们坚持和发展新时代“枫桥经验”，推动矛盾纠纷就地化解。"),
        Block(PLAN, kind="heading", level=1), Block("今年要" + body)])
    qs = questions_for(doc)
    detail = [q for q in qs if {"乡村养老", "12项"} & set(q.source.spans)]
    assert detail, "the plan's list and count should be asked"
    assert all(q.source.section == PLAN for q in detail)
    assert any(q.source.section == REVIEW for q in qs), "the review's other facts are still asked"


def test_a_loose_chunk_of_a_review_is_not_asked():
    # gov_work_report_2024: ____仍然较多 (风险隐患) was judged open and UNIMPORTANT; the plan's is asked
    from quizgen.extract import extract_facts
    from quizgen.questions import generate
    from quizgen.questions.pastwork import review_chunk

    s = "我国经济的基础还不稳固，社会预期偏弱，风险隐患仍然较多，国内大循环存在堵点。"
    doc = Document(name="d", blocks=[Block(REVIEW, kind="heading", level=1), Block(s),
                                     Block(PLAN, kind="heading", level=1), Block("今年要" + s)])
    facts = extract_facts(doc)
    chunks = [f for f in facts if "风险隐患" in f.spans and f.note == "chunk"]
    assert {f.section for f in chunks} == {REVIEW, PLAN}
    assert [review_chunk(f) for f in sorted(chunks, key=lambda f: f.section != REVIEW)] == [True, False]
    asked = {q.source.section for q in generate(facts, "d") if "风险隐患" in q.source.spans}
    assert asked == {PLAN}


STATISTIC = "常住人口城镇化率提高到66.2%，新增税费优惠超过2.2万亿元。"


def test_a_review_does_not_ask_its_statistics_in_any_type():
    # gov_work_report_2024: last year's 66.2%, 2.2万亿元 and 5.2% were single choices judged UNIMPORTANT
    for span in ("66.2%", "2.2万亿元"):
        assert review_detail(fill(STATISTIC, [span], section=REVIEW)), span
        assert not review_detail(fill(STATISTIC, [span], section=PLAN)), span
    single = Question(id="d-s", type="single", stem=STATISTIC.replace("66.2%", "（　　）"),
                      options=["65.7%", "66.2%", "66.7%", "67.2%"], answer=["66.2%"],
                      source=Source("d", STATISTIC, ["66.2%"], REVIEW))
    judge = Question(id="d-j", type="judge", stem=STATISTIC.replace("66.2%", "66.7%"), answer=["错"],
                     source=Source("d", STATISTIC, ["66.2%"], REVIEW))
    assert has(single, "工作记录") and has(judge, "工作记录")
    held = "成功举办第三届国际合作高峰论坛等重大主场外交活动。"
    assert review_detail(fill(held, ["第三届"], section=REVIEW))


def test_a_blank_whose_twin_stands_in_the_stem_is_refused():
    # gov_work_report_2024: 港人治港 is filled by putting 港 back into “澳人治澳”
    s = "坚定不移贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。"
    assert has(fill(s, ["港人治港"]), "只差一个字")
    assert has(fill("落实“爱国者治港”、“爱国者治澳”原则。", ["爱国者治港"]), "只差一个字")
    # two different pairs changed is no twin (政治判断力, 政治领悟力), nor a run across words (坚持|法治国家)
    assert not has(fill("不断提高政治判断力、政治领悟力、政治执行力。", ["政治判断力"]), "只差一个字")
    assert not has(fill("坚持依法治国，坚持法治国家、法治政府一体建设。", ["依法治国"]), "只差一个字")


def test_a_figure_is_asked_only_with_when_it_holds():
    # gov_work_report_2024: 能耗降低2.5%左右 of which year? (audits 2036 and 2039: UNREADABLE_STEM)
    undated = "单位国内生产总值能耗降低2.5%左右，生态环境质量持续改善。"
    assert has(fill(undated, ["2.5%"]), "哪一年")
    judge = Question(id="d-j", type="judge", stem=undated.replace("2.5%", "3.0%"), answer=["错"],
                     source=Source("d", undated, ["2.5%"]))
    assert has(judge, "哪一年")
    for dated, figure in (("今年发展主要预期目标是：国内生产总值增长5%左右。", "5%"),
                          ("公司创立于1954年，是国家兴建的156项重点工程之一。", "156项")):
        assert not has(fill(dated, [figure]), "哪一年")


def test_a_cut_stem_whose_clause_is_only_its_verb_and_the_blank_is_refused():
    s = "推动各类生产设备、服务设备更新和技术改造，加快实施“十四五”规划重大工程项目。"
    bare = fill(s, ["各类生产设备、服务设备更新和技术改造"], stem="……推动____，加快实施“十四五”规划重大工程项目。")
    assert has(bare, "一两个字")
    # a canonical list is still recognised there (lishi_jueyi: the five 强军)
    s = "推进政治建军、改革强军、科技强军、人才强军、依法治军，加快军事理论现代化。"
    listed = fill(s, ["政治建军、改革强军、科技强军、人才强军、依法治军"], stem="……推进____，加快军事理论现代化。")
    assert not has(listed, "一两个字")


def test_a_headings_year_is_not_asked():
    title = "2024年经济社会发展总体要求和政策取向"
    assert has(fill(title, ["2024年"], section="二、" + title), "标题")
    assert not has(fill("公司创立于1954年。", ["1954年"], section="一、公司历史"), "标题")
