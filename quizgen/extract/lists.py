"""Finding lists in one sentence: 、-enumerations and parallel 和-pairs, as sets of members.

The inner members of a list are exact; its first and last members are cut on word boundaries
(jieba) to fit the others: a shared ending or beginning (经济建设…生态文明建设), else the nearest
length; particles, demonstratives and list-closing predicates (有机统一, 相结合) end a member.
"""

from __future__ import annotations

import re
from itertools import pairwise

from quizgen.extract.members import joined_lists, verb_phrase_list, with_own_verb, with_shared_head
from quizgen.extract.patterns import CJK, STOP_EDGE, Candidate
from quizgen.extract.tokens import ending_at as _ending_at
from quizgen.extract.tokens import from_ as _from
from quizgen.extract.tokens import tokens as _tokens
from quizgen.extract.tokens import upto as _upto
from quizgen.extract.tokens import within as _within

ENUM_RE = re.compile(rf"[{CJK}“”]{{1,16}}(?:、[{CJK}“”]{{1,16}})+(?:(?:和|与|及|以及)[{CJK}“”]{{1,16}})?")


LIST_CLOSER = re.compile(r"有机|相结合|相统一|相协调|相适应|相促进|并举|并重|并行|齐抓|同步")
CLAUSE_END_CHARS = "，,；;。：:！？!?…”）)等"
"""What may follow a list's last member where the list ends (等 closes it too)."""
PUNCT_TOKEN = re.compile(r"[，,；;。：:、“”（）()《》]")


def _words_before(tokens, end: int) -> list[str]:
    """Candidate first items: whole words ending at ``end``, shortest first. A 的 inside an item
    (党的领导) is crossed, but no candidate starts with it; other particles end the item."""
    out, item = [], ""
    for a, b, w in reversed(_upto(tokens, end)):
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
    out, item, governed = [], "", False
    for a, b, w in _from(tokens, start):
        if a != start + len(item) or PUNCT_TOKEN.match(w) or w in ("等", "等等") or w in STOP_EDGE:
            break
        if item and LIST_CLOSER.match(w):
            break  # X、Y、Z有机统一 / A和B相结合: the list ends before its predicate
        if item and _opens_predicate(tokens, a, w):
            break  # 协调性、平衡性|不断增强: the adverb begins what is said of the list
        if len(item) + len(w) > 16:
            break
        item += w
        governed = governed or _coverb(w)
        if not governed or LIST_END.match(_rest(tokens, b)):
            out.append(item)  # 踏踏实实把|企业: a coverb's phrase ends with its verb, where the clause does
    return out


def _coverb(word: str) -> bool:
    """把, 将, 对, 向…: a preposition (coverb), which governs the words after it."""
    from quizgen.extract.terms import pos_of

    return pos_of(word) == "p"


PREDICATE_ADVERBS = {"不断", "进一步", "持续", "明显", "稳步", "大幅", "显著", "日益", "更加", "逐步",
                     "大大", "逐渐"}
"""Manner and degree adverbs that open a predicate about what precedes them (…不断增强,
…明显提升): a general class, beside every word jieba tags d/vd (an adverb)."""


def _opens_predicate(tokens, at: int, word: str) -> bool:
    """``word`` (at offset ``at``) is an adverb of two or more characters followed by a verb (not
    a verbal noun): the list's last member has ended and its predicate begins (平衡性|不断增强)."""
    from quizgen.extract.terms import pos_of

    if len(word) < 2 or not (word in PREDICATE_ADVERBS or pos_of(word) in ("d", "vd")):
        return False
    nxt = [w for a, _b, w in _from(tokens, at + len(word))[:1] if a == at + len(word)]
    return bool(nxt) and pos_of(nxt[0]).startswith("v") and pos_of(nxt[0]) != "vn"  # 率先|发展: a noun


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
    """The second item of a two-item list: whole words up to a particle or punctuation, at most
    ``limit`` characters; "" when the phrase runs on past the limit (打造世界领先洁净…公司)."""
    cands = _words_after(tokens, start)
    if not cands or len(cands[-1]) > limit:
        return ""
    return cands[-1]


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
    if "、" not in s:
        return out  # every ENUM_RE match has one
    tokens = None
    for m in ENUM_RE.finditer(s):
        if tokens is None:
            tokens = _tokens(s, segment)
        all_seps = [m.start() + i for i, ch in enumerate(m.group()) if ch == "、"]
        for seps in (g for group in _separator_groups(s, all_seps) for g in joined_lists(s, group, tokens)):
            c = _enumeration_at(s, seps, tokens)
            if c:
                out.append(c)
    return out


LEAD_VERBS = {"贯彻落实", "贯彻", "落实", "补齐", "加快", "推进", "推动", "加强", "实施", "开展", "深化", "完善",
              "健全", "建立", "建设", "发展", "坚持", "增强", "提高", "促进", "支持", "鼓励", "引导", "培育",
              "稳定", "巩固", "扩大", "强化", "优化", "提升"}
"""Verbs that govern a whole list after them (加强|国防教育、国防动员…; 稳定|畜牧业、渔业生产能力:
稳定 is tagged an adjective, and governs here)."""


def _verb_led(member: str) -> bool:
    from quizgen.extract.terms import pos_of, segment

    # a one-character "verb" is mostly jieba cutting a word (适|老化设施建设), not a verb phrase
    return bool(member) and len(w := segment(member)[0]) >= 2 and pos_of(w).startswith("v")


def _lead_run(words: list[str]) -> int:
    """How many leading words of a first member are the verb governing the list (加强; 扎实做好,
    认真落实: a manner word and a verb), 0 when it does not start with one; a word is left."""
    from quizgen.extract.terms import pos_of

    k = 0
    while (k < len(words) - 1 and len(words[k]) >= 2 and words[k] not in LEAD_VERBS
           and pos_of(words[k]).startswith(("a", "d"))):
        k += 1  # 扎实, 认真: how it is done
    j = k
    while j < len(words) - 1 and (words[j] in LEAD_VERBS or (len(words[j]) >= 2 and pos_of(words[j]) == "v")):
        j += 1
    return j if j > k else 0


def _without_leading_verb(first: str, rest: list[str], tokens, end: int) -> str:
    """补齐儿科、老年医学…, 扎实做好流感、结核病…: the verb that governs the whole list is not part
    of its first member (unless every member starts with a verb: 坚持真理、坚守理想, or a verb
    stands before the list already: 深化收入分配、社会保障…)."""
    from quizgen.extract.terms import pos_of

    words = _within(tokens, end - len(first), end)
    if len(words) < 2 or "".join(words) != first:
        return first
    before = _ending_at(tokens, end - len(first))
    if before and pos_of(before[0]).startswith(("m", "q")):
        return first  # 一批|创新基地、优势团队: after a count, 创新 modifies its noun
    # 深化|收入分配、社会保障: the list has its verb already, and 收入 is a noun here; but a verb of
    # the lead-verb kind after a verb is a chain (加快|补齐儿科…), and is cut below
    if (words[0] not in LEAD_VERBS and before
            and (before[0] in LEAD_VERBS or (len(before[0]) >= 2 and pos_of(before[0]) == "v"))):
        return first
    run = _lead_run(words)
    if not run:
        return first
    if all(r.startswith(tuple(LEAD_VERBS)) or _verb_led(r) for r in rest):
        return first  # 补齐短板、拉长长板、锻造新板: every member is a verb phrase
    if verb_phrase_list(first, rest):
        return first  # 遵循规律、广聚共识、于法有据: no other member is an object of 遵循
    stripped = first[len("".join(words[:run])):]
    shared = _common_suffix(rest) if len(rest) >= 2 else ""
    return first if shared and len(stripped) <= len(shared) else stripped  # 看病|方便、上学方便


def _with_shared_preposition(first: str, inner: list[str], tokens, end: int) -> str:
    """对党忠诚、为党分忧、为党尽职: where every inner member starts with a one-character
    preposition, the first member keeps its own (a preposition otherwise ends a member)."""
    if not inner or not first or not all(len(i) >= 3 and i[0] in PREPOSITIONS for i in inner):
        return first
    before = _ending_at(tokens, end - len(first))
    if before and len(before[0]) == 1 and before[0] in PREPOSITIONS:
        return before[0] + first
    return first


def _to_closing_deng(last: str, inner: list[str], tokens, start: int, longest: int = 0) -> str:
    """东部地区加快推进现代化等战略: a list closed by 等 ends at 等, so its last member runs there
    when that stays near the others' length (the length rule would cut 东部地区加快|推进现代化),
    or within ``longest`` characters."""
    if not last or not inner:
        return last
    run = ""
    for a, b, w in _from(tokens, start):
        if a != start + len(run):
            return last
        if w in ("等", "等等"):
            break
        if PUNCT_TOKEN.match(w) or w in STOP_EDGE or (run and LIST_CLOSER.match(w)):
            return last
        run += w
    else:
        return last
    if run.startswith(last) and len(last) < len(run) <= min(16, max(longest, 1.5 * max(map(len, inner)))):
        return run
    return last


JOINED_TO_DENG = 8
"""Characters a list's member after 和/与/及 may run to a closing 等 (综合运输体系), whatever the
other members' length: the joiner and 等 bound it on both sides."""
PREPOSITIONS = set("对为向以同与给替")
CROSSABLE_STOPS = STOP_EDGE - set("的了和与及等是也都并而且或")
"""Stop characters that may stand inside a member (其 in 人尽其才, 以 in 持之以恒); the joiners,
的, 等 and the copula always end one."""
LIST_END = re.compile(r"[的等，,；;。：:！？!?）)”]|$")


def _across_inner_stop(last: str, inner: list[str], tokens, start: int) -> str:
    """人人尽展其才的…: a stop character (其) inside the last member is crossed when the member
    then ends where the list ends (before 的, 等 or punctuation) and is as long as the others
    (within one character of their median, no longer than the longest)."""
    if not last or not inner:
        return last
    run = ""
    for a, b, w in _from(tokens, start):
        if a != start + len(run) or PUNCT_TOKEN.match(w) or w in ("的", "等", "等等"):
            break
        if w in STOP_EDGE and w not in CROSSABLE_STOPS:
            return last
        run += w
        if len(run) > max(map(len, inner)):
            return last
    if not (run.startswith(last) and len(run) > len(last)) or not LIST_END.match(_rest(tokens, start + len(run))):
        return last
    if not any(w in CROSSABLE_STOPS for a, b, w in _from(tokens, start + len(last)) if a < start + len(run)):
        return last  # nothing was crossed: the length rule's own choice stands
    lengths = sorted(map(len, inner))
    return run if abs(len(run) - lengths[(len(lengths) - 1) // 2]) <= 1 else last


def _last_word(tokens, start: int, text: str) -> str:
    words = _within(tokens, start, start + len(text))
    return words[-1] if words and "".join(words) == text else ""


def _without_closing_verb(last: str, others: list[str], tokens, start: int) -> str:
    """，保护主义、单边主义|上升，: in a list that opens its clause (its subject), where every other
    member ends on a noun and the last one ends on a verb that closes the clause, the verb is the
    list's predicate, not part of the member (参与…、标准制定 is an object and keeps its verb)."""
    from quizgen.extract.terms import pos_of

    words = _within(tokens, start, start + len(last))
    if len(words) < 2 or "".join(words) != last or pos_of(words[-1]) != "v" or not pos_of(words[-2]).startswith("n"):
        return last
    if not PUNCT_TOKEN.match(_rest(tokens, start + len(last)) or "。"):
        return last
    ends = [_last_word(tokens, _start_of(tokens, o, start), o) for o in others]
    if not all(e and pos_of(e).startswith("n") for e in ends):
        return last
    return last[:-len(words[-1])]


def _with_own_object(last: str, others: list[str], tokens, start: int) -> str:
    """扩大内需、优化结构、提振信心、防范化解|风险，: where every other member ends on a noun (a verb
    and its object) and the last is verbs only, the noun that follows it and closes the clause is
    its object, not a head the members share."""
    from quizgen.extract.terms import pos_of

    words = _within(tokens, start, start + len(last))
    if not words or "".join(words) != last or not all(pos_of(w) == "v" for w in words):
        return last
    nxt = [w for a, _b, w in _from(tokens, start + len(last))[:1] if a == start + len(last)]
    if not nxt or not pos_of(nxt[0]).startswith("n") or len(nxt[0]) < 2:
        return last
    if not PUNCT_TOKEN.match(_rest(tokens, start + len(last) + len(nxt[0])) or "。"):
        return last
    ends = [_last_word(tokens, _start_of(tokens, o, start), o) for o in others]
    if len(others) < 2 or not all(e and pos_of(e).startswith("n") for e in ends):
        return last
    grown = last + nxt[0]
    return grown if len(grown) <= max(map(len, others)) + 2 else last


def _start_of(tokens, member: str, before: int) -> int:
    """Offset of the nearest token run spelling ``member`` that ends at or before ``before``."""
    text = "".join(w for _a, _b, w in tokens)
    return text.rfind(member, 0, before)


def _rest(tokens, at: int) -> str:
    return "".join(w for _a, _b, w in _from(tokens, at))[:1]


def _de_phrases(inner: list[str]) -> bool:
    """Every inner member is a phrase with 的 inside it (识才的慧眼, 爱才的诚意)."""
    return bool(inner) and all("的" in i[1:-1] for i in inner)


def _with_own_modifier(s: str, last: str, inner: list[str], start: int) -> str:
    """识才的慧眼、爱才的诚意、…、聚才|的良方: where every inner member is a phrase with 的 inside
    it, the last one is too, so it runs on through its 的 to the end of the list (as long as
    the others); a 的 after the list otherwise ends it (…、…的要求)."""
    if not last or "的" in last or not _de_phrases(inner):
        return last
    tail = re.match(r"的[^、，,；;。：:！？!?的]{1,8}", s[start + len(last):])
    if tail and len(last) + len(tail.group()) <= max(map(len, inner)):
        return last + tail.group()
    return last


def _with_own_lead(s: str, first: str, inner: list[str], end: int) -> str:
    """谋事的|韧劲、干事的闯劲、成事的狠劲: the first member of such a list begins with its own
    X的, as long as the inner members' (拿出 before it stays out)."""
    if not first or "的" in first or not _de_phrases(inner):
        return first
    leads = {i.index("的") + 1 for i in inner}
    if len(leads) != 1:
        return first
    lead = s[max(0, end - len(first) - leads.pop()):end - len(first)]
    if lead.endswith("的") and re.fullmatch(rf"[{CJK}]+", lead[:-1]) and "的" not in lead[:-1]:
        return lead + first
    return first


def _adverbial_last(first: str, last: str, tokens, start: int) -> bool:
    """加大…支持力度、适当|向困难地区倾斜: the word after 、 is a manner word (适当, 积极) of the
    verb phrase that follows it, which the 、 joins to the one before; a noun before the 、 is
    no member of a list with it (积极、稳妥推进: two manner words are one). A descriptive word
    (踏踏实实, tagged z) before a coverb or verb is such a manner word whatever stands before it."""
    from quizgen.extract.terms import pos_of

    words = _within(tokens, start, start + len(last))
    before = _within(tokens, start - 1 - len(first), start - 1)
    nxt = [w for _a, _b, w in _from(tokens, start + len(last))[:1]]
    if len(words) != 1 or not nxt or not (nxt[0] in PREPOSITIONS or pos_of(nxt[0]) in ("p", "v")):
        return False
    if pos_of(words[0]) == "z":
        return True  # 踏踏实实|把企业办好: a descriptive word is the manner of the verb after it
    return pos_of(words[0]) in ("a", "ad", "d") and bool(before) and pos_of(before[-1]).startswith("n")


def _trimmed_to_shared_head(first: str, rest: list[str], tokens, end: int) -> str:
    """践行好大|农业观、大食物观: where jieba joins the word before a list to its first member's
    head (好大), the first member starts at the head the others share, when it then has the
    length of one of them (and, beside one other member, its tail too)."""
    head = _common_prefix(rest) if len(rest) >= 2 else rest[0][:1]
    if not head or not first or first.startswith(head):
        return first
    start = end - len(first)
    spans = [(a, b) for a, b, _w in _within_spans(tokens, start, end)]
    for k in range(1, len(first) - 1):
        cut = first[k:]
        straddles = any(a < start + k < b for a, b in spans)
        if (straddles and cut.startswith(head) and len(cut) in {len(r) for r in rest}
                and (len(rest) >= 2 or cut[-1] == rest[0][-1])):
            return cut
    return first


def _with_parallel_head(s: str, first: str, rest: list[str], end: int) -> str:
    """多|主体供给、多渠道保障、租购并举: the character before the first member that the next
    member also opens with is the first member's own (多主体供给), when the first member is then
    no longer than the longest other."""
    at = end - len(first)
    if at <= 0 or not rest or not rest[0]:
        return first
    ch = s[at - 1]
    if (re.fullmatch(rf"[{CJK}]", ch) and rest[0].startswith(ch) and not first.startswith(ch)
            and len(first) + 1 <= max(map(len, rest))):
        return ch + first
    return first


def _to_clause_noun(extra: str, items: list[str], tokens, start: int) -> str:
    """创新基地、优势团队和重点|方向，: a member after the joiner, shorter than every other, that
    stops one noun before its clause ends takes that noun (its head); a member is whole. (Not 接纳、
    配置和调控|能力: as long as the others, the noun is their shared head.)"""
    from quizgen.extract.terms import pos_of

    if not extra or len(extra) >= min(map(len, items)):
        return extra
    nxt = [w for _a, _b, w in _from(tokens, start + len(extra))[:2]]
    if len(nxt) == 2 and PUNCT_TOKEN.match(nxt[1]) and pos_of(nxt[0]) == "n" and len(nxt[0]) >= 2:
        return extra + nxt[0]
    return extra


def _within_spans(tokens, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(a, b, w) for a, b, w in tokens if a < end and b > start]


def _from_coverb(first: str, rest: list[str], tokens, end: int) -> str:
    """向边远|贫困地区、边疆民族地区、革命老区: where nouns alone stand between a coverb (向, 对, 在)
    and the first member, they are its own modifier (the coverb governs the whole list), when the
    member then is no longer than the longest of the others."""
    from quizgen.extract.terms import pos_of

    start, lead = end - len(first), ""
    for _a, _b, w in reversed(_upto(tokens, start)):
        if _b != start - len(lead):
            return first
        tag = pos_of(w)
        if tag == "p" and lead:
            grown = lead + first
            return grown if len(grown) <= max(map(len, rest)) else first
        if not tag.startswith("n") or PUNCT_TOKEN.match(w) or w in STOP_EDGE:
            return first
        lead = w + lead
    return first


def _enumeration_at(s: str, seps: list[int], tokens) -> Candidate | None:
    inner = [s[a + 1:b] for a, b in pairwise(seps)]
    firsts = _words_before(tokens, seps[0])  # the candidates for the first member (not changed below)
    if inner:
        last = _choose(_words_after(tokens, seps[-1] + 1), inner, at_end=True)
        first = _choose(firsts, inner + [last], at_end=False)
    else:  # two items: the second runs to its natural end; the first matches its length
        last = _natural_end(tokens, seps[-1] + 1)
        if not last or not firsts:
            return None
        first = min(firsts, key=lambda c: (abs(len(c) - len(last)), -len(c)))
    if inner and all(i.endswith("的") for i in inner) and s.startswith("的", seps[-1] + 1 + len(last)):
        last += "的"  # 全面的、系统的、整体的
    others = inner or [first]
    if (s.startswith("的", seps[-1] + 1 + len(last)) and len(last) >= 3
            and all(len(o) == len(last) - 1 for o in others) and last[-2] == others[0][-1]):
        last = last[:-1]  # 学习好、贯彻好党的…: the 党 begins the noun phrase after the list
    first = with_shared_head(first, firsts, [*inner, last])
    first = with_own_verb(first, [*inner, last], tokens, seps[0])
    first = _without_leading_verb(first, [*inner, last], tokens, seps[0])
    first = _with_shared_preposition(first, inner, tokens, seps[0])
    first = _trimmed_to_shared_head(first, [*inner, last], tokens, seps[0])
    last = _to_closing_deng(last, inner, tokens, seps[-1] + 1, longest=2 * max(map(len, inner), default=0))
    opens = seps[0] - len(first)
    if opens == 0 or PUNCT_TOKEN.match(s[opens - 1]):  # the list is its clause's subject
        last = _without_closing_verb(last, inner or [first], tokens, seps[-1] + 1)
    last = _with_own_object(last, [first, *inner], tokens, seps[-1] + 1)
    last = _across_inner_stop(last, inner, tokens, seps[-1] + 1)
    last = _with_own_modifier(s, last, inner, seps[-1] + 1)
    first = _with_own_lead(s, first, inner, seps[0])
    if _adverbial_last(first, last, tokens, seps[-1] + 1):
        return None
    if inner and s.endswith("为", 0, seps[0] - len(first)) and any("为" in i for i in inner):
        return None  # 以企业为|主体、市场为导向、…: parallel X为Y frames, the first cut at its 为
    first = _with_parallel_head(s, first, inner or [last], seps[0])
    items = [first, *inner, last]
    after = seps[-1] + 1 + len(last)
    if s.startswith(("和", "与", "及"), after) and not s.startswith(("和谐", "与时"), after):
        extra = _choose(_words_after(tokens, after + 1), items, at_end=True)
        # 电力、油气、铁路和综合运输体系等改革: the member after the joiner runs to the 等 closing the list
        extra = _to_closing_deng(extra, items, tokens, after + 1, longest=JOINED_TO_DENG)
        extra = _to_clause_noun(extra, items, tokens, after + 1)
        # …不愁穿和义务教育、基本医疗: a member followed by 、 in its clause begins a list of its own
        # 科研项目和经费|管理制度改革: a short member running on into a noun may be a modifier the
        # last member shares ([科研项目和经费]管理), not a member of its own
        runs_on = not s.startswith(tuple(CLAUSE_END_CHARS), after + 1 + len(extra))
        if (extra and abs(len(extra) - len(last)) <= 3 and "、" not in re.split("[，,；;。：:]", s[after + 1:])[0]
                and not (runs_on and len(extra) < min(map(len, items)) - 1)):
            items.append(extra)
    # (after the members' lengths chose the last ones: a grown first member is longer than its cut)
    items[0] = _from_coverb(items[0], items[1:], tokens, seps[0])
    items = [i.strip("“”") for i in items]
    if len(items) < 2 or any(len(i) < 1 or len(i) > 16 or not re.fullmatch(rf"[{CJK}“”]+", i) for i in items):
        return None  # members are words; figures in a list are a list of achievements
    if len(items) == 2 and max(map(len, items)) > 1.8 * min(map(len, items)):
        return None  # 党中央、国务院决策部署: a shared head, not two parallel members
    if len(items) == 2 and (len(items[0]) < 2 or len(items[1]) < 2):
        return None
    offsets, pos = [], seps[0] - len(items[0])
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
        if not any(t[0] == m.start() and t[2] == m.group() for t in _from(tokens, m.start())[:1]):
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
