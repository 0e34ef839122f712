"""Changing one question inside a bank file's text while keeping the rest of the file as it is.

A review decision touches one question. Rather than dumping the whole file again (which would
drop a person's comments and any question the loader had to skip), the new text is spliced in:
a status change replaces only the value after ``status:``; an edit replaces only that
question's block with the question dumped the way ``bankio`` dumps it. Every splice is checked
by loading the result and comparing it with the expected data (the old data with that one
question changed); when a splice cannot be checked equal (an unusual layout), the whole file is
dumped by ``bankio`` instead, which is allowed only when every question of the file loads.
"""

from __future__ import annotations

import copy

import yaml

from quizgen.bankio import SafeDumper, SafeLoader, dump_bank_file, question_to_dict, read_bank_file
from quizgen.errors import BankError
from quizgen.model import Question


def _load(text: str):
    return yaml.load(text, Loader=SafeLoader)  # SafeLoader (libyaml when present): no tags construct objects


def _item_nodes(text: str):
    node = yaml.compose(text, Loader=SafeLoader)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "questions" and isinstance(value, yaml.SequenceNode):
                return value.value
    return []


def _index_of(data, qid: str) -> int:
    items = data.get("questions") if isinstance(data, dict) else None
    for i, item in enumerate(items or []):
        if isinstance(item, dict) and str(item.get("id")) == qid:
            return i
    return -1


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(x) for x in lines[:line]) + column


def _status_splice(text: str, node, status: str) -> str | None:
    lines = text.splitlines(keepends=True)
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "status" and isinstance(value, yaml.ScalarNode):
            a = _offset(lines, value.start_mark.line, value.start_mark.column)
            b = _offset(lines, value.end_mark.line, value.end_mark.column)
            return text[:a] + status + text[b:]
    return None


def _block_splice(text: str, node, q: Question) -> str | None:
    lines = text.splitlines(keepends=True)
    start, col = node.start_mark.line, node.start_mark.column
    if col < 2 or start >= len(lines) or lines[start][col - 2 : col] != "- ":
        return None
    end = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
    end = min(end, len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # comments standing before the next question belong to it
    indent = " " * (col - 2)
    block = yaml.dump([question_to_dict(q)], Dumper=SafeDumper, allow_unicode=True, sort_keys=False,
                      width=10_000, indent=2)
    new = "".join(indent + ln if ln.strip() else ln for ln in block.splitlines(keepends=True))
    return "".join(lines[:start]) + new + "".join(lines[end:])


def replace_question(text: str, path, q: Question, *, status_only: bool) -> str:
    """The file text with question ``q.id`` replaced by ``q`` (only its status when
    ``status_only``); raises BankError when the question is not in the file."""
    data = _load(text)
    i = _index_of(data, q.id)
    if i < 0:
        raise BankError(f"题目 {q.id} 已不在文件中（文件可能在别处被改过）", path=str(path))
    expected = copy.deepcopy(data)
    if status_only:
        expected["questions"][i]["status"] = q.status
    else:
        expected["questions"][i] = question_to_dict(q)
    nodes = _item_nodes(text)
    if i < len(nodes) and isinstance(nodes[i], yaml.MappingNode):
        tries = [_status_splice] if status_only else []
        tries.append(_block_splice)
        for splice in tries:
            arg = q.status if splice is _status_splice else q
            try:
                new = splice(text, nodes[i], arg)
                if new is not None and _load(new) == expected:
                    return new
            except yaml.YAMLError:
                continue
    return _full_dump(path, q)


def _full_dump(path, q: Question) -> str:
    bf, problems = read_bank_file(path)
    if problems:
        first = problems[0]
        raise BankError(f"文件中有无法读取的题目（{first.message}），为免丢失，先修正它"
                        f"（quizgen bank check 列出全部问题）", path=first.path, line=first.line)
    bf.questions = [q if x.id == q.id else x for x in bf.questions]
    return dump_bank_file(bf)
