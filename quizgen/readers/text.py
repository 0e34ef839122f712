"""Plain-text reader: UTF-8 (with or without BOM), UTF-16, GBK/GB18030, tried strictly in order."""

from __future__ import annotations

import re

from quizgen.errors import InputError
from quizgen.model import Document
from quizgen.readers.boilerplate import lines_to_blocks

CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def decode(data: bytes, path: str) -> str:
    """Decode strictly; never guess silently wrong."""
    if not data.strip():
        raise InputError("file is empty", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("broken UTF-16 text", path=path) from exc
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not text; give a .txt, .docx, .pdf or .html document", path=path)
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc, errors="strict")
        except UnicodeDecodeError:
            continue
        return text
    raise InputError("unknown text encoding (not UTF-8, UTF-16 or GBK/GB18030); save it as UTF-8", path=path)


def text_to_document(text: str, name: str, path: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not CJK_RE.search(text):
        raise InputError("no Chinese text found; quizgen reads Chinese documents", path=path)
    title, meta, blocks = lines_to_blocks(text.split("\n"))
    if not blocks:
        raise InputError("no body text after removing title and boilerplate", path=path)
    return Document(name=name, blocks=blocks, title=title, meta=meta, path=path)


def read_text(data: bytes, name: str, path: str) -> Document:
    return text_to_document(decode(data, path), name, path)
