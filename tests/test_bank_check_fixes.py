"""`quizgen bank check` on hand-written bank files: a question without its 出处 (source) is a
problem, and a full-width colon typo is reported on the line where it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

ROOT = Path(__file__).parent.parent

GOOD = """\
doc: notes
questions:
- id: my-judge-1
  type: judge
  status: reviewed
  stem: 科技是第一生产力。
  answer: [对]
  source:
    doc: notes
    sentence: 党的二十大报告提出,“科技是第一生产力”。
    spans: [第一生产力]
- id: my-judge-2
  type: judge
  status: reviewed
  stem: 人才是第一资源。
  answer: [对]
  source:
    doc: notes
    sentence: 人才是第一资源。
"""


def check(bank: Path):
    return CliRunner().invoke(main, ["bank", "check", "--bank", str(bank)])


def write(tmp_path: Path, text: str) -> tuple[Path, Path]:
    bank = tmp_path / "question_bank"
    bank.mkdir()
    path = bank / "notes.yaml"
    path.write_text(text, encoding="utf-8")
    return bank, path


def test_hand_written_questions_with_doc_and_sentence_pass(tmp_path):
    bank, _ = write(tmp_path, GOOD)  # the second has no spans: doc and sentence are enough
    result = check(bank)
    assert result.exit_code == 0, result.output
    assert "2 道题" in result.stdout


@pytest.mark.parametrize("cut,missing", [
    (lambda t: t.replace("  source:\n    doc: notes\n    sentence: 人才是第一资源。\n", ""), "source"),
    (lambda t: t.replace("    doc: notes\n    sentence: 人才是第一资源。", "    sentence: 人才是第一资源。"),
     "source.doc"),
    (lambda t: t.replace("    doc: notes\n    sentence: 人才是第一资源。", "    doc: notes"), "source.sentence"),
    (lambda t: t.replace("    sentence: 人才是第一资源。", "    sentence: ''"), "source.sentence"),
])
def test_question_without_its_source_is_a_problem_with_file_and_line(tmp_path, cut, missing):
    bank, path = write(tmp_path, cut(GOOD))
    line = cut(GOOD).splitlines().index("- id: my-judge-2") + 1
    result = check(bank)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    reported = [ln for ln in result.stderr.splitlines() if ln.startswith(f"{path}:{line}: ")]
    assert len(reported) == 1 and f"`{missing}`" in reported[0] and "出处" in reported[0], result.stderr
    assert f"{path}:3: " not in result.stderr  # the first question is fine


@pytest.mark.parametrize("typo_line", [1, 6, 7])
def test_full_width_colon_is_reported_on_its_own_line(tmp_path, typo_line):
    lines = GOOD.splitlines()
    key = lines[typo_line - 1].split(":", 1)[0]
    lines[typo_line - 1] = lines[typo_line - 1].replace(f"{key}:", f"{key}：", 1)
    bank, path = write(tmp_path, "\n".join(lines) + "\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "quizgen", "bank", "check", "--bank", str(bank)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    reported = [ln for ln in proc.stderr.splitlines() if ln.startswith(f"{path}:")]
    assert reported and reported[0].startswith(f"{path}:{typo_line}: "), proc.stderr
    assert "全角冒号" in reported[0]


def test_other_yaml_errors_keep_their_line(tmp_path):
    lines = GOOD.splitlines()
    lines[5] = "  stem: [这里没有闭合"
    bank, path = write(tmp_path, "\n".join(lines) + "\n")
    result = check(bank)
    assert result.exit_code == 2
    assert f"{path}:" in result.stderr and "全角冒号" not in result.stderr
