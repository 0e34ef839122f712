"""wordcut gives jieba's words exactly (accurate mode, HMM on): on whole documents, on any mix of
Chinese, ASCII, digits, spaces and punctuation, and on a run segmented again from its cache."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.extract import wordcut
from quizgen.extract.terms import _tagger

FIXTURES = Path(__file__).parent / "fixtures"


def _jieba(text: str) -> list[str]:
    jieba, _ = _tagger()
    return jieba.lcut(text, HMM=True)


def test_documents_are_cut_as_jieba_cuts_them():
    for name in ("shijiuda_report.txt", "seed_article.txt", "article.txt"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert list(wordcut.cut(text)) == _jieba(text), name
        for line in text.splitlines():
            assert list(wordcut.cut(line)) == _jieba(line), line


ALPHABET = "党的建设和人民中国特色社会主义新时代鋆彧犇淼abcZ019.%-+# \t\n\r、，。“”（）"
WORDS = ["中国共产党", "全面从严治党", "以人民为中心", "高质量发展", "2024年", "GDP", "5.2%", "习近平新时代",
         "鋆彧", "犇淼鑫", "洛阳铜加工", "张玉卓", "三重一大"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=ALPHABET, max_size=12), st.sampled_from(WORDS)), max_size=12))
def test_any_text_is_cut_as_jieba_cuts_it(parts):
    text = "".join(parts)
    assert list(wordcut.cut(text)) == _jieba(text)
    assert list(wordcut.cut(text)) == _jieba(text)  # the second time from the kept runs


def test_forget_keeps_the_words():
    text = "坚持以人民为中心的发展思想，推动高质量发展。"
    first = wordcut.cut(text)
    wordcut.forget()
    assert wordcut.cut(text) == first == tuple(_jieba(text))
