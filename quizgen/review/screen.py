"""What the review shows, as styled lines (the quiz's :class:`~quizgen.quiz.render.Line`): one
question as it will print, with its answer, source sentence, document, section, status and score.
"""

from __future__ import annotations

from quizgen.doctext import neighbours
from quizgen.model import TYPE_NAMES
from quizgen.questions.quality import problems as quality_problems
from quizgen.quiz.answers import LETTERS, answer_text
from quizgen.quiz.render import RULE, Line, line, marked_sentence, stem_display
from quizgen.review.edits import FIELD_NAMES, fields_for
from quizgen.review.session import STATUS_NAMES, Item

KEYS = "[a]接受 [r]拒绝 [e]编辑 [s]跳过 [u]撤销 [q]退出"
STATUS_STYLE = {"new": "warn", "reviewed": "ok", "rejected": "bad"}


def item_lines(item: Item, index: int, total: int) -> list[Line]:
    """The question under review, everything a reviewer needs to decide on it."""
    q = item.q
    kind = TYPE_NAMES.get(q.type, q.type)
    out = [
        line(("dim", RULE)),
        line(("title", f"第 {index}/{total} 题 · {kind}"), ("dim", "  │  状态："),
             (STATUS_STYLE.get(q.status, ""), f"{STATUS_NAMES.get(q.status, q.status)}（{q.status}）"),
             ("dim", f"  │  重要度 {q.score:.3f}")),
        line(("dim", "文档："), q.source.doc or item.path.stem,
             ("dim", f"《{item.title}》" if item.title else ""), hang=4),
    ]
    section = q.source.section
    if section:
        out.append(line(("dim", "章节："), section, hang=4))
    out.append(line(("stem", stem_display(q)), hang=0))
    for i, opt in enumerate(q.options or []):
        out.append(line("  ", ("letter", f"{LETTERS[i]}."), " ", opt, hang=5))
    out.append(line(("dim", "答案："), ("answer", answer_text(q)), hang=4))
    alts = [f"{q.answer[i]}：{' / '.join(a)}" for i, a in enumerate(q.accept) if a and i < len(q.answer)]
    if alts:
        out.append(line(("dim", "也接受："), "；".join(alts), hang=4))
    if q.source.sentence:
        spans = list(q.source.spans) or [a for a in q.answer if a in q.source.sentence]
        before, after = neighbours(item.path.parent, q.source.doc, q.source.sentence)
        if before:
            out.append(line(("dim", f"上文：{before}"), hang=4))
        out.append(Line([("dim", "原句：")] + marked_sentence(q.source.sentence, spans), hang=4))
        if after:
            out.append(line(("dim", f"下文：{after}"), hang=4))
    for msg in quality_problems(q):
        out.append(line(("warn", f"提示：{msg}"), hang=4))
    out.append(line(("dim", f"id：{q.id}")))
    return out


def field_menu(item: Item) -> str:
    fields = fields_for(item.q)
    return "  ".join(f"[{i}]{FIELD_NAMES[f]}" for i, f in enumerate(fields, 1)) + "  （回车取消）"
