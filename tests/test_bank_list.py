"""`quizgen bank list`: one row per document with counts by type and status, a totals row,
Chinese headers, columns lined up by display width."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_quiz_fixture import make_bank, questions

from quizgen.bankio import read_bank_file, write_bank_file
from quizgen.quiz.ui import text_width

ROOT = Path(__file__).resolve().parents[1]


def bank_list(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quizgen", "bank", "list", "--bank", str(folder)],
                          check=False, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_counts_by_type_and_status_with_totals(tmp_path):
    qs = questions()
    status = {"f-year": "reviewed", "s-power": "rejected", "j-false": "reviewed"}
    for q in qs:
        q.status = status.get(q.id, "new")
    folder = make_bank(tmp_path / "qb", qs)
    path = folder / "seed_article.yaml"
    bf, _ = read_bank_file(path)
    bf.title = "增强动力 激发活力——洛阳铜加工推进党建与科技创新工作双向融合的探索与实践"
    write_bank_file(bf)
    (folder / ".quizgen-review.json").write_text("{}", encoding="utf-8")  # not a bank file

    run = bank_list(folder)
    assert run.returncode == 0, run.stderr
    rows = run.stdout.splitlines()
    assert rows[0].split() == ["文档", "标题", "填空", "单选", "多选", "判断", "未审", "已接受", "已拒绝", "合计"]
    body = [r for r in rows if not set(r) <= {"─", " "}]
    assert len(body) == 4  # header, two documents, totals
    cells = {r.split()[0]: r.split()[-8:] for r in body[1:]}
    #                          填空 单选 多选 判断 未审 已接受 已拒绝 合计
    assert cells["chinalco_news"] == ["1", "0", "0", "1", "1", "1", "0", "2"]
    assert cells["seed_article"] == ["2", "1", "1", "1", "3", "1", "1", "5"]
    assert cells["合计（2"] == ["3", "1", "1", "2", "4", "2", "1", "7"]
    assert "增强动力 激发活力" in run.stdout and "…" in run.stdout  # a long title is clipped
    # counts are right-aligned: every row, rules included, ends at the same display column
    assert len({text_width(r) for r in rows}) == 1


def test_an_empty_bank_folder_says_so_in_chinese(tmp_path):
    (tmp_path / "qb").mkdir()
    run = bank_list(tmp_path / "qb")
    assert run.returncode == 0 and "题库中没有文档" in run.stdout
    run = bank_list(tmp_path / "missing")
    assert run.returncode == 2 and "Traceback" not in run.stderr
