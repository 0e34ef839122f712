"""The ``import`` command: read an old 题库 (xlsx sheet, Word or text 试卷) into the bank.

The imported questions become hand-written questions (no fingerprint, status reviewed) of one
document named after the file, so re-extracting never drops them. Ids come from the content:
importing the same file again updates its questions in place. Whatever cannot be read is listed
with its row, paragraph or line and why; the rest are imported, the bank file written atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path

from quizgen.bankio import BankFile, bank_path, read_bank_file, write_bank_file
from quizgen.errors import WARNING_PREFIX, BankError, InputError, os_reason
from quizgen.importers import Skip, reader_for
from quizgen.importers.build import Unreadable, build, source_title
from quizgen.model import QUESTION_TYPES, TYPE_NAMES, Question

MAX_IMPORT_FILE = 50 * 1024 * 1024


def read_questions(path: str, doc: str) -> tuple[list[Question], list[Skip], str]:
    """(questions, what was skipped, document title named in the file) of one import file."""
    mod = reader_for(path)
    try:
        if Path(path).stat().st_size > MAX_IMPORT_FILE:
            raise InputError(f"文件超过 {MAX_IMPORT_FILE // 2**20} MB，不像是题库；请拆分", path=path)
        data = Path(path).read_bytes()
    except IsADirectoryError as exc:
        raise InputError("这是一个文件夹；请给出一个题库文件", path=path) from exc
    except OSError as exc:
        raise InputError(f"无法读取（{os_reason(exc)}）", path=path) from exc
    parsed = mod.read(data, path)
    questions: list[Question] = []
    skipped = list(parsed.skipped)
    seen: dict[str, str] = {}
    titles = {source_title(d.source) for d in parsed.drafts} - {""}
    for d in parsed.drafts:
        try:
            q = build(d, doc)
        except Unreadable as exc:
            skipped.append(Skip(d.where, str(exc)))
            continue
        if q.id in seen:
            skipped.append(Skip(d.where, f"与{seen[q.id]}的题相同（同一题型、同一题干）"))
            continue
        seen[q.id] = d.where
        questions.append(q)
    title = parsed.title or (titles.pop() if len(titles) == 1 else "")
    return questions, skipped, title


def merge_imported(existing: BankFile | None, questions: list[Question], path: Path, doc: str,
                   title: str) -> tuple[BankFile, int]:
    """The document's bank file with ``questions`` in: one with the same id is replaced where it
    stands (keeping a person's 停用, tags and pin), new ones go last. Returns (file, how many updated)."""
    bf = existing or BankFile(path=path, doc=doc)
    if title and not bf.title:
        bf.title = title
    index = {q.id: k for k, q in enumerate(bf.questions)}
    updated = 0
    for q in questions:
        k = index.get(q.id)
        if k is None:
            index[q.id] = len(bf.questions)
            bf.questions.append(q)
            continue
        prev = bf.questions[k]
        if prev.status == "rejected":
            q.status = prev.status
        q.tags, q.pin = prev.tags, prev.pin
        bf.questions[k] = q
        updated += 1
    return bf, updated


def import_file(path: str, bank_dir: str, name: str | None = None, stream=None) -> int:
    """Import one file into the bank; prints what was skipped and a summary line. Returns the number
    imported; raises InputError (exit code 2) when none could be."""
    stream = stream or sys.stderr
    doc = (name or Path(path).stem).strip()
    if not doc:
        raise InputError("--name 不能为空")
    questions, skipped, title = read_questions(path, doc)
    for s in skipped:
        print(f"{WARNING_PREFIX}{path}：{s.where}：{s.why}（已跳过）", file=stream)
    if not questions:
        why = f"全部 {len(skipped)} 道题都读不出（见上）" if skipped else "没有找到题目（表格要在表头下一题一行；试卷要有“1. 题干”和“A. 选项”的版式）"
        raise InputError(f"{why}；什么也没有导入", path=path)
    folder = Path(bank_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法建立题库文件夹（{os_reason(exc)}）", path=str(folder)) from exc
    target = bank_path(folder, doc)
    existing = None
    if target.exists():
        existing, problems = read_bank_file(target)
        if problems:
            first = problems[0]
            raise BankError(f"{first.message}；请先改正（`quizgen bank check` 会列出每个问题），"
                            f"什么也没有导入", path=first.path, line=first.line)
        if existing.doc != doc:
            raise InputError(f"题库文件 {target.name} 属于文档 {existing.doc!r}；请用 --name 换一个文档名",
                             path=str(target))
    bf, updated = merge_imported(existing, questions, target, doc, title)
    write_bank_file(bf)
    counts = {t: sum(q.type == t for q in questions) for t in QUESTION_TYPES}
    by_type = "、".join(f"{TYPE_NAMES[t]} {counts[t]}" for t in QUESTION_TYPES if counts[t])
    again = f"，其中 {updated} 道更新了已导入过的题" if updated else ""
    print(f"已导入 {len(questions)} 道题到 {target}（{by_type}{again}），跳过 {len(skipped)} 道。", file=stream)
    return len(questions)
