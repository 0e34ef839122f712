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
def _index() -> dict[str, list[str]]:
    text = resources.files("quizgen").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    idx: dict[str, list[str]] = {}
    for group in data.get("groups", []):
        fams = [f for f in group.get("families", []) if f.get("members")]
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
