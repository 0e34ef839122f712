"""``quizgen import``: an old 题库 (xlsx sheet, Word 试卷, plain-text 试卷) into the bank.

Every test runs the command as a user does and reads the bank back (``bank check`` included):
a hand-made Word paper kept in tests/fixtures/, quizgen's own paper and xlsx export read back
(round trips), bad rows and lines listed with where and why, and the exit codes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.bankio import read_bank_file
from quizgen.textnorm import fill_blanks, norm

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
HEADER = ["题型", "题干", *[f"选项{c}" for c in "ABCDEFGH"], "答案", "分值", "解析", "出处", "章节", "难度"]


def quizgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "quizgen", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=300, check=False)


def imported(folder: Path, doc: str):
    bf, problems = read_bank_file(folder / f"{doc}.yaml")
    assert problems == []
    return bf.questions


def check_ok(folder: Path) -> None:
    res = quizgen("bank", "check", "--bank", str(folder))
    assert res.returncode == 0, res.stderr


def trimmed(accept: list[list[str]]) -> list[list[str]]:
    """Accepted alternatives without the empty groups at the end (none written and none at all agree)."""
    out = [list(a) for a in accept]
    while out and not out[-1]:
        out.pop()
    return out


def bare(stem: str) -> str:
    """A stem without an answer slot a paper or sheet adds at its end (（　　） before 。)."""
    return re.sub(r"[（(][ \u3000]*[）)](?=[。.]?$)", "", stem)


# ---------------------------------------------------------------------------- a hand-made Word paper


def test_hand_made_docx_all_types_both_answer_placements(tmp_path):
    bank = tmp_path / "bank"
    res = quizgen("import", str(FIXTURES / "import_paper.docx"), "--bank", str(bank))
    assert res.returncode == 0, res.stderr
    assert "已导入 11 道题" in res.stderr and "填空 4、单选 2、多选 1、判断 4" in res.stderr
    assert "跳过 0 道" in res.stderr
    qs = {q.stem: q for q in imported(bank, "import_paper")}
    # answers after the question: 答案：B over two option lines, 【答案】A, ABCD
    q = qs["中国共产党第二十次全国代表大会于（\u3000\u3000）在北京召开。"]
    assert (q.type, q.options, q.answer) == ("single", ["2021年10月", "2022年10月", "2023年10月", "2022年7月"],
                                             ["2022年10月"])
    assert q.source.sentence == "中国共产党第二十次全国代表大会于2022年10月在北京召开。"
    assert qs["中国共产党的根本宗旨是（\u3000\u3000）。"].answer == ["全心全意为人民服务"]
    multi = qs["“四个自信”是指（\u3000\u3000）。"]
    assert multi.type == "multi" and multi.answer == ["道路自信", "理论自信", "制度自信", "文化自信"]
    assert multi.options[-1] == "历史自信"
    # fills: answers in the 参考答案 (by section and number), underlined in the blank, after the blank
    assert qs["中国共产党成立于____年。"].answer == ["1921"]
    assert qs["党的基本路线的核心内容是____、____。"].answer == ["一个中心", "两个基本点"]
    assert qs["全面从严治党永远在路上，____永远在路上。"].answer == ["党的自我革命"]
    assert qs["我们党的最大政治优势是密切联系____。"].answer == ["群众"]
    # judgements: √ in the key, （×） after the statement
    assert qs["中国共产党的最高理想和最终目标是实现共产主义。"].answer == ["对"]
    assert qs["党的十八大首次提出“四个全面”战略布局。"].answer == ["错"]
    # Word's automatic numbers (List Number), which are not in the paragraph text
    assert qs["党章是最根本的党内法规。"].answer == ["对"] and qs["党员有权退党。"].answer == ["对"]
    for q in qs.values():
        assert q.status == "reviewed" and not q.fingerprint and q.source.doc == "import_paper"
        assert q.id.startswith("import_paper-import-")
        if q.type == "fill":
            assert fill_blanks(q.stem, q.answer) == q.source.sentence
    assert not any("注意事项" in s or "本卷满分" in s for s in qs)  # the notes are not questions
    check_ok(bank)


def test_same_file_twice_updates_in_place_and_extract_keeps_them(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(ROOT / "question_bank", bank)
    paper = FIXTURES / "import_paper.docx"
    assert quizgen("import", str(paper), "--bank", str(bank), "--name", "seed_article").returncode == 0
    first = {q.id: q for q in imported(bank, "seed_article") if "import" in q.id}
    assert len(first) == 11
    res = quizgen("import", str(paper), "--bank", str(bank), "--name", "seed_article")
    assert res.returncode == 0 and "其中 11 道更新了已导入过的题" in res.stderr
    again = [q for q in imported(bank, "seed_article") if "import" in q.id]
    assert sorted(q.id for q in again) == sorted(first)
    # re-extracting the document of the same name keeps the imported (hand-written) questions
    res = quizgen("extract", str(FIXTURES / "seed_article.txt"), "--bank", str(bank), "-q")
    assert res.returncode == 0, res.stderr
    kept = {q.id: q for q in imported(bank, "seed_article") if "import" in q.id}
    assert kept.keys() == first.keys()
    assert all(kept[i].stem == first[i].stem and kept[i].answer == first[i].answer for i in kept)
    check_ok(bank)


# ---------------------------------------------------------------------------- quizgen's own paper


@pytest.fixture()
def all_types_bank(tmp_path) -> Path:
    """A copy of the shipped bank where every question may be used (so all four types are there)."""
    bank = tmp_path / "shipped"
    shutil.copytree(ROOT / "question_bank", bank)
    for f in bank.glob("*.yaml"):
        f.write_text(f.read_text(encoding="utf-8").replace("status: rejected", "status: reviewed"), encoding="utf-8")
    return bank


def test_round_trip_with_quizgens_paper(all_types_bank, tmp_path):
    out = tmp_path / "x.docx"
    res = quizgen("paper", "-o", str(out), "--bank", str(all_types_bank), "--repeat-ok", "-n", "12")
    assert res.returncode == 0, res.stderr
    import docx

    numbered = [p.text for p in docx.Document(str(out)).paragraphs if re.match(r"\d+\. ", p.text)]
    new = tmp_path / "new"
    res = quizgen("import", str(out), "--bank", str(new))
    assert res.returncode == 0, res.stderr
    assert "跳过 0 道" in res.stderr
    back = imported(new, "x")
    assert len(back) == 12 == len(numbered) // 2  # every printed question, once (and the key, not again)
    originals = load_bank(all_types_bank).questions
    by_stem = {bare(q.stem): q for q in originals}
    assert {q.type for q in back} == {"fill", "single", "multi", "judge"}
    for q in back:
        orig = by_stem[bare(q.stem)]
        assert q.type == orig.type and q.answer == orig.answer, q.stem
        if q.options is not None:
            assert sorted(q.options) == sorted(orig.options)
        assert trimmed(q.accept) == trimmed(orig.accept)
        # the key's 出处 line gives the sentence and its section
        assert norm(q.source.sentence) == norm(orig.source.sentence)
        assert q.source.section == orig.source.section
    check_ok(new)


# ---------------------------------------------------------------------------- the xlsx sheet


def write_sheet(path: Path, rows: list[list], header=HEADER) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "题库"
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)


def row(kind, stem, options=(), answer="", explain="", section="", source=""):
    opts = list(options) + [None] * (8 - len(options))
    return [kind, stem, *opts, answer, 2, explain, source, section, "中"]


SHEET_ROWS = [
    row("单选题", "习近平总书记强调，坚持党的领导是（　　）。", ["重大政治原则", "一般原则", "工作方法"], "A",
        "出处：《学习材料》〔一、坚持党的领导〕习近平总书记强调，坚持党的领导是重大政治原则。", "一、坚持党的领导"),
    row("多选题", "充分发挥（　　）作用。", ["把方向", "管大局", "保落实", "抓落实"], "ABC", "", "", "《学习材料》"),
    row("填空题", "洛阳铜加工创立于（　　），是“一五”期间兴建的____重点工程之一。", (), "1954年;1954|156项;156",
        "出处：《学习材料》洛阳铜加工创立于1954年，是“一五”期间兴建的156项重点工程之一。", "（二）历史"),
    row("判断题", "科技创新是企业生存和发展的根本。", (), "正确"),
    row("判断题", "党支部是党的最高领导机关。", (), "×"),
    # a platform's judgement: options 正确/错误 and the letter; the 出处 on the second line of 解析
    row("判断题", "党的基层组织是党在社会基层组织中的战斗堡垒。", ["正确", "错误"], "A",
        "党章第五章。\n出处：《学习材料》〔五、基层组织〕党的基层组织是党在社会基层组织中的战斗堡垒。"),
]


def test_sheet_all_types(tmp_path):
    sheet = tmp_path / "旧题库.xlsx"
    write_sheet(sheet, SHEET_ROWS)
    bank = tmp_path / "bank"
    res = quizgen("import", str(sheet), "--bank", str(bank))
    assert res.returncode == 0, res.stderr
    assert "已导入 6 道题" in res.stderr and "填空 1、单选 1、多选 1、判断 3" in res.stderr
    bf, _ = read_bank_file(bank / "旧题库.yaml")
    assert bf.title == "学习材料"
    single, multi, fill, true, false, platform = bf.questions
    assert single.answer == ["重大政治原则"] and single.source.section == "一、坚持党的领导"
    assert single.source.sentence == "习近平总书记强调，坚持党的领导是重大政治原则。"
    assert multi.answer == ["把方向", "管大局", "保落实"] and multi.source.sentence == "充分发挥把方向、管大局、保落实作用。"
    assert fill.stem == "洛阳铜加工创立于____，是“一五”期间兴建的____重点工程之一。"
    assert fill.answer == ["1954年", "156项"] and fill.accept == [["1954"], ["156"]]
    assert fill.source.sentence == "洛阳铜加工创立于1954年，是“一五”期间兴建的156项重点工程之一。"
    assert fill.source.section == "（二）历史"
    assert (true.answer, false.answer) == (["对"], ["错"]) and true.source.sentence == true.stem
    assert platform.answer == ["对"] and platform.options is None and platform.source.section == "五、基层组织"
    check_ok(bank)


def test_sheet_bad_rows_listed_rest_imported(tmp_path):
    rows = [
        SHEET_ROWS[0],
        row("问答题", "什么是党建？", (), "略"),  # row 3
        row("单选题", "党的根本宗旨是（　　）。", ["全心全意为人民服务", "实事求是"], "E"),  # row 4
        [None] * len(HEADER),  # an empty row: not a question, not a problem
        row("填空题", "中国共产党成立于____年。", (), "1921|7月"),  # row 6
        row("判断题", "这是一句话。", (), "也许"),  # row 7
        row("单选题", "", ["甲", "乙"], "A"),  # row 8
        row("单选题", "选一个（　　）。", ["甲", None, "丙"], "A"),  # row 9
        SHEET_ROWS[3],
        SHEET_ROWS[3],  # row 11: the same question twice
    ]
    sheet = tmp_path / "bad.xlsx"
    write_sheet(sheet, rows)
    bank = tmp_path / "bank"
    res = quizgen("import", str(sheet), "--bank", str(bank))
    assert res.returncode == 0, res.stderr
    warn = [ln for ln in res.stderr.splitlines() if "已跳过" in ln]
    assert len(warn) == 7, res.stderr
    expect = {3: "题型 '问答题' 不认识", 4: "答案 E 没有对应的选项", 6: "有 1 个空，答案却有 2 个",
              7: "不是 正确/错误", 8: "题干是空的", 9: "选项B是空的", 11: "与第 10 行的题相同"}
    for n, why in expect.items():
        assert any(f"bad.xlsx：第 {n} 行：" in w and why in w for w in warn), (n, res.stderr)
    assert "已导入 2 道题" in res.stderr and "跳过 7 道" in res.stderr
    assert len(imported(bank, "bad")) == 2
    check_ok(bank)


def test_nothing_readable_exits_2_and_writes_nothing(tmp_path):
    sheet = tmp_path / "bad.xlsx"
    write_sheet(sheet, [row("问答题", "什么是党建？", (), "略")])
    bank = tmp_path / "bank"
    res = quizgen("import", str(sheet), "--bank", str(bank))
    assert res.returncode == 2
    assert "第 2 行" in res.stderr and "什么也没有导入" in res.stderr and "Traceback" not in res.stderr
    assert not (bank / "bad.yaml").exists()
    write_sheet(sheet, [], header=["序号", "问题", "答案"])
    res = quizgen("import", str(sheet), "--bank", str(bank))
    assert res.returncode == 2 and "找不到题库表头" in res.stderr
    not_sheet = tmp_path / "x.xlsx"
    not_sheet.write_bytes(b"not a zip")
    res = quizgen("import", str(not_sheet), "--bank", str(bank))
    assert res.returncode == 2 and "x.xlsx" in res.stderr and "Traceback" not in res.stderr
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    res = quizgen("import", str(old), "--bank", str(bank))
    assert res.returncode == 2 and "另存为 .xlsx" in res.stderr
    assert not bank.exists() or not list(bank.glob("*.yaml"))


def test_round_trip_with_xlsx_export(all_types_bank, tmp_path):
    from quizgen.exporters import WRITERS

    if "xlsx" not in WRITERS:
        pytest.skip("export --format xlsx is not on this branch yet")
    sheet = tmp_path / "seed.xlsx"
    res = quizgen("export", "--format", "xlsx", "--bank", str(all_types_bank), "-o", str(sheet))
    assert res.returncode == 0, res.stderr
    new = tmp_path / "new"
    res = quizgen("import", str(sheet), "--bank", str(new))
    assert res.returncode == 0, res.stderr
    assert "跳过 0 道" in res.stderr
    originals = load_bank(all_types_bank).questions
    back = imported(new, "seed")
    assert len(back) == len(originals)
    by_stem = {(q.type, bare(q.stem)): q for q in originals}
    for q in back:
        orig = by_stem[(q.type, bare(q.stem))]
        assert (q.options, q.answer, q.source.sentence, q.source.section) == \
            (orig.options, orig.answer, orig.source.sentence, orig.source.section), q.stem
        assert trimmed(q.accept) == trimmed(orig.accept)
    check_ok(new)


def sheet_of(questions, title: str) -> list[list]:
    """The bank's questions as the documented sheet: blanks （　　）, letters, 正确/错误, a|b;c, 出处 in 解析."""
    rows = []
    for q in questions:
        kind = {"single": "单选题", "multi": "多选题", "fill": "填空题", "judge": "判断题"}[q.type]
        if q.type == "fill":
            answer = "|".join(";".join([a, *(q.accept[k] if k < len(q.accept) else [])])
                              for k, a in enumerate(q.answer))
        elif q.type == "judge":
            answer = "正确" if q.answer == ["对"] else "错误"
        else:
            answer = "".join("ABCDEFGH"[q.options.index(a)] for a in q.answer)
        where = f"〔{q.source.section}〕" if q.source.section else ""
        rows.append(row(kind, q.stem.replace("____", "（\u3000\u3000）"), q.options or (), answer,
                        f"出处：《{title}》{where}{q.source.sentence}", q.source.section, f"《{title}》"))
    return rows


def test_round_trip_sheet_in_the_documented_layout(all_types_bank, tmp_path):
    """The same round trip with the sheet written here by the layout the issue documents."""
    bank = load_bank(all_types_bank)
    originals = bank.questions
    sheet = tmp_path / "seed.xlsx"
    write_sheet(sheet, sheet_of(originals, bank.files[0].title))
    new = tmp_path / "new"
    res = quizgen("import", str(sheet), "--bank", str(new))
    assert res.returncode == 0, res.stderr
    assert "跳过 0 道" in res.stderr
    back = imported(new, "seed")
    assert len(back) == len(originals)
    for q, orig in zip(back, originals):
        assert (q.type, q.stem, q.options, q.answer, q.source.sentence, q.source.section) == \
            (orig.type, orig.stem, orig.options, orig.answer, orig.source.sentence, orig.source.section)
        assert trimmed(q.accept) == trimmed(orig.accept)
    check_ok(new)


# ---------------------------------------------------------------------------- plain text


PAPER_TXT = """党建知识测试

一、单项选择题
1. 党的最高领导机关是（　　）。
A. 党的全国代表大会和它所产生的中央委员会
B. 中央政治局
C. 中央书记处
答案：A
2. 没有答案的题（　　）。
A. 甲  B. 乙
二、判断题
3. 党员必须履行党章规定的义务。（√）
4. 入党誓词由中央纪委制定。
三、填空题
5. 党的组织原则是____。
6. 三个空____、____、____，答案却只有一个。

参考答案
二、判断题
4. ×
三、填空题
5. 民主集中制
6. 甲
"""


def test_plain_text_paper(tmp_path):
    paper = tmp_path / "测试.txt"
    paper.write_bytes(PAPER_TXT.encode("gb18030"))  # an old Windows file
    bank = tmp_path / "bank"
    res = quizgen("import", str(paper), "--bank", str(bank), "--name", "2023测试")
    assert res.returncode == 0, res.stderr
    warn = [ln for ln in res.stderr.splitlines() if "已跳过" in ln]
    assert len(warn) == 2, res.stderr
    assert "测试.txt：第 9 行（一、单项选择题 第 2 题）：没有找到答案" in warn[0]
    assert "第 16 行（三、填空题 第 6 题）" in warn[1] and "有 3 个空，答案却有 1 个" in warn[1]
    assert "已导入 4 道题" in res.stderr and "跳过 2 道" in res.stderr
    qs = imported(bank, "2023测试")
    assert [(q.type, q.answer) for q in qs] == [
        ("single", ["党的全国代表大会和它所产生的中央委员会"]), ("judge", ["对"]), ("judge", ["错"]),
        ("fill", ["民主集中制"])]
    assert qs[1].stem == "党员必须履行党章规定的义务。"
    assert all(q.source.doc == "2023测试" for q in qs)
    check_ok(bank)


def test_help_is_chinese_with_examples():
    res = quizgen("import", "--help")
    assert res.returncode == 0
    assert "quizgen import 旧题库.xlsx" in res.stdout and "参考答案" in res.stdout
