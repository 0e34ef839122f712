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


def _bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose page content stream inflates to ``inflated`` bytes of spaces (a few MB
    compressed at most), with a correct cross-reference table, so a reader gets as far as the stream."""
    import zlib

    packer, parts, chunk = zlib.compressobj(9), [], b" " * (1 << 20)
    for _ in range(inflated >> 20):
        parts.append(packer.compress(chunk))
    parts.append(packer.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_bomb_refused_naming_the_file(tmp_path):
    """A 1 GB content stream (about 1 MB on disk) is refused before it is unpacked (issue 12, finding
    6: the old reader ran past 300 s at 13.5 GB). Memory stays bounded: the child's address space is
    capped at 2 GB, far below what unpacking the stream whole would need."""
    import resource

    data = _bomb_pdf(1 << 30)
    assert len(data) < 4 * 2**20
    (tmp_path / "炸弹.pdf").write_bytes(data)

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    r = subprocess.run([sys.executable, "-m", "quizgen", "extract", "炸弹.pdf", "--bank", "bank"], check=False,
                       cwd=tmp_path,
                       capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=600,
                       preexec_fn=cap)
    assert r.returncode == 2, r.stderr[-500:]
    assert "炸弹.pdf" in r.stderr and "解压后超过" in r.stderr and "上限" in r.stderr
    assert "Traceback" not in r.stderr and "MemoryError" not in r.stderr
    assert not list(tmp_path.glob("bank/*.yaml"))


def _make_unwritable(folder: Path) -> bool:
    """Make ``folder`` refuse new files, also for root (chmod, then the immutable flag); True when it
    really does."""
    folder.chmod(0o555)
    probe = folder / ".probe"
    try:
        probe.touch()
    except OSError:
        return True
    probe.unlink()
    subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    try:
        probe.touch()
    except OSError:
        return True
    probe.unlink()
    return False


def _make_writable(folder: Path) -> None:
    subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
    folder.chmod(0o755)


def test_quiz_with_an_unwritable_book_does_not_report_entries_as_added(tmp_path):
    """A piped quiz whose wrong-answer book sits in a read-only folder: the answers cannot be saved,
    so the run says so and does not claim 新增 N 题 (issue 12, finding 9); the book is unchanged."""
    import pytest
    from test_quiz_fixture import make_bank

    bank = make_bank(tmp_path / "qb")
    book_dir = tmp_path / "data"
    book = book_dir / "wrong_book.json"
    env = {**os.environ, "QUIZGEN_BOOK": str(book), "NO_COLOR": "1"}

    def quiz(seed: str, answers: str):
        return subprocess.run([sys.executable, "-m", "quizgen", "quiz", "--bank", str(bank), "-n", "7", "--seed", seed],
                              input=answers, capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
                              check=False)

    first = quiz("1", "?\n" * 7)  # a skipped question counts as wrong
    assert first.returncode == 0 and "错题本：新增 7 题，现有 7 题" in first.stdout, first.stdout[-800:]
    assert len(json.loads(book.read_bytes())["questions"]) == 7
    book.write_text(json.dumps({"version": 1, "questions": {}}), encoding="utf-8")
    before = book.read_bytes()
    if not _make_unwritable(book_dir):
        _make_writable(book_dir)
        pytest.skip("cannot make a folder read-only here (root without chattr)")
    try:
        r = quiz("1", "?\n" * 7)
    finally:
        _make_writable(book_dir)
    assert r.returncode == 0, r.stderr[-500:]
    assert "Traceback" not in r.stderr
    assert "无法保存错题本" in r.stderr and "wrong_book.json" in r.stderr
    assert "新增" not in r.stdout and "已记入错题本" not in r.stdout
    assert "本次答题没有记入错题本" in r.stdout
    assert book.read_bytes() == before


def test_html_limits_deep_wide_and_huge_pages(tmp_path):
    """A saved page nested deeper than the parser reads (its text used to vanish into "没有正文"),
    one with millions of elements (20 s and 1.5 GB before), and one with 15 million characters of
    text (30 s before the document limit refused it) are refused with a message naming the file;
    an honest page nested 200 deep still extracts."""
    para = f"<p>{TEXT.splitlines()[0]}</p>"

    def page(inner: str) -> str:
        return f"<html><head><title>测试网页</title></head><body>{inner}</body></html>"

    pages = {
        "deep.html": page("<b>" * 300_000 + para * 5 + "</b>" * 300_000),
        "wide.html": page(para * 5 + "<i></i>" * 1_000_000),
        "huge.html": page(para * 100_000),
        "ok.html": page("<div>" * 200 + para * 5 + "</div>" * 200),
    }
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    expected = {"deep.html": "嵌套超过 255 层", "wide.html": "个元素", "huge.html": "个字符的上限"}
    for name, words in expected.items():
        r = qz("extract", name, "--bank", "bank", cwd=tmp_path)
        assert r.returncode == 2, (name, r.stderr[-300:])
        assert f"{name}:" in r.stderr and words in r.stderr and "Traceback" not in r.stderr, r.stderr[-300:]
    r = qz("extract", "ok.html", "--bank", "bank", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-300:]
    assert (tmp_path / "bank" / "ok.yaml").exists()


def test_a_sentence_of_a_hundred_thousand_characters_is_not_asked(tmp_path):
    """One run of 100,000 characters without a full stop (a fuzzed page; old exports that lost their
    punctuation) used to be segmented and pattern-matched at more than linear cost (jieba's HMM is
    quadratic in it: minutes); now it is not asked, and the document's other sentences are."""
    from click.testing import CliRunner

    from quizgen.bank import load_bank
    from quizgen.cli import main

    (tmp_path / "long.txt").write_text(TEXT + "坚持" + "党" * 100_000 + "的领导。\n" + TEXT, encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(tmp_path / "long.txt"), "--bank", str(tmp_path / "bank")])
    assert r.exit_code == 0, r.output
    bank = load_bank(tmp_path / "bank")
    assert not bank.problems and bank.questions
    assert all(len(q.source.sentence) < 500 for q in bank.questions)
