"""Bad input gets one clear line and exit 2; bad banks get file:line; nothing a person made is lost."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

import docbuild

from quizgen import readers
from quizgen.bank import load_bank, save_documents
from quizgen.bankio import bank_path, read_bank_file
from quizgen.cli import main
from quizgen.errors import BankError, InputError
from quizgen.readers import read_path

ARTICLE = (FIXTURES / "article.txt").read_text(encoding="utf-8")


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


# ---------------------------------------------------------------------------- bad documents


def _encrypted_pdf(user_password: str) -> bytes:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(docbuild.make_pdf(ARTICLE)))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image_only_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(img, "PNG")
    img.seek(0)
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(img), 72, 400, 300, 200)
    c.showPage()
    c.save()
    return out.getvalue()


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return out.getvalue()


def _bad_files() -> dict[str, tuple[bytes, str]]:
    docx_bytes = docbuild.make_docx(ARTICLE)
    pdf_bytes = docbuild.make_pdf(ARTICLE)
    return {
        "empty.txt": (b"", "文件是空的"),
        "blank.txt": (b" \n\r\n\t ", "文件是空的"),
        "binary.txt": (bytes(range(256)) * 40, "二进制文件"),
        "english.txt": (b"Party building and innovation.\n" * 30, "没有找到中文文字"),
        "truncated.docx": (docx_bytes[: len(docx_bytes) // 2], "已损坏或不完整"),
        "notzip.docx": (ARTICLE.encode("utf-8"), "不是 Word .docx"),
        "nodocument.docx": (_zip({"word/styles.xml": "<x/>", "notes.txt": "学习"}), "没有 word/document.xml"),
        "excel.docx": (_zip({"xl/workbook.xml": "<x/>"}), "Excel"),
        "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "97-2003"),
        "encrypted.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 +
                           "EncryptedPackage".encode("utf-16-le") + b"\0" * 600, "密码保护"),
        "truncated.pdf": (pdf_bytes[:300], "已损坏或不完整"),
        "notpdf.pdf": (ARTICLE.encode("utf-8"), "不是 PDF"),
        "password.pdf": (_encrypted_pdf("open-sesame"), "密码保护"),
        "scan.pdf": (_image_only_pdf(), "没有文字层"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PNG 图片"),
        "nav.html": (b"<html><body><div class='nav'><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></div></body></html>",
                     "没有正文"),
    }


BAD = _bad_files()


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_document_is_one_clear_error(tmp_path, name):
    data, message = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(str(path))
    assert message in str(err.value)
    assert str(err.value).startswith(str(path) + ": ")
    assert "\n" not in str(err.value)


def test_cid_garbage_is_refused():
    from quizgen.readers.pdf import _check_text_layer

    with pytest.raises(InputError, match="cid"):
        _check_text_layer(["(cid:2700)(cid:4125)(cid:3678)(cid:2118)", "(cid:12)(cid:98)"], "x.pdf")
    ok = ["学习贯彻党的二十大精神，全面建设社会主义现代化国家(cid:3)。"]
    assert _check_text_layer(ok, "x.pdf") == ["学习贯彻党的二十大精神，全面建设社会主义现代化国家。"]


def test_pdf_with_owner_password_only_is_read(tmp_path):
    path = tmp_path / "protected.pdf"
    path.write_bytes(_encrypted_pdf(""))
    doc = read_path(str(path))
    assert doc.title.startswith("增强动力")


def test_missing_file_and_directory_and_unsupported(tmp_path):
    with pytest.raises(InputError, match="没有这个文件"):
        read_path(str(tmp_path / "nope.txt"))
    (tmp_path / "x.pptx").write_bytes(b"hello")
    with pytest.raises(InputError, match="不支持的文件类型 .pptx"):
        read_path(str(tmp_path / "x.pptx"))


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="超过 0 MB 的上限"):
        read_path(str(path))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    with pytest.raises(InputError, match="上限"):
        read_path("-")


def test_extract_several_inputs_keeps_the_good_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.docx").write_bytes(b"not a zip at all, but words")
    bank = tmp_path / "bank"
    res = cli("extract", "-q", "--bank", str(bank), str(good), str(tmp_path / "empty.txt"),
              str(tmp_path / "bad.docx"), str(tmp_path / "missing.pdf"))
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    for name in ("empty.txt", "bad.docx", "missing.pdf"):
        assert name in res.output
    assert (bank / "good.yaml").exists()
    assert len(load_bank(bank).questions) > 0


def test_extract_in_a_real_process_prints_no_traceback(tmp_path):
    (tmp_path / "a.pdf").write_bytes(BAD["password.pdf"][0])
    (tmp_path / "b.txt").write_bytes(BAD["binary.txt"][0])
    pdf = docbuild.make_pdf(ARTICLE)
    # a font box that is not 4 numbers: readable, but pdfminer logs a warning about it
    m = re.search(rb"/FontBBox\s*\[[^\]]*\]", pdf)
    (tmp_path / "c.pdf").write_bytes(pdf[:m.start()] + b"/FontBBox null".ljust(m.end() - m.start()) + pdf[m.end():])
    proc = subprocess.run([sys.executable, "-m", "quizgen", "extract", "--bank", str(tmp_path / "bank"),
                           str(tmp_path / "a.pdf"), str(tmp_path / "b.txt"), str(tmp_path / "c.pdf")],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert any("a.pdf: PDF 有密码保护" in ln for ln in lines)
    assert any("b.txt: 这是二进制文件" in ln for ln in lines)
    assert all(ln.startswith(("quizgen：", "[", "已写入 ")) for ln in lines), lines  # no library log noise
    written = sorted(p.name for p in (tmp_path / "bank").glob("*.yaml")) if (tmp_path / "bank").exists() else []
    assert written in ([], ["c.yaml"])


# ---------------------------------------------------------------------------- the bank


@pytest.fixture()
def bank(tmp_path) -> Path:
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "bank"
    res = cli("extract", "-q", "--bank", str(folder), str(src))
    assert res.exit_code == 0, res.output
    return folder


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _question_line(path: Path, qtype: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() == f"type: {qtype}":
            return i - 1  # the "- id:" line above
    raise AssertionError(f"no {qtype} question")


def test_check_clean_bank(bank):
    res = cli("bank", "check", "--bank", str(bank))
    assert res.exit_code == 0, res.output


BANK_BREAKAGES = {
    "malformed": (lambda t: t.replace("questions:\n", "questions:\n  - [unclosed\n", 1), "YAML 格式错误"),
    "wrong type": (lambda t: t.replace("type: fill", "type: essay", 1), "未知题型 'essay'"),
    "missing field": (lambda t: t.replace("\n  stem:", "\n  stam:", 1), "缺少字段 `stem`"),
    "bad answer": (lambda t: _swap_choice_answer(t), "不在选项中"),
    "fill mismatch": (lambda t: _break_fill(t), "填空题题干"),
    "tag": (lambda t: t.replace("questions:\n", "evil: !!python/object/apply:os.system ['echo pwned']\nquestions:\n",
                                1), "YAML 格式错误"),
}


def _swap_choice_answer(text: str) -> str:
    i = text.index("type: single")
    j = text.index("  answer:\n", i)
    k = text.index("\n", j + len("  answer:\n"))
    return text[: j + len("  answer:\n")] + "  - 不在选项中的答案" + text[k:]


def _break_fill(text: str) -> str:
    i = text.index("type: fill")
    j = text.index("stem: ", i)
    return text[: j + 6] + "改过的" + text[j + 6:]


@pytest.mark.parametrize("what", sorted(BANK_BREAKAGES))
def test_bank_problem_is_reported_with_file_and_line(bank, what):
    path = next(bank.glob("*.yaml"))
    breaker, message = BANK_BREAKAGES[what]
    path.write_text(breaker(path.read_text(encoding="utf-8")), encoding="utf-8")
    res = cli("bank", "check", "--bank", str(bank))
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    assert message in res.output
    assert f"{path}:" in res.output
    # a command that only reads the bank keeps going with the rest
    if what not in ("malformed", "tag"):
        loaded = load_bank(bank)
        assert loaded.problems and loaded.questions
        assert res.output.count(f"{path}:") >= 1


def test_duplicate_id_across_files(bank):
    path = next(bank.glob("*.yaml"))
    (bank / "copy.yaml").write_text(path.read_text(encoding="utf-8").replace("doc: article", "doc: copy"),
                                    encoding="utf-8")
    res = cli("bank", "check", "--bank", str(bank))
    assert res.exit_code == 2 and "重复" in res.output and "copy.yaml:" in res.output


def test_line_numbers_point_at_the_question(bank):
    path = next(bank.glob("*.yaml"))
    line = _question_line(path, "fill")
    path.write_text(_break_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    _bank, problems = read_bank_file(path)
    assert [p.line for p in problems] == [line]


def test_python_tags_are_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    marker = tmp_path / "pwned"
    path.write_text(f"doc: evil\nquestions: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(BankError, match="YAML 格式错误"):
        read_bank_file(path)
    assert not marker.exists()


def test_failed_extract_leaves_bank_identical(bank, tmp_path, monkeypatch):
    second = tmp_path / "second.txt"
    second.write_text(ARTICLE.replace("1954年", "1955年"), encoding="utf-8")
    res = cli("extract", "-q", "--bank", str(bank), str(second))
    assert res.exit_code == 0
    before = snapshot(bank)
    changed = tmp_path / "article.txt"
    changed.write_text(ARTICLE.replace("第一生产力", "第一动力"), encoding="utf-8")
    second.write_text(ARTICLE.replace("1954年", "1956年"), encoding="utf-8")

    import quizgen.bank as bank_mod

    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):  # the second rename fails: disk full, power cut, ...
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(bank_mod.os, "replace", flaky_replace)
    res = cli("extract", "-q", "--bank", str(bank), str(changed), str(second))
    monkeypatch.setattr(bank_mod.os, "replace", real_replace)
    assert res.exit_code == 2 and "题库没有改动" in res.output
    assert snapshot(bank) == before


def test_exception_during_save_leaves_bank_identical(bank, tmp_path, monkeypatch):
    before = snapshot(bank)
    import quizgen.bank as bank_mod

    def boom(bf):
        raise KeyboardInterrupt

    monkeypatch.setattr(bank_mod, "dump_bank_file", boom)
    with pytest.raises(KeyboardInterrupt):
        save_documents(bank, [("article", "t", {}, []), ("other", "t", {}, [])])
    assert snapshot(bank) == before


def test_extract_refuses_to_drop_a_broken_hand_edit(bank, tmp_path):
    path = next(bank.glob("*.yaml"))
    path.write_text(_break_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(bank)
    res = cli("extract", "-q", "--bank", str(bank), str(tmp_path / "article.txt"))
    assert res.exit_code == 2 and f"{path}:" in res.output and "什么也没有写入" in res.output
    assert snapshot(bank) == before


def test_bank_paths_stay_inside_the_bank(tmp_path):
    for doc in ("../../etc/passwd", "/abs/olute", "..", "a/../../b", "C:\\x\\..\\y", "\x00evil"):
        p = bank_path(tmp_path / "bank", doc)
        assert p.parent == tmp_path / "bank", doc
        assert not p.name.startswith(".")


def test_text_length_limit(tmp_path, monkeypatch):
    from quizgen.readers import boilerplate

    monkeypatch.setattr(boilerplate, "MAX_TEXT_CHARS", 1000)
    path = tmp_path / "long.docx"
    path.write_bytes(docbuild.make_docx(ARTICLE))
    with pytest.raises(InputError, match="个字符，超过"):
        read_path(str(path))


def test_yaml_alias_bomb_and_recursion_are_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines += ["doc: bomb", "meta: *a9", "generated: *a9", "questions:", "- id: x", "  type: fill",
              "  stem: 党的____大", "  answer: *a9", "  tags: *a9"]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "loop.yaml").write_text("doc: loop\nquestions: &q\n- *q\n", encoding="utf-8")
    for name in ("bomb.yaml", "loop.yaml"):
        with pytest.raises(BankError, match="YAML 格式错误：.*别名"):
            read_bank_file(tmp_path / name)
    res = cli("bank", "check", "--bank", str(tmp_path))
    assert res.exit_code == 2 and "bomb.yaml:" in res.output and "loop.yaml:" in res.output
