"""Question generation: invariants every generated question must keep, checked over ALL questions
of the seed article and of a short hand-written Party text; ids stable across runs.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from collections import Counter

import pytest

from quizgen.extract import extract_facts
from quizgen.extract.patterns import YEAR_RE
from quizgen.glossary import siblings
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, QUESTION_TYPES, Block, Document
from quizgen.questions import generate
from quizgen.questions.distractors import pick
from quizgen.questions.quality import as_written
from quizgen.readers.boilerplate import make_document
from quizgen.textnorm import BLANK, count_blanks, fill_blanks, norm

KINDS = {"year", "number", "term", "formula", "enumeration", "principle"}
BRACKET = "（　　）"

# General Party-text sentences (not from the seed article); the first line is the title.
PARTY_TEXT = [
    "全面建设社会主义现代化国家",
    "1921年7月，中国共产党第一次全国代表大会在上海召开。",
    "党的第二十次全国代表大会提出，到二〇三五年基本实现社会主义现代化。",
    "全党必须增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "必须坚定不移贯彻创新、协调、绿色、开放、共享的新发展理念。",
    "人才是第一资源，创新是第一动力。",
    "统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局。",
    "中国共产党现有党员9800多万名，基层党组织490多万个。",
    "要充分发挥基层党组织的战斗堡垒作用和党员的先锋模范作用。",
    "上世纪80年代，我国开始实行改革开放，经济总量不断增长。",
    "坚持“三会一课”制度，严肃党内政治生活，增强党组织的政治功能和组织功能。",
    "牢固树立政治意识、大局意识、核心意识、看齐意识，坚定道路自信、理论自信、制度自信、文化自信。",
    "新时代坚持和发展中国特色社会主义的基本方略是十四个坚持。",
    "弘扬爱国、敬业、诚信、友善的价值观。",
]

# Awkward input: a span twice in one sentence, full-width digits, a long ；-sentence, quotes side by side.
TRICKY_TEXT = [
    "1954年建厂，1954年投产，创新是第一动力，创新是企业的灵魂。",
    "全厂１９５６年开工建设，共有１５６项重点工程。",
    "要坚持“两个务必”，做到“两个务必”，坚持“三会一课”制度。",
    ("一是加强政治建设；二是加强思想建设；三是加强组织建设；四是加强作风建设；五是加强纪律建设；"
     "六是把制度建设贯穿其中，深入推进反腐败斗争，持续推进全面从严治党向纵深发展，着力营造风清气正的良好政治生态，"
     "以党的自我革命引领社会革命，确保党始终成为中国特色社会主义事业的坚强领导核心。"),
    "“科技是第一生产力”“人才是第一资源”“创新是第一动力”。",
    "党的十八大以来，以习近平同志为核心的党中央坚持“四个全面”战略布局。",
    # the same words once with and once without punctuation between them
    "中国高举和平、发展、合作、共赢的旗帜，坚持相互尊重、公平正义、合作共赢的原则。",
    # a list of figures, not of terms
    "全年支出规模28.5万亿元、比上年增加1.1万亿元，新增就业1244万人、增长5.2%。",
]

# Lines of the seed article that are not its body: they must never reach a question.
SEED_NOT_BODY = [
    "增强动力 激发活力——洛阳铜加工推进党建与科技创新工作双向融合的探索与实践",
    "来源: 中国铝业报时间: 2022-11-30作者: 曹旗文 冷建伟",
    "附件:",
    "友情链接",
    "版权所有 中国铝业集团有限公司 京ICP备16034488号-1 京公网安备11040102700155",
    "地址:中华人民共和国北京市海淀区西直门北大街62号",
    "苹果版下载",
    "安卓版下载",
]

CN_COUNT_RE = re.compile(r"(?:[两二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)")
ORDINAL_RE = re.compile(r"第([一二三四五六七八九十百零〇]+|\d+)(次|届|个|号)")


@pytest.fixture(scope="module")
def party_doc():
    return make_document(PARTY_TEXT, "party", "party.txt")


@pytest.fixture(scope="module")
def party_questions(party_doc):
    return generate(extract_facts(party_doc), party_doc.name)


@pytest.fixture(scope="module")
def tricky_doc():
    return Document(name="tricky", blocks=[Block(t) for t in TRICKY_TEXT])


@pytest.fixture(scope="module")
def tricky_questions(tricky_doc):
    return generate(extract_facts(tricky_doc), tricky_doc.name)


@pytest.fixture(params=["seed", "party", "tricky"])
def corpus(request):
    """(document, its questions) for each corpus the invariants are checked on."""
    name = request.param
    return request.getfixturevalue(f"{name}_doc"), request.getfixturevalue(f"{name}_questions")


def where(q) -> str:
    return f"\n  id={q.id} kind={q.kind}\n  stem={q.stem}\n  sentence={q.source.sentence}\n" \
           f"  options={q.options} answer={q.answer} spans={q.source.spans}"


# ---------------------------------------------------------------------------- same kind


def _year_form(x: str) -> str | None:
    if not YEAR_RE.fullmatch(x):
        return None
    if x.endswith("年代"):
        return "decade-digits" if x[0].isdigit() else "decade-chinese"
    return "year-digits" if x[0].isdigit() else "year-chinese"


def kind_mismatch(answer: str, other: str, kind: str) -> str | None:
    """Why ``other`` is not a stand-in of the same kind as ``answer`` (None when it is)."""
    if kind == "year":
        if _year_form(other) is None:
            return f"{other!r} is not a year"
        if _year_form(other) != _year_form(answer):
            return f"{other!r} is not the same form of year as {answer!r}"
    elif kind == "number":
        m = ORDINAL_RE.fullmatch(answer)
        if m:
            o = ORDINAL_RE.fullmatch(other)
            if not o or o.group(2) != m.group(2):
                return f"{other!r} is not an ordinal like {answer!r}"
            if not o.group(1).isdigit() and not CN_COUNT_RE.fullmatch(o.group(1)):
                return f"{other!r} is not a well-formed Chinese ordinal"
        else:
            if not re.search(r"\d", other):
                return f"{other!r} has no digits (answer {answer!r})"
            if re.sub(r"^[\d.]+", "", other) != re.sub(r"^[\d.]+", "", answer):
                return f"{other!r} has another measure word than {answer!r}"
    elif kind == "formula":
        a = re.match(r"[两一二三四五六七八九十]+", answer)
        b = re.match(r"[两一二三四五六七八九十]+", other)
        if not a or not b:
            return f"{other!r} is not a counted formula like {answer!r}"
        if not CN_COUNT_RE.fullmatch(b.group()):
            return f"{other!r}: {b.group()!r} is not a well-formed count"
        # either the same thing counted differently (五个意识), or a parallel formula of the
        # shipped glossary (四个意识 -> 四个自信, 两个确立)
        if other[b.end():] != answer[a.end():] and other not in siblings(answer):
            return f"{other!r} does not count the same thing as {answer!r}, nor is it a parallel formula"
    else:  # term, principle, enumeration
        if re.search(r"\d", other):
            return f"{other!r} has digits but {answer!r} is a {kind}"
    return None


# ---------------------------------------------------------------------------- all questions


def test_every_type_is_generated(corpus):
    doc, questions = corpus
    types = {q.type for q in questions}
    # the seed article's one list of a glossary form (积极性、主动性、创造性) has no wrong option
    # but other families' members (先进性): no multi there, fewer and better
    assert types == set(QUESTION_TYPES) or doc.name in ("tricky", "seed_article") and types >= {"fill", "single", "judge"}


def test_common_fields(corpus):
    doc, questions = corpus
    for q in questions:
        assert q.type in QUESTION_TYPES, where(q)
        assert q.kind in KINDS, where(q)
        assert q.source.doc == doc.name, where(q)
        assert q.source.sentence in doc.text, "source.sentence is not a sentence of the document" + where(q)
        assert q.source.spans, where(q)
        for span in q.source.spans:
            assert span and span in q.source.sentence, f"span {span!r} not in its sentence" + where(q)
        assert q.status == "new"
    scores = [q.score for q in questions]
    assert scores == sorted(scores, reverse=True), "questions are not most important first"


def test_ids_unique_and_well_formed(corpus):
    doc, questions = corpus
    ids = [q.id for q in questions]
    dup = [i for i, n in Counter(ids).items() if n > 1]
    assert not dup, f"duplicate ids: {dup}"
    for q in questions:
        assert q.id.startswith(f"{doc.name}-{q.type}-"), q.id
        assert re.fullmatch(r"[\w.-]+", q.id), q.id


def test_fill_invariants(corpus):
    _doc, questions = corpus
    fills = [q for q in questions if q.type == "fill"]
    assert fills
    for q in fills:
        n = len(q.answer)
        assert 1 <= n <= 4, "a fill has 1 to 4 blanks" + where(q)
        assert q.stem.count(BLANK) == n and count_blanks(q.stem) == n, "blanks != answers" + where(q)
        # a unit cut from a longer sentence reads …… where it was cut: the words are the sentence's
        assert as_written(fill_blanks(q.stem, q.answer), q.source.sentence), \
            "filling the blanks does not give the sentence" + where(q)
        for a in q.answer:
            assert a and a not in q.stem, f"answer {a!r} still visible in the stem" + where(q)
            assert norm(a) not in norm(q.stem.replace(BLANK, "")), \
                f"answer {a!r} visible in the stem once punctuation is ignored" + where(q)
        assert q.source.spans == q.answer, where(q)
        assert q.options is None, where(q)
        assert not q.accept or len(q.accept) == n, where(q)


def test_choice_invariants(corpus):
    _doc, questions = corpus
    choices = [q for q in questions if q.type in ("single", "multi")]
    assert choices
    for q in choices:
        opts = q.options or []
        assert 4 <= len(opts) <= 6, f"{len(opts)} options" + where(q)
        assert len({norm(o) for o in opts}) == len(opts), "options not distinct" + where(q)
        assert all(o.strip() for o in opts), where(q)
        assert all(a in opts for a in q.answer), "an answer is not among the options" + where(q)
        assert len(set(q.answer)) == len(q.answer), where(q)
        if q.type == "single":
            assert len(q.answer) == 1, where(q)
        else:
            assert len(q.answer) >= 2, where(q)
            assert len(opts) > len(q.answer), "a multi needs at least one wrong option" + where(q)
        assert q.source.spans == q.answer, where(q)
        assert BRACKET in q.stem, "no place for the answer in the stem" + where(q)
        if q.type == "single":  # a multi shows every member among its options anyway
            for a in q.answer:
                assert a not in q.stem, f"answer {a!r} visible in the stem" + where(q)
        for o in opts:
            if o not in q.answer:
                assert o not in q.source.sentence, f"wrong option {o!r} stands in the sentence" + where(q)
        digits = {bool(re.search(r"\d", o)) for o in opts}
        assert len(digits) == 1, "options mix figures and words" + where(q)


def test_single_stem_gives_back_the_sentence(corpus):
    _doc, questions = corpus
    for q in questions:
        if q.type == "single":
            assert q.stem.count(BRACKET) == 1, where(q)
            assert as_written(q.stem.replace(BRACKET, q.answer[0]), q.source.sentence), where(q)


def test_choice_distractors_are_of_the_answers_kind(corpus):
    _doc, questions = corpus
    problems = []
    for q in questions:
        if q.type not in ("single", "multi"):
            continue
        kind = "enumeration" if q.type == "multi" else q.kind
        for o in q.options:
            why = kind_mismatch(q.answer[0], o, kind)
            if why:
                problems.append(why + where(q))
    assert not problems, "\n".join(problems)


def test_judge_invariants(corpus):
    _doc, questions = corpus
    judges = [q for q in questions if q.type == "judge"]
    assert judges
    problems = []
    for q in judges:
        assert q.answer in ([JUDGE_TRUE], [JUDGE_FALSE]), where(q)
        assert q.options is None, where(q)
        sentence, span = q.source.sentence, q.source.spans[0]
        if q.answer == [JUDGE_TRUE]:
            # a true statement of a list tests the whole list
            assert len(q.source.spans) == 1 or q.kind == "enumeration", where(q)
            assert as_written(q.stem, sentence), "a true statement is the sentence as written" + where(q)
            continue
        assert len(q.source.spans) == 1, where(q)
        if sentence.endswith(("；", ";")) and q.stem.endswith("。"):
            sentence = sentence[:-1] + "。"  # a ；-part is stated as a sentence
        assert q.stem != sentence, where(q)
        # the stem is the sentence with one occurrence of the span replaced by something else
        replacements = []
        start = sentence.find(span)
        while start >= 0:
            head, tail = sentence[:start], sentence[start + len(span):]
            if q.stem.startswith(head) and q.stem.endswith(tail) and len(q.stem) > len(head) + len(tail):
                replacements.append(q.stem[len(head):len(q.stem) - len(tail)])
            start = sentence.find(span, start + 1)
        if not replacements:
            problems.append("false statement is not the sentence with its span replaced" + where(q))
            continue
        if all(kind_mismatch(span, r, q.kind) for r in replacements):
            problems.append(kind_mismatch(span, replacements[0], q.kind) + where(q))
        assert all(r != span and norm(r) != norm(span) for r in replacements), where(q)
    assert not problems, "\n".join(problems)


def test_both_judge_answers_occur(seed_doc, seed_facts):
    every = generate(seed_facts, seed_doc.name, limit=600, doc_text=seed_doc.text)
    answers = {q.answer[0] for q in every if q.type == "judge"}
    assert answers == {JUDGE_TRUE, JUDGE_FALSE}


# ---------------------------------------------------------------------------- distractors


@pytest.mark.parametrize("answer,kind,at_least", [
    ("1954年", "year", 3), ("二〇三五年", "year", 3), ("60年代", "year", 3), ("八十年代", "year", 3),
    ("156项", "number", 3), ("9800多万名", "number", 3), ("12.5%", "number", 3),
    ("第十九次", "number", 3), ("第一次", "number", 2), ("第二十次", "number", 3),
    ("两个“一以贯之”", "formula", 3), ("四个意识", "formula", 3), ("十四个坚持", "formula", 3),
])
def test_distractors_keep_the_kind(answer, kind, at_least):
    sentence = f"据报道，{answer}是测试用的句子。"
    wrong = pick(answer, kind, sentence, [], k=3, key=answer)
    assert len(wrong) >= at_least, wrong
    assert len(set(wrong)) == len(wrong) and answer not in wrong
    for w in wrong:
        assert w not in sentence
        assert kind_mismatch(answer, w, kind) is None, kind_mismatch(answer, w, kind)


def test_term_distractors_come_from_the_pool_without_digits():
    pool = ["三会一课", "两学一做", "五位一体", "第1名", "2021年", "三重一大"]
    wrong = pick("三重一大", "term", "充分发挥党组织在“三重一大”决策事项中的作用。", pool, k=3, key="x")
    assert len(wrong) == 3 and "三重一大" not in wrong
    assert all(not re.search(r"\d", w) for w in wrong)


# ---------------------------------------------------------------------------- never metadata


def test_metadata_and_boilerplate_never_become_questions(seed_path, seed_questions):
    raw = seed_path.read_text(encoding="utf-8")
    for line in SEED_NOT_BODY:
        assert line in raw, f"fixture changed: {line!r} is gone"
    for q in seed_questions:
        for line in SEED_NOT_BODY:
            assert line not in q.source.sentence and q.source.sentence not in line, where(q)
            assert line not in q.stem, where(q)
        for marker in ("来源", "中国铝业报", "作者", "曹旗文", "2022-11-30", "附件", "友情链接", "版权所有",
                       "ICP备", "公网安备", "下载", "地址"):
            assert marker not in q.source.sentence, f"{marker!r}" + where(q)
            assert marker not in q.stem and marker not in (q.options or []), f"{marker!r}" + where(q)


def test_title_given_by_a_reader_is_never_asked():
    doc = Document(name="t", title="科技是第一生产力", meta={"时间": "1954年"},
                   blocks=[Block("洛阳铜加工创立于1954年，是国家“一五”期间兴建的156项重点工程之一。")])
    qs = generate(extract_facts(doc), doc.name)
    assert qs
    assert {q.source.sentence for q in qs} == {doc.blocks[0].text}


# ---------------------------------------------------------------------------- stability


def _signature(questions):
    return [(q.id, q.type, q.stem, q.options, q.answer, q.source.spans) for q in questions]


def test_same_input_same_ids_and_order(seed_doc, seed_questions):
    again = generate(extract_facts(copy.deepcopy(seed_doc)), seed_doc.name, doc_text=seed_doc.text)
    assert _signature(again) == _signature(seed_questions)


def test_ids_do_not_depend_on_the_process(seed_path, seed_questions):
    """Another interpreter with another string-hash seed gives the same questions in the same order."""
    code = (
        "import json, sys\n"
        "from quizgen.readers import read_path\n"
        "from quizgen.pipeline import questions_for\n"
        "qs = questions_for(read_path(sys.argv[1]))\n"
        "print(json.dumps([[q.id, q.stem, q.options, q.answer] for q in qs], ensure_ascii=False))\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code, str(seed_path)], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout
    theirs = json.loads(out)
    ours = [[q.id, q.stem, q.options, q.answer] for q in seed_questions]
    assert theirs == ours


def test_ids_depend_on_content_not_position():
    a = Document(name="d", blocks=[Block("科技是第一生产力。"), Block("洛阳铜加工创立于1954年，是国家重点工程之一。")])
    b = Document(name="d", blocks=[Block("洛阳铜加工创立于1954年，是国家重点工程之一。"), Block("科技是第一生产力。")])
    ids_a = {q.id for q in generate(extract_facts(a), "d")}
    ids_b = {q.id for q in generate(extract_facts(b), "d")}
    assert ids_a and ids_a == ids_b


@pytest.mark.parametrize("answer, other, same", [
    ("核心作用", "战斗堡垒作用", True),   # same two-character ending
    ("职业经理人制度", "现代企业制度", True),
    ("第一生产力", "综合竞争力", True),   # a suffix ending longer words
    ("积极性", "创造性", True),
    ("三重一大", "三会一课", True),       # parallel named formulas of the glossary
    ("习近平同志", "中国共产党立志", False),  # 同志 and 立志 are different words
    ("立德树人", "出卷人", False),          # 人 is no suffix of a sort
    ("重大政治原则", "引线框架材料", False),
])
def test_same_sort_of_option(answer, other, same):
    from quizgen.questions.build import _same_sort

    assert _same_sort(answer, other) is same
