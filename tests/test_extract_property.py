"""Property test: any text made of Party-text fragments, numbers and punctuation gives questions
that keep every invariant (fill gives back its sentence, spans in the sentence, options distinct
and containing the answers, judge 对/错), and extraction never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizgen.extract import extract_facts
from quizgen.model import Block, Document
from quizgen.questions import generate
from quizgen.questions.quality import as_written
from quizgen.textnorm import BLANK, fill_blanks, norm

FRAGMENTS = [
    "坚持", "党的领导", "人民当家作主", "依法治国", "有机统一", "是", "的", "和", "与", "以", "为主线",
    "“四个意识”", "“三重一大”", "两个“一以贯之”", "三件大事", "科技是第一生产力", "创新", "协调", "绿色",
    "开放", "共享", "发挥", "战斗堡垒作用", "到二〇三五年", "基本实现", "社会主义现代化", "1954年", "156项",
    "第十九次", "60年代", "实现", "进口替代", "必须", "强调", "明确", "走", "中国特色", "之路", "新时代",
    "自我净化", "自我完善", "全面的", "系统的", "和平", "发展", "本报讯 记者张三报道：", "5%", "２０２０年",
]
PUNCT = ["、", "，", "。", "；", "：", "“", "”", "！", "？", ",", ";", " ", "\n"]

text_st = st.lists(st.sampled_from(FRAGMENTS + PUNCT), min_size=1, max_size=80).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(text_st, min_size=1, max_size=5))
@example(["党的领导本报讯 记者张三报道：", ",坚持党的领导本报讯 记者张三报道：。"])  # a unit ending ：。
def test_questions_keep_their_invariants_on_any_text(paragraphs):
    doc = Document(name="p", blocks=[Block(p.strip()) for p in paragraphs if p.strip()])
    questions = generate(extract_facts(doc), doc.name)
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    for q in questions:
        sentence = q.source.sentence
        assert all(sp and sp in sentence for sp in q.source.spans), q
        if q.type == "fill":
            assert 1 <= len(q.answer) <= 4 and q.stem.count(BLANK) == len(q.answer), q
            assert as_written(fill_blanks(q.stem, q.answer), sentence), q
            assert all(norm(a) not in norm(q.stem.replace(BLANK, "")) for a in q.answer), q
        elif q.type in ("single", "multi"):
            assert len({norm(o) for o in q.options}) == len(q.options) >= 3, q
            assert all(a in q.options for a in q.answer), q
            assert (len(q.answer) == 1) if q.type == "single" else (len(q.answer) >= 2), q
        else:
            assert q.answer in (["对"], ["错"]), q
            assert as_written(q.stem, sentence) == (q.answer == ["对"]), q
