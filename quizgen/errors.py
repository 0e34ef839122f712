"""The one error family of quizgen; the CLI turns each into a message and an exit code."""

from __future__ import annotations

ERROR_PREFIX = "quizgen：错误："
"""Starts every error line on stderr (followed by ``文件:行: 说明`` where a file is involved)."""
WARNING_PREFIX = "quizgen：警告："
"""Starts every warning line on stderr; warnings never change the exit code."""


def shown(path: str) -> str:
    """A path as printed in a one-line message: control characters (a newline, an escape) escaped."""
    if path == "-":
        return "<stdin>"
    if not any(ord(c) < 32 or ord(c) == 127 for c in path):
        return path
    return "".join(c.encode("unicode_escape").decode("ascii") if ord(c) < 32 or ord(c) == 127 else c
                   for c in path)


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
            path = shown(self.path) if self.path != "-" else "-"
            where = f"{path}:{self.line}: " if self.line else f"{path}: "
        return where + self.message


class InputError(QuizgenError):
    """Bad input: a file that cannot be read, a bad option, an empty selection."""

    exit_code = 2


class BankError(InputError):
    """A problem in a bank YAML file (malformed YAML, wrong field, bad answer)."""


_OS_REASONS = {
    "ENOENT": "找不到该文件或文件夹",
    "EACCES": "没有权限",
    "EPERM": "不允许的操作",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "文件系统只读",
    "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一项不是文件夹",
    "EEXIST": "已存在",
    "ENAMETOOLONG": "文件名太长",
    "EMFILE": "打开的文件太多",
    "EIO": "读写出错（磁盘或设备故障？）",
    "EBUSY": "文件正被占用",
}


def os_reason(exc: OSError) -> str:
    """The reason of an OSError in Chinese (the system's own words when it is not a common one)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name) or exc.strerror or str(exc)
