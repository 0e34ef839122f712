"""Exports for online test platforms: the Excel 题库 sheet, 腾讯问卷 and 问卷星 text.

Each export is made through the CLI from a real bank and read back the way its consumer reads
it: the .xlsx files with openpyxl, the two text formats with small parsers written from their
documented syntax (README and the writers' docstrings), never with the writers' own code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from quizgen.bank import load_bank
from quizgen.bankio import content_fingerprint
from quizgen.model import Question, Source
from tests.test_quiz_fixture import make_bank, questions

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "ABCDEFGH"
HEADER = ["题型", "题干", *(f"选项{L}" for L in LETTERS), "答案", "分值", "解析", "出处", "章节", "难度"]
TYPE_NAMES = {"fill": "填空题", "single": "单选题", "multi": "多选题", "judge": "判断题"}
TITLES = {"seed_article": "增强动力 激发活力", "chinalco_news": "中铝新闻"}

S_ODD = "《决定》指出[见附件]：坚持{两个维护}，做到“两个确立”|不动摇；这是根本。"
S_EQ = "=1+1不是党章规定的内容。"


def tricky() -> list[Question]:
    """Questions whose text carries Chinese punctuation and the characters the formats use: []{}|:"""
    return [
        Question("t-fill", "fill", "《决定》指出[见附件]：坚持{____}，做到“____”|不动摇；这是根本。",
                 ["两个维护", "两个确立"],
                 Source("seed_article", S_ODD, ["两个维护", "两个确立"], section="一、总体要求（一）"),
                 accept=[["“两个维护”"], []]),
        Question("t-multi", "multi", "《决定》[见附件]要求坚持哪些:{以下}|“选项”？",
                 ["两个维护", "两个确立", "[自我革命]"], Source("seed_article", S_ODD, ["两个维护"]),
                 options=["两个维护", "两个确立", "a|b：c", "[自我革命]", "{四个意识}"]),
        Question("t-judge", "judge", S_EQ, ["对"], Source("seed_article", S_EQ, ["党章"])),
    ]


def _with_sections(qs: list[Question]) -> list[Question]:
    for q in qs:
        if not q.source.section:
            q.source.section = "一、总体要求" if q.source.doc == "seed_article" else ""
    return qs


def bank_questions() -> list[Question]:
    qs = questions() + tricky()
    for q in qs:
        q.fingerprint = content_fingerprint(q)
    return _with_sections(qs)


@pytest.fixture()
def bank(tmp_path) -> Path:
    folder = make_bank(tmp_path / "qb", bank_questions())
    for doc, title in TITLES.items():
        path = folder / f"{doc}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(f"doc: {doc}\n", f"doc: {doc}\ntitle: {title}\n", 1),
                        encoding="utf-8")
    loaded = load_bank(folder)
    assert not loaded.problems and len(loaded.questions) == len(bank_questions())
    return folder


def run_export(bank: Path, fmt: str, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quizgen", "export", "--bank", str(bank), "--format", fmt,
                           "-o", str(out), *extra], capture_output=True, text=True, cwd=out.parent, check=False)


def export_ok(bank: Path, fmt: str, out: Path, *extra: str) -> str:
    r = run_export(bank, fmt, out, *extra)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r.stderr


def bank_order(bank: Path) -> list[Question]:
    """The questions in export order (the json export is the reference for the order)."""
    import json

    out = subprocess.run([sys.executable, "-m", "quizgen", "export", "--bank", str(bank), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    by_id = {q.id: q for q in load_bank(bank).questions}
    return [by_id[d["id"]] for d in json.loads(out)]


def expected_points(q: Question) -> int:
    """The documented 分值: fill 2 per blank, single 2, multi 3, judge 1."""
    return 2 * len(q.answer) if q.type == "fill" else {"single": 2, "multi": 3, "judge": 1}[q.type]


def flat_stem(q: Question) -> str:
    return re.sub(r"_{2,}", "@", q.stem)


# ---------------------------------------------------------------- xlsx


def read_sheet(path: Path):
    wb = openpyxl.load_workbook(path)
    ws = wb["题库"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return ws, rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def test_xlsx_is_the_generic_sheet_one_row_per_question(bank, tmp_path):
    out = tmp_path / "题库.xlsx"
    export_ok(bank, "xlsx", out)
    ws, header, rows = read_sheet(out)
    assert header == HEADER
    qs = bank_order(bank)
    assert len(rows) == len(qs) == len(bank_questions())
    for q, r in zip(qs, rows):
        assert r["题型"] == TYPE_NAMES[q.type]
        assert r["分值"] == expected_points(q)
        assert r["解析"].startswith(f"出处：《{TITLES[q.source.doc]}》") and q.source.sentence in r["解析"]
        assert r["出处"] == TITLES[q.source.doc]
        assert (r["章节"] or "") == q.source.section
        assert r["难度"] is None
        options = [r[f"选项{L}"] for L in LETTERS if r[f"选项{L}"] is not None]
        if q.type in ("single", "multi"):
            assert options == q.options
            assert re.fullmatch(r"[A-H]+", r["答案"])
            assert [options[LETTERS.index(L)] for L in r["答案"]] == [o for o in q.options if o in q.answer]
            assert r["题干"] == q.stem
        elif q.type == "judge":
            assert options == [] and r["答案"] == {"对": "正确", "错": "错误"}[q.answer[0]]
            assert r["题干"] == q.stem
        else:
            assert options == []
            blanks = r["题干"].count("（\u3000\u3000）")
            per_blank = r["答案"].split("|")
            assert blanks == len(per_blank) == len(q.answer)
            assert r["题干"].replace("（\u3000\u3000）", "@") == flat_stem(q)
            for i, cell in enumerate(per_blank):
                alts = cell.split(";")
                assert alts[0] == q.answer[i]
                assert alts[1:] == (q.accept[i] if i < len(q.accept) else [])
    # the tricky stems went through as text, '=' included (no formula)
    eq = next(c for c in ws["B"] if c.value == S_EQ)
    assert eq.data_type == "s"


def test_xlsx_reads_in_excel_and_wps(bank, tmp_path):
    out = tmp_path / "题库.xlsx"
    export_ok(bank, "xlsx", out)
    ws, _, _ = read_sheet(out)
    assert ws.freeze_panes == "A2"
    assert all(c.font.b for c in ws[1])
    assert ws.column_dimensions["B"].width >= 40 and ws.column_dimensions["M"].width >= 30
    assert all(ws.column_dimensions[L].width for L in "ABCDEFGHIJKLMNOP")
    assert all(c.alignment.wrap_text for row in ws.iter_rows(min_row=2) for c in row)


def test_xlsx_of_the_shipped_bank(tmp_path):
    bank = tmp_path / "question_bank"
    shutil.copytree(ROOT / "question_bank", bank)
    out = tmp_path / "shipped.xlsx"
    export_ok(bank, "xlsx", out, "--status", "new,reviewed")
    _, header, rows = read_sheet(out)
    usable = [q for q in load_bank(bank).questions if q.status != "rejected"]
    assert header == HEADER and len(rows) == len(usable) >= 10
    assert {r["题型"] for r in rows} <= set(TYPE_NAMES.values())
    for r in rows:
        if r["题型"] == "填空题":
            assert r["题干"].count("（\u3000\u3000）") == len(r["答案"].split("|"))


# ---------------------------------------------------------------- 腾讯问卷

TENCENT_TAG = r"\[(?:单选题|不定项选择题|判断题|填空题|部分|答案：[^\[\]]*|分数：[^\[\]]*|解析：[^\[\]]*)\]"
TENCENT_HEAD = re.compile(rf"^(?P<stem>.*?)(?P<tags>(?:{TENCENT_TAG})+)$")


def parse_tencent(text: str) -> list[dict]:
    """腾讯问卷 text: a paragraph per question; first line 题干 + [tags], then ``A. 选项`` lines."""
    out = []
    for para in text.strip("\n").split("\n\n"):
        head, *lines = para.split("\n")
        m = TENCENT_HEAD.match(head)
        assert m, head
        tags = re.findall(r"\[([^\[\]]*)\]", m["tags"])
        q = {"stem": m["stem"], "type": tags[0], "partial": "部分" in tags, "options": []}
        for t in tags[1:]:
            if "：" in t:
                k, v = t.split("：", 1)
                q[k] = v
        for i, line in enumerate(lines):
            lm = re.fullmatch(r"([A-H])\. (.+)", line)
            assert lm and lm[1] == LETTERS[i], line
            q["options"].append(lm[2])
        out.append(q)
    return out


def test_tencent_carries_type_stem_options_answer_score(bank, tmp_path):
    out = tmp_path / "腾讯.txt"
    export_ok(bank, "tencent", out)
    text = out.read_text(encoding="utf-8")
    assert "\n\n\n" not in text and text.endswith("\n")
    parsed = parse_tencent(text)
    qs = bank_order(bank)
    assert len(parsed) == len(qs)
    tags = {"single": "单选题", "multi": "不定项选择题", "judge": "判断题", "fill": "填空题"}
    for q, p in zip(qs, parsed):
        assert p["type"] == tags[q.type]
        assert int(p["分数"]) == expected_points(q)
        assert p["partial"] == (q.type == "multi")
        assert p["解析"].startswith(f"出处：《{TITLES[q.source.doc]}》")
        if q.type in ("single", "multi"):
            assert p["stem"] == q.stem and p["options"] == q.options
            letters = p["答案"].split("、")
            assert [p["options"][LETTERS.index(L)] for L in letters] == [o for o in q.options if o in q.answer]
        elif q.type == "judge":
            assert p["stem"] == q.stem and p["options"] == ["正确", "错误"]
            assert p["答案"] == {"对": "A", "错": "B"}[q.answer[0]]
        else:
            assert p["options"] == []
            assert p["stem"].count("____") == len(p["答案"].split("|")) == len(q.answer)
            assert re.sub("____", "@", p["stem"]) == flat_stem(q)
            assert p["答案"].split("|") == q.answer
    fill = next(p for q, p in zip(qs, parsed) if q.id == "t-fill")
    assert "第1空也可答“两个维护”" in fill["解析"]
    # 解析 cannot hold [ ]: the 出处 sentence's brackets come through as 【】
    assert "【见附件】" in fill["解析"]


def test_tencent_goes_to_standard_output(bank, tmp_path):
    r = subprocess.run([sys.executable, "-m", "quizgen", "export", "--bank", str(bank), "--format", "tencent"],
                       capture_output=True, check=True)
    out = tmp_path / "t.txt"
    export_ok(bank, "tencent", out)
    assert r.stdout == out.read_bytes()


# ---------------------------------------------------------------- 问卷星

WJX_HEAD = re.compile(r"^(?P<n>\d+)\. (?P<stem>.*)\[(?P<type>单选题|多选题|判断题|考试多项填空)\]$")


def parse_wjx(text: str) -> tuple[str, list[dict]]:
    """问卷星 text: the title line, then paragraphs ``1. 题干[题型]`` with one option a line."""
    title, *paras = text.strip("\n").split("\n\n")
    out = []
    for para in paras:
        head, *options = para.split("\n")
        m = WJX_HEAD.match(head)
        assert m, head
        out.append({"n": int(m["n"]), "stem": m["stem"], "type": m["type"], "options": options})
    return title, out


def full_width_braces(text: str) -> str:
    return text.replace("{", "｛").replace("}", "｝")


def test_wjx_text_and_its_answer_key(bank, tmp_path):
    out = tmp_path / "问卷星.txt"
    err = export_ok(bank, "wjx", out)
    key = tmp_path / "问卷星-答案.xlsx"
    assert key.exists() and "问卷星-答案.xlsx" in err and "答案和分值" in err
    title, parsed = parse_wjx(out.read_text(encoding="utf-8"))
    assert title == "应知应会测试"
    qs = bank_order(bank)
    assert [p["n"] for p in parsed] == list(range(1, len(qs) + 1))
    ws = openpyxl.load_workbook(key).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == ["题号", "题型", "答案", "答案内容", "分值", "出处"]
    keys = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert sorted(keys) == [p["n"] for p in parsed]
    tags = {"single": "单选题", "multi": "多选题", "judge": "判断题", "fill": "考试多项填空"}
    for q, p in zip(qs, parsed):
        k = keys[p["n"]]
        assert p["type"] == tags[q.type] and k["题型"] == TYPE_NAMES[q.type]
        assert k["分值"] == expected_points(q)
        assert k["出处"].startswith(f"出处：《{TITLES[q.source.doc]}》")
        if q.type in ("single", "multi"):
            assert p["options"] == [full_width_braces(o) for o in q.options]
            assert [p["options"][LETTERS.index(L)] for L in k["答案"]] == \
                [full_width_braces(o) for o in q.options if o in q.answer]
            assert k["答案内容"] == "、".join(q.answer)
        elif q.type == "judge":
            assert p["options"] == ["正确", "错误"]
            assert k["答案"] == {"对": "正确", "错": "错误"}[q.answer[0]]
        else:
            assert p["options"] == []
            assert p["stem"].count("{_}") == len(k["答案"].split("|")) == len(q.answer)
            assert [c.split(";")[0] for c in k["答案"].split("|")] == q.answer
        # only blanks read as blanks: a stem's own braces are full-width
        assert p["stem"].replace("{_}", "@") == full_width_braces(flat_stem(q))
        assert "{" not in p["stem"].replace("{_}", "") and not any("{" in o for o in p["options"])


def test_wjx_and_xlsx_need_a_file(bank, tmp_path):
    for fmt in ("wjx", "xlsx"):
        r = subprocess.run([sys.executable, "-m", "quizgen", "export", "--bank", str(bank), "--format", fmt],
                           capture_output=True, text=True, check=False)
        assert r.returncode == 2 and r.stdout == ""
        assert "请用 -o" in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- all three


@pytest.mark.parametrize("fmt,name", [("xlsx", "a.xlsx"), ("tencent", "a.txt"), ("wjx", "a.txt")])
def test_two_exports_give_the_same_bytes(bank, tmp_path, fmt, name):
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir(), second.mkdir()
    export_ok(bank, fmt, first / name)
    if fmt in ("xlsx", "wjx"):
        time.sleep(2.1)  # zip entry times step by 2 s, document times by 1 s: the clock must not show
    export_ok(bank, fmt, second / name)
    files = sorted(p.name for p in first.iterdir())
    assert files == sorted(p.name for p in second.iterdir()) and len(files) == (2 if fmt == "wjx" else 1)
    for f in files:
        assert (first / f).read_bytes() == (second / f).read_bytes(), f


def test_selection_options_apply(bank, tmp_path):
    out = tmp_path / "judge.txt"
    export_ok(bank, "tencent", out, "--types", "judge")
    parsed = parse_tencent(out.read_text(encoding="utf-8"))
    assert len(parsed) == sum(q.type == "judge" for q in bank_questions())
    assert {p["type"] for p in parsed} == {"判断题"}
