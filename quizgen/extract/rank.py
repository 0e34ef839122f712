"""How likely a quiz writer is to ask a sentence, and to blank a span in it: the fitted weights.

Two logistic models, one per decision (``features.py`` says what each sees): the worth of a
sentence, and the worth of a span given its sentence. A fact's score is their product, the
probability that a writer tests that span there. The weights are data, fitted from quiz writers'
choices by ``tools/fit_rank.py`` and shipped in ``quizgen/data/rank_weights.json``; nothing
else in quizgen decides what is asked first. ``use_weights`` lets the fitting script try
weights without writing the file.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from itertools import repeat
from operator import mul

_override: dict | None = None


@lru_cache(maxsize=1)
def _shipped() -> dict:
    text = resources.files("quizgen").joinpath("data/rank_weights.json").read_text(encoding="utf-8")
    return json.loads(text)


def weights() -> dict:
    return _override if _override is not None else _shipped()


def use_weights(w: dict | None) -> None:
    """Score with ``w`` (the shape of rank_weights.json) until called again; None: the shipped file."""
    global _override
    _override = w


def probability(model: str, features: dict[str, float]) -> float:
    w = weights()[model]
    # the same products summed in the same order as sum(w.get(k, 0.0) * v ...), without a Python
    # frame per feature (this runs for every sentence and candidate of a document)
    z = sum(map(mul, map(w.get, features, repeat(0.0)), features.values()))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
