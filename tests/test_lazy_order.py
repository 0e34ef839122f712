"""The order of a document's questions is the same whether its fills are built at once or only
when the order reaches them (``questions.Later``): a long document builds few of its fills."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from quizgen.extract import extract_facts
from quizgen.questions import Later, order, question_id
from quizgen.questions.build import build_fill, fill_bound, question_pool
from quizgen.readers import read_path

FIXTURE = Path(__file__).parent / "fixtures" / "shijiuda_report.txt"


def _fills():
    """Every sentence's fills of the fixture report, sentence by sentence in reading order."""
    doc = read_path(str(FIXTURE), name="report")
    facts = extract_facts(doc)
    pool = question_pool(facts, doc.text)
    groups = defaultdict(list)
    for f in facts:
        groups[(f.position, f.sentence)].append(f)
    out = []
    for (_pos, sentence), group in groups.items():
        group.sort(key=lambda f: -f.score)
        made = [(base, q) for q, base in build_fill(group, pool)]
        for _base, q in made:
            q.id = question_id("report", q.type, sentence, q.source.spans)
        out.append((group, made))
    return out


def test_later_fills_give_the_same_order_and_are_mostly_never_built():
    fills = _fills()
    eager = [c for _g, made in fills for c in made]
    built = []

    def later(made):
        def build():
            built.append(made)
            return made
        return build

    first = next(i for i, (_g, made) in enumerate(fills) if made)
    lazy = [c for _g, made in fills[:first + 1] for c in made]
    lazy += [Later(fill_bound(g), later(made)) for g, made in fills[first + 1:]]
    assert len(eager) > 300
    want = [q.id for q in order(eager, 100)]
    got = [q.id for q in order(lazy, 100)]
    assert got == want
    assert len(built) < len(fills) / 2  # the order reached only the sentences it could ask


def test_a_bound_is_at_least_every_fill_built():
    for group, made in _fills():
        assert all(base <= fill_bound(group) + 1e-12 for base, _q in made)
