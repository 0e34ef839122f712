"""The quiz loop with a scripted UI and a fake clock; question order; crash and signal safety."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from test_quiz_fixture import correct_answer, make_bank, questions, wrong_answer

from quizgen.quiz.book import WrongBook
from quizgen.quiz.render import Line
from quizgen.quiz.session import Settings, draw, review_order, run
from quizgen.quiz.ui import TIMEOUT, PlainUI

ROOT = Path(__file__).resolve().parents[1]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class ScriptUI:
    """Answers from a list; each answer is (seconds taken, text); text None means end of input."""

    def __init__(self, clock: Clock, script: list[tuple[float, str | None]], asks_again: bool = True):
        self.clock, self.script, self.shown = clock, list(script), []
        self.asks_again = asks_again

    def emit(self, lines: list[Line]) -> None:
        self.shown.extend(ln.text for ln in lines)

    def read(self, prompt: str, deadline: float | None = None) -> str:
        if not self.script:
            raise EOFError
        seconds, text = self.script.pop(0)
        self.clock.now += seconds
        if text is None:
            raise KeyboardInterrupt
        return text


Q = {q.id: q for q in questions()}


def test_time_limit_counts_late_answers_and_timeouts_as_wrong(tmp_path):
    clock = Clock()
    qs = [Q["s-power"], Q["j-true"], Q["f-hq"]]
    ui = ScriptUI(clock, [(5, "B"), (31, "对"), (40, TIMEOUT + "北")])
    res = run(qs, ui, WrongBook(tmp_path / "b.json"), Settings(time_limit=30), clock=clock)
    assert [a.grade.correct for a in res.answered] == [True, False, False]
    assert [a.response.timed_out for a in res.answered] == [False, True, True]
    assert sum("✗ 超时" in s for s in ui.shown) == 2 and "  你的答案：超时（北）" in ui.shown
    assert res.elapsed == pytest.approx(76)


def test_reasking_does_not_reset_the_clock(tmp_path):
    clock = Clock()
    ui = ScriptUI(clock, [(20, "Z"), (15, "B")])  # unreadable, then right but after 35 s in all
    res = run([Q["s-power"]], ui, None, Settings(time_limit=30), clock=clock)
    assert res.answered[0].response.timed_out and not res.answered[0].grade.correct


def test_unreadable_answer_is_asked_again_at_a_terminal_only():
    clock = Clock()
    ui = ScriptUI(clock, [(1, "AB"), (1, "B")])
    res = run([Q["s-power"]], ui, None, Settings(), clock=clock)
    assert res.answered[0].grade.correct and "单选题只选一个字母" in ui.shown
    ui = ScriptUI(clock, [(1, "AB"), (1, "B")], asks_again=False)
    res = run([Q["s-power"], Q["s-power"]], ui, None, Settings(), clock=clock)
    assert [a.grade.correct for a in res.answered] == [False, True]
    assert "✗ 无法识别的答案  正确答案：B. 科技创新" in ui.shown and "  单选题只选一个字母" in ui.shown


def test_interrupt_keeps_the_answers_so_far(tmp_path):
    clock = Clock()
    book = WrongBook(tmp_path / "b.json")
    ui = ScriptUI(clock, [(3, wrong_answer(Q["f-year"])), (2, None)])
    res = run([Q["f-year"], Q["f-hq"]], ui, book, Settings(), clock=clock)
    assert res.ended_by == "interrupt" and len(res.answered) == 1
    assert "f-year" in WrongBook(tmp_path / "b.json")


def test_draw_is_reproducible_and_favours_important_questions():
    pool = questions()  # already most important first
    assert [q.id for q in draw(pool, 5, 7)] == [q.id for q in draw(pool, 5, 7)]
    assert sorted(q.id for q in draw(pool, None, 3)) == sorted(q.id for q in pool)
    firsts = Counter(draw(pool, 1, seed)[0].id for seed in range(3000))
    assert firsts[pool[0].id] > 2 * firsts[pool[-1].id] > 0  # favoured, yet everything comes up


def test_review_order_most_missed_first():
    pool = questions()
    counts = {"f-hq": 5, "j-true": 3, "s-power": 3}
    got = [q.id for q in review_order([q for q in pool if q.id in counts], counts, None, 1)]
    assert got[0] == "f-hq" and set(got[1:]) == {"j-true", "s-power"}


def test_plain_ui_marks_the_answer_and_echoes_piped_input(tmp_path):
    import io

    out = io.StringIO()
    ui = PlainUI(stdin=io.StringIO("b\n"), stdout=out)
    ui.emit([Line([("", "出处："), ("mark", "科技创新"), ("", "。")])])
    assert ui.read("答案> ") == "b"
    assert out.getvalue() == "出处：【科技创新】。\n答案> b\n"
    with pytest.raises(EOFError):
        ui.read("答案> ")


def _start(bank: Path, book: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, QUIZGEN_BOOK=str(book), PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "quizgen", "quiz", "--bank", str(bank), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        # Ctrl-C as a terminal sends it, even when this run was started where SIGINT is ignored
        # (a background job): a child inherits an ignored signal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _read_until(p: subprocess.Popen, marker: str, limit: float = 30) -> str:
    seen = b""
    end = time.monotonic() + limit
    while marker not in seen.decode("utf-8", "ignore") and time.monotonic() < end:
        if not select.select([p.stdout], [], [], 0.5)[0]:
            continue
        chunk = os.read(p.stdout.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
    return seen.decode("utf-8", "ignore")


def _order(bank: Path, book: Path, **kw):
    from quizgen.bank import load_bank
    from quizgen.quiz.run import pick

    return pick(load_bank(bank).questions, WrongBook(book), **kw)[0]


def test_a_killed_quiz_loses_no_answer(tmp_path):
    bank, book = make_bank(tmp_path / "qb"), tmp_path / "book.json"
    qs = _order(bank, book, count=3, seed=2)
    p = _start(bank, book, "-n", "3", "--seed", "2")
    p.stdin.write((wrong_answer(qs[0]) + "\n" + wrong_answer(qs[1]) + "\n").encode("utf-8"))
    p.stdin.flush()
    _read_until(p, "第 3/3 题")  # both answered, third question asked
    time.sleep(0.2)
    p.kill()  # no chance to clean up
    p.wait(timeout=30)
    saved = json.loads(book.read_text(encoding="utf-8"))["questions"]
    assert set(saved) == {qs[0].id, qs[1].id}


def test_sigint_while_waiting_for_piped_input_ends_cleanly(tmp_path):
    bank, book = make_bank(tmp_path / "qb"), tmp_path / "book.json"
    qs = _order(bank, book, count=3, seed=2)
    p = _start(bank, book, "-n", "3", "--seed", "2")
    p.stdin.write((correct_answer(qs[0]) + "\n").encode("utf-8"))
    p.stdin.flush()
    text = _read_until(p, "第 2/3 题")
    time.sleep(0.2)  # now waiting for the second answer
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    text += out.decode("utf-8")
    assert p.returncode == 130, err
    assert "已中断（Ctrl-C）：答了 1/3 题" in text and "得分：1/1（100%）" in text
    assert b"Traceback" not in err
