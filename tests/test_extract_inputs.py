"""`quizgen extract` on awkward sets of inputs: the same text under two names, two files with one
stem (a.docx and a.pdf), and folders holding files quizgen does not read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

import docbuild

from quizgen.bankio import read_bank_file
from quizgen.cli import main

ARTICLE = (FIXTURES / "article.txt").read_text(encoding="utf-8")
_lines = ARTICLE.splitlines()
_lines.remove(max(_lines, key=len))
OTHER = "\n".join(_lines)  # the article less its longest paragraph: another text


def extract(bank: Path, *inputs, jobs: int = 1):
    result = CliRunner().invoke(main, ["extract", "--bank", str(bank), "-j", str(jobs), *map(str, inputs)],
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def bank_docs(bank: Path) -> list[str]:
    return sorted(p.stem for p in bank.glob("*.yaml"))


def lines_with(text: str, word: str) -> list[str]:
    return [ln for ln in text.splitlines() if word in ln]


# ---------------------------------------------------------------------------- same text, two names


def test_same_text_under_another_name_is_not_added_again(tmp_path):
    bank = tmp_path / "question_bank"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    # the same text with other line breaks and spaces
    (tmp_path / "b.txt").write_text(ARTICLE.replace("\n", "\n\n  ") + "\n\n", encoding="utf-8")
    assert extract(bank, tmp_path / "a.txt").exit_code == 0
    before = (bank / "a.yaml").read_bytes()

    result = extract(bank, tmp_path / "b.txt")
    assert result.exit_code == 0
    assert bank_docs(bank) == ["a"]
    assert (bank / "a.yaml").read_bytes() == before
    said = lines_with(result.stderr, "相同")
    assert len(said) == 1 and "b.txt" in said[0] and "a.yaml" in said[0], result.stderr


def test_same_text_twice_in_one_run_gives_one_document(tmp_path):
    bank = tmp_path / "question_bank"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a的副本.txt").write_text(ARTICLE, encoding="utf-8")
    result = extract(bank, tmp_path / "a.txt", tmp_path / "a的副本.txt")
    assert result.exit_code == 0
    assert bank_docs(bank) == ["a"]
    said = lines_with(result.stderr, "相同")
    assert len(said) == 1 and "a的副本.txt" in said[0] and "a.txt" in said[0].replace("a的副本.txt", ""), said


def test_reextracting_under_its_own_name_still_updates(tmp_path):
    bank = tmp_path / "question_bank"
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    assert extract(bank, doc).exit_code == 0
    first, _ = read_bank_file(bank / "a.yaml")
    assert first.text_hash  # recorded in the header

    again = extract(bank, doc)  # same name, same text: updated as before, nothing skipped
    assert again.exit_code == 0 and "跳过" not in again.stderr and "a.yaml" in again.stderr

    doc.write_text(OTHER, encoding="utf-8")  # same name, new text
    changed = extract(bank, doc)
    assert changed.exit_code == 0 and "跳过" not in changed.stderr
    second, _ = read_bank_file(bank / "a.yaml")
    assert second.text_hash and second.text_hash != first.text_hash
    assert bank_docs(bank) == ["a"]


def test_bank_file_without_a_text_hash_is_still_read_and_gets_one(tmp_path):
    bank = tmp_path / "question_bank"
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    assert extract(bank, doc).exit_code == 0
    path = bank / "a.yaml"
    old = "".join(ln for ln in path.read_text(encoding="utf-8").splitlines(True) if not ln.startswith("text_hash:"))
    path.write_text(old, encoding="utf-8")  # a bank file written before text hashes
    check = CliRunner().invoke(main, ["bank", "check", "--bank", str(bank)])
    assert check.exit_code == 0, check.output
    assert extract(bank, doc).exit_code == 0
    assert read_bank_file(path)[0].text_hash


# ---------------------------------------------------------------------------- one stem, two files


def test_docx_and_pdf_with_the_same_text_are_one_document(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.docx").write_bytes(docbuild.make_docx(ARTICLE))
    (docs / "a.pdf").write_bytes(docbuild.make_pdf(ARTICLE))
    bank = tmp_path / "question_bank"
    result = extract(bank, docs)
    assert result.exit_code == 0, result.output
    assert bank_docs(bank) == ["a"]
    said = lines_with(result.stderr, "相同")
    assert len(said) == 1 and "a.pdf" in said[0] and "a.docx" in said[0], result.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_docx_and_pdf_with_different_texts_are_both_extracted(tmp_path, jobs):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.docx").write_bytes(docbuild.make_docx(ARTICLE))
    (docs / "a.pdf").write_bytes(docbuild.make_pdf(OTHER))
    bank = tmp_path / "question_bank"
    result = extract(bank, docs, jobs=jobs)
    assert result.exit_code == 0, result.output
    assert bank_docs(bank) == ["a", "a-pdf"]
    said = lines_with(result.stderr, "同名")
    assert len(said) == 1 and "a.pdf" in said[0] and "a.docx" in said[0] and "a-pdf" in said[0], result.stderr
    pdf_bank, problems = read_bank_file(bank / "a-pdf.yaml")
    assert not problems and pdf_bank.doc == "a-pdf"
    assert pdf_bank.questions and {q.source.doc for q in pdf_bank.questions} == {"a-pdf"}
    docx_bank, _ = read_bank_file(bank / "a.yaml")
    assert {q.source.doc for q in docx_bank.questions} == {"a"}

    before = {p.name: p.read_bytes() for p in bank.rglob("*") if p.is_file()}
    again = extract(bank, docs, jobs=jobs)  # the same names again: both files updated in place
    assert again.exit_code == 0 and bank_docs(bank) == ["a", "a-pdf"]
    assert {p.name: p.read_bytes() for p in bank.rglob("*") if p.is_file()} == before


# ---------------------------------------------------------------------------- files not read


def test_unsupported_files_in_a_folder_are_named_and_the_run_succeeds(tmp_path):
    docs = tmp_path / "docs"
    (docs / "图片").mkdir(parents=True)
    (docs / ".git").mkdir()
    (docs / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (docs / "旧通知.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (docs / "报名表.xlsx").write_bytes(b"PK\x03\x04" + bytes(64))
    (docs / "图片" / "合影.jpg").write_bytes(b"\xff\xd8\xff" + bytes(64))
    (docs / "图片" / "徽标.png").write_bytes(b"\x89PNG" + bytes(64))
    (docs / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (docs / ".~旧通知.doc").write_bytes(bytes(64))
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
    proc = subprocess.run([sys.executable, "-m", "quizgen", "extract", "--bank", str(tmp_path / "question_bank"),
                           str(docs)], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    err = proc.stderr.splitlines()
    assert f"跳过 {docs / '旧通知.doc'}：不支持 .doc 格式，请另存为 .docx 后再提取" in err
    xlsx = lines_with(proc.stderr, "报名表.xlsx")
    assert len(xlsx) == 1 and ".xlsx" in xlsx[0] and ".docx" in xlsx[0]
    images = lines_with(proc.stderr, "2 个")  # both images in one line
    assert len(images) == 1 and "合影.jpg" in images[0] and "徽标.png" in images[0]
    assert ".git" not in proc.stderr and ".~旧通知" not in proc.stderr  # hidden: silent
    assert (tmp_path / "question_bank" / "a.yaml").is_file()
