"""Readers: each turns one kind of input into the same Document model.

Readers are looked up by name in one plain table and imported lazily, so a missing optional
dependency only matters for the format that needs it.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from quizgen.errors import InputError
from quizgen.model import Document

# suffix -> "module:function"; the function takes (data: bytes, name: str, path: str) -> Document
READERS = {
    ".txt": "quizgen.readers.text:read_text",
    ".text": "quizgen.readers.text:read_text",
    ".md": "quizgen.readers.text:read_text",
}
MAX_INPUT_BYTES = 50 * 1024 * 1024


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def _reader_for(suffix: str):
    target = READERS.get(suffix.lower())
    if target is None:
        return None
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def expand_inputs(inputs: list[str]) -> list[str]:
    """Files to read: folders expanded recursively to their supported files, in sorted order."""
    out: list[str] = []
    for item in inputs:
        if item != "-" and os.path.isdir(item):
            found = sorted(
                str(p) for p in Path(item).rglob("*")
                if p.is_file() and p.suffix.lower() in READERS and not p.name.startswith(".")
            )
            if not found:
                raise InputError("folder has no supported documents (" + ", ".join(supported_suffixes()) + ")",
                                 path=item)
            out.extend(found)
        else:
            out.append(item)
    return out


def read_bytes(data: bytes, name: str, path: str, suffix: str = ".txt") -> Document:
    reader = _reader_for(suffix) or _reader_for(".txt")
    return reader(data, name, path)


def read_path(path: str, *, stdin_name: str | None = None) -> Document:
    """Read one file (or ``-`` for standard input) into a Document; InputError names the file."""
    if path == "-":
        import sys

        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"input larger than {MAX_INPUT_BYTES // 2**20} MB; split it", path="<stdin>")
        return read_bytes(data, stdin_name or "stdin", "-")
    p = Path(path)
    if not p.exists():
        raise InputError("no such file; check the path", path=path)
    if not p.is_file():
        raise InputError("not a regular file", path=path)
    suffix = p.suffix.lower()
    if suffix not in READERS:
        raise InputError(f"unsupported file type {suffix or '(none)'}; use " + ", ".join(supported_suffixes()),
                         path=path)
    size = p.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(f"file is {size // 2**20} MB, over the {MAX_INPUT_BYTES // 2**20} MB limit; split it",
                         path=path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", path=path) from exc
    return read_bytes(data, p.stem, path, suffix)
