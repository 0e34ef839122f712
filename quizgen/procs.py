"""Worker processes that do not outlive the process that started them.

A pool worker whose parent is killed (kill -9 gives it no chance to stop them) would otherwise
wait for work forever, re-parented, holding its memory and the caller's terminal. On Linux the
kernel is asked to kill the worker when its parent dies (``prctl(PR_SET_PDEATHSIG)``); on every
system a watchdog thread ends the worker when its parent process changes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def _ask_kernel() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watchdog still does it


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """Make this process end when ``parent`` (the pid it was started by) ends."""
    _ask_kernel()
    if os.getppid() != parent:  # it died before we asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="quizgen-watchdog", daemon=True).start()
