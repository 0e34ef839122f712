"""Reviewing a bank's questions in the terminal (``quizgen review``): accept, reject, edit, skip,
undo, and resume where the last review stopped.

Modules: ``session`` (the review apart from any terminal: order, position, decisions, undo,
the saved place), ``edits`` (editing one field, validated), ``filedit`` (changing one question in
a bank file's text and nothing else), ``screen`` (what is shown), ``term`` (the key loop).
"""

from __future__ import annotations


def run_review_cli(**kwargs) -> None:
    from quizgen.review.term import run_review_cli as run

    run(**kwargs)


__all__ = ["run_review_cli"]
