"""An extraction runs with the cyclic collector paused, and leaves the collector as it was."""

from __future__ import annotations

import gc

import pytest

from quizgen.gcpolicy import paused_gc


def test_paused_during_and_restored_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_left_disabled_when_it_was():
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_extraction_pauses_the_collector(monkeypatch):
    from quizgen import pipeline, questions
    from quizgen.model import Document

    seen = []
    monkeypatch.setattr(questions, "generate", lambda facts, name, doc_text=None: seen.append(gc.isenabled()) or [])
    pipeline.questions_for(Document(name="d", title="t", blocks=[]))
    assert seen == [False] and gc.isenabled()
