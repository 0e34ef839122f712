"""JSON: the interchange shape {id, type, stem, options?, answer, accept?, source}."""

from __future__ import annotations

import json

from quizgen.bankio import question_to_dict
from quizgen.exporters import ExportContext, Output
from quizgen.model import Question

NAME = "json"
SUFFIX = ".json"
DESCRIPTION = "JSON 数组（id、type、stem、options、answer、source），供其他程序读取"
EXPORT_FIELDS = ("id", "type", "stem", "options", "answer", "accept", "source")


def question_json(q: Question) -> dict:
    """The interchange shape: the bank's fields a consumer needs, in the bank's order."""
    d = question_to_dict(q)
    return {k: d[k] for k in EXPORT_FIELDS if k in d}


def to_json(questions: list[Question]) -> str:
    return json.dumps([question_json(q) for q in questions], ensure_ascii=False, indent=1) + "\n"


def write(questions: list[Question], ctx: ExportContext) -> list[Output]:
    return [Output(to_json(questions).encode("utf-8"))]
