"""``quizgen paper`` end to end: defaults, formats by suffix, and the exit-2 errors with no file left."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from paper_samples import sample_questions

from quizgen.bankio import BankFile, write_bank_file
from quizgen.cli import main


@pytest.fixture()
def bank(tmp_path) -> Path:
    folder = tmp_path / "question_bank"
    folder.mkdir()
    qs = sample_questions()
    write_bank_file(BankFile(path=folder / "sample_doc.yaml", doc="sample_doc", title="党建知识学习材料", questions=qs,
                             generated=[q.id for q in qs]))
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["paper", *args], catch_exceptions=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "question_bank")


def test_defaults_docx(bank, tmp_path):
    out = tmp_path / "应知应会测试.docx"
    res = run("--bank", str(bank), "-o", str(out))
    assert res.exit_code == 0, res.output
    import docx

    lines = [p.text for p in docx.Document(str(out)).paragraphs]
    assert lines[0] == "应知应会测试"
    numbered = [t for t in lines if t[:1].isdigit() and not t.startswith("出处")]
    assert len(numbered) == 40  # 20 questions + 20 key lines
    heads = [t for t in lines if t[:2] in ("一、", "二、", "三、", "四、") and "分" in t]
    assert len(heads) == 4
    # balanced: 5 of each type (6 blanks), 满分100分 by default
    assert heads[0] == "一、填空题（每空5分，共30分）"
    assert heads[1] == "二、单项选择题（每题5分，共25分）"
    assert heads[2] == "三、多项选择题（每题7分，共35分）"
    assert heads[3].endswith("每题2分，共10分）")
    assert any("满分100分" in t for t in lines[:4])
    sources = [t for t in lines if t.startswith("出处：")]
    assert len(sources) == 20 and "本卷试题均出自《党建知识学习材料》，“出处”为原文语句。" in lines
    assert oct(out.stat().st_mode & 0o777) != "0o600"


def test_issue_example_pdf_versions(bank, tmp_path):
    out = tmp_path / "quiz.pdf"
    res = run("--bank", str(bank), "-o", str(out), "-n", "30", "--types", "fill,single,multi,judge",
              "--points", "2,2,3,1", "--title", "洛阳铜加工 党建与科技创新 应知应会测试", "--seed", "7",
              "--versions", "A,B")
    assert res.exit_code == 0, res.output
    assert leftovers(tmp_path) == ["quiz-A.pdf", "quiz-B.pdf"]


def test_separate_key_names(bank, tmp_path):
    res = run("--bank", str(bank), "-o", str(tmp_path / "quiz.pdf"), "--key", "separate", "-n", "8")
    assert res.exit_code == 0, res.output
    assert leftovers(tmp_path) == ["quiz-答案.pdf", "quiz.pdf"]


@pytest.mark.parametrize("args, message", [
    (["-n", "41"], "符合条件的题只有 40 道"),
    (["-n", "15", "--types", "judge"], "符合条件的题只有 10 道"),
    (["--types", "essay"], "未知题型"),
    (["--doc", "no_such_doc"], "没有符合条件的题"),
    (["--tag", "无此标签"], "没有符合条件的题"),
    (["--points", "2,2"], "--points"),
    (["--points", "2,x,3,1"], "不是数字"),
    (["--versions", "A,A"], "版本标记不能重复"),
])
def test_bad_requests_exit_2_without_files(bank, tmp_path, args, message):
    res = run("--bank", str(bank), "-o", str(tmp_path / "quiz.pdf"), *args)
    assert res.exit_code == 2
    assert message in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert leftovers(tmp_path) == []


def test_bad_outputs_exit_2(bank, tmp_path):
    res = run("--bank", str(bank), "-o", str(tmp_path / "quiz.txt"))
    assert res.exit_code == 2 and ".docx 或 .pdf" in res.output
    res = run("--bank", str(bank), "-o", str(tmp_path / "missing" / "quiz.pdf"))
    assert res.exit_code == 2 and "不存在" in res.output
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_exit_2(bank, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        res = run("--bank", str(bank), "-o", str(ro / "quiz.docx"))
        assert res.exit_code == 2
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o700)


def test_write_failure_leaves_no_partial_file(bank, tmp_path, monkeypatch):
    """A failure while writing (disk full, …) leaves neither the paper nor a temp file."""
    from quizgen import fsutil

    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, fd, mode):
            self.fh = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fdopen", Failing)
    res = run("--bank", str(bank), "-o", str(tmp_path / "quiz.pdf"))
    assert res.exit_code == 2
    assert leftovers(tmp_path) == []


def test_versions_are_written_all_or_nothing(bank, tmp_path, monkeypatch):
    """If the second of several files cannot be written, none of them is left behind."""
    import quizgen.paper as paper_mod

    real_fdopen = os.fdopen
    calls = {"n": 0}

    def flaky(fd, mode):
        calls["n"] += 1
        if calls["n"] == 2:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, mode)

    monkeypatch.setattr(paper_mod.os, "fdopen", flaky)
    res = run("--bank", str(bank), "-o", str(tmp_path / "quiz.docx"), "--versions", "A,B")
    assert res.exit_code == 2 and "磁盘空间不足" in res.output
    assert leftovers(tmp_path) == []
