"""The document index answers as the whole-text scans it replaced, and a term's topic weight
follows its frequency relative to the document's length."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.extract.terms import find_terms, topic_repeats
from quizgen.questions.quality import OUTLINE_RE, lead_of, listed_with, true_in_frame
from quizgen.textindex import SHORT, index_of
from quizgen.textnorm import norm

ALPHABET = "党的建设和、，。；\n （一）1.”"
texts = st.text(alphabet=ALPHABET, min_size=SHORT, max_size=SHORT + 400)
needles = st.text(alphabet=ALPHABET, max_size=6)


@settings(max_examples=150, deadline=None)
@given(texts, st.lists(needles, min_size=1, max_size=8), st.integers(min_value=0, max_value=SHORT + 400))
def test_index_counts_and_finds_as_str(text, subs, k):
    ix = index_of(text)
    for s in subs:
        assert ix.count(s) == text.count(s)
        assert ix.find(s) == text.find(s)
        assert (s in ix) == (s in text)
    k = min(k, len(text))
    assert ix.line_start(k) == text.rfind("\n", 0, k) + 1


def _lead_scan(unit: str, doc: str) -> str:
    """lead_of as it was: slicing the text before the unit."""
    k = doc.find(unit) if unit else -1
    if k <= 0:
        return "sentence"
    prev = doc[:k]
    line = prev[prev.rfind("\n") + 1:]
    m = OUTLINE_RE.match(line)
    if not line.strip() or (m and not line[m.end():].strip()):
        return "sentence"
    body = prev.rstrip("”’」』）)")
    if body.endswith(tuple("。！？!?")) or body.endswith("\n"):
        return "sentence"
    return "part" if prev.endswith(("；", ";")) else "mid"


def _frame_scan(option: str, left: str, right: str, doc: str) -> bool:
    """true_in_frame as it was: every occurrence of the option looked at."""
    left, right = left.rstrip().removesuffix("……"), right.lstrip()
    l2, r2 = left[-2:], right[:2]
    def content(s: str) -> bool:
        return len(s) == 2 and norm(s) == s

    for k in [m.start() for m in re.finditer(f"(?={re.escape(option)})", doc)] if option else []:
        before, after = doc[max(0, k - 2):k], doc[k + len(option):k + len(option) + 2]
        if (len(l2) == 2 and before == l2 and after[:1] == right[:1]) or (content(l2) and before == l2) \
                or (content(r2) and after == r2):
            return True
    return False


@settings(max_examples=150, deadline=None)
@given(texts, st.integers(min_value=0, max_value=SHORT), st.integers(min_value=1, max_value=12),
       st.text(alphabet=ALPHABET, max_size=4), st.text(alphabet=ALPHABET, max_size=4))
def test_frame_and_lead_checks_as_full_scans(doc, at, n, left, right):
    unit = doc[at:at + n]
    assert lead_of(unit, doc) == _lead_scan(unit, doc)
    option = doc[at:at + min(n, 4)]
    assert true_in_frame(option, left, right, doc) == _frame_scan(option, left, right, doc)
    members = [m for m in (left, right) if m]
    scan = any(doc[k + len(option):].startswith(j + m) or doc[max(0, k - len(m) - 1):k] == m + j
               for k in range(len(doc)) if option and doc.startswith(option, k) for m in members for j in "、和")
    assert listed_with(option, members, doc) == scan


SENTENCE = "我们要坚持和完善职业经理人制度。"


def _chunk_weight(doc: str) -> float:
    (c,) = [c for c in find_terms(SENTENCE, doc) if c.spans == ["职业经理人制度"]]
    return c.weight


def test_topic_weight_follows_frequency_per_length():
    # five repeats in a 10,000-character text: the text's own topic, halved; the same five in a
    # 60,000-character volume are a repeated term, weighted up
    assert topic_repeats(10_000) == 5 and topic_repeats(60_000) == 8
    short = (SENTENCE * 5).ljust(10_000, "。")
    long_ = (SENTENCE * 5).ljust(60_000, "。")
    assert _chunk_weight(long_) > _chunk_weight(short)
    assert _chunk_weight((SENTENCE * 8).ljust(60_000, "。")) == _chunk_weight(short)
