"""How generic a span is: whether its words are the common words of any Chinese text.

A blank whose answer is made only of common words (新情况, 发展水平, 有能力) can be guessed
from the frame: it tests nothing a study session read. The measure is jieba's inverse
document frequency (IDF) of the span's words, from ``data/common_words.tsv`` (the common part
of jieba's own IDF table, written by ``tools/make_common_words.py``; a word not listed is rare).
Named formulations are often made of common words too (政治建设, 中国特色社会主义制度), so
the ranking gets the measure as features and learns their weight (``span_features``); only the
clearest case, every word among the very commonest and no named head, is refused outright
(``stock_phrase``, used by the quality gate).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

RARE = 8.0
"""The IDF a word not in common_words.tsv is given: the file lists the words below it."""
STOCK_IDF = 5.0
"""Below this IDF a word is one of the ~400 commonest (新, 问题, 情况, 水平, 发展, 地方):
a span made only of such words and without a named head is a stock phrase."""
COMMON_IDF = 7.0
"""Below this a word is among the ~3,500 commonest (干部, 员工, 全年, 任务)."""
NAMED_HEADS = ("制度", "精神", "体系", "机制", "理念", "战略", "思想", "理论", "方针", "路线", "原则", "宗旨",
               "作风", "意识", "自信", "工程", "格局", "事业", "文化", "道路", "目标", "使命", "作用", "能力",
               "要求", "主义", "建设", "发展", "方向",
               "根本", "关键", "核心", "本质", "首要", "基础", "灵魂", "基石", "保证", "保障", "动力", "力量")
"""Heads that make a common-word span a named formulation (经济建设, 政府作用, 政治方向: the
class of features.SUFFIXES) or a judgement (X是…的重要基础, 根本保证: of features.NORMATIVE_RE)."""
JOINER_CHARS = "、，,和与及的"
JOINERS = frozenset(JOINER_CHARS)


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    text = resources.files("quizgen").joinpath("data/common_words.tsv").read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            out[word] = float(value)
    return out


def idf(word: str) -> float:
    """jieba's IDF of ``word`` (``RARE`` for a word not among the common ones)."""
    return _table().get(word, RARE)


def content_words(words) -> list[str]:
    """The words, without 、和与及的 between them."""
    return [w for w in words if w.strip() and not set(w) <= JOINERS]


def idf_profile(words) -> tuple[int, float, float]:
    """(number of words, highest IDF, lowest IDF) of a span's words."""
    table = _table()  # content_words and idf inlined: this runs for every span of a long text
    # w.strip(JOINER_CHARS) is empty exactly when every character of w is a joiner
    vals = [table.get(w, RARE) for w in words if w.strip() and w.strip(JOINER_CHARS)] or [RARE]
    return len(vals), max(vals), min(vals)


@lru_cache(maxsize=8192)
def stock_phrase(span: str) -> bool:
    """新问题, 发展水平, 有能力: two or more words, every one among the very commonest, and no
    named head (制度, 建设, 作用, …) that would make it a formulation."""
    from quizgen.extract.terms import segment

    n, top, _low = idf_profile(segment(span))
    return n >= 2 and top < STOCK_IDF and not span.endswith(NAMED_HEADS)


def generic_features(words) -> dict[str, float]:
    """Features of a span's commonness for the span model, from its words (as its sentence
    is cut: the words inside the span)."""
    _n, top, low = idf_profile(words)
    f: dict[str, float] = {}
    if top < STOCK_IDF:
        f["idf_max<5"] = 1.0
    elif top < COMMON_IDF:
        f["idf_max<7"] = 1.0
    elif top < RARE:
        f["idf_max<8"] = 1.0
    # (a flag for "two or more common words, no named head" was tried: it lowered the mean
    # leave-one-out recall, so the buckets carry the measure alone)
    if low >= RARE:
        f["all_rare"] = 1.0  # every word rare (策源地): a specific term
    return f
