"""Recognising what is not the article: web-site boilerplate, metadata lines, the title.

Works on plain lines (or Blocks whose kind a reader already knows), so every reader (txt, docx,
pdf, html) shares the same rules, and ``make_document`` builds the Document all readers return.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizgen.errors import InputError
from quizgen.model import Block, Document
from quizgen.textnorm import CONTROL_RE

# lines that belong to a web site's frame, not to the article: what may stand anywhere in a line
BOILER_RE = re.compile(
    r"版权所有|ICP备|ICP证|公网安备|友情链接|下载$|浏览次数|阅读次数|点击[数量率]?[:：]\s*\d|字号[:：]?\s*[大中小]",
    re.IGNORECASE,
)
# and what a line begins with (tried at its start only, not at every character of it)
BOILER_START_RE = re.compile(
    r"附件[:：]?$|(苹果|安卓|iOS|Android)版|地址[:：]|"
    r"(电话|邮编|传真|邮箱|E-?mail)[:：]|(责任编辑|编辑|审核|校对|分享到|扫一扫|打印本页|关闭窗口|【打印】|"
    r"【关闭】|上一篇|下一篇|返回顶部|相关新闻|相关链接|Copyright|All Rights Reserved)|(首页|网站首页)\s*[>＞]|"
    r"(网站地图|联系我们|关于我们|网站声明|隐私政策)$|"
    r"[（(【\[]\s*(责任编辑|编辑|审核|校对|作者|记者|来源)\s*[:：][^）)】\]]{0,30}[）)】\]]$|"
    r"(本文|文章)来源[:：]|原标题[:：]|(微信|手机)?扫[一描]扫|(分享|转发)(到|至)?[:：]?\s*$|【?(字体|字号)[:：]|"
    r"(打印|关闭|收藏|返回)(本页|窗口)?$|(当前位置|您的位置|你的位置|您现在的位置)[:：]|(主办|承办|协办)(单位)?[:：]|"
    r"(技术支持|网站支持|网站维护)[:：]|(上一条|下一条|上一页|下一页|更多)[:：>＞»]?|(阅读|浏览|访问)(量|数)[:：]|"
    r"(点赞|评论|收藏)\s*\d*$|(\d+\s*)?(条)?评论$|\[?(打印|关闭|收藏)\]?$",
    re.IGNORECASE,
)
# where a metadata value ends on a web page's info line (字号：大 中 小, 浏览次数：12, 【打印】)
META_STOP_RE = re.compile(r"\s*(?:字号|字体|浏览次数|浏览量|阅读次数|阅读量|点击数|点击量|点击率|分享到|【|\[|打印|"
                          r"[（(]?\s*责任编辑)")
LEADING_DATE_RE = re.compile(r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}日?(\s*\d{1,2}:\d{2}(:\d{2})?)?\s*")
META_RE = re.compile(r"(来源|发布时间|发布日期|时间|日期|作者|记者|责任编辑|编辑)\s*[:：]\s*")


def is_boilerplate(line: str) -> bool:
    s = line.strip()
    return bool(BOILER_RE.search(s) or BOILER_START_RE.match(s))


def parse_meta(line: str) -> dict[str, str] | None:
    """``来源: X时间: Y作者: Z`` -> {来源: X, 时间: Y, 作者: Z}; None if not a metadata line."""
    s = line.strip()
    date = LEADING_DATE_RE.match(s)  # news pages often write "2022-11-30 10:23 来源：新华社"
    if date:
        s = s[date.end():].strip()
    matches = list(META_RE.finditer(s))
    if not matches or matches[0].start() > 2:
        return None
    # a metadata line is short and mostly fields, not a sentence of the article
    if len(s) > 120 or re.search(r"[。！？]$", s) and len(matches) < 2:
        return None
    meta = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        value = META_STOP_RE.split(s[m.end():end], maxsplit=1)[0]
        meta[m.group(1)] = value.strip(" |　").rstrip("）)】]").strip()
    if date and not any(k in meta for k in ("时间", "发布时间", "发布日期", "日期")):
        meta["时间"] = date.group(0).strip()
    return meta


DATELINE_RE = re.compile(
    r"^(?:【[^】]{0,12}】)?(?P<where>本报讯|本报[^\s，,：:]{0,10}电|新华社[^\s，,：:]{0,12}电|[^\s，,：:]{2,6}网讯)"
    r"\s*(?:[（(]?(?:记者|通讯员)\s*(?P<who>[^）)：:，,]{1,20})[）)]?)?\s*[：:]?\s*"
)


def strip_dateline(line: str) -> tuple[str, dict[str, str]]:
    """A news lead's dateline (本报讯 记者赵士振报道：, 新华社北京3月5日电) is metadata, not text
    to ask about: returns the line without it, and the dateline (电头) and reporter (记者)."""
    m = DATELINE_RE.match(line)
    if not m or m.end() >= len(line):
        return line, {}
    meta = {"电头": m.group("where")}
    who = re.sub(r"\s*报道$", "", m.group("who") or "").strip()
    if who:
        meta["记者"] = who
    return line[m.end():].lstrip(), meta


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation: a section title."""
    s = line.strip()
    return 0 < len(s) <= 40 and not re.search(r"[。！？；;，,：:]$", s) and not re.search(r"[。；]", s)


ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")
"""A terminal escape sequence (colour, cursor): dropped whole, not only its ESC."""


def clean_line(text: str) -> str:
    """One paragraph's text: ideographic and runs of spaces made single, zero-width marks and
    control characters dropped (line-like ones become a space): no escape sequence reaches the bank."""
    text = CONTROL_RE.sub("", re.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85]", " ", ANSI_RE.sub("", text)))
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", text.replace("\u3000", " ").replace("\xa0", " "))
    return re.sub(r"[ \t]+", " ", text).strip()


def lines_to_blocks(lines: Iterable[str | Block], *,
                    first_is_title: bool | None = None) -> tuple[str, dict, list[Block]]:
    """Split raw lines into (title, metadata, body blocks), dropping boilerplate.

    A line may be a Block whose kind the reader knows (a Word heading style, an HTML ``<h2>``, a
    table row): a Block keeps its kind; plain strings are classified by shape, as in a .txt.
    The first non-empty line is the title when it is heading-like and followed by more text.
    """
    cleaned: list[Block | str] = []
    for ln in lines:
        if isinstance(ln, Block):
            text = clean_line(ln.text)
            if text:
                cleaned.append(Block(text, ln.kind, ln.level))
        else:
            text = clean_line(ln)
            if text:
                cleaned.append(text)
    title, meta, blocks = "", {}, []
    start = 0
    first = cleaned[0] if cleaned else None
    first_text = first.text if isinstance(first, Block) else first
    if first_text and (first_is_title if first_is_title is not None else
                       (looks_like_heading(first_text) and len(cleaned) > 1 and len(first_text) >= 6)):
        title = first_text
        start = 1
    for item in cleaned[start:]:
        ln = item.text if isinstance(item, Block) else item
        if is_boilerplate(ln):
            continue
        m = parse_meta(ln) if len(blocks) < 3 else None
        if m:
            meta.update(m)
            continue
        if len(blocks) < 3:
            ln, byline = strip_dateline(ln)
            if byline:
                for key, value in byline.items():
                    meta.setdefault(key, value)
                item = Block(ln, item.kind, item.level) if isinstance(item, Block) else ln
        if isinstance(item, Block):
            blocks.append(item)
        elif looks_like_heading(ln):
            blocks.append(Block(ln, "heading", 1))
        else:
            blocks.append(Block(ln))
    # a trailing run of short heading-like lines is site furniture (nav, footer), not article
    while blocks and blocks[-1].kind == "heading":
        blocks.pop()
    return title, meta, blocks


def make_document(items: Iterable[str | Block], name: str, path: str, *, title: str = "",
                  meta: dict[str, str] | None = None) -> Document:
    """The Document every reader returns, from its lines/blocks in reading order.

    ``title`` is a title the format knows (Word's Title style, an HTML ``<h1>``); when the body
    starts with it, it is not repeated as a block. ``meta`` is metadata the format knows.
    """
    items = list(items)
    size = sum(len(it.text if isinstance(it, Block) else it) for it in items)
    if size > MAX_TEXT_CHARS:
        raise InputError(f"文本有 {size} 个字符，超过 quizgen 单个文档可读的 {MAX_TEXT_CHARS} 个字符；"
                         "请拆分成几部分", path=path)
    known = clean_line(title)
    if known:
        while items and clean_line(items[0].text if isinstance(items[0], Block) else items[0]) in ("", known):
            items.pop(0)
    if not any(CJK_RE.search(it.text if isinstance(it, Block) else it) for it in items) and not CJK_RE.search(known):
        raise InputError("没有找到中文文字；quizgen 只读中文文档", path=path)
    found_title, found_meta, blocks = lines_to_blocks(items, first_is_title=False if known else None)
    if not blocks:
        raise InputError("去掉标题和套话后没有正文", path=path)
    merged = {k: clean_line(str(v)) for k, v in (meta or {}).items()}
    merged.update(found_meta)
    return Document(name=name, blocks=blocks, title=known or found_title, meta=merged, path=path)


CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# text of one document: about 25 times the longest report in the corpus (the 2021 resolution);
# extraction takes about a minute at this size, so anything bigger is refused instead of
# running for many minutes in silence
MAX_TEXT_CHARS = 1_000_000
