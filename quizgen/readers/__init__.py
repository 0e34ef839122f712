"""Readers: each turns one kind of input into the same Document model.

This module owns choosing the reader (by the file's content first, its suffix second), expanding
folders, the input size limit, and turning any failure of a reader into one ``InputError`` that
names the file. Readers are looked up by name in one plain table and imported lazily, so a missing
optional dependency only matters for the format that needs it and ``quizgen --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from quizgen.errors import InputError, os_reason
from quizgen.model import Document

# suffix -> "module:function"; the function takes (data: bytes, name: str, path: str) -> Document
READERS = {
    ".txt": "quizgen.readers.text:read_text",
    ".text": "quizgen.readers.text:read_text",
    ".md": "quizgen.readers.text:read_text",
    ".docx": "quizgen.readers.docx:read_docx",
    ".pdf": "quizgen.readers.pdf:read_pdf",
    ".html": "quizgen.readers.html:read_html",
    ".htm": "quizgen.readers.html:read_html",
    ".xhtml": "quizgen.readers.html:read_html",
    ".mht": "quizgen.readers.html:read_mhtml",
    ".mhtml": "quizgen.readers.html:read_mhtml",
}
# what each sniffed kind of content is read as
KIND_SUFFIX = {"text": ".txt", "docx": ".docx", "pdf": ".pdf", "html": ".html", "mhtml": ".mht"}
KIND_NAME = {"text": "纯文本", "docx": "Word .docx 文档", "pdf": "PDF 文件", "html": "HTML 网页",
             "mhtml": "保存的网页（MHTML）"}
MAX_INPUT_BYTES = 50 * 1024 * 1024

# in a folder, files of these kinds are skipped with a line saying what to do with them
_SAVE_AS_DOCX = "请另存为 .docx 后再提取"
_COPY_TEXT = "请把其中的文字复制到 .docx 或 .txt 后再提取"
SKIP_ADVICE = {
    ".doc": _SAVE_AS_DOCX, ".wps": _SAVE_AS_DOCX, ".rtf": _SAVE_AS_DOCX, ".odt": _SAVE_AS_DOCX,
    ".docm": _SAVE_AS_DOCX, ".dot": _SAVE_AS_DOCX, ".dotx": _SAVE_AS_DOCX, ".wpt": _SAVE_AS_DOCX,
    ".xls": _COPY_TEXT, ".xlsx": _COPY_TEXT, ".et": _COPY_TEXT, ".csv": _COPY_TEXT,
    ".ppt": _COPY_TEXT, ".pptx": _COPY_TEXT, ".dps": _COPY_TEXT,
    ".ofd": "请导出为 .pdf 后再提取",
    ".zip": "是压缩包，请解压后再提取", ".rar": "是压缩包，请解压后再提取", ".7z": "是压缩包，请解压后再提取",
}
# and files that are plainly no documents (images, media, fonts, web-page assets, data) quietly,
# counted in one summary line
NOT_DOCUMENTS = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg", ".ico", ".tif", ".tiff", ".heic", ".emf", ".wmf",
    ".mp3", ".wav", ".m4a", ".amr", ".mp4", ".avi", ".mov", ".wmv", ".flv", ".mkv",
    ".ttf", ".otf", ".woff", ".woff2", ".eot", ".css", ".js", ".map", ".json", ".xml", ".yaml", ".yml",
    ".ini", ".cfg", ".log", ".db", ".lnk",
})

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# content that is recognisably something quizgen cannot read: magic -> what to tell the user
UNREADABLE = (
    (b"\x89PNG", "这是 PNG 图片，不是文档；请先用文字识别（OCR）转成文本"),
    (b"\xff\xd8\xff", "这是 JPEG 图片，不是文档；请先用文字识别（OCR）转成文本"),
    (b"GIF8", "这是 GIF 图片，不是文档"),
    (b"{\\rtf", "这是 RTF 文件；请另存为 .docx 或 .txt"),
    (b"Rar!", "这是 RAR 压缩包；请解压后给出其中的文档"),
    (b"7z\xbc\xaf", "这是 7-Zip 压缩包；请解压后给出其中的文档"),
    (b"\x1f\x8b", "这是 gzip 压缩包；请先解压"),
    (b"\x7fELF", "这是程序，不是文档"),
    (b"MZ", "这是 Windows 程序，不是文档"),
)


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def _reader_for(suffix: str) -> Callable[[bytes, str, str], Document] | None:
    target = READERS.get(suffix.lower())
    if target is None:
        return None
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def _zip_kind(data: bytes, path: str) -> str:
    """A zip is a .docx only when it holds word/document.xml; anything else gets a precise error."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception as exc:  # BadZipFile, EOFError, NotImplementedError (odd zip versions), ...
        raise InputError("zip/.docx 文件已损坏或不完整；请用 Word 或 WPS 打开后重新保存",
                         path=path) from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise InputError("这是 Excel 工作簿，不是 Word 文档；请把其中文字复制到 .docx 或 .txt", path=path)
    if "ppt/presentation.xml" in names:
        raise InputError("这是 PowerPoint 文件，不是 Word 文档；请把其中文字导出为 .docx 或 .txt", path=path)
    if "mimetype" in names or "content.xml" in names:
        raise InputError("这是 OpenDocument（.odt）文件；请另存为 .docx", path=path)
    raise InputError("这是 zip 压缩包，不是 Word .docx（其中没有 word/document.xml）；"
                     "请解压，或把文档另存为 .docx", path=path)


def sniff(data: bytes, path: str) -> str:
    """The kind of content ("text", "docx", "pdf", "html", "mhtml") from magic bytes; InputError for
    content that is recognisably something else (images, archives, old Office files)."""
    head = data[:2048]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or b"EncryptedPackage" in data[:1 << 20]:
            raise InputError("Word 文件有密码保护；请去掉密码（文件 > 信息）后重新保存",
                             path=path)
        raise InputError("这是旧版 Word 97-2003（.doc）或其他 Office 二进制文件；请另存为 .docx", path=path)
    for magic, what in UNREADABLE:
        if head.startswith(magic):
            raise InputError(f"{what}", path=path)
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"from:", b"mime-version:", b"content-type: multipart/related", b"snapshot-content-location:",
                         b"subject:", b"date:")) and b"multipart/related" in data[:8192].lower():
        return "mhtml"
    if probe.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")) or (
        probe.startswith((b"<?xml", b"<!--", b"<!doctype")) and b"<html" in data[:4096].lower()
    ):
        return "html"
    return "text"


def choose_kind(data: bytes, suffix: str, path: str) -> str:
    """Content wins over the suffix; the suffix decides only when content says plain text.

    A ``.docx``/``.pdf`` whose content is plain text is not silently read as text: its suffix
    promised something else, so the user hears what the file really is.
    """
    kind = sniff(data, path)
    suffix = suffix.lower()
    if kind != "text":
        return kind
    if suffix == ".docx":
        raise InputError("不是 Word .docx 文件（.docx 是 zip 压缩格式，这个文件不是）；"
                         "请用 Word 或 WPS 打开后重新另存为 .docx", path=path)
    if suffix == ".pdf":
        raise InputError("不是 PDF 文件（没有 %PDF 文件头）；可能不完整或被改了扩展名", path=path)
    if suffix in (".html", ".htm", ".xhtml") and b"<" in data[:65536]:
        return "html"
    if suffix in (".mht", ".mhtml"):
        return "mhtml"
    return "text"


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read, in Chinese (None: plainly no document)."""
    suffix = path.suffix.lower()
    if suffix in NOT_DOCUMENTS:
        return None
    if suffix in SKIP_ADVICE:
        return f"不支持 {suffix} 格式，{SKIP_ADVICE[suffix]}"
    kinds = " ".join(supported_suffixes())
    if not suffix:
        return f"没有扩展名，不知道是什么格式（支持 {kinds}）"
    return f"不支持 {suffix} 格式（支持 {kinds}）"


def expand_inputs(inputs: list[str], skipped: list[tuple[str, str | None]] | None = None) -> list[str]:
    """Files to read: folders expanded recursively to their supported files, in sorted order.

    Hidden files and folders are skipped; every other file of a folder that is not read is
    appended to ``skipped`` as (path, ``skip_reason``). A file named twice is read once. A folder
    without supported documents is kept as it is, so that ``read_path`` reports it as one bad
    input among the others.
    """
    out: list[str] = []
    seen: set[str] = set()
    for item in inputs:
        if item != "-" and os.path.isdir(item):
            found = []
            for p in _folder_files(item, skipped):
                if p.suffix.lower() in READERS:
                    found.append(str(p))
                elif skipped is not None:
                    skipped.append((str(p), skip_reason(p)))
            # an empty folder stays in the list: read_path reports it, the other inputs go on
            items = found or [item]
        else:
            items = [item]
        for path in items:
            key = path if path == "-" else os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _folder_files(folder: str, skipped: list[tuple[str, str | None]] | None) -> list[Path]:
    """The files of ``folder`` and its subfolders (hidden ones left out), in sorted order. Links are
    not followed out of the folder: a link to a file or folder outside is skipped with a reason."""
    root = os.path.realpath(folder)
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):  # does not descend into linked folders
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        entries = [os.path.join(dirpath, f) for f in filenames if not f.startswith(".")]
        entries += [os.path.join(dirpath, d) for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        for entry in entries:
            real = os.path.realpath(entry)
            if os.path.islink(entry) and os.path.commonpath([root, real]) != root:
                if skipped is not None:
                    skipped.append((entry, f"是指向文件夹外（{real}）的链接，不跟随；要提取它请直接给出路径"))
                continue
            if os.path.isfile(entry):
                out.append(Path(entry))
    return sorted(out)


def read_bytes(data: bytes, name: str, path: str, suffix: str = ".txt") -> Document:
    """Read content already in memory; any failure becomes an InputError naming ``path``."""
    if not data.strip():
        raise InputError("文件是空的", path=path)
    kind = choose_kind(data, suffix, path)
    reader = _reader_for(KIND_SUFFIX[kind])
    assert reader is not None
    try:
        return reader(data, name, path)
    except InputError as exc:
        if "\n" in exc.message:  # a library's message inside ours: keep the error to one line
            raise InputError(" ".join(exc.message.split()), path=exc.path, line=exc.line) from exc
        raise
    except MemoryError as exc:
        raise InputError(f"{KIND_NAME[kind]}太大，内存中读不下；请拆分", path=path) from exc
    except RecursionError as exc:
        raise InputError(f"{KIND_NAME[kind]}嵌套太深，无法读取；可能已损坏", path=path) from exc
    except Exception as exc:  # a library choking on damaged input: one line, never a traceback
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(f"无法读取这个{KIND_NAME[kind]}：已损坏或不受支持（{detail}）",
                         path=path) from exc


def read_path(path: str, *, stdin_name: str | None = None, name: str | None = None) -> Document:
    """Read one file (or ``-`` for standard input) into a Document; InputError names the file.

    The document is named ``name``, by default the file's stem (``stdin_name`` or "stdin" for ``-``)."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"输入超过 {MAX_INPUT_BYTES // 2**20} MB 的上限；请拆分",
                             path="<stdin>")
        return read_bytes(data, name or stdin_name or "stdin", "-", ".txt")
    p = Path(path)
    if not p.exists():
        raise InputError("没有这个文件；请检查路径", path=path)
    if p.is_dir():
        raise InputError("文件夹中没有支持的文档（" + "、".join(supported_suffixes()) + "）", path=path)
    if not p.is_file():
        raise InputError("不是普通文件", path=path)
    suffix = p.suffix.lower()
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"文件有 {size / 2**20:.0f} MB，超过 {MAX_INPUT_BYTES // 2**20} MB 的上限；"
                             "请拆分成较小的文件", path=path)
        with p.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"无法读取（{os_reason(exc)}）", path=path) from exc
    if len(data) > MAX_INPUT_BYTES:  # grew while we looked
        raise InputError(f"文件超过 {MAX_INPUT_BYTES // 2**20} MB 的上限；请拆分", path=path)
    if suffix not in READERS:
        kind = sniff(data, path) if data.strip() else "text"
        if kind == "text":
            raise InputError(f"不支持的文件类型 {suffix or '（无扩展名）'}；请用 " + "、".join(supported_suffixes()),
                             path=path)
        suffix = KIND_SUFFIX[kind]
    return read_bytes(data, name or p.stem, path, suffix)
