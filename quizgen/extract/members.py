"""What kind of phrase a list member is, and where a list's first member begins.

A list is one constituent of its sentence only when its members are of one kind: noun phrases
(the objects of a verb before the list: 加强|政治建设、思想建设) or verb phrases (each with its
own verb: 增强经济活力、防范化解风险; the first member then holds its verb). Used by the list
finder (``lists``) to cut the first member and by the printing check
(``questions.constituent``) on questions written by hand.

A member's kind is read from the jieba tag of its first word: a verb (v, not the verbal noun
vn) or an adjective used as one (丰富工具箱) leads a verb phrase; a noun, a verbal noun, an
abbreviation, an idiom or a set phrase (实事求是, 义务教育) can stand as an object.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from quizgen.extract.tokens import ending_at, within

LEAD_VERBS = ("增强", "加强", "推进", "推动", "深化", "完善", "健全", "坚持", "提高", "促进", "落实", "实施")
"""Verbs that close a fused adverb-verb word jieba keeps as one (切实增强, 大力推进): such a
word governs like its verb."""
OBJECT_TAGS = ("n", "vn", "j", "b", "t", "m", "f", "r", "i", "l", "nz", "s")
"""Tags of a first word that can begin an object of a verb."""


@lru_cache(maxsize=65536)  # a member recurs in every list it is tried in
def _first_word(member: str) -> str:
    from quizgen.extract.terms import segment

    words = segment(member) if member else []
    return words[0] if words else ""


def verbish(word: str) -> bool:
    """``word`` governs what follows: a verb of two or more characters (not a verbal noun), or a
    fused adverb-verb word ending on a verb that leads a list (切实增强)."""
    from quizgen.extract.terms import pos_of

    if len(word) < 2:
        return False
    tag = pos_of(word)
    if tag.startswith("v") and tag != "vn":
        return True
    return len(word) >= 4 and word.endswith(LEAD_VERBS)


@lru_cache(maxsize=65536)  # a member recurs in every list it is tried in
def verb_led(member: str) -> bool:
    """The member is a verb phrase of its own: its first word is a verb of two or more
    characters (防范化解风险, 改善社会预期), not a verbal noun (建设) nor a one-character word
    (jieba cutting an unknown word); 不 before the verb counts with it."""
    from quizgen.extract.terms import pos_of, segment

    words = segment(member) if member else []
    if len(words) >= 3 and words[0] == "不":  # 不搞零和博弈: a negated verb, of one character too
        return pos_of(words[1]).startswith("v") and pos_of(words[1]) != "vn"
    w = words[0] if words else ""
    return len(w) >= 2 and len(w) < len(member) and pos_of(w).startswith("v") and pos_of(w) != "vn"


@lru_cache(maxsize=65536)  # a member recurs in every list it is tried in
def object_like(member: str) -> bool:
    """The member can stand as a verb's object: its first word is a noun, a verbal noun, an
    idiom or the like (``OBJECT_TAGS``)."""
    from quizgen.extract.terms import pos_of

    w = _first_word(member)
    return bool(w) and pos_of(w).startswith(OBJECT_TAGS) and not verb_led(member)


@lru_cache(maxsize=65536)  # a member recurs in every list it is tried in
def not_an_object(member: str) -> bool:
    """The member cannot be a verb's object: its first word is a verb, an adjective, an adverb,
    a preposition or unknown to jieba (广聚共识, 于法有据, 丰富工具箱), of two or more characters."""
    w = _first_word(member)
    # a one-character first word is mostly jieba cutting an unknown word (适|老化设施建设): no sign
    return verb_led(member) or (len(w) >= 2 and not object_like(member))


def _shared_tail(members: list[str]) -> bool:
    """特殊教育、继续教育; 不敢腐、不能腐: members ending alike are parallel words of one kind."""
    return len({m[-1:] for m in members}) == 1


def verb_phrase_list(first: str, rest: list[str]) -> bool:
    """``first`` (with its verb) and ``rest`` are parallel verb phrases: none of the rest can be
    an object, and the members are of one length give or take a character (增强前瞻性、
    丰富工具箱; 遵循规律、广聚共识、于法有据), so the verb before the list belongs to the first."""
    if not rest or len(first) < 4 or _shared_tail([first, *rest]):
        return False
    return all(not_an_object(r) and abs(len(r) - len(first)) <= 1 for r in rest)


def with_shared_head(first: str, candidates: list[str], others: list[str]) -> str:
    """集体产权、集体林权: where a longer candidate for the first member adds a word of two or
    more characters that another member begins with, the first member keeps it (the word is
    the members' shared head, not something said of the whole list)."""
    for c in candidates:
        if len(c) <= len(first) or not c.endswith(first):
            continue
        head = c[:len(c) - len(first)]
        if len(head) >= 2 and any(o.startswith(head) and len(o) > len(head) for o in others):
            return c
    return first


def verb_phrases(members: list[str]) -> bool:
    """Every one of ``members`` is a phrase with its own verb, none an object: each is led by a
    verb, an adjective used as one or a word jieba does not know, and one at least by a verb."""
    return bool(members) and all(not_an_object(m) for m in members) and any(verb_led(m) for m in members)


def closer_with(verb: str, first: str, rest: list[str]) -> bool:
    """With ``verb`` the first member is as near the others' length as without it, or nearer
    (增强前瞻性 beside 丰富工具箱; not 独立|领导革命战争 beside 创建人民军队: that one is already
    their length, and the word before governs or qualifies them all)."""
    lengths = sorted(map(len, rest))
    target = lengths[(len(lengths) - 1) // 2]
    return abs(len(verb) + len(first) - target) <= abs(len(first) - target)


def with_own_verb(first: str, rest: list[str], tokens, end: int) -> str:
    """切实加强|基层基础、健全工作机制、提升服务能力: where every other member is a verb phrase and
    the first can only be an object, the verb right before the list is the first member's own
    (it governs 基层基础 only): the first member takes it. Not for members ending alike
    (办好特殊教育、继续教育: 继续 is no verb there)."""
    if not first or not object_like(first) or not verb_phrases(rest) or _shared_tail([first, *rest]):
        return first
    before = ending_at(tokens, end - len(first))
    if before and verbish(before[0]) and len(before[0]) + len(first) <= 16 and closer_with(before[0], first, rest):
        return before[0] + first
    return first


JOINERS = ("和", "与", "及", "以及")


def _same_form(a: str, b: str) -> bool:
    return bool(a and b) and (a[:2] == b[:2] or a[-1] == b[-1])


def joined_lists(s: str, seps: list[int], tokens) -> list[list[int]]:
    """不愁吃、不愁穿和义务教育、基本医疗、住房安全: the 、 offsets of one run, as the lists they
    separate. One inner part holding a joiner (和, 与, 及 as a word) ends one list and begins
    another when its left half has the form of the member before it (不愁穿, 不愁吃) and its right
    half does not (义务教育); a single 、 is then a two-member list. A run with several such parts
    is a list of pairs (外部安全和内部安全、国土安全和国民安全), and one like 推进方式和时间表 is a
    member with its own joiner: both stay one list."""
    split = [i for i, (a, b) in enumerate(pairwise(seps)) if any(w in JOINERS for w in within(tokens, a + 1, b))]
    if len(split) != 1:
        return [seps]
    i = split[0]
    a, b = seps[i], seps[i + 1]
    words = within(tokens, a + 1, b)
    j = next(k for k, w in enumerate(words) if w in JOINERS)
    left, right = "".join(words[:j]), "".join(words[j + 1:])
    prev = s[seps[i - 1] + 1:a] if i else s[:a]
    if not (_same_form(left, prev[-len(left):] if left else "") and not _same_form(right, prev[-len(right):])):
        return [seps]
    return [seps[:i + 1], seps[i + 1:]]
