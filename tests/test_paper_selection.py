"""Which questions a paper or quiz takes, on a real report: sections, fresh papers, seeds,
one question per fact, --status, pinned and hand-written questions, titles in 出处.

The 19th Congress report (a copy in tests/fixtures) is extracted once; every test works on
its own copy of that bank and reads the papers back from the DOCX files written.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from quizgen.bank import load_bank
from quizgen.cli import main
from quizgen.quiz.book import WrongBook
from quizgen.quiz.run import pick
from quizgen.select import MIN_SHOWN, FactGuard, section_matches

REPORT = Path(__file__).parent / "fixtures" / "shijiuda_report.txt"
TITLE = "决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利"


def cli(*args: str):
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res


@pytest.fixture(scope="session")
def report_bank(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "question_bank"
    cli("extract", str(REPORT), "--bank", str(folder), "--title", TITLE, "-q")
    return folder


@pytest.fixture()
def bank(report_bank, tmp_path) -> Path:
    folder = tmp_path / "question_bank"
    shutil.copytree(report_bank, folder)
    return folder


def key_sources(path: Path) -> list[str]:
    """The 出处 lines of a paper's answer key, in order."""
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.startswith("出处：")]


def sentences_of(path: Path) -> list[str]:
    """The source sentence of every question of a paper (the 出处 line without its section)."""
    return [re.sub(r"^出处：(?:〔[^〕]*〕)?", "", s) for s in key_sources(path)]


def paper(bank: Path, out: Path, *args: str) -> list[str]:
    cli("paper", "--bank", str(bank), "-o", str(out), *args)
    return sentences_of(out)


def test_every_question_knows_its_section(report_bank):
    qs = load_bank(report_bank).questions
    paths = {q.source.section for q in qs}
    assert "十三、坚定不移全面从严治党，不断提高党的执政能力和领导水平 / （一）把党的政治建设摆在首位" in paths
    assert any(p.startswith("三、新时代中国特色社会主义思想和基本方略 / （一）") for p in paths)
    with_section = [q for q in qs if q.source.section]
    assert len(with_section) > 0.9 * len(qs)
    data = yaml.safe_load((report_bank / "shijiuda_report.yaml").read_text(encoding="utf-8"))
    assert data["title"] == TITLE
    assert any(item["source"].get("section", "").startswith("十三、") for item in data["questions"])


def test_section_selects_a_part_and_the_key_shows_title_and_section(bank, tmp_path):
    out = tmp_path / "十三.docx"
    cli("paper", "--bank", str(bank), "-o", str(out), "-n", "12", "--section", "第十三部分")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert f"本卷试题均出自《{TITLE}》" in text
    sources = key_sources(out)
    assert len(sources) == 12
    assert all(s.startswith("出处：〔十三、坚定不移全面从严治党") for s in sources), sources
    sub = tmp_path / "十三-二.docx"
    cli("paper", "--bank", str(bank), "-o", str(sub), "-n", "3", "--section", "十三/（二）", "--repeat-ok")
    assert all("/ （二）用新时代中国特色社会主义思想武装全党〕" in s for s in key_sources(sub))


def test_section_queries():
    path = "十三、坚定不移全面从严治党 / （二）用新时代中国特色社会主义思想武装全党"
    assert section_matches(path, "十三") and section_matches(path, "第十三部分") and section_matches(path, "十三、")
    assert section_matches(path, "（二）") and section_matches(path, "十三/（二）")
    assert section_matches(path, "从严治党") and section_matches(path, "十三/武装全党")
    assert not section_matches(path, "三") and not section_matches(path, "十三/（三）")
    assert not section_matches(path, "（二）/十三") and not section_matches("", "十三")


def recorded(bank: Path) -> list[list[str]]:
    """The question ids of every paper made, as recorded beside the bank."""
    return [p["ids"] for p in json.loads((bank / ".papers.json").read_text(encoding="utf-8"))["papers"]]


def test_two_seeds_give_different_papers_of_the_same_kind(bank, tmp_path):
    one = paper(bank, tmp_path / "1.docx", "-n", "30", "--seed", "1", "--repeat-ok")
    two = paper(bank, tmp_path / "2.docx", "-n", "30", "--seed", "2", "--repeat-ok")
    assert len(one) == len(two) == 30
    a, b = recorded(bank)
    assert len(set(a) & set(b)) <= 10, len(set(a) & set(b))
    assert len(set(one) & set(two)) <= 10  # nor a third of their sentences
    types = lambda p: [line for line in (t.text for t in docx.Document(str(p)).paragraphs) if re.match("^[一二三四]、", line)]
    assert [t[:5] for t in types(tmp_path / "1.docx")] == [t[:5] for t in types(tmp_path / "2.docx")]


def test_the_same_seed_reprints_the_same_paper(bank, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    cli("paper", "--bank", str(bank), "-o", str(a), "-n", "20", "--seed", "5")
    cli("paper", "--bank", str(bank), "-o", str(tmp_path / "other.pdf"), "-n", "20")
    cli("paper", "--bank", str(bank), "-o", str(b), "-n", "20", "--seed", "5")
    assert a.read_bytes() == b.read_bytes()


def test_a_second_paper_shares_no_question_with_the_first(bank, tmp_path):
    first = paper(bank, tmp_path / "十一月.docx", "-n", "30")
    second = paper(bank, tmp_path / "十二月.docx", "-n", "30")
    assert len(second) == 30 and not set(first) & set(second)
    again = paper(bank, tmp_path / "重复.docx", "-n", "30", "--repeat-ok")
    assert set(again) & set(first)  # asked for: the most important ones again
    history = json.loads((bank / ".papers.json").read_text(encoding="utf-8"))["papers"]
    assert [len(p["ids"]) for p in history] == [30, 30, 30]
    assert history[0]["files"] == [str(tmp_path / "十一月.docx")] and history[0]["made"]
    assert not load_bank(bank).problems  # the record is no bank file


def test_fifty_questions_never_two_on_one_fact(bank, tmp_path):
    sentences = paper(bank, tmp_path / "50.docx", "-n", "50")
    assert len(sentences) == 50 and len(set(sentences)) == 50
    qs = load_bank(bank).questions
    for seed in (1, 2, 3):
        chosen, _ = pick(qs, WrongBook(tmp_path / "book.json"), count=50, seed=seed)
        assert len(chosen) == 50
        guard = FactGuard()
        for q in chosen:
            assert not guard.clashes(q), q.stem
            guard.take(q)
        assert len({q.source.sentence for q in chosen}) == 50


def test_no_judgement_restates_a_fill_on_the_paper(bank, tmp_path):
    out = tmp_path / "p.docx"
    cli("paper", "--bank", str(bank), "-o", str(out), "-n", "50", "--seed", "3")
    chosen = [q for q in load_bank(bank).questions
              if q.id in json.loads((bank / ".papers.json").read_text(encoding="utf-8"))["papers"][0]["ids"]]
    fills = [q for q in chosen if q.type == "fill"]
    for j in (q for q in chosen if q.type == "judge"):
        for f in fills:
            # answers of fewer than MIN_SHOWN characters (复兴) stand in many stems by chance:
            # the guard does not count them, nor does this test
            shown = [a for a in f.answer if len(a) >= MIN_SHOWN]
            assert not (shown and all(a in j.stem for a in shown)), (j.stem, f.stem)


def _edit(bank: Path, change) -> None:
    path = bank / "shijiuda_report.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["questions"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


HAND_WRITTEN = {"id": "hand-1", "type": "judge", "stem": "中国特色社会主义进入新时代，我国社会主要矛盾已经转化。",
                "answer": ["对"], "source": {"doc": "shijiuda_report",
                                             "sentence": "中国特色社会主义进入新时代，我国社会主要矛盾已经转化。"}}


def test_hand_written_and_pinned_questions_are_chosen(bank, tmp_path):
    pinned = {"id": "hand-pin", "type": "fill", "stem": "本支部下次主题党日的学习主题是____。", "answer": ["从严治党"],
              "pin": True, "score": 0.0, "source": {"doc": "shijiuda_report", "sentence": "本支部下次主题党日的学习主题是从严治党。"}}
    _edit(bank, lambda qs: qs.extend([dict(HAND_WRITTEN), pinned]))
    cli("bank", "check", "--bank", str(bank))
    for n, out in enumerate(("a.docx", "b.docx", "c.docx")):
        cli("paper", "--bank", str(bank), "-o", str(tmp_path / out), "-n", "20", "--seed", str(n))
        text = "\n".join(p.text for p in docx.Document(str(tmp_path / out)).paragraphs)
        assert "本支部下次主题党日的学习主题是" in text  # pinned: on every paper, earlier ones or not
    cli("paper", "--bank", str(bank), "-o", str(tmp_path / "d.docx"), "-n", "20", "--repeat-ok")
    top = "\n".join(p.text for p in docx.Document(str(tmp_path / "d.docx")).paragraphs)
    assert "我国社会主要矛盾已经转化" in top  # no score written: weighs as the file's best


def test_status_reviewed_takes_only_reviewed_questions(bank, tmp_path):
    def review(qs):
        for item in qs[5:12]:
            item["status"] = "reviewed"
    _edit(bank, review)
    reviewed = {q.source.sentence for q in load_bank(bank).questions if q.status == "reviewed"}
    got = paper(bank, tmp_path / "r.docx", "--status", "reviewed")
    assert got and set(got) <= reviewed
    res = CliRunner().invoke(main, ["paper", "--bank", str(bank), "-o", str(tmp_path / "x.docx"), "--status", "done"])
    assert res.exit_code == 2 and "--status" in res.output


def test_title_only_for_one_input(tmp_path):
    res = CliRunner().invoke(main, ["extract", str(REPORT), str(REPORT.with_name("seed_article.txt")),
                                    "--bank", str(tmp_path / "b"),
                                    "--title", "两份"])
    assert res.exit_code == 2 and "--title" in res.output
    assert not (tmp_path / "b").exists()


def test_the_shipped_bank_never_asks_one_sentence_twice(tmp_path):
    shipped = Path(__file__).resolve().parents[1] / "question_bank"
    bank = tmp_path / "question_bank"
    shutil.copytree(shipped, bank)
    qs = load_bank(bank).questions
    for seed in (None, 1, 2):
        chosen, _ = pick(qs, WrongBook(tmp_path / "book.json"), count=50, seed=seed)
        assert len({q.source.sentence for q in chosen}) == len(chosen) >= 10
    sentences = paper(bank, tmp_path / "all.docx", "-n", str(len(chosen)))
    assert len(set(sentences)) == len(sentences) == len(chosen)
