"""Safe file writing: atomic replace via a temporary file in the same folder, safe names.

Temporary files are named ``.<target name>.<owner pid>.<random>.tmp`` (``.bak`` for backups), the
owner being the process that will put them in place (a worker's parent), so that a later run can
tell the leftovers of a killed run (owner gone) from the files of a run still going.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from quizgen.errors import InputError, os_reason

MAX_NAME_BYTES = 180
"""A bank file name is this many UTF-8 bytes at most: room under the 255 bytes most file systems
allow for ``.yaml``, a temporary file's prefix and suffix, and a ``-2`` of a clash."""


def safe_name(name: str) -> str:
    """A file-name-safe form of a document name: no separators, no leading dots, at most
    ``MAX_NAME_BYTES`` bytes (an 80-character Chinese name is 240)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", name).strip(" ._")
    cut = cleaned.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(" ._")
    return cut or "document"


_owner: int | None = None


def set_owner(pid: int) -> None:
    """Name this process's temporary files after ``pid`` (a worker writes for its parent)."""
    global _owner
    _owner = pid


def temp_prefix(target: str | os.PathLike) -> str:
    """The start of the name of a temporary (or backup) file for ``target``."""
    return f".{Path(target).name}.{_owner or os.getpid()}."


def file_mode_for(target: str | os.PathLike) -> int:
    """The permissions a new file gets (0666 less the umask), or those of the file it replaces:
    a temporary file is created 0600, which must not stick to the file put in its place."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_beside(target: str | os.PathLike, data: bytes) -> str:
    """Write ``data`` to a new temporary file in ``target``'s folder, flushed to disk and with the
    permissions ``target`` should have; returns its path, to be renamed onto ``target``. On any
    failure the temporary file is removed and the error raised (OSError for the disk)."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, file_mode_for(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return tmp


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"文件夹 {folder} 不存在；请先建立它，或换一个输出位置", path=str(target))
    tmp = None
    try:
        tmp = write_beside(target, data)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise InputError(f"无法写入（{os_reason(exc)}）；请换一个输出位置", path=str(target)) from exc


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
