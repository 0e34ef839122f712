"""One review decision on one question named by its id, for a reviewer outside a session (the
web's 审题 page, where each question carries the version it was shown at): accept, reject, or
edit several fields at once.

A decision is made under the bank's lock on the file as it is now: when the question's
``version`` (a hash of its fields as stored) is not the one the reviewer saw, someone changed it
since, and the decision is refused with nothing written. Edits are made field by field with the
same rules as ``quizgen review`` (``edits.apply_edit``) and written with the same splice
(``session.write_question``): only that question's lines change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.bank import load_bank
from quizgen.bankio import question_to_dict, read_bank_file
from quizgen.errors import InputError
from quizgen.locking import folder_locked
from quizgen.model import Question
from quizgen.review.edits import FIELD_NAMES, EditError, apply_edit, current_text, fields_for
from quizgen.review.session import write_question

STATUS_OF = {"accept": "reviewed", "reject": "rejected"}
DONE = {"accept": "已接受", "reject": "已拒绝", "edit": "已修改"}


class StaleQuestion(InputError):
    """The question changed since the reviewer's page showed it."""


@dataclass
class Decision:
    """What a decision did: the question as it is now, a message and notes."""

    question: Question
    message: str
    notes: list[str] = field(default_factory=list)


def version(q: Question) -> str:
    """A short hash of the question's fields as stored: it changes whenever the question does."""
    data = json.dumps(question_to_dict(q), ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(data.encode("utf-8"), digest_size=8).hexdigest()


def _locate(folder: Path, qid: str) -> tuple[Path, Question]:
    for bf in load_bank(folder).files:
        for q in bf.questions:
            if q.id == qid:
                return bf.path, q
    raise InputError(f"题库中没有题目 {qid!r}（可能已在别处删去）", path=str(folder))


def edited(q: Question, texts: dict[str, str]) -> tuple[Question, list[str]]:
    """The question with each field of ``texts`` (stem, options, answer, accept, as the review's
    line editor writes them) that differs from its current text applied in menu order."""
    notes: list[str] = []
    new = q
    for name in fields_for(q):
        text = texts.get(name)
        if text is None or text.strip() == current_text(new, name).strip():
            continue
        try:
            new, more = apply_edit(new, name, text)
        except EditError as exc:
            raise InputError(f"{FIELD_NAMES[name]}：{exc}") from None
        notes += more
    return new, notes


def decide(folder: str | Path, qid: str, seen: str, action: str,
           texts: dict[str, str] | None = None) -> Decision:
    """Make ``action`` (accept | reject | edit with ``texts``) on question ``qid``, which the
    reviewer saw at version ``seen``; StaleQuestion when it changed since (nothing written)."""
    if action not in DONE:
        raise InputError(f"未知的操作 {action!r}：可用 accept、reject、edit")
    folder = Path(folder)
    with folder_locked(folder, wait_message=None):
        path, q = _locate(folder, qid)
        if version(q) != seen:
            raise StaleQuestion("这道题在您打开页面之后已被修改（在另一个页面或由别人）；为免覆盖，"
                                "这次没有保存。请重新载入页面，看过最新内容后再改", path=path.name)
        before = path.read_bytes()
        if action == "edit":
            new, notes = edited(q, texts or {})
        else:
            new, notes = dataclasses.replace(q, status=STATUS_OF[action]), []
        if new == q:
            return Decision(q, "未改动" if action == "edit" else DONE[action], notes)
        write_question(path, before, new, status_only=action != "edit")
        fresh = {x.id: x for x in read_bank_file(path)[0].questions}
    return Decision(fresh.get(qid, new), DONE[action], notes)
