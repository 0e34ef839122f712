"""Extraction: from a Document to ranked Facts (most important first).

Candidates come from surface patterns (``patterns``) and segmentation (``terms``); overlapping
candidates are resolved in favour of the more specific kind; each fact's score combines the
weight of its kind with the weight of its sentence (``rank``).
"""

from __future__ import annotations

from quizgen.extract import lists, patterns
from quizgen.extract.rank import sentence_weight, span_factor
from quizgen.extract.sentences import Sentence, split_sentences
from quizgen.extract.terms import find_terms, segment
from quizgen.model import Document, Fact

KIND_ORDER = {"formula": 0, "enumeration": 1, "year": 2, "principle": 3, "number": 4, "term": 5}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clean_span(span: str, kind: str) -> bool:
    """A span a person can be asked for: no dangling quote or particle at its edges."""
    if span.count("“") != span.count("”") or span[:1] in "”’、，的之" or span[-1:] in "“‘、，":
        return False
    return kind == "enumeration" or not span.endswith("的")


def _priority(c: patterns.Candidate) -> tuple[float, float]:
    rank = KIND_ORDER.get(c.kind, 9)
    if c.kind == "principle" and c.weight >= 0.9:
        rank = 0.5  # a stated rule (以X为主线, 总目标是Y) outranks an enumeration inside it
    return (rank, -c.weight)


def sentence_candidates(s: str, doc_text: str) -> list[patterns.Candidate]:
    found = (
        patterns.find_formulas(s, segment)
        + lists.find_enumerations(s, segment)
        + lists.find_pairs(s, segment)
        + patterns.find_years(s)
        + patterns.find_principles(s)
        + patterns.find_aims(s)
        + patterns.find_goals(s)
        + patterns.find_quotes(s)
        + patterns.find_roles(s)
        + patterns.find_numbers(s)
        + find_terms(s, doc_text)
    )
    found = [c for c in found if all(_clean_span(sp, c.kind) for sp in c.spans)]
    kept: list[patterns.Candidate] = []
    taken: list[tuple[int, int]] = []
    # specific kinds first; a later candidate overlapping a kept one is dropped
    for c in sorted(found, key=_priority):
        ranges = [(o, o + len(sp)) for sp, o in zip(c.spans, c.offsets)]
        if any(_overlaps(r, t) for r in ranges for t in taken):
            continue
        kept.append(c)
        taken.extend(ranges)
    return kept


def extract_facts(doc: Document) -> list[Fact]:
    """Every fact of the document, most important first."""
    sentences = split_sentences(doc)
    text = doc.text
    facts: list[Fact] = []
    for sent in sentences:
        sw = sentence_weight(sent, sentences)
        if sw <= 0:
            continue
        for c in sentence_candidates(sent.text, text):
            score = c.weight * sw * span_factor(c.spans, c.kind)
            facts.append(Fact(kind=c.kind, sentence=sent.text, spans=list(c.spans), offsets=list(c.offsets),
                              doc=doc.name, score=round(score, 4), position=sent.index, note=c.note))
    facts.sort(key=lambda f: (-f.score, f.position))
    return facts


__all__ = ["Sentence", "extract_facts", "split_sentences"]
