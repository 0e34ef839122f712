"""``--total``: whole points spread over the sections so that the headers add up to 满分, read back
from the DOCX (python-docx) and the PDF (pdfplumber); the default total of 100; the errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from paper_samples import sample_questions

from quizgen.bankio import BankFile, write_bank_file
from quizgen.cli import main
from quizgen.model import Question, Source
from quizgen.paper import make_paper
from quizgen.render.scoring import spread_total

docx = pytest.importorskip("docx")
pdfplumber = pytest.importorskip("pdfplumber")
HEAD_RE = re.compile(r"^[一二三四]、(填空题|单项选择题|多项选择题|判断题)（")


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


def header_points(head: str, units: list[int]) -> int:
    """Points a header promises for questions worth ``units`` blanks each; checks 共N分 against it."""
    total = int(re.search(r"共(\d+)分", head).group(1))
    ranges = re.findall(r"第(\d+)(?:～(\d+))?题(?:每[空题])?(\d+)分", head)
    if ranges:
        got = sum(int(v) * sum(units[int(a) - 1:int(b or a)]) for a, b, v in ranges)
        assert max(int(b or a) for a, b, _ in ranges) == len(units), head  # every question counted
    else:
        got = int(re.search(r"每[空题](\d+)分", head).group(1)) * sum(units)
    assert got == total, (head, units)
    return total


def docx_sections(path: Path) -> dict[str, list[int]]:
    """Header -> scoring units (blanks of a fill, else 1) of each question under it, before the key."""
    out: dict[str, list[int]] = {}
    head = None
    for p in docx.Document(str(path)).paragraphs:
        if p.text.endswith("参考答案"):
            break
        if HEAD_RE.match(p.text):
            head = p.text
            out[head] = []
        elif head and re.match(r"^\d+\. ", p.text):
            blanks = sum(1 for r in p.runs if r.font.underline and set(r.text) == {"\xa0"})
            out[head].append(blanks if "填空题" in head else 1)
    return out


@pytest.mark.parametrize("args", [["--total", "100"], []])
def test_total_100_adds_up_in_docx_and_pdf(bank, tmp_path, args):
    for suffix in (".docx", ".pdf"):
        res = run("--bank", str(bank), "-o", str(tmp_path / f"quiz{suffix}"), "-n", "30", *args)
        assert res.exit_code == 0, res.output
    sections = docx_sections(tmp_path / "quiz.docx")
    assert len(sections) == 4 and sum(len(u) for u in sections.values()) == 30
    assert sum(header_points(h, u) for h, u in sections.items()) == 100
    lines = [p.text for p in docx.Document(str(tmp_path / "quiz.docx")).paragraphs]
    assert "本卷共4大题30小题，满分100分。" in lines
    with pdfplumber.open(str(tmp_path / "quiz.pdf")) as pdf:
        text = "".join(re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages)
    assert "满分100分" in text
    for head in sections:  # the same headers, so the same sums, in the PDF
        assert re.sub(r"\s+", "", head) in text, head


def test_uneven_counts_get_a_mixed_header_that_adds_up(tmp_path):
    judges = [Question(f"j{k}", "judge", f"第{k}条说法是正确的。", ["对"], Source("d", f"第{k}条说法。", []),
                       score=100 - k) for k in range(7)]
    out = tmp_path / "seven.docx"
    make_paper(judges, out, total=100, key="none")
    (head, units), = docx_sections(out).items()
    assert header_points(head, units) == 100
    assert "第1～5题每题14分，第6～7题每题15分，共100分" in head


def test_points_and_total_together(bank, tmp_path):
    res = run("--bank", str(bank), "-o", str(tmp_path / "quiz.docx"), "--points", "2,2,3,1", "--total", "100")
    assert res.exit_code == 2
    assert "--points 与 --total 不一致" in res.output and "合计" in res.output
    # agreeing: 10 judges at 10 points are 100
    res = run("--bank", str(bank), "-o", str(tmp_path / "ok.docx"), "--types", "judge", "-n", "10",
              "--points", "10", "--total", "100")
    assert res.exit_code == 0, res.output
    # a partial --points keeps its value and the total is spread over the rest
    res = run("--bank", str(bank), "-o", str(tmp_path / "part.docx"), "-n", "20", "--points", "judge=1",
              "--total", "100", "--repeat-ok")  # the judgements were all on the paper before
    assert res.exit_code == 0, res.output
    sections = docx_sections(tmp_path / "part.docx")
    assert sum(header_points(h, u) for h, u in sections.items()) == 100
    assert any(h.startswith("四、判断题") and "每题1分，共5分" in h for h in sections)


@pytest.mark.parametrize("args, message", [
    (["-n", "20", "--total", "10"], "无法把分数按整数分给各题"),
    (["--total", "0"], "总分必须在1到1000分之间"),
])
def test_impossible_totals_exit_2(bank, tmp_path, args, message):
    res = run("--bank", str(bank), "-o", str(tmp_path / "quiz.pdf"), *args)
    assert res.exit_code == 2
    assert message in res.output
    assert not (tmp_path / "quiz.pdf").exists()


def test_default_falls_back_to_points_when_100_cannot_be_made(tmp_path):
    judges = [Question(f"j{k}", "judge", f"第{k}条说法是正确的。", ["对"], Source("d", f"第{k}条说法。", []),
                       score=1000 - k) for k in range(120)]
    out = tmp_path / "many.docx"
    make_paper(judges, out, count=120, key="none")
    (head, units), = docx_sections(out).items()
    assert "每题1分，共120分" in head and header_points(head, units) == 120


@settings(max_examples=150, deadline=None)
@given(total=st.integers(1, 200), fills=st.lists(st.integers(1, 3), max_size=12),
       others=st.lists(st.integers(0, 15), min_size=3, max_size=3))
def test_spread_total_is_exact_or_none(total, fills, others):
    units = {"fill": fills, "single": [1] * others[0], "multi": [1] * others[1], "judge": [1] * others[2]}
    units = {t: u for t, u in units.items() if u}
    if not units:
        return
    weights = {"fill": 2, "single": 2, "multi": 3, "judge": 1}
    scores = spread_total(total, units, weights)
    n = sum(sum(u) for u in units.values())
    if scores is None:  # only when there are fewer points than blanks/questions, or only fills
        assert n > total or set(units) == {"fill"}
        return
    got = 0
    for t, u in units.items():
        s = scores[t]
        assert s.unit >= 1 and float(s.unit).is_integer() and 0 <= s.tail < len(u)
        got += sum(s.item_points(k, len(u)) * blanks for k, blanks in enumerate(u, 1))
    assert got == total
