"""The paper layout model: numbering, points arithmetic, stems, option columns, version shuffling."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from paper_samples import sample_questions

from quizgen.model import Question, Source
from quizgen.render.layout import (
    LETTERS,
    build_paper,
    chinese_numeral,
    fmt_points,
    is_pinned_option,
    option_columns,
    stem_segments,
)


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 4, 10, 11, 20, 23, 99)] == ["一", "四", "十", "十一", "二十", "二十三", "九十九"]


def test_sections_headings_and_points():
    paper = build_paper(sample_questions(), points={"fill": 2, "single": 2, "multi": 3, "judge": 1})
    heads = [s.heading for s in paper.sections]
    # ten fill questions, one of them with two blanks: 11 blanks x 2 points
    assert heads[0] == "一、填空题（每空2分，共22分）"
    assert heads[1] == "二、单项选择题（每题2分，共20分）"
    assert heads[2] == "三、多项选择题（每题3分，共30分）"
    assert heads[3] == "四、判断题（正确的打“√”，错误的打“×”；每题1分，共10分）"
    assert paper.total_points == 82
    assert paper.count == 40
    assert [i.number for i in paper.sections[0].items] == list(range(1, 11))
    assert "满分82分" in paper.summary


def test_points_follow_types_order_and_fractions():
    paper = build_paper(sample_questions(), types=("judge", "fill"), points={"judge": 1.5, "fill": 1})
    assert [s.type for s in paper.sections] == ["judge", "fill"]
    assert paper.sections[0].heading.startswith("一、判断题")
    assert "每题1.5分，共15分" in paper.sections[0].heading
    assert fmt_points(1.5) == "1.5" and fmt_points(2.0) == "2"


def test_stems_get_blanks_and_brackets():
    src = Source("d", "s", [])
    fill = Question("f", "fill", "于____年在____召开。", ["1921", "上海"], src)
    assert [k for k, _ in stem_segments(fill)] == ["text", "blank", "text", "blank", "text"]
    single = Question("s", "single", "党的根本宗旨是（\u3000\u3000）。", ["a"], src, options=["a", "b"])
    assert [k for k, _ in stem_segments(single)] == ["text", "bracket", "text"]
    appended = Question("s2", "single", "党的根本宗旨是什么。", ["a"], src, options=["a", "b"])
    assert stem_segments(appended)[-2:] == [("bracket", ""), ("text", "。")]
    judge = Question("j", "judge", "民主集中制是党的根本组织原则。", ["对"], src)
    assert stem_segments(judge)[-1] == ("bracket", "")


def test_key_answers():
    paper = build_paper(sample_questions())
    key = paper.key
    assert len(key) == 40
    fill = key[0]
    assert fill.answer == "1921" and fill.section == "一、填空题"
    assert fill.sentence.startswith("中国共产党第一次全国代表大会")
    single = paper.sections[1].items[0]
    assert single.answer == LETTERS[single.options.index("全心全意为人民服务")]
    judges = [i.answer for i in paper.sections[3].items]
    assert judges[:2] == ["√", "×"]


def test_option_columns_by_length():
    assert option_columns(["一年", "半年", "两年", "三年"]) == 4
    assert option_columns(["党的全国代表大会和它所产生的中央委员会", "中央政治局"]) == 2
    assert option_columns(["支部党员大会一般每季度召开一次，党小组会一般每月召开一次", "b"]) == 1


def test_pinned_options():
    assert is_pinned_option("以上都是") and is_pinned_option("以上说法均正确") and is_pinned_option("上述都不对")
    assert not is_pinned_option("全心全意为人民服务") and not is_pinned_option("一年")


def test_versions_shuffle_but_keep_questions_and_keys():
    qs = sample_questions()
    a = build_paper(qs, version="A", shuffle_seed=7)
    b = build_paper(qs, version="B", shuffle_seed=7)
    again = build_paper(qs, version="A", shuffle_seed=7)
    ids = lambda p: [i.question.id for s in p.sections for i in s.items]
    assert sorted(ids(a)) == sorted(ids(b))
    assert ids(a) != ids(b)
    assert ids(a) == ids(again)
    assert a.full_title.endswith("（A卷）")
    for paper in (a, b):
        for sec in paper.sections:
            for item in sec.items:
                if item.options:
                    chosen = [item.options[LETTERS.index(x)] for x in item.answer]
                    assert sorted(chosen) == sorted(item.question.answer)
                    for k, opt in enumerate(item.options):
                        if is_pinned_option(opt):
                            assert k == len(item.options) - 1


option_text = st.text(alphabet="党建科技创新人民服务组织原则", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(opts=st.lists(option_text, min_size=2, max_size=6, unique=True), pinned=st.booleans(),
       seed=st.integers(0, 10_000), pick=st.integers(0, 5))
def test_shuffle_keeps_answer_and_pinned_last(opts, pinned, seed, pick):
    opts = [o for o in opts if not is_pinned_option(o)] or ["党建"]
    if pinned:
        opts = opts + ["以上都是"]
    answer = opts[pick % len(opts)]
    q = Question("q", "single", "下列正确的是（\u3000\u3000）。", [answer], Source("d", "s", [answer]), options=opts)
    item = build_paper([q], version="B", shuffle_seed=seed).sections[0].items[0]
    assert sorted(item.options) == sorted(opts)
    assert item.options[LETTERS.index(item.answer)] == answer
    if pinned:
        assert item.options[-1] == "以上都是"


def test_key_source_once_for_one_document_per_entry_for_several():
    qs = sample_questions()
    one = build_paper(qs, doc_titles={"sample_doc": "党建知识学习材料"})
    assert one.key_source == "《党建知识学习材料》"
    assert one.key_source_text(one.key[0]) == "出处：中国共产党第一次全国代表大会于1921年在上海召开。"
    mixed = build_paper(qs[:20] + sample_questions(doc="other_doc")[20:], doc_titles={"other_doc": "另一篇"})
    assert mixed.key_source == ""
    texts = [mixed.key_source_text(e) for e in mixed.key]
    assert texts[0].startswith("出处：sample_doc｜") and texts[-1].startswith("出处：《另一篇》｜")
