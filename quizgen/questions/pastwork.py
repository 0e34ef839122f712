"""Whether a question asks a detail of a review of past work (a quality-gate rule).

A report that opens by reviewing past work (一、2023年工作回顾; 过去五年的工作) lists what was done:
programmes closed by 等, plain counts (办成10件实事, 出台25部法规) and statistics (城镇化率提高到
66.2%, 新增税费优惠超过2.2万亿元). An organiser calls such a
question UNIMPORTANT: the count or the open list is a record, not what a study session tests.
This is a RULE, not a fitted weight, on purpose: only one development document has such a
section, so a ranking feature could not learn it. The section comes from the fact
(``Source.section``, the outline path of the sentence); a section is a review when one of its
headings says so (回顾, 过去…的工作, 过去一年, 过去五年).
"""

from __future__ import annotations

import re

from quizgen.extract.patterns import CJK
from quizgen.model import Fact, Question

REVIEW_RE = re.compile(r"回顾|过去[^/，,。]{0,8}?的?工作|过去(?:一|五|十|\d+)年")
COUNT_RE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)(?:多|余)?(?:万|亿)?"
                      r"[个件部项家条名次批所座种类位户人台套]")
"""A plain count of things (10件, 25部, 3000多家): figures with a measure word."""
STATISTIC_RE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两点]+)(?:多|余)?"
                          r"(?:%|％|个百分点|倍|(?:万|亿|万亿)?(?:元|吨|千瓦|公里|斤|亩))"
                          r"|第[一二三四五六七八九十\d]+[届次]")
"""A rate or an amount (城镇化率66.2%, 税费优惠2.2万亿元, 增长30%): the year's statistics, which
audits judged UNIMPORTANT in a review (a report's targets, in its plan, stay asked); and the
edition of an event held (第三届…高峰论坛)."""
CLOSED_BY_DENG_RE = re.compile(rf"(?:[、和与及][{CJK}“”]{{1,16}})*等")
REVIEW_MSG = "回顾以往工作部分的“等”字列举、件数部数或统计数字，属于工作记录，不是学习要考的内容"


def in_review(section: str) -> bool:
    """The outline path names a review of past work."""
    return bool(section) and bool(REVIEW_RE.search(section))


def _in_deng_list(span: str, sentence: str) -> bool:
    """``span`` is (a member of) a list that the sentence closes with 等."""
    at = sentence.find(span)
    if at < 0:
        return False
    after = sentence[at + len(span):]
    listed = "、" in span or sentence[:at].endswith("、") or after.startswith(("、", "等"))
    return listed and bool(CLOSED_BY_DENG_RE.match(after))


def review_detail(q: Question) -> bool:
    """``q`` asks, in a review of past work, a list closed by 等, a plain count or a statistic (a
    judgement's span is what its false twin changes: 66.2% for 66.7% is such a question too)."""
    if not in_review(q.source.section):
        return False
    spans = q.source.spans or q.answer
    return any(COUNT_RE.fullmatch(s) or STATISTIC_RE.fullmatch(s) or _in_deng_list(s, q.source.sentence)
               for s in spans)


def review_chunk(f: Fact) -> bool:
    """``f`` is a loose chunk of a review of past work (风险隐患仍然较多; 出台建设全国统一大市场
    总体工作方案): a phrase of a record, no formula, list, quoted term or aim. Audits judged such
    blanks UNIMPORTANT or open (风险挑战 fits ____仍然较多 as well); the review's formulas (时、度、
    效; 波浪式发展、曲折式前进) stay asked."""
    return f.note == "chunk" and in_review(f.section)
