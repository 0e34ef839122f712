"""Small builders shared by the choice-question tests: a fact in a sentence, a choice question,
and `quizgen bank check` run over a one-question bank."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from quizgen.bankio import question_to_dict
from quizgen.cli import main
from quizgen.model import Fact, Question, Source


def fact(sentence: str, spans: list[str], kind: str = "term", score: float = 0.8, position: int = 0,
         *, last: bool = False) -> Fact:
    """A fact whose spans are found in ``sentence`` (their last place with ``last``)."""
    find = sentence.rindex if last else sentence.index
    return Fact(kind=kind, sentence=sentence, spans=spans, offsets=[find(s) for s in spans], doc="d",
                score=score, position=position)


def choice(qtype: str, stem: str, answer: list[str], options: list[str], sentence: str) -> Question:
    return Question(id="d-x", type=qtype, stem=stem, answer=answer, options=options,
                    source=Source("d", sentence, list(answer)))


def bank_check_one(tmp_path: Path, q: Question):
    """`quizgen bank check` over a bank holding only ``q`` (in ``d.yaml``): (result, file)."""
    bank = tmp_path / "bank"
    bank.mkdir()
    path = bank / "d.yaml"
    path.write_text(yaml.safe_dump({"doc": "d", "questions": [question_to_dict(q)]},
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    return CliRunner().invoke(main, ["bank", "check", "--bank", str(bank)], catch_exceptions=False), path
