"""Extraction: from a Document to ranked Facts (most important first).

Candidates come from surface patterns (``patterns``, ``lists``) and segmentation (``terms``);
overlapping candidates are resolved in favour of the more specific kind. Ranking is two
decisions (``rank``): how likely the sentence is asked, and how likely this span is blanked
in it; a fact's score is their product. A sentence longer than ``MAX_SENTENCE`` characters is
not asked: no stem that long can be printed, and segmenting and pattern-matching one run of
text costs more than linear time (jieba's HMM alone is quadratic in an unknown run).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from quizgen.extract import frames, lists, patterns
from quizgen.extract.features import (
    narrative_end,
    narrative_only,
    sentence_features,
    span_features,
    states_something,
    visit_report,
)
from quizgen.extract.plans import current_plan
from quizgen.extract.rank import probability
from quizgen.extract.sentences import Sentence, split_sentences
from quizgen.extract.terms import doc_count, find_terms, pos_of, segment
from quizgen.model import Document, Fact

MAX_SENTENCE = 500
"""Longest sentence (or ；-unit) that is asked; the corpus's longest is 123 characters."""
KIND_ORDER = {"formula": 0, "enumeration": 1, "year": 2, "principle": 3, "number": 4, "term": 5}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clean_span(span: str, kind: str) -> bool:
    """A span a person can be asked for: no dangling quote or particle at its edges."""
    if span.count("“") != span.count("”") or span[:1] in "”’、，的之" or span[-1:] in "“‘、，":
        return False
    return kind == "enumeration" or not span.endswith("的")


def _function_word(span: str) -> bool:
    """特别, 进一步, 因此: one adverb, conjunction, preposition or pronoun tests nothing."""
    return len(span) <= 4 and pos_of(span)[:1] in ("d", "c", "p", "r", "u")


def _askable(c: patterns.Candidate) -> bool:
    """Every span of the candidate is clean (``_clean_span``) and no lone function word."""
    for sp in c.spans:
        if not _clean_span(sp, c.kind) or _function_word(sp):
            return False
    return True


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
        + frames.find_subjects(s, segment)
        + frames.find_this(s, segment, pos_of)
        + frames.find_frames(s)
        + frames.find_bullet(s)
        + frames.find_counts(s)
        + find_terms(s, doc_text)
    )
    found = [c for c in found if _askable(c)]
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


def featured_candidates(doc: Document) -> Iterator[tuple[Sentence, dict, list[tuple[patterns.Candidate, dict]]]]:
    """Each sentence with its features and its candidates with theirs: what ranking (and the
    script that fits its weights) sees."""
    sentences = split_sentences(doc)
    text = doc.text
    visit = visit_report(doc.title)
    plan = current_plan(text)  # “十四五” in a report of 2024 is a date: its blank asks nothing
    said: dict[str, list[patterns.Candidate]] = {}  # a sentence said again is analysed once
    # a candidate's features depend on its sentence's text alone: those of a text said more than
    # once are kept for its next time (only those: the features of every sentence would weigh)
    again = {t for t, n in Counter(s.text for s in sentences).items() if n > 1}
    featured: dict[str, list[dict]] = {}
    for sent in sentences:
        if not 6 <= len(sent.text) <= MAX_SENTENCE or narrative_only(sent) or (visit and not states_something(sent)):
            continue
        if visit and narrative_end(sent.text):
            continue  # a visit report's 来到…加油站，了解…情况，强调以…为抓手: the itinerary would print with it
        cands = said.get(sent.text)
        if cands is None:
            story = narrative_end(sent.text)  # no blank in who went where and what they saw
            cands = said[sent.text] = [c for c in sentence_candidates(sent.text, text)
                                       if c.offsets[0] >= story and plan not in (sp.strip("“”") for sp in c.spans)]
        sf = sentence_features(sent, len(sentences), cands)
        feats = featured.get(sent.text)
        if feats is None:
            feats = [span_features(c, sent, len(text), doc_count(text, c.spans[0]), segment) for c in cands]
            if sent.text in again:
                featured[sent.text] = [dict(f) for f in feats]
        else:
            feats = [dict(f) for f in feats]  # each row its own dicts, as when computed anew
        yield sent, sf, list(zip(cands, feats))


def extract_facts(doc: Document) -> list[Fact]:
    """Every fact of the document, most important first."""
    facts: list[Fact] = []
    for sent, sf, cands in featured_candidates(doc):
        if not cands:
            continue
        p_sent = probability("sentence", sf)
        for c, cf in cands:
            score = p_sent * probability("span", cf)
            facts.append(Fact(kind=c.kind, sentence=sent.text, spans=list(c.spans), offsets=list(c.offsets),
                              doc=doc.name, score=round(score, 5), position=sent.index, note=c.note,
                              section=sent.path))
    facts.sort(key=lambda f: (-f.score, f.position))
    return facts


__all__ = ["Sentence", "extract_facts", "featured_candidates", "split_sentences"]
