"""Locks that keep two writers of one bank folder (or one wrong-answer book) from interleaving.

A lock is ``fcntl.flock`` on a hidden lock file: ``<folder>/.quizgen.lock`` for a bank folder
(shared by extract, review, the paper history and any later server), ``.<name>.lock`` beside a
single file such as the wrong-answer book. Writers hold it exclusively; readers of a bank hold it
shared, so they never read half of a commit. The file is removed by the last holder when it lets
go, so an idle folder holds no lock file; a process that locked a file just removed retries on the
new one. Locks are re-entrant within one thread. Where no lock file can be made (a read-only
folder, a system without ``fcntl``) the lock is skipped: nothing can be written there anyway.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here
    fcntl = None

FOLDER_LOCK = ".quizgen.lock"

_local = threading.local()


def folder_lock_path(folder: str | os.PathLike) -> Path:
    return Path(folder) / FOLDER_LOCK


def file_lock_path(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def _held() -> dict[str, list]:
    if not hasattr(_local, "held"):
        _local.held = {}
    return _local.held


def _open_locked(lock: Path, mode: int, blocking: bool, wait_message: str | None) -> int | None:
    """An open descriptor of ``lock`` locked in ``mode``; None when it cannot be made, or when
    ``blocking`` is false and another process holds it."""
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        try:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
            except BlockingIOError:
                if not blocking:
                    os.close(fd)
                    return None
                if wait_message:
                    print(wait_message, file=sys.stderr, flush=True)
                    wait_message = None
                fcntl.flock(fd, mode)
            mine = os.fstat(fd)
            try:
                now = os.stat(lock)
            except FileNotFoundError:
                now = None
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_ino, now.st_dev) == (mine.st_ino, mine.st_dev):
            return fd
        os.close(fd)  # its last holder removed it while we waited: lock the new one


def _release(lock: Path, fd: int) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody else holds or waits with it open
        os.unlink(lock)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(lock: str | os.PathLike, *, shared: bool = False, blocking: bool = True,
           wait_message: str | None = None):
    """Hold the lock file ``lock`` (exclusive, or ``shared``); yields True while it is held, False
    when it was skipped (no lock file possible, or busy and not ``blocking``)."""
    lock = Path(lock)
    if fcntl is None or not lock.parent.is_dir():
        yield False
        return
    key = os.path.abspath(lock)
    held = _held()
    if key in held:  # re-entered in this thread: share the descriptor
        entry = held[key]
        upgrade = entry[1] and not shared
        if upgrade:
            fcntl.flock(entry[0], fcntl.LOCK_EX)
            entry[1] = False
        entry[2] += 1
        try:
            yield True
        finally:
            entry[2] -= 1
            if upgrade:
                fcntl.flock(entry[0], fcntl.LOCK_SH)
                entry[1] = True
        return
    fd = _open_locked(lock, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, blocking, wait_message)
    if fd is None:
        yield False
        return
    held[key] = [fd, shared, 1]
    try:
        yield True
    finally:
        del held[key]
        _release(lock, fd)


def folder_locked(folder: str | os.PathLike, **kwargs):
    """The lock of a bank (or output) folder; see :func:`locked`."""
    kwargs.setdefault("wait_message", f"{folder}：题库正被另一个 quizgen 写入，等它写完…")
    return locked(folder_lock_path(folder), **kwargs)
