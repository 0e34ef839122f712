"""The ranking model: shipped weights, features a bank can compute, and the fitting routine."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources
from pathlib import Path

from quizgen.extract import extract_facts, featured_candidates, rank
from quizgen.model import Block, Document

ROOT = Path(__file__).resolve().parents[1]


def _fit_module():
    spec = importlib.util.spec_from_file_location("fit_rank", ROOT / "tools" / "fit_rank.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shipped_weights_are_fitted_data():
    w = json.loads(resources.files("quizgen").joinpath("data/rank_weights.json").read_text(encoding="utf-8"))
    assert {"sentence", "span", "fitted_on"} <= set(w)
    assert len(w["fitted_on"]) >= 2
    assert all(isinstance(v, float | int) for m in ("sentence", "span") for v in w[m].values())


def test_scores_are_probabilities_and_follow_the_weights():
    doc = Document(name="d", blocks=[Block("创新是引领发展的第一动力，是建设现代化经济体系的战略支撑。"),
                                     Block("记者来到车间参观，看望了一线职工。")])
    facts = extract_facts(doc)
    assert facts and all(0.0 < f.score < 1.0 for f in facts)
    try:
        # a model that only likes the subject of a definition puts 创新 first
        rank.use_weights({"sentence": {"bias": 0.0}, "span": {"bias": -3.0, "subject_of_is": 6.0}})
        top = extract_facts(doc)[0]
        assert top.spans == ["创新"]
    finally:
        rank.use_weights(None)


def test_every_candidate_has_features_of_both_models():
    doc = Document(name="d", blocks=[Block("必须增强政治意识、大局意识、核心意识、看齐意识，自觉维护党中央权威。")])
    rows = list(featured_candidates(doc))
    assert rows
    for sent, sf, cands in rows:
        assert sf["bias"] == 1.0 and "must" in sf
        assert cands
        for c, cf in cands:
            assert cf["bias"] == 1.0 and f"kind_{c.kind}" in cf


def test_fit_learns_the_sign_of_a_feature():
    fit = _fit_module().fit
    rows = [({"bias": 1.0, "good": 1.0}, 1.0)] * 30 + [({"bias": 1.0}, 0.0)] * 30 + \
           [({"bias": 1.0, "good": 1.0}, 0.0)] * 5 + [({"bias": 1.0}, 1.0)] * 5
    w = fit([rows])
    assert w["good"] > 1.0 and w["bias"] < 0.0


def test_an_open_list_of_examples_is_a_feature_of_its_sentence_and_span():
    # gov_work_report_2024: a list closed by 等 names examples; a quoted term beside one is asked
    def feats(s):
        doc = Document(name="d", blocks=[Block(s)])
        return next((sf, cands) for sent, sf, cands in featured_candidates(doc) if sent.text == s)

    sf, cands = feats("推动养老、育幼、家政等服务扩容提质，支持社会力量提供社区服务。")
    assert "examples_only" in sf
    assert any("examples" in cf for c, cf in cands if c.kind == "enumeration")
    sf, _ = feats("严格落实中央八项规定精神，持续纠治“四风”，有力推进金融单位、国有企业等巡视整改工作。")
    assert "examples_only" not in sf
    sf, cands = feats("不断增强人民群众的获得感、幸福感、安全感。")
    assert "examples_only" not in sf and not any("examples" in cf for _c, cf in cands)
    w = json.loads(resources.files("quizgen").joinpath("data/rank_weights.json").read_text(encoding="utf-8"))
    assert w["sentence"]["examples_only"] < 0 and w["span"]["examples"] < 0
