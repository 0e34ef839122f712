"""Whether a choice question's options are whole phrases of one pattern and its key is not given
away: the option rules of the quality gate that look at how an option is built.

* an option sharing the answers' head or tail (…创新, …人民) shares their structure as well: the
  shared part is a word of its own in it (勇于创新 is one word, not 勇于 + 创新), and what it puts
  before or after it is not a pronoun or interrogative (怎样发展) nor a scope or place word
  (中国人民 beside 来自人民、植根人民) where no answer has one; nor a verb-object phrase beside
  noun phrases (解决台湾问题 beside 政治原则问题、学术观点问题);
* an option the document says stands there as a whole phrase somewhere (followed by punctuation,
  a list join or the end of a line), not only as the start of a longer one (实现人民 of
  实现人民对美好生活的向往);
* a choice stem is a sentence, ending as one (a heading such as 2024年经济社会发展总体要求 is not);
* an option the document only upholds is not offered where the stem opposes (爱国主义 for
  反对（　　）), nor the other way round (恐怖主义 for 加强（　　）教育);
* a wrong option that is a member of a glossary family none of the answers belongs to is of
  another sort (帝国主义 of 三座大山 beside 分散主义、自由主义; 先进性 beside 积极性、主动性);
* the members keyed by a multiple choice do not nest (人民执政 inside 靠人民执政: a list cut badly);
* a single choice's stem does not hold what tells its answer from the wrong options (生态文明建设
  beside 思想建设、纪律建设 in a stem saying 保护生态环境);
* a counted formula (三大法宝) is not asked with other counts right after the members it counts
  (统一战线、武装斗争、党的建设（　　）): counting the visible list gives the answer.

``option_problems`` adds the rules of optionfit.py (an option newer than the document, one the
stem's verb does not take). Every message is Chinese and names the option; ``quality.problems``
adds them to its own.
"""

from __future__ import annotations

import re

from quizgen.textnorm import BLANK_RE, norm

PRONOUNS = ("怎样", "怎么", "什么", "如何", "哪些", "哪个", "这样", "那样", "这种", "那种", "这些", "那些",
            "其他", "其", "此", "这", "那", "我们", "他们", "自己")
"""A general class: pronouns and interrogatives. Put before a shared head (怎样发展 beside 绿色发展)
they make no phrase of the list's sort."""
SCOPE_WORDS = ("中国", "我国", "全国", "世界", "国际", "国内", "全球", "各国", "全体", "广大", "各级", "全党",
               "全社会", "人类")
"""A general class: words of scope or place. 中国人民 is a subject, not one of 来自人民、植根人民、
服务人民 (what the Party does with the people)."""
WHOLE_AFTER = set("、，,。；;：:！？!?”’）)》\n") | {"和", "与", "及", "等"}
COUNT_RE = re.compile(r"^([两二三四五六七八九十]|十[一二三四五六七八九])(?:个|大|项|种|条|类|支|点|句|字|位|方面)")
LIST_SPLIT_RE = re.compile(r"、|和|及|与")
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "……", "”", "’", "）", ")", "；")
"""A choice stem is a sentence (or a cut dressed with ……); a heading has no end mark."""
NUMERAL_RE = re.compile(r"[\d０-９〇一二三四五六七八九十百千万两]")


def _shared_affix(texts: list[str]) -> tuple[str, bool] | None:
    """The longest tail (or else head) of at least two characters all ``texts`` share, with
    True for a tail; None when there is none or it is a whole text."""
    ns = [norm(t) for t in texts]
    if not all(ns):
        return None
    for tail in (True, False):
        n = 0
        while all(len(t) > n for t in ns) and len({t[-1 - n] if tail else t[n] for t in ns}) == 1:
            n += 1
        if n >= 2 and all(len(t) > n for t in ns):
            return (ns[0][-n:] if tail else ns[0][:n]), tail
    return None


def _rest(text: str, affix: str, tail: bool) -> str:
    t = norm(text)
    return t[: len(t) - len(affix)] if tail else t[len(affix):]


def _splits_at(text: str, affix: str, tail: bool) -> bool:
    """The shared part is a word (or words) of its own in ``text``: a word boundary of jieba's
    segmentation falls where it begins (or ends)."""
    from quizgen.extract.terms import word_bounds

    t = norm(text)
    at = len(t) - len(affix) if tail else len(affix)
    return at in word_bounds(t)


def _word_class(rest: str, tail: bool) -> str:
    """``pronoun``, ``scope`` or ``""`` for the part of an option beside the shared affix (its
    start for a shared tail, its end for a shared head)."""
    for cls, words in (("pronoun", PRONOUNS), ("scope", SCOPE_WORDS)):
        for w in words:
            if (rest.startswith(w) if tail else rest.endswith(w)) and (len(rest) == len(w) or len(w) >= 2):
                return cls
    return ""


def _first_pos(text: str) -> str:
    from quizgen.extract.terms import pos_of, segment

    words = segment(text) if text else []
    return pos_of(words[0]) if words else ""


def _starts_verb(rest: str) -> bool:
    """The part before a shared head starts with a verb (解决 of 解决台湾问题, 坚持 of 坚持发现问题)."""
    return _first_pos(rest) == "v"


def _starts_noun(rest: str) -> bool:
    """The part before a shared head starts with a noun (政治 of 政治原则问题)."""
    return _first_pos(rest).startswith("n")


def odd_pattern(answers: list[str], option: str) -> str:
    """Why ``option`` is not of the answers' pattern ("" when it is)."""
    shared = _shared_affix([*answers, option])
    if shared is None:
        return ""
    affix, tail = shared
    if all(_splits_at(a, affix, tail) for a in answers) and not _splits_at(option, affix, tail):
        return f"错误选项“{option}”与答案结构不同（“{affix}”在其中不是独立的词），一眼可排除"
    rests = [_rest(a, affix, tail) for a in answers]
    # 保护主义 is one word (an ism), not 保护 + 主义: only a phrase split at the head is a verb-object
    if (tail and _splits_at(option, affix, tail) and _starts_verb(_rest(option, affix, tail))
            and any(_starts_noun(r) for r in rests)
            and not any(_starts_verb(r) for r in rests)):
        return f"错误选项“{option}”是动宾短语，答案是名词性的“……{affix}”，一眼可排除"
    cls = _word_class(_rest(option, affix, tail), tail)
    if cls and all(_word_class(_rest(a, affix, tail), tail) != cls for a in answers):
        what = "代词或疑问词" if cls == "pronoun" else "表示范围或地域的词"
        return f"错误选项“{option}”以{what}搭配“{affix}”，与答案不是同一类短语"
    return ""


def stands_whole(option: str, doc_text: str) -> bool:
    """The document says ``option`` as a whole phrase at least once (followed by punctuation, a
    list join or a line end), or never says it at all (a glossary sibling, a number)."""
    from quizgen.textindex import index_of

    if not doc_text or len(option) < 2 or NUMERAL_RE.search(option):
        return True  # a year or count (第四次 of 第四次全体会议) is whole by its measure word
    ix = index_of(doc_text)
    seen = False
    for k in ix.starts(option):
        seen = True
        nxt = doc_text[k + len(option): k + len(option) + 1]
        if not nxt or nxt in WHOLE_AFTER:
            return True
    return not seen


def nested_members(answers: list[str]) -> bool:
    """One keyed member holds another (人民执政, 靠人民执政), or some hold a pair and others not
    (内部安全 beside 国土安全和国民安全: a list of pairs cut at its 和)."""
    ns = [norm(a) for a in answers]
    pairs = {bool(PAIR_RE.search(a)) for a in ns}
    return any(a != b and a in b for a in ns for b in ns) or len(pairs) > 1


PAIR_RE = re.compile(r"[和与及]")


def count_given_away(q) -> bool:
    """A single choice on a counted formula (三大法宝) whose stem lists just that many members
    right before the blank, with wrong options of other counts."""
    if q.type != "single" or len(q.answer) != 1:
        return False
    m = COUNT_RE.match(norm(q.answer[0]))
    if not m:
        return False
    from quizgen.questions.distractors import _cn_to_int

    n = 2 if m.group(1) == "两" else _cn_to_int(m.group(1))
    blank = BLANK_RE.search(q.stem)
    if not blank or not n:
        return False
    before = re.split(r"[，,。；;：:！？“”]", q.stem[: blank.start()])[-1]
    parts = [p for p in before.split("、") if p]
    # A、B、C三大…; A、B和C; a member may hold 和 itself (批评和自我批评)
    if len(parts) < 2 and not LIST_SPLIT_RE.search(before):
        return False
    if len(parts) != n and not (len(parts) == n - 1 and LIST_SPLIT_RE.search(parts[-1])):
        return False
    other = [o for o in q.options or [] if o not in q.answer]
    return any(not norm(o).startswith(m.group(1)) for o in other)


def counted_non_noun(q) -> bool:
    """A single choice on a counted "formula" offered with other counts whose counted word is a
    verb or a scope word (八大形成 of 党的八大形成; 两个中国): no formula, other counts are absurd."""
    from quizgen.extract.terms import pos_of, segment

    if q.type != "single" or len(q.answer) != 1:
        return False
    m = COUNT_RE.match(norm(q.answer[0]))
    rest = norm(q.answer[0])[m.end():] if m else ""
    if not rest or not any(not norm(o).startswith(m.group(1)) for o in q.options or [] if o not in q.answer):
        return False
    head = segment(rest)[0] if rest else ""
    return rest in SCOPE_WORDS or head in SCOPE_WORDS or pos_of(head).startswith("v") and pos_of(head) != "vn"


def answer_echoed(q) -> str:
    """For a single choice: the part that tells the answer from its wrong options (生态文明 of
    生态文明建设 beside 思想建设、纪律建设) stands in the stem (保护生态环境) while no wrong
    option's does, or only one's: the stem gives the answer away. Returns the echoed characters
    ("" if none)."""
    if q.type != "single" or len(q.answer) != 1 or not q.options:
        return ""
    shared = _shared_affix(list(q.options))
    def rest(o: str) -> str:
        return _rest(o, *shared) if shared else norm(o)
    stem = norm(BLANK_RE.sub("", q.stem))

    def echo(o: str) -> str:
        r = rest(o)
        if NUMERAL_RE.search(r):
            return ""  # 两个 / 三个: a count in the stem is another rule (count_given_away)
        return next((r[i:i + 2] for i in range(len(r) - 1) if r[i:i + 2] in stem), "")

    hit = echo(q.answer[0])
    # one wrong option echoed by chance (经济建设 by 经济增长, beside 生态文明建设 by 保护生态环境)
    # leaves a guess between two: still given away; two or more echoed make the stem no clue
    if hit and sum(1 for o in q.options if o not in q.answer and echo(o)) <= 1:
        return hit
    return ""


OPPOSE = ("反对", "防止", "抵制", "克服", "纠正", "推翻", "整治", "打击", "遏制", "破除", "惩治", "杜绝", "根除", "铲除")
UPHOLD = ("弘扬", "坚持", "加强", "发扬", "倡导", "践行", "培育", "发展", "树立", "增强", "坚定", "高举", "推进")
"""A general class: verbs that oppose and verbs that uphold what follows them. 反对（　　） asks
what is opposed: an option the document only upholds (爱国主义) is eliminated at a glance, and
the other way round (恐怖主义 in 加强（　　）教育)."""
MOSTLY = 4
"""An option said the other way at least four times as often as the frame's way counts as said
the other way."""
CLAUSE_RE = re.compile(r"[，,。；;：:！？!?\n]")


def _polarity(before: str) -> str:
    """``oppose``, ``uphold`` or "" for the text of a clause up to a slot: its last such verb."""
    clause = CLAUSE_RE.split(before)[-1]
    best, at = "", -1
    for verbs, name in ((OPPOSE, "oppose"), (UPHOLD, "uphold")):
        for v in verbs:
            k = clause.rfind(v)
            if k > at:
                best, at = name, k
    return best


def _polarity_clash(option: str, frame: str, doc_text: str) -> bool:
    from quizgen.textindex import index_of

    if not frame or not doc_text:
        return False
    said = [_polarity(doc_text[max(0, k - 40): k]) for k in index_of(doc_text).starts(option)]
    other = sum(1 for x in said if x and x != frame)
    # mostly said the other way (社会主义: upheld 45 times, once after 反对…削弱、否定)
    return other > 0 and said.count(frame) * MOSTLY < other


MARKED_MEMBER = 3
"""A glossary member of at least three characters (帝国主义, 先进性) marks its formula wherever it
stands; a two-character one (农业 of 三大改造, 民主 of 核心价值观) is a common word as well."""


def foreign_family(answers: list[str], option: str) -> str:
    """The glossary family of a wrong option when none of the right answers belongs to it
    (帝国主义 of 三座大山 beside 分散主义、自由主义、本位主义; 先进性 beside 积极性、主动性、
    创造性): an option of another sort, told apart at a glance or not fitting the stem. ""
    when the option is of no family, is a common two-character word, or shares a family with
    an answer (政治建设, of 五位一体 and of 党的建设总体布局, beside 思想建设)."""
    from quizgen.glossary import families_of

    fams = families_of(option)
    if not fams or len(norm(option)) < MARKED_MEMBER:
        return ""
    if any(fams & families_of(a) for a in answers):
        return ""
    return min(fams)


def option_refused(answers: list[str], option: str, before: str, doc_text: str) -> bool:
    """The option rules above for one wrong option, before the question is built (``before``:
    the sentence up to the first blank), so the builders try the next candidate instead of
    losing the question at the gate."""
    return bool(odd_pattern(answers, option)) or bool(foreign_family(answers, option)) or \
        not stands_whole(option, doc_text) or _polarity_clash(option, _polarity(before), doc_text)


def opposite_polarity(q, doc_text: str) -> tuple[str, str]:
    """A wrong option the document says only after verbs of the other polarity than the stem's
    frame (爱国主义 for 反对（　　）), with the frame's polarity; ("", "") when none."""
    blank = BLANK_RE.search(q.stem)
    if not doc_text or not blank:
        return "", ""
    frame = _polarity(q.stem[: blank.start()])
    if not frame:
        return "", ""
    for w in (o for o in q.options or [] if o not in q.answer):
        if _polarity_clash(w, frame, doc_text):
            return w, frame
    return "", ""


def option_problems(q, doc_text: str = "") -> list[str]:
    """The option rules above for a single or multiple choice (empty for other types)."""
    if q.type not in ("single", "multi"):
        return []
    p: list[str] = []
    wrong = [o for o in q.options or [] if o not in q.answer]
    for w in wrong:
        why = odd_pattern(list(q.answer), w)
        if why:
            p.append(why)
            break
    for w in wrong:
        fam = foreign_family(list(q.answer), w)
        if fam:
            p.append(f"错误选项“{w}”属于提法“{fam}”，而答案都不属于它，与答案不是同一类，一眼可排除")
            break
    for w in wrong:
        if not stands_whole(w, doc_text):
            p.append(f"错误选项“{w}”在原文中只是更长短语的开头，不是完整的词语")
            break
    odd, frame = opposite_polarity(q, doc_text)
    if odd:
        said = "反对" if frame == "uphold" else "坚持"
        p.append(f"错误选项“{odd}”在原文中是要{said}的，与题干的说法正相反，一眼可排除")
    if q.type == "multi" and nested_members(list(q.answer)):
        p.append("多选题的答案互相包含（如“人民执政”与“靠人民执政”），列举拆分不当")
    if not q.stem.rstrip().endswith(SENTENCE_ENDS):
        p.append("题干没有句末标点，是标题而不是完整的句子（如“2024年经济社会发展总体要求和政策取向”）")
    hit = answer_echoed(q)
    if hit:
        p.append(f"题干里有答案的关键字“{hit}”，而错误选项的都没有，一看即知")
    if counted_non_noun(q):
        p.append(f"“{q.answer[0]}”不是一个数字提法（数字后面是动词或地名），换成别的数字的选项不成立")
    if count_given_away(q):
        p.append("题干空前列出的项数就是答案的数字，数一数即可作答（应改用同数目的其他提法作选项）")
    from quizgen.questions.optionfit import fit_problems

    p.extend(fit_problems(q, doc_text))
    return p
