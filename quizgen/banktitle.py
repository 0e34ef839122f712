"""Setting a document's title in its bank file (the 《title》 of a paper's 出处), nothing else.

The one line ``title: …`` at the top of the file is replaced (or added after ``doc:``), so a
person's comments and layout stay; the result is checked by loading it, and when the splice
cannot be checked the file is dumped again by ``bankio`` (only when every question loads). The
write is atomic and under the bank's lock, like every other bank write.
"""

from __future__ import annotations

import yaml

from quizgen.bank import doc_file
from quizgen.bankio import SafeDumper, SafeLoader, dump_bank_file, read_bank_file
from quizgen.errors import BankError, InputError
from quizgen.fsutil import atomic_write_bytes
from quizgen.locking import folder_locked
from quizgen.textnorm import CONTROL_RE

MAX_TITLE = 200


def clean_title(title: str) -> str:
    """The title as stored: one line, trimmed; InputError when it cannot be one."""
    text = " ".join((title or "").split())
    if CONTROL_RE.search(text):
        raise InputError("标题里有控制字符；请删掉它")
    if len(text) > MAX_TITLE:
        raise InputError(f"标题太长（{len(text)} 字，最多 {MAX_TITLE} 字）")
    return text


def _title_line(title: str) -> str:
    return yaml.dump({"title": title}, Dumper=SafeDumper, allow_unicode=True, width=10_000)


def _splice(text: str, title: str) -> str | None:
    node = yaml.compose(text, Loader=SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return None
    lines = text.splitlines(keepends=True)
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "title":
            if key.start_mark.column != 0 or value.end_mark.line != key.start_mark.line:
                return None  # a title over several lines: let the dump write it
            i = key.start_mark.line
            return "".join(lines[:i]) + (_title_line(title) if title else "") + "".join(lines[i + 1:])
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "doc" and key.start_mark.column == 0:
            i = value.end_mark.line + 1
            return "".join(lines[:i]) + (_title_line(title) if title else "") + "".join(lines[i:])
    return None


def set_title(bank_dir, doc: str, title: str) -> str:
    """Give document ``doc`` the title ``title`` ('' removes it); returns the title stored."""
    title = clean_title(title)
    with folder_locked(bank_dir, wait_message=None):
        path = doc_file(bank_dir, doc)
        if not path.exists():
            raise InputError(f"题库中没有文档 {doc!r}", path=str(bank_dir))
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        expected = yaml.load(text, Loader=SafeLoader)
        if not isinstance(expected, dict):
            raise BankError("题库文件必须是含 `doc` 和 `questions` 的映射", path=str(path), line=1)
        if title:
            expected["title"] = title
        else:
            expected.pop("title", None)
        try:
            new = _splice(text, title)
            ok = new is not None and yaml.load(new, Loader=SafeLoader) == expected
        except yaml.YAMLError:
            ok = False
        if not ok:
            bf, problems = read_bank_file(path)
            if problems:
                first = problems[0]
                raise BankError(f"文件中有无法读取的题目（{first.message}），为免丢失，先修正它",
                                path=first.path, line=first.line)
            bf.title = title
            new = dump_bank_file(bf)
        atomic_write_bytes(path, new.encode("utf-8"))
    return title
