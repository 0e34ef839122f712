"""Exports for learning platforms (anki, gift, moodle-xml), read back the way their consumers read them:
the .apkg as the zip and SQLite collection Anki imports, GIFT by a parser of Moodle's documented grammar,
Moodle XML with the elements of Moodle's own import fixtures.
"""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_quiz_fixture import questions as fixture_questions

from quizgen.bank import load_bank
from quizgen.bankio import BankFile, content_fingerprint, write_bank_file
from quizgen.cli import main
from quizgen.model import Question, Source

SPECIAL_DOC, SPECIAL_TITLE = "special", "专题/特殊 字符"
TITLES = {"seed_article": "", "chinalco_news": "", SPECIAL_DOC: SPECIAL_TITLE}
MOODLE_FRACTIONS = {"0", "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333",
                    "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5"}
MOODLE_FRACTIONS |= {"-" + f for f in MOODLE_FRACTIONS - {"0"}}


def special_questions() -> list[Question]:
    """All four types with GIFT's control characters, HTML and Chinese punctuation in stems and options."""
    def src(sentence, spans):
        return Source(SPECIAL_DOC, sentence, spans, section="一、“两个维护”：{特别}")

    return [
        Question("x-single", "single", "公式 a{b}=c#1 ~ 2：“两个维护”<b>&</b>是什么？\\路径", ["a=b"],
                 src("“两个维护”是 a=b。", ["a=b"]), options=["做到“两个维护”：坚决维护", "a=b", "{x}", "c~d#e\\f"]),
        Question("x-multi", "multi", "以下哪些写法（含：冒号）正确？", ["甲:乙", "丙~丁"],
                 src("甲:乙与丙~丁都正确。", ["甲:乙", "丙~丁"]), options=["甲:乙", "A=B", "丙~丁", "#井号", "{括号}"]),
        Question("x-judge", "judge", "标题::副标题 的写法正确 #1 {对}。", ["错"], src("标题：副标题。", ["："])),
        Question("x-fill1", "fill", "1954年的《宪法》{第一部}规定：____ = 根本大法。", ["a~b=c"],
                 src("1954年的《宪法》{第一部}规定：a~b=c = 根本大法。", ["a~b=c"]), accept=[["a~b", "a~b=c"]]),
        Question("x-fill3", "fill", "三个{要}：____、____和____。", ["x}y", "p#q", "r/s\"t"],
                 src("三个{要}：x}y、p#q和r/s\"t。", ["x}y", "p#q", "r/s\"t"]), accept=[[], ["p＃q"], []]),
    ]


def all_questions() -> list[Question]:
    qs = fixture_questions() + special_questions()
    for q in qs:
        q.fingerprint = content_fingerprint(q)
    return qs


def write_bank(folder: Path, qs: list[Question]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in sorted({q.source.doc for q in qs}):
        mine = [q for q in qs if q.source.doc == doc]
        bf = BankFile(path=folder / f"{doc}.yaml", doc=doc, title=TITLES[doc], questions=mine)
        bf.generated = [q.id for q in mine]
        write_bank_file(bf)
    return folder


def export(bank: Path, fmt: str, out: Path | str):
    result = CliRunner().invoke(main, ["export", "--bank", str(bank), "--format", fmt, "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def title_of(q: Question) -> str:
    return TITLES[q.source.doc] or q.source.doc


@pytest.fixture
def bank(tmp_path) -> Path:
    folder = write_bank(tmp_path / "qb", all_questions())
    loaded = load_bank(folder)
    assert not loaded.problems and len(loaded.questions) == len(all_questions())
    return folder


# ---------------------------------------------------------------------------- anki


def read_apkg(path: Path) -> dict:
    """What Anki's importer reads: the zip's collection.anki2 (SQLite) and media map."""
    with zipfile.ZipFile(path) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        assert json.loads(z.read("media")) == {}
        db = path.with_suffix(".anki2")
        db.write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(db)
    try:
        models_json, decks_json = conn.execute("SELECT models, decks FROM col").fetchone()
        notes = {guid: {"id": nid, "mid": mid, "mod": mod, "flds": flds.split("\x1f"), "tags": tags.split()}
                 for nid, guid, mid, mod, flds, tags in conn.execute("SELECT id, guid, mid, mod, flds, tags FROM notes")}
        cards = conn.execute("SELECT nid, did, ord FROM cards").fetchall()
    finally:
        conn.close()
    return {"models": json.loads(models_json), "decks": json.loads(decks_json), "notes": notes, "cards": cards}


def test_anki_package_is_the_collection_anki_reads(bank, tmp_path):
    import genanki

    qs = all_questions()
    export(bank, "anki", tmp_path / "deck.apkg")
    col = read_apkg(tmp_path / "deck.apkg")
    models = {m["name"]: m for m in col["models"].values()}
    cloze = next(m for m in models.values() if m["type"] == 1)
    choice = next(m for m in models.values() if m["type"] == 0 and m["name"].startswith("quizgen"))
    assert "{{cloze:Text}}" in cloze["tmpls"][0]["qfmt"]
    assert "{{选项}}" in choice["tmpls"][0]["qfmt"] and "{{答案}}" in choice["tmpls"][0]["afmt"]
    assert "{{出处}}" in choice["tmpls"][0]["afmt"] and "{{出处}}" in cloze["tmpls"][0]["afmt"]
    deck_names = {int(k): d["name"] for k, d in col["decks"].items()}
    assert {f"应知应会::{title_of(q)}" for q in qs} <= set(deck_names.values())

    assert len(col["notes"]) == len(qs)
    cards_of: dict[int, list] = {}
    for nid, did, ord_ in col["cards"]:
        cards_of.setdefault(nid, []).append((did, ord_))
    for q in qs:
        note = col["notes"][genanki.guid_for(q.id)]
        (did, ord_), = cards_of[note["id"]]  # one card per question, a fill's blanks hidden together
        assert ord_ == 0 and deck_names[did] == f"应知应会::{title_of(q)}"
        back = note["flds"][-1]
        assert back.startswith("出处") or "也可答" in back
        assert html.escape(q.source.sentence).replace("{", "&#123;").replace("}", "&#125;") in back
        if q.type == "fill":
            assert note["mid"] == int(cloze["id"])
            text = note["flds"][0]
            assert re.findall(r"\{\{c(\d+)::", text) == ["1"] * len(q.answer)
            assert [html.unescape(a) for a in re.findall(r"\{\{c1::(.*?)\}\}", text)] == q.answer
        else:
            assert note["mid"] == int(choice["id"])
            kind, stem, options, answer, _ = note["flds"]
            assert kind == {"single": "单选题", "multi": "多选题", "judge": "判断题"}[q.type]
            assert html.unescape(stem) == q.stem
            for option in q.options or ["对", "错"]:
                assert html.escape(option).replace("{", "&#123;").replace("}", "&#125;") in options
            for right in q.answer:
                assert html.escape(right).replace("{", "&#123;").replace("}", "&#125;") in answer
    single = col["notes"][genanki.guid_for("x-single")]
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in single["flds"][1] and "<b>" not in single["flds"][1]
    assert "答案：B" in single["flds"][3]


def test_anki_same_bank_same_bytes_and_an_edit_keeps_every_id(bank, tmp_path, monkeypatch):
    export(bank, "anki", tmp_path / "a.apkg")
    later = time.time() + 86400 * 400
    monkeypatch.setattr(time, "time", lambda: later)  # a day and a year later: still the same bytes
    export(bank, "anki", tmp_path / "b.apkg")
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()

    qs = all_questions()
    edit = next(q for q in qs if q.id == "s-power")
    edit.stem = edit.stem.replace("什么", "哪一项")
    qs.append(Question("s-new", "single", "新增的题？", ["是"], Source("chinalco_news", "是。", ["是"]),
                       options=["是", "否"]))
    edited = write_bank(tmp_path / "qb2", qs)
    export(edited, "anki", tmp_path / "c.apkg")
    before, after = read_apkg(tmp_path / "a.apkg"), read_apkg(tmp_path / "c.apkg")
    assert set(before["notes"]) < set(after["notes"]) and len(after["notes"]) == len(before["notes"]) + 1
    assert set(before["decks"]) == set(after["decks"])
    assert {m["id"] for m in before["models"].values()} == {m["id"] for m in after["models"].values()}
    changed = [g for g in before["notes"] if before["notes"][g]["flds"] != after["notes"][g]["flds"]]
    assert len(changed) == 1 and "哪一项" in after["notes"][changed[0]]["flds"][1]


def test_anki_source_date_epoch_sets_the_notes_time(bank, tmp_path, monkeypatch):
    export(bank, "anki", tmp_path / "fixed.apkg")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    export(bank, "anki", tmp_path / "newer.apkg")
    fixed, newer = read_apkg(tmp_path / "fixed.apkg"), read_apkg(tmp_path / "newer.apkg")
    assert {n["mod"] for n in newer["notes"].values()} == {1800000000}
    assert all(newer["notes"][g]["mod"] > n["mod"] for g, n in fixed["notes"].items())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "明天")
    result = CliRunner().invoke(main, ["export", "--bank", str(bank), "--format", "anki", "-o",
                                       str(tmp_path / "bad.apkg")])
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "bad.apkg").exists()


# ---------------------------------------------------------------------------- gift


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Characters with whether they were backslash-escaped."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append((text[i + 1], True))
            i += 2
        else:
            out.append((text[i], False))
            i += 1
    return out


def _find(toks, s: str, start: int = 0) -> int:
    for i in range(start, len(toks) - len(s) + 1):
        if all(toks[i + k] == (c, False) for k, c in enumerate(s)):
            return i
    return -1


def _plain(toks) -> str:
    return "".join(c for c, _ in toks)


def parse_gift_question(text: str) -> dict:
    """One GIFT question: ::name:: text {answers ####feedback} text (Moodle's documented grammar)."""
    toks = _tokens(text)
    assert _find(toks, "::") == 0, text
    end = _find(toks, "::", 2)
    name = _plain(toks[2:end]).strip()
    open_ = _find(toks, "{", end + 2)
    close = _find(toks, "}", open_)
    assert open_ > 0 and close > open_, text
    outside = toks[end + 2: open_] + toks[close + 1:]
    assert not [c for c, esc in outside if c in "~=#{}:" and not esc], f"a control character left unescaped: {text}"
    block = toks[open_ + 1: close]
    fb = _find(block, "####")
    feedback = _plain(block[fb + 4:]).strip() if fb >= 0 else ""
    block = block[:fb] if fb >= 0 else block
    q = {"name": name, "before": _plain(toks[end + 2: open_]), "after": _plain(toks[close + 1:]),
         "feedback": feedback, "answers": []}
    if _plain(block).strip() in ("T", "F", "TRUE", "FALSE"):
        return q | {"type": "truefalse", "answers": [_plain(block).strip()[0]]}
    starts = [i for i, t in enumerate(block) if t in (("=", False), ("~", False))]
    for a, b in zip(starts, starts[1:] + [len(block)]):
        mark, body = block[a][0], _plain(block[a + 1: b])
        weight = None
        m = re.match(r"%(-?[\d.]+)%", body)
        if m and not any(esc for _, esc in block[a + 1: a + 1 + m.end()]):
            weight, body = m.group(1), body[m.end():]
        q["answers"].append((mark, weight, body.strip()))
    marks = {m for m, _, _ in q["answers"]}
    if marks == {"="}:
        q["type"] = "shortanswer"
    elif any(w is not None for _, w, _ in q["answers"]):
        q["type"] = "multichoice-multiple"
    else:
        q["type"] = "multichoice"
    return q


def parse_gift(text: str) -> list[dict]:
    out, category = [], None
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.splitlines() if not line.lstrip().startswith("//")]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY:"):
            category = lines[0][len("$CATEGORY:"):].strip()
            continue
        out.append(parse_gift_question("\n".join(lines)) | {"category": category})
    return out


def test_gift_parses_back_to_every_question_but_multi_blank_fills(bank, tmp_path):
    qs = all_questions()
    result = export(bank, "gift", tmp_path / "q.gift")
    multi_blank = [q for q in qs if q.type == "fill" and len(q.answer) > 1]
    assert f"{len(multi_blank)} 道多空填空题" in result.stderr and "moodle-xml" in result.stderr
    parsed = {p["name"]: p for p in parse_gift((tmp_path / "q.gift").read_text(encoding="utf-8"))}
    assert set(parsed) == {q.id for q in qs} - {q.id for q in multi_blank}
    for q in qs:
        if q.id not in parsed:
            continue
        p = parsed[q.id]
        assert p["category"] == "应知应会/" + title_of(q).replace("/", "//")
        assert p["feedback"].startswith("出处：《" + title_of(q)) and q.source.sentence in p["feedback"]
        if q.type == "judge":
            assert p["type"] == "truefalse" and p["answers"] == ["T" if q.answer == ["对"] else "F"]
            assert p["before"] == q.stem
        elif q.type == "fill":
            assert p["type"] == "shortanswer"
            assert [a for _, _, a in p["answers"]] == list(dict.fromkeys([q.answer[0], *q.accept[0]]))
            assert p["before"] + "____" + p["after"] == q.stem
        elif q.type == "single":
            assert p["type"] == "multichoice" and p["before"] == q.stem
            assert [(m, a) for m, _, a in p["answers"]] == [("=" if o in q.answer else "~", o) for o in q.options]
        else:
            assert p["type"] == "multichoice-multiple" and p["before"] == q.stem
            assert [a for _, _, a in p["answers"]] == q.options
            weights = {a: w for _, w, a in p["answers"]}
            assert set(weights.values()) <= MOODLE_FRACTIONS
            assert sum(float(weights[a]) for a in q.answer) == pytest.approx(100, abs=1e-3)
            wrong = [float(weights[o]) for o in q.options if o not in q.answer]
            assert all(w < 0 for w in wrong) and sum(wrong) == pytest.approx(-100, abs=1e-3)


def test_gift_to_stdout_tells_what_it_left_out(bank):
    result = CliRunner().invoke(main, ["export", "--bank", str(bank), "--format", "gift"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "::x-fill1::" in result.stdout and "::x-fill3::" not in result.stdout
    assert "2 道多空填空题" in result.stderr


# ---------------------------------------------------------------------------- moodle xml


def _cloze_answers(sub: str) -> list[str]:
    """=a~=b of one {1:SHORTANSWER:...} sub-question, Moodle's backslash escapes undone."""
    parts = re.split(r"(?<!\\)~", sub)
    return [html.unescape(re.sub(r"\\(.)", r"\1", p[1:])) for p in parts]


def test_moodle_xml_has_the_elements_moodle_imports(bank, tmp_path):
    qs = {q.id: q for q in all_questions()}
    export(bank, "moodle-xml", tmp_path / "q.xml")
    root = ET.parse(tmp_path / "q.xml").getroot()
    assert root.tag == "quiz"
    category, seen = None, set()
    for el in root.findall("question"):
        if el.get("type") == "category":
            category = el.findtext("category/text")
            continue
        q = qs[el.findtext("name/text")]
        seen.add(q.id)
        assert category == "应知应会/" + title_of(q).replace("/", "//")
        assert el.find("questiontext").get("format") == "html"
        text = el.findtext("questiontext/text")
        feedback = el.find("generalfeedback")
        assert feedback.get("format") == "html"
        assert html.unescape(feedback.findtext("text")).startswith("出处：《" + title_of(q))
        assert q.source.sentence in html.unescape(feedback.findtext("text"))
        answers = [(a.get("fraction"), a.findtext("text")) for a in el.findall("answer")]
        assert {f for f, _ in answers} <= MOODLE_FRACTIONS
        if q.type in ("single", "multi"):
            assert el.get("type") == "multichoice" and html.unescape(text) == q.stem
            assert el.findtext("single") == ("true" if q.type == "single" else "false")
            assert el.findtext("shuffleanswers") in ("true", "1")
            assert [html.unescape(t) for _, t in answers] == q.options
            right = [float(f) for f, t in answers if html.unescape(t) in q.answer]
            assert sum(right) == pytest.approx(100, abs=1e-3)
            assert all(float(f) <= 0 for f, t in answers if html.unescape(t) not in q.answer)
        elif q.type == "judge":
            assert el.get("type") == "truefalse" and html.unescape(text) == q.stem
            assert {t: f for f, t in answers} == (
                {"true": "100", "false": "0"} if q.answer == ["对"] else {"true": "0", "false": "100"})
        elif len(q.answer) == 1:
            assert el.get("type") == "shortanswer" and html.unescape(text) == q.stem
            assert [html.unescape(t) for _, t in answers] == list(dict.fromkeys([q.answer[0], *q.accept[0]]))
            assert {f for f, _ in answers} == {"100"}
        else:
            assert el.get("type") == "cloze" and not answers
            subs = re.findall(r"\{1:SHORTANSWER:((?:\\.|[^\\}])*)\}", text)
            assert len(subs) == len(q.answer)
            for i, sub in enumerate(subs):
                alts = q.accept[i] if i < len(q.accept) else []
                assert _cloze_answers(sub) == list(dict.fromkeys([q.answer[i], *alts]))
            rest = re.sub(r"\{1:SHORTANSWER:(?:\\.|[^\\}])*\}", "____", text)
            assert "{" not in rest and "}" not in rest  # literal braces are entities, never a sub-question
            assert html.unescape(rest) == q.stem
    assert seen == set(qs)


def test_moodle_xml_is_well_formed_utf8_with_a_declaration(bank, tmp_path):
    export(bank, "moodle-xml", tmp_path / "q.xml")
    data = (tmp_path / "q.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    assert "两个维护".encode() in data
    ET.parse(io.BytesIO(data))
