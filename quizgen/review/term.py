"""``quizgen review`` in the terminal: the key loop over a :class:`ReviewSession`.

In a real terminal (prompt_toolkit) an action key acts at once, without Enter, and a field is
edited in a line editor that starts with its current text. Piped input is one command per line
(``a``, ``r``, ``e`` then the field number and the new text on the next two lines, ``s``, ``u``,
``q``), echoed so the transcript reads like the screen.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

from quizgen.errors import QuizgenError
from quizgen.quiz.render import Line, line
from quizgen.quiz.ui import PlainUI, TermUI
from quizgen.review.edits import FIELD_NAMES, EditError, current_text, fields_for, hint
from quizgen.review.screen import KEYS, field_menu, item_lines
from quizgen.review.session import ReviewSession

ACTIONS = {
    "a": "accept", "接受": "accept", "y": "accept",
    "r": "reject", "拒绝": "reject", "x": "reject",
    "e": "edit", "编辑": "edit",
    "s": "skip", "跳过": "skip", "n": "skip",
    "u": "undo", "撤销": "undo", "z": "undo",
    "q": "quit", "退出": "quit",
    "?": "help", "h": "help", "帮助": "help",
}
ACTION_KEYS = "arsueq?h"


class ReviewTermUI(TermUI):
    """The quiz's terminal UI plus single-key actions and a prefilled line editor."""

    def ask_key(self, prompt: str, keys: str) -> str:
        from prompt_toolkit.application.current import get_app
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.formatted_text import FormattedText
        from prompt_toolkit.key_binding import KeyBindings

        kb = KeyBindings()
        empty = Condition(lambda: not get_app().current_buffer.text)
        def act(event) -> None:
            key = event.key_sequence[0].key
            event.app.current_buffer.insert_text(key)  # the key stays visible after the prompt
            event.app.exit(result=key)

        for k in keys:
            kb.add(k, filter=empty)(act)
        return self.session.prompt(FormattedText([("class:prompt", prompt)]), key_bindings=kb)

    def edit(self, prompt: str, default: str) -> str:
        from prompt_toolkit.formatted_text import FormattedText

        return self.session.prompt(FormattedText([("class:prompt", prompt)]), default=default)


class ReviewPlainUI(PlainUI):
    """Plain lines: every command and every new field text on a line of its own."""

    def ask_key(self, prompt: str, keys: str) -> str:
        return self.read(prompt)

    def edit(self, prompt: str, default: str) -> str:
        return self.read(prompt)


def make_review_ui():
    """The terminal UI when input and output are both a terminal, plain lines otherwise."""
    if sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM", "") != "dumb":
        try:
            return ReviewTermUI()
        except Exception as exc:  # noqa: BLE001 - a terminal prompt_toolkit cannot drive: plain lines work
            print(f"警告：终端无法完整显示（{exc}），改用纯文本", file=sys.stderr)
    return ReviewPlainUI()


def _edit(session: ReviewSession, ui) -> list[Line]:
    item = session.current
    fields = fields_for(item.q)
    ui.emit([line(("dim", "修改哪一项：" + field_menu(item)))])
    choice = ui.ask_key("改哪一项> ", "".join(str(i) for i in range(1, len(fields) + 1))).strip()
    if not choice:
        return [line(("dim", "已取消"))]
    names = {str(i): f for i, f in enumerate(fields, 1)}
    names.update({FIELD_NAMES[f]: f for f in fields})
    names.update({f: f for f in fields})
    field = names.get(choice)
    if field is None:
        return [line(("warn", f"没有这一项：{choice}（请输入 1–{len(fields)}）"))]
    ui.emit([line(("dim", f"{FIELD_NAMES[field]}：{hint(item.q, field)}；Ctrl-C 取消"), hang=2)])
    try:
        text = ui.edit(f"{FIELD_NAMES[field]}> ", current_text(item.q, field))
    except KeyboardInterrupt:
        return [line(("dim", "已取消"))]
    out = session.edit(field, text)
    return [line(("ok", out.message))] + [line(("dim", n), hang=2) for n in out.notes]


def run_review(session: ReviewSession, ui) -> int:
    """The key loop; returns the exit code (0, or 130 after Ctrl-C)."""
    total = len(session.items)
    intro = [line(("title", "quizgen 审题"), ("dim", f"  共 {total} 题")), line(("dim", KEYS))]
    if session.resumed:
        intro.append(line(("warn", f"从上次停下的第 {session.pos + 1} 题继续")))
    ui.emit(intro)
    show, code = True, 0
    while True:
        if session.done:
            ui.emit([line(("ok", f"已看完全部 {total} 题。")), line(("dim", "[u]撤销 [q]退出"))])
        elif show:
            ui.emit(item_lines(session.current, session.pos + 1, total))
        show = False
        try:
            raw = ui.ask_key("操作> ", "uq" if session.done else ACTION_KEYS)
        except EOFError:
            ui.emit([line(("dim", "输入结束"))])
            break
        except KeyboardInterrupt:
            ui.emit([line(("warn", "已中断（Ctrl-C）"))])
            code = 130
            break
        action = ACTIONS.get(raw.strip().lower())
        if session.done and action not in ("undo", None):
            break
        try:
            if action in ("accept", "reject", "skip", "undo"):
                out = getattr(session, action)()
                ui.emit([line(("ok" if action != "reject" else "bad", out.message))]
                        + [line(("dim", n)) for n in out.notes])
                show = True
            elif action == "edit":
                ui.emit(_edit(session, ui))
                show = True
            elif action == "quit":
                break
            elif raw.strip():
                ui.emit([line(("warn" if action != "help" else "dim", KEYS))])
        except EditError as exc:
            ui.emit([line(("warn", f"未修改：{exc}"), hang=2)])
        except EOFError:
            ui.emit([line(("dim", "输入结束"))])
            break
        except QuizgenError as exc:
            ui.emit([line(("bad", f"未完成：{exc}"), hang=2)])
    session.save_state()
    ui.emit([line(("dim", _summary(session)))])
    ui.close()
    return code


def _summary(session: ReviewSession) -> str:
    n = Counter(step.action for step in session.history)
    text = f"本次：接受 {n['accept']}，拒绝 {n['reject']}，修改 {n['edit']}，跳过 {n['skip']}"
    if not session.done:
        text += f"；下次 quizgen review 从第 {session.pos + 1} 题继续"
    return text


def run_review_cli(bank: str = "question_bank", doc: str | None = None, type_: str | None = None,
                   status: str | None = None, order: str = "importance") -> None:
    session = ReviewSession(bank, docs=doc, types=type_, statuses=status, order=order)
    code = run_review(session, make_review_ui())
    if code:
        sys.exit(code)
