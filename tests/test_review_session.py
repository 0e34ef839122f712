"""The review session model (quizgen/review/session.py) on a real bank extracted from the seed
article: decisions written at once and only to the decided question, undo, resume, atomic
writes, edits validated and kept as a person's edits on re-extraction."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.bank import load_bank
from quizgen.bankio import dump_bank_file, is_edited, question_to_dict, read_bank_file
from quizgen.errors import InputError
from quizgen.pipeline import extract_to_bank
from quizgen.review.edits import EditError, apply_edit, current_text
from quizgen.review.session import STATE_FILE, ReviewSession

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def template(tmp_path_factory, seed_path) -> Path:
    folder = tmp_path_factory.mktemp("review_template") / "qb"
    extract_to_bank([str(seed_path)], str(folder), quiet=True)
    return folder


@pytest.fixture
def bank(template, tmp_path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "qb"))


def yaml_path(bank: Path) -> Path:
    return bank / "seed_article.yaml"


def snapshot(bank: Path) -> dict[str, dict]:
    bf, problems = read_bank_file(yaml_path(bank))
    assert not problems
    return {q.id: question_to_dict(q) for q in bf.questions}


def changed(before: dict, after: dict) -> set[str]:
    assert set(before) == set(after)
    return {qid for qid in before if before[qid] != after[qid]}


def first_of(session: ReviewSession, qtype: str) -> int:
    return next(i for i, it in enumerate(session.items) if it.q.type == qtype)


def test_accept_and_reject_write_only_that_status_at_once(bank):
    before_text = yaml_path(bank).read_text(encoding="utf-8")
    before = snapshot(bank)
    s = ReviewSession(bank, warn=False)
    assert [it.q.score for it in s.items] == sorted((it.q.score for it in s.items), reverse=True)
    a, r = s.items[0].q.id, s.items[1].q.id
    s.accept()
    assert snapshot(bank)[a]["status"] == "reviewed"  # on disk before the next call
    s.reject()
    after = snapshot(bank)
    assert changed(before, after) == {a, r}
    assert after[a] == {**before[a], "status": "reviewed"}
    assert after[r] == {**before[r], "status": "rejected"}
    # the text differs in exactly the two status lines
    diff = [(x, y) for x, y in zip(before_text.splitlines(), yaml_path(bank).read_text(encoding="utf-8").splitlines())
            if x != y]
    assert diff == [("  status: new", "  status: reviewed"), ("  status: new", "  status: rejected")]
    assert s.pos == 2


def test_undo_restores_the_file_bytes_and_the_position(bank):
    original = yaml_path(bank).read_bytes()
    s = ReviewSession(bank, warn=False)
    s.accept()
    after_accept = yaml_path(bank).read_bytes()
    s.skip()
    i = s.pos
    s.edit("stem", s.current.q.stem + "（改）") if s.current.q.type != "fill" else s.reject()
    assert yaml_path(bank).read_bytes() != after_accept
    assert s.undo().message.startswith("已撤销")
    assert yaml_path(bank).read_bytes() == after_accept and s.pos == i
    s.undo()  # the skip: nothing on disk
    assert s.pos == 1 and yaml_path(bank).read_bytes() == after_accept
    s.undo()
    assert yaml_path(bank).read_bytes() == original and s.pos == 0
    assert s.items[0].q.status == "new"
    assert s.undo().message == "没有可撤销的操作"


def test_undo_is_refused_when_the_file_changed_since(bank):
    s = ReviewSession(bank, warn=False)
    s.accept()
    path = yaml_path(bank)
    path.write_text(path.read_text(encoding="utf-8").replace("status: new", "status: reviewed", 1), encoding="utf-8")
    changed_bytes = path.read_bytes()
    with pytest.raises(InputError, match="无法撤销"):
        s.undo()
    assert path.read_bytes() == changed_bytes


def test_resume_starts_where_the_last_session_stopped(bank):
    s = ReviewSession(bank, warn=False)
    s.accept()
    s.skip()
    s.reject()
    stopped_at = s.current.q.id
    assert (bank / STATE_FILE).exists()
    again = ReviewSession(bank, warn=False)
    assert again.resumed and again.current.q.id == stopped_at and again.pos == 3
    # another choice of filters keeps its own place
    other = ReviewSession(bank, types="judge", warn=False)
    assert other.pos == 0 and not other.resumed
    other.skip()
    assert ReviewSession(bank, warn=False).current.q.id == stopped_at
    assert ReviewSession(bank, types="judge", warn=False).pos == 1
    # the state file is no bank file
    loaded = load_bank(bank)
    assert [f.path.name for f in loaded.files] == ["seed_article.yaml"] and not loaded.problems
    check = subprocess.run([sys.executable, "-m", "quizgen", "bank", "check", "--bank", str(bank)],
                           check=False, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert check.returncode == 0, check.stderr


def test_resume_with_status_filter_after_the_current_question_was_decided(bank):
    s = ReviewSession(bank, statuses="new", warn=False)
    s.accept()
    s.accept()
    nxt = s.current.q.id
    again = ReviewSession(bank, statuses="new", warn=False)
    assert again.current.q.id == nxt and len(again.items) == len(s.items) - 2


def test_a_failed_write_leaves_file_and_session_as_they_were(bank, monkeypatch):
    path = yaml_path(bank)
    original = path.read_bytes()
    s = ReviewSession(bank, warn=False)

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("quizgen.fsutil.os.replace", disk_full)
    with pytest.raises(InputError, match="cannot write|无法写入|No space"):
        s.accept()
    assert path.read_bytes() == original
    assert s.pos == 0 and s.items[0].q.status == "new" and not s.history
    assert [p.name for p in bank.iterdir() if p.name.endswith(".tmp")] == []  # no temporary left
    monkeypatch.undo()
    s.accept()
    assert snapshot(bank)[s.items[0].q.id]["status"] == "reviewed"


def test_an_edit_is_a_persons_edit_and_survives_re_extraction(bank, seed_path):
    s = ReviewSession(bank, types="single", warn=False)
    q = s.current.q
    new_stem = q.stem.rstrip("。") + "，这是经人修改的题干。"
    assert s.edit("stem", new_stem).message == "已修改"
    bf, _ = read_bank_file(yaml_path(bank))
    edited = next(x for x in bf.questions if x.id == q.id)
    assert edited.stem == new_stem and is_edited(edited)
    # the file keeps the form quizgen writes: dumping it again changes nothing
    assert dump_bank_file(bf) == yaml_path(bank).read_text(encoding="utf-8")
    extract_to_bank([str(seed_path)], str(bank), quiet=True)
    bf2, _ = read_bank_file(yaml_path(bank))
    assert next(x for x in bf2.questions if x.id == q.id).stem == new_stem


def test_a_comment_and_a_broken_question_elsewhere_are_kept(bank):
    path = yaml_path(bank)
    text = path.read_text(encoding="utf-8")
    text = text.replace("questions:\n", "questions:\n# 审题备注：请保留\n", 1)
    text = text.replace("generated:\n", "- id: broken-1\n  type: single\n  stem: 缺选项\n  answer: [甲]\ngenerated:\n", 1)
    path.write_text(text, encoding="utf-8")
    s = ReviewSession(bank, types="judge", warn=False)
    s.edit("answer", "错" if s.current.q.answer == ["对"] else "对")
    s.accept()
    out = path.read_text(encoding="utf-8")
    assert "# 审题备注：请保留" in out and "id: broken-1" in out


def test_a_change_made_outside_is_read_before_deciding(bank):
    s = ReviewSession(bank, warn=False)
    other = s.items[5].q.id
    path = yaml_path(bank)
    data = path.read_text(encoding="utf-8")
    i = data.index(f"id: {other}")
    j = data.index("status: new", i)
    path.write_text(data[:j] + "status: rejected" + data[j + len("status: new"):], encoding="utf-8")
    out = s.accept()
    assert any("已在别处修改" in n for n in out.notes)
    after = snapshot(bank)
    assert after[other]["status"] == "rejected" and after[s.items[0].q.id]["status"] == "reviewed"


# ---------------------------------------------------------------------------- field edits


def test_fill_edits_keep_one_blank_per_answer_and_the_sentence(bank):
    s = ReviewSession(bank, types="fill", warn=False)
    q = next(it.q for it in s.items if len(q_answers := it.q.answer) == 1 and len(q_answers[0]) >= 4)
    sentence, ans = q.source.sentence, q.answer[0]
    # moving the blank: the answer follows from the sentence
    shorter = ans[1:]
    stem = sentence.replace(ans, ans[0] + "____", 1)
    new, notes = apply_edit(q, "stem", stem)
    assert new.answer == [shorter] and new.source.spans == [shorter] and notes
    # answers typed: the blanks move in the stem
    new, notes = apply_edit(q, "answer", shorter)
    assert new.answer == [shorter] and new.stem.count("____") == 1
    with pytest.raises(EditError, match="不在原句中"):
        apply_edit(q, "answer", "原句里没有的话")
    with pytest.raises(EditError, match="至少要有一个空"):
        apply_edit(q, "stem", sentence)
    with pytest.raises(EditError, match="对不上"):
        apply_edit(q, "stem", "完全不同的____句子")
    with pytest.raises(EditError, match="只有 1 个空"):
        apply_edit(q, "accept", "甲 | 乙")
    new, _ = apply_edit(q, "accept", "甲 / 乙")
    assert new.accept == [["甲", "乙"]] and current_text(new, "accept") == "甲 / 乙"


def test_choice_answer_must_be_among_the_options(bank):
    s = ReviewSession(bank, types="single", warn=False)
    q = s.current.q
    opts = q.options
    right = opts.index(q.answer[0])
    other = (right + 1) % len(opts)
    new, _ = apply_edit(q, "answer", "ABCD"[other].lower())
    assert new.answer == [opts[other]]
    new, _ = apply_edit(q, "answer", opts[other])
    assert new.answer == [opts[other]]
    with pytest.raises(EditError, match="不在选项中"):
        apply_edit(q, "answer", "不是选项")
    with pytest.raises(EditError, match="只能有一个"):
        apply_edit(q, "answer", "AB")
    with pytest.raises(EditError, match="没有选项 F"):
        apply_edit(q, "answer", "F")
    with pytest.raises(EditError, match="2 到 6"):
        apply_edit(q, "options", "甲")
    with pytest.raises(EditError, match="相同"):
        apply_edit(q, "options", "甲 | 甲 | 乙")
    # a reworded answer option stays the answer; reordering keeps it by text
    reworded = list(opts)
    reworded[right] = opts[right] + "（改）"
    new, _ = apply_edit(q, "options", " | ".join(reworded))
    assert new.answer == [reworded[right]]
    new, _ = apply_edit(q, "options", " | ".join(reversed(opts)))
    assert new.answer == q.answer and new.options == list(reversed(opts))
    with pytest.raises(EditError, match="不在新选项中"):
        apply_edit(q, "options", " | ".join(o for o in opts if o != q.answer[0]))


def test_judge_answer_takes_dui_or_cuo(bank):
    s = ReviewSession(bank, types="judge", warn=False)
    q = s.current.q
    assert apply_edit(q, "answer", "×")[0].answer == ["错"]
    assert apply_edit(q, "answer", "对")[0].answer == ["对"]
    with pytest.raises(EditError):
        apply_edit(q, "answer", "也许")


def test_bad_filters_are_input_errors(bank):
    with pytest.raises(InputError, match="没有符合条件"):
        ReviewSession(bank, docs="no_such_doc", warn=False)
    with pytest.raises(InputError, match="未知的状态"):
        ReviewSession(bank, statuses="maybe", warn=False)
