"""A member's practice over the bank, one answer at a time (the library behind the web 练习 page).

The questions are chosen exactly as ``quizgen quiz`` chooses them (:func:`quizgen.quiz.run.pick`:
filters, a weighted draw, one question per fact; with ``wrong`` the member's own wrong-answer
book, most often missed first), and each answer is graded by :mod:`quizgen.quiz.answers`, the
terminal quiz's grading (fill with accepted alternatives and enumerations in any order, single,
multi, judge). Each answer is recorded at once in the member's own wrong-answer book
(:class:`quizgen.quiz.book.WrongBook`, with its lock); a finished run becomes a
:class:`quizgen.results.ResultRecord` for the organiser.

A member's book lives in the bank folder as ``.quizgen-books/<hash>.json``: the file name is a
hash of the cleaned name, so no name ever becomes a path.

Answers come as form values, not a typed line: the text of each blank, the chosen letters, or
对/错. What the member sees after an answer is a :class:`Feedback` of plain strings; the page
escapes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.bank import load_bank
from quizgen.errors import InputError
from quizgen.exporters.common import points
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, TYPE_NAMES, Question
from quizgen.quiz.answers import (
    LETTERS,
    AnswerFormatError,
    Grade,
    Response,
    answer_text,
    blank_count,
    grade,
    parse_choice,
    response_text,
)
from quizgen.quiz.book import BOOK_NAME, WrongBook
from quizgen.quiz.render import BOOK_NOTES, marked_sentence
from quizgen.quiz.run import pick
from quizgen.results import DEFAULT_COUNT, ResultRecord, clean_name, now_text

BOOKS_DIR = ".quizgen-books"


def book_path(bank_dir: str | Path, name: str) -> Path:
    """Where the wrong-answer book of the member ``name`` (cleaned) is kept in the bank folder."""
    digest = hashlib.sha256(clean_name(name).encode("utf-8")).hexdigest()[:32]
    return Path(bank_dir) / BOOKS_DIR / f"{digest}-{BOOK_NAME}"


def member_book(bank_dir: str | Path, name: str, warn: Callable[[str], None] | None = None) -> WrongBook:
    """The member's wrong-answer book (empty when they have none yet)."""
    return WrongBook(book_path(bank_dir, name), warn=warn or (lambda _msg: None))


@dataclass
class SourceRef:
    """出处: the document's title, the section and the sentence with the tested spans marked."""

    title: str
    section: str
    parts: list[tuple[bool, str]]
    """The sentence cut into ``(marked, text)`` pieces."""

    @property
    def sentence(self) -> str:
        return "".join(t for _, t in self.parts)


@dataclass
class Feedback:
    """What the member is told after one answer."""

    correct: bool
    verdict: str
    """回答正确 / 回答错误 / 未作答."""
    answer: str
    """The correct answer (``B. 1921年``, ``A、C、D（…）``, ``对``, ``创新、协调``)."""
    given: str
    """What the member answered, as shown back."""
    details: list[str] = field(default_factory=list)
    """Multi: 选对/漏选/错选; fill with several blanks: one line per blank."""
    source: SourceRef | None = None
    book_note: str = ""


def source_ref(q: Question, doc_titles: dict[str, str]) -> SourceRef | None:
    if not q.source.sentence:
        return None
    spans = list(q.source.spans) or [a for a in q.answer if a in q.source.sentence]
    parts = [(style == "mark", text) for style, text in marked_sentence(q.source.sentence, spans)]
    return SourceRef(doc_titles.get(q.source.doc) or q.source.doc, q.source.section, parts)


def response_from_form(q: Question, values: list[str], *, skip: bool = False) -> Response:
    """The member's answer from the form: one text per blank (fill), the chosen letters (choice),
    or 对/错 (judge). Raises AnswerFormatError when nothing usable was given (ask again)."""
    values = [str(v) for v in values]
    raw = "、".join(v.strip() for v in values)
    if skip:
        return Response(raw="", skipped=True)
    if q.type in ("single", "multi"):
        if not "".join(values).strip():
            raise AnswerFormatError("请先选择答案（不会可点“跳过”）")
        letters = parse_choice("".join(values), len(q.options or []), q.type == "multi")
        return Response(raw=raw, letters=letters)
    if q.type == "judge":
        value = values[0].strip() if values else ""
        if value not in (JUDGE_TRUE, JUDGE_FALSE):
            raise AnswerFormatError("请选择 对 或 错（不会可点“跳过”）")
        return Response(raw=value, truth=value == JUDGE_TRUE)
    n = blank_count(q)
    blanks = [v.strip() for v in values[:n]] + [""] * max(0, n - len(values))
    if not any(blanks):
        raise AnswerFormatError("请填写答案（不会可点“跳过”）")
    return Response(raw=raw, blanks=blanks)


def feedback(q: Question, r: Response, g: Grade, doc_titles: dict[str, str], book_outcome: str = "") -> Feedback:
    """Right or wrong, the correct answer, what was wrong in detail, and the 出处."""
    if g.correct:
        verdict = "回答正确"
    else:
        verdict = "未作答" if r.skipped else "回答错误"
    details: list[str] = []
    if q.type == "multi" and r.letters and not g.correct:
        hits = [x for x in r.letters if x in g.right_letters]
        if hits:
            details.append(f"选对 {''.join(hits)}")
        if g.missed:
            details.append(f"漏选 {''.join(g.missed)}")
        if g.extra:
            details.append(f"错选 {''.join(g.extra)}")
    if q.type == "fill" and len(q.answer) > 1 and r.blanks and not g.correct:
        for i, ok in enumerate(g.blank_ok):
            got = r.blanks[i] if i < len(r.blanks) else ""
            details.append(f"第 {i + 1} 空 {'✓' if ok else '✗'}：你填「{got}」，应为「{q.answer[i]}」")
    return Feedback(
        correct=g.correct, verdict=verdict, answer=answer_text(q), given=response_text(q, r),
        details=details, source=source_ref(q, doc_titles), book_note=BOOK_NOTES.get(book_outcome, ""),
    )


@dataclass
class Step:
    """One answered question."""

    question: Question
    grade: Grade
    feedback: Feedback


@dataclass
class Practice:
    """One member's run: the questions in order, the answers so far, and their book."""

    name: str
    questions: list[Question]
    book: WrongBook
    doc_titles: dict[str, str] = field(default_factory=dict)
    review: bool = False
    """Over the member's wrong-answer book: right answers count towards leaving it."""
    session: str = ""
    started: dt.datetime = field(default_factory=dt.datetime.now)
    ended: dt.datetime | None = None
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Things to tell the member first (questions of their book that left the bank)."""

    @property
    def index(self) -> int:
        """The number of the question asked now, from 0."""
        return len(self.steps)

    @property
    def current(self) -> Question | None:
        if self.ended is not None or self.index >= len(self.questions):
            return None
        return self.questions[self.index]

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def right(self) -> int:
        return sum(s.grade.correct for s in self.steps)

    def answer(self, qid: str, values: list[str], *, skip: bool = False,
               now: dt.datetime | None = None) -> Feedback:
        """Grade the answer to question ``qid`` (the one asked now), record it in the book and
        return what to show. An answer to another question (a page sent twice) is refused;
        an empty answer raises AnswerFormatError (shown, then asked again)."""
        q = self.current
        if q is None or q.id != qid:
            raise InputError("这道题已经答过了，请继续下一题")
        r = response_from_form(q, values, skip=skip)
        g = grade(q, r)
        outcome = self.book.record(q, g.correct, review=self.review)
        fb = feedback(q, r, g, self.doc_titles, outcome)
        self.steps.append(Step(q, g, fb))
        if self.index >= len(self.questions):
            self.ended = now or dt.datetime.now()
        return fb

    def stop(self, now: dt.datetime | None = None) -> None:
        """End the run early (the member pressed 结束); what was answered counts."""
        if self.ended is None:
            self.ended = now or dt.datetime.now()

    def record(self) -> ResultRecord:
        """The run as a result for the organiser (call once it is finished)."""
        ended = self.ended or dt.datetime.now()
        asked = [s.question for s in self.steps]
        return ResultRecord(
            name=self.name, session=self.session, right=self.right, answered=len(self.steps),
            planned=len(self.questions),
            points=sum(points(s.question) for s in self.steps if s.grade.correct),
            max_points=sum(points(q) for q in asked),
            started=now_text(self.started), ended=now_text(ended),
            seconds=max(0, round((ended - self.started).total_seconds())),
            wrong=[s.question.id for s in self.steps if not s.grade.correct], review=self.review,
        )


def start_practice(
    bank_dir: str | Path,
    name: str,
    *,
    count: int | None = DEFAULT_COUNT,
    wrong: bool = False,
    seed: int | None = None,
    session: str = "",
    warn: Callable[[str], None] | None = None,
) -> Practice:
    """A new run for the member ``name`` over the bank in ``bank_dir``: ``count`` questions drawn
    as ``quizgen quiz`` draws them, or (``wrong``) those of the member's wrong-answer book."""
    member = clean_name(name)
    bank = load_bank(bank_dir)
    book = member_book(bank_dir, member, warn)
    if not bank.questions:
        raise InputError("题库里还没有可练习的题，请联系组织者")
    if wrong and not len(book):
        raise InputError("你的错题本是空的：答错的题会记在这里，先去练习吧")
    try:
        chosen, notes = pick(bank.questions, book, count=count, seed=seed, wrong=wrong)
    except InputError as exc:
        if wrong:
            raise InputError("你错题本里的题都已不在题库中，没有可复习的题") from exc
        raise
    return Practice(
        name=member, questions=chosen, book=book, review=wrong, session=session, notes=notes,
        doc_titles={f.doc: f.title for f in bank.files if f.title},
    )


def type_name(q: Question) -> str:
    return TYPE_NAMES.get(q.type, q.type)


def option_letters(q: Question) -> list[tuple[str, str]]:
    """``(letter, option)`` pairs of a choice question."""
    return [(LETTERS[i], o) for i, o in enumerate(q.options or [])]
