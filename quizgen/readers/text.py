"""Plain-text reader: decoding (UTF-8 with or without BOM, UTF-16, GBK/GB18030) and text -> Document.

Decoding is strict and tried in a fixed order, and a decoding that only "works" by luck (binary
bytes that happen to be valid GB18030, UTF-16 without a BOM that is really junk) is checked for
plausibility, so an encoding is never guessed silently wrong: the user gets an error instead.
"""

from __future__ import annotations

import re

from quizgen.errors import InputError
from quizgen.model import Document
from quizgen.readers.boilerplate import make_document

CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# C0/C1 controls other than tab, newline, form feed, carriage return; plus the replacement char
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
# private-use and unassigned-looking code points GB18030 maps junk bytes to
ODD_RE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")
ENCODING_HELP = "请存为 UTF-8（记事本：另存为，编码选 UTF-8）"


def _share(pattern: re.Pattern, text: str) -> float:
    sample = text[:200_000]
    return len(pattern.findall(sample)) / max(1, len(sample))


def _gb2312_share(text: str) -> float:
    """Share of the Chinese characters that are in GB2312 (the 6763 common ones)."""
    chars = CJK_RE.findall(text[:200_000])
    if not chars:
        return 1.0
    common = 0
    for ch in chars:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(chars)


def _plausible(text: str) -> bool:
    return _share(CONTROL_RE, text) < 0.002 and _share(ODD_RE, text) < 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: zero bytes mostly in the high half of ASCII characters."""
    sample = data[:65536]
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    # CJK code points such as U+4E00 have a zero byte too, so only the balance tells
    if len(data) % 2 or max(even_zero, odd_zero) < 4 * min(even_zero, odd_zero) + 2:
        return None
    enc = "utf-16-le" if odd_zero else "utf-16-be"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    return text if _plausible(text) else None


def decode(data: bytes, path: str) -> str:
    """Decode strictly; never guess silently wrong."""
    if not data.strip():
        raise InputError("文件是空的", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise InputError(f"文件以 UTF-8 开头，但在第 {exc.start + 3} 字节处有无效字节"
                             f"（已损坏或混用了编码）；{ENCODING_HELP}", path=path) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("UTF-16 文本已损坏（不完整或损坏）", path=path) from exc
        if not _plausible(text):
            raise InputError("这是二进制文件，不是文本；请给出 .txt、.docx、.pdf 或 .html 文档", path=path)
        return text
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise InputError("这是二进制文件，不是文本；请给出 .txt、.docx、.pdf 或 .html 文档", path=path)
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        pass
    else:
        if not _plausible(text):
            raise InputError("这是二进制文件，不是文本；请给出 .txt、.docx、.pdf 或 .html 文档", path=path)
        return text
    try:
        text = data.decode("gb18030", errors="strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"无法识别的文本编码（不是 UTF-8、UTF-16 或 GBK/GB18030）；{ENCODING_HELP}",
                         path=path) from exc
    if not _plausible(text):
        raise InputError("这是二进制文件，不是文本；请给出 .txt、.docx、.pdf 或 .html 文档", path=path)
    if _gb2312_share(text) < 0.9:
        # valid GB18030 bytes, but mostly rare characters: another encoding (Big5, Shift-JIS) or junk
        raise InputError(f"无法识别文本编码（既不像 UTF-8 也不像 GBK；是 Big5？）；"
                         f"{ENCODING_HELP}", path=path)
    return text


def text_to_document(text: str, name: str, path: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if not CJK_RE.search(text):
        raise InputError("没有找到中文文字；quizgen 只读中文文档", path=path)
    return make_document(text.split("\n"), name, path)


def read_text(data: bytes, name: str, path: str) -> Document:
    return text_to_document(decode(data, path), name, path)
