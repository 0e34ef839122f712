"""Reading and scoring a quiz answer: pure functions, no input or output.

Owns how a typed answer is understood — choice letters in any order and case, 对/错 and its
many spellings, fill answers split into blanks — and how it is compared with the bank's answer
(after :func:`quizgen.textnorm.norm`, accepting the bank's listed alternatives).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, Question
from quizgen.textnorm import count_blanks, norm

LETTERS = "ABCDEFGH"

JUDGE_WORDS = {
    True: {"对", "√", "✓", "✔", "y", "yes", "t", "true", "是", "正确", "对的", "1", "v", "o", "○"},
    False: {"错", "×", "✗", "✘", "x", "n", "no", "f", "false", "否", "错误", "错的", "不对", "0"},
}
SKIP_WORDS = {"?", "？", "skip", "跳过", "不会", "不知道"}
FILL_SPLIT_RE = re.compile(r"[\s、，,;；/|]+")
CHOICE_SEP_RE = re.compile(r"[\s,，、;；/.。和与及]+")


class AnswerFormatError(ValueError):
    """The input cannot be read as an answer to this question (ask again, not counted)."""


@dataclass(slots=True)
class Response:
    """What the user answered, understood: letters for choices, a truth value, or blank texts."""

    raw: str
    """The line as typed."""
    letters: list[str] = field(default_factory=list)
    """Choice: the chosen letters, sorted (e.g. ["B", "D"])."""
    truth: bool | None = None
    """Judge: True for 对, False for 错."""
    blanks: list[str] = field(default_factory=list)
    """Fill: one text per blank."""
    skipped: bool = False
    """The user passed (``?``): counted wrong, the answer is shown."""
    timed_out: bool = False
    """Given after the time limit (or no answer in time): counted wrong as 超时."""
    unreadable: str = ""
    """Why the line could not be read as an answer, when it is not asked again (piped input,
    one line per question): counted wrong, like a skip."""


@dataclass(slots=True)
class Grade:
    """The verdict on one response."""

    correct: bool
    right_letters: list[str] = field(default_factory=list)
    """Choice: the correct letters."""
    missed: list[str] = field(default_factory=list)
    """Multi: correct letters not chosen."""
    extra: list[str] = field(default_factory=list)
    """Choice: chosen letters that are wrong."""
    blank_ok: list[bool] = field(default_factory=list)
    """Fill: per blank, whether that blank was right."""


def is_skip(text: str) -> bool:
    return text.strip().lower() in SKIP_WORDS


def correct_letters(q: Question) -> list[str]:
    """The letters of the correct options, in order."""
    opts = q.options or []
    return [LETTERS[i] for i, o in enumerate(opts) if o in q.answer]


def parse_choice(text: str, n_options: int, multi: bool) -> list[str]:
    """``bd``, ``B D``, ``D,B``, ``Ｂ、Ｄ`` -> ["B", "D"]; raises AnswerFormatError if unreadable."""
    s = unicodedata.normalize("NFKC", text).strip().upper()
    valid = LETTERS[:n_options]
    last = valid[-1] if valid else "A"
    letters: set[str] = set()
    for chunk in CHOICE_SEP_RE.split(s):
        for ch in chunk:
            if ch not in valid:
                raise AnswerFormatError(f"请用字母 A–{last} 作答")
            letters.add(ch)
    if not letters:
        raise AnswerFormatError(f"请用字母 A–{last} 作答")
    if not multi and len(letters) > 1:
        raise AnswerFormatError("单选题只选一个字母")
    return sorted(letters)


def parse_judge(text: str) -> bool:
    """对/错, √/×, y/n, t/f (and 是/否, 正确/错误 …) -> True/False."""
    s = unicodedata.normalize("NFKC", text).strip().lower().rstrip("。.!！")
    for truth, words in JUDGE_WORDS.items():
        if s in words:
            return truth
    raise AnswerFormatError("请回答 对 或 错（也可用 √/×、y/n、t/f）")


def split_fill(text: str, n_blanks: int) -> list[str]:
    """One text per blank. A single blank takes the whole line (spaces allowed inside); several
    blanks are separated by spaces, 、, ，, or commas. Raises AnswerFormatError on a count mismatch."""
    s = text.strip()
    if n_blanks <= 1:
        if not s:
            raise AnswerFormatError("请输入答案")
        return [s]
    parts = [p for p in FILL_SPLIT_RE.split(s) if p]
    if len(parts) != n_blanks:
        raise AnswerFormatError(
            f"本题有 {n_blanks} 个空，请用空格或、隔开 {n_blanks} 个答案（你给了 {len(parts)} 个）"
        )
    return parts


def blank_count(q: Question) -> int:
    return max(1, count_blanks(q.stem) or len(q.answer))


def parse_response(q: Question, text: str) -> Response:
    """Understand ``text`` as an answer to ``q``; raises AnswerFormatError to ask again."""
    if is_skip(text):
        return Response(raw=text, skipped=True)
    if not text.strip():
        raise AnswerFormatError("请输入答案（不会可输入 ? 跳过）")
    if q.type in ("single", "multi"):
        return Response(raw=text, letters=parse_choice(text, len(q.options or []), q.type == "multi"))
    if q.type == "judge":
        return Response(raw=text, truth=parse_judge(text))
    n = blank_count(q)
    try:
        blanks = split_fill(text, n)
    except AnswerFormatError:
        # all blanks typed without separators ("创新协调绿色开放共享") still count when exact
        if n > 1 and norm(text) and norm(text) == norm("".join(q.answer)):
            return Response(raw=text, blanks=list(q.answer))
        raise
    return Response(raw=text, blanks=blanks)


def blank_accepts(q: Question, i: int, text: str) -> bool:
    """Whether ``text`` is an accepted answer for blank ``i`` (the answer or a listed alternative)."""
    got = norm(text)
    if not got:
        return False
    wanted = [q.answer[i]] + (list(q.accept[i]) if i < len(q.accept) else [])
    return any(got == norm(w) for w in wanted)


def grade(q: Question, r: Response) -> Grade:
    """Right or wrong, with the detail needed to explain a wrong answer."""
    if q.type in ("single", "multi"):
        right = correct_letters(q)
        if r.skipped or r.timed_out:
            return Grade(False, right_letters=right, missed=right)
        missed = [x for x in right if x not in r.letters]
        extra = [x for x in r.letters if x not in right]
        return Grade(not missed and not extra, right_letters=right, missed=missed, extra=extra)
    if q.type == "judge":
        truth = q.answer == [JUDGE_TRUE]
        return Grade(not r.skipped and not r.timed_out and r.truth is truth)
    n = len(q.answer)
    if r.skipped or r.timed_out:
        return Grade(False, blank_ok=[False] * n)
    ok = [i < len(r.blanks) and blank_accepts(q, i, r.blanks[i]) for i in range(n)]
    if not all(ok) and q.kind == "enumeration" and len(r.blanks) == n:
        ok = _unordered(q, r.blanks)
    return Grade(all(ok), blank_ok=ok)


def _unordered(q: Question, blanks: list[str]) -> list[bool]:
    """Members of an enumeration may be given in any order: match each blank to an unused one."""
    free = set(range(len(q.answer)))
    ok = []
    for text in blanks:
        hit = next((i for i in sorted(free) if blank_accepts(q, i, text)), None)
        if hit is not None:
            free.discard(hit)
        ok.append(hit is not None)
    return ok


def answer_text(q: Question) -> str:
    """The correct answer as shown to the user: ``B. 1921年``, ``A、C、D``, ``对``, ``一、二``."""
    if q.type == "single":
        letters = correct_letters(q)
        return f"{letters[0]}. {q.answer[0]}" if letters else q.answer[0]
    if q.type == "multi":
        right = [o for o in (q.options or []) if o in q.answer]
        return "、".join(correct_letters(q)) + "（" + "；".join(right) + "）"
    if q.type == "judge":
        return q.answer[0]
    return "、".join(q.answer)


def response_text(q: Question, r: Response) -> str:
    """What the user answered, as shown back."""
    if r.skipped:
        given = r.raw.strip() if r.unreadable else ""
    elif q.type in ("single", "multi"):
        given = "".join(r.letters)
    elif q.type == "judge":
        given = "" if r.truth is None else (JUDGE_TRUE if r.truth else JUDGE_FALSE)
    else:
        given = "、".join(r.blanks)
    if r.timed_out:
        return f"超时（{given}）" if given else "超时"
    return given or "未作答"
