"""What the quiz shows, as styled lines: the question, the verdict with its 出处, the summary.

Pure functions from questions and grades to :class:`Line` values. A line is a list of
``(style, text)`` segments plus the indent its wrapped continuation lines take; the terminal
layer (``ui``) decides whether styles become colours and how lines wrap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizgen.model import TYPE_NAMES, Question
from quizgen.quiz.answers import LETTERS, Grade, Response, answer_text, blank_count, response_text
from quizgen.textnorm import BLANK_RE

RULE = "─" * 36
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

Seg = tuple[str, str]


@dataclass(slots=True)
class Line:
    """One logical line of output."""

    segs: list[Seg] = field(default_factory=list)
    hang: int = 0
    """Indent (in terminal cells) of continuation lines when the line wraps."""

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.segs)


def line(*parts: str | Seg, hang: int = 0) -> Line:
    return Line([p if isinstance(p, tuple) else ("", p) for p in parts], hang)


def fmt_seconds(sec: float) -> str:
    sec = round(sec)
    if sec < 60:
        return f"{sec} 秒"
    m, s = divmod(sec, 60)
    if m < 60:
        return f"{m} 分 {s:02d} 秒"
    h, m = divmod(m, 60)
    return f"{h} 小时 {m:02d} 分"


def stem_display(q: Question) -> str:
    """The stem with blanks drawn as ``____``, numbered ``__①__`` when there are several."""
    if q.type != "fill":
        return q.stem
    n = blank_count(q)
    if n <= 1:
        return BLANK_RE.sub("____", q.stem)
    count = iter(range(n))

    def number(_m) -> str:
        i = next(count, n)
        return f"__{CIRCLED[i]}__" if i < len(CIRCLED) else f"__({i + 1})__"

    return BLANK_RE.sub(number, q.stem)


def prompt_text(q: Question) -> str:
    if q.type == "single":
        return f"答案（{LETTERS[0]}–{LETTERS[len(q.options or []) - 1]}）> "
    if q.type == "multi":
        return "答案（多选，如 ABD）> "
    if q.type == "judge":
        return "答案（对/错）> "
    n = blank_count(q)
    return f"答案（{n} 个空，用空格或、隔开）> " if n > 1 else "答案> "


def question_lines(
    q: Question,
    index: int,
    total: int | None,
    right: int,
    *,
    challenge: bool = False,
    time_limit: int | None = None,
) -> list[Line]:
    """The header with number, progress and running score, then the stem and options."""
    kind = TYPE_NAMES.get(q.type, q.type)
    if challenge:
        head = f"挑战答题 · 第 {index} 题 · {kind}"
        score = f"连续答对 {right} 题"
    else:
        head = f"第 {index}/{total} 题 · {kind}"
        score = f"得分 {right}/{index - 1}"
    parts: list[str | Seg] = [("title", head), ("dim", "  │  "), ("score", score)]
    if time_limit:
        parts += [("dim", "  │  "), ("dim", f"限时 {time_limit} 秒")]
    out = [line(("dim", RULE)), line(*parts), line(("stem", stem_display(q)))]
    for i, opt in enumerate(q.options or []):
        out.append(line("  ", ("letter", f"{LETTERS[i]}."), " ", opt, hang=5))
    return out


def marked_sentence(sentence: str, spans: list[str]) -> list[Seg]:
    """The sentence cut into segments, each tested span styled ``mark``."""
    taken: list[tuple[int, int]] = []
    for span in spans:
        if not span:
            continue
        start = sentence.find(span)
        while start >= 0 and any(a < start + len(span) and start < b for a, b in taken):
            start = sentence.find(span, start + 1)
        if start >= 0:
            taken.append((start, start + len(span)))
    taken.sort()
    segs: list[Seg] = []
    pos = 0
    for a, b in taken:
        if a > pos:
            segs.append(("", sentence[pos:a]))
        segs.append(("mark", sentence[a:b]))
        pos = b
    if pos < len(sentence):
        segs.append(("", sentence[pos:]))
    return segs


def source_line(q: Question) -> Line | None:
    sentence = q.source.sentence
    if not sentence:
        return None
    spans = list(q.source.spans) or [a for a in q.answer if a in sentence]
    where = "，".join(x for x in (q.source.doc, q.source.section) if x)
    label = f"出处（{where}）：" if where else "出处："
    return Line([("dim", label)] + marked_sentence(sentence, spans), hang=2)


BOOK_NOTES = {
    "added": "已记入错题本",
    "again": "错题本里已有此题，再记一次",
    "progress": "答对了，再答对 1 次即移出错题本",
    "cleared": "已从错题本移出",
}


def feedback_lines(q: Question, r: Response, g: Grade, book_outcome: str = "") -> list[Line]:
    """Right or wrong, the correct answer, what was wrong in detail, and the 出处."""
    out: list[Line] = []
    if g.correct:
        out.append(line(("ok", "✓ 回答正确")))
    else:
        if r.timed_out:
            verdict = "✗ 超时"
        elif r.skipped:
            verdict = "✗ 无法识别的答案" if r.unreadable and r.raw.strip() else "✗ 未作答"
        else:
            verdict = "✗ 回答错误"
        out.append(line(("bad", verdict), "  正确答案：", ("answer", answer_text(q)), hang=4))
        given = response_text(q, r)
        per_blank = q.type == "fill" and len(q.answer) > 1 and bool(r.blanks)
        if given not in ("未作答", "超时") and not per_blank:
            mine: list[str | Seg] = ["  ", ("dim", "你的答案："), given]
            if q.type == "multi" and r.letters:
                hits = [x for x in r.letters if x in g.right_letters]
                detail = [f"选对 {''.join(hits)}"] if hits else []
                if g.missed:
                    detail.append(f"漏选 {''.join(g.missed)}")
                if g.extra:
                    detail.append(f"错选 {''.join(g.extra)}")
                mine.append(("dim", "（" + "；".join(detail) + "）"))
            out.append(line(*mine, hang=4))
        if r.unreadable and r.raw.strip():
            out.append(line("  ", ("warn", r.unreadable), hang=2))
        if per_blank:
            for i, ok in enumerate(g.blank_ok):
                got = r.blanks[i] if i < len(r.blanks) else ""
                mark = ("ok", "✓") if ok else ("bad", "✗")
                label = CIRCLED[i] if i < len(CIRCLED) else f"({i + 1})"
                out.append(
                    line("  ", mark, f" {label} 你填「{got}」", ("dim", f"，应为「{q.answer[i]}」"), hang=4)
                )
    src = source_line(q)
    if src is not None:
        out.append(src)
    if book_outcome in BOOK_NOTES:
        out.append(line(("dim", f"（{BOOK_NOTES[book_outcome]}）")))
    return out


def retry_line(message: str) -> Line:
    return line(("warn", message))


@dataclass
class Answered:
    """One answered question, for the summary."""

    q: Question
    response: Response
    grade: Grade
    seconds: float


def summary_lines(
    answered: list[Answered],
    *,
    planned: int | None,
    elapsed: float,
    ended_by: str = "",
    challenge: bool = False,
    book_note: str = "",
) -> list[Line]:
    """Score, time, and every wrong question again with its answer."""
    right = sum(a.grade.correct for a in answered)
    n = len(answered)
    out = [line(("dim", "═" * 36))]
    if ended_by:
        out.append(
            line(
                (
                    "warn",
                    {"interrupt": "已中断（Ctrl-C）", "eof": "输入结束"}.get(ended_by, ended_by)
                    + f"：答了 {n}"
                    + (f"/{planned}" if planned and not challenge else "")
                    + " 题",
                )
            )
        )
    if challenge:
        if n and not answered[-1].grade.correct:
            out.append(line(("title", f"挑战结束：连续答对 {right} 题")))
        elif n and not ended_by:
            out.append(line(("ok", f"挑战成功：{n} 题全部答对！")))
        else:
            out.append(line(("title", f"挑战答题：连续答对 {right} 题")))
    else:
        pct = f"（{round(100 * right / n)}%）" if n else ""
        out.append(line(("title", "得分："), ("score", f"{right}/{n}{pct}")))
    avg = f"，平均每题 {fmt_seconds(elapsed / n)}" if n else ""
    out.append(line(("title", "用时："), f"{fmt_seconds(elapsed)}{avg}"))
    wrong = [(i, a) for i, a in enumerate(answered, 1) if not a.grade.correct]
    if wrong:
        out.append(line(("title", f"错题回顾（{len(wrong)} 题）：")))
        for i, a in wrong:
            kind = TYPE_NAMES.get(a.q.type, a.q.type)
            out.append(line(f"{i:>3}. ", ("dim", f"[{kind}] "), stem_display(a.q), hang=5))
            for j, opt in enumerate(a.q.options or []):
                out.append(line("       ", ("letter", f"{LETTERS[j]}."), " ", opt, hang=10))
            out.append(
                line(
                    "     ",
                    ("dim", "你的答案："),
                    response_text(a.q, a.response),
                    ("dim", "　正确答案："),
                    ("answer", answer_text(a.q)),
                    hang=5,
                )
            )
    elif n:
        out.append(line(("ok", "全部答对！")))
    if book_note:
        out.append(line(("dim", book_note)))
    return out
