"""Input limits and names (issue 12, findings 6, 8, 9): bombs refused with a message naming the
file, large honest banks accepted, long/odd names, links out of a folder, the wrong-answer book."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from quizgen.quiz.book import WrongBook

TEXT = "中国共产党第二十次全国代表大会是在全党全国各族人民迈上全面建设社会主义现代化国家新征程的关键时刻召开的一次十分重要的大会。\n" * 3


def qz(*args, cwd):
    return subprocess.run([sys.executable, "-m", "quizgen", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=300)


def test_zip_bomb_docx_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                fh.write(chunk)
    (tmp_path / "bomb.docx").write_bytes(buf.getvalue())
    r = qz("extract", "bomb.docx", "--bank", "bank", cwd=tmp_path)
    assert r.returncode == 2
    assert "bomb.docx" in r.stderr and "上限" in r.stderr and "Traceback" not in r.stderr


def test_alias_bomb_bank_refused_and_big_plain_bank_accepted(tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    stem = "长" * 700_000
    refs = "".join(f"- id: q{i}\n  type: judge\n  stem: *s\n  answer: [对]\n  source: {{doc: b, sentence: 句}}\n"
                   for i in range(1, 100))
    (bank / "b.yaml").write_text(f"doc: b\nquestions:\n- id: q0\n  type: judge\n  stem: &s {stem}\n"
                                 f"  answer: [对]\n  source: {{doc: b, sentence: 句}}\n{refs}", encoding="utf-8")
    r = qz("bank", "check", "--bank", "bank", cwd=tmp_path)
    assert r.returncode == 2 and "b.yaml" in r.stderr and "别名" in r.stderr and "Traceback" not in r.stderr
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from bench_big_bank import make_bank

    big = tmp_path / "big"
    make_bank(big, 20_000)
    r = qz("bank", "check", "--bank", "big", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-500:]
    assert "20000" in r.stdout + r.stderr


def test_long_chinese_name_and_newline_name(tmp_path):
    long_name = "党" * 80 + ".txt"
    (tmp_path / long_name).write_text(TEXT, encoding="utf-8")
    r = qz("extract", long_name, "--bank", "bank", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (tmp_path / "a\nb.pdf").write_text("not a pdf", encoding="utf-8")
    r = qz("extract", "a\nb.pdf", "--bank", "bank", cwd=tmp_path)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "a\\nb.pdf" in r.stderr


def test_same_name_in_two_folders_and_link_out(tmp_path):
    for sub, extra in (("s1", ""), ("s2", "坚持和加强党的全面领导是根本。\n")):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "x.txt").write_text(TEXT + extra, encoding="utf-8")
    os.symlink("/etc/passwd", tmp_path / "in" / "passwd.txt")
    r = qz("extract", "in", "--bank", "bank", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "bank").glob("*.yaml")) == ["x-txt.yaml", "x.yaml"]
    link_lines = [ln for ln in r.stderr.splitlines() if "passwd.txt" in ln]
    assert len(link_lines) == 1 and "不跟随" in link_lines[0]


def test_book_bom_invalid_utf8_deep_nesting(tmp_path):
    warned = []
    book = tmp_path / "book.json"
    book.write_bytes(b"\xef\xbb\xbf" + json.dumps({"version": 1, "questions": {"q1": {"wrong": 1}}}).encode())
    assert "q1" in WrongBook(book, warn=warned.append) and not warned
    for bad in (b"\xff\xfe{not utf8", b"[" * 100_000 + b"]" * 100_000):
        book.write_bytes(bad)
        warned.clear()
        wb = WrongBook(book, warn=warned.append)
        assert len(wb) == 0 and len(warned) == 1 and "另存为" in warned[0]
        assert not book.exists()


def test_a_later_run_never_replaces_a_document_of_another_file(tmp_path):
    """one/report.txt, then (another run) two/report.txt: both kept, the second named report-2."""
    from click.testing import CliRunner

    from quizgen.bank import load_bank
    from quizgen.cli import main

    text = (Path(__file__).parent / "fixtures" / "shijiuda_report.txt").read_text(encoding="utf-8").splitlines()
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "report.txt").write_text("\n".join(text[:6]), encoding="utf-8")
    (tmp_path / "two" / "report.txt").write_text("\n".join(text[-6:]), encoding="utf-8")
    bank = tmp_path / "question_bank"

    def extract(path):
        return CliRunner().invoke(main, ["extract", str(path), "--bank", str(bank)])

    assert extract(tmp_path / "one" / "report.txt").exit_code == 0
    first = (bank / "report.yaml").read_bytes()
    res = extract(tmp_path / "two" / "report.txt")
    assert res.exit_code == 0 and "不覆盖它，改以文档名 report-2 提取" in res.output
    assert (bank / "report.yaml").read_bytes() == first
    again = extract(tmp_path / "two" / "report.txt")  # the same file again: updates report-2, says nothing
    assert again.exit_code == 0 and "不覆盖" not in again.output
    assert sorted(p.name for p in bank.glob("*.yaml")) == ["report-2.yaml", "report.yaml"]
    edited = tmp_path / "one" / "report.txt"
    edited.write_text("\n".join(text[:8]), encoding="utf-8")
    assert extract(edited).exit_code == 0  # the first file, edited: updates its own document
    assert (bank / "report.yaml").read_bytes() != first and not load_bank(bank).problems
