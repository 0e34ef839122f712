"""The mechanical rules a question must pass before it is printed, in one place.

Used twice: when questions are generated (a question with a problem is not emitted) and by
`quizgen bank check` as warnings on hand-written or edited questions. The rules:

* a stem stands alone: no outline number (（三）, 三、, 1.) at its start, and it does not stop on
  ，、；： (a cut unit ends with …… instead, a ；-part with 。);
* a choice question needs a frame: at least ``MIN_FRAME`` characters besides its blanks, and a
  single choice's stem does not name two formulations of its key's sort (then the others left do
  not fit its verbs);
* a wrong option is false: put in the blank, the document does not say it in that frame;
* a multiple choice has 4 or 5 options, at least 2 of them wrong, and never keys part of a list
  while hiding the rest;
* a fill has at most 2 blanks (3-4 only for one list), never ____是____;
* a judgement is a whole proposition; a false one changes whole words;
* the option rules of ``optionform.py``: options of the answers' structure and whole, keyed members
  that do not nest, a key the stem does not give away, a stem that is a sentence;
* in a review of past work, no list closed by 等 and no plain count (``pastwork.py``);
* a blank is one constituent of its frame (``constituent.py``): no verb before it governing
  only its first member, no cut after its first member's head, no subject with its predicate.

Also here: where a unit of a sentence stands in the document (``lead_of``) and how its stem is
dressed when it is cut out of a longer sentence (``dress``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from quizgen.glossary import families_of, members_of, one_formula, siblings, verbs_of
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, Question
from quizgen.questions import constituent, standalone
from quizgen.questions.judgerules import unfair_swap
from quizgen.questions.optionform import option_problems
from quizgen.questions.pastwork import REVIEW_MSG, review_detail
from quizgen.textindex import index_of
from quizgen.textnorm import BLANK_RE, norm

OUTLINE_RE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])")
DANGLING = tuple("，、；：,;:—")
SENT_END = "。！？!?"
CLOSERS = "”’」』）)"
ELLIPSIS = "……"
MIN_FRAME = 6
"""A choice stem with fewer characters than this besides the blank (加强（　　）保障。) cannot
single out one answer: several options fit it equally."""
DEICTIC_RE = re.compile(r"^(?:……)?(?:从那时|那时|此后|此前|在此基础上|在这个基础上|围绕这个|这个|这一|这是|这些|上述|以上|对此|为此)")
LEAD_IN_RE = re.compile(r"^(?:……)?这些[^，,。；;]{0,10}(?:说明|表明|证明)[：:，,]")
"""这些历史深刻地说明： is a lead-in to what follows, not a reference the reader lacks."""
FIXED_NAMES = ("习近平新时代中国特色社会主义思想", "中国特色社会主义", "中华民族伟大复兴", "人类命运共同体",
               "社会主义核心价值观", "马克思主义中国化", "全面从严治党", "全过程人民民主", "人民代表大会制度")
"""Formulations a blank never cuts, though jieba splits them (中国 / 特色 / 社会主义)."""
MIN_FILL_FRAME = 8
"""A fill stem needs this many characters besides its blanks (大力发展____。 asks nothing)."""
FRAME_PER_LIST_BLANK = 4.5
"""A fill of three or four blanks that is no canonical list needs this many characters of frame
a blank: 深化____、____、____、____等社会民生领域改革。 is nearly all blanks, and its members
could be many others; 推进____、____、____、____。 of 科学立法… is a formula learnt whole."""


ROOT_SUFFIXES = ("强国", "性", "力", "感")
"""Endings that make a quality or a goal of a word (协调性, 教育强国): with the word itself in the
stem (区域协调发展…区域发展____), the blank is filled from the stem."""


def _visible_root(answer: str, frame: str) -> str:
    """The word ``answer`` is made of, where the stem's ``frame`` shows it ('' otherwise)."""
    a = norm(answer)
    if a.endswith(("+", "＋")) and len(a) >= 3:
        return a[:-1] if a[:-1] in norm(frame) else ""  # 人工智能、大数据…开展“____”行动: 人工智能+
    for suffix in ROOT_SUFFIXES:
        if a.endswith(suffix) and len(a) - len(suffix) >= 2:
            root = a[:-len(suffix)]
            return root if root in norm(frame) else ""
    return ""


def _visible_twin(answer: str, frame: str) -> str:
    """A phrase of the stem's ``frame`` that is ``answer`` with one character put for another
    (澳人治澳 beside a blank for 港人治港, 爱国者治澳 beside 爱国者治港): the blank is filled by
    putting it back ('' when there is none). Four characters or more, one character pair changed
    wherever it differs: 政治领悟力 beside 政治判断力 changes two different pairs, and is no twin.
    The twin is a whole phrase between punctuation marks (``TWIN_RE``)."""
    a = norm(answer)
    if len(a) < 4:
        return ""
    for m in TWIN_RE.finditer(frame):
        b = norm(m.group())
        if len(b) == len(a) and len({(x, y) for x, y in zip(a, b) if x != y}) == 1:
            return b
    return ""


TWIN_RE = re.compile(r"[^，,。；;：:、“”‘’（）()《》！？!?|\s]+")
"""A phrase set off by punctuation, quotes or a blank (“澳人治澳”): a twin is a whole phrase (坚持|法治国家
holds 持法治国, which is no twin of 依法治国)."""


def canonical_list(members: list[str]) -> bool:
    """A fixed formulation whose members are learnt together (科学立法、严格执法、公正司法、全民守法;
    四个意识): members of one glossary family, or parallel words sharing a first or last
    character. Only such a list is worth 3-4 blanks of one fill."""
    if one_formula(members):
        return True
    return len({m[0] for m in members}) == 1 or len({m[-1] for m in members}) == 1
MAX_BLANKS = 2
MAX_LIST_BLANKS = 4
LIST_JOINS = {"、", "和", "、和", "与", "及", "以及", "，", "、以及"}
COPULAS = {"是", "为", "就是", "即", "是指", "也就是"}


# ---------------------------------------------------------------------------- units and stems


@lru_cache(maxsize=4096)
def lead_of(unit: str, doc_text: str) -> str:
    """Where ``unit`` begins in the document: ``sentence`` (at a sentence start, also after an
    outline number), ``part`` (after a ；) or ``mid`` (after a comma: mid-clause, its subject is
    elsewhere). A unit not found in the text counts as a sentence start. Looks only at the
    unit's line, up to it (the document's index finds it): the cost does not grow with the
    document."""
    ix = index_of(doc_text)
    k = ix.find(unit) if unit else -1
    if k <= 0:
        return "sentence"
    if _bare_line(doc_text, ix.line_start(k), k):
        return "sentence"
    j = k
    while j > 0 and doc_text[j - 1] in CLOSERS:
        j -= 1
    if j > 0 and (doc_text[j - 1] in SENT_END or doc_text[j - 1] == "\n"):
        return "sentence"
    if doc_text[k - 1] in "；;":
        return "part"
    return "mid"


SPACES_RE = re.compile(r"\s*")
OUTLINE_AT_RE = re.compile(OUTLINE_RE.pattern.removeprefix("^"))


def _bare_line(text: str, a: int, b: int) -> bool:
    """``text[a:b]`` holds only spaces, or an outline number alone (without copying it)."""
    if SPACES_RE.match(text, a, b).end() == b:
        return True
    m = OUTLINE_AT_RE.match(text, a, b)
    return bool(m) and SPACES_RE.match(text, m.end(), b).end() == b


def whole_unit(unit: str) -> bool:
    """The unit ends a sentence or a ；-part (not a comma run)."""
    body = unit.rstrip().rstrip(CLOSERS)
    return not body.endswith(tuple("，、：,:—"))


def dress(stem: str, lead: str = "sentence") -> str:
    """A stem cut out of a longer sentence, made to read as one: …… where it starts mid-sentence
    and where it stops on ，、：; 。 for a ；. Punctuation only, so the stem's words (and norm) are
    those of the exact source text."""
    s = stem.rstrip()
    if lead == "mid" and not s.startswith(ELLIPSIS):
        s = ELLIPSIS + s.lstrip("，、,：:")
    if s.endswith(("；", ";")):
        s = s[:-1].rstrip("".join(DANGLING)) + "。"
    elif s.endswith(DANGLING):
        s = s.rstrip("".join(DANGLING)) + ELLIPSIS
    elif BLANK_RE.search(s[-6:]) and BLANK_RE.sub("", s).rstrip().endswith(DANGLING):
        s += "。"  # a paragraph ending in a blank after 、: the stem is complete, say so
    return s


def as_written(text: str, sentence: str) -> bool:
    """``text`` is ``sentence`` as written, up to the dressing of a cut unit (…… at its start,
    ……/。 for its last mark)."""
    body = text.removeprefix(ELLIPSIS)
    core = sentence.lstrip("，、,：:") if text.startswith(ELLIPSIS) else sentence
    # the last mark is dressed (，→……) or kept as written (报道：。)
    return body == sentence or body.rstrip("。…") in (core.rstrip("".join(DANGLING) + "。"), core.rstrip("。…"))


def frame_content(stem: str) -> int:
    """Characters of content besides the blanks (punctuation and …… not counted)."""
    return len(norm(BLANK_RE.sub("", stem)))


# ---------------------------------------------------------------------------- true options


def _content(s: str) -> bool:
    return len(s) == 2 and norm(s) == s


def true_in_frame(option: str, left: str, right: str, doc_text: str) -> bool:
    """The document says ``option`` in this frame too (加强重点储备设施建设 for 加强（　　）): the
    two characters before the blank with the option and the next character, or the option with
    two content characters on one side. Three look-ups in the document's index."""
    if not doc_text or not option:
        return False
    left = left.rstrip().removesuffix(ELLIPSIS)
    right = right.lstrip()
    l2, r2 = left[-2:], right[:2]
    ix = index_of(doc_text)
    if len(l2) == 2:
        if right[:1] and l2 + option + right[:1] in ix:
            return True
        if not right and doc_text.endswith(l2 + option):  # nothing after the blank, nor after the option
            return True
    if _content(l2) and l2 + option in ix:
        return True
    return _content(r2) and option + r2 in ix


def near_synonym(a: str, b: str) -> bool:
    """One says the other with a character more or less (全覆盖, 全面覆盖; 马克思主义政党,
    马克思主义执政党): offered as a wrong option or swapped into a false judgement, it is true."""
    short, long_ = sorted((norm(a), norm(b)), key=len)
    if not short or short == long_:
        return bool(short)
    it = iter(long_)
    return all(ch in it for ch in short) and len(long_) - len(short) <= 2


def same_form(answer: str, option: str) -> bool:
    """A wrong option of the answer's sort: a year or number beside a year or number of the same
    measure, a formulation of the answer's glossary group, or a term with the answer's head (the
    same last two characters, 重要基础 and 坚实基础; for a word of two or three characters the
    same length and last character, 积极性 and 主动性), of about its length."""
    from quizgen.glossary import one_formula, siblings

    a, o = norm(answer), norm(option)
    if not a or not o:
        return False
    da, do = NUMERALS_RE.sub("", a), NUMERALS_RE.sub("", o)
    if re.search(r"\d", a) or re.search(r"\d", o):
        return bool(re.search(r"\d", a)) == bool(re.search(r"\d", o)) and da == do
    if CN_MEASURE_RE.fullmatch(a) or CN_MEASURE_RE.fullmatch(o):
        return bool(CN_MEASURE_RE.fullmatch(a)) == bool(CN_MEASURE_RE.fullmatch(o)) and da == do  # 一九四九年, 一九五〇年
    if option in siblings(answer) or answer in siblings(option):
        return True
    if len(a) <= 3:
        return len(a) == len(o) and a[-1] == o[-1]
    return a[-2:] == o[-2:] and abs(len(a) - len(o)) <= 2


NUMERALS_RE = re.compile(r"[\d〇一二三四五六七八九十百千万亿两零]")
CN_MEASURE_RE = re.compile(r"[〇一二三四五六七八九十百千万亿两零]{2,}(?:年|年代|个月|岁|周年|名|次|届)")
"""A year, age or count in Chinese numerals (一九四九年, 二〇三五年, 十八岁): of one sort with the
same measure in Chinese numerals."""


def list_form(members: list[str], option: str) -> bool:
    """A wrong option beside list members: a glossary sibling of a member, or, for members of one
    form (sharing a first or last character: 政治建军、改革强军; 广交会、服贸会), an option of that
    form and of a member's length (文化强军; 进博会). An ad-hoc list (就业、医疗、养老) has no sort
    a wrong option could be taken from: any word is told apart at a glance."""
    from quizgen.glossary import one_formula, siblings

    o = norm(option)
    ms = [norm(m) for m in members]
    heads, tails = {m[:1] for m in ms}, {m[-1:] for m in ms}
    if (len(heads) == 1 and not o.startswith(next(iter(heads)))) or (len(tails) == 1 and not o.endswith(next(iter(tails)))):
        return False  # 稳就业、稳金融… beside 去产能: the odd one out shows at a glance, sibling or not
    if any(option in siblings(m) for m in members):
        return True
    if len(o) not in {len(m) for m in ms} or re.search(r"\d", o):
        return False
    head, tail = _affix(ms, first=True), _affix(ms, first=False)
    # the whole shared part: 国有企业、民营企业 share 企业, so 新兴产业 is not of their form
    return bool(head and o.startswith(head) and o != head) or bool(tail and o.endswith(tail) and o != tail)


def has_form(members: list[str]) -> bool:
    """The members share a two-character head or tail that wrong options can take (list_form)."""
    ms = [norm(m) for m in members]
    return bool(_affix(ms, first=True) or _affix(ms, first=False))


def _affix(members: list[str], first: bool) -> str:
    """The first (or last) two characters all members share, "" when none: one shared character
    (人身权、财产权 -> 人格权; 先进性 -> 纯洁性) joins words of different domains too often."""
    for n in (2,):
        if all(len(m) > n for m in members) and len({m[:n] if first else m[-n:] for m in members}) == 1:
            return members[0][:n] if first else members[0][-n:]
    return ""


def listed_with(option: str, members: list[str], doc_text: str) -> bool:
    """The document lists ``option`` next to a member of this list (…、option、member…): it is
    then likely a member where the list is given in full."""
    if not option:
        return False
    ix = index_of(doc_text)
    return any(option + j + m in ix or m + j + option in ix for m in members for j in ("、", "和"))


# ---------------------------------------------------------------------------- the checks


def _blank_spans(stem: str) -> list[tuple[int, int]]:
    return [m.span() for m in BLANK_RE.finditer(stem)]


def _between(stem: str) -> list[str]:
    """The text between consecutive blanks."""
    spans = _blank_spans(stem)
    return [stem[b:c] for (_a, b), (c, _d) in zip(spans, spans[1:])]


VISIBLE_MEMBER = re.compile(r"[、和与及]+(?:[^，,。；;：:（）_]{1,10}[、和与及]+)*")


def _is_list_blanks(stem: str) -> bool:
    """The blanks are members of one list: only list joins between them, or a member left
    visible as the clue (____、____、绿色、____、____)."""
    return all(t.strip() in LIST_JOINS or VISIBLE_MEMBER.fullmatch(t.strip()) for t in _between(stem))


def _hidden_list(q: Question) -> list[str]:
    """For a multiple choice with one blank: the members of the list the blank stands for, as
    far as the source sentence shows them."""
    spans = _blank_spans(q.stem)
    src = q.source.sentence
    if len(spans) != 1 or not src:
        return []
    left = q.stem[:spans[0][0]].removeprefix(ELLIPSIS)
    right = q.stem[spans[0][1]:].rstrip().removesuffix(ELLIPSIS).rstrip("。")
    a = src.find(left) if left else 0
    if a < 0:
        return []
    a += len(left)
    b = src.find(right, a) if right else len(src)
    if b < 0 or (right and src.count(right) != 1):
        return []
    inner = src[a:b]
    return [m for m in re.split(r"、|和|及|与|以及", inner) if m]


def _wrong(q: Question) -> list[str]:
    return [o for o in q.options or [] if o not in q.answer]


FIGURE_RE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两点]+)(?:多|余)?"
                       r"(?:%|％|个百分点|倍|(?:万|亿|万亿)?(?:元|吨|千瓦|公里|斤|亩|人|个|件|项|家))")
"""A figure with its unit (5.5%, 20元, 1200万人): what a number question asks."""
WHEN_RE = re.compile(r"\d{4}年|[〇一二三四五六七八九零○]{4}年|今年|明年|去年|全年|当年|目前|年底|年末|目标|预期|计划"
                     r"|“十[一二三四五]五”|期间|以来|截至|每年|年均")
"""What says when a figure holds: a year, 今年, a target or a plan."""


def undated_figure(q: Question) -> bool:
    """Every answer is a figure and the sentence says not when it holds (单位国内生产总值能耗降低
    2.5%左右: of which year?). A figure stands alone only with its year or target (今年发展主要预期
    目标是：国内生产总值增长5%左右; 创立于1954年，是…156项重点工程之一)."""
    asked = q.source.spans if q.type == "judge" else q.answer  # a judgement: the figure it changes
    return bool(asked) and all(FIGURE_RE.fullmatch(a) for a in asked) and not WHEN_RE.search(q.source.sentence)


YEAR_ANSWER_RE = re.compile(r"\d{4}年|[〇一二三四五六七八九零○]{4}年")


def dated_heading(q: Question) -> bool:
    """The question asks the year of a section's heading (二、2024年经济社会发展总体要求和政策取向):
    the year a report is about, not a fact it states."""
    title = q.source.sentence.strip()
    return (bool(title) and q.source.section.rstrip().endswith(title)
            and bool(q.answer) and all(YEAR_ANSWER_RE.fullmatch(a) for a in q.answer))


BARE_CUT_RE = re.compile(r"^……[^，,；;。：:、]{0,2}____[，,；;。…]")


def bare_cut_clause(q: Question) -> bool:
    """A cut stem whose first clause is only a verb and the blank (……推动____，加快实施…): who acts
    and on what are both cut away. A canonical list in the blank is still recognised (……推进____，
    with 政治建军、改革强军…)."""
    if not BARE_CUT_RE.match(q.stem):
        return False
    members = [norm(m) for m in re.split("[、，,]", q.answer[0]) if norm(m)] if q.answer else []
    return not (len(members) >= 3 and canonical_list(members))


def named_in_frame(q: Question) -> str:
    """The name of the glossary family whose whole member list one blank holds right after a
    verb the name is said with (统筹推进____ with 经济建设、政治建设…生态文明建设: “五位一体”总体布局
    fits the blank as well); '' when none."""
    spans = _blank_spans(q.stem)
    if q.type != "fill" or len(spans) != 1 or len(q.answer) != 1:
        return ""
    members = [norm(m) for m in re.split("[、，,和]", q.answer[0]) if norm(m)]
    if len(members) < 2:
        return ""
    before = q.stem[:spans[0][0]]
    for name in frozenset.intersection(*(families_of(m) for m in members)):
        if (sorted(members_of(name)) == sorted(members)
                and any(before.endswith(v) for v in verbs_of(name))):
            return name
    return ""


def problems(q: Question, doc_text: str = "") -> list[str]:
    """What keeps ``q`` from being printed as it is (Chinese, for people editing a bank). The
    frame check looks at ``doc_text`` when given, else at the source sentence."""
    p: list[str] = []
    stem = q.stem.rstrip()
    core = BLANK_RE.sub("", stem).rstrip()
    if OUTLINE_RE.match(stem):
        p.append("题干以提纲序号开头（如（三）、三、、1.），应去掉")
    if DEICTIC_RE.match(stem) and not LEAD_IN_RE.match(stem):
        p.append("题干以“那时”“这个”等指代开头，离开上文读不懂")
    if stem.endswith(DANGLING) or core.endswith(DANGLING):
        p.append("题干停在逗号、顿号、分号或冒号上，读不成完整的一句（截断处应写……）")
    if q.type in ("single", "multi"):
        if frame_content(stem) < MIN_FRAME:
            p.append(f"题干除空外不足{MIN_FRAME}个字，几个选项都说得通")
        ref = doc_text or q.source.sentence
        spans = _blank_spans(stem)
        for w in _wrong(q):
            if any(true_in_frame(w, stem[:a], stem[b:], ref) for a, b in spans):
                p.append(f"错误选项“{w}”放进题干也是原文的说法，并不错")
                break
        for w in _wrong(q):
            if not (list_form(q.answer, w) if q.type == "multi" else any(same_form(a, w) for a in q.answer)):
                p.append(f"错误选项“{w}”与答案不是同一类，一眼可排除")
                break
            if any(near_synonym(a, w) for a in q.answer):
                p.append(f"错误选项“{w}”与答案只差一两个字，意思相同，也算对")
                break
        if q.type == "single" and _kin_in_stem(q):
            p.append("题干已列出与答案同类的提法，其余选项与题干的动词搭配不上，一眼可选出答案")
    if q.type in ("single", "fill", "judge") and undated_figure(q):
        p.append("考的是数字，题干里却没有年份、“今年”或“目标”，不知是哪一年的数字")
    if q.type in ("single", "fill") and dated_heading(q):
        p.append("考的是章节标题里的年份（如“____经济社会发展总体要求和政策取向”），标题不是要学的内容")
    if name := named_in_frame(q):
        p.append(f"空里是“{name}”的全部成员，空前的动词也常带“{name}”，填“{name}”也算对")
    if q.type == "fill" and bare_cut_clause(q):
        p.append("题干从句中截起，空所在的分句除空外只剩一两个字（如“……推动____，”），看不出空里该填什么")
    p.extend(option_problems(q, doc_text))
    if q.type == "multi":
        n_opt, n_wrong = len(q.options or []), len(_wrong(q))
        if not 4 <= n_opt <= 5:
            p.append(f"多选题有{n_opt}个选项，应为4或5个")
        if n_wrong < 2:
            p.append(f"多选题只有{n_wrong}个错误选项，至少要2个")
        hidden = _hidden_list(q)
        if len(hidden) > len(q.answer) and all(norm(a) in map(norm, hidden) for a in q.answer):
            p.append("多选题只把列举的一部分作为答案，其余成员被隐去（题意不实）")
    if stem.endswith("的" + ELLIPSIS) or stem.rstrip("。").endswith("的"):  # 党组织的____。 is whole
        p.append("题干停在“的”上，被修饰的中心语被截掉了")
    if re.match(r"^……\s*(?:_{2,}|（\s*）)", stem):
        p.append("题干一开头就是空，前面没有主语或引语")
    if q.type == "fill" and q.source.sentence and _list_runs_on(q):
        p.append("整个列举的空后面紧跟名词，列举的最后一项被截断（如“中小|金融机构”）")
    if q.type in ("fill", "single") and q.source.sentence and _cuts_a_word(q):
        p.append("空的边界切在词中间（如“中国|特色社会主义”），读不通")
    if q.type == "fill":
        if frame_content(stem) < MIN_FILL_FRAME:
            p.append(f"填空题除空外不足{MIN_FILL_FRAME}个字，看不出问的是什么")
        if len({norm(a) for a in q.answer}) < len(q.answer):
            p.append("填空题几个空的答案相同，填出一个就有了另一个")
        if any(len(norm(a)) >= 2 and norm(a) in norm(core) for a in q.answer):
            p.append("填空题的答案在题干里看得到")
        else:
            frame = BLANK_RE.sub("|", q.stem)
            roots = [r for r in (_visible_root(a, frame) for a in q.answer) if r]
            twins = [t for t in (_visible_twin(a, frame) for a in q.answer) if t]
            if roots and 2 * len(roots) >= len(q.answer):
                p.append(f"填空题半数以上的空，答案的词根在题干里看得到（如“{roots[0]}”），不读原文也填得出")
            elif twins:
                p.append(f"填空题的答案与题干里的“{twins[0]}”只差一个字，照着改一个字就填得出")
        n = len(_blank_spans(stem))
        if (n > MAX_BLANKS and frame_content(stem) < FRAME_PER_LIST_BLANK * n
                and not canonical_list([norm(a) for a in q.answer])):
            p.append(f"填空题有{n}个空，除空外只有{frame_content(stem)}个字，几乎全是空，看不出问的是哪几项")
        if n > MAX_LIST_BLANKS or (n > MAX_BLANKS and not _is_list_blanks(stem)):
            p.append(f"填空题有{n}个空：超过{MAX_BLANKS}个空只用于同一列举的3至4项")
        if any(t in COPULAS for t in _between(stem)):
            p.append("填空题同时挖去了主语和谓语（____是____）")
    if q.type == "judge":
        src = q.source.sentence
        if src:
            same = norm(stem) in norm(src)
            if q.answer == [JUDGE_TRUE] and not same:
                p.append("判断题答案为“对”，题干却与原句不符")
            if q.answer == [JUDGE_FALSE] and same:
                p.append("判断题答案为“错”，题干却与原句相同")
            if stem.startswith(ELLIPSIS) or not whole_unit(src) or (doc_text and lead_of(src, doc_text) == "mid"):
                p.append("判断题不是完整的命题（取自句子中间的一段）")
            if q.answer == [JUDGE_FALSE] and q.source.spans:
                changed = _replacement(stem, src, q.source.spans[0])
                if changed and near_synonym(q.source.spans[0], changed):
                    p.append(f"判断题把“{q.source.spans[0]}”换成“{changed}”，意思没变，并不错")
                elif changed and (why := unfair_swap(src, q.source.spans[0], changed)):
                    p.append(f"判断题把“{q.source.spans[0]}”换成“{changed}”：{why}")
    p.extend(constituent.problems(q))
    if review_detail(q):
        p.append(REVIEW_MSG)
    deictic = DEICTIC_RE.match(stem) and not LEAD_IN_RE.match(stem)
    p.extend(m for m in standalone.problems(q, doc_text) if not (deictic and m == standalone.ANAPHOR_MSG))
    return p


def _kin_in_stem(q: Question) -> bool:
    """The stem names two or more formulations of the key's sort (增强“（　　）”、坚定“四个自信”、
    做到“两个维护”): they cannot be offered, and what is left of the sort (五位一体) does not go with
    the stem's verb, so the key is found without knowing it."""
    core = BLANK_RE.sub("", q.stem)
    return any(sum(s in core for s in siblings(a)) >= 2 for a in q.answer)


def _replacement(stem: str, src: str, span: str) -> str:
    """What a false statement put where the source says ``span`` ("" when it is not a swap of
    that span)."""
    s = stem.removeprefix(ELLIPSIS).rstrip("。…")
    o = src.rstrip("".join(DANGLING) + "。")
    at = o.find(span)
    if at < 0:
        return ""
    head, tail = o[:at], o[at + len(span):]
    if not (s.startswith(head) and s.endswith(tail)) or len(s) < len(head) + len(tail):
        return ""
    return s[len(head):len(s) - len(tail)]


def _cuts_a_word(q: Question) -> bool:
    """A tested span of a fill or single choice starts or ends inside a word of its sentence
    (jieba's segmentation, the one extraction uses)."""
    from quizgen.extract.terms import word_bounds

    sentence = q.source.sentence
    bounds = word_bounds(sentence)
    for name in FIXED_NAMES:  # 中国|特色社会主义制度: a fixed formulation is one word here
        at = sentence.find(name)
        while at >= 0:
            bounds -= set(range(at + 1, at + len(name)))
            at = sentence.find(name, at + 1)
    for sp in q.source.spans:
        at = sentence.find(sp)
        if at >= 0 and (at not in bounds or at + len(sp) not in bounds):
            return True
    return False


def _list_runs_on(q: Question) -> bool:
    """A blank holding a whole list (its answer has 、) is followed at once by a noun: the list's
    last member runs on past the blank (房地产、地方债务、中小|金融机构)."""
    from quizgen.extract.terms import pos_of, segment

    sentence = q.source.sentence
    for a in q.answer:
        if "、" not in a:
            continue
        at = sentence.find(a)
        rest = sentence[at + len(a):] if at >= 0 else ""
        words = segment(rest[:8]) if rest else []
        if words and pos_of(words[0]).startswith(("n", "vn")) and words[0] not in ("等", "方面"):
            return True
    return False
