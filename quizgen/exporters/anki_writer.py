"""Anki: an .apkg (with genanki) of one subdeck per document under 应知应会.

Fills are cloze notes, every blank of a question ``{{c1::…}}`` so its one card hides them all;
choices and judgements are front/back notes, options on the front, answer and 出处 on the back.
Model ids are fixed, deck ids hash their names and a note's guid hashes the question id, so an
updated export re-imported into Anki updates its cards instead of adding new ones. Notes and cards
carry a fixed time (or ``SOURCE_DATE_EPOCH``) and the collection and zip are written here, so the
same questions give the same bytes."""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import os
import sqlite3
import zipfile

from quizgen.errors import InputError, QuizgenError
from quizgen.exporters import ExportContext, Output, source_text
from quizgen.model import JUDGE_TRUE, TYPE_NAMES, Question
from quizgen.textnorm import BLANK_RE

NAME = "anki"
SUFFIX = ".apkg"
DESCRIPTION = "Anki 卡组 .apkg（文件 > 导入）：填空为完形填空卡，每个文档一个子卡组"

TOP_DECK = "应知应会"
CLOZE_MODEL_ID = 1_607_392_319  # fixed forever: a new id would make Anki add a second note type
CHOICE_MODEL_ID = 1_607_392_320
TIMESTAMP = 1_704_067_200  # 2024-01-01 UTC: notes' and cards' time, unless SOURCE_DATE_EPOCH is set
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n.kind { color: #888; font-size: 14px; }\n.source { color: #555; font-size: 15px; }\n"


def _genanki():
    try:
        import genanki
    except ImportError:
        raise QuizgenError("导出 anki 需要 genanki 库：请运行 pip install genanki") from None
    return genanki


def _models():
    genanki = _genanki()
    cloze = genanki.Model(
        CLOZE_MODEL_ID, "quizgen 应知应会填空", model_type=genanki.Model.CLOZE, css=CSS,
        fields=[{"name": "Text"}, {"name": "出处"}],
        templates=[{"name": "填空", "qfmt": "{{cloze:Text}}",
                    "afmt": "{{cloze:Text}}<hr><div class=source>{{出处}}</div>"}])
    choice = genanki.Model(
        CHOICE_MODEL_ID, "quizgen 应知应会选择判断", css=CSS,
        fields=[{"name": "题型"}, {"name": "题干"}, {"name": "选项"}, {"name": "答案"}, {"name": "出处"}],
        templates=[{"name": "选择判断",
                    "qfmt": "<div class=kind>{{题型}}</div>{{题干}}<br><br>{{选项}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{答案}}<br><br><div class=source>{{出处}}</div>"}])
    return cloze, choice


def esc(text: str) -> str:
    """Field text HTML-escaped, with braces as entities so no text reads as a cloze or a field."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def deck_id(name: str) -> int:
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def cloze_fields(q: Question, ctx: ExportContext) -> list[str]:
    parts = BLANK_RE.split(q.stem)
    parts += [""] * (len(q.answer) + 1 - len(parts))
    text = esc(parts[0])
    for answer, rest in zip(q.answer, parts[1:]):
        text += "{{c1::" + esc(answer) + "}}" + esc(rest)
    alts = [f"第 {i + 1} 空也可答：{'、'.join(a)}" for i, a in enumerate(q.accept) if a]
    return [text, "<br>".join(esc(line) for line in [*alts, source_text(q, ctx)])]


def choice_fields(q: Question, ctx: ExportContext) -> list[str]:
    if q.type == "judge":
        options, answer = "对 / 错", "答案：" + ("对" if q.answer == [JUDGE_TRUE] else "错")
    else:
        letters = "ABCDEFGH"
        options = "<br>".join(f"{letters[i]}. {esc(o)}" for i, o in enumerate(q.options))
        right = [i for i, o in enumerate(q.options) if o in q.answer]
        answer = "答案：" + "".join(letters[i] for i in right) + "（" + esc("、".join(q.options[i] for i in right)) + "）"
    return [TYPE_NAMES[q.type] + "题", esc(q.stem), options, answer, esc(source_text(q, ctx))]


def build_decks(questions: list[Question], ctx: ExportContext) -> list:
    genanki = _genanki()
    cloze, choice = _models()
    decks: dict = {}
    for q in questions:
        name = f"{TOP_DECK}::{' '.join((ctx.doc_titles.get(q.source.doc) or q.source.doc).split())}"
        deck = decks.setdefault(name, genanki.Deck(deck_id(name), name))
        model, fields = (cloze, cloze_fields(q, ctx)) if q.type == "fill" else (choice, choice_fields(q, ctx))
        tags = ["quizgen", TYPE_NAMES[q.type], *("_".join(t.split()) for t in q.tags if t.strip())]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(q.id), tags=tags))
    return list(decks.values())


def to_apkg(questions: list[Question], ctx: ExportContext) -> bytes:
    """The .apkg's bytes: genanki fills an in-memory collection; the zip has fixed dates."""
    genanki = _genanki()
    try:
        timestamp = int(os.environ.get("SOURCE_DATE_EPOCH") or TIMESTAMP)
    except ValueError:
        raise InputError("环境变量 SOURCE_DATE_EPOCH 应为整数（Unix 时间，秒）") from None
    conn = sqlite3.connect(":memory:")
    try:
        genanki.Package(build_decks(questions, ctx)).write_to_db(
            conn.cursor(), timestamp, itertools.count(timestamp * 1000))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            z.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def write(questions: list[Question], ctx: ExportContext) -> list[Output]:
    return [Output(to_apkg(questions, ctx))]
