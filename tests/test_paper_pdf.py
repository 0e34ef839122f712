"""PDF papers read back with pypdf: Chinese text extracts, the CJK font is embedded, pages, versions."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from paper_samples import sample_questions

from quizgen.model import Question, Source
from quizgen.paper import make_paper

pypdf = pytest.importorskip("pypdf")


def page_texts(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages]


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def paper_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "quiz.pdf"
    make_paper(sample_questions(), out, count=40, title="洛阳铜加工 党建与科技创新 应知应会测试", seed=7,
               notes="闭卷作答")
    return out


def test_chinese_text_extracts(paper_pdf):
    text = compact("".join(page_texts(paper_pdf)))
    for needle in ("洛阳铜加工党建与科技创新应知应会测试", "单位：", "姓名：", "得分：", "注意事项：",
                   "满分100分", "一、填空题（每空2分，共22分）",
                   "二、单项选择题（第1～2题每题2分，第3～10题每题3分，共28分）",
                   "三、多项选择题（每题4分，共40分）", "四、判断题（正确的打“√”，错误的打“×”；每题1分，共10分）",
                   "中国共产党第一次全国代表大会于", "参考答案", "本卷试题均出自sample_doc", "出处：中国共产党第一次全国代表大会于1921年"):
        assert needle in text, needle


def test_cjk_font_embedded_and_subset(paper_pdf):
    reader = pypdf.PdfReader(str(paper_pdf))
    embedded, unembedded = set(), set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is not None and any(k in desc.get_object() for k in ("/FontFile2", "/FontFile3", "/FontFile")):
                embedded.add(str(font["/BaseFont"]))
            else:
                unembedded.add(str(font["/BaseFont"]))
    assert embedded and all(re.match(r"/[A-Z]{6}\+", name) for name in embedded)  # subset prefix
    assert not unembedded, unembedded


def test_page_numbers_and_key_on_own_page(paper_pdf):
    pages = page_texts(paper_pdf)
    n = len(pages)
    assert n >= 3
    for k, text in enumerate(pages, 1):
        assert f"第{k}页共{n}页" in compact(text)
    first_key = next(k for k, t in enumerate(pages) if "参考答案" in t)
    assert "参考答案" not in "".join(pages[:first_key])
    assert "出处" not in "".join(pages[:first_key])
    assert compact(pages[first_key]).startswith("洛阳铜加工")  # the key page starts with its own title


def test_same_seed_same_bytes(tmp_path):
    for name in ("a.pdf", "b.pdf"):
        make_paper(sample_questions(), tmp_path / name, count=20, seed=11)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_versions_same_questions_different_order(tmp_path):
    paths = make_paper(sample_questions(), tmp_path / "quiz.pdf", count=40, seed=7, versions="A,B")
    assert [p.name for p in paths] == ["quiz-A.pdf", "quiz-B.pdf"]
    a, b = (compact("".join(page_texts(p))) for p in paths)
    assert "（A卷）" in a and "（B卷）" in b
    sources = lambda t: sorted(re.findall(r"出处：(.*?)。", t))
    assert sources(a) == sources(b) and len(sources(a)) >= 38
    body_a, body_b = a.split("参考答案")[0], b.split("参考答案")[0]
    stems = ["中国共产党第一次全国代表大会于", "党的十一届三中全会于", "民主集中制是党的根本组织原则",
             "实践是检验真理的唯一标准", "党的最高领导机关是"]
    order = lambda body: sorted(stems, key=body.find)
    assert all(s in body_a and s in body_b for s in stems)
    assert order(body_a) != order(body_b)


def test_long_paper_keeps_options_with_their_question(tmp_path):
    long_opts = ["这是一个很长的选项，用来检验分页时题干与选项不被拆开，内容与党建和科技创新有关" + str(k) for k in range(4)]
    qs = [Question(f"s{k}", "single", f"第{k}题：下列关于基层党组织建设的表述，正确的是（\u3000\u3000）。",
                   [long_opts[0]], Source("d", f"第{k}句", []), options=long_opts, score=100 - k)
          for k in range(60)]
    out = tmp_path / "long.pdf"
    make_paper(qs, out, count=60, types="single", key="none")
    pages = page_texts(out)
    assert len(pages) >= 5
    for text in pages:
        flat = compact(text)
        # every question that starts on a page has all four options on that same page
        for m in re.finditer(r"第(\d+)题：", flat):
            rest = flat[m.end():]
            nxt = re.search(r"第\d+题：", rest)
            chunk = rest[: nxt.start()] if nxt else rest
            assert all(f"{x}.这是一个很长的选项" in chunk for x in "ABCD"), (m.group(1), chunk[:80])


def test_blanks_and_brackets_never_split_across_lines():
    from reportlab.lib.units import mm

    from quizgen.render import pdf_writer
    from quizgen.render.fonts import register_pdf_font
    from quizgen.render.layout import make_item

    style = pdf_writer._styles(register_pdf_font())["stem"]
    avail = 170 * mm - 12
    src = Source("d", "s", [])
    moved = 0
    for k in range(40):
        lead = "坚持党的全面领导" * 5 + "党" * k
        for q in (Question("s", "single", lead + "是（\u3000\u3000）的根本保证。", ["a"], src, options=["a", "b"]),
                  Question("f", "fill", lead + "是____的根本保证，____。", ["中国特色社会主义", "必须坚持"], src)):
            item = make_item(q, 1, 2.0, None)
            para = pdf_writer.stem_paragraph(item, style, avail)
            assert pdf_writer.split_slots(para) == set(), (k, q.type)
            for line in para.blPara.lines:
                words = [w for w in getattr(line, "words", []) if getattr(w, "text", "")]
                color = getattr(words[0], "textColor", None) if words else None
                assert q.type != "fill" or color is None or color.hexval() != "0x010101", k  # nor with a blank
            moved += len(para.blPara.lines) > 1
    assert moved == 80  # every stem wrapped, at a different place each


def test_font_comes_from_the_installed_package_or_override(monkeypatch, tmp_path):
    from quizgen.errors import QuizgenError
    from quizgen.render import fonts

    monkeypatch.delenv("QUIZGEN_CJK_FONT", raising=False)
    path, index = fonts.cjk_font_file()
    assert path.suffix in (".ttc", ".ttf") and path.is_file() and index == 0
    assert "site-packages" in str(path) or "dist-packages" in str(path) or fonts.FONT_PACKAGE in str(path)
    monkeypatch.setenv("QUIZGEN_CJK_FONT", str(tmp_path / "missing.ttf"))
    with pytest.raises(QuizgenError, match="字体文件不存在"):
        fonts.cjk_font_file()
    monkeypatch.setenv("QUIZGEN_CJK_FONT", f"{path}#1")
    assert fonts.cjk_font_file() == (path, 1)


def test_common_paper_characters_have_glyphs():
    from quizgen.render.fonts import has_glyph

    for ch in "〇一二三四五六七八九十百千万党建习近平新时代中国特色社会主义思想“”（）、：；！？《》—…√×①ABC0123":
        assert has_glyph(ch), ch


def test_section_headings_travel_with_their_first_question():
    """No page can end with a heading: each heading is bound with its section's first question
    (and each key section heading with its first answer)."""
    from reportlab.platypus import KeepTogether

    from quizgen.render import pdf_writer
    from quizgen.render.layout import build_paper

    font, bold_lines, _ = pdf_writer._flowables()
    st = pdf_writer._styles(font)
    paper = build_paper(sample_questions())
    body = pdf_writer._body(paper, st, bold_lines, 470)
    assert all(isinstance(f, KeepTogether) for f in body)
    heads = [f for f in body if isinstance(f._content[0], bold_lines)]
    assert len(heads) == 4 and all(len(f._content) >= 2 for f in heads)
    key = [f for f in pdf_writer._key(paper, st, bold_lines) if isinstance(f, KeepTogether)]
    assert len(key) == 40
    assert sum(isinstance(f._content[0], bold_lines) for f in key) == 4


def test_characters_without_glyph_are_reported(tmp_path, capsys):
    src = Source("d", "s", [])
    qs = [Question("j", "judge", "𠀀是一个罕见字。", ["对"], src)]
    make_paper(qs, tmp_path / "rare.pdf", key="none")
    assert "没有这些字：𠀀" in capsys.readouterr().err
    assert (tmp_path / "rare.pdf").exists()
