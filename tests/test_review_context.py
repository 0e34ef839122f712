"""The document text kept beside the bank (``.texts/``) and the context lines of the review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quizgen.bank import load_bank
from quizgen.cli import main
from quizgen.doctext import neighbours, text_path

ROOT = Path(__file__).resolve().parents[1]


def test_extract_keeps_the_text_and_review_shows_the_sentences_around(seed_path, tmp_path):
    bank = tmp_path / "question_bank"
    res = CliRunner().invoke(main, ["extract", str(seed_path), "--bank", str(bank), "-q"])
    assert res.exit_code == 0, res.output
    assert text_path(bank, "seed_article").is_file()
    assert [p.name for p in bank.glob("*.yaml")] == ["seed_article.yaml"]  # no bank file of it
    q = load_bank(bank).questions[0]
    before, after = neighbours(bank, "seed_article", q.source.sentence)
    assert before or after
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "quizgen", "review", "--bank", str(bank)], input="s\nq\n",
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    if before:
        assert f"上文：{before}" in proc.stdout
    if after:
        assert f"下文：{after}" in proc.stdout


def test_neighbours_of_a_unit_and_without_a_text(tmp_path):
    path = text_path(tmp_path, "d")
    path.parent.mkdir()
    path.write_text("第一句。第二句很长，分成两段；第二段在这里。\n第三句！\n", encoding="utf-8")
    assert neighbours(tmp_path, "d", "第二段在这里。") == ("第一句。", "第三句！")
    assert neighbours(tmp_path, "d", "第一句。") == ("", "第二句很长，分成两段；第二段在这里。")
    assert neighbours(tmp_path, "other", "第一句。") == ("", "")
    assert neighbours(tmp_path, "d", "不在文中。") == ("", "")


def test_a_failed_run_leaves_no_text_behind(seed_path, tmp_path):
    bank = tmp_path / "question_bank"
    missing = tmp_path / "missing.txt"
    res = CliRunner().invoke(main, ["extract", str(missing), "--bank", str(bank), "-q"])
    assert res.exit_code == 2
    assert not text_path(bank, "missing").exists()
