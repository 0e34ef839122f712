"""HTML reader for saved news pages (.html, and .mht/.mhtml single-file pages): the article body
only, with title, 来源, 时间, 作者 as metadata.

Owns: decoding a page (BOM, declared charset, then the strict text rules), finding the article
body with trafilatura (well kept, handles Chinese pages; checked on pages with 版权所有/ICP备/
友情链接 footers), a small lxml fallback for pages trafilatura finds too short, and reading
metadata lines (来源/时间/作者), which trafilatura does not keep, from the page itself. The
shared boilerplate rules then run on the body as for every other format.

Also owns the limits of a page, checked on the parsed tree before any body finding: nesting
deeper than libxml2 parses (it would silently drop the deeper text), more elements than any
article page has, and more text than a document may hold (so a huge page is refused in a second,
not after a minute of body finding).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from quizgen.errors import InputError
from quizgen.model import Block, Document
from quizgen.readers.boilerplate import MAX_TEXT_CHARS, clean_line, is_boilerplate, make_document, parse_meta

CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
             "button", "svg", "template", "object", "embed"}
SKIP_CLASS_RE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|header|head|top|sidebar|side|breadcrumb|crumb|position|location|"
    r"share|comment|comments|related|relate|recommend|copyright|links?|friendlink|ad|ads|banner|toolbar|"
    r"pager|pagination)($|[\s_-])",
    re.IGNORECASE,
)
CJK_PUNCT = r"\u4e00-\u9fff，。、；：！？“”‘’（）《》【】—…"
SEGMENT_BREAK_RE = re.compile(rf"(?<=[{CJK_PUNCT}])[ \t]*\r?\n\s*(?=[{CJK_PUNCT}])")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BREAK = "\u2029"  # paragraph separator: marks a <br> while the text is flattened
BLOCK_TAGS = {"pre", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "dd", "dt"}
MAX_DEPTH = 255
"""Deepest nesting libxml2 parses without its "huge" option; deeper text would be silently dropped."""
MAX_ELEMENTS = 300_000
"""Most elements a saved page may have: an article page has a few thousand, a whole book as one page
(a million characters in paragraphs and spans) under 100,000."""
TOO_MANY_ELEMENTS = (f"网页有超过 {MAX_ELEMENTS} 个元素（正常的文章网页只有几千个）；"
                     "请把正文复制到 .txt 或 .docx 后再提取")
MAX_PAGE_TEXT = 3_000_000
"""Most characters of page text (scripts and styles left out) before the body is found: the body may
hold at most ``MAX_TEXT_CHARS``, and a page rarely has more than twice that around it."""


def decode_html(data: bytes, path: str) -> str:
    from quizgen.readers.text import decode

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, path)
    m = CHARSET_RE.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
            declared = "gb18030"
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to the strict rules
    return decode(data, path)


def _parse(text: str):
    import lxml.html

    # lxml refuses str input with an encoding declaration; a cleaned copy parses the same
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = CONTROL_RE.sub("", text)  # lxml keeps them, then refuses them in any later edit
    if text.count("<") > 3 * MAX_ELEMENTS:  # refused before the tree is built (it would take GBs)
        raise InputError(TOO_MANY_ELEMENTS, path="")
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except Exception as exc:  # lxml raises ParserError / XMLSyntaxError on pages with nothing in them
        raise InputError("HTML 网页中没有可读的内容（是空的或已损坏）", path="") from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log):
        raise InputError(f"网页的元素嵌套超过 {MAX_DEPTH} 层（正常网页不到 50 层），更深处的文字读不出来；"
                         "网页可能已损坏：请把正文复制到 .txt 或 .docx 后再提取", path="")
    return root


def check_page_size(root) -> None:
    """Refuse a page with more elements or more text than any article page (InputError, no path)."""
    if next(islice(root.iter(), MAX_ELEMENTS, None), None) is not None:
        raise InputError(TOO_MANY_ELEMENTS, path="")
    chars = sum(len(t) for t in root.xpath("//text()[not(ancestor::script) and not(ancestor::style)]"))
    if chars > MAX_PAGE_TEXT:
        raise InputError(f"网页文字有 {chars} 个字符，超过 {MAX_PAGE_TEXT} 个字符的上限"
                         f"（一个文档最多可读 {MAX_TEXT_CHARS} 个字符）；请拆分成几部分", path="")


def _node_text(el) -> str:
    """An element's text as one line (source line breaks are spaces, or nothing between Chinese)."""
    return " ".join(_flow(el.text_content() or ""))


def page_title(root) -> str:
    """The article title: the page's only/first ``<h1>``, else ``<title>`` without the site name."""
    for h1 in root.iter("h1"):
        text = _node_text(h1)
        if len(text) >= 4 and CJK_RE.search(text):
            return text
    titles = root.findall(".//title")
    if titles:
        text = _node_text(titles[0])
        return re.split(r"\s*(?:[_|｜]|--|—\s*[^—]{2,12}$| - )\s*", text)[0].strip()
    return ""


def page_meta(root) -> dict[str, str]:
    """来源/时间/作者 lines anywhere in the page's short text elements (first occurrence wins)."""
    meta: dict[str, str] = {}
    for el in root.iter("div", "p", "span", "td", "li", "section", "em", "font", "small"):
        if el.getparent() is not None and el.getparent().tag in ("span", "em", "font", "small"):
            continue
        text = _node_text(el)
        if not text or len(text) > 150:
            continue
        found = parse_meta(text)
        if found:
            for key, value in found.items():
                if value and key not in meta:
                    meta[key] = value
        if len(meta) >= 3:
            break
    return meta


def _skip(el) -> bool:
    if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
        return True
    marks = f"{el.get('class', '')} {el.get('id', '')}"
    return bool(marks.strip()) and bool(SKIP_CLASS_RE.search(marks))


def _blocks_under(el) -> Iterator[Block | str]:
    """Block-level texts under ``el`` in order; a ``<div>`` holding only text counts as a block."""
    for child in el:
        if _skip(child):
            continue
        tag = child.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _node_text(child)
            if text:
                yield Block(text, "heading", int(tag[1]))
        elif tag == "tr":
            cells = [_node_text(c) for c in child if isinstance(c.tag, str) and c.tag in ("td", "th")]
            cells = [c for c in cells if c]
            if cells:
                yield Block(" ".join(cells))
        elif tag in BLOCK_TAGS:
            yield from _split_br(child)
        elif len(child) and any(isinstance(c.tag, str) and (c.tag in BLOCK_TAGS or c.tag in ("div", "table",
                                "tbody", "section", "article", "ul", "ol", "center", "font", "span"))
                                for c in child):
            yield from _blocks_under(child)
        else:
            yield from _split_br(child)
        if child.tail and child.tail.strip():
            yield from _flow(child.tail)


def join_segment_breaks(text: str) -> str:
    """Source line breaks are spaces in HTML, except between Chinese characters, where they vanish."""
    return SEGMENT_BREAK_RE.sub("", text)


def _text_with_breaks(el) -> str:
    """Like ``text_content()``, with BREAK where a ``<br>`` stands (the tree is not changed)."""
    parts = [el.text or ""] if isinstance(el.tag, str) else []
    for child in el:
        if isinstance(child.tag, str):
            parts.append(BREAK if child.tag == "br" else _text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _flow(text: str) -> list[str]:
    """Loose text of a page (not in <pre>): line ends in the source are spaces, or nothing in Chinese."""
    text = re.sub(r"[ \t]*\n\s*", " ", join_segment_breaks(text))
    return [ln for ln in (clean_line(x) for x in text.split(BREAK)) if ln]


def _split_br(el) -> list[str]:
    """The text of one block element, split at ``<br>`` (pages often use <br> for paragraphs) and,
    inside ``<pre>``, at line ends; elsewhere a line end in the source is only a space."""
    preformatted = el.tag == "pre" or any(a.tag == "pre" for a in el.iterancestors())
    text = _text_with_breaks(el)
    if not preformatted:
        return _flow(text)
    return [ln for ln in (clean_line(x) for x in re.split(rf"[{BREAK}\n]", text)) if ln]


def fallback_body(root) -> list[Block | str]:
    """Without trafilatura: the element whose own paragraphs hold the most Chinese text."""
    best, best_score = None, 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        score = 0
        for child in el:
            if isinstance(child.tag, str) and child.tag in ("p", "div", "br", "h2", "h3", "table", "pre") \
                    and not _skip(child):
                score += len(CJK_RE.findall(child.text_content() or ""))
        score += len(CJK_RE.findall(el.text or "")) + sum(
            len(CJK_RE.findall(c.tail or "")) for c in el if isinstance(c.tag, str)
        )
        if score > best_score:
            best, best_score = el, score
    if best is None:
        return []
    items: list[Block | str] = []
    if best.text and best.text.strip():
        items.extend(_flow(best.text))
    items.extend(_blocks_under(best))
    return items


def _trafilatura_body(text: str) -> list[Block | str] | None:
    import logging

    # trafilatura and its helpers log what they discard to stderr; quizgen says one line instead
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import trafilatura
        from lxml import etree
    except ImportError:
        return None
    try:
        xml = trafilatura.extract(CONTROL_RE.sub("", text), output_format="xml", include_tables=True,
                                  include_comments=False, include_images=False, include_links=False,
                                  favor_recall=True, deduplicate=False)
        if not xml:
            return None
        main = etree.fromstring(xml.encode("utf-8")).find("main")
    except Exception:  # noqa: BLE001 - trafilatura is best effort: the lxml extractor takes over
        return None
    if main is None:
        return None
    for lb in main.iter("lb"):  # a <br> inside a paragraph: many pages separate paragraphs so
        lb.tail = "\n" + (lb.tail or "")
    items: list[Block | str] = []
    for el in main.iter("p", "head", "item", "row", "quote", "code"):
        if el.tag == "row":
            cells = [clean_line("".join(c.itertext())) for c in el.iter("cell")]
            cells = [c for c in cells if c]
            if cells:
                items.append(Block(" ".join(cells)))
            continue
        if el.tag == "p" and any(a.tag in ("cell", "item", "quote") for a in el.iterancestors()):
            continue  # counted with its row/item
        parts = "".join(el.itertext()).split("\n")
        if el.tag == "head":
            rend = el.get("rend") or "h2"
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            items.extend(Block(p, "heading", level) for p in parts if p.strip())
        else:
            items.extend(p for p in parts if p.strip())
    return items


def _text(item: Block | str) -> str:
    return item.text if isinstance(item, Block) else item


def _cjk(items: list[Block | str]) -> int:
    return sum(len(CJK_RE.findall(_text(i))) for i in items)


def _keep(items: list[Block | str] | None) -> list[Block | str] | None:
    """Body items without boilerplate lines; None stays None (no extraction at all)."""
    return None if items is None else [i for i in items if _text(i).strip() and not is_boilerplate(_text(i))]


def _flattened(items: list[Block | str], title: str) -> bool:
    """One paragraph holding the page's title or navigation too: not an article body."""
    return bool(title) and any(title in _text(i) and len(_text(i)) > len(title) + 20 for i in items)


def read_html(data: bytes, name: str, path: str) -> Document:
    text = decode_html(data, path)
    if not CJK_RE.search(text):
        raise InputError("没有找到中文文字；quizgen 只读中文文档", path=path)
    try:
        root = _parse(text)
        check_page_size(root)
    except InputError as exc:
        raise InputError(exc.message, path=path) from exc
    title = page_title(root)
    meta = page_meta(root)
    page_chars = len(CJK_RE.findall(root.text_content() or ""))
    pre_chars = sum(len(CJK_RE.findall(pre.text_content() or "")) for pre in root.iter("pre"))
    # trafilatura flattens <pre> (text pasted or exported as plain text) into one paragraph
    body = None if pre_chars > page_chars / 2 else _keep(_trafilatura_body(join_segment_breaks(text)))
    fallback: list[Block | str] | None = None
    if body is None or _cjk(body) < 200 or _flattened(body, title):
        # trafilatura gives up on short pages by returning the whole page as one paragraph
        fallback = _keep(fallback_body(root))
        if body is None or _flattened(body, title) or _cjk(fallback) > _cjk(body):
            body = fallback
    if not body:
        raise InputError("网页中没有找到文章正文（只有导航或空框架？）；"
                         "请把网页存为文本，或用文章本身所在的网页", path=path)
    return make_document(body, name, path, title=title, meta=meta)


def read_mhtml(data: bytes, name: str, path: str) -> Document:
    """A page saved as one file (.mht/.mhtml, MIME): its first HTML part, read as a page."""
    import email
    import email.policy

    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            html_bytes = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and not CHARSET_RE.search(html_bytes[:4096]):
                html_bytes = f'<meta charset="{charset}">'.encode("ascii", "replace") + html_bytes
            return read_html(html_bytes, name, path)
    raise InputError("保存的网页（MHTML）中没有 HTML 部分；请把网页重新存为 .html", path=path)
