"""Moodle XML: the bank as Moodle's own question-import XML. A category question per document;
single and multiple choice as ``multichoice``, judgements as ``truefalse``, one-blank fills as
``shortanswer`` and fills with several blanks as ``cloze`` (``{1:SHORTANSWER:=答案~=alt}``).
Texts are HTML (``format="html"``), the 出处 is the general feedback; fractions are Moodle's."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from quizgen.exporters import ExportContext, Output, source_text
from quizgen.exporters.moodle_common import category, fill_answers, fill_parts, option_fractions
from quizgen.model import JUDGE_TRUE, Question

NAME = "moodle-xml"
SUFFIX = ".xml"
DESCRIPTION = "Moodle XML（题库 > 导入，选 Moodle XML 格式），多空填空题为完形填空（cloze）"

_CLOZE_SPECIAL = re.compile(r'([}#~/"\\])')


def _html(text: str) -> str:
    return html.escape(text, quote=False)


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = text
    return el


def _answer(parent: ET.Element, fraction: str, text: str, fmt: str = "html") -> None:
    el = ET.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(el, "text").text = text
    _text(el, "feedback", "")


def cloze_text(q: Question) -> str:
    """The question text of a multi-blank fill: each blank an embedded short answer. Braces in the
    rest of the text are entities, so Moodle never takes them for a sub-question."""
    parts = [_html(p).replace("{", "&#123;").replace("}", "&#125;") for p in fill_parts(q)]
    out = parts[0]
    for i, rest in enumerate(parts[1: len(q.answer) + 1]):
        alts = "~".join("=" + _CLOZE_SPECIAL.sub(r"\\\1", _html(a)) for a in fill_answers(q, i))
        out += "{1:SHORTANSWER:" + alts + "}" + rest
    return out


def question_xml(q: Question, ctx: ExportContext) -> ET.Element:
    multi_fill = q.type == "fill" and len(q.answer) > 1
    kind = {"single": "multichoice", "multi": "multichoice", "judge": "truefalse"}.get(
        q.type, "cloze" if multi_fill else "shortanswer")
    el = ET.Element("question", {"type": kind})
    _text(el, "name", q.id, None)
    _text(el, "questiontext", cloze_text(q) if multi_fill else _html(q.stem))
    _text(el, "generalfeedback", _html(source_text(q, ctx)))
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "0.3333333"
    ET.SubElement(el, "hidden").text = "0"
    if q.type in ("single", "multi"):
        ET.SubElement(el, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "true"
        ET.SubElement(el, "answernumbering").text = "ABCD"
        for option, fraction in zip(q.options, option_fractions(q)):
            _answer(el, fraction, _html(option))
    elif q.type == "judge":
        right = q.answer == [JUDGE_TRUE]
        _answer(el, "100" if right else "0", "true", "moodle_auto_format")
        _answer(el, "0" if right else "100", "false", "moodle_auto_format")
    elif not multi_fill:
        ET.SubElement(el, "usecase").text = "0"
        for a in fill_answers(q, 0):
            _answer(el, "100", _html(a), "moodle_auto_format")
    return el


def category_xml(path: str) -> ET.Element:
    el = ET.Element("question", {"type": "category"})
    _text(el, "category", path, None)
    _text(el, "info", "")
    return el


def to_xml(questions: list[Question], ctx: ExportContext) -> bytes:
    quiz, current = ET.Element("quiz"), None
    title = " ".join(ctx.title.split()).replace("--", "—")
    quiz.append(ET.Comment(f" {title}（quizgen 导出） "))
    for q in questions:
        cat = category(q, ctx)
        if cat != current:
            quiz.append(category_xml(cat))
            current = cat
        quiz.append(question_xml(q, ctx))
    ET.indent(quiz)
    body = ET.tostring(quiz, encoding="unicode", short_empty_elements=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def write(questions: list[Question], ctx: ExportContext) -> list[Output]:
    return [Output(to_xml(questions, ctx))]
