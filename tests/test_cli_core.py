"""The command line on the core pipeline: extract, export, bank check, help texts, input errors,
and re-extracting a bank a person has edited.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from quizgen.bankio import read_bank_file
from quizgen.cli import main

EXPORT_KEYS = {"id", "type", "stem", "options", "answer", "source"}
OPTIONAL_EXPORT_KEYS = {"accept"}  # fill only: further accepted answers per blank


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def extract(bank: Path, *inputs) -> None:
    result = run("extract", "-q", "--bank", str(bank), *map(str, inputs))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def export(bank: Path, *args: str) -> list[dict]:
    result = run("export", "--bank", str(bank), *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def clean_bank(tmp_path_factory, seed_path) -> Path:
    """A bank extracted from the seed article once; copy it before changing anything."""
    bank = tmp_path_factory.mktemp("clean") / "question_bank"
    extract(bank, seed_path)
    return bank


@pytest.fixture
def bank(clean_bank, tmp_path) -> Path:
    dst = tmp_path / "question_bank"
    shutil.copytree(clean_bank, dst)
    return dst


# ---------------------------------------------------------------------------- extract + export


def test_extract_writes_one_readable_file(clean_bank, seed_questions):
    files = sorted(str(p.relative_to(clean_bank)) for p in clean_bank.rglob("*") if p.is_file())
    assert files == [".texts/seed_article.txt", "seed_article.yaml"]  # the bank file, and its text for review
    bf, problems = read_bank_file(clean_bank / "seed_article.yaml")
    assert problems == []
    assert [q.id for q in bf.questions] == [q.id for q in seed_questions]


def test_export_first_30_has_every_type_and_the_interchange_shape(clean_bank):
    items = export(clean_bank, "--format", "json", "-n", "30")
    assert len(items) == 30
    # a multiple choice needs wrong options of the members' form: a short article may have none
    # among its first 30, but every other type is there
    assert {"fill", "single", "judge"} <= {q["type"] for q in items} <= {"fill", "single", "multi", "judge"}
    for q in items:
        assert EXPORT_KEYS - {"options"} <= set(q) <= EXPORT_KEYS | OPTIONAL_EXPORT_KEYS, sorted(q)
        assert list(q)[:3] == ["id", "type", "stem"]
        assert ("options" in q) == (q["type"] in ("single", "multi")), q
        if "accept" in q:
            assert q["type"] == "fill"
        assert isinstance(q["answer"], list) and q["answer"]
        assert all(isinstance(a, str) for a in q["answer"])
        assert [k for k in q["source"] if k != "section"] == ["doc", "sentence", "spans"]
        assert q["source"]["doc"] == "seed_article"
        assert all(sp in q["source"]["sentence"] for sp in q["source"]["spans"])
    ids = [q["id"] for q in items]
    assert len(set(ids)) == 30


def test_export_is_most_important_first(clean_bank):
    bf, _ = read_bank_file(clean_bank / "seed_article.yaml")
    score = {q.id: q.score for q in bf.questions}
    items = export(clean_bank)
    assert len(items) == len(bf.questions)
    scores = [score[q["id"]] for q in items]
    assert scores == sorted(scores, reverse=True)


def test_export_is_reproducible(clean_bank):
    """The same bank exported twice gives the same file (questions of equal score included)."""
    outputs = {run("export", "--bank", str(clean_bank)).stdout for _ in range(3)}
    assert len(outputs) == 1, "two exports of the same bank differ in order"


def test_export_to_file_and_types_filter(clean_bank, tmp_path):
    out = tmp_path / "quiz.json"
    result = run("export", "--bank", str(clean_bank), "-n", "2", "--types", "judge", "-o", str(out))
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 2 and {q["type"] for q in items} == {"judge"}
    assert "\\u" not in out.read_text(encoding="utf-8")


def _content(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["generated"] = sorted(data["generated"])
    return data


def test_extract_twice_changes_nothing(bank, seed_path):
    before = _content(bank / "seed_article.yaml")
    extract(bank, seed_path)
    assert _content(bank / "seed_article.yaml") == before


# ---------------------------------------------------------------------------- hand edits survive


def _item_span(lines: list[str], qid: str) -> tuple[int, int]:
    """Line range [start, end) of the question ``qid`` in a bank file's lines."""
    start = lines.index(f"- id: {qid}")
    end = start + 1
    while end < len(lines) and not lines[end].startswith(("- id:", "generated:")):
        end += 1
    return start, end


HAND_WRITTEN = """\
- id: my-judge-1
  type: judge
  status: reviewed
  stem: 科技是第一生产力。
  answer: [对]
  source:
    doc: seed_article
    sentence: 党的二十大报告提出,“科技是第一生产力”。
    spans: [第一生产力]
"""


def test_reextract_keeps_edits_rejections_deletions_and_hand_written(bank, seed_path):
    path = bank / "seed_article.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    n_before = len(data["questions"])
    by_type: dict[str, list[str]] = {}
    for q in data["questions"]:
        by_type.setdefault(q["type"], []).append(q["id"])
    edited_id, rejected_id, deleted_id = by_type["judge"][0], by_type["single"][0], by_type["fill"][0]

    lines = path.read_text(encoding="utf-8").splitlines()
    # 1. edit the stem and answer of a judgement, by hand, as text
    a, b = _item_span(lines, edited_id)
    new_stem = "科技创新是企业生存和发展的唯一途径（人工改写）。"
    for i in range(a, b):
        if lines[i].startswith("  stem:"):
            lines[i] = "  stem: " + json.dumps(new_stem, ensure_ascii=False)
        if lines[i].startswith("  answer:"):
            lines[i + 1] = "  - 错"
    # 2. reject a single choice
    a, b = _item_span(lines, rejected_id)
    lines[a:b] = [ln.replace("  status: new", "  status: rejected") for ln in lines[a:b]]
    # 3. delete a fill (any type will do: the seed article's only multi offered 先进性 beside 积极性)
    a, b = _item_span(lines, deleted_id)
    del lines[a:b]
    # 4. add a hand-written question at the end of the list
    g = lines.index(next(ln for ln in lines if ln.startswith("generated:")))
    lines[g:g] = HAND_WRITTEN.splitlines()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("bank", "check", "--bank", str(bank)).exit_code == 0

    extract(bank, seed_path)

    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    qs = {q["id"]: q for q in data["questions"]}
    ids = [q["id"] for q in data["questions"]]
    assert len(ids) == len(set(ids)), "duplicate ids after re-extract"
    assert qs[edited_id]["stem"] == new_stem and qs[edited_id]["answer"] == ["错"]
    assert qs[rejected_id]["status"] == "rejected"
    assert deleted_id not in qs
    assert deleted_id in data["generated"]
    hand = yaml.safe_load(HAND_WRITTEN)[0]
    assert {k: qs["my-judge-1"].get(k) for k in hand} == hand
    assert len(ids) == n_before  # one deleted, one added, nothing else changed

    check = run("bank", "check", "--bank", str(bank))
    assert check.exit_code == 0, check.output
    exported = {q["id"]: q for q in export(bank)}
    assert rejected_id not in exported and deleted_id not in exported
    assert exported[edited_id]["stem"] == new_stem
    assert "my-judge-1" in exported
    assert len(exported) == n_before - 1  # all but the rejected one

    # a third run is a no-op
    extract(bank, seed_path)
    assert path.read_text(encoding="utf-8") == text


# ---------------------------------------------------------------------------- bank check


def test_bank_check_clean_bank(clean_bank):
    result = run("bank", "check", "--bank", str(clean_bank))
    assert result.exit_code == 0, result.output
    assert "没有问题" in result.stdout


HAND_MULTI = """\
- id: my-multi-1
  type: multi
  status: reviewed
  stem: 各级党组织充分发挥（　　）作用。
  answer:
  - 把方向
  - 管大局
  - 保落实
  options: [把方向, 管大局, 保落实, 定政策, 促改革]
  source:
    doc: seed_article
    sentence: 洛阳铜加工各级党组织坚决贯彻落实党的方针政策和重大部署,充分发挥把方向、管大局、保落实作用,确保科技创新工作沿着正确方向前进。
    spans: [把方向, 管大局, 保落实]
"""


def _break_question(path: Path, qtype: str, how) -> tuple[str, int]:
    """Apply ``how(lines, start, end)`` to the first question of ``qtype``; return (id, its line).
    A multiple choice is written by hand first when extraction made none."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if qtype == "multi" and not any(q["type"] == "multi" for q in data["questions"]):
        lines = path.read_text(encoding="utf-8").splitlines()
        g = lines.index(next(ln for ln in lines if ln.startswith("generated:")))
        lines[g:g] = HAND_MULTI.splitlines()
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    qid = next(q["id"] for q in data["questions"] if q["type"] == qtype)
    lines = path.read_text(encoding="utf-8").splitlines()
    a, b = _item_span(lines, qid)
    how(lines, a, b)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return qid, a + 1


def _answer_not_an_option(lines, a, b):
    i = next(i for i in range(a, b) if lines[i].startswith("  answer:"))
    lines[i + 1] = "  - 不在选项里的答案"


def _fill_one_blank_too_few(lines, a, b):
    i = next(i for i in range(a, b) if lines[i].startswith("  stem:"))
    lines[i] = lines[i].replace("____", "", 1)


def _fill_wrong_answer(lines, a, b):
    i = next(i for i in range(a, b) if lines[i].startswith("  answer:"))
    lines[i + 1] = "  - 填错的答案"


def _multi_single_answer(lines, a, b):
    i = next(i for i in range(a, b) if lines[i].startswith("  answer:"))
    j = i + 1
    while lines[j + 1].startswith("  - "):
        del lines[j + 1]


@pytest.mark.parametrize("qtype,how,message", [
    ("single", _answer_not_an_option, "不在选项中"),
    ("fill", _fill_one_blank_too_few, "个空"),
    ("fill", _fill_wrong_answer, "source.sentence"),
    ("multi", _multi_single_answer, "答案少于 2 个"),
])
def test_bank_check_reports_a_broken_question_with_file_and_line(bank, qtype, how, message):
    path = bank / "seed_article.yaml"
    qid, line = _break_question(path, qtype, how)
    result = run("bank", "check", "--bank", str(bank))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{path}:{line}: " in result.stderr
    reported = [ln for ln in result.stderr.splitlines() if ln.startswith(f"{path}:{line}: ")]
    assert any(qid in ln and message in ln for ln in reported), result.stderr


def test_bank_check_duplicate_id_across_files(bank):
    src = bank / "seed_article.yaml"
    (bank / "copy.yaml").write_text(src.read_text(encoding="utf-8").replace("doc: seed_article", "doc: copy", 1),
                                    encoding="utf-8")
    result = run("bank", "check", "--bank", str(bank))
    assert result.exit_code == 2
    assert re.search(re.escape(str(bank)) + r"/(copy|seed_article)\.yaml:\d+: 题目编号 .*重复", result.stderr), \
        result.stderr[:500]


def test_bank_check_missing_folder(tmp_path):
    result = run("bank", "check", "--bank", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert str(tmp_path / "nowhere") in result.stderr and "Traceback" not in result.output


def test_bank_check_malformed_yaml_names_the_line(bank):
    path = bank / "seed_article.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, ln in enumerate(lines) if ln.startswith("  stem:"))
    lines[bad] = "  stem: [这里没有闭合"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("bank", "check", "--bank", str(bank))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    m = re.search(re.escape(str(path)) + r":(\d+): ", result.stderr)
    assert m, result.stderr
    assert bad + 1 <= int(m.group(1)) <= bad + 3


def test_bank_check_refuses_python_tags_without_running_them(tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    marker = tmp_path / "executed"
    (bank / "evil.yaml").write_text(
        "doc: evil\nquestions:\n"
        f"- !!python/object/apply:os.system ['touch {marker}']\n"
        "- !!python/object/new:quizgen.model.Source {doc: a, sentence: b, spans: []}\n",
        encoding="utf-8")
    result = run("bank", "check", "--bank", str(bank))
    assert result.exit_code == 2
    assert not marker.exists()
    assert "Traceback" not in result.output
    assert f"{bank / 'evil.yaml'}:" in result.stderr


# ---------------------------------------------------------------------------- help and input errors


@pytest.mark.parametrize("command", [["extract"], ["export"], ["paper"], ["quiz"], ["bank", "check"], ["bank"]])
def test_help_has_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "示例：" in result.output


def test_missing_input_file_is_one_line_naming_it(tmp_path):
    missing = tmp_path / "不存在的文件.txt"
    proc = subprocess.run([sys.executable, "-m", "quizgen", "extract", str(missing), "--bank", str(tmp_path / "b")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert str(missing) in lines[0]
    assert len(lines) == 1, f"expected one line, got:\n{proc.stderr}"
    assert not (tmp_path / "b").exists()


def test_extract_from_standard_input_with_a_name(tmp_path, seed_path):
    bank = tmp_path / "b"
    result = CliRunner().invoke(main, ["extract", "-q", "--bank", str(bank), "--name", "学习材料", "-"],
                                input=seed_path.read_bytes())
    assert result.exit_code == 0, result.output
    bf, problems = read_bank_file(bank / "学习材料.yaml")
    assert problems == [] and bf.questions
    assert all(q.source.doc == "学习材料" and q.id.startswith("学习材料-") for q in bf.questions)


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"only ascii text, no Chinese\n"])
def test_unusable_input_is_an_error_naming_the_file(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("extract", "-q", "--bank", str(tmp_path / "b"), str(bad))
    assert result.exit_code == 2
    assert str(bad) in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "b").exists()


def test_one_missing_input_among_good_ones(tmp_path, seed_path):
    missing = tmp_path / "missing.txt"
    bank = tmp_path / "b"
    result = CliRunner().invoke(main, ["extract", "-q", "--bank", str(bank), str(seed_path), str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert "Traceback" not in result.output
    assert (bank / "seed_article.yaml").exists()


def test_a_defect_in_one_document_does_not_stop_the_others(tmp_path, seed_path, monkeypatch):
    from quizgen import pipeline

    real = pipeline.questions_for

    def flaky(doc):
        if doc.name == "broken":
            raise ZeroDivisionError("simulated defect")
        return real(doc)

    monkeypatch.setattr(pipeline, "questions_for", flaky)
    broken = tmp_path / "broken.txt"
    shutil.copy(seed_path, broken)
    bank = tmp_path / "bank"
    result = CliRunner().invoke(main, ["extract", "-q", "--bank", str(bank), str(seed_path), str(broken)])
    assert result.exit_code == 2
    assert "broken.txt" in result.output and "ZeroDivisionError" in result.output
    assert "Traceback" not in result.output
    assert [p.name for p in bank.glob("*.yaml")] == [seed_path.stem + ".yaml"]


def test_an_interrupted_extract_leaves_no_staged_files(tmp_path, seed_path, monkeypatch):
    import quizgen.bank as bank_mod

    bank = tmp_path / "bank"
    run("extract", "-q", "--bank", str(bank), str(seed_path))
    before = {str(p.relative_to(bank)): p.read_bytes() for p in bank.rglob("*") if p.is_file()}

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(bank_mod.Staging, "commit", interrupted)
    other = tmp_path / "other.txt"
    shutil.copy(seed_path, other)
    result = CliRunner().invoke(main, ["extract", "-q", "--bank", str(bank), str(seed_path), str(other)])
    assert result.exit_code == 130 and "已中断" in result.output
    assert {str(p.relative_to(bank)): p.read_bytes() for p in bank.rglob("*") if p.is_file()} == before  # no temporary files left


def test_parallel_extract_gives_the_same_bank(tmp_path, seed_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = seed_path.read_text(encoding="utf-8")
    for i in range(3):  # three different documents: the numbers differ
        (folder / f"doc{i}.txt").write_text(text.replace("1954", str(1950 + i)), encoding="utf-8")
    banks = {}
    for jobs in ("1", "2"):
        bank = tmp_path / f"bank{jobs}"
        result = CliRunner().invoke(main, ["extract", "-q", "-j", jobs, "--bank", str(bank), str(folder)])
        assert result.exit_code == 0, result.output
        banks[jobs] = {str(p.relative_to(bank)): p.read_bytes() for p in sorted(bank.rglob("*")) if p.is_file()}
    assert sorted(k for k in banks["1"] if k.endswith(".yaml")) == ["doc0.yaml", "doc1.yaml", "doc2.yaml"]
    assert banks["1"] == banks["2"]


def test_written_files_have_ordinary_permissions(tmp_path, seed_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        bank = tmp_path / "bank"
        run("extract", "-q", "--bank", str(bank), str(seed_path))
        run("export", "--bank", str(bank), "-n", "3", "-o", str(tmp_path / "q.json"))
        for p in [*bank.glob("*.yaml"), tmp_path / "q.json"]:
            assert stat.S_IMODE(p.stat().st_mode) == 0o644, p
        (bank / "seed_article.yaml").chmod(0o664)  # a re-extract keeps the file's own mode
        run("extract", "-q", "--bank", str(bank), str(seed_path))
        assert stat.S_IMODE((bank / "seed_article.yaml").stat().st_mode) == 0o664
    finally:
        os.umask(old)
