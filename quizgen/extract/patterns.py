"""Finding candidate facts in one sentence by their surface form.

Years and periods, numbers with measure words, ordinals, quoted terms, counted formulas
(两个“一以贯之”, 四个意识), “X是Y” principles, 以X为主线 aims, 实现… goals and “发挥…Y作用”
roles. Lists (、-enumerations, 和-pairs) live in ``lists.py``. Every span
returned is an exact substring of the sentence, with its offset. Terms found from word
segmentation live in ``terms.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CJK = "\u4e00-\u9fff"
NUM_CN = "一二三四五六七八九十百千两〇零"

YEAR_RE = re.compile(
    rf"(?<![\d{NUM_CN}])(?:\d{{4}}年|[一二三四五六七八九〇零]{{4}}年|\d0年代|[一二三四五六七八九]十年代)"
)
YEAR_CHAR = "年"
"""In every ``YEAR_RE`` match: a text without it holds no year."""
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
    if YEAR_CHAR not in s:
        return out
    for m in YEAR_RE.finditer(s):
        # a full date (2022年11月30日) is a timestamp, rarely a milestone
        tail = s[m.end():m.end() + 4]
        before = s[max(0, m.start() - 6):m.start()]
        # a goal year (到二〇三五年) or a dated milestone is asked; a bare date in a narrative less so
        w = 0.85 if (re.search(r"[到至]$", before) or MILESTONE_RE.search(s[m.end():m.end() + 12])) else 0.7
        if re.match(r"\d{1,2}月", tail):
            w = 0.5
        period = s[max(0, m.start() - 6):m.end() + 6]
        if re.search(r"\d{4}年[至—~-]\d{4}年", period) and (
                s.startswith(("至", "—", "~", "-"), m.end()) or re.search(r"\d{4}年[至—~-]$", s[:m.start()])):
            continue  # 2018年至2021年: the period is the fact, not either of its ends
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
        # 特别是, 尤其是, 而是, 但是, 于是…: the 是 belongs to a conjunction or adverb, no copula
        if x.endswith(("这", "那", "也", "都", "就", "还", "正", "更", "不", "即", "特别", "尤其", "而", "但", "于",
                       "可", "或", "只", "总", "凡")) or x in ("这", "那", "这就"):
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


RELATION_END_RE = re.compile(r"相(?:衔接|适应|协调|统一|结合|匹配|一致|配套|契合)$")
"""A verb of relation (与…相衔接/相适应) ending what follows 实现: the clause compares with a
goal, and the span would take the verb."""


def find_goals(s: str) -> list[Candidate]:
    """实现/建成/完成 + what is achieved, at the end of a clause (实现进口替代, 到二〇三五年基本实现
    社会主义现代化); a goal dated by its year weighs most. The span keeps the verb: it is the
    formulation people recall."""
    out = []
    for m in GOAL_RE.finditer(s):
        obj = m.group(1)
        if obj.startswith(("了", "的", "这", "其")) or len(obj) < 2 or re.search(r"提供|作出|贡献|支撑|条件", obj):
            continue  # 为…实现可持续发展提供新的支撑: the goal is part of a longer predicate
        if RELATION_END_RE.search(obj):
            continue  # 与…和基本实现现代化的目标相衔接: a goal named to be matched, not achieved
        clause_start = max(s.rfind(c, 0, m.start()) for c in "，,。；;") + 1
        dated = bool(YEAR_RE.search(s[clause_start:m.start()]))
        out.append(Candidate("principle", [m.group()], [m.start()], 0.95 if dated else 0.7, note="goal"))
    return out


AIM_RE = re.compile(rf"以([{CJK}、“”]{{2,24}}?)为(主线|主体|主导|统领|根基|着力点|中心|核心|引领|根本|重点|导向|抓手|保障|关键|根本遵循|行动指南|主题|目标|契机|载体|突破口|切入点|落脚点|出发点|着眼点|依托|支撑|动力|基础|前提)")


def find_aims(s: str) -> list[Candidate]:
    """以X为主线/统领/根基/着力点…: X is the formulation a quiz asks for."""
    out = []
    for m in AIM_RE.finditer(s):
        x = m.group(1)
        if len(x) < 2 or x in ("此", "这") or x.endswith("同志"):
            continue  # 以习近平同志为核心的党中央 is a set phrase, never asked
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
