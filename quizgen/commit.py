"""Putting several staged files in place all or none, even across kill -9, and tidying after.

A commit first makes a second name (``.bak``) for every file it replaces, then writes a journal,
``<folder>/.quizgen-journal.json`` (fsynced, put in place atomically), listing each staged file,
its target and its backup, and only then renames the staged files onto their targets. Once the
journal is there the commit is decided: a run killed during the renames is completed by the next
run that touches the folder (:func:`tidy`), which renames what is left and removes the backups.
A failure or a SIGINT/SIGTERM during the renames (signals are held back while they run) marks the
journal ``rollback`` and puts every backup back, so the folder is as it was; a run killed in the
middle of that is rolled back the same way by the next one. The journal is removed at the end.

:func:`tidy` also removes temporary and backup files of quizgen's naming whose owner process is
gone (see ``quizgen.fsutil``), and those of the older naming (no owner) made before this run.
Callers hold the folder's lock (``quizgen.locking``) around :func:`tidy` and :func:`commit_locked`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizgen.errors import InputError, os_reason
from quizgen.fsutil import temp_prefix, write_beside

JOURNAL = ".quizgen-journal.json"
STARTED = time.time()
"""When this run started: older temporary files of the old naming are leftovers."""

_OWNED = re.compile(r"^\.(?P<base>.+)\.(?P<pid>\d+)\.[a-z0-9_]{8}\.(?:tmp|bak)$")
_OLD = re.compile(r"^\.(?P<base>.+)\.[a-z0-9_]{8}\.(?:tmp|bak)$")
_SIGNALS = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


class _Interrupted(Exception):
    """A signal arrived while the renames ran."""


def journal_path(folder: str | os.PathLike) -> Path:
    return Path(folder) / JOURNAL


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unlink(path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _backup(target: Path) -> str:
    """A second name for ``target`` (a hard link: no copy), or a copy where links are not made."""
    fd, backup = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".bak", dir=target.parent)
    os.close(fd)
    os.unlink(backup)
    try:
        os.link(target, backup)
    except OSError:
        import shutil

        shutil.copy2(target, backup)
        with open(backup, "rb+") as fh:
            os.fsync(fh.fileno())
    return backup


def _write_journal(folder: Path, state: str, moves) -> None:
    def rel(p):
        return os.path.relpath(p, folder) if p else None

    data = {"state": state, "pid": os.getpid(),
            "moves": [{"staged": rel(s), "target": rel(t), "backup": rel(b)} for s, t, b in moves]}
    tmp = write_beside(journal_path(folder), json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    try:
        os.replace(tmp, journal_path(folder))
    except BaseException:
        _unlink(tmp)
        raise
    _fsync_dir(folder)


def _forward(moves) -> None:
    for staged, target, _backup_ in moves:
        if os.path.lexists(staged):
            os.replace(staged, target)
    for _s, target, _b in moves:
        _fsync_dir(Path(target).parent)
    for _s, _t, backup in moves:
        if backup:
            _unlink(backup)


def _back(moves) -> None:
    """Undo the renames: a staged file still there was never put in place."""
    for staged, target, backup in reversed(moves):
        if backup:
            if os.path.lexists(backup):
                os.replace(backup, target)
                _unlink(backup)  # the same file twice: the rename did nothing
        elif not os.path.lexists(staged):
            _unlink(target)  # it did not exist before the commit
        _unlink(staged)
    for _s, target, _b in moves:
        _fsync_dir(Path(target).parent)


def _block_signals() -> set | None:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)


def _check_signals(blocked) -> None:
    if blocked is not None and signal.sigpending() & _SIGNALS:
        raise _Interrupted


def commit_locked(folder: str | os.PathLike, moves: list[tuple[str, Path]]) -> None:
    """Rename each (staged, target) of ``moves`` into place, all or none; the journal lives in
    ``folder`` (every target is in it or below it). OSError when the disk refuses, with nothing
    changed; KeyboardInterrupt when interrupted, with nothing changed."""
    if not moves:
        return
    folder = Path(folder)
    done: list[tuple[str, Path, str | None]] = []
    journal = False
    blocked = _block_signals()
    try:
        try:
            for tmp, target in moves:
                done.append((tmp, Path(target), _backup(Path(target)) if os.path.lexists(target) else None))
            for parent in {Path(t).parent for _s, t, _b in done}:
                _fsync_dir(parent)  # the backups are on disk before the journal names them
            _check_signals(blocked)
            _write_journal(folder, "commit", done)
            journal = True
            for tmp, target in moves:
                _check_signals(blocked)
                os.replace(tmp, target)
            _forward(done)
            _unlink(journal_path(folder))
            _fsync_dir(folder)
        except BaseException:
            if journal:
                with contextlib.suppress(OSError):
                    _write_journal(folder, "rollback", done)
            _back(done)
            _unlink(journal_path(folder))
            raise
        finally:
            if blocked is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a held SIGINT is raised here
    except _Interrupted:
        raise KeyboardInterrupt from None


def recover(folder: str | os.PathLike) -> bool:
    """Finish (or undo, if it was being undone) a commit that a killed run left in ``folder``;
    True when there was one. InputError when the journal cannot be read or acted on."""
    folder = Path(folder)
    path = journal_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as exc:
        raise InputError("上次写入的记录无法读取；请确认题库文件无误后删除它", path=str(path)) from exc
    def inside(rel) -> Path:
        if not isinstance(rel, str) or os.path.isabs(rel) or ".." in Path(rel).parts:
            raise TypeError  # a journal never names a file outside its folder
        return folder / rel

    try:
        moves = [(inside(m["staged"]), inside(m["target"]), inside(m["backup"]) if m.get("backup") else None)
                 for m in data["moves"]]
        rollback = data.get("state") == "rollback"
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError("上次写入的记录格式不对；请确认题库文件无误后删除它", path=str(path)) from exc
    try:
        (_back if rollback else _forward)(moves)
        os.unlink(path)
    except OSError as exc:
        raise InputError(f"上次写入中断，无法{'撤销' if rollback else '完成'}（{os_reason(exc)}）",
                         path=str(getattr(exc, "filename", None) or folder)) from exc
    _fsync_dir(folder)
    print(f"{folder}：上次写入被中断，已{'撤销' if rollback else '补完'}", file=sys.stderr)
    return True


def _owner_gone(pid: int) -> bool:
    if pid == os.getpid() or sys.platform == "win32":  # os.kill on Windows would end the process
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_stale(folder: str | os.PathLike, old_naming: Callable[[str], bool]) -> int:
    """Remove quizgen's temporary and backup files in ``folder`` whose owner is gone, and those of
    the old naming made before this run whose target name ``old_naming`` accepts; how many."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for e in entries:
        m = _OWNED.match(e.name)
        if m:
            stale = _owner_gone(int(m["pid"]))
        else:
            m = _OLD.match(e.name)
            try:
                stale = bool(m) and old_naming(m["base"]) and e.stat(follow_symlinks=False).st_mtime < STARTED
            except OSError:
                stale = False
        if stale and e.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(e.path)
                removed += 1
    return removed


def tidy(folder: str | os.PathLike, old_naming: Callable[[str], bool]) -> None:
    """Recover an unfinished commit in ``folder``, then remove stale temporary files."""
    recover(folder)
    clean_stale(folder, old_naming)
