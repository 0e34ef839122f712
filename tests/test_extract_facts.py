"""Fact extraction: each kind of fact on small sentences, and invariants on the seed article.

The sentence cases live in ``fixtures/extract_cases.yaml`` (sentence in, expected facts out).
Only what any correct extractor must find is asserted, never the exact ranking.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from quizgen.extract import extract_facts, split_sentences
from quizgen.model import Block, Document

KINDS = {"year", "number", "term", "formula", "enumeration", "principle"}
CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "extract_cases.yaml").read_text(encoding="utf-8"))


def one_sentence_doc(sentence: str) -> Document:
    return Document(name="case", blocks=[Block(sentence)])


def facts_of(sentence: str):
    return extract_facts(one_sentence_doc(sentence))


def unquote(spans) -> list[str]:
    return [str(s).strip("“”") for s in spans]


def show(facts) -> str:
    return "\n".join(f"  {f.kind:<11} {f.spans} @{f.offsets} ({f.note})" for f in facts) or "  (no facts)"


def check_fact_shape(f, sentence: str) -> None:
    assert f.kind in KINDS, f"unknown kind {f.kind!r}"
    assert f.sentence == sentence
    assert f.spans and len(f.spans) == len(f.offsets), f
    for span, off in zip(f.spans, f.offsets):
        assert span, f"empty span in {f}"
        assert sentence[off:off + len(span)] == span, f"span {span!r} is not at offset {off} of {sentence!r}"


# ---------------------------------------------------------------------------- sentence cases


def test_cases_file_is_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case id"
    for c in CASES:
        assert set(c) <= {"id", "sentence", "expect", "absent", "no_kinds"}, c["id"]
        assert c.get("expect") or c.get("absent") or c.get("no_kinds"), c["id"]
        for e in c.get("expect") or []:
            assert e["kind"] in KINDS, c["id"]
            for span in e["spans"]:
                assert str(span) in c["sentence"], f"{c['id']}: expected span {span!r} not in the sentence"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extract_case(case):
    sentence = case["sentence"]
    facts = facts_of(sentence)
    for f in facts:
        check_fact_shape(f, sentence)
    for e in case.get("expect") or []:
        want = unquote(e["spans"])
        found = any(f.kind == e["kind"] and unquote(f.spans) == want for f in facts)
        assert found, f"{sentence}\nexpected {e['kind']} {want}; got:\n{show(facts)}"
    for text in case.get("absent") or []:
        bad = [f for f in facts if text in f.spans]
        assert not bad, f"{sentence}\n{text!r} must not be a span; got:\n{show(facts)}"
    for kind in case.get("no_kinds") or []:
        bad = [f for f in facts if f.kind == kind]
        assert not bad, f"{sentence}\nno {kind} expected; got:\n{show(facts)}"


def test_enumeration_members_are_in_order_and_disjoint():
    sentence = "大力营造求真务实、尊重知识、尊重人才、宽容失败的环境。"
    enums = [f for f in facts_of(sentence) if f.kind == "enumeration"]
    assert enums
    for f in enums:
        ends = [o + len(s) for s, o in zip(f.spans, f.offsets)]
        assert all(e <= o for e, o in zip(ends, f.offsets[1:])), f"members overlap or are out of order: {f}"
        assert all("、" not in s for s in f.spans), f"a member contains the separator: {f}"


def test_title_and_metadata_are_not_extracted():
    doc = Document(
        name="meta",
        title="科技是第一生产力——1954年“三重一大”",
        meta={"来源": "中国铝业报", "时间": "2022-11-30", "作者": "曹旗文"},
        blocks=[Block("洛阳铜加工创立于1954年，是国家重点工程之一。")],
    )
    facts = extract_facts(doc)
    assert facts
    assert {f.sentence for f in facts} == {"洛阳铜加工创立于1954年，是国家重点工程之一。"}
    assert not any(f.kind == "principle" or "三重一大" in f.spans for f in facts)


def test_empty_and_punctuation_only_documents_give_no_facts():
    assert extract_facts(Document(name="empty")) == []
    assert extract_facts(Document(name="p", blocks=[Block("。"), Block("")])) == []


# ---------------------------------------------------------------------------- sentences


def test_sentences_partition_each_paragraph(seed_doc):
    sentences = split_sentences(seed_doc)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    by_para: dict[int, list[str]] = {}
    for s in sentences:
        by_para.setdefault(s.para, []).append(s.text)
    for p, texts in by_para.items():
        block = seed_doc.blocks[p].text.strip()
        assert "".join(texts) == block, f"paragraph {p} is not the concatenation of its sentences"


def test_sentence_ends_at_full_stop_with_closing_quote():
    doc = Document(name="q", blocks=[Block("党的二十大报告提出，“科技是第一生产力。”洛阳铜加工创立于1954年。")])
    texts = [s.text for s in split_sentences(doc)]
    assert texts == ["党的二十大报告提出，“科技是第一生产力。”", "洛阳铜加工创立于1954年。"]


# ---------------------------------------------------------------------------- the seed article


def test_seed_facts_are_well_formed(seed_doc, seed_facts):
    assert seed_facts
    texts = {s.index: s.text for s in split_sentences(seed_doc)}
    for f in seed_facts:
        check_fact_shape(f, f.sentence)
        assert f.doc == seed_doc.name
        assert texts[f.position] == f.sentence, f"position {f.position} does not hold the fact's sentence"
    scores = [f.score for f in seed_facts]
    assert scores == sorted(scores, reverse=True), "facts are not most important first"


@pytest.mark.parametrize("kind,spans", [
    ("year", ["1954年"]),
    ("year", ["60年代"]),
    ("number", ["156项"]),
    ("term", ["三重一大"]),
    ("formula", ["两个“一以贯之”"]),
    ("enumeration", ["把方向", "管大局", "保落实"]),
    ("enumeration", ["求真务实", "尊重知识", "尊重人才", "宽容失败"]),
    ("principle", ["第一生产力"]),
    ("term", ["战斗堡垒作用"]),
])
def test_seed_key_facts_found(seed_facts, kind, spans):
    assert any(f.kind == kind and unquote(f.spans) == unquote(spans) for f in seed_facts), (kind, spans)


def test_seed_facts_never_come_from_title_metadata_or_boilerplate(seed_doc, seed_facts):
    assert seed_doc.title.startswith("增强动力 激发活力")
    assert seed_doc.meta.get("来源") == "中国铝业报"
    for f in seed_facts:
        assert seed_doc.title not in f.sentence and "增强动力 激发活力" not in f.sentence
        for marker in ("来源", "中国铝业报", "曹旗文", "2022-11-30", "附件", "友情链接", "版权所有", "ICP备",
                       "公网安备", "下载", "西直门"):
            assert marker not in f.sentence, f"{marker!r} leaked into a fact: {f.sentence}"


def test_extraction_is_deterministic(seed_doc, seed_facts):
    again = extract_facts(copy.deepcopy(seed_doc))
    assert [(f.kind, f.sentence, f.spans, f.offsets, f.score) for f in again] == \
        [(f.kind, f.sentence, f.spans, f.offsets, f.score) for f in seed_facts]
