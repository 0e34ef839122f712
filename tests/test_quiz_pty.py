"""`quizgen quiz` in a pseudo-terminal (pexpect): the prompt_toolkit path, Ctrl-C, Ctrl-D, countdown."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from test_quiz_fixture import correct_answer, make_bank, wrong_answer

from quizgen.bank import load_bank
from quizgen.quiz.book import WrongBook
from quizgen.quiz.run import pick

pexpect = pytest.importorskip("pexpect")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path):
    return {"bank": make_bank(tmp_path / "qb"), "book": tmp_path / "book.json"}


def spawn(env, *args: str, cols: int = 80):
    e = dict(
        os.environ,
        QUIZGEN_BOOK=str(env["book"]),
        PYTHONPATH=str(ROOT),
        TERM="xterm-256color",
        PROMPT_TOOLKIT_NO_CPR="1",
        LANG="C.UTF-8",
    )
    e.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizgen", "quiz", "--bank", str(env["bank"]), *args],
        env=e,
        encoding="utf-8",
        timeout=20,
        dimensions=(30, cols),
    )
    return child


def order(env, **kw):
    kw.setdefault("count", None)
    return pick(load_bank(env["bank"]).questions, WrongBook(env["book"]), **kw)[0]


def book(env) -> dict:
    return json.loads(env["book"].read_text(encoding="utf-8"))["questions"] if env["book"].exists() else {}


def test_terminal_quiz_scores_and_colours(env):
    qs = order(env, count=3, seed=8)
    child = spawn(env, "-n", "3", "--seed", "8")
    for i, q in enumerate(qs, 1):
        child.expect(f"第 {i}/3 题")
        child.expect("答案")
        child.sendline(correct_answer(q) if i != 2 else wrong_answer(q))
        child.expect("回答正确" if i != 2 else "回答错误")
    child.expect("得分：")
    child.expect("2/3")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b[" in child.before  # the terminal path: styled output
    assert set(book(env)) == {qs[1].id}


def test_ctrl_c_ends_cleanly_and_keeps_what_was_answered(env):
    qs = order(env, count=4, seed=3)
    child = spawn(env, "-n", "4", "--seed", "3")
    child.expect("第 1/4 题")
    child.expect("答案")
    child.sendline(wrong_answer(qs[0]))
    child.expect("回答错误")
    child.expect("第 2/4 题")
    child.expect("答案")
    child.sendcontrol("c")
    child.expect("已中断")
    child.expect("答了 1/4 题")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert set(book(env)) == {qs[0].id}


def test_ctrl_d_ends_with_the_score_so_far(env):
    qs = order(env, count=3, seed=5)
    child = spawn(env, "-n", "3", "--seed", "5")
    child.expect("答案")
    child.sendline(correct_answer(qs[0]))
    child.expect("第 2/3 题")
    child.expect("答案")
    child.sendcontrol("d")
    child.expect("输入结束")
    child.expect("1/1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_countdown_then_timeout_without_an_answer(env):
    child = spawn(env, "-n", "1", "--seed", "1", "--time", "2")
    child.expect("剩  [12] 秒")
    child.expect("超时", timeout=10)
    child.expect("得分：")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and len(book(env)) == 1


def test_retry_prompt_in_a_narrow_terminal(env):
    qs = order(env, count=1, seed=2, types="multi")
    child = spawn(env, "-n", "1", "--seed", "2", "--types", "multi", cols=40)
    child.expect("答案")
    child.sendline("Z")
    child.expect("请用字母")
    child.sendline(correct_answer(qs[0]).lower())
    child.expect("回答正确")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
