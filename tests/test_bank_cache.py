"""quizgen.cache through `bank check` and `quiz`: a large bank file read again gives exactly what a
full read gave, an edit is seen at once, and a damaged or shared cache folder changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from bench_big_bank import make_bank

CUT = ("- id: hand-cut\n  type: fill\n  stem: 坚持中____色社会主义道路。\n  answer: [国特]\n"
       "  source: {doc: big, sentence: 坚持中国特色社会主义道路。, spans: [国特]}\n")


@pytest.fixture
def big(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(cache))
    path = make_bank(tmp_path / "bank", 4000)
    text = path.read_text(encoding="utf-8").replace("questions:\n", "questions:\n" + CUT, 1)
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 512 * 1024  # large enough to be cached
    return path, cache


def check(path: Path):
    return CliRunner().invoke(main, ["bank", "check", "--bank", str(path.parent)])


def test_second_check_reads_the_cache_and_says_the_same(big):
    path, cache = big
    first = check(path)
    assert first.exit_code == 0 and "4001 道题" in first.output
    assert f"{path}:4: 警告：题目 hand-cut：空的边界切在词中间" in first.output
    assert len(list(cache.glob("banks/*.pickle"))) == 1 and len(list(cache.glob("quality/*.pickle"))) == 1
    second = check(path)
    assert second.output == first.output and second.exit_code == 0


def test_an_edit_is_seen_at_once(big):
    path, _cache = big
    assert check(path).exit_code == 0
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  stem: 第1条：坚持____不动摇。\n", "  stem: 第1条：坚持不动摇。\n", 1), encoding="utf-8")
    r = check(path)
    assert r.exit_code == 2 and "big-fill-000001：填空题题干没有空" in r.output
    path.write_text(text.replace(CUT, ""), encoding="utf-8")
    r = check(path)
    assert r.exit_code == 0 and "hand-cut" not in r.output and "4000 道题" in r.output


def test_damaged_or_shared_cache_changes_nothing(big):
    path, cache = big
    first = check(path)
    for entry in cache.glob("*/*.pickle"):
        entry.write_bytes(b"\x80\x05garbage")
    assert check(path).output == first.output
    quiz = CliRunner().invoke(main, ["quiz", "-n", "1", "--bank", str(path.parent),
                                     "--book", str(path.parent.parent / "book.json")], input="x\n")
    assert quiz.exit_code == 0 and "得分" in quiz.output
    for entry in cache.glob("*/*.pickle"):
        entry.unlink()
    (cache / "banks").chmod(0o777)  # anyone may write there: not used (it holds pickles)
    assert check(path).output == first.output
    assert not list(cache.glob("banks/*.pickle"))


def test_each_kind_keeps_its_newest_entries_only(tmp_path, monkeypatch):
    import os

    from quizgen import cache

    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cache, "MAX_TOTAL", 2500)
    for i in range(12):
        cache.put("banks", f"k{i}", b"x" * 1000)
        entry = tmp_path / "c" / "banks" / f"k{i}.pickle"
        os.utime(entry, (1000 + i, 1000 + i))  # distinct ages whatever the clock's resolution
    assert sorted(p.stem for p in (tmp_path / "c" / "banks").glob("*.pickle")) == ["k10", "k11"]
    assert cache.get("banks", "k11") == b"x" * 1000 and cache.get("banks", "k0") is None
