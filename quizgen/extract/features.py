"""What the ranking model sees: features of a sentence and of a candidate span in it.

Two feature sets, one per decision. ``sentence_features``: is this sentence (or readable unit of
a long one) one a quiz writer asks? It looks at what the sentence states (a definition or
judgement X是…的根本, a requirement 必须/要, a goal, a narrative of visits), who states it
(强调/指出), where it stands and how long it is. ``span_features``: given the sentence, is this
span what the writer blanks? It looks at the kind of candidate, its length, its frame (the
subject before 是, the object of 坚持/增强, a quoted term) and how often the document repeats it,
relative to the document's length. Every feature is computable from a question's source sentence,
its span and the document text, so a bank can be scored the same way. The weights that turn
features into a probability live in ``data/rank_weights.json`` (``rank.py``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate

from quizgen.extract.generic import generic_features
from quizgen.extract.patterns import CJK, Candidate
from quizgen.extract.sentences import Sentence
from quizgen.glossary import family, siblings

AUTHORITY_RE = re.compile(r"强调|指出|提出|要求|指示|明确|号召|宣告|庄严")
MUST_RE = re.compile(r"必须|务必|坚持|始终|决不|绝不")
REQUIRE_RE = re.compile(r"要|应当|应该|需要|不得|严禁")
NORMATIVE_RE = re.compile(r"根本|关键|核心|本质|首要|第一|最大|重大|基础|灵魂|生命|保证|基石|主线|主题|宗旨")
DEFINITION_RE = re.compile(rf"[{CJK}”]{{2,}}(?:就是|是|乃是)[^，,。；;]{{2,}}")
DEFINITION_VERB = "是"
"""In every ``DEFINITION_RE`` match: a text without it is searched no further (the pattern
backtracks over every run of characters before it finds there is no 是)."""
GOAL_RE = re.compile(r"目标|到\d{4}年|到[〇一二三四五六七八九零○]{4}年|本世纪中叶|奋斗")
NARRATIVE_RE = re.compile(r"调研|参观|看望|慰问|走访|座谈|陪同|记者|据悉|了解到|听取|汇报|介绍|考察|来到|先后")
DATE_RE = re.compile(r"\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
DATE_CHAR = "月"
"""In every ``DATE_RE`` match."""
FIGURE_RE = re.compile(r"\d+(?:\.\d+)?(?:万|亿|%|％|吨|元)")
THIS_RE = re.compile(r"这个|这一")
PARTY_RE = re.compile(r"全党|我们党|党员|党组织|党中央|党的领导|共产党")
CORE_RE = re.compile(r"中国特色社会主义|马克思主义|新时代|初心|使命|民族复兴|现代化|人民|从严治党|自我革命|四个|两个")
AIM_RE = re.compile(r"以[^，。；]{2,24}?为")
COMMIT_BEFORE = ("坚持", "增强", "坚定", "加强", "推进", "贯彻", "落实", "树立", "弘扬", "践行", "构建", "建设",
                 "实现", "推动", "完善", "健全", "发挥", "深化", "维护", "做到", "把握", "牢记", "培育", "确立")
SUFFIXES = ("制度", "精神", "体系", "机制", "理念", "战略", "思想", "理论", "方针", "路线", "原则", "宗旨",
            "作风", "意识", "自信", "工程", "格局", "事业", "文化", "道路", "目标", "使命", "作用", "能力",
            "要求", "主义", "建设", "发展", "观", "力", "性", "化")
PLACE_ENDS = ("省", "市", "县", "镇", "乡", "村", "站", "油田", "基地", "园区", "厂", "车间", "码头")
PLACE_RE = re.compile(rf"[{CJK}]{{2,}}?(?:{'|'.join(PLACE_ENDS)})(?![{CJK}])")
"""A place or site named in the text (榆林市, 靖边站, 长庆油田): the where of a narrative."""
PLACE_END_RE = re.compile("|".join(PLACE_ENDS))
"""What every place ends in: a text without one names no place, and ``PLACE_RE`` (which tries
every start against every end) need not run over it."""
EVENT_RE = re.compile(r"运动会|[大亚奥全省市冬青残]运会|残?奥会|比赛|大赛|赛事|锦标赛|联赛|会晤|峰会|博览会|展览会|开幕式|闭幕式|仪式|晚会|典礼")
"""Events (a sports day, the games 大运会/亚运会/奥运会, a summit, a ceremony): what happened, not
what a study session learns."""
EVENT_CHARS = "会赛式典"
"""One of them is in every ``EVENT_RE`` match: a text with none names no event (``_names_event``)."""


def _names_event(text: str) -> bool:
    return ("会" in text or "赛" in text or "式" in text or "典" in text) and EVENT_RE.search(text) is not None
RITUAL_RE = re.compile(r"(?:表示|致以)(?:衷心|诚挚|崇高|亲切|热烈)的?(?:感谢|敬意|问候|慰问|祝贺)")
"""The thanks and greetings of a speech (向…表示衷心感谢): courtesy, not a statement."""
LOAN_RE = re.compile(r"贷款|授信|融资|投放|签约|中标|合同|订单")
"""Money lent, signed or won: the tally of past business."""
PAST_RE = re.compile(r"累计|先后|已|此前|去年|上半年|前三季度|今年以来|截至")
"""A tally of what was done (累计…, 今年以来…): a report of past work."""
SHORT_DOC = 8000
"""Characters: below this a document is an article (news, a notice), not a report or a rule text."""
PREDICATE_IS_RE = re.compile(r"是$|为$|是[^，。；]{0,12}的$")
"""The text before a span ends in 是/为 (or 是…的): the span is what something is. A match is at
most 14 characters and ends at the end (or before a final newline), so the last 15 characters
of the text before the span are all it needs to see."""
COUNTED_RE = re.compile(r"[\d〇一二三四五六七八九十百两]")
JOINED_THEN_DENG = re.compile(r"[和与及][^，,；;。：:、！？!?]{1,10}等")
"""One more member after a joiner, then the 等 closing the list (电力、油气、铁路|和综合运输体系等)."""
EXAMPLES_AFTER_RE = re.compile(rf"等|{JOINED_THEN_DENG.pattern}")
"""What follows a list that names examples of a kind (养老、育幼、家政等服务; 电力、油气、铁路和综合
运输体系等改革): an open list, not a formula a report's reader learns. In the dev golds of two
reports one such list in 49 was blanked, against one in 12 of the other lists."""


def _names_examples(s: str, c: Candidate) -> bool:
    """The list ``c`` of sentence ``s`` is closed by 等 (``EXAMPLES_AFTER_RE``)."""
    return EXAMPLES_AFTER_RE.match(s, c.offsets[-1] + len(c.spans[-1])) is not None


NOTES = ("quoted", "aim", "goal", "role", "chunk", "subject", "path", "this", "frame", "count", "bullet")


@cache
def _labels(name: str, edges: tuple[float, ...]) -> tuple[str, ...]:
    """The feature names of ``_bucket``'s intervals (formatted once, not for every span)."""
    return tuple(f"{name}<{e:g}" for e in edges) + (f"{name}>={edges[-1]:g}",)


def _bucket(name: str, value: float, edges: tuple[float, ...]) -> str:
    """The feature naming the interval ``value`` falls in (name<e0, name<e1, …, name>=last):
    a one-hot feature, set to 1.0 by the caller (no dict made for it). The edges increase: the
    first edge above ``value`` is the one after every edge at or below it (bisection)."""
    return _labels(name, edges)[bisect_right(edges, value)]


VISIT_RE = re.compile(r"(?<!起)来到|先后到|调研|考察|察看|看望|慰问|走访|参观|陪同|座谈交流|深入[^，,。；;]{0,16}(?:一线|现场)")
STANCE_RE = re.compile(r"强调|指出|要求|提出|表示|认为|必须|应当|坚持|号召|(?<![重主需只想紧必])要(?!求)")


VISIT_TITLE_RE = re.compile(r"调研|考察|视察|看望|慰问|走访|检查指导")


def visit_report(title: str) -> bool:
    """A report of a visit (张玉卓到集团公司驻河北企业调研): what study sessions take from it is
    what was said (强调, 指出, 要…), not what was seen."""
    return bool(VISIT_TITLE_RE.search(title or ""))


def states_something(sent: Sentence) -> bool:
    """The unit says something (强调/要/必须…), or follows such a lead-in in its sentence."""
    if STANCE_RE.search(sent.text):
        return True
    full = sent.full or sent.text
    k = full.find(sent.text)
    return k > 0 and bool(STANCE_RE.search(full[:k]))


SPEECH_RE = re.compile(r"强调|指出|要求|提出|表示|认为|希望|勉励|号召|说[，,：:]")
"""Verbs that open what a visitor said: where a visit report's narrative gives way to its substance."""
INSPECT_RE = re.compile(VISIT_RE.pattern + r"|查看|了解[^，,。；;]{0,40}(?:情况|进展)")
"""A clause that tells where someone went or what they looked at or learned (来到…, 察看…,
看望…, 了解…情况): a visit's itinerary. General Chinese of news reports. (Not 听取…汇报: a body
that hears reports every year, 中央政治局…听取…汇报, states a practice.)"""
CLAUSE_RE = re.compile(r"[^，,；;：:。！？]+")


def narrative_end(text: str) -> int:
    """Where the narrative of a visit ends in a unit: the end of the last clause before the first
    speech verb (强调/指出…) that tells where someone went or what they looked at or learned; 0
    when there is none. 调研期间，张玉卓先后来到…加油站，了解…情况，强调以…为抓手: the stations and
    what was learned are the narrative, what he stressed is the substance. A blank in the
    narrative asks who went where, which no study session learns."""
    m = SPEECH_RE.search(text)
    limit = m.start() if m else len(text)
    if not INSPECT_RE.search(text, 0, limit):
        return 0  # a clause's match would be one of the whole text before the speech verb too
    end = 0
    for c in CLAUSE_RE.finditer(text, 0, limit):
        if INSPECT_RE.search(c.group()):
            end = c.end()
    return end


DATELINE_RE = re.compile(r"^——[^，。；]*\d{4}年\d{1,2}月\d{1,2}日")


def narrative_only(sent: Sentence) -> bool:
    """Who visited where and saw what (12月10日，张玉卓来到…，察看…): the narrative of a news
    report, not a statement a study session asks about; so is a tally of past loans, contracts or
    orders with its figures, and the thanks and greetings of a speech. A unit that also states (强调要…) is kept.
    A dateline (——2024年3月5日在…会议上) is no statement either."""
    if DATELINE_RE.match(sent.text):
        return True
    if RITUAL_RE.search(sent.text):
        return True
    if STANCE_RE.search(sent.text):
        return False
    if VISIT_RE.search(sent.text):
        return True
    # a tally of past business (累计投放贷款3亿元, 已签约12个项目): what was done, not a statement
    return bool(LOAN_RE.search(sent.text) and FIGURE_RE.search(sent.text) and PAST_RE.search(sent.text))


def _parallel(members: list[str]) -> bool:
    """自我净化、自我完善… or 科学化、制度化、规范化: members sharing a head or a tail, or all of one length."""
    return len(members) >= 3 and (len({m[:1] for m in members}) == 1 or len({m[-1:] for m in members}) == 1
                                  or len({len(m) for m in members}) == 1)


def sentence_features(sent: Sentence, n_sentences: int, cands: list[Candidate] = ()) -> dict[str, float]:
    s = sent.text
    whole = sent.full or s
    f: dict[str, float] = {"bias": 1.0}
    f[_bucket("len", len(s), (12, 25, 45, 70, 100))] = 1.0
    if whole != s:
        f["unit"] = 1.0
        if not whole.startswith(s) and not whole[:whole.find(s)].rstrip().endswith(("；", ";", "：", ":")):
            f["unit_mid"] = 1.0  # cut after a comma: the subject stands in an earlier unit
    if sent.heading:
        f["heading"] = 1.0
    if sent.in_para == 0 and not sent.heading:
        f["para_first"] = 1.0
    if sent.ordinal:
        f["ordinal"] = 1.0
    rel = sent.index / max(1, n_sentences)
    if rel < 0.05:
        f["doc_start"] = 1.0
    elif rel > 0.95:
        f["doc_end"] = 1.0
    # a pattern whose every match holds a character the text lacks is not searched (its search
    # would scan the whole text to find nothing): 是 of a definition, 月 of a date, 会/赛/… of an event
    for name, rx, text, needed in (
            ("authority", AUTHORITY_RE, whole, ""), ("must", MUST_RE, s, ""), ("require", REQUIRE_RE, s, ""),
            ("normative", NORMATIVE_RE, s, ""), ("definition", DEFINITION_RE, s, DEFINITION_VERB),
            ("goal", GOAL_RE, s, ""), ("narrative", NARRATIVE_RE, whole, ""), ("date", DATE_RE, s, DATE_CHAR),
            ("figure", FIGURE_RE, s, ""), ("this", THIS_RE, s, ""), ("aim", AIM_RE, s, ""),
            ("party", PARTY_RE, s, ""), ("event", EVENT_RE, s, EVENT_CHARS), ("loan", LOAN_RE, s, ""),
            ("past", PAST_RE, s, "")):
        if (not needed or any(ch in text for ch in needed)) and rx.search(text):
            f[name] = 1.0
    if "definition" in f and len(s) < 45:
        f["short_definition"] = 1.0  # 创新是引领发展的第一动力: the sentence a writer asks first
    core = len(CORE_RE.findall(s))
    if core:
        f[_bucket("core_terms", core, (2, 4))] = 1.0
    if "“" in s:
        f["quote"] = 1.0
    if any(c.kind == "enumeration" and _parallel(c.spans) for c in cands):
        f["parallel_list"] = 1.0  # a formula of parallel members is what a multiple choice asks
    if any(c.kind == "enumeration" for c in cands) and all(
            _names_examples(s, c) if c.kind == "enumeration" else c.note == "chunk" for c in cands):
        # 推动养老、育幼、家政等服务扩容提质: an open list and loose chunks are all it offers
        f["examples_only"] = 1.0
    if any(c.note == "subject" for c in cands):
        f["has_subject"] = 1.0
    places = len(PLACE_RE.findall(s)) if PLACE_END_RE.search(s) else 0
    if places:
        f[_bucket("places", places, (2,))] = 1.0
    n_list = s.count("、")
    if n_list:
        f[_bucket("lists", n_list, (2, 4, 8))] = 1.0
    return f


_last_cut: list = [None, None, None]
"""The last sentence cut (text, segment, what ``_cut`` gives): the candidates of
one sentence come one after another, so their features share one pass over its words."""


def _cut(s: str, segment) -> tuple[list[int], list[str], dict[int, str], list[int]]:
    """(word starts, words, word at each start, word ends) of ``s``."""
    if _last_cut[0] != s or _last_cut[1] is not segment:
        words = list(segment(s))
        ends = list(accumulate(map(len, words)))
        starts = [0, *ends[:-1]] if words else []
        _last_cut[:] = [s, segment, (starts, words, dict(zip(starts, words)), ends)]
    return _last_cut[2]


def _words_within(s: str, c: Candidate, cut) -> list[str]:
    """The words of the sentence's own segmentation (``cut``, of ``_cut``) that lie inside the
    candidate's spans (a word cut by a span's edge counts as the part inside)."""
    starts, words, _at, ends = cut
    n = len(words)
    out = []
    for sp, a in zip(c.spans, c.offsets):
        b = a + len(sp)
        i = max(bisect_right(starts, a) - 1, 0)
        while i < n and starts[i] < b:
            if a < ends[i]:
                out.append(s[max(a, starts[i]):min(b, ends[i])])
            i += 1
    return out


def _noun_follows(end: int, cut) -> bool:
    """The word of the sentence (``cut``, of ``_cut``) starting at ``end`` is a noun or a noun
    modifier (主要, 重大): the span is not the head of its phrase."""
    from quizgen.extract.terms import pos_of

    w = cut[2].get(end)
    return w is not None and pos_of(w).startswith(("n", "vn", "b")) and w not in ("等", "方面")


def _formulation(spans: list[str]) -> bool:
    """A span is a formulation of the glossary, or a member of one of its families."""
    return any(family(sp) is not None or siblings(sp) for sp in spans)


def span_features(c: Candidate, sent: Sentence, doc_len: int, repeats: int, segment=None) -> dict[str, float]:
    s = sent.text
    span = c.spans[0]
    start = c.offsets[0]
    end = c.offsets[-1] + len(c.spans[-1])
    f: dict[str, float] = {"bias": 1.0, f"kind_{c.kind}": 1.0}
    if c.note in NOTES:
        f[f"note_{c.note}"] = 1.0
    f["prior"] = math.log(max(c.weight, 0.05))
    if c.kind == "enumeration":
        f[_bucket("members", len(c.spans), (3, 4, 6))] = 1.0
        f[_bucket("member_len", max(len(x) for x in c.spans), (3, 5, 9))] = 1.0
        if _parallel(c.spans):
            f["parallel"] = 1.0
        if _names_examples(s, c):
            f["examples"] = 1.0
    else:
        f[_bucket("span_len", len(span), (3, 5, 7, 11))] = 1.0
    # what stands before the span (s[:start]) and after it (s[end:]), asked without copying them
    if s.endswith(COMMIT_BEFORE, 0, start):
        f["after_commit_verb"] = 1.0
    if s.startswith(("是", "就是", "始终是"), end):
        f["subject_of_is"] = 1.0
    if PREDICATE_IS_RE.search(s[max(0, start - 15):start]):
        f["predicate_of_is"] = 1.0
    if s.endswith("“", 0, start) and s.startswith("”", end):
        f["quoted_span"] = 1.0
    if not start or s[start - 1] in "，,；;：:。":
        f["clause_start"] = 1.0
    if span.endswith(SUFFIXES):
        f["named_suffix"] = 1.0
    cut = _cut(s, segment) if segment is not None else None  # the sentence's words, cut once
    if cut is not None and c.kind != "enumeration" and _noun_follows(end, cut):
        f["modifies_noun"] = 1.0  # 全年____主要目标任务: the blank is a modifier inside a noun phrase
    if any(x.endswith(PLACE_ENDS) and PLACE_RE.fullmatch(x) for x in c.spans):
        f["place_span"] = 1.0
    if any(_names_event(x) for x in c.spans):
        f["event_span"] = 1.0
    if cut is not None and c.kind in ("term", "principle", "enumeration"):
        f.update(generic_features(_words_within(s, c, cut)))
    if _formulation(c.spans):
        f["glossary"] = 1.0  # a reviewed Party formulation (四个意识, 新发展理念, 获得感) or a member of one
    if c.kind in ("year", "number", "formula") and COUNTED_RE.search(span):
        f["counted"] = 1.0
    # how often the document says it, per 10,000 characters: a topic word of a short article and
    # of a long report are then alike
    per_10k = repeats * 10000 / max(doc_len, 1)
    f[_bucket("freq", per_10k, (2, 6, 20))] = 1.0
    if repeats <= 1:
        f["once"] = 1.0
    f["rel_pos"] = start / max(len(s), 1)
    if doc_len < SHORT_DOC:
        # a news article is asked about its milestones and figures more than a report is
        f.update({f"short:{k}": v for k, v in list(f.items()) if k.startswith(("kind_", "note_", "subject", "predicate", "examples"))})
        f["short"] = 1.0
    return f

