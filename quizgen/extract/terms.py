"""Terms found through word segmentation (jieba): noun chunks, idioms, “走…之路” paths.

A term is a run of noun-like words (引线框架材料, 职业经理人制度) or a four-character idiom
(风清气正). Its weight grows when the document repeats it, when it is the object of a verb of
achievement or commitment, and when it stands in a clause that carries a year.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from functools import lru_cache

from quizgen.extract.patterns import CJK, YEAR_CHAR, YEAR_RE, Candidate

NOUNISH = ("n", "vn", "nz", "nt", "ns", "nr", "j", "l", "i", "an", "eng")
COMMIT_VERBS = {
    "贯彻落实", "实现", "实行", "弘扬", "研发", "研制", "建立", "坚持", "形成", "开展", "推进", "树立", "建设", "打造",
    "培育", "践行", "贯彻", "落实", "健全", "完善", "构建", "推动", "发扬", "传承", "坚守", "确立", "成为",
    "发挥", "加强", "深化", "出", "充分发挥", "大力", "进一步", "不断", "深入", "积极", "着力",
}
SUFFIXES = ("制度", "精神", "体系", "机制", "理念", "战略", "思想", "理论", "方针", "路线", "原则", "宗旨",
            "作风", "意识", "自信", "工程", "格局", "事业", "文化", "道路", "目标", "使命", "作用")
GENERIC = {"工作", "问题", "方面", "情况", "过程", "企业", "公司", "单位", "部门", "时候", "同志", "我们"}
PATH_RE = re.compile(rf"走(?:好|出|上)?((?:(?!的)[{CJK}]){{2,8}}?)(?:之路|道路)")
CLAUSE_RE = re.compile(r"[^，,；;。！？!?]+")


@lru_cache(maxsize=1)
def _tagger():
    jieba = _import_jieba()
    jieba.setLogLevel(60)
    _initialize(jieba)
    return jieba, _tag_table(jieba)


def _import_jieba():
    """Import jieba without pkg_resources: jieba only uses it to open its own data files and falls
    back to plain paths without it, and importing pkg_resources costs 0.1 s of every run."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _initialize(jieba) -> None:
    """jieba's own start-up, reading its dictionary cache with one ``marshal.loads`` of the whole
    file: three to four times faster than its ``marshal.load`` from the open file. Anything
    unusual (another dictionary, no cache yet, a damaged cache) goes through jieba itself."""
    import marshal
    import os
    import tempfile

    dt = jieba.dt
    if not dt.initialized and dt.dictionary == jieba.DEFAULT_DICT and not dt.cache_file:
        cache = os.path.join(dt.tmp_dir or tempfile.gettempdir(), "jieba.cache")
        try:
            with open(cache, "rb") as fh:
                freq, total = marshal.loads(fh.read())
            if isinstance(freq, dict) and freq and total:
                dt.FREQ, dt.total, dt.initialized = freq, total, True
        except (OSError, EOFError, ValueError, TypeError):
            pass
    jieba.initialize()  # returns at once when the cache was read above


PLAIN_NOUN_TAGS = ("n", "nr", "ns")
"""Tags that every use here treats alike (a noun); the table leaves them out, which halves it."""


def _tag_table(jieba) -> dict[str, str]:
    """Word -> part of speech from jieba's dictionary, kept as a marshal cache beside jieba's own
    (reading the 350,000-line dictionary each run costs more than the rest of an extract).
    Plain nouns are left out: ``pos_of`` gives "n" to a dictionary word not in the table."""
    import marshal
    import os
    import tempfile

    source = jieba.get_dict_file()
    path = getattr(source, "name", "")
    source.close()
    try:
        stamp = f"{os.path.getsize(path)}-{int(os.path.getmtime(path))}"
    except OSError:
        stamp = "0"
    cache = os.path.join(tempfile.gettempdir(), f"quizgen-tags3-{stamp}.marshal")
    try:
        with open(cache, "rb") as fh:
            table = marshal.loads(fh.read())  # much faster than marshal.load(fh)
        if isinstance(table, dict) and table:
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table: dict[str, str] = {}
    with jieba.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 3:
                table[parts[0]] = parts[2]  # a word listed twice keeps its last tag, as in jieba
    table = {w: t for w, t in table.items() if t not in PLAIN_NOUN_TAGS}
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(cache), prefix=".quizgen-tags-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(table, fh)
        os.replace(tmp, cache)
    except OSError:
        pass  # no writable temp folder: read the dictionary again next time
    return table


@lru_cache(maxsize=1 << 15)  # a long document's every sentence: the questions cut them again
def _segment(text: str) -> tuple[str, ...]:
    from quizgen.extract import wordcut

    return wordcut.cut(text)  # jieba's words (wordcut.py says how it is faster)


def forget_sentences() -> None:
    """Drop the segmentation, count and clause caches and the document's index (kept for one
    document's several passes)."""
    from quizgen import textindex
    from quizgen.extract import wordcut

    _segment.cache_clear()
    wordcut.forget()
    _counts.clear()
    _clause_terms.clear()
    textindex.forget()


_counts: dict[tuple[str, str], int] = {}


def doc_count(doc_text: str, span: str) -> int:
    """How often ``doc_text`` says ``span`` (as ``str.count``), counted once per span and
    document, from the document's index: the cost follows the span's occurrences, not the
    document's length."""
    from quizgen.textindex import index_of

    key = (doc_text, span)  # a str caches its hash: the long text is hashed once
    n = _counts.get(key)
    if n is None:
        n = _counts[key] = index_of(doc_text).count(span)
    return n


def segment(text: str) -> list[str]:
    """Words of ``text`` (jieba, with its HMM for unknown words); a sentence is cut once."""
    return list(_segment(text))


def word_bounds(text: str) -> set[int]:
    """The offsets in ``text`` where a word (of ``segment``) begins or ends."""
    out, k = {0}, 0
    for w in segment(text):
        k += len(w)
        out.add(k)
    return out


_pos: dict[str, str] = {}
"""Words already tagged: a word's tag depends on the word alone (and jieba's dictionary), and a
long document asks for the same few thousand words hundreds of thousands of times."""
FOUR_CJK = re.compile(rf"[{CJK}]{{4}}")
ALL_CJK = re.compile(rf"[{CJK}]+")


def pos_of(word: str) -> str:
    tag = _pos.get(word)
    if tag is None:
        if len(_pos) > 200_000:
            _pos.clear()  # bounded: a very long text of unknown words does not grow it forever
            _nounish.clear()
        tag = _pos[word] = _tag_of(word)
    return tag


_nounish: dict[str, bool] = {}
"""Words that can be part of a noun run (a noun-like tag, Chinese characters only), as asked."""


def _tag_of(word: str) -> str:
    jieba, tab = _tagger()
    tag = tab.get(word)
    if tag:
        return tag
    if jieba.dt.FREQ.get(word):
        return "n"  # a dictionary word left out of the table: a noun (see _tag_table)
    if FOUR_CJK.fullmatch(word):
        return "i"  # an unknown four-character word is most often an idiom or a set phrase
    return "x"


CLAUSES_KEPT = 1 << 15
"""Clauses whose terms are kept (per document, like the counts): a clause said again, as reports
say many, is not read word by word again."""
_clause_terms: dict[tuple[str, str], tuple[tuple[str, int, float], ...]] = {}


def find_terms(s: str, doc_text: str) -> list[Candidate]:
    out: list[Candidate] = []
    # the sentence is segmented once (shared with the list finder); jieba cuts at punctuation, so
    # its words fall inside the clauses, and are the clause's own words: a clause's terms depend
    # on the clause alone (and the document, for their weights)
    all_words = starts = ends = None
    for cm in CLAUSE_RE.finditer(s):
        clause = cm.group()
        key = (doc_text, clause)
        found = _clause_terms.get(key)
        if found is None:
            if all_words is None:
                all_words = segment(s)
                ends = list(accumulate(map(len, all_words)))
                starts = [0, *ends[:-1]]
            # the words inside the clause: from the first starting in it, up to the first running
            # past its end (every later word starts past it too; the ends increase)
            first = bisect_left(starts, cm.start())
            words = all_words[first:bisect_right(ends, cm.end(), first)]
            if "".join(words) != clause:
                words = segment(clause)  # a word across a clause boundary: cut the clause alone
            if len(_clause_terms) >= CLAUSES_KEPT:
                _clause_terms.clear()  # bounded: a long text of distinct clauses starts anew
            found = _clause_terms[key] = _clause_chunks(clause, words, doc_text)
        at = cm.start()
        for text, k, w in found:
            out.append(Candidate("term", [text], [at + k], w, "chunk"))
    for m in PATH_RE.finditer(s):
        out.append(Candidate("term", [m.group(1)], [m.start(1)], 0.8, note="path"))
    return out


def _clause_chunks(clause: str, words: list[str], doc_text: str) -> tuple[tuple[str, int, float], ...]:
    """(term, offset in the clause, weight) of each noun chunk of one clause, cut into ``words``."""
    out: list[tuple[str, int, float]] = []
    year = YEAR_RE.search(clause) if YEAR_CHAR in clause else None
    year_end = year.end() if year else None
    nounish_of = _nounish
    pos = 0
    chunk: list[str] = []
    chunk_len = 0  # characters in chunk: a run shorter than 4 is no term (_chunk_candidate)
    chunk_start = pos
    prev_word = ""
    before_chunk = ""
    for w in words:
        nounish = nounish_of.get(w)
        if nounish is None:
            nounish = nounish_of[w] = pos_of(w).startswith(NOUNISH) and ALL_CJK.fullmatch(w) is not None
        if nounish:
            if not chunk:
                chunk_start = pos
                before_chunk = prev_word
                chunk_len = 0
            chunk.append(w)
            chunk_len += len(w)
            if len(prev_word) == 1 and len(chunk) == 1 and pos_of(prev_word) in ("a", "b"):
                chunk = []  # 新/时代…: the run would start inside a word
        elif chunk:  # a run of noun-like words ends here
            if chunk[-1] in MANNER_WORDS and pos_of(w).startswith("v"):
                chunk_len -= len(chunk.pop())  # 乡村全面|振兴: the manner word goes with its verb
            while chunk and _adverb_and_verb(chunk[-1]):
                chunk_len -= len(chunk.pop())  # 战斗堡垒作用|充分发挥: a predicate jieba tags as a noun
            if chunk and chunk_len >= 4:
                out.extend(_chunk_candidate(chunk, chunk_start, before_chunk,
                                           year_end is not None and chunk_start >= year_end, doc_text))
            chunk = []
        pos += len(w)
        prev_word = w
    if chunk and chunk_len >= 4:  # the clause ends the run
        out.extend(_chunk_candidate(chunk, chunk_start, before_chunk,
                                   year_end is not None and chunk_start >= year_end, doc_text))
    return tuple(out)


def _adverb_and_verb(word: str) -> bool:
    """充分发挥, 全面推进: a four-character word that is a manner word and a verb (jieba may tag
    such a word a noun, and a noun run would then take the predicate)."""
    return (len(word) == 4 and pos_of(word[:2]) in ("d", "ad", "vd")
            and pos_of(word[2:]).startswith("v") and pos_of(word[2:]) != "vn")


MANNER_WORDS = {"全面", "深入", "持续", "不断", "加快", "大力", "积极", "切实", "稳步", "有序", "协同", "统筹"}
"""Words that say how something is done, which jieba may tag as nouns (乡村|全面|振兴): at the end
of a noun run, before a verb, such a word belongs to the verb, not to the term."""


TOPIC_REPEATS = 5
TOPIC_PER_10K = 1.3
"""A term is the document's ever-present topic from 5 repeats, or, in a text longer than about
38,000 characters, from 1.3 repeats per 10,000 characters: what 5 repeats are in a long report.
A volume of speeches says many a term five times without it being the subject of the whole."""


def topic_repeats(doc_len: int) -> int:
    """From how many repeats a term is the topic of a document of ``doc_len`` characters."""
    return max(TOPIC_REPEATS, math.ceil(TOPIC_PER_10K * doc_len / 10000))


def _chunk_candidate(chunk: list[str], start: int, before: str, after_year: bool,
                     doc_text: str) -> list[tuple[str, int, float]]:
    """The term of a run of noun-like words starting at ``start``, as (text, start, weight); none
    when the run is no term."""
    while chunk and chunk[0] in COMMIT_VERBS:
        start += len(chunk[0])
        before = chunk.pop(0)
    text = "".join(chunk)
    if before == "、":
        return []  # 党中央、国务院决策部署: the run after a 、 shares its head with what precedes it
    if len(text) < 4 or len(text) > 10:
        return []
    if len(chunk) == 1 and pos_of(text) not in ("i", "l", "nz"):
        return []
    if len(chunk) == 1 and text.endswith(tuple(COMMIT_VERBS)):
        return []  # 认真贯彻, which jieba calls an idiom: a verb of carrying out, no term
    if len(chunk) > 1 and any(pos_of(w) == "l" for w in chunk):
        return []  # a set phrase inside a run is mostly a verb phrase (充分认识…)
    if chunk[-1] in GENERIC or chunk[0] in GENERIC or len(chunk[-1]) < 2:
        return []
    if any(pos_of(w).startswith("nr") for w in chunk):
        return []  # 习近平总书记领航|掌舵: a person is who acts (a subject), not a term to recall
    w = 0.3
    if len(chunk) == 1:
        w = 0.35  # an idiom or set phrase
    repeats = doc_count(doc_text, text)
    if 2 <= repeats < topic_repeats(len(doc_text)):
        w += 0.2  # repeated, but not the document's ever-present topic word
    elif repeats >= 2:
        w *= 0.5  # the subject of the whole text (the unit's own name): blanking it asks nothing
    if text.endswith(SUFFIXES):
        w += 0.15
    if before in COMMIT_VERBS:
        w += 0.15
    if after_year:
        w += 0.3  # the object of a dated milestone
    return [(text, start, min(w, 0.9))]
