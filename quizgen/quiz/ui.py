"""The terminal side of the quiz: printing styled lines and reading one answer.

Two implementations of one small interface (``emit``, ``read``, ``close``):

* :class:`TermUI`, when both standard input and output are a terminal: prompt_toolkit reads the
  answer (line editing that knows wide characters, Ctrl-C/Ctrl-D, and a countdown in the prompt
  when there is a time limit) and prints colour; lines are wrapped here to the terminal width by
  display cells, so Chinese text and hanging indents line up.
* :class:`PlainUI` otherwise (piped input or output, ``TERM=dumb``): plain text, no escape codes,
  no wrapping. Piped input is one line per question: answers are echoed so a transcript reads
  like the screen, and an unreadable line counts wrong instead of being asked again. A time
  limit is checked after the answer arrives.

``read`` returns the typed line, or :data:`TIMEOUT` followed by whatever had been typed when the
time ran out; it raises EOFError at the end of input and KeyboardInterrupt on Ctrl-C.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable
from typing import TextIO

from quizgen.errors import WARNING_PREFIX
from quizgen.quiz.render import Line, Seg

TIMEOUT = "\x00timeout"
"""Prefix of what ``read`` returns when the time limit passed before Enter."""

STYLES = {
    "title": "bold",
    "dim": "#888888",
    "score": "bold ansicyan",
    "stem": "bold",
    "letter": "bold ansiblue",
    "ok": "bold ansigreen",
    "bad": "bold ansired",
    "warn": "ansiyellow",
    "answer": "bold ansigreen",
    "mark": "bold underline ansiyellow",
    "prompt": "bold ansicyan",
    "clock": "ansicyan",
    "clock.low": "bold ansired",
}

CLOSING = set("，。、；：！？）》」』〉】”’,.;:!?)]}%…—")
OPENING = set("（《「『〈【“‘([{")


def char_width(ch: str) -> int:
    """Terminal cells taken by ``ch``: 2 for wide (CJK) characters, 0 for combining marks."""
    try:
        from wcwidth import wcwidth
    except ImportError:  # pragma: no cover - wcwidth comes with prompt_toolkit
        if unicodedata.combining(ch):
            return 0
        return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    w = wcwidth(ch)
    return 1 if w < 0 else w


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_-'")


def _units(segs: list[Seg]) -> list[list[Seg]]:
    """Pieces a line may not be broken inside: a Latin word or number, or one wide character
    with the closing punctuation that follows it and the opening punctuation before it."""
    units: list[list[Seg]] = []
    glue_next = False
    for style, text in segs:
        for ch in text:
            prev = units[-1][-1][1] if units else ""
            if (
                units
                and ch != " "
                and prev != " "
                and (glue_next or ch in CLOSING or (_is_word(ch) and _is_word(prev)))
            ):
                units[-1].append((style, ch))
            else:
                units.append([(style, ch)])
            glue_next = ch in OPENING
    return units


def wrap(ln: Line, width: int) -> list[list[Seg]]:
    """Wrap a styled line to ``width`` cells; continuation rows start with ``ln.hang`` spaces."""
    width = max(width, 8)
    hang = ln.hang if ln.hang < width // 2 else 0
    rows: list[list[Seg]] = []
    row: list[Seg] = []
    used = 0
    start = 0  # cells of indent at the start of the current row

    def newline() -> None:
        nonlocal row, used, start
        rows.append(row)
        row = [("", " " * hang)] if hang else []
        used = start = hang

    for unit in _units(ln.segs):
        w = sum(char_width(c) for _, c in unit)
        if unit[0][1] == " " and used == start and rows:
            continue  # no space at the start of a continuation row
        if used + w > width and used > start:
            newline()
            if unit[0][1] == " ":
                continue
        for style, ch in unit:
            cw = char_width(ch)
            if used + cw > width and used > start:
                newline()
            row.append((style, ch))
            used += cw
    rows.append(row)
    return [_merge(r) for r in rows]


def _merge(row: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for style, text in row:
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + text)
        else:
            out.append((style, text))
    return out


class PlainUI:
    """Plain text on any stream; reads whole lines."""

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.clock = clock
        self.echo = not _isatty(self.stdin)
        # piped input is one line per question: an unreadable line counts wrong rather than
        # shifting every later answer onto the wrong question
        self.asks_again = not self.echo

    def emit(self, lines: list[Line]) -> None:
        for ln in lines:
            text = "".join(f"【{t}】" if s == "mark" else t for s, t in ln.segs)
            self.stdout.write(text.rstrip() + "\n")
        self.stdout.flush()

    def read(self, prompt: str, deadline: float | None = None) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        raw = self.stdin.readline()
        if raw == "":
            self.stdout.write("\n")
            self.stdout.flush()
            raise EOFError
        text = raw.rstrip("\r\n")
        if self.echo:
            self.stdout.write(text + "\n")
            self.stdout.flush()
        return text

    def close(self) -> None:
        self.stdout.flush()


class TermUI:
    """Colour, wrapping and line editing in a real terminal, through prompt_toolkit."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        from prompt_toolkit import PromptSession
        from prompt_toolkit.styles import Style

        self.clock = clock
        self.asks_again = True
        self.style = Style.from_dict(STYLES)
        self.session: PromptSession = PromptSession(style=self.style)
        self.plain_marks = bool(os.environ.get("NO_COLOR"))

    def width(self) -> int:
        return max(20, shutil.get_terminal_size((80, 24)).columns - 1)

    def emit(self, lines: list[Line]) -> None:
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        width = self.width()
        for ln in lines:
            if self.plain_marks:
                ln = Line([(s, f"【{t}】" if s == "mark" else t) for s, t in ln.segs], ln.hang)
            for row in wrap(ln, width):
                print_formatted_text(
                    FormattedText([(f"class:{s}" if s else "", t) for s, t in row]), style=self.style
                )

    def read(self, prompt: str, deadline: float | None = None) -> str:
        from prompt_toolkit.formatted_text import FormattedText

        message = FormattedText([("class:prompt", prompt)])
        if deadline is None:
            return self.session.prompt(message)
        import asyncio

        from prompt_toolkit.application.current import get_app

        def left() -> int:
            return max(0, math.ceil(deadline - self.clock()))

        def countdown() -> FormattedText:
            # in the prompt itself rather than a bottom toolbar: the toolbar needs the terminal to
            # answer cursor-position requests, the prompt line is drawn everywhere
            n = left()
            return FormattedText(
                [
                    ("class:clock.low" if n <= 10 else "class:clock", f"剩{n:>3} 秒"),
                    ("", " "),
                    ("class:prompt", prompt),
                ]
            )

        async def timer() -> None:
            while self.clock() < deadline:
                await asyncio.sleep(min(0.25, max(0.01, deadline - self.clock())))
            app = get_app()
            if app.is_running and not app.is_done:
                app.exit(result=TIMEOUT + app.current_buffer.text)

        def pre_run() -> None:
            get_app().create_background_task(timer())

        return self.session.prompt(countdown, refresh_interval=0.5, pre_run=pre_run)

    def close(self) -> None:
        pass


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def make_ui(clock: Callable[[], float] = time.monotonic) -> PlainUI | TermUI:
    """The terminal UI when input and output are both a terminal, plain text otherwise."""
    if _isatty(sys.stdin) and _isatty(sys.stdout) and os.environ.get("TERM", "") != "dumb":
        try:
            return TermUI(clock)
        except Exception as exc:  # noqa: BLE001 - a terminal prompt_toolkit cannot drive: plain text works
            print(f"{WARNING_PREFIX}终端无法使用完整界面（{exc}）；改用纯文本", file=sys.stderr)
    return PlainUI(clock=clock)
