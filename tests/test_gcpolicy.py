"""An extraction collects garbage less often while it runs, and leaves the collector as it was."""

from __future__ import annotations

import gc

import pytest

from quizgen.gcpolicy import EXTRACT_THRESHOLDS, few_collections


def test_thresholds_during_and_after_even_on_error():
    before = gc.get_threshold()
    with pytest.raises(ValueError), few_collections():
        assert gc.get_threshold() == EXTRACT_THRESHOLDS
        raise ValueError
    assert gc.get_threshold() == before
