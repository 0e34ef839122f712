"""Recognising what is not the article: web-site boilerplate, metadata lines, the title.

Works on plain lines, so every reader (txt, docx, pdf, html) shares it.
"""

from __future__ import annotations

import re

from quizgen.model import Block

# lines that belong to a web site's frame, not to the article
BOILER_RE = re.compile(
    r"版权所有|ICP备|ICP证|公网安备|友情链接|^附件[:：]?$|下载$|^(苹果|安卓|iOS|Android)版|^地址[:：]|"
    r"^(电话|邮编|传真|邮箱|E-?mail)[:：]|^(责任编辑|编辑|审核|校对|分享到|扫一扫|打印本页|关闭窗口|【打印】|"
    r"【关闭】|上一篇|下一篇|返回顶部|相关新闻|相关链接|Copyright|All Rights Reserved)|^(首页|网站首页)\s*[>＞]|"
    r"^(网站地图|联系我们|关于我们|网站声明|隐私政策)$|浏览次数|阅读次数|点击[数量率]?[:：]\s*\d|字号[:：]?\s*[大中小]",
    re.IGNORECASE,
)
META_KEYS = ("来源", "时间", "作者", "发布时间", "发布日期", "日期", "记者", "编辑", "责任编辑", "浏览")
META_RE = re.compile(r"(来源|发布时间|发布日期|时间|日期|作者|记者|责任编辑|编辑)\s*[:：]\s*")


def is_boilerplate(line: str) -> bool:
    return bool(BOILER_RE.search(line.strip()))


def parse_meta(line: str) -> dict[str, str] | None:
    """``来源: X时间: Y作者: Z`` -> {来源: X, 时间: Y, 作者: Z}; None if not a metadata line."""
    s = line.strip()
    matches = list(META_RE.finditer(s))
    if not matches or matches[0].start() > 2:
        return None
    # a metadata line is short and mostly fields, not a sentence of the article
    if len(s) > 120 or re.search(r"[。！？]$", s) and len(matches) < 2:
        return None
    meta = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        meta[m.group(1)] = s[m.end():end].strip(" |　")
    return meta


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation: a section title."""
    s = line.strip()
    return 0 < len(s) <= 40 and not re.search(r"[。！？；;，,：:]$", s) and not re.search(r"[。；]", s)


def lines_to_blocks(lines: list[str], *, first_is_title: bool | None = None) -> tuple[str, dict, list[Block]]:
    """Split raw lines into (title, metadata, body blocks), dropping boilerplate.

    The first non-empty line is the title when it is heading-like and followed by more text.
    """
    cleaned = [ln.strip().replace("\u3000", " ").strip() for ln in lines]
    cleaned = [ln for ln in cleaned if ln]
    title, meta, blocks = "", {}, []
    start = 0
    if cleaned and (first_is_title if first_is_title is not None else
                    (looks_like_heading(cleaned[0]) and len(cleaned) > 1 and len(cleaned[0]) >= 6)):
        title = cleaned[0]
        start = 1
    for ln in cleaned[start:]:
        if is_boilerplate(ln):
            continue
        m = parse_meta(ln) if len(blocks) < 3 else None
        if m:
            meta.update(m)
            continue
        if looks_like_heading(ln):
            blocks.append(Block(ln, "heading", 1))
        else:
            blocks.append(Block(ln))
    # a trailing run of short heading-like lines is site furniture (nav, footer), not article
    while blocks and blocks[-1].kind == "heading":
        blocks.pop()
    return title, meta, blocks
