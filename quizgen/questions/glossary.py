"""The shipped glossary of Party formulations (``data/glossary.yaml``): distractors by family.

Entries are reviewed data, not code. A group holds parallel families (四个意识, 四个自信, ...);
a member's distractors come from the other families of its group, so they are plausible but
never a second correct answer; a family name's distractors are the other family names.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _groups() -> list[list[dict]]:
    """The glossary's groups, each a list of its families that have members (read once)."""
    text = resources.files("quizgen").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return [[f for f in group.get("families", []) if f.get("members")] for group in data.get("groups", [])]


@lru_cache(maxsize=1)
def _index() -> dict[str, list[str]]:
    idx: dict[str, list[str]] = {}
    for fams in _groups():
        for fam in fams:
            others = [f for f in fams if f is not fam]
            own = {str(m) for m in fam["members"]}
            idx.setdefault(str(fam["name"]), []).extend(str(f["name"]) for f in others)
            for m in own:
                idx.setdefault(m, []).extend(str(x) for f in others for x in f["members"] if str(x) not in own)
    return idx


def siblings(term: str) -> list[str]:
    """Formulations parallel to ``term`` but not of its own family (empty when unknown)."""
    return list(_index().get(term.strip("“”"), []))


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    out: dict[str, str] = {}
    for fams in _groups():
        for fam in fams:
            for m in fam["members"]:
                out.setdefault(str(m), str(fam["name"]))
    return out


def family(term: str) -> str | None:
    """The name of the glossary family ``term`` is a member of (None when unknown)."""
    return _families().get(term.strip("“”"))


@lru_cache(maxsize=1)
def known_terms() -> tuple[str, ...]:
    """Every formulation the glossary has siblings for, longest first (a sentence scan finds
    两个维护 before 维护)."""
    return tuple(sorted(_index(), key=lambda t: (-len(t), t)))
