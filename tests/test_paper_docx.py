"""DOCX papers read back with python-docx: sections, numbering, points, fonts, key, versions."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from paper_samples import sample_questions

from quizgen.paper import make_paper

docx = pytest.importorskip("docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def key_index(lines: list[str]) -> int:
    return next(k for k, t in enumerate(lines) if t.endswith("参考答案"))


@pytest.fixture(scope="module")
def paper_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "应知应会测试.docx"
    make_paper(sample_questions(), out, count=40, title="党建与科技创新 应知应会测试", subtitle="2026年11月",
               notes="闭卷作答；时间60分钟", seed=3)
    return out


def test_header_sections_and_points(paper_docx):
    lines = texts(paper_docx)
    assert lines[0] == "党建与科技创新 应知应会测试"
    assert lines[1] == "2026年11月"
    assert re.fullmatch(r"单位：\xa0+\u3000\u3000姓名：\xa0+\u3000\u3000得分：\xa0+", lines[2])
    assert "注意事项：" in lines and "1. 闭卷作答" in lines and "2. 时间60分钟" in lines
    heads = [t for t in lines[: key_index(lines)] if re.match(r"^[一二三四]、", t)]
    # the default total of 100 over 11 blanks and 30 questions: whole points that add up
    assert heads == ["一、填空题（每空2分，共22分）", "二、单项选择题（第1～2题每题2分，第3～10题每题3分，共28分）",
                     "三、多项选择题（每题4分，共40分）",
                     "四、判断题（正确的打“√”，错误的打“×”；每题1分，共10分）"]
    total = sum(int(x) for h in heads for x in re.findall(r"共(\d+)分", h))
    assert total == 100 and "满分100分" in "".join(lines[:6])


def test_numbering_brackets_and_options(paper_docx):
    lines = texts(paper_docx)
    body = lines[: key_index(lines)]
    starts = [k for k, t in enumerate(body) if re.match(r"^[一二三四]、", t)] + [len(body)]
    for a, b in itertools.pairwise(starts):
        numbers = [int(m.group(1)) for t in body[a + 1:b] if (m := re.match(r"^(\d+)\. ", t))]
        assert numbers == list(range(1, 11))
    assert any(t.startswith("1. 中国共产党的根本宗旨是（）") for t in body)
    assert "A. 一年\tB. 半年\tC. 两年\tD. 三年" in body  # short options: four columns on tab stops
    assert any(t.startswith("A. 支部党员大会一般每季度召开一次") for t in body)  # long: one per line


def test_key_on_its_own_page_with_sources(paper_docx):
    d = docx.Document(str(paper_docx))
    paras = d.paragraphs
    k = key_index([p.text for p in paras])
    breaks = [p for p in paras[:k] if p._p.xpath('.//w:br[@w:type="page"]')]
    assert breaks, "the key starts on a new page"
    key = [p.text for p in paras[k:]]
    assert "1. 1921" in key
    assert "本卷试题均出自sample_doc，“出处”为原文语句。" in key
    assert "出处：中国共产党第一次全国代表大会于1921年在上海召开。" in key
    assert sum(t.startswith("出处：") for t in key) == 40
    assert "1. √" in key


def test_east_asian_fonts_and_page_numbers(paper_docx):
    d = docx.Document(str(paper_docx))
    normal = d.styles["Normal"].element.rPr.rFonts
    assert normal.get(f"{W}eastAsia") == "宋体"
    assert d.styles["大题标题"].element.rPr.rFonts.get(f"{W}eastAsia") == "黑体"
    footer = d.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "第 " in footer and " 页 共 " in footer
    sec = d.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297


def test_blanks_are_underlined_no_break_runs(paper_docx):
    d = docx.Document(str(paper_docx))
    para = next(p for p in d.paragraphs if p.text.startswith("1. 中国共产党第一次全国代表大会于"))
    blanks = [r for r in para.runs if r.font.underline]
    assert len(blanks) == 1 and set(blanks[0].text) == {"\xa0"} and len(blanks[0].text) >= 12


def test_questions_kept_with_options(paper_docx):
    d = docx.Document(str(paper_docx))
    for p in d.paragraphs:
        if p.text.startswith("1. 中国共产党的根本宗旨是"):
            assert p.paragraph_format.keep_with_next and p.paragraph_format.keep_together


def test_same_seed_same_bytes(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (a, b):
        make_paper(sample_questions(), out, count=20, seed=5, versions="A")
    assert (tmp_path / "a-A.docx").read_bytes() == (tmp_path / "b-A.docx").read_bytes()


def test_versions_and_separate_keys(tmp_path):
    out = tmp_path / "quiz.docx"
    paths = make_paper(sample_questions(), out, count=24, seed=9, versions="A,B", key="separate")
    assert [p.name for p in paths] == ["quiz-A.docx", "quiz-A-答案.docx", "quiz-B.docx", "quiz-B-答案.docx"]
    assert not out.exists()
    a, b = texts(tmp_path / "quiz-A.docx"), texts(tmp_path / "quiz-B.docx")
    assert a[0].endswith("（A卷）") and b[0].endswith("（B卷）")
    assert not any(t.endswith("参考答案") for t in a)
    stems = lambda lines: [re.sub(r"^\d+\. ", "", t) for t in lines if re.match(r"^\d+\. ", t)]
    assert sorted(stems(a)) == sorted(stems(b)) and stems(a) != stems(b)
    key_a, key_b = texts(tmp_path / "quiz-A-答案.docx"), texts(tmp_path / "quiz-B-答案.docx")
    src = lambda lines: sorted(t for t in lines if t.startswith("出处："))
    assert src(key_a) == src(key_b) and len(src(key_a)) == 24
    # each version's key agrees with its own option order
    for lines, key in ((a, key_a), (b, key_b)):
        options, sec, num = {}, "", 0
        for t in lines:
            if re.match(r"^[一二三四]、", t):
                sec = t.split("（")[0]
            elif m := re.match(r"^(\d+)\. ", t):
                num = int(m.group(1))
            elif re.match(r"^[A-F]\. ", t):
                for cell in t.split("\t"):
                    options.setdefault((sec, num), {})[cell[0]] = cell[3:]
        checked = 0
        for t in key:
            if re.match(r"^[一二三四]、", t):
                sec = t
            elif m := re.match(r"^(\d+)\. ([A-F]+)（(.*)）$", t):
                opts = options[(sec, int(m.group(1)))]
                assert [opts[x] for x in m.group(2)] == m.group(3).split("；")
                checked += 1
        assert checked >= 10
