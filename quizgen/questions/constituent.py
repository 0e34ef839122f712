"""A blank must be one constituent of its frame: the printing rules on where a blank may lie.

Filled in, a stem reads as its source sentence; but the blank must also be a piece a reader
can take as one, so the stem tells what kind of phrase goes in it. Three ways it does not (used
by ``quality.problems``, so also by `quizgen bank check` on hand-written questions):

* a verb before a list blank that governs only its first member: 增强____ with 经济活力、
  防范化解风险… (the other members are verb phrases of their own);
* a blank that starts after a word belonging to its first member: 深化集体____ with 产权、集体林权
  (集体 is the members' shared head), or after part of a member of the list it continues
  (…教育、“三个代表”____、____ with 重要思想学习教育活动…);
* a blank holding a subject with its predicate: 特别是____， with 高级干部要加强党性锻炼 (a noun,
  then a modal or a verb of saying), unless the blank is the whole clause.

Words and tags are jieba's (the segmentation extraction uses).
"""

from __future__ import annotations

import re

from quizgen.extract.members import closer_with, object_like, verb_phrase_list, verb_phrases, verbish
from quizgen.extract.tokens import ending_at, tokens
from quizgen.model import Question

JOINS = ("、", "和", "与", "及", "以及", "、和")
MODALS = {"要", "必须", "应当", "应该", "应", "须", "务必"}
SAYING = {"明确", "强调", "指出", "认为", "提出"}
"""Modals (before a verb) and verbs of saying that open a predicate after a noun subject (a
general class; 需要 is left out: after a noun it is mostly one, 物质文化需要)."""
SUBJECT_TAGS = ("n", "r", "j", "nr", "ns", "nt", "nz")
CLAUSE_EDGE = re.compile(r"[，,；;。：:！？!?]|^$")

VERB_LIST_MSG = "空前的动词“{verb}”只管第一项：后面几项是各带动词的并列短语，填进去读不通（应整项挖空或不考这一列举）"
LEAD_MSG = "空从列举的一项中间开始：前面的“{lead}”与空里的第一项是同一项"
HEAD_MSG = "空从第一项中间切开：“{head}”是各项共有的部分，属于第一项（如“集体产权”）"
CLAUSE_MSG = "一个空同时含主语和谓语（“{subject}{word}……”），题干看不出空里有谓语"


def _segment(text: str) -> list[str]:
    from quizgen.extract.terms import segment

    return segment(text)


def _unjoined(part: str, shortest: int) -> list[str]:
    """A list's last part as its members: 创建人民军队和武装夺取政权 -> two (和, 与, 及 as words,
    not inside 和平), when each is at least as long as the list's shortest member (不搞零和博弈 is
    one: jieba cut 零和)."""
    out, cur = [], ""
    for w in _segment(part):
        if w in JOINS:
            out.append(cur)
            cur = ""
        else:
            cur += w
    out.append(cur)
    return out if all(len(m) >= shortest for m in out) else [part]


def _groups(sentence: str, spans: list[str]) -> list[tuple[int, list[str]]]:
    """The blanks as lists: (offset, members) for each run of blanks joined only by list joins;
    a blank holding 、 is a list by itself."""
    placed = sorted((sentence.find(sp), sp) for sp in spans if sp and sentence.find(sp) >= 0)
    out: list[tuple[int, list[str]]] = []
    end = -1
    for at, sp in placed:
        parts = sp.split("、")
        shortest = min(map(len, parts[:-1]), default=3)
        last = _unjoined(parts[-1], shortest) if len(parts) > 1 else parts[-1:]  # 碳中和 is one word
        members = [m for m in [*parts[:-1], *last] if m]
        if out and sentence[end:at] in JOINS:
            out[-1][1].extend(members)
        else:
            out.append((at, members))
        end = at + len(sp)
    return out


def _parallel(members: list[str]) -> bool:
    return len({m[:1] for m in members}) == 1 or len({m[-1:] for m in members}) == 1


MEMBER_LEAD = re.compile(r"、([^、，,；;。：:！？!?的]{1,8})$")


def _member_lead(sentence: str, at: int) -> str:
    """What stands between the 、 before a list blank and the blank (、“三个代表”____、____):
    the beginning of the blank's first member, cut off from it; "" when the blank follows 、 or
    a word not in a list."""
    m = MEMBER_LEAD.search(sentence, 0, at)
    lead = m.group(1) if m else ""
    if not lead.strip("“”‘’") or lead.endswith(("和", "与", "及", "或")):
        return ""  # 、“____”: the quote opens the member; 、监督党员和____: a joiner ends the one before
    return lead


def _list_problems(sentence: str, spans: list[str]) -> list[str]:
    out: list[str] = []
    toks = tokens(sentence, _segment)
    for at, members in _groups(sentence, spans):
        if len(members) < 2:
            continue
        before = ending_at(toks, at)
        verb = before[0] if before and verbish(before[0]) else ""
        rest = members[1:]
        if (verb and object_like(members[0]) and not _parallel(members) and closer_with(verb, members[0], rest)
                and (verb_phrases(rest) or verb_phrase_list(verb + members[0], rest))):
            out.append(VERB_LIST_MSG.format(verb=verb))
        heads = [m[:n] for m in rest for n in (4, 3, 2) if len(m) > n and sentence[max(0, at - n):at] == m[:n]]
        if heads and not members[0].startswith(heads[0]):
            out.append(HEAD_MSG.format(head=heads[0]))
        elif lead := _member_lead(sentence, at):
            out.append(LEAD_MSG.format(lead=lead))
    return out


def _clause_problem(sentence: str, span: str) -> str:
    """The span holds a noun subject and the modal or verb of saying after it, and is not a
    whole clause."""
    from quizgen.extract.terms import pos_of

    at = sentence.find(span)
    if at < 0:
        return ""
    left, right = sentence[at - 1:at] if at else "", sentence[at + len(span):][:1]
    if (CLAUSE_EDGE.match(left) and CLAUSE_EDGE.match(right)) or "、" in (left, right):
        return ""  # a whole clause, or a member of a list (坚持党要管党、全面从严治党), asked as such
    words = _segment(span)
    for k, w in enumerate(words[1:-1], 1):
        if w in SAYING or (w in MODALS and pos_of(words[k + 1]).startswith(("v", "d", "a"))):
            if all(pos_of(x).startswith(SUBJECT_TAGS) or x == "的" for x in words[:k]) and pos_of(words[k - 1]) != "uj":
                return CLAUSE_MSG.format(subject="".join(words[:k]), word=w)
            return ""
    return ""


def problems(q: Question) -> list[str]:
    """What in ``q``'s blanks is not one constituent of its frame (Chinese, for bank editors)."""
    if q.type not in ("fill", "single", "multi") or not q.source.sentence:
        return []
    sentence, spans = q.source.sentence, [s for s in q.source.spans if s]
    out = _list_problems(sentence, spans)
    for sp in spans:
        if msg := _clause_problem(sentence, sp):
            out.append(msg)
            break
    return out
