"""A small but realistic question bank for the quiz tests (all four types, two documents).

Imported by the other ``test_quiz_*`` modules; the tests here only check the fixture itself.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from quizgen.bank import load_bank
from quizgen.bankio import BankFile, content_fingerprint, write_bank_file
from quizgen.model import Question, Source

S1 = "中国共产党于1921年7月在上海召开第一次全国代表大会，宣告了中国共产党的正式成立。"
S2 = "新发展理念是创新、协调、绿色、开放、共享的发展理念。"
S3 = "公司党委坚持把科技创新作为引领发展的第一动力。"
S4 = "党的二十大报告指出，教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑。"
S5 = "中国铝业集团有限公司成立于2001年，总部位于北京。"
S6 = "我们要坚持以人民为中心的发展思想。"
S7 = "中国铝业集团有限公司总部位于北京。"


def questions() -> list[Question]:
    """Seven usable questions: fill (1 blank with an alternative, 5 blanks), single, multi, judge ×2."""
    qs = [
        Question(
            "f-year",
            "fill",
            "中国共产党于____7月在上海召开第一次全国代表大会，宣告了中国共产党的正式成立。",
            ["1921年"],
            Source("seed_article", S1, ["1921年"]),
            accept=[["1921"]],
            kind="year",
            score=0.95,
        ),
        Question(
            "f-enum",
            "fill",
            "新发展理念是____、____、____、____、____的发展理念。",
            ["创新", "协调", "绿色", "开放", "共享"],
            Source("seed_article", S2, ["创新", "协调", "绿色", "开放", "共享"]),
            kind="enumeration",
            score=0.9,
        ),
        Question(
            "s-power",
            "single",
            "公司党委坚持把什么作为引领发展的第一动力？",
            ["科技创新"],
            Source("seed_article", S3, ["科技创新"]),
            options=["改革开放", "科技创新", "人才培养", "市场拓展"],
            kind="term",
            score=0.8,
        ),
        Question(
            "m-support",
            "multi",
            "党的二十大报告指出，哪些是全面建设社会主义现代化国家的基础性、战略性支撑？",
            ["教育", "科技", "人才"],
            Source("seed_article", S4, ["教育", "科技", "人才"]),
            options=["教育", "科技", "资本", "人才"],
            kind="enumeration",
            score=0.85,
        ),
        Question(
            "j-true",
            "judge",
            "我们要坚持以人民为中心的发展思想。",
            ["对"],
            Source("seed_article", S6, ["以人民为中心"]),
            kind="principle",
            score=0.6,
        ),
        Question(
            "j-false",
            "judge",
            "中国铝业集团有限公司成立于2011年，总部位于北京。",
            ["错"],
            Source("chinalco_news", S5, ["2001年"]),
            kind="year",
            score=0.7,
        ),
        Question(
            "f-hq",
            "fill",
            "中国铝业集团有限公司总部位于____。",
            ["北京"],
            Source("chinalco_news", S7, ["北京"]),
            accept=[["北京市"]],
            kind="term",
            score=0.5,
        ),
    ]
    for q in qs:
        q.fingerprint = content_fingerprint(q)
    return qs


def correct_answer(q: Question) -> str:
    """What a user who knows the answer types."""
    if q.type in ("single", "multi"):
        return "".join("ABCDEF"[q.options.index(a)] for a in q.answer)
    if q.type == "judge":
        return q.answer[0]
    return " ".join(q.answer)


def wrong_answer(q: Question) -> str:
    if q.type in ("single", "multi"):
        return next(L for i, L in enumerate("ABCDEF"[: len(q.options)]) if q.options[i] not in q.answer)
    if q.type == "judge":
        return "错" if q.answer == ["对"] else "对"
    return " ".join(["不知道道"] * len(q.answer))


def make_bank(folder: Path, qs: list[Question] | None = None, *, broken: bool = False) -> Path:
    """Write the fixture bank (one YAML file per document) into ``folder``; return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    qs = questions() if qs is None else qs
    for doc in sorted({q.source.doc for q in qs}):
        bf = BankFile(path=folder / f"{doc}.yaml", doc=doc, questions=[q for q in qs if q.source.doc == doc])
        bf.generated = [q.id for q in bf.questions]
        write_bank_file(bf)
    if broken:
        path = folder / "seed_article.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["questions"].append(
            {"id": "bad-1", "type": "single", "stem": "缺少选项的题目？", "answer": ["甲"]}
        )
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def test_fixture_bank_loads_cleanly(tmp_path):
    bank = load_bank(make_bank(tmp_path / "qb"))
    assert not bank.problems
    assert {q.type for q in bank.questions} == {"fill", "single", "multi", "judge"}
    assert len(bank.questions) == len(questions())


def test_fixture_broken_question_is_reported(tmp_path):
    bank = load_bank(make_bank(tmp_path / "qb", broken=True))
    assert bank.problems and all("bad-1" in str(p) for p in bank.problems)
    assert len(bank.questions) == len(questions())
