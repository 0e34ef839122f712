"""The one error family of quizgen; the CLI turns each into a message and an exit code."""

from __future__ import annotations


class QuizgenError(Exception):
    """A problem the user can fix; ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class InputError(QuizgenError):
    """Bad input: a file that cannot be read, a bad option, an empty selection."""

    exit_code = 2


class BankError(InputError):
    """A problem in a bank YAML file (malformed YAML, wrong field, bad answer)."""
