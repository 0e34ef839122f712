"""Whether a question can be answered from its own stem: no unresolved reference, no stock phrase.

Eight rules of the quality gate (``quality.problems`` adds them):

* **the stem does not lean on what came before.** A stem that opens with a reference to an
  earlier sentence (到那时, 这, 这就要求, 其, 此, 该, 上述, 以上 — the anaphora of Chinese,
  a general class), directly or after a short lead-in (同时，这…), cannot be read alone: the
  reader does not know what 那时 or 这 is. Such a sentence is not asked (the stem stays the
  source text; prefixing the antecedent would make it two questions in one). ``这些历史深刻
  说明：`` is a lead-in to what follows and stays allowed, as in ``quality``. Words that only
  look like references are not: 其他/其余/其实/其次 (other, in fact, secondly), 此外 (besides),
  这些年/这十年 (a time span the reader knows). 该企业/该公司 is the organisation the whole
  text is about (a news article's subject), which the paper's title names.
* **the stem keeps its subject**: a stem opening on 是 (a ；-part of 是…的需要；是…的需要) has
  lost what it says something about; a cut stem opening on 强调/指出/要求 (……强调要深入学习…)
  has lost who says it, and one that is only a purpose clause (……为构建…作出更大贡献。) who
  acts.
* **a blank is not a stock phrase.** An answer made only of the commonest words of Chinese and
  with no named head (新问题, 发展水平, 有能力: ``extract.generic.stock_phrase``) can be filled
  without having read the document. Applies to fill and single choice, whose answers are spans
  the extractor chose. Nor are the answers of one question a stock formula of official writing
  (积极性、主动性、创造性: ``data/stock_formulas.yaml``, reviewed data, matched whole).
* **a blank is not where something happened**: a place, station or site name (榆林市, 靖边站,
  长庆油田: ``features.PLACE_RE``) or of an event (运动会, 会晤, 仪式: ``features.EVENT_RE``) is
  narrative detail, not what a study session tests.
* **a blank does not end on an adverb** (和平与发展仍然|是时代主题): the adverb belongs to
  what follows.
* **a blank does not stand at a cut** (总任务是____，在____……): where the cut mark …… follows
  a blank at once, what frames the blank has been cut away (a whole list of three or more
  members in the blank stays: its members say what it is).
* **an open list is not one blank**: a whole-list blank of six or more members that the source
  closes with 等 (加强甲、乙、丙、丁、戊、己等政策) cannot be recalled whole; a closed canonical
  list without 等 (the five kinds of 协商) stays.
* **a whole-list blank holds its end members whole**: where the members share a tail (根本所在、
  命脉所在) or a head (基本理论、基本路线), the blank does not stop before the last one's tail
  (命脉|所在) or start after the first one's head (基本|理论).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from quizgen.extract.features import EVENT_RE, PLACE_RE
from quizgen.extract.generic import stock_phrase
from quizgen.extract.terms import pos_of, segment
from quizgen.model import Question
from quizgen.textindex import index_of
from quizgen.textnorm import BLANK_RE, norm
from quizgen.yamlload import SafeLoader

ANAPHORA = r"到那时|从那时|那时|此后|此前|由此|这|此|其|该|上述|以上|前者|后者|它们|它"
NOT_ANAPHORA = r"该(?:企业|公司|集团|单位|厂|院|校)|以上率下|以上海|其他|其余|其实|其次|其中[^，,]*(?:包括|有)|此外|这些年|这几年|这[一二三四五六七八九十]+年"
LEAD = r"[^，,。；;：:“”（）()]{1,8}[，,：:]"
"""A short lead-in before the first clause (同时，党中央强调：): the reference may follow it."""
ANAPHOR_RE = re.compile(rf"^(?:……)?\s*(?:{LEAD})?(?!{NOT_ANAPHORA})(?:{ANAPHORA})")
LEAD_IN_RE = re.compile(r"^(?:……)?这些[^，,。；;]{0,10}(?:说明|表明|证明)[：:，,]")
COPULA_START_RE = re.compile(r"^(?:……)?\s*(?:也|更|就|正|都|还|才|又|仍|均)?是(?!否|非)")
"""A stem opening on 是 (……；是推进党的自我革命…的需要): the subject it predicates of stands in
an earlier sentence or clause."""
SUBJECT_MSG = "题干以“是”开头，说的是什么（主语）在上文，离开上文读不懂"
SPEAKER_START_RE = re.compile(r"^……\s*(?:强调|指出|要求|表示|提出)")
"""A cut stem opening on a verb of saying (……强调要深入学习…): who says it stands before the cut."""
SPEAKER_LATER_RE = re.compile(r"^……[^。！？!?]*?[，,]\s*(?:强调|指出|表示)")
"""A cut stem whose clauses run into a verb of saying (……了解…情况，看望慰问干部员工，强调以…为指导):
the one who went and said it stands before the cut as well."""
SPEAKER_MSG = "题干从句中截起，“强调”“指出”等是谁说的在截掉的上文里"
PURPOSE_ONLY_RE = re.compile(r"^……\s*为[^，,。；;]*(?:作出|做出|提供|贡献|奠定)[^，,；;]*[。…]*$")
"""A cut stem that is only a purpose clause (……为构建…作出新的更大贡献。): who acts, and how,
stands before the cut."""
PURPOSE_MSG = "题干从句中截起，只剩“为……作出贡献”一类目的状语，谁做、做什么在截掉的上文里"
ANNOUNCES_RE = re.compile(r"(?:做了|做好|抓好|抓住|把握|强调|谈|讲)(?:以下|如下|下面)(?:[一二三四五六七八九十几]+(?:个方面|点|项))?(?:工作|重点工作|几点|任务|意见)?[。：:]?$")
"""A sentence that announces what follows (按照党中央决策部署，主要做了以下工作。; 重点做好以下
工作：): a transition, not a statement; its blank is what any report says."""
ANNOUNCES_MSG = "原句只是引出下文（如“主要做了以下工作”），本身没有要学的内容"
ANAPHOR_MSG = "题干开头指代上文（如“到那时”“这”“其”“该”），离开上文不知所指"


POINTED_BLANK_RE = re.compile(rf"(?:上述|以上|这些|这一|这个)(?:{BLANK_RE.pattern})")
"""A blank right after a pointing word (提出上述____): what it blanks is what an earlier
sentence said."""


def leans_on_context(stem: str) -> bool:
    """The stem opens (maybe after a short lead-in) with a reference to an earlier sentence, or
    blanks what such a reference points at (提出上述____，综合考虑了…)."""
    s = stem.lstrip()
    return (bool(ANAPHOR_RE.match(s)) and not LEAD_IN_RE.match(s)) or bool(POINTED_BLANK_RE.search(s))


SENT_END = "。！？!?\n"
LOOK_BACK = 400
"""How far back (characters) the start of a unit's sentence is looked for."""


def sentence_opening(unit: str, doc_text: str) -> str:
    """The start of the whole sentence ``unit`` is cut from, up to the unit ('' when the unit
    begins its sentence or is not in the text). A unit cut out of 到那时，……，X。 leans on 那时
    as much as its first unit does."""
    if not unit or not doc_text:
        return ""
    k = index_of(doc_text).find(unit)
    if k <= 0:
        return ""
    j = k
    while j > max(0, k - LOOK_BACK) and doc_text[j - 1] not in SENT_END:
        j -= 1
    return doc_text[j:k].lstrip()


def cuts_shared_tail(answer: str, sentence: str) -> bool:
    """A whole-list blank whose members share a tail that the last one leaves after the blank
    (党和国家的根本所在、命脉|所在), or a head that the first one leaves before it (基本|理论、
    基本路线、基本方略): the blank is not a constituent, an end member is cut."""
    members = answer.split("、")
    if len(members) < 2:
        return False
    at = sentence.find(answer)
    if at < 0:
        return False
    tails = {m[-2:] for m in members[:-1]}
    if len(tails) == 1 and min(len(m) for m in members[:-1]) >= 3:
        tail = tails.pop()
        if not members[-1].endswith(tail) and sentence.startswith(tail, at + len(answer)):
            return True
    heads = {m[:2] for m in members[1:]}
    if len(heads) == 1 and min(len(m) for m in members[1:]) >= 3:
        head = heads.pop()
        if not members[0].startswith(head) and sentence[:at].endswith(head):
            return True
    return False


@lru_cache(maxsize=8192)
def ends_on_adverb(answer: str) -> bool:
    """和平与发展仍然: the span's last word is an adverb, which qualifies what follows the blank;
    the blank cuts its phrase."""
    words = segment(answer)
    # three words at least and none after 的: jieba tags some nouns d (的向往), and a two-word
    # list member (严格执法) is a set phrase; a one-character adverb only when it says a degree
    # (发展进程中极|不平凡): jieba tags 才 of 爱才 d too
    last = words[-1] if words else ""
    return (len(words) >= 3 and (len(last) >= 2 or last in DEGREE_ADVERBS) and pos_of(last) == "d"
            and words[-2] not in ("的", "之"))


DEGREE_ADVERBS = frozenset("极最更很太较挺")
"""The one-character adverbs of degree: a span ending on one has cut it from what it qualifies."""


CUT_AFTER_BLANK_RE = re.compile(rf"(?:{BLANK_RE.pattern})[，,、；;：:的了]?……")
OPEN_LIST_MIN = 6
"""Members from which a list closed by 等 is too long to be one blank."""


def blank_at_cut(stem: str, answers: list[str]) -> bool:
    """A blank that the cut mark …… follows at once (at most a punctuation mark or particle
    between: 总任务是____，在____……). A whole list of three or more members in that blank is
    still recognisable (统筹推进____……, the five 建设) and is not counted, unless a coverb leads
    it whose frame the cut has taken (以____…… lost its 为…)."""
    for m in CUT_AFTER_BLANK_RE.finditer(stem):
        k = len(BLANK_RE.findall(stem[:m.start()]))
        if k >= len(answers) or answers[k].count("、") < 2 or stem[:m.start()].endswith(COVERBS):
            return True
    return False


COVERBS = ("以", "把", "将", "对", "从", "在", "为", "向", "同", "与")
"""Words that open a frame closed after their object (以…为, 把…作为, 同…相结合)."""


def open_list_blank(answer: str, sentence: str) -> bool:
    """``answer`` is a whole list of ``OPEN_LIST_MIN`` or more members that the sentence closes
    with 等 (an open list: the source itself says there are more)."""
    if answer.count("、") + 1 < OPEN_LIST_MIN:
        return False
    at = sentence.find(answer)
    return at >= 0 and sentence.startswith("等", at + len(answer))


@lru_cache(maxsize=1)
def _stock_formulas() -> frozenset[frozenset[str]]:
    """The member sets of ``data/stock_formulas.yaml``."""
    text = resources.files("quizgen").joinpath("data/stock_formulas.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=SafeLoader) or {}
    return frozenset(frozenset(norm(m) for m in f["members"]) for f in data.get("formulas", []))


def stock_formula(answers: list[str]) -> bool:
    """The answers of one question are a stock formula of official writing, whole (积极性、主动性、
    创造性, as three blanks or one), or one of them is a stock formula of one member (再立新功)."""
    members = frozenset(norm(m) for a in answers for m in re.split("[、，,]", a) if m)
    formulas = _stock_formulas()
    # a formula of one member is stock in any blank (在保障国家能源安全上____: 再立新功)
    return members in formulas or any(frozenset([m]) in formulas for m in members)


def judges_stock(spans: list[str], sentence: str) -> bool:
    """A judgement asks a member of a stock formula that its sentence says whole (外部环境的
    复杂性、严峻性、不确定性上升: true or with a member swapped, it asks the stock wording)."""
    asked = {norm(sp) for sp in spans}
    text = norm(sentence)
    return any(asked & f and all(m in text for m in f) for f in _stock_formulas())


def problems(q: Question, doc_text: str = "") -> list[str]:
    """The readability problems of ``q``, in Chinese (empty when it stands alone). With
    ``doc_text``, a stem cut from the middle of a sentence is also judged by how that sentence
    opens."""
    p: list[str] = []
    opening = sentence_opening(q.source.sentence, doc_text) if q.stem.startswith("……") else ""
    if leans_on_context(q.stem) or (opening and leans_on_context(opening)):
        p.append(ANAPHOR_MSG)
    if COPULA_START_RE.match(q.stem.lstrip()):
        p.append(SUBJECT_MSG)
    if SPEAKER_START_RE.match(q.stem.lstrip()) or SPEAKER_LATER_RE.match(q.stem.lstrip()):
        p.append(SPEAKER_MSG)
    if PURPOSE_ONLY_RE.match(q.stem.strip()):
        p.append(PURPOSE_MSG)
    if ANNOUNCES_RE.search(q.source.sentence.strip()):
        p.append(ANNOUNCES_MSG)
    if q.type == "fill" and any(cuts_shared_tail(a, q.source.sentence) for a in q.answer):
        p.append("整个列举的空截掉了首项或末项与其他项共有的词头、词尾（如“基本|理论、基本路线”“根本所在、命脉|所在”）")
    if q.type in ("fill", "single") and blank_at_cut(q.stem, q.answer):
        p.append("空紧挨着截断处（……），空后面的话被截掉，看不出空里该填什么")
    if q.type == "fill" and any(open_list_blank(a, q.source.sentence) for a in q.answer):
        p.append(f"一个空里是{OPEN_LIST_MIN}项以上、原文以“等”收尾的开放列举，背不出也不必背")
    if q.type in ("fill", "single") and any(ends_on_adverb(a) for a in q.answer):
        p.append("答案以副词结尾（如“和平与发展仍然”），副词修饰的是空后面的话，空切断了句子成分")
    if q.type in ("fill", "single") and any(PLACE_RE.fullmatch(a) for a in q.answer):
        p.append("答案是地名、站名或厂矿名，属于叙述细节，不是学习要考的内容")
    if q.type in ("fill", "single") and any(EVENT_RE.search(a) for a in q.answer):
        p.append("答案是一项活动或赛事（如运动会、会晤、仪式），属于叙述细节，不是学习要考的内容")
    if q.type in ("fill", "single") and stock_formula(q.answer):
        p.append(f"答案“{'、'.join(q.answer)}”是公文套话，哪份文件都这样说，不读原文也填得出")
    elif q.type == "judge" and judges_stock(q.source.spans, q.source.sentence):
        p.append(f"判断题考的是公文套话“{'、'.join(q.source.spans)}”，哪份文件都这样说，不读原文也判断得出")
    if q.type in ("fill", "single"):
        for a in q.answer:
            if stock_phrase(a):
                p.append(f"答案“{a}”只由最常用的词组成（如“新问题”“发展水平”），不读原文也猜得出")
                break
    return p
