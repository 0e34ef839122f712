"""Shared fixtures: the seed article, read and extracted once per test session.

The session-scoped objects are shared by many tests: never mutate them; ``copy.deepcopy`` first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED_ARTICLE = FIXTURES / "seed_article.txt"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the seed article (a copy of the shared corpus file, kept with the tests)."""
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def seed_doc(seed_path):
    from quizgen.readers import read_path

    return read_path(str(seed_path))


@pytest.fixture(scope="session")
def seed_facts(seed_doc):
    from quizgen.extract import extract_facts

    return extract_facts(seed_doc)


@pytest.fixture(scope="session")
def seed_questions(seed_doc, seed_facts):
    """Every question generated from the seed article, in generated order (do not mutate), as
    the extract job makes them (the document text sets the wrong-option checks and the count)."""
    from quizgen.questions import generate

    return generate(seed_facts, seed_doc.name, doc_text=seed_doc.text)


@pytest.fixture(autouse=True, scope="session")
def _private_cache_folder(tmp_path_factory):
    """quizgen.cache writes into a folder of this test session, never the user's ~/.cache
    (set in the environment, so CLI subprocesses use it too)."""
    import os

    folder = tmp_path_factory.mktemp("quizgen-cache")
    old = os.environ.get("QUIZGEN_CACHE_DIR")
    os.environ["QUIZGEN_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("QUIZGEN_CACHE_DIR", None)
    else:
        os.environ["QUIZGEN_CACHE_DIR"] = old
