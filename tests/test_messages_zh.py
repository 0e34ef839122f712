"""Everything quizgen prints is Chinese: --help of every command, click's usage errors, quizgen's
own errors (naming the file, exit code 2) and the progress of extract. Run as a real process,
as a user runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b[a-z]{2,} [a-z]{2,}\b")  # "no such", "is not": an English phrase
CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Show the version",
    "Error:",
    "Missing argument",
    "No such option",
    "No such command",
    "Invalid value",
    "Try '",
    "TEXT",
    "INTEGER",
    "DIRECTORY",
    "[OPTIONS]",
    "COMMAND [ARGS]",
)
COMMANDS = [[], ["extract"], ["export"], ["paper"], ["quiz"], ["bank"], ["bank", "check"]]


def quizgen(*args: str, cwd: Path | None = None, columns: int = 100) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS=str(columns))
    return subprocess.run(
        [sys.executable, "-m", "quizgen", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
        cwd=cwd,
        env=env,
    )


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def assert_chinese_error(stderr: str, path: Path | str | None = None) -> str:
    """The one error line: the Chinese prefix, the file named first, the reason in Chinese."""
    assert "Traceback" not in stderr
    errors = [ln for ln in stderr.splitlines() if ln.startswith("quizgen：错误：")]
    assert len(errors) == 1, stderr
    reason = errors[0].removeprefix("quizgen：错误：")
    if path is not None:
        assert reason.startswith(f"{path}:"), reason
        reason = re.sub(r"^:(\d+:)? ", "", reason[len(str(path)) :])
    words = re.sub(r"`[^`]*`", "", reason)  # a command to run is no English sentence
    assert CJK.search(words) and not ENGLISH.search(words), reason
    return reason


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "quizgen")
def test_help_is_chinese(command):
    proc = quizgen(*command, "--help", columns=72)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("用法：") and "\n选项：\n" in out and "显示本帮助并退出。" in out
    assert "示例：" in out or "常见用法：" in out  # the examples are kept
    for english in CLICK_ENGLISH:
        assert english not in out, english
    options = out.split("\n选项：\n", 1)[1].split("\n命令：\n")[0]
    for line in options.splitlines():
        assert columns(line) <= 72, line  # wrapped in terminal columns, a Chinese character is two
        if line.startswith("  -"):
            assert CJK.search(line), f"option help not in Chinese: {line}"
    if "\n命令：\n" in out:
        assert all(CJK.search(ln) for ln in out.split("\n命令：\n", 1)[1].splitlines() if ln.strip())


def test_version_is_chinese():
    proc = quizgen("--version")
    assert proc.returncode == 0 and re.fullmatch(r"quizgen 版本 \S+\n", proc.stdout), proc.stdout


@pytest.mark.parametrize(
    "args,reason",
    [
        (["paper", "--bogus"], "没有选项 '--bogus'。"),
        (["extract"], "缺少参数 '文件...'。"),
        (["paper", "-o", "x.pdf", "-n", "abc"], "'-n' 的值无效：'abc' 不是有效的整数。"),
        (["paper", "-o", "x.pdf", "--key", "bogus"], "'--key' 的值无效：'bogus' 不是 'end', 'separate', 'none' 之一。"),
        (["quiz", "--types"], "选项 '--types' 需要一个值。"),
        (["nosuch"], "没有命令 'nosuch'。"),
    ],
    ids=["bad option", "missing argument", "not a number", "bad choice", "no value", "no command"],
)
def test_usage_errors_are_chinese_and_exit_2(tmp_path, args, reason):
    proc = quizgen(*args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert assert_chinese_error(proc.stderr) == reason
    for english in CLICK_ENGLISH:
        assert english not in proc.stderr, english
    if "用法：" in proc.stderr:  # the usage line and where to find help come first
        assert "查看帮助。" in proc.stderr
    assert not list(tmp_path.iterdir())  # nothing written


@pytest.fixture(scope="module")
def bank(tmp_path_factory, seed_path) -> Path:
    folder = tmp_path_factory.mktemp("zh") / "bank"
    proc = quizgen("extract", "--bank", str(folder), str(seed_path))
    assert proc.returncode == 0, proc.stderr
    progress, summary = proc.stderr.strip().splitlines()
    assert re.fullmatch(rf"\[1/1\] {re.escape(str(seed_path))}：\d+ 道题 -> .*seed_article\.yaml", progress)
    assert summary == f"已写入 1 个题库文件，位于 {folder}"
    return folder


def test_bank_check_summary_is_chinese(bank):
    proc = quizgen("bank", "check", "--bank", str(bank))
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(rf"{re.escape(str(bank))}：1 个文件，\d+ 道题，没有问题\n", proc.stdout)


def test_missing_file_is_chinese_naming_it(tmp_path):
    missing = tmp_path / "没有的文件.txt"
    proc = quizgen("extract", "--bank", str(tmp_path / "b"), str(missing))
    assert proc.returncode == 2
    assert assert_chinese_error(proc.stderr, missing) == "没有这个文件；请检查路径"


@pytest.mark.parametrize(
    "breakage,reason",
    [
        (lambda t: t.replace("questions:\n", "questions:\n  - [没有闭合\n", 1), "YAML 格式错误"),
        (lambda t: t.replace("type: fill", "type: essay", 1), "未知题型 'essay'"),
    ],
    ids=["bad YAML", "unknown type"],
)
def test_bank_problems_are_chinese_with_file_and_line(bank, tmp_path, breakage, reason):
    broken = tmp_path / "bank"
    broken.mkdir()
    path = broken / "seed_article.yaml"
    path.write_text(breakage((bank / "seed_article.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    proc = quizgen("bank", "check", "--bank", str(broken))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    problem = next(ln for ln in proc.stderr.splitlines() if ln.startswith(f"{path}:"))
    m = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", problem)
    assert m and int(m.group(1)) > 1, problem
    assert reason in m.group(2) and not ENGLISH.search(m.group(2).replace("source.sentence", "")), problem
    assert "题库中有 1 个问题" in assert_chinese_error(proc.stderr, broken)


@pytest.mark.parametrize(
    "args,reason",
    [
        (["--points", "2,x,3,1"], "--points：'x' 不是数字"),
        (["--points", "2,2"], "--points '2,2'：请按题型各给一个数"),
        (["--types", "essay"], "未知题型 'essay'"),
    ],
    ids=["points not a number", "points count", "unknown type"],
)
def test_paper_option_errors_are_chinese(bank, tmp_path, args, reason):
    proc = quizgen("paper", "--bank", str(bank), "-o", str(tmp_path / "quiz.pdf"), *args)
    assert proc.returncode == 2
    assert reason in assert_chinese_error(proc.stderr.replace("fill,single,multi,judge", ""))
    assert not list(tmp_path.iterdir())


def test_bad_output_names_the_file(bank, tmp_path):
    out = tmp_path / "missing" / "quiz.pdf"
    proc = quizgen("paper", "--bank", str(bank), "-o", str(out))
    assert proc.returncode == 2
    assert assert_chinese_error(proc.stderr, out).endswith("不存在；请先建立它，或换一个输出位置")
