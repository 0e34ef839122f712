"""Fit the ranking weights (quizgen/data/rank_weights.json) from quiz writers' choices.

    python tools/fit_rank.py --gold DIR --corpus DIR --scorer score.py [--write] [--loo]

Gold files (``NAME.gold.json``: items with ``answer`` and ``sentence``, the spans human quiz
writers blanked) are matched to documents ``NAME.txt`` in the corpus folder. ``score.py`` is
the scorer that defines when a question covers a gold item; its ``same_sentence`` and
``covers`` label the training data, so the model learns exactly what is scored:

- the sentence model: a sentence (or unit of a long one) is positive when a writer tested
  something in it;
- the span model: a candidate in a tested sentence is positive when it covers a tested span.

Every sentence weighs the same in the fit (``DOC_POWER``; chosen by leave-one-out recall).
``--loo`` fits on all documents but one and scores the one left out, for each: recall of the
first 30 and 100 questions as quizgen would order them. ``--write`` stores the fit on all
documents. Newton steps on an L2-regularised log loss (a few dozen features): no dependency
beyond quizgen.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizgen.exporters.json_writer import question_json
from quizgen.extract import (
    featured_candidates,
    rank,
)
from quizgen.pipeline import questions_for
from quizgen.readers import read_path


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("quiz_scorer", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def samples(doc, gold: dict, scorer) -> tuple[list, list]:
    """(features, label) for the sentence model and for the span model, from one document."""
    items = gold["items"]
    sent_rows, span_rows = [], []
    for sent, sf, cands in featured_candidates(doc):
        probe = {"type": "fill", "source": {"sentence": sent.text}}
        tested = [g for g in items if scorer.same_sentence(probe, g)]
        sent_rows.append((sf, 1.0 if tested else 0.0))
        for c, cf in cands:
            q = {"type": "fill", "answer": list(c.spans),
                 "source": {"doc": doc.name, "sentence": sent.text, "spans": list(c.spans)}}
            if tested:
                span_rows.append((cf, 1.0 if any(scorer.covers(q, g) for g in tested) else 0.0))
    return sent_rows, span_rows


DOC_POWER = 0.0
"""Row weight 1/len(document rows)**DOC_POWER: 1 makes every document weigh the same, 0 every
sentence. Chosen by the mean leave-one-out recall over the dev documents (0: 0.25, 0.5: 0.24,
1: 0.19 at 100 questions)."""


def fit(rows_by_doc: list[list], l2: float = 1.0, steps: int = 25) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (a few dozen features: the
    Hessian is small); a document's rows share a total weight of len(rows)**(1 - DOC_POWER)."""
    data = []
    for rows in rows_by_doc:
        for x, y in rows:
            data.append((x, y, 1.0 / max(1, len(rows)) ** DOC_POWER))
    names = sorted({k for x, _y, _w in data for k in x})
    idx = {k: i for i, k in enumerate(names)}
    scale = len(data) / sum(wt for _x, _y, wt in data)  # weights sum to the number of rows
    rows = [([(idx[k], v) for k, v in x.items()], y, wt * scale) for x, y, wt in data]
    n = len(names)
    w = [0.0] * n
    for _ in range(steps):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for x, y, wt in rows:
            z = sum(w[i] * v for i, v in x)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = (p - y) * wt, p * (1 - p) * wt
            for i, v in x:
                grad[i] += g * v
                hi = hess[i]
                for j, u in x:
                    hi[j] += h * v * u
        for i, k in enumerate(names):
            if k != "bias":
                grad[i] += l2 * w[i]
                hess[i][i] += l2
            hess[i][i] += 1e-9
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return {k: round(w[i], 4) for k, i in idx.items() if abs(w[i]) >= 1e-4}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a·x = b (Gaussian elimination with partial pivoting; a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        if abs(piv) < 1e-12:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / piv
            if f:
                row, top = m[r], m[c]
                for k in range(c, n + 1):
                    row[k] -= f * top[k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))
        x[r] = s / m[r][r] if abs(m[r][r]) >= 1e-12 else 0.0
    return x


def fit_all(docs: dict, l2: float) -> dict:
    return {"sentence": fit([docs[d]["sent"] for d in docs], l2), "span": fit([docs[d]["span"] for d in docs], l2)}


def recall(doc, gold: dict, scorer, weights: dict) -> dict[int, float]:
    rank.use_weights(weights)
    try:
        qs = [question_json(q) for q in questions_for(doc)]
    finally:
        rank.use_weights(None)
    return {n: round(scorer.score(qs[:n], gold)["recall_core"], 3) for n in (30, 100)} | {
        "wf": round(scorer.score(qs[:100], gold)["well_formed"], 3)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, help="folder of NAME.gold.json files")
    ap.add_argument("--corpus", required=True, help="folder holding NAME.txt for each gold file")
    ap.add_argument("--scorer", required=True, help="score.py, whose covers() defines a hit")
    ap.add_argument("--l2", type=float, default=1.0,
                    help="L2 penalty; 1 gave the best mean leave-one-out recall at 100 on the two reports (0.3: 0.218, 1: 0.217, 3: 0.193)")
    ap.add_argument("--loo", action="store_true", help="report leave-one-document-out recall")
    ap.add_argument("--write", action="store_true", help="write quizgen/data/rank_weights.json")
    a = ap.parse_args(argv)
    scorer = load_scorer(a.scorer)
    docs = {}
    for gp in sorted(Path(a.gold).glob("*.gold.json")):
        name = gp.name[: -len(".gold.json")]
        doc = read_path(str(Path(a.corpus) / f"{name}.txt"))
        gold = json.loads(gp.read_text(encoding="utf-8"))
        s, p = samples(doc, gold, scorer)
        docs[name] = {"doc": doc, "gold": gold, "sent": s, "span": p}
        print(f"{name}: {len(s)} sentences ({sum(y for _x, y in s):.0f} tested), "
              f"{len(p)} spans in tested sentences ({sum(y for _x, y in p):.0f} tested)", file=sys.stderr)
    weights = fit_all(docs, a.l2)
    if a.loo:
        print(f"{'document':<18} {'all@30':>7} {'all@100':>8} {'loo@30':>7} {'loo@100':>8}")
        for held in docs:
            rest = {d: v for d, v in docs.items() if d != held}
            r_all = recall(docs[held]["doc"], docs[held]["gold"], scorer, weights)
            r_loo = recall(docs[held]["doc"], docs[held]["gold"], scorer, fit_all(rest, a.l2))
            print(f"{held:<18} {r_all[30]:>7} {r_all[100]:>8} {r_loo[30]:>7} {r_loo[100]:>8}  wf {r_all['wf']}")
    if a.write:
        out = {"about": "Fitted by tools/fit_rank.py from quiz writers' choices; do not edit by hand.",
               "fitted_on": sorted(docs), "l2": a.l2, **weights}
        (ROOT / "quizgen" / "data" / "rank_weights.json").write_text(
            json.dumps(out, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        print("wrote quizgen/data/rank_weights.json", file=sys.stderr)


if __name__ == "__main__":
    main()
