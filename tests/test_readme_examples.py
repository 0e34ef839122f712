"""The README's examples do what the README says, run against the shipped bank."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
PIPED = re.compile(r"printf '([^']*)' \| quizgen (quiz [^`\n]*)")


def _run_piped(example: str, tmp_path: Path) -> str:
    m = PIPED.search(example)
    assert m, "no piped quiz example"
    answers = m.group(1).replace("\\n", "\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QUIZGEN_BOOK=str(tmp_path / "book.json"))
    proc = subprocess.run([sys.executable, "-m", "quizgen", *shlex.split(m.group(2))], input=answers, cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_readme_piped_quiz_answers_a_fill_and_a_choice_right(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    out = _run_piped(readme, tmp_path)
    assert "第 1/2 题 · 填空" in out and "第 2/2 题 · 单选" in out, out
    assert "得分：2/2" in out, out
    assert "无法识别" not in out


def test_quiz_help_has_the_same_piped_example(tmp_path):
    from quizgen.cli import QUIZ_HELP

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_example = PIPED.search(QUIZ_HELP)
    assert help_example and help_example.group(0) == PIPED.search(readme).group(0)
    assert "得分：2/2" in _run_piped(QUIZ_HELP, tmp_path)
