"""One quiz run: which questions in which order, and the ask–grade–record loop.

Order: questions are drawn at random, the more important ones (higher ``score``) more often,
so each practice run brings a fresh set without losing the key facts; a ``seed`` makes the
draw — the questions and their order — the same every run. In review mode (``--wrong``) the
questions missed most often come first.

The loop ends after the last question, at the first mistake in a challenge, at the end of
input or on Ctrl-C; whatever was answered is already in the wrong-answer book by then.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from quizgen.model import Question
from quizgen.quiz.answers import AnswerFormatError, Response, grade, parse_response
from quizgen.quiz.book import WrongBook
from quizgen.quiz.render import (
    Answered,
    Line,
    feedback_lines,
    prompt_text,
    question_lines,
    retry_line,
)
from quizgen.quiz.ui import TIMEOUT


class UI(Protocol):
    asks_again: bool
    """Ask again after an unreadable answer (a person at a terminal), or count it wrong (piped)."""

    def emit(self, lines: list[Line]) -> None: ...

    def read(self, prompt: str, deadline: float | None = None) -> str: ...


def draw(pool: list[Question], n: int | None, seed: int | None) -> list[Question]:
    """``n`` questions of ``pool`` (all if None) in quiz order: a weighted random draw without
    replacement (Efraimidis–Spirakis), reproducible for a given ``seed``. ``pool`` is ordered most
    important first; the weight falls with that rank from 1 (first) to 0.25 (last).
    """
    rng = random.Random(seed)
    size = len(pool)
    keyed = [(rng.random() ** (1.0 / (1.0 - 0.75 * rank / size)), rank, q) for rank, q in enumerate(pool)]
    keyed.sort(key=lambda t: (-t[0], t[1]))
    chosen = [q for _, _, q in keyed]
    return chosen if n is None else chosen[:n]


def review_order(
    pool: list[Question], wrong: dict[str, int], n: int | None, seed: int | None
) -> list[Question]:
    """Questions of the wrong-answer book: the most often missed first, ties in seeded random order."""
    rng = random.Random(seed)
    tiebreak = {q.id: rng.random() for q in pool}
    chosen = sorted(pool, key=lambda q: (-wrong.get(q.id, 0), tiebreak[q.id]))
    return chosen if n is None else chosen[:n]


@dataclass
class Settings:
    """How this run goes."""

    challenge: bool = False
    """挑战答题: stop at the first mistake."""
    review: bool = False
    """``--wrong`` mode: right answers count towards leaving the book."""
    time_limit: int | None = None
    """Seconds per question, or None."""


@dataclass
class Result:
    """What happened in a run."""

    answered: list[Answered] = field(default_factory=list)
    planned: int = 0
    elapsed: float = 0.0
    ended_by: str = ""
    """"" when the quiz ran its course; ``interrupt`` (Ctrl-C) or ``eof`` (end of input)."""
    added: int = 0
    """Questions newly put in the wrong-answer book."""
    cleared: int = 0
    """Questions that left the book."""

    @property
    def right(self) -> int:
        return sum(a.grade.correct for a in self.answered)


def ask(ui: UI, q: Question, deadline: float | None, clock: Callable[[], float]) -> Response:
    """Read answers until one can be understood; past the deadline the answer is 超时."""
    prompt = prompt_text(q)
    while True:
        text = ui.read(prompt, deadline)
        late = deadline is not None and clock() > deadline
        if text.startswith(TIMEOUT):  # the terminal gave up waiting; keep what was typed so far
            text, late = text[len(TIMEOUT) :], True
            if not text.strip():
                return Response(raw="", timed_out=True)
        try:
            r = parse_response(q, text)
        except AnswerFormatError as exc:
            if late:
                return Response(raw=text, timed_out=True)
            if not getattr(ui, "asks_again", True):  # piped: one line per question, never shift
                return Response(raw=text, skipped=True, unreadable=str(exc))
            ui.emit([retry_line(str(exc))])
            continue
        r.timed_out = late
        return r


def run(
    questions: list[Question],
    ui: UI,
    book: WrongBook | None,
    settings: Settings,
    clock: Callable[[], float] = time.monotonic,
) -> Result:
    """Ask each question in turn; record every answer in ``book`` at once (crash-safe)."""
    res = Result(planned=len(questions))
    started = clock()
    try:
        for index, q in enumerate(questions, 1):
            ui.emit(
                question_lines(
                    q,
                    index,
                    None if settings.challenge else len(questions),
                    res.right,
                    challenge=settings.challenge,
                    time_limit=settings.time_limit,
                )
            )
            t0 = clock()
            deadline = t0 + settings.time_limit if settings.time_limit else None
            r = ask(ui, q, deadline, clock)
            g = grade(q, r)
            took = clock() - t0
            # saved before it counts in the score: the summary never shows an answer the book missed
            outcome = book.record(q, g.correct, review=settings.review) if book is not None else ""
            res.answered.append(Answered(q, r, g, took))
            res.added += outcome == "added"
            res.cleared += outcome == "cleared"
            ui.emit(feedback_lines(q, r, g, outcome))
            if settings.challenge and not g.correct:
                break
    except KeyboardInterrupt:
        res.ended_by = "interrupt"
    except EOFError:
        res.ended_by = "eof"
    res.elapsed = clock() - started
    return res
