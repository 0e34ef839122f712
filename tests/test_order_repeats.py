"""A second question on a sentence (questions.order with questions.repeat_factors): in a long
text it waits until the other sentences worth asking were asked once; in a short text a
sentence's second fact is asked sooner. Sentences written for these tests."""

from __future__ import annotations

from quizgen.model import Question, Source
from quizgen.questions import order, repeat_factors
from quizgen.textnorm import BLANK

FIRST = "坚持以人民为中心的发展思想，不断增强人民群众的获得感。"
TOPICS = ["基层治理体系", "安全生产责任", "科技创新平台", "人才培养机制", "数字经济产业", "生态保护制度"]
OTHERS = [f"今年要突出重点，抓好{t}建设。" for t in TOPICS]


def _fill(sentence: str, span: str, n: int) -> Question:
    return Question(id=f"d-fill-{n}", type="fill", stem=sentence.replace(span, BLANK, 1), answer=[span],
                    source=Source("d", sentence, [span]))


def _candidates() -> list[tuple[float, Question]]:
    out = [(0.9, _fill(FIRST, "人民群众的获得感", 0)), (0.5, _fill(FIRST, "发展思想", 1))]
    out += [(0.1, _fill(s, t, k)) for k, (s, t) in enumerate(zip(OTHERS, TOPICS), 2)]
    return out


def _sentences(doc_text: str) -> list[str]:
    return [q.source.sentence for q in order(_candidates(), repeat=repeat_factors(doc_text))]


def test_a_long_text_asks_each_sentence_once_before_any_twice():
    asked = _sentences(FIRST + "".join(OTHERS) + "各项工作扎实推进。" * 1200)
    assert asked[0] == FIRST and asked[-1] == FIRST
    assert set(asked[1:-1]) == set(OTHERS)


def test_a_short_text_asks_a_sentences_second_fact_soon():
    assert _sentences(FIRST + "".join(OTHERS))[:2] == [FIRST, FIRST]
