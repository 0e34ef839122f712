"""Finding candidate facts in one sentence by their surface form.

Years and periods, numbers with measure words, ordinals, quoted terms, counted formulas
(两个“一以贯之”, 四个意识), 、-enumerations, “X是Y” principles and “发挥…Y作用” roles. Every span
returned is an exact substring of the sentence, with its offset. Terms found from word
segmentation live in ``terms.py``.
"""

from __future__ import annotations

import re
from itertools import pairwise
from dataclasses import dataclass, field

CJK = "\u4e00-\u9fff"
NUM_CN = "一二三四五六七八九十百千两〇零"

YEAR_RE = re.compile(
    rf"(?<![\d{NUM_CN}])(?:\d{{4}}年|[一二三四五六七八九〇零]{{4}}年|\d0年代|[一二三四五六七八九]十年代)"
)
NUMBER_RE = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?(?:多|余)?(?:万|亿|万亿)?"
    r"(?:项|个|家|名|人|条|次|届|批|所|座|种|类|位|倍|户|件|公里|千米|米|吨|元|平方公里|%|％|个百分点)"
)
MILESTONE_RE = re.compile(r"创立|创建|成立|建立|召开|通过|提出|建成|实现|开始|诞生|确立|胜利|完成|研发|研制|开发|攻克|"
                          r"填补|开展|成为|获得|荣获|投产|首次|率先")
ORDINAL_RE = re.compile(rf"第[{NUM_CN}\d]+(?:次|届|个|号)")
QUOTE_RE = re.compile(r"“([^“”]{1,40})”")
FORMULA_RE = re.compile(
    rf"(?<![{NUM_CN}\d第])(十[一二三四五六七八九]|[两二三四五六七八九十])"
    rf"(?:(个|大|项|件|条|种|位|点|方面的?)?(“[^“”]{{1,12}}”)|(个|大|件|项|条|种)([{CJK}]{{2,4}}?)(?=[，。、；：,;和与是的”]|$))"
)
ENUM_RE = re.compile(rf"[{CJK}“”]{{1,16}}(?:、[{CJK}“”]{{1,16}})+(?:(?:和|与|及|以及)[{CJK}“”]{{1,16}})?")
ROLE_RE = re.compile(rf"(发挥|和|与|及)(?:好|了|着)?(?:[{CJK}“”]{{0,14}}?的)?((?:(?!的)[{CJK}]){{2,6}})作用")
CLAUSE_SPLIT_RE = re.compile(r"[，,；;：:。！？!?]")
IS_RE = re.compile(rf"^(?P<x>[{CJK}“”、]{{2,24}}?)(?:是|就是|乃是|始终是)(?P<y>[{CJK}“”、]{{2,30}})$")
HEAD_NOUNS = (
    "生产力", "根本", "原则", "方向", "基础", "关键", "核心", "本质特征", "最大优势", "宗旨", "必由之路",
    "第一动力", "第一资源", "灵魂", "生命线", "保证", "前提", "指南", "任务", "目标", "矛盾", "力量", "特征",
    "优势", "要求", "途径", "法宝", "标志", "主题", "主线", "使命", "初心", "动力", "源泉", "支撑", "保障",
    "基石", "命脉", "根基", "底色", "本色", "追求", "战略", "方针", "道路", "制度", "旗帜", "引领",
)
STOP_EDGE = set("的了和与及在对为以于将被从由向着等是也都并而且或均皆已正需应这那此其到给让使")


@dataclass(slots=True)
class Candidate:
    """A fact candidate in one sentence before ranking."""

    kind: str
    spans: list[str]
    offsets: list[int]
    weight: float
    note: str = ""
    members: list[str] = field(default_factory=list)


def find_years(s: str) -> list[Candidate]:
    out = []
    for m in YEAR_RE.finditer(s):
        # a full date (2022年11月30日) is a timestamp, rarely a milestone
        tail = s[m.end():m.end() + 4]
        before = s[max(0, m.start() - 6):m.start()]
        # a goal year (到二〇三五年) or a dated milestone is asked; a bare date in a narrative less so
        w = 0.85 if (re.search(r"[到至]$", before) or MILESTONE_RE.search(s[m.end():m.end() + 12])) else 0.7
        if re.match(r"\d{1,2}月", tail):
            w = 0.5
        if re.match(r"[至到—~-]\d{4}年|[至到—~-][〇一二三四五六七八九零]{4}年", tail + s[m.end() + 4:m.end() + 6]) or \
                re.search(r"(\d{4}|[〇一二三四五六七八九零]{4})年[至到—~-]$", s[max(0, m.start() - 7):m.start()]):
            w = 0.55  # one end of a range (2018年至2021年)
        out.append(Candidate("year", [m.group()], [m.start()], w))
    return out


def find_numbers(s: str) -> list[Candidate]:
    out = []
    for m in NUMBER_RE.finditer(s):
        out.append(Candidate("number", [m.group()], [m.start()], 0.6))
    for m in ORDINAL_RE.finditer(s):
        out.append(Candidate("number", [m.group()], [m.start()], 0.7))
    return out


def find_quotes(s: str) -> list[Candidate]:
    out = []
    for m in QUOTE_RE.finditer(s):
        inner = m.group(1)
        if re.search(r"[，,。；;！？]", inner) or len(inner) > 12 or (len(inner) > 5 and "是" in inner):
            continue  # a quoted sentence, not a term: principles handle it
        out.append(Candidate("term", [inner], [m.start(1)], 0.75, note="quoted"))
    return out


def find_formulas(s: str, segment=None) -> list[Candidate]:
    """Counted formulas: 两个“一以贯之”, “四个自信”, 三件大事. An unquoted counted thing must be
    one word (四个意识 yes, 八项规定破题 no) when a segmenter is given."""
    out = []
    for m in FORMULA_RE.finditer(s):
        if m.group(5) and segment is not None and len(segment(m.group(5))) > 1:
            continue
        if m.group(4) == "大" and (len(m.group(1)) > 1 or re.match(r"以来|报告|精神|代表|召开|会|上|期间|之后|以后|前|后",
                                                                   s[m.end() - len(m.group(5) or ""):])):
            continue  # 十八大以来, 党的十九大报告: a congress, not a count
        if m.group(3):
            span, w = m.group(), 1.0
        else:
            span, w = m.group(), 0.7
        out.append(Candidate("formula", [span], [m.start()], w))
    return out


def _tokens(s: str, segment) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for w in segment(s):
        out.append((pos, pos + len(w), w))
        pos += len(w)
    return out


LIST_CLOSER = re.compile(r"有机|相结合|相统一|相协调|相适应|相促进|并举|并重|并行|齐抓|同步")
PUNCT_TOKEN = re.compile(r"[，,；;。：:、“”（）()《》]")


def _words_before(tokens, end: int) -> list[str]:
    """Candidate first items: whole words ending at ``end``, shortest first. A 的 inside an item
    (党的领导) is crossed, but no candidate starts with it; other particles end the item."""
    out, item = [], ""
    for a, b, w in reversed([t for t in tokens if t[1] <= end]):
        if b != end - len(item) or PUNCT_TOKEN.match(w) or len(item) + len(w) > 16:
            break
        if w in STOP_EDGE and w != "的":
            break
        item = w + item
        if w != "的":
            out.append(item)
    return out


def _words_after(tokens, start: int) -> list[str]:
    """Candidate last items: whole words from ``start``, shortest first."""
    out, item = [], ""
    for a, b, w in [t for t in tokens if t[0] >= start]:
        if a != start + len(item) or PUNCT_TOKEN.match(w) or w in ("等", "等等") or w in STOP_EDGE:
            break
        if item and LIST_CLOSER.match(w):
            break  # X、Y、Z有机统一 / A和B相结合: the list ends before its predicate
        if len(item) + len(w) > 16:
            break
        item += w
        out.append(item)
    return out


def _common_suffix(items: list[str]) -> str:
    suffix = items[0]
    for it in items[1:]:
        while suffix and not it.endswith(suffix):
            suffix = suffix[1:]
    return suffix


def _common_prefix(items: list[str]) -> str:
    prefix = items[0]
    for it in items[1:]:
        while prefix and not it.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _choose(cands: list[str], others: list[str], *, at_end: bool) -> str:
    """The candidate that fits the other members: one sharing their common ending (or, for a
    first item, beginning) when they have one; else the one closest to their length, shorter
    on a tie."""
    if min((len(o) for o in others), default=2) >= 2:
        cands = [c for c in cands if len(c) >= 2]
    if not cands:
        return ""
    if len(others) >= 2:
        common = _common_suffix(others) if at_end else _common_prefix(others)
        if common:
            fit = [c for c in cands if (c.endswith(common) if at_end else c.startswith(common))
                   and len(c) > len(common)]
            if fit:
                return fit[0]
    lengths = sorted(len(o) for o in others)
    target = lengths[(len(lengths) - 1) // 2]
    return min(cands, key=lambda c: (abs(len(c) - target), len(c)))


def _natural_end(tokens, start: int, limit: int = 8) -> str:
    """The second item of a two-item list: whole words up to a particle or ``limit`` chars."""
    best = ""
    for c in _words_after(tokens, start):
        if len(c) > limit:
            break
        best = c
    return best


def parallel_bonus(items: list[str]) -> float:
    """Parallel members (same length, a shared head or tail: 自我净化、自我完善…) make a formula."""
    bonus = 0.0
    if len({len(i) for i in items}) == 1 and len(items[0]) >= 2:
        bonus += 0.2
    if all(i[:1] == items[0][:1] for i in items) or all(i[-1:] == items[0][-1:] for i in items):
        bonus += 0.2
    return bonus


def _separator_groups(s: str, seps: list[int]) -> list[list[int]]:
    """Split a run of 、 into separate lists where an inner part is far longer than the others
    (一个国家、一个民族发展中最基本、最深沉、最持久 holds two lists)."""
    inner = [seps[i + 1] - seps[i] - 1 for i in range(len(seps) - 1)]
    if not inner:
        return [seps]
    short = sorted(inner)[: max(1, (len(inner) + 1) // 2)]
    typical = short[len(short) // 2]
    groups, cur = [], [seps[0]]
    for i, n in enumerate(inner):
        if n > 2 * typical + 2 and n > 6:
            groups.append(cur)
            cur = [seps[i + 1]]
        else:
            cur.append(seps[i + 1])
    groups.append(cur)
    return groups


def find_enumerations(s: str, segment) -> list[Candidate]:
    """、-lists with their first and last items cut, on word boundaries, to the inner items' length.

    ``segment`` splits a text into words (jieba); the whole sentence is segmented once.
    """
    out = []
    tokens = None
    for m in ENUM_RE.finditer(s):
        if tokens is None:
            tokens = _tokens(s, segment)
        all_seps = [m.start() + i for i, ch in enumerate(m.group()) if ch == "、"]
        for seps in _separator_groups(s, all_seps):
            c = _enumeration_at(s, seps, tokens)
            if c:
                out.append(c)
    return out


def _enumeration_at(s: str, seps: list[int], tokens) -> Candidate | None:
    inner = [s[a + 1:b] for a, b in pairwise(seps)]
    if inner:
        last = _choose(_words_after(tokens, seps[-1] + 1), inner, at_end=True)
        first = _choose(_words_before(tokens, seps[0]), inner + [last], at_end=False)
    else:  # two items: the second runs to its natural end; the first matches its length
        last = _natural_end(tokens, seps[-1] + 1)
        firsts = _words_before(tokens, seps[0])
        if not last or not firsts:
            return None
        first = min(firsts, key=lambda c: (abs(len(c) - len(last)), -len(c)))
    if inner and all(i.endswith("的") for i in inner) and s.startswith("的", seps[-1] + 1 + len(last)):
        last += "的"  # 全面的、系统的、整体的
    items = [first, *inner, last]
    after = seps[-1] + 1 + len(last)
    if s.startswith(("和", "与", "及"), after) and not s.startswith(("和谐", "与时"), after):
        extra = _choose(_words_after(tokens, after + 1), items, at_end=True)
        if extra and abs(len(extra) - len(last)) <= 3:
            items.append(extra)
    items = [i.strip("“”") for i in items]
    if len(items) < 2 or any(len(i) < 1 or len(i) > 16 or not re.fullmatch(rf"[{CJK}“”]+", i) for i in items):
        return None  # members are words; figures in a list are a list of achievements
    if len(items) == 2 and (len(items[0]) < 2 or len(items[1]) < 2):
        return None
    offsets, pos = [], seps[0] - len(first)
    for it in items:
        k = s.find(it, pos)
        if k < 0:
            return None
        offsets.append(k)
        pos = k + len(it)
    # the longer a parallel list, the likelier a quiz asks for it (自我净化、自我完善、自我革新、自我提高)
    w = {2: 0.6, 3: 0.85, 4: 1.0}.get(len(items), 1.1)
    w += parallel_bonus(items)
    # uneven items (a long clause next to a word) are seldom a parallel formula
    if max(len(i) for i in items) > 2 * min(len(i) for i in items) + 2:
        w *= 0.6
    return Candidate("enumeration", items, offsets, w, members=items)


PAIR_RE = re.compile("[和与]")


def _nominal(phrase: str) -> bool:
    """The phrase starts with a noun, not a verb (经济快速发展 yes, 了解生产运行 no)."""
    from quizgen.extract.terms import pos_of, segment

    words = segment(phrase)
    return bool(words) and pos_of(words[0]).startswith(("n", "j"))


def find_pairs(s: str, segment) -> list[Candidate]:
    """Parallel pairs joined by 和/与 (经济快速发展和社会长期稳定, 中华文化和中国精神)."""
    out = []
    tokens = None
    for m in PAIR_RE.finditer(s):
        if tokens is None:
            tokens = _tokens(s, segment)
        if not any(t[0] == m.start() and t[2] == m.group() for t in tokens):
            continue  # 和 inside a word (和平, 和谐)
        second = _natural_end(tokens, m.end())
        if len(second) < 3:
            continue
        first = _choose(_words_before(tokens, m.start()), [second], at_end=False)
        if len(first) != len(second) or s[m.start() - len(first) - 1:m.start() - len(first)] == "、":
            continue
        if not (first[0] == second[0] or first[-1] == second[-1] or (len(first) >= 5 and _nominal(first))):
            continue
        w = 0.55 + parallel_bonus([first, second])
        out.append(Candidate("enumeration", [first, second], [m.start() - len(first), m.end()], w,
                             members=[first, second]))
    return out


def find_principles(s: str) -> list[Candidate]:
    """“X是Y” clauses that state a rule or definition; the span is Y (its head after 的 when long)."""
    out = []
    pos = 0
    for clause in CLAUSE_SPLIT_RE.split(s):
        start = s.find(clause, pos)
        pos = start + len(clause)
        c = clause.strip("“”")
        m = IS_RE.match(c)
        if not m:
            continue
        x, y = m.group("x"), m.group("y")
        if x.endswith(("这", "那", "也", "都", "就", "还", "正", "更", "不", "即")) or x in ("这", "那", "这就"):
            continue
        y = re.sub(r"(之一|所在)$", "", y)
        head = any(y.endswith(h) for h in HEAD_NOUNS)
        key_subject = any(x.endswith(h) for h in HEAD_NOUNS)
        cut = len(y) > (40 if key_subject else 12)
        if cut:
            if "的" not in y:
                continue
            y = y.rsplit("的", 1)[1]
            if len(y) < 2:
                continue
        off = s.find(y, start + c.find(x) + len(x) if c else start)
        if off < 0:
            continue
        w = 0.95 if head or key_subject else 0.6
        if cut:
            w *= 0.7  # only the head of a long predicate
        out.append(Candidate("principle", [y], [off], w, note=x))
        # a compact subject stated as a rule ("增进民生福祉是…本质要求") is a blank of its own
        xs = re.sub(r"^(明确|强调|指出|提出|认为|坚持|必须)", "", x)
        if (head and 4 <= len(xs) <= 10 and "的" not in xs and not re.search(r"[这那其此]", xs)
                and not xs.endswith(("不再", "已经", "就", "也", "都", "还", "正", "更", "不"))):
            xo = s.find(xs, start)
            if 0 <= xo < off:
                out.append(Candidate("principle", [xs], [xo], 0.75, note="subject"))
    return out


GOAL_RE = re.compile(rf"(?:(?:基本|全面|初步|如期)?(?:实现|建成|完成))([{CJK}“”]{{2,12}}?)(?=[，,。；;！]|$)")


def find_goals(s: str) -> list[Candidate]:
    """实现/建成/完成 + what is achieved, at the end of a clause (实现进口替代, 到二〇三五年基本实现
    社会主义现代化); a goal dated by its year weighs most. The span keeps the verb: it is the
    formulation people recall."""
    out = []
    for m in GOAL_RE.finditer(s):
        obj = m.group(1)
        if obj.startswith(("了", "的", "这", "其")) or len(obj) < 2:
            continue
        clause_start = max(s.rfind(c, 0, m.start()) for c in "，,。；;") + 1
        dated = bool(YEAR_RE.search(s[clause_start:m.start()]))
        out.append(Candidate("principle", [m.group()], [m.start()], 0.95 if dated else 0.7, note="goal"))
    return out


AIM_RE = re.compile(rf"以([{CJK}、“”]{{2,24}}?)为(主线|统领|根基|着力点|中心|核心|引领|根本|重点|导向|抓手|保障|关键|根本遵循|行动指南|主题|目标|契机|载体|突破口|切入点|落脚点|出发点|着眼点|依托|支撑|动力|基础|前提)")


def find_aims(s: str) -> list[Candidate]:
    """以X为主线/统领/根基/着力点…: X is the formulation a quiz asks for."""
    out = []
    for m in AIM_RE.finditer(s):
        x = m.group(1)
        if len(x) < 2 or x in ("此", "这"):
            continue
        out.append(Candidate("principle", [x], [m.start(1)], 0.9, note="aim"))
    return out


def find_roles(s: str) -> list[Candidate]:
    out = []
    for m in re.finditer(rf"起(?:到|着)?([{CJK}]{{2,4}}?)(?:性)?作用", s):
        span = m.group(1) + ("性" if s[m.end(1):m.end(1) + 1] == "性" else "")
        if span not in ("重要", "积极", "关键", "一定", "重大"):
            out.append(Candidate("term", [span], [m.start(1)], 0.8, note="role"))
    first = s.find("发挥")
    if first < 0:
        return out
    for m in ROLE_RE.finditer(s, first):
        span = m.group(2) + "作用"
        if m.group(2) in ("重要", "积极", "关键", "应有", "更大", "主体", "重大", "独特", "突出"):
            continue
        out.append(Candidate("term", [span], [m.start(2)], 0.8, note="role"))
    return out
