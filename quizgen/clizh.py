"""click's own words in Chinese ("Usage:", "Options:", "Show this message and exit.", "Missing
argument", "No such option", "Invalid value", …) and a help layout that measures Chinese right.

click marks these words with gettext (``from gettext import gettext as _`` in each of its
modules) but ships no catalogue. ``install()`` puts a small Chinese catalogue in their place,
for click's modules only: other programs' gettext is untouched. A word missing from the
catalogue stays English, never breaks. ``install()`` runs before the commands are declared,
because click looks up the help of ``--version`` when the decorator runs.

click wraps and aligns help by counting characters and joins a paragraph's lines with spaces;
a Chinese character takes two columns and Chinese lines join without a space.
``ChineseHelpFormatter`` does both right, and keeps closing punctuation off the start of a line.
"""

from __future__ import annotations

import gettext
import importlib
import re
import unicodedata

import click

CATALOGUE = {
    # help pages
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    # usage errors
    "Error: {message}": "quizgen：错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "您是不是要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "您是不是要用其中之一：{possibilities}？",
    "Invalid value: {message}": "无效的值：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，却给了 {len} 个。",
    "Value must be an iterable.": "值必须是一组。",
    # values of a type
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    # click fills in its English type name; quizgen's numeric options are all whole numbers
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的整数。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的布尔值。可用的值：{states}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中止！",
}
"""click's message ids (English, as in its source) -> Chinese; the placeholders are kept."""

TYPE_NAMES = {
    "integer": "整数",
    "float": "数字",
    "text": "文字",
    "boolean": "是/否",
    "directory": "文件夹",
    "file": "文件",
    "path": "路径",
}
"""click's parameter type names -> the Chinese shown as an option's metavar and in errors."""

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


class ClickChinese(gettext.NullTranslations):
    """The catalogue as a gettext translation (what is not in it comes back unchanged)."""

    def gettext(self, message: str) -> str:
        return CATALOGUE.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def install() -> None:
    """Give click's modules the Chinese catalogue in place of their gettext functions."""
    zh = ClickChinese()
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = zh.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = zh.ngettext


def missing_message(exc: click.MissingParameter, ctx: click.Context) -> str:
    """``缺少参数 '文件...'。`` for click's ``Missing argument 'INPUTS...'.`` (whose full stop is fixed)."""
    kind = {"argument": "参数", "option": "选项"}.get(exc.param_type or "", "参数")
    hint = exc.param.get_error_hint(ctx) if exc.param is not None else ""
    return f"缺少{kind} {hint}。" if hint else f"缺少{kind}。"


def chinese_metavars(params) -> None:
    """Options whose metavar would be click's English type name (INTEGER, TEXT) get its Chinese."""
    for p in params:
        if isinstance(p, click.Option) and not p.is_flag and p.metavar is None:
            name = TYPE_NAMES.get(p.type.name)
            if name:
                p.metavar = name


# ---------------------------------------------------------------------------- layout

NO_LINE_START = set("，。、；：？！）》」』”’…,.;:?!)]")
_TOKEN = re.compile(r"\s+|[\x21-\x7e]+|.")


def width(text: str) -> int:
    """Columns the text takes in a terminal (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def join_lines(lines: list[str]) -> str:
    """One paragraph from its source lines: a space between Latin words, none beside Chinese."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if out and line:
            out += "" if _wide(out[-1]) or _wide(line[0]) else " "
        out += line
    return out


def wrap(text: str, cols: int) -> list[str]:
    """Greedy wrap to ``cols`` columns, breaking between Chinese characters or at spaces."""
    lines: list[str] = []
    cur, used = "", 0
    for tok in _TOKEN.findall(text):
        w = width(tok)
        if tok.isspace():
            if cur and used + w <= cols:
                cur, used = cur + tok, used + w
            continue
        if used + w > cols and cur.strip() and tok not in NO_LINE_START:
            lines.append(cur.rstrip())
            cur, used = tok, w
        else:
            cur, used = cur + tok, used + w
    lines.append(cur.rstrip())
    return lines


def wrap_text(text: str, cols: int, indent: str = "") -> str:
    """click's help text: paragraphs rewrapped, a paragraph after a ``\\b`` line kept as it is."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip("\n")):
        lines = para.split("\n")
        if lines[0].strip() == "\b":
            out.append("\n".join((indent + ln).rstrip() for ln in lines[1:]))
            continue
        lead = " " * (len(lines[0]) - len(lines[0].lstrip()))
        body = wrap(join_lines(lines), max(cols - len(indent) - len(lead), 10))
        out.append("\n".join(indent + lead + ln for ln in body))
    return "\n\n".join(out)


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout with 用法：/选项： and widths counted in terminal columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{' ' * self.current_indent}{prefix if prefix is not None else '用法：'}{prog}"
        if not args:
            self.write(head + "\n")
            return
        rest = wrap(args, max(self.width - width(head) - 1, 20))
        pad = " " * (width(head) + 1)
        self.write(head + " " + ("\n" + pad).join(rest) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{heading}：\n")

    def write_text(self, text: str) -> None:
        self.write(wrap_text(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((width(r[0]) for r in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(
                join_lines(second.split("\n")), max(self.width - first_col - self.current_indent, 10)
            )
            self.write(("\n" + " " * (first_col + self.current_indent)).join(lines) + "\n")


class ChineseContext(click.Context):
    """A context whose help pages use ``ChineseHelpFormatter``."""

    formatter_class = ChineseHelpFormatter
