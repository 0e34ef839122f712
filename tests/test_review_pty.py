"""`quizgen review` in a pseudo-terminal (pexpect) on a copy of a bank extracted from the seed
article: accept, reject, accept then undo, edit one field, skip, quit; start again and it
resumes there; the YAML then holds exactly those decisions and `quizgen bank check` passes.
Also the same through piped standard input, one command per line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.bankio import question_to_dict, read_bank_file
from quizgen.pipeline import extract_to_bank
from quizgen.review.session import ReviewSession

pexpect = pytest.importorskip("pexpect")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def bank(tmp_path, seed_path) -> Path:
    folder = tmp_path / "qb"
    extract_to_bank([str(seed_path)], str(folder), quiet=True)
    return folder


def env() -> dict:
    e = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", LANG="C.UTF-8")
    e.pop("NO_COLOR", None)
    return e


def spawn(bank: Path, *args: str):
    return pexpect.spawn(sys.executable, ["-m", "quizgen", "review", "--bank", str(bank), *args],
                         env=env(), encoding="utf-8", timeout=20, dimensions=(40, 100))


def snapshot(bank: Path) -> dict[str, dict]:
    bf, problems = read_bank_file(bank / "seed_article.yaml")
    assert not problems
    return {q.id: question_to_dict(q) for q in bf.questions}


def key(child, k: str, then: str) -> None:
    child.expect("操作> ")
    child.send(k)
    child.expect(then)


def test_review_in_a_terminal_decides_undoes_edits_and_resumes(bank):
    before = snapshot(bank)
    order = [it.q for it in ReviewSession(bank, warn=False).items]
    total = len(order)
    q1, q2, q3, q4 = order[:4]
    child = spawn(bank)
    child.expect(f"第 1/{total} 题")
    key(child, "a", "已接受")
    child.expect(f"第 2/{total} 题")
    key(child, "r", "已拒绝")
    child.expect(f"第 3/{total} 题")
    key(child, "a", f"第 4/{total} 题")
    key(child, "u", "已撤销接受")
    child.expect(f"第 3/{total} 题")
    # edit one field of q3 in the line editor (it starts with the current text: Ctrl-U clears it)
    key(child, "e", "改哪一项> ")
    if q3.type == "fill":
        child.send("3")
        child.expect("可接受答案> ")
        new_value, field = "甲 / 乙", "accept"
    else:
        child.send("1")
        child.expect("题干> ")
        new_value, field = q3.stem + "（经审题修改）", "stem"
    child.sendcontrol("u")
    child.sendline(new_value)
    child.expect("已修改")
    child.expect(f"第 3/{total} 题")
    key(child, "s", f"第 4/{total} 题")
    key(child, "q", "下次 quizgen review 从第 4 题继续")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    again = spawn(bank)
    again.expect("从上次停下的第 4 题继续")
    again.expect(f"第 4/{total} 题")
    again.expect(f"id：{q4.id}")
    key(again, "q", "本次：接受 0，拒绝 0，修改 0，跳过 0")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    assert "\x1b[" in again.before  # the prompt_toolkit path: styled output

    after = snapshot(bank)
    assert set(after) == set(before)
    assert {qid for qid in before if before[qid] != after[qid]} == {q1.id, q2.id, q3.id}
    assert after[q1.id] == {**before[q1.id], "status": "reviewed"}
    assert after[q2.id] == {**before[q2.id], "status": "rejected"}
    expected3 = dict(before[q3.id])
    if field == "accept":
        expected3["accept"] = [["甲", "乙"]]
    else:
        expected3["stem"] = new_value
    assert after[q3.id] == expected3  # the undone accept left no trace: status still new
    check = subprocess.run([sys.executable, "-m", "quizgen", "bank", "check", "--bank", str(bank)],
                           check=False, capture_output=True, text=True, env=env())
    assert check.returncode == 0, check.stderr


def test_ctrl_c_in_the_editor_cancels_the_edit_only(bank):
    before = (bank / "seed_article.yaml").read_bytes()
    child = spawn(bank)
    key(child, "e", "改哪一项> ")
    child.send("1")
    child.expect("题干> ")
    child.send("乱写")
    child.sendcontrol("c")
    child.expect("已取消")
    key(child, "q", "本次")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (bank / "seed_article.yaml").read_bytes() == before


def test_piped_commands_one_per_line(bank):
    before = snapshot(bank)
    order = [it.q for it in ReviewSession(bank, types="judge", warn=False).items]
    q1, q2 = order[:2]
    flipped = "错" if q2.answer == ["对"] else "对"
    script = f"a\ne\n2\n{flipped}\nk\nq\n"  # accept q1; edit q2's answer; an unknown key; quit
    run = subprocess.run([sys.executable, "-m", "quizgen", "review", "--bank", str(bank), "--type", "judge"],
                         input=script, check=False, capture_output=True, text=True, env=env())
    assert run.returncode == 0, run.stderr
    assert "\x1b[" not in run.stdout
    assert "操作> a\n已接受" in run.stdout and "已修改" in run.stdout
    assert "操作> k\n[a]接受 [r]拒绝 [e]编辑 [s]跳过 [u]撤销 [q]退出" in run.stdout
    after = snapshot(bank)
    assert {qid for qid in before if before[qid] != after[qid]} == {q1.id, q2.id}
    assert after[q2.id]["answer"] == [flipped] and after[q2.id]["status"] == "new"
    # the end of input ends the review like q does
    run = subprocess.run([sys.executable, "-m", "quizgen", "review", "--bank", str(bank), "--type", "judge"],
                         input="", check=False, capture_output=True, text=True, env=env())
    assert run.returncode == 0 and "从上次停下的第 2 题继续" in run.stdout and "输入结束" in run.stdout


def test_an_empty_or_missing_bank_is_a_chinese_error(tmp_path):
    run = subprocess.run([sys.executable, "-m", "quizgen", "review", "--bank", str(tmp_path / "none")],
                         input="", check=False, capture_output=True, text=True, env=env())
    assert run.returncode == 2 and "Traceback" not in run.stderr
    (tmp_path / "empty").mkdir()
    run = subprocess.run([sys.executable, "-m", "quizgen", "review", "--bank", str(tmp_path / "empty")],
                         input="", check=False, capture_output=True, text=True, env=env())
    assert run.returncode == 2 and "题库中没有题目" in run.stderr
