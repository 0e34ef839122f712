"""Property-based and fuzz tests: readers and the bank loader only ever fail with our own errors.

Random bytes, random Unicode and mutated real documents (.txt, .docx, .pdf, .html built from
the fixture article) go to the readers; mutated bank YAML goes to the loader and to
`quizgen bank check`; extracting fuzzed inputs into a bank never leaves a partial file.
Example counts are kept small enough for the whole file to run in well under a minute.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

import docbuild

from quizgen.bank import load_bank
from quizgen.bankio import read_bank_file
from quizgen.cli import main
from quizgen.errors import BankError, InputError
from quizgen.model import Document
from quizgen.readers import read_bytes

ARTICLE = (FIXTURES / "article.txt").read_text(encoding="utf-8")
SHORT = "\n".join(ARTICLE.splitlines()[:8])  # title, metadata and a few paragraphs: one PDF page
# QUIZGEN_FUZZ_SCALE=20 runs twenty times the examples, with fresh random ones each run
SCALE = max(1, int(os.environ.get("QUIZGEN_FUZZ_SCALE", "1") or 1))
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=SCALE == 1, database=None)
OUTCOMES: Counter[str] = Counter()
SUFFIXES = [".txt", ".docx", ".pdf", ".html", ".mht"]


def _docx_bytes() -> bytes:
    return docbuild.make_docx(SHORT)


SEEDS = {
    ".txt": SHORT.encode("utf-8"),
    ".gbk.txt": SHORT.encode("gb18030"),
    ".docx": _docx_bytes(),
    ".pdf": docbuild.make_pdf(SHORT),
    ".html": docbuild.make_html(SHORT).encode("utf-8"),
}


def read_or_input_error(data: bytes, suffix: str) -> Document | None:
    """The property: a Document with body text, or an InputError naming the file; nothing else."""
    path = "fuzz" + suffix
    try:
        doc = read_bytes(data, "fuzz", path, suffix)
    except InputError as exc:
        assert str(exc).startswith(path + ": "), str(exc)
        assert "\n" not in exc.message
        cause = exc.__cause__
        OUTCOMES[f"{suffix} error: {exc.message[:40]}" + (f" <{type(cause).__module__}.{type(cause).__name__}>"
                                                          if cause is not None else "")] += 1
        return None
    OUTCOMES[f"{suffix} document"] += 1
    assert doc.blocks and all(b.text.strip() and b.text == b.text.strip() for b in doc.blocks)
    assert not any(ch in b.text for b in doc.blocks for ch in "\n\r\u2029"), "a block is one line"
    assert all(b.kind in ("paragraph", "heading") for b in doc.blocks)
    return doc


# ---------------------------------------------------------------------------- random input


@settings(FUZZ, max_examples=250 * SCALE)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    read_or_input_error(data, suffix)


@settings(FUZZ, max_examples=100 * SCALE)
@given(head=st.sampled_from([b"PK\x03\x04", b"%PDF-1.4\n", b"<!DOCTYPE html><html>", b"\xef\xbb\xbf",
                             b"\xff\xfe", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body>"]),
       tail=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_behind_magic(head, tail, suffix):
    read_or_input_error(head + tail, suffix)


@settings(FUZZ, max_examples=250 * SCALE)
@given(text=st.text(max_size=600), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_random_unicode_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    read_or_input_error(data, ".txt")


CHINESE = st.text(alphabet=st.sampled_from(list("党的二十大报告提出科技是第一生产力，。；：“”、1954年一是坚持\n ")),
                  min_size=1, max_size=400)


@settings(FUZZ, max_examples=150 * SCALE)
@given(text=CHINESE, encoding=st.sampled_from(["utf-8", "gbk", "utf-16", "utf-16-le"]))
def test_chinese_text_roundtrips_in_every_encoding(text, encoding):
    doc = read_or_input_error(text.encode(encoding), ".txt")
    if doc is not None:
        utf8 = read_bytes(text.encode("utf-8"), "fuzz", "fuzz.txt", ".txt")
        assert [b.text for b in doc.blocks] == [b.text for b in utf8.blocks]


@settings(FUZZ, max_examples=100 * SCALE)
@given(body=st.text(max_size=300), tags=st.lists(st.sampled_from(["p", "div", "h2", "br", "table", "tr", "td",
                                                                 "script", "footer", "li", "span"]), max_size=8))
def test_random_html(body, tags):
    page = "<html><head><meta charset='utf-8'></head><body>"
    for t in tags:
        page += f"<{t}>{body[:40]}"
    page += body + "</body></html>"
    read_or_input_error(page.encode("utf-8", "surrogatepass"), ".html")


@settings(FUZZ, max_examples=150 * SCALE)
@given(parts=st.lists(st.tuples(st.sampled_from(["p", "div", "br", "h1", "h2", "pre", "td", "li", "span", "b",
                                                 "script", "footer", "div class='nav'", "font"]), CHINESE),
                      max_size=12))
def test_random_chinese_html(parts):
    """Short Chinese pages exercise the lxml fallback extractor, <br> and <pre> handling too."""
    page = "<html><head><meta charset='utf-8'><title>党建工作_网站</title></head><body>"
    for tag, text in parts:
        page += f"<{tag}>{text}" if tag != "br" else f"{text}<br>"
    read_or_input_error((page + "</body></html>").encode("utf-8"), ".html")


# ---------------------------------------------------------------------------- mutated documents


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "dup"]))
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[pos] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 256))]
        else:
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 256))]
    return bytes(data)


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_mutated_documents(kind):
    seed = SEEDS[kind]
    suffix = "." + kind.rsplit(".", 1)[-1]
    examples = {".pdf": 120, ".docx": 150}.get(suffix, 200)

    @settings(FUZZ, max_examples=examples * SCALE)
    @given(data=mutated(seed))
    def check(data):
        read_or_input_error(data, suffix)

    check()


def _rezip(member_edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(SEEDS[".docx"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = member_edit(data)
            zf.writestr(info.filename, data)
    return out.getvalue()


@settings(FUZZ, max_examples=120 * SCALE)
@given(data=st.data())
def test_mutated_docx_xml_inside_a_valid_zip(data):
    """A valid zip whose word/document.xml is damaged: python-docx must not escape as a traceback."""
    xml = zipfile.ZipFile(io.BytesIO(SEEDS[".docx"])).read("word/document.xml")
    edited = data.draw(mutated(xml))
    read_or_input_error(_rezip(lambda _old: edited), ".docx")


# ---------------------------------------------------------------------------- the bank


@pytest.fixture(scope="module")
def real_bank(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("fuzzbank")
    src = folder / "article.txt"
    src.write_text(SHORT, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", "-q", "--bank", str(folder / "bank"), str(src)])
    assert res.exit_code == 0, res.output
    return (folder / "bank" / "article.yaml").read_bytes()


YAML_BITS = ["", ":", "- ", "  ", "\n", "!!python/object/apply:os.system ['true']", "&a ", "*a", "[", "{", "]",
             "}", "'", '"', "~", "null", "123", "!!binary AAAA", "? ", "%YAML 1.1\n", "---\n", "...\n", "\t",
             "type: multi", "answer: []", "options: 5", "id: x", "<<: *a", "!!set {a}", "\x00", "\ufeff"]


@st.composite
def mutated_yaml(draw, seed: bytes) -> bytes:
    text = seed.decode("utf-8")
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["replace_line", "insert", "delete_line", "swap", "bytes"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "replace_line":
            cut = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut] + draw(st.sampled_from(YAML_BITS)) + draw(st.text(max_size=8))
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from(YAML_BITS)) + draw(st.text(max_size=10)))
        elif op == "delete_line" and len(lines) > 1:
            del lines[i]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    out = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        out = draw(mutated(out))
    return out


def test_mutated_bank_yaml(real_bank, tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    path = folder / "article.yaml"
    outcomes = {"ok": 0, "problems": 0, "bank_error": 0}

    @settings(FUZZ, max_examples=400 * SCALE)
    @given(data=mutated_yaml(real_bank))
    def check(data):
        path.write_bytes(data)
        try:
            _bank, problems = read_bank_file(path)
        except BankError as exc:
            assert str(exc).startswith(str(path)), str(exc)
            outcomes["bank_error"] += 1
        else:
            assert all(p.line >= 1 and p.path == str(path) for p in problems)
            outcomes["problems" if problems else "ok"] += 1
        loaded = load_bank(folder)  # never raises for a broken file: it becomes a problem
        assert all(q.status != "rejected" for q in loaded.questions)

    check()
    assert outcomes["bank_error"] and outcomes["problems"]


def test_bank_check_exits_0_or_2_on_mutated_yaml(real_bank, tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    path = folder / "article.yaml"
    runner = CliRunner()

    @settings(FUZZ, max_examples=80 * SCALE)
    @given(data=mutated_yaml(real_bank))
    def check(data):
        path.write_bytes(data)
        res = runner.invoke(main, ["bank", "check", "--bank", str(folder)])
        assert res.exit_code in (0, 2), res.output
        assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
        assert "Traceback" not in res.output

    check()


def test_extract_of_fuzzed_inputs_never_writes_partially(real_bank, tmp_path):
    """Whatever the input, each bank file afterwards is the old bytes or a complete, valid file."""
    folder = tmp_path / "bank"
    folder.mkdir()
    bank_file = folder / "article.yaml"
    bank_file.write_bytes(real_bank)
    inputs = tmp_path / "in"
    inputs.mkdir()
    runner = CliRunner()

    @settings(FUZZ, max_examples=60 * SCALE)
    @given(kind=st.sampled_from([".txt", ".docx", ".html"]), data=st.data())
    def check(kind, data):
        seed = SEEDS[kind]
        doc = inputs / f"article{kind}"
        for old in inputs.iterdir():
            old.unlink()
        doc.write_bytes(data.draw(mutated(seed)))
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        res = runner.invoke(main, ["extract", "-q", "--bank", str(folder), str(doc)])
        assert res.exit_code in (0, 2), res.output
        assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
        names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        assert not [n for n in names if Path(n).name.startswith(".")], names  # no temporary file left
        after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        if res.exit_code == 2:
            assert after == before  # a failed extract changes nothing
        for name, content in after.items():
            if before.get(name) != content:
                _bank, problems = read_bank_file(folder / name)  # a rewritten file is complete and valid
                assert not problems, problems
        bank_file.write_bytes(real_bank)

    check()
