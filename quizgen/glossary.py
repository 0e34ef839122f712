"""The shipped glossary of Party formulations (``data/glossary.yaml``): distractors by family,
and what ranking knows as a formulation (a span the glossary holds is one quiz writers ask).

Entries are reviewed data, not code. A group holds parallel families (四个意识, 四个自信, ...);
a member's distractors come from the other families of its group whose members have its shape
(``parallel_form``), so they are plausible but never a second correct answer; a family name's
distractors are the other family names, so a group holds names of one sort (学习教育 activities
apart from 两个维护). A family may record the year it was first stated (``year_of``: an option
newer than the document is not offered) and the verbs its name is said with (``verbs_of``:
增强 for 四个意识, 坚定 for 四个自信).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from quizgen.yamlload import SafeLoader


@lru_cache(maxsize=1)
def _groups() -> list[tuple[bool, list[dict]]]:
    """The glossary's groups (read once): whether its members stand for each other
    (``member_siblings``, true unless the group says false), and its families that have members."""
    text = resources.files("quizgen").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=SafeLoader) or {}  # libyaml when present: the glossary is read every run
    return [(group.get("member_siblings", True) is not False,
             [f for f in group.get("families", []) if f.get("members")]) for group in data.get("groups", [])]


@lru_cache(maxsize=1)
def _index() -> dict[str, list[str]]:
    idx: dict[str, list[str]] = {}
    for by_member, fams in _groups():
        for fam in fams:
            others = [f for f in fams if f is not fam]
            own = {str(m) for m in fam["members"]}
            idx.setdefault(str(fam["name"]), []).extend(str(f["name"]) for f in others)
            for m in own:
                idx.setdefault(m, []).extend(
                    str(x) for f in others if by_member for x in f["members"]
                    if str(x) not in own and parallel_form(m, str(x), _affixed(fam), _affixed(f)))
    return idx


def _affixed(fam: dict) -> bool:
    """The family's members share a first or last character (政治意识、大局意识…; 稳就业、稳金融…)."""
    ms = [str(m) for m in fam["members"]]
    return len({m[0] for m in ms}) == 1 or len({m[-1] for m in ms}) == 1


def parallel_form(a: str, b: str, a_affixed: bool = True, b_affixed: bool = True) -> bool:
    """Two members of parallel families that can stand for each other as options: of one length
    up to three characters (创新 and 富强; 去产能 and 稳就业); members of families of one form,
    of about one length and sharing their first or last character (维护核心地位 and 确立核心地位,
    思想建设 and 社会建设); members of families of no common form, of one length (爱岗敬业 and
    精益求精). Other shapes (把方向 beside 享乐主义; 爱国精神 beside 爱岗敬业) are told apart at
    a glance."""
    if len(a) == len(b) <= 3:
        return True
    if a_affixed != b_affixed:
        return False
    if not a_affixed:
        return len(a) == len(b)
    return abs(len(a) - len(b)) <= 2 and (a[0] == b[0] or a[-1] == b[-1])


def siblings(term: str) -> list[str]:
    """Formulations parallel to ``term`` but not of its own family (empty when unknown)."""
    return list(_index().get(term.strip("“”"), []))


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    out: dict[str, str] = {}
    for _by_member, fams in _groups():
        for fam in fams:
            for m in fam["members"]:
                out.setdefault(str(m), str(fam["name"]))
    return out


@lru_cache(maxsize=1)
def _all_families() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for _by_member, fams in _groups():
        for fam in fams:
            for m in fam["members"]:
                out.setdefault(str(m), set()).add(str(fam["name"]))
    return {k: frozenset(v) for k, v in out.items()}


def one_formula(members: list[str]) -> bool:
    """All ``members`` belong to one glossary family (a member may stand in several: 政治建设 of
    五位一体 and of 党的建设总体布局)."""
    sets = [_all_families().get(m.strip("“”"), frozenset()) for m in members]
    return bool(sets) and bool(frozenset.intersection(*sets))


def families_of(term: str) -> frozenset[str]:
    """The names of every glossary family ``term`` is a member of (empty when none)."""
    return _all_families().get(term.strip("“”"), frozenset())


@lru_cache(maxsize=1)
def _members_by_family() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for _by_member, fams in _groups():
        for fam in fams:
            ms = out.setdefault(str(fam["name"]), [])
            ms.extend(str(m) for m in fam["members"] if str(m) not in ms)
    return {k: tuple(v) for k, v in out.items()}


def family_siblings(term: str) -> list[str]:
    """For a member of exactly one glossary family: the other members of that family (思想建设 ->
    政治建设、组织建设、作风建设、纪律建设、制度建设), the wrong options of a one-answer question
    whatever the group's ``member_siblings`` says. Empty for a member of several families
    (政治建设 of 五位一体 and of 党的建设总体布局: which family the stem means is not known) or
    of none. Not for lists: beside a partial list, a member of its own family is a second
    correct answer."""
    term = term.strip("“”")
    fams = families_of(term)
    if len(fams) != 1:
        return []
    return [m for m in _members_by_family()[next(iter(fams))] if m != term]


def family(term: str) -> str | None:
    """The name of the glossary family ``term`` is a member of (None when unknown)."""
    return _families().get(term.strip("“”"))


@lru_cache(maxsize=1)
def known_terms() -> tuple[str, ...]:
    """Every formulation the glossary has siblings for, longest first (a sentence scan finds
    两个维护 before 维护)."""
    return tuple(sorted(_index(), key=lambda t: (-len(t), t)))


def members_of(name: str) -> tuple[str, ...]:
    """The members of the glossary family called ``name`` (四个意识 -> 政治意识、大局意识…; empty
    when no family has that name)."""
    return _members_by_family().get(name.strip("“”"), ())


@lru_cache(maxsize=1)
def _family_data() -> dict[str, tuple[int | None, tuple[str, ...]]]:
    """Each family name's first-stated year (None: before 2012, or not recorded) and the verbs
    it is said with, merged over the groups that hold it."""
    out: dict[str, tuple[int | None, tuple[str, ...]]] = {}
    for _by_member, fams in _groups():
        for fam in fams:
            name = str(fam["name"])
            year, verbs = out.get(name, (None, ()))
            if fam.get("year") is not None:
                year = int(fam["year"])
            verbs = tuple(dict.fromkeys([*verbs, *(str(v) for v in fam.get("verbs") or ())]))
            out[name] = (year, verbs)
    return out


def year_of(term: str) -> int | None:
    """The year a formulation was first stated: a family name's own, a member's the earliest of
    its families' (None when it or one of its families is not dated: older than 2012)."""
    term = term.strip("“”")
    data = _family_data()
    if term in data:
        return data[term][0]
    years = [data[f][0] for f in families_of(term)]
    if not years or None in years:
        return None
    return min(y for y in years if y is not None)


def verbs_of(name: str) -> tuple[str, ...]:
    """The verbs a family name is said with (增强 for 四个意识; empty when not recorded)."""
    return _family_data().get(name.strip("“”"), (None, ()))[1]


def is_family_name(term: str) -> bool:
    return term.strip("“”") in _family_data()


@lru_cache(maxsize=1)
def dated_names() -> tuple[tuple[str, int], ...]:
    """The dated counted names (两个确立, 2021; 四个伟大, 2017): a document that says one is not
    older. A descriptive name (劳模精神, 自我革命) may be older than the formulation of its
    members it is dated by, so it dates no document."""
    return tuple((n, y) for n, (y, _v) in _family_data().items()
                 if y is not None and n[:1] in COUNTS)


COUNTS = "一两二三四五六七八九十"
