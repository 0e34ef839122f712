"""Members' practice runs held by the server while they answer, keyed by a random token.

The token lives in the member's signed session cookie, never in a URL; the run itself (its
questions, answers and the member's name) stays in this process. A run left alone for
``IDLE_LIMIT`` seconds is forgotten, and at most ``MAX_RUNS`` are held (the oldest go first),
so a crowd of abandoned phones cannot fill the memory. Each run has its own lock: an answer sent
twice at once is graded once.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from quizgen.practice import Practice

IDLE_LIMIT = 4 * 3600
MAX_RUNS = 2000


@dataclass
class Run:
    """One member's run and what the pages need besides it."""

    practice: Practice
    lock: threading.Lock = field(default_factory=threading.Lock)
    recorded: bool = False
    """Its result is in the results file (written once, when it ends)."""
    used: float = 0.0


class PracticeStore:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._runs: OrderedDict[str, Run] = OrderedDict()
        self._lock = threading.Lock()
        self._clock = clock

    def add(self, practice: Practice) -> str:
        """Hold ``practice``; returns its new token."""
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._expire()
            self._runs[token] = Run(practice, used=self._clock())
            while len(self._runs) > MAX_RUNS:
                self._runs.popitem(last=False)
        return token

    def get(self, token: str | None) -> Run | None:
        if not token:
            return None
        with self._lock:
            self._expire()
            run = self._runs.get(token)
            if run is not None:
                run.used = self._clock()
                self._runs.move_to_end(token)
            return run

    def drop(self, token: str | None) -> None:
        with self._lock:
            self._runs.pop(token or "", None)

    def _expire(self) -> None:
        limit = self._clock() - IDLE_LIMIT
        while self._runs:
            token, run = next(iter(self._runs.items()))
            if run.used >= limit:
                break
            del self._runs[token]
