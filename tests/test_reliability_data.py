"""A person's work survives a re-extract, an extract never writes a bank its own check rejects,
and control characters never reach a terminal or a .docx (issue 12, findings 4, 5 and 7).

Everything goes through the CLI on real files: ``quizgen extract`` on a text, hand edits of the
YAML it wrote, ``quizgen extract`` again, then ``quizgen bank check``, ``paper`` and ``quiz``."""

from __future__ import annotations

import random
import re
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from quizgen.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "seed_article.txt").read_text(encoding="utf-8")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env)


def extract(text_path: Path, bank: Path):
    result = run("extract", str(text_path), "--bank", str(bank))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def extracted(tmp_path):
    """A bank made by ``quizgen extract`` of the seed article: (text file, bank folder, bank file)."""
    src = tmp_path / "seed_article.txt"
    src.write_text(SEED, encoding="utf-8")
    bank = tmp_path / "question_bank"
    assert extract(src, bank).exit_code == 0
    return src, bank, bank / "seed_article.yaml"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def ids(path: Path) -> list[str]:
    return [q["id"] for q in load(path)["questions"]]


def insert_after(text: str, marker: str, addition: str) -> str:
    assert marker in text
    return text.replace(marker, marker + addition, 1)


# ------------------------------------------------------------------- finding 4: a person's work


def test_unknown_fields_and_top_level_keys_survive_a_reextract(extracted):
    src, bank, path = extracted
    text = path.read_text(encoding="utf-8")
    first, second = ids(path)[:2]
    text = insert_after(text, f"- id: {first}\n", "  note: 审核人张三\n")
    text = insert_after(text, f"- id: {second}\n", "  review:\n    by: 李四\n    date: '2026-11-30'\n")
    text = insert_after(text, "  source:\n", "    page: 12\n")  # a field of the first source
    text = text.replace("questions:\n", "reviewer: 组织部王五\nchecked: true\nquestions:\n", 1)
    path.write_text(text, encoding="utf-8")

    result = extract(src, bank)
    assert result.exit_code == 0, result.output
    data = load(path)
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id[first]["note"] == "审核人张三"
    assert by_id[first]["source"]["page"] == 12
    assert by_id[second]["review"] == {"by": "李四", "date": "2026-11-30"}
    assert data["reviewer"] == "组织部王五" and data["checked"] is True
    # a third extract changes nothing more: the kept fields are stable
    before = path.read_bytes()
    assert extract(src, bank).exit_code == 0
    assert path.read_bytes() == before
    assert run("bank", "check", "--bank", str(bank)).exit_code == 0


def test_a_note_on_a_question_no_longer_generated_keeps_it(extracted):
    src, bank, path = extracted
    qid = ids(path)[0]
    path.write_text(insert_after(path.read_text(encoding="utf-8"), f"- id: {qid}\n", "  note: 要考\n"),
                    encoding="utf-8")
    sentence = next(q for q in load(path)["questions"] if q["id"] == qid)["source"]["sentence"]
    src.write_text(SEED.replace(sentence, ""), encoding="utf-8")  # its sentence left the document
    assert extract(src, bank).exit_code == 0
    kept = [q for q in load(path)["questions"] if q["id"] == qid]
    assert kept and kept[0]["note"] == "要考"


def test_a_comment_is_refused_with_file_and_line_and_the_file_is_unchanged(extracted):
    src, bank, path = extracted
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if ln.startswith("  stem:")) + 1
    lines.insert(at, "  # 这道题第二版要改\n")
    path.write_text("".join(lines), encoding="utf-8")
    before = path.read_bytes()

    result = extract(src, bank)
    assert result.exit_code == 2
    assert f"{path}:{at + 1}:" in result.output
    assert "注释" in result.output and "note:" in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == before


def test_a_comment_after_a_value_is_refused_but_a_hash_inside_text_is_not(extracted):
    src, bank, path = extracted
    qid = ids(path)[0]
    text = insert_after(path.read_text(encoding="utf-8"), f"- id: {qid}\n",
                        "  note: '编号 #3，见第#5条'\n  memo: |\n    # 这是正文，不是注释\n")
    path.write_text(text, encoding="utf-8")
    result = extract(src, bank)
    assert result.exit_code == 0, result.output  # '#' inside quoted and block text is text
    assert next(q for q in load(path)["questions"] if q["id"] == qid)["memo"] == "# 这是正文，不是注释\n"

    text = path.read_text(encoding="utf-8").replace("status: new\n", "status: new  # 待审\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("# 待审")].count("\n") + 1
    before = path.read_bytes()
    result = extract(src, bank)
    assert result.exit_code == 2 and f"{path}:{line}:" in result.output
    assert path.read_bytes() == before


def test_a_question_whose_id_was_changed_by_hand_survives(extracted):
    src, bank, path = extracted
    old = ids(path)
    target = old[5]
    path.write_text(path.read_text(encoding="utf-8").replace(f"- id: {target}\n", "- id: 我的第6题\n", 1),
                    encoding="utf-8")
    assert extract(src, bank).exit_code == 0
    new = ids(path)
    assert "我的第6题" in new
    assert target not in new  # not brought back beside it either: the person renamed it
    assert len(new) == len(old)
    assert run("bank", "check", "--bank", str(bank)).exit_code == 0


@pytest.mark.parametrize("text_changed", [False, True])
def test_a_renamed_bank_file_is_merged_into_not_duplicated(extracted, text_changed):
    src, bank, path = extracted
    renamed = bank / "党建与科技创新.yaml"
    path.rename(renamed)
    if text_changed:  # a corrected document: its text hash is no longer the bank file's
        src.write_text(SEED.replace("企业生存和发展的根本", "企业生存与发展的根本"), encoding="utf-8")
    result = extract(src, bank)
    assert result.exit_code == 0, result.output
    assert f"道题 -> {renamed}" in result.output  # merged into the renamed file, not skipped
    assert sorted(p.name for p in bank.glob("*.yaml")) == [renamed.name]
    check = run("bank", "check", "--bank", str(bank))
    assert check.exit_code == 0, check.output


def test_a_bank_file_holding_another_document_is_not_rewritten(extracted, tmp_path):
    _src, bank, path = extracted
    other = tmp_path / "notes.txt"
    other.write_text(SEED.replace("洛阳", "郑州"), encoding="utf-8")
    # doc: seed_article, written before bank files named their source file (with it, notes.txt
    # would be extracted as notes-2 and this file left alone)
    copied = "".join(ln for ln in path.read_text(encoding="utf-8").splitlines(keepends=True)
                     if not ln.startswith("source_file:"))
    (bank / "notes.yaml").write_text(copied, encoding="utf-8")
    path.unlink()
    before = (bank / "notes.yaml").read_bytes()
    result = extract(other, bank)
    assert result.exit_code == 2
    assert f"{bank / 'notes.yaml'}:1:" in result.output and "seed_article" in result.output
    assert (bank / "notes.yaml").read_bytes() == before


# ------------------------------------------------------- finding 5: extract passes its own check


QUIZ_PAPER = """\
党建知识测试题（2019年）
一、填空题
1．中国共产党第一次全国代表大会于____年在上海召开。
2．党的十九大报告指出，中国特色社会主义进入了（　　）。
3．科技是第一生产力、人才是第一资源、（    ）是第一动力。
二、选择题
4．坚持党对国有企业的领导是（　　），必须一以贯之。
A．重大政治原则  B．改革方向  C．____  D．____
"""


def quiz_paper_text() -> str:
    """An old quiz paper and then the seed article with blanks written into many sentences."""
    rng = random.Random(5)
    parts = re.split(r"(?<=[。；])", SEED)
    out = []
    for part in parts:
        if part and rng.random() < 0.4:
            i = rng.randrange(len(part))
            part = part[:i] + rng.choice(["____", "（　　）", "（    ）", "(  )"]) + part[i:]
        out.append(part)
    return QUIZ_PAPER + "".join(out)


def test_a_text_full_of_blanks_extracts_into_a_bank_that_passes_its_check(tmp_path):
    src = tmp_path / "old_paper.txt"
    src.write_text(quiz_paper_text(), encoding="utf-8")
    bank = tmp_path / "question_bank"
    for _ in range(2):  # and re-extracting it works
        result = extract(src, bank)
        assert result.exit_code == 0, result.output
        check = run("bank", "check", "--bank", str(bank))
        assert check.exit_code == 0, check.output
    questions = load(bank / "old_paper.yaml")["questions"]
    assert len(questions) >= 12
    for q in questions:  # no sentence holding a blank of its own is asked
        assert not re.search(r"_{2,}|（\s*）|\(\s*\)", q["source"]["sentence"])


INSERTS = ["____", "__", "（　　）", "（    ）", "(  )", "\x1b[31m", "\x07", "\x0c", "\r", "\x7f", "\x9b"]


def mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.5:
            chars[i:i] = list(rng.choice(INSERTS))
        elif op < 0.8:
            chars[i:i] = chars[i : i + rng.randint(2, 8)]  # a phrase written twice
        else:
            del chars[i : i + rng.randint(1, 4)]
    return "".join(chars)


def mutation_run(tmp_path: Path, cases: int, seed: int, reextract: bool = False) -> tuple[int, list[str]]:
    """(exit-0 extracts, failures): every exit-0 extract must pass ``bank check`` and hold no
    control character (and, with ``reextract``, extract again with exit 0). Also run with
    thousands of cases outside CI (benchmarks/fuzz_bank_data.py)."""
    rng = random.Random(seed)
    passed, failures = 0, []
    for k in range(cases):
        case = tmp_path / str(k)
        case.mkdir()
        src = case / "doc.txt"
        src.write_text(mutate(SEED, rng), encoding="utf-8")
        result = run("extract", str(src), "--bank", str(case / "qb"))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"case {k}: {result.exception!r}")
        if result.exit_code != 0:
            continue
        passed += 1
        check = run("bank", "check", "--bank", str(case / "qb"))
        if check.exit_code != 0:
            failures.append(f"case {k}: {check.output[:300]}")
        elif CONTROL.search((case / "qb" / "doc.yaml").read_text(encoding="utf-8")):
            failures.append(f"case {k}: control character in the bank")
        elif reextract and (again := run("extract", str(src), "--bank", str(case / "qb"))).exit_code != 0:
            failures.append(f"case {k}: re-extract: {again.output[:300]}")
    return passed, failures


def test_mutated_texts_extract_only_into_banks_that_pass_check(tmp_path):
    passed, failures = mutation_run(tmp_path, 50, seed=12)
    assert passed >= 40  # the mutations are small: nearly all still extract
    assert not failures, "\n".join(failures)


# ------------------------------------------------------------- finding 7: control characters


def bank_with_control(tmp_path: Path, extracted) -> tuple[Path, Path, str, int]:
    """The extracted bank with an ESC sequence in one stem (written as YAML escapes, which
    YAML allows): (bank, file, id, line of the question)."""
    _src, bank, path = extracted
    data = load(path)
    q = next(q for q in data["questions"] if q["type"] == "judge")
    text = path.read_text(encoding="utf-8")
    old = f"  stem: {q['stem']}\n"
    assert old in text
    text = text.replace(old, f'  stem: "\\e[2J\\e[31m{q["stem"]}\\a"\n', 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(f"- id: {q['id']}\n")].count("\n") + 1
    return bank, path, q["id"], line


def test_control_characters_in_a_bank_are_reported_by_check_with_file_and_line(tmp_path, extracted):
    bank, path, qid, line = bank_with_control(tmp_path, extracted)
    result = run("bank", "check", "--bank", str(bank))
    assert result.exit_code == 2
    assert f"{path}:{line}: 题目 {qid}：`stem` 含控制字符 U+001B" in result.output
    assert "\x1b" not in result.output


def test_a_raw_control_character_in_a_bank_file_names_its_line(tmp_path, extracted):
    _src, bank, path = extracted
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if ln.startswith("  stem:"))
    lines[at] = lines[at].replace("stem: ", "stem: \x1b", 1)
    path.write_text("".join(lines), encoding="utf-8")
    result = run("bank", "check", "--bank", str(bank))
    assert result.exit_code == 2
    assert f"{path}:{at + 1}:" in result.output and "U+001B" in result.output
    assert "\x1b" not in result.output


def test_a_control_character_in_the_title_is_reported_and_never_printed(tmp_path, extracted):
    _src, bank, path = extracted
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: (.*)$", lambda m: f'title: "{m.group(1)}\\e[5m"', text, count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    result = run("bank", "check", "--bank", str(bank))
    assert result.exit_code == 2 and f"{path}:5: `title` 含控制字符" in result.output


def test_control_characters_never_reach_the_docx_writer_or_the_terminal(tmp_path, extracted):
    bank, _path, qid, _line = bank_with_control(tmp_path, extracted)
    out = tmp_path / "paper.docx"
    result = run("paper", "--bank", str(bank), "-o", str(out), "--types", "judge")  # every judgement
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "判断" in body and not CONTROL.search(body)

    answers = "对\n" * 10
    quiz = run("quiz", "--bank", str(bank), "--types", "judge", "--seed", "1",
               input=answers, env={"QUIZGEN_BOOK": str(tmp_path / "book.json")})
    assert quiz.exception is None or isinstance(quiz.exception, SystemExit), quiz.exception
    assert "\x1b" not in quiz.output and "\x07" not in quiz.output
    assert qid  # the broken question was skipped (warned about), the rest were asked
    assert "已跳过" in quiz.output


def test_readers_drop_control_characters_from_documents(tmp_path):
    src = tmp_path / "esc.txt"
    src.write_text(SEED.replace("企业生存和发展", "企业\x1b[31m生存和发展", 1)
                   .replace("重大政治原则", "重大\x07政治原则", 1).replace("。", "。\x0c", 1),
                   encoding="utf-8")
    bank = tmp_path / "question_bank"
    result = extract(src, bank)
    assert result.exit_code == 0, result.output
    text = (bank / "esc.yaml").read_text(encoding="utf-8")
    assert "企业生存和发展" in text and "重大政治原则" in text  # asked, without the characters
    assert not CONTROL.search(text) and "\\e" not in text and "\\a" not in text
    assert run("bank", "check", "--bank", str(bank)).exit_code == 0
