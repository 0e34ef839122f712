"""A blank of the five-year plan the document lives in asks the calendar, not the text
(extract/plans.py); a plan the text looks back on is history and stays asked. Sentences written
for these tests."""

from __future__ import annotations

from quizgen.extract import extract_facts
from quizgen.extract.plans import current_plan, plan_years
from quizgen.model import Block, Document


def test_the_plan_a_document_lives_in_is_not_blanked():
    doc = Document(name="d", title="公司2023年工作报告", blocks=[
        Block("2023年是全面落实“十四五”规划承上启下的关键一年，公司营业收入增长8%。"),
        Block("要加快实施“十四五”规划重大工程，全力推进炼化一体化项目建设。")])
    assert current_plan(doc.text) == "十四五"
    facts = extract_facts(doc)
    assert facts and not any("十四五" in sp for f in facts for sp in f.spans)


def test_a_plan_of_the_past_stays_asked():
    text = "洛阳铜加工创立于1954年，是国家“一五”期间兴建的重点工程之一。2021年，企业利润创历史最好水平。"
    assert current_plan(text) is None  # 2021 lies long after the first plan: it is history
    facts = extract_facts(Document(name="d", title="企业史", blocks=[Block(text)]))
    assert any(sp == "一五" for f in facts for sp in f.spans)
    assert plan_years(1) == (1953, 1957) and plan_years(3) == (1966, 1970) and plan_years(14) == (2021, 2025)


def test_a_text_with_no_year_keeps_its_plans():
    assert current_plan("是国家“一五”期间兴建的重点工程之一。") is None
