"""Candidates that quiz writers ask and the other finders miss: subjects of definitions, X这个Y,
parallel frames (同X相结合, 为X谋Y), ——bullets, and counts written in Chinese numerals.

- the subject of a definition: 创新是引领发展的第一动力 asks 创新; 党的政治建设是党的根本性建设
  asks 党的政治建设 (short subjects and subjects with 的, which ``patterns.find_principles``
  leaves out);
- 牢牢把握社会主义初级阶段这个基本国情: 社会主义初级阶段;
- 把马克思主义基本原理同中国具体实际相结合、同中华优秀传统文化相结合: each X of 同X相结合;
  为中国人民谋幸福，为中华民族谋复兴: each Y of 为X谋Y;
- a bullet ——经济总体回升向好。: its headline;
- 每五年, 三个月, 年满十八岁, 五名: counts of rule texts, written in Chinese numerals.

Every span is an exact substring of the sentence, cut on word boundaries.
"""

from __future__ import annotations

import re

from quizgen.extract.patterns import CJK, Candidate

CLAUSE_RE = re.compile(r"[^，,；;：:。！？!?]+")
LEAD_RE = re.compile(r"^(?:明确|强调|指出|提出|认为|必须|我们|要|而|但|并且|同时|因此|所以|首先|其次|总之|坚持|深刻认识到)+")
SUBJECT_RE = re.compile(rf"^(?P<x>[{CJK}“”]{{2,14}}?)(?:就是|始终是|是)(?P<y>[{CJK}“”、]{{4,}})$")
BAD_SUBJECT = re.compile(r"^(?:这|那|其|此|它|他|她|我|你|也|都|就|还|正|更|不|即|但|而|或|凡|只|所)|"
                         r"(?:这|那|也|都|就|还|正|更|不|即|又|仍|已|总|便|的|地|得|了|着|过|并|只|特别|尤其|而|但|或|于)$")
DEF_TAIL = re.compile(r"(?:的|之)[{CJK}]{1,8}$|(?:根本|关键|核心|本质|基础|保证|灵魂|动力|资源|力量|要求|任务|目标|"
                      r"特征|优势|品格|方向|原则|宗旨|前提|保障|支撑|法宝|标志|主题|主线|使命|初心|追求|战略)"
                      r"(?:所在|之一)?$".replace("{CJK}", CJK))
WHO = {"中国共产党", "我们党", "党", "中国人民", "人民", "中华民族", "我国", "中国", "我们", "全党", "党中央"}
"""Who states or does things in nearly every sentence: the predicate gives them away as a blank
(____是为中国人民谋幸福的政党)."""
THIS_RE = re.compile(rf"这个[“]?[{CJK}]{{2,10}}")
NOUNISH = ("n", "vn", "nz", "nt", "ns", "nr", "j", "a", "b", "l", "i", "uj", "m", "q", "an", "f")
SAME_RE = re.compile(rf"同([{CJK}]{{2,14}}?)相(?:结合|统一|适应|协调|衔接|促进)")
FOR_RE = re.compile(rf"为([{CJK}]{{2,8}}?)谋([{CJK}]{{2,4}}?)(?=[，,、；;。]|$)")
CN_COUNT = "一二三四五六七八九十两百半"
COUNT_RE = re.compile(rf"每(?:[{CN_COUNT}]+)(?:年|个月|月|周|天|日|届)|(?<![{CN_COUNT}第])[{CN_COUNT}]+个(?:月|工作日)|"
                      rf"年满[{CN_COUNT}]+周?岁|[{CN_COUNT}]{{1,3}}(?:名|人)(?=以上|以下|以内|组成|的|[，,。；;])|"
                      rf"[{CN_COUNT}]{{1,3}}(?:年|日)(?=内|以内|以上|为一届|一次)")


SAYING = {"明确", "强调", "指出", "提出", "认为", "认识到", "深刻认识到", "宣告", "郑重宣告"}
"""Verbs by which a speaker states a definition (a general class): what precedes them is who
said it, what follows is the subject defined."""


def _said_by(x: str, segment, pos_of) -> str:
    """The speaker and verb of saying at the start of ``x`` (党明确, 全会强调), "" when none: a
    noun (or nouns) then one of ``SAYING``."""
    words = segment(x)
    for k, w in enumerate(words[1:-1], 1):
        if w in SAYING:
            return "".join(words[:k + 1]) if all(pos_of(v).startswith(("n", "r", "j")) for v in words[:k]) else ""
        if not pos_of(w).startswith(("n", "r", "j")):
            return ""
    return ""


def find_subjects(s: str, segment) -> list[Candidate]:
    """The subject of an X是Y definition, short or with 的."""
    from quizgen.extract.terms import pos_of

    out = []
    for m in CLAUSE_RE.finditer(s):
        clause = m.group()
        lead = LEAD_RE.match(clause)
        body = clause[lead.end():] if lead else clause
        d = SUBJECT_RE.match(body)
        if not d:
            continue
        x, y = d.group("x"), d.group("y")
        said = _said_by(x, segment, pos_of)
        x = x[len(said):]  # 党明确|我国社会的主要矛盾是…: 党 said it
        if BAD_SUBJECT.search(x) or re.search("了|什么|怎样|如何|是|之所以", x) or not DEF_TAIL.search(y) or x.count("“") != x.count("”"):
            continue
        words = segment(x)
        if len(words) > 6 or "".join(words) != x or x in WHO:
            continue
        if len(words) > 1 and pos_of(words[0]) == "v":
            continue  # 树立和践行绿水青山就是…的理念: a verb phrase, not the subject of a definition
        start = m.start() + (lead.end() if lead else 0) + len(said)
        # a subject of two or three characters is the one word a writer asks (创新, 人才, 文化)
        out.append(Candidate("principle", [x], [start], 0.8 if len(x) <= 8 else 0.65, note="subject"))
    return out


def find_this(s: str, segment, pos_of) -> list[Candidate]:
    """X这个Y: X, the noun phrase right before 这个, cut on word boundaries."""
    out = []
    for m in THIS_RE.finditer(s):
        before = s[:m.start()]
        clause_start = max(before.rfind(c) for c in "，,；;：:。") + 1
        words = segment(before[clause_start:])
        phrase: list[str] = []
        for w in reversed(words):
            if not pos_of(w).startswith(NOUNISH) or not re.fullmatch(rf"[{CJK}、“”]+", w):
                break
            phrase.insert(0, w)
        while phrase and (phrase[0] in ("的", "、") or pos_of(phrase[0]).startswith(("uj", "a", "f"))):
            phrase.pop(0)
        x = "".join(phrase)
        if 3 <= len(x) <= 14:
            out.append(Candidate("term", [x], [m.start() - len(x)], 0.75, note="this"))
    return out


def find_frames(s: str) -> list[Candidate]:
    """同X相结合 and 为X谋Y: the parallel slots of a frame said two or more times."""
    out = []
    same = list(SAME_RE.finditer(s))
    for m in same:
        out.append(Candidate("term", [m.group(1)], [m.start(1)], 0.8 if len(same) > 1 else 0.6, note="frame"))
    pairs = list(FOR_RE.finditer(s))
    if len(pairs) >= 2:
        for m in pairs:
            out.append(Candidate("term", [m.group(2)], [m.start(2)], 0.8, note="frame"))
    return out


def find_bullet(s: str) -> list[Candidate]:
    """——经济总体回升向好。: the headline of a dash bullet."""
    m = re.match(rf"——([{CJK}“”]{{4,16}})(?=[，,。；;]|$)", s)
    if not m:
        return []
    return [Candidate("principle", [m.group(1)], [m.start(1)], 0.7, note="bullet")]


def find_counts(s: str) -> list[Candidate]:
    """每五年, 三个月, 年满十八岁, 五名: a count or time limit in Chinese numerals."""
    return [Candidate("number", [m.group()], [m.start()], 0.75, note="count") for m in COUNT_RE.finditer(s)]
