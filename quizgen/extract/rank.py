"""How likely a quiz writer is to test a sentence, and how testable a span is.

Sentence features: reported words of leaders and documents (强调, 指出, 提出), normative
wording (必须, 坚持, 务必), structure (a paragraph's or section's first sentence, 一是… items,
section headings), quotation marks; narrative detail (visits, figures of output) weighs less.
"""

from __future__ import annotations

import re

from quizgen.extract.sentences import Sentence

AUTHORITY_RE = re.compile(r"强调|指出|提出|要求|指示|明确|号召|宣告|庄严")
MUST_RE = re.compile(r"必须|务必|坚持|始终|决不|绝不")
NORMATIVE_RE = re.compile(r"根本|关键|核心|本质|首要|第一|最大|重大")
NARRATIVE_RE = re.compile(r"调研|参观|看望|慰问|走访|座谈|陪同|记者|据悉|了解到|听取|汇报|介绍")


def sentence_weight(sent: Sentence, sentences: list[Sentence]) -> float:
    if len(sent.text) < 6:
        return 0.0
    s = sent.full or sent.text  # 党中央强调 at the head of a long sentence speaks for all its parts
    w = 1.0
    if sent.heading:
        w *= 0.75
    if AUTHORITY_RE.search(s):
        w += 0.3  # what a leader or a document states (党中央强调, 明确…) is what quizzes ask
    if MUST_RE.search(s):
        w += 0.25
    if NORMATIVE_RE.search(s):
        w += 0.1
    if sent.in_para == 0 and not sent.heading:
        w += 0.1
    if sent.index < 3:
        w += 0.1
    if NARRATIVE_RE.search(s):
        w -= 0.3
    return max(w, 0.1)


def span_factor(spans: list[str], kind: str) -> float:
    """Short spans a person can recall exactly are better blanks than long ones."""
    if kind == "enumeration":
        n = len(spans)
        longest = max(len(x) for x in spans)
        return (1.0 if 3 <= n <= 6 else 0.8) * (1.0 if longest <= 8 else 0.7)
    n = len(spans[0])
    if n <= 1:
        return 0.3
    if n <= 10:
        return 1.0
    if n <= 16:
        return 0.75
    return 0.5
