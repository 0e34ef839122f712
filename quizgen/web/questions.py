"""How a question is shown on a web page: as it prints (stem, lettered options), its answer, and
its source sentence inside its paragraph with the tested spans marked. Plain data for the
templates (lists of (marked, text) pieces); the templates escape every piece."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quizgen.doctext import paragraph
from quizgen.model import TYPE_NAMES, Question
from quizgen.quiz.answers import LETTERS, answer_text
from quizgen.quiz.render import marked_sentence, stem_display


@dataclass
class Shown:
    """A question ready for a template."""

    q: Question
    kind: str
    stem: str
    options: list[tuple[str, str]]
    answer: str
    alternatives: str
    context: list[tuple[bool, str]] = field(default_factory=list)
    """The source paragraph (or the sentence alone) as pieces; True marks a tested span."""


def source_pieces(bank_dir: str | Path, q: Question) -> list[tuple[bool, str]]:
    """The source sentence in its paragraph, cut into pieces with each tested span marked."""
    sentence = q.source.sentence
    if not sentence:
        return []
    spans = list(q.source.spans) or [a for a in q.answer if a in sentence]
    marked = [(style == "mark", text) for style, text in marked_sentence(sentence, spans)]
    para = paragraph(bank_dir, q.source.doc, sentence)
    at = para.find(sentence) if para else -1
    if at < 0:
        return marked
    before, after = para[:at], para[at + len(sentence):]
    return ([(False, before)] if before else []) + marked + ([(False, after)] if after else [])


def shown(bank_dir: str | Path, q: Question) -> Shown:
    alts = "；".join(f"{q.answer[i]}：{' / '.join(a)}" for i, a in enumerate(q.accept) if a and i < len(q.answer))
    return Shown(q, TYPE_NAMES.get(q.type, q.type), stem_display(q),
                 [(LETTERS[i], o) for i, o in enumerate(q.options or [])], answer_text(q), alts,
                 source_pieces(bank_dir, q))
