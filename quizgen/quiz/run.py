"""``quizgen quiz``: from command-line options to a finished quiz and its exit code.

Loads the bank (broken questions skipped with a warning), applies the filters, picks the
questions (from the wrong-answer book with ``--wrong``), runs the session and prints the
summary. Exit codes: 0 when the quiz ends (including at the end of input), 130 on Ctrl-C,
2 for an empty bank, a filter that matches nothing or an empty wrong-answer book.
"""

from __future__ import annotations

import sys
import time

from quizgen.bank import load_bank, warn_problems
from quizgen.errors import InputError
from quizgen.model import Question
from quizgen.quiz.book import REVIEW_TO_CLEAR, WrongBook, default_book_path
from quizgen.quiz.render import line, summary_lines
from quizgen.quiz.session import Settings, draw, review_order, run
from quizgen.quiz.ui import make_ui
from quizgen.select import Selection, one_per_fact, parse_statuses, parse_types, select, split_list

DEFAULT_COUNT = 10
HOW_TO = "选择题输入字母（多选如 BD），判断题输入 对/错，填空题多个空用空格或、隔开；? 跳过，Ctrl-D 结束"


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def pick(
    questions: list[Question],
    book: WrongBook,
    *,
    count: int | None,
    types=None,
    doc=None,
    tag=None,
    seed: int | None = None,
    wrong: bool = False,
    challenge: bool = False,
    status=None,
    section=None,
) -> tuple[list[Question], list[str]]:
    """The questions of this run, in order (never two on one fact), and notes to show first."""
    notes: list[str] = []
    sel = Selection(n=None, types=parse_types(types), docs=split_list(doc), tags=split_list(tag), seed=seed,
                    statuses=parse_statuses(status), sections=split_list(section), one_per_fact=False)
    if count is not None and count <= 0:
        raise InputError("题目数量（-n）至少为 1")
    n = count if count is not None else (None if challenge else DEFAULT_COUNT)
    if not wrong:
        if not questions:
            raise InputError("题库中没有可用的题；请先运行 `quizgen extract 文件`")
        return one_per_fact(draw(select(questions, sel), None, seed), n), notes
    if not len(book):
        raise InputError(
            f"错题本是空的：没有可复习的题。请先用 "
            f"`quizgen quiz` 练习；答错的题会记在 {book.path}"
        )
    in_bank = {q.id for q in questions}
    gone = [e for e in book.entries.values() if e.id not in in_bank]
    if gone:
        notes.append(
            f"错题本中有 {len(gone)} 题已不在题库中，跳过："
            + "；".join(f"[{e.doc}] {_clip(e.stem)}" for e in gone[:3])
            + ("…" if len(gone) > 3 else "")
        )
    pool = [q for q in questions if q.id in book]
    if not pool:
        raise InputError(
            "错题本中的题都已不在这个题库中；"
            "没有可复习的题"
        )
    counts = {qid: e.wrong for qid, e in book.entries.items()}
    return one_per_fact(review_order(select(pool, sel), counts, None, seed), n), notes


def run_quiz_cli(
    bank: str = "question_bank",
    count: int | None = None,
    types: str | None = None,
    doc: str | None = None,
    tag: str | None = None,
    seed: int | None = None,
    wrong: bool = False,
    challenge: bool = False,
    time_limit: int | None = None,
    book: str | None = None,
    status: str | None = None,
    section: str | None = None,
) -> None:
    """Run a quiz in this terminal (or on piped input); exits 130 after Ctrl-C."""
    if time_limit is not None and time_limit <= 0:
        raise InputError("时间限制（--time）必须是大于 0 的秒数")
    loaded = load_bank(bank)
    warn_problems(loaded)
    wbook = WrongBook(book or default_book_path())
    chosen, notes = pick(
        loaded.questions,
        wbook,
        count=count,
        types=types,
        doc=doc,
        tag=tag,
        seed=seed,
        wrong=wrong,
        challenge=challenge,
        status=status,
        section=section,
    )
    ui = make_ui(time.monotonic)
    mode = "挑战答题：答错即止" if challenge else ("错题复习" if wrong else "练习")
    intro = [
        line(
            ("title", f"quizgen {mode}"),
            ("dim", f"  共 {len(chosen)} 题" if not challenge else f"  题库 {len(chosen)} 题"),
        ),
        line(("dim", HOW_TO), hang=2),
    ]
    intro += [line(("warn", n), hang=2) for n in notes]
    ui.emit(intro)
    result = run(chosen, ui, wbook, Settings(challenge=challenge, review=wrong, time_limit=time_limit))
    left = len(wbook)
    note = f"错题本：新增 {result.added} 题"
    if result.cleared:
        note += f"，移出 {result.cleared} 题"
    note += f"，现有 {left} 题"
    if wbook.unsaved:
        note = f"错题本：无法保存（{wbook.path}），本次答题没有记入错题本"
    elif left:
        note += f"（quizgen quiz --wrong 复习；复习时连续答对 {REVIEW_TO_CLEAR} 次移出）"
    ui.emit(
        summary_lines(
            result.answered,
            planned=result.planned,
            elapsed=result.elapsed,
            ended_by=result.ended_by,
            challenge=challenge,
            book_note=note,
        )
    )
    if result.ended_by == "interrupt":
        sys.exit(130)
