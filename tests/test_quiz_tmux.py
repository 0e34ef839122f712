"""The quiz on a real terminal emulator (tmux): Chinese text wraps inside a narrow window with
hanging indents, and the screen reads as a user sees it. Skipped where tmux is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_quiz_fixture import correct_answer, make_bank

from quizgen.bank import load_bank
from quizgen.quiz.book import WrongBook
from quizgen.quiz.run import pick
from quizgen.quiz.ui import text_width

ROOT = Path(__file__).resolve().parents[1]
TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux not installed")


def tmux(sock: str, *args: str) -> str:
    return subprocess.run([TMUX, "-L", sock, *args], capture_output=True, text=True, check=False).stdout


def screen_until(sock: str, marker: str, limit: float = 20) -> list[str]:
    end = time.monotonic() + limit
    rows: list[str] = []
    while time.monotonic() < end:
        rows = tmux(sock, "capture-pane", "-p", "-t", "quiz").splitlines()
        if any(marker in r for r in rows):
            return rows
        time.sleep(0.2)
    raise AssertionError(f"{marker!r} never shown:\n" + "\n".join(rows))


def test_narrow_terminal_wraps_chinese_with_hanging_indent(tmp_path):
    bank, book = make_bank(tmp_path / "qb"), tmp_path / "book.json"
    (q,) = pick(load_bank(bank).questions, WrongBook(book), count=1, seed=1, types="multi")[0]
    sock = f"quizgen-test-{os.getpid()}"
    cmd = (
        f"cd {tmp_path} && QUIZGEN_BOOK={book} PYTHONPATH={ROOT} {sys.executable} -m quizgen quiz "
        f"--bank {bank} -n 1 --seed 1 --types multi; echo EXIT=$?; sleep 30"
    )
    env = dict(os.environ, TERM="xterm-256color")
    subprocess.run(
        [TMUX, "-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", "quiz", "-x", "36", "-y", "40", cmd],
        check=True,
        env=env,
    )
    try:
        screen_until(sock, "答案")
        tmux(sock, "send-keys", "-t", "quiz", correct_answer(q).lower(), "Enter")
        rows = screen_until(sock, "EXIT=")
    finally:
        tmux(sock, "kill-server")
    text = "\n".join(rows)
    assert "回答正确" in text and "得分：1/1" in text and "EXIT=0" in text
    assert all(text_width(r) <= 35 for r in rows), text  # wrapped by us, never by the terminal
    src = next(i for i, r in enumerate(rows) if r.startswith("出处"))
    assert rows[src + 1].startswith("  ") and rows[src + 1][2] not in "，。、"
    joined = rows[src] + "".join(r[2:] for r in rows[src + 1 : src + 4] if r.startswith("  "))
    assert q.source.sentence in joined
