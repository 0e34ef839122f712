"""Chinese typesetting of the PDF read back with pdfplumber: 禁则 at every line start and end,
and fill blanks as long as the DOCX's."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from quizgen.model import Question, Source
from quizgen.paper import make_paper
from quizgen.render.kinsoku import line_ends

pdfplumber = pytest.importorskip("pdfplumber")
docx = pytest.importorskip("docx")

BAD_START = "，。、；：？！）」』”’》"
BAD_END = "（“「『‘《"

_CLAUSES = ["坚持“两个确立”、做到“两个维护”", "全面从严治党；党的自我革命", "以“三会一课”为抓手，落实（支部）责任",
            "推进“四个全面”战略布局：协调、统筹", "弘扬伟大建党精神，践行初心使命？", "牢记“国之大者”！",
            "完善党内法规制度体系（含党章）", "把“严”的主基调长期坚持下去"]


def long_stems() -> list[Question]:
    """Long stems full of ，、；“”（）, each shifted by one more character so that every mark
    falls at a line end or start on one of them."""
    qs = []
    for k in range(96):
        body = "党" * (k % 47) + "，".join(_CLAUSES[(k + j) % len(_CLAUSES)] for j in range(6))
        src = Source("d", f"第{k}句：{body}。", [])  # one fact per question
        if k % 3 == 0:
            qs.append(Question(f"f{k}", "fill", body + "，必须坚持____。", ["党的全面领导"], src, score=1000 - k))
        elif k % 3 == 1:
            qs.append(Question(f"s{k}", "single", body + "的是（\u3000\u3000）。", ["甲"], src,
                               options=["甲", "乙", "丙", "丁"], score=1000 - k))
        else:
            qs.append(Question(f"j{k}", "judge", body + "。", ["对"], src, score=1000 - k))
    return qs


def pdf_lines(path: Path) -> list[str]:
    """The text of every printed line (characters grouped by their y), blanks shown as _."""
    lines = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            rows: dict[int, list[dict]] = defaultdict(list)
            for c in page.chars:
                rows[round(c["top"])].append(c)
            for y in sorted(rows):
                text = "".join(c["text"] for c in sorted(rows[y], key=lambda c: c["x0"]))
                lines.append(text.replace("\xa0", "_").replace(" ", "_"))
    return lines


def test_no_closing_mark_starts_and_no_opening_mark_ends_a_line(tmp_path):
    out = tmp_path / "long.pdf"
    make_paper(long_stems(), out, count=96, key="end")
    lines = pdf_lines(out)
    assert len(lines) > 300
    starts = [t for t in lines if t[0] in BAD_START]
    ends = [t for t in lines if t[-1] in BAD_END]
    assert starts == [] and ends == []
    # the stems did wrap at many different places, marks included
    assert sum(t[-1] in "，、；”）" for t in lines) > 20


def test_a_blank_that_would_start_a_line_takes_the_character_before_it(tmp_path):
    """A blank too long for the rest of a line moves down with the character before it, so the
    ，or 、after it never opens a line (seen as text, the line would start with the comma)."""
    qs = []
    for k in range(60):
        stem = "党" * (k % 40) + "要以坚定理想信念宗旨为根基，以____为着力点，全面推进____、____、企业优胜劣汰。"
        answers = ["调动全党积极性、主动性、创造性", "要素自由流动", "价格反应灵活"]
        sentence = stem.replace("____", "{}").format(*answers)
        qs.append(Question(f"f{k}", "fill", stem, answers, Source("d", f"{k}{sentence}", []), score=100 - k))
    out = tmp_path / "blanks.pdf"
    make_paper(qs, out, count=60, key="none")
    lines = [t.strip("_") for t in pdf_lines(out)]
    assert [t for t in lines if t and t[0] in BAD_START] == []
    assert sum(t.startswith("_") for t in pdf_lines(out)) == 0  # a line starts with text, not a blank


def test_line_ends_pull_the_previous_character_along():
    text = "一二三四，五六"
    # four fit: the comma may not start the next line, so 四 goes down with it
    assert line_ends(text, [1.0] * len(text), [4.0]) == [3, 7]
    text = "一二三“四五六”"
    # the opening quote may not end a line: it goes down with 四
    assert line_ends(text, [1.0] * len(text), [4.0]) == [3, 6, 8]
    assert line_ends("2022年", [0.5, 0.5, 0.5, 0.5, 1.0], [1.0]) == [4, 5]  # a number is not cut


def test_pdf_blanks_as_long_as_docx_blanks(tmp_path):
    answers = ["1921", "高质量发展", "先进性和纯洁性", "中国特色社会主义现代化强国建设"]
    qs = [Question(f"f{k}", "fill", f"第{k}题：党的建设的要求是____。", [a], Source("d", f"第{k}题：{a}。", [a]),
                   score=10 - k)
          for k, a in enumerate(answers)]
    make_paper(qs, tmp_path / "p.docx", key="none")
    make_paper(qs, tmp_path / "p.pdf", key="none")
    docx_units = [len(r.text) / 4 for p in docx.Document(str(tmp_path / "p.docx")).paragraphs
                  if p.text.startswith("第") or p.text[:1].isdigit()
                  for r in p.runs if r.font.underline and set(r.text) == {"\xa0"}]
    with pdfplumber.open(str(tmp_path / "p.pdf")) as pdf:
        page = pdf.pages[0]
        first_stem = min(w["top"] for w in page.extract_words() if w["text"].startswith("1."))
        strokes = sorted((ln for ln in page.lines + page.rects
                          if ln["top"] > first_stem and ln["bottom"] - ln["top"] < 2), key=lambda ln: ln["top"])
        pdf_units = [(ln["x1"] - ln["x0"]) / 10.5 for ln in strokes]
    assert docx_units == [4, 7, 9, 12]
    assert len(pdf_units) == 4
    assert all(abs(p - d) < 0.3 for p, d in zip(pdf_units, docx_units)), (pdf_units, docx_units)
