"""`quizgen quiz` driven through piped standard input: scoring, the book across runs, endings, errors."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_quiz_fixture import correct_answer, make_bank, wrong_answer

from quizgen.bank import load_bank
from quizgen.cli import main
from quizgen.quiz.book import WrongBook
from quizgen.quiz.run import pick

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path):
    bank = make_bank(tmp_path / "qb")
    return {"bank": bank, "book": tmp_path / "data" / "wrong_book.json"}


def order(env, **kw):
    """The questions a run with these options asks, in order (same code path as the command)."""
    kw.setdefault("count", None)
    return pick(load_bank(env["bank"]).questions, WrongBook(env["book"]), **kw)[0]


def quiz(env, lines: list[str], *args: str):
    runner = CliRunner()
    stdin = "".join(line + "\n" for line in lines)
    return runner.invoke(
        main,
        ["quiz", "--bank", str(env["bank"]), *args],
        input=stdin,
        env={"QUIZGEN_BOOK": str(env["book"]), "NO_COLOR": None},
    )


def book(env) -> dict:
    return json.loads(env["book"].read_text(encoding="utf-8"))["questions"] if env["book"].exists() else {}


def test_all_right_scores_full_marks_and_keeps_the_book_empty(env):
    qs = order(env, count=7, seed=4)
    r = quiz(env, [correct_answer(q) for q in qs], "-n", "7", "--seed", "4")
    assert r.exit_code == 0, r.output
    assert r.output.count("✓ 回答正确") == 7 and "得分：7/7（100%）" in r.output
    assert "第 7/7 题" in r.output and "得分 6/6" in r.output  # progress and running score
    assert "\x1b[" not in r.output  # plain text when not a terminal
    assert book(env) == {}


def test_normalised_answers_count_as_right(env):
    qs = order(env, count=7, seed=4, types="fill,single,multi")
    typed = {
        "f-year": "１９２１",
        "f-enum": "创新、协调，绿色,开放 共享",
        "f-hq": "北京市",
        "s-power": " b ",
        "m-support": "D,b a",
    }
    r = quiz(env, [typed[q.id] for q in qs], "-n", "7", "--seed", "4", "--types", "fill,single,multi")
    assert r.exit_code == 0 and f"得分：{len(qs)}/{len(qs)}" in r.output, r.output


def test_wrong_answers_show_the_answer_and_the_source(env):
    qs = order(env, count=7, seed=9)
    r = quiz(env, [wrong_answer(q) for q in qs], "-n", "7", "--seed", "9")
    assert r.exit_code == 0
    assert r.output.count("✗ 回答错误") == 7 and "得分：0/7（0%）" in r.output
    assert "出处（seed_article）：中国共产党于【1921年】7月" in r.output
    assert "出处（chinalco_news）：中国铝业集团有限公司成立于【2001年】" in r.output
    assert "漏选" in r.output and "错题回顾（7 题）" in r.output
    assert set(book(env)) == {q.id for q in qs}


def test_same_seed_same_questions_same_order(env):
    runs = [quiz(env, ["?"] * 4, "-n", "4", "--seed", "11").output for _ in range(2)]
    heads = [[ln for ln in out.splitlines() if ln.startswith("第 ")] for out in runs]
    assert heads[0] == heads[1] and len(heads[0]) == 4


def test_wrong_answer_book_across_runs(env):
    first = order(env, count=3, seed=1)
    r = quiz(env, [wrong_answer(q) for q in first], "-n", "3", "--seed", "1")
    assert r.exit_code == 0 and "错题本：新增 3 题，现有 3 题" in r.output
    ids = {q.id for q in first}
    assert set(book(env)) == ids

    for n in (1, 2):  # two right answers in review each take a question out
        review = order(env, count=None, seed=5, wrong=True)
        assert {q.id for q in review} == ids
        r = quiz(env, [correct_answer(q) for q in review], "--wrong", "--seed", "5")
        assert r.exit_code == 0 and "错题复习" in r.output
        if n == 1:
            assert r.output.count("再答对 1 次即移出错题本") == 3 and set(book(env)) == ids
    assert "移出 3 题，现有 0 题" in r.output and book(env) == {}

    r = quiz(env, [], "--wrong")
    assert r.exit_code == 2 and "没有可复习的题" in r.output


def test_review_names_questions_that_left_the_bank(env):
    env["book"].parent.mkdir(parents=True)
    gone = {"doc": "old_doc", "type": "fill", "stem": "已删除的题目____。", "answer": ["甲"], "wrong": 1}
    env["book"].write_text(
        json.dumps(
            {"version": 1, "questions": {"gone-1": gone, "f-hq": dict(gone, wrong=2)}}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    r = quiz(env, ["北京"], "--wrong")
    assert r.exit_code == 0, r.output
    assert "1 题已不在题库中" in r.output and "已删除的题目" in r.output and "得分：1/1" in r.output


def test_end_of_input_ends_cleanly_with_the_score_so_far(env):
    qs = order(env, count=4, seed=2)
    r = quiz(env, [correct_answer(qs[0]), wrong_answer(qs[1])], "-n", "4", "--seed", "2")
    assert r.exit_code == 0
    assert "输入结束：答了 2/4 题" in r.output and "得分：1/2（50%）" in r.output
    assert set(book(env)) == {qs[1].id}  # nothing lost


def test_piped_input_is_one_line_per_question(env):
    qs = order(env, count=3, seed=3, types="single,judge")
    r = quiz(env, ["E", "", correct_answer(qs[2])], "-n", "3", "--seed", "3", "--types", "single,judge")
    assert r.exit_code == 0
    assert "✗ 无法识别的答案" in r.output and ("请用字母" in r.output or "请回答 对 或 错" in r.output)
    assert "  你的答案：E" in r.output and "✗ 未作答" in r.output
    assert "得分：1/3" in r.output  # the third line still answered the third question


def test_skip_counts_as_wrong(env):
    r = quiz(env, ["?"], "-n", "1", "--seed", "3")
    assert "✗ 未作答" in r.output and "得分：0/1" in r.output


def test_challenge_stops_at_the_first_mistake(env):
    qs = order(env, seed=6, challenge=True)
    assert len(qs) == 7  # no -n: the whole bank is the limit
    r = quiz(
        env,
        [correct_answer(qs[0]), correct_answer(qs[1]), wrong_answer(qs[2]), correct_answer(qs[3])],
        "--challenge",
        "--seed",
        "6",
    )
    assert r.exit_code == 0
    assert "挑战结束：连续答对 2 题" in r.output and "挑战答题 · 第 4 题" not in r.output
    r = quiz(env, [correct_answer(q) for q in qs], "--challenge", "--seed", "6")
    assert "挑战成功：7 题全部答对" in r.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--doc", "nope"], "没有符合条件的题"),
        (["--types", "fill", "--tag", "nope"], "没有符合条件的题"),
        (["--types", "essay"], "未知题型"),
        (["-n", "0"], "至少为 1"),
        (["--time", "0"], "大于 0 的秒数"),
    ],
)
def test_bad_selection_exits_2(env, args, message):
    r = quiz(env, [], *args)
    assert r.exit_code == 2 and message in r.output


def test_empty_or_missing_bank_exits_2(tmp_path):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "missing"):
        r = quiz({"bank": folder, "book": tmp_path / "b.json"}, [])
        assert r.exit_code == 2 and ("没有可用的题" in r.output or "没有题库文件夹" in r.output)


def test_broken_question_is_skipped_with_a_warning(tmp_path):
    env = {"bank": make_bank(tmp_path / "qb", broken=True), "book": tmp_path / "b.json"}
    r = quiz(env, ["?"] * 7, "-n", "7", "--seed", "1")
    assert r.exit_code == 0 and "bad-1" in r.stderr and "（已跳过）" in r.stderr
    assert "缺少选项" not in r.output


def run_real(env, stdin: str, *args: str) -> subprocess.CompletedProcess:
    e = dict(os.environ, QUIZGEN_BOOK=str(env["book"]), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "quizgen", "quiz", "--bank", str(env["bank"]), *args],
        input=stdin,
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=e,
        timeout=60,
    )


def test_printf_pipe_as_in_the_docs(env):
    qs = order(env, count=2, seed=1)
    p = run_real(env, "".join(correct_answer(q) + "\n" for q in qs), "-n", "2", "--seed", "1")
    assert p.returncode == 0, p.stderr
    assert "得分：2/2（100%）" in p.stdout and "答案" in p.stdout


def test_time_limit_with_piped_input_counts_a_late_answer_as_timed_out(env):
    qs = order(env, count=1, seed=1, types="judge")
    e = dict(os.environ, QUIZGEN_BOOK=str(env["book"]), PYTHONPATH=str(ROOT))
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quizgen",
            "quiz",
            "--bank",
            str(env["bank"]),
            "-n",
            "1",
            "--seed",
            "1",
            "--types",
            "judge",
            "--time",
            "1",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=e,
    )
    seen = b""
    deadline = time.monotonic() + 30
    while "答案".encode() not in seen and time.monotonic() < deadline:  # wait for the prompt
        if select.select([p.stdout], [], [], 0.5)[0]:
            seen += os.read(p.stdout.fileno(), 4096)
    time.sleep(1.5)
    out, err = p.communicate((correct_answer(qs[0]) + "\n").encode("utf-8"), timeout=60)
    text = (seen + out).decode("utf-8")
    assert p.returncode == 0, err
    assert "✗ 超时" in text and "得分：0/1" in text
    assert qs[0].id in book(env)
