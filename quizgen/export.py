"""JSON export: the interchange shape {id, type, stem, options?, answer, source}."""

from __future__ import annotations

import json
import sys

from quizgen.bank import load_bank, warn_problems
from quizgen.bankio import question_to_dict
from quizgen.fsutil import atomic_write_text
from quizgen.model import Question
from quizgen.select import Selection, parse_statuses, parse_types, select, split_list

EXPORT_FIELDS = ("id", "type", "stem", "options", "answer", "accept", "source")


def question_json(q: Question) -> dict:
    """The interchange shape: the bank's fields a consumer needs, in the bank's order."""
    d = question_to_dict(q)
    return {k: d[k] for k in EXPORT_FIELDS if k in d}


def to_json(questions: list[Question]) -> str:
    return json.dumps([question_json(q) for q in questions], ensure_ascii=False, indent=1) + "\n"


def export_json(bank_dir: str, output: str, *, count=None, types=None, docs=None, tags=None,
                statuses=None, sections=None) -> int:
    """Write the chosen questions as JSON, in bank order (all of them, or the ``count`` most
    important, several on one sentence allowed: an export is the bank, not a paper)."""
    bank = load_bank(bank_dir)
    warn_problems(bank)
    sel = Selection(n=count, types=parse_types(types), docs=split_list(docs), tags=split_list(tags),
                    statuses=parse_statuses(statuses), sections=split_list(sections), one_per_fact=False)
    chosen = select(bank.questions, sel)
    text = to_json(chosen)
    if output == "-":
        sys.stdout.write(text)
    else:
        atomic_write_text(output, text)
    return len(chosen)
