"""Reading and writing question-bank YAML files: schema, validation with file:line, safe load.

One file per source document under the bank folder (``question_bank/<doc>.yaml``). The schema is
documented in the README ("The question bank"). Loading is always ``yaml.SafeLoader``: no tags
construct objects. Problems are reported per question with the file and line; a broken question
is skipped, the rest of the bank stays usable.

What a person wrote is kept: fields quizgen does not know (on a question, in its ``source``, or at
the top of the file) are carried in ``extra`` and written back after the known ones. Comments
cannot be kept by a YAML load and dump; ``bankcomments`` finds them so that a rewrite can refuse
instead of dropping them. Control characters in a question or the title are a problem (the
question is skipped), so they never reach a terminal or a .docx.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quizgen import cache
from quizgen.errors import BankError, os_reason
from quizgen.fsutil import atomic_write_text, safe_name
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, QUESTION_TYPES, Question, Source
from quizgen.textnorm import CONTROL_RE, count_blanks, fill_blanks, norm

HEADER = (
    "# quizgen 题库：一篇文档的题目，最重要的在前。\n"
    "# 可以随意修改：再次提取这篇文档时，改过的题保留您的修改；\n"
    "# 把 `status` 设为 rejected（或删掉这道题）即永久去掉它。格式说明见 README.md。\n"
)
MAX_BANK_FILE = 20 * 1024 * 1024


@dataclass
class Problem:
    """One problem found in a bank file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class BankFile:
    """The content of one bank YAML file."""

    path: Path
    doc: str
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)
    """Ids quizgen has ever generated for this document (a missing one was deleted by a person)."""
    text_hash: str = ""
    """``text_hash`` of the document's text when it was last extracted ("" in older files)."""
    source_file: str = ""
    """The file the document was last extracted from (absolute; "" for standard input and older
    files): another file of the same name, in a later run, is not taken for it."""
    lines: dict[str, int] = field(default_factory=dict)
    """Question id -> line in the file where it starts."""
    extra: dict = field(default_factory=dict)
    """Top-level keys quizgen does not know, written by a person: kept and written back."""
    content_key: str = field(default="", compare=False, repr=False)
    """Key of the bytes it was read from in ``quizgen.cache`` ("" for small files, or not read)."""


QUESTION_KEYS = ("id", "type", "kind", "score", "status", "stem", "options", "answer", "accept", "source",
                 "tags", "pin", "fingerprint")
SOURCE_KEYS = ("doc", "section", "sentence", "spans")
FILE_KEYS = ("doc", "title", "meta", "text_hash", "source_file", "questions", "generated")


# ---------------------------------------------------------------------------- fingerprints


def content_fingerprint(q: Question) -> str:
    """Hash of what a person can edit; compared with ``q.fingerprint`` to detect edits."""
    accept = [list(a) for a in q.accept]
    while accept and not accept[-1]:
        accept.pop()  # no alternatives written and none at all are the same question
    payload = [q.type, q.stem, q.options or [], q.answer, accept, q.source.sentence, q.source.spans]
    digest = hashlib.blake2b(json.dumps(payload, ensure_ascii=False).encode("utf-8"), digest_size=6)
    return digest.hexdigest()


def text_hash(text: str) -> str:
    """Short hash of a document's text with all whitespace removed: the same text under another
    name (a.docx and a.pdf, a copy renamed) has the same hash."""
    return hashlib.blake2b("".join(text.split()).encode("utf-8"), digest_size=8).hexdigest()


def is_edited(q: Question) -> bool:
    """True when a person changed the question since quizgen generated it (or wrote it by hand)."""
    return not q.fingerprint or q.fingerprint != content_fingerprint(q)


# ---------------------------------------------------------------------------- to / from dict


def question_to_dict(q: Question) -> dict:
    d: dict = {"id": q.id, "type": q.type}
    if q.kind:
        d["kind"] = q.kind
    d["score"] = round(float(q.score), 4)
    d["status"] = q.status
    d["stem"] = q.stem
    if q.options is not None:
        d["options"] = list(q.options)
    d["answer"] = list(q.answer)
    if q.accept and any(q.accept):
        d["accept"] = [list(a) for a in q.accept]
    d["source"] = {"doc": q.source.doc}
    if q.source.section:
        d["source"]["section"] = q.source.section
    d["source"].update(sentence=q.source.sentence, spans=list(q.source.spans))
    d["source"].update(q.source.extra)
    if q.tags:
        d["tags"] = list(q.tags)
    if q.pin:
        d["pin"] = True
    if q.fingerprint:
        d["fingerprint"] = q.fingerprint
    d.update(q.extra)
    return d


def _str_list(value, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value)]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        raise ValueError(f"`{what}` 必须是文字列表")
    return [str(v) for v in value]


def question_from_dict(d) -> Question:
    """Build a Question from its YAML mapping; raises ValueError naming the bad field."""
    if not isinstance(d, dict):
        raise ValueError("一道题必须是字段映射（id、type、stem、answer、source）")
    for key in ("id", "type", "stem", "answer"):
        if key not in d or d[key] in (None, "", []):
            raise ValueError(f"缺少字段 `{key}`")
    qtype = d["type"]
    if qtype not in QUESTION_TYPES:
        raise ValueError(f"未知题型 {qtype!r}：请用 {'、'.join(QUESTION_TYPES)} 之一")
    if not isinstance(d["stem"], str):
        raise ValueError("`stem` 必须是文字")
    src = d.get("source") or {}
    if not isinstance(src, dict):
        raise ValueError("`source` 必须是含 doc、sentence、spans 的映射")
    sentence = src.get("sentence", "")
    if not isinstance(sentence, str):
        raise ValueError("`source.sentence` 必须是文字")
    section = src.get("section") or ""
    if not isinstance(section, str):
        raise ValueError("`source.section` 必须是文字")
    pin = d.get("pin", False)
    if not isinstance(pin, bool):
        raise ValueError("`pin` 必须是 true 或 false")
    accept_raw = d.get("accept") or []
    if not isinstance(accept_raw, list):
        raise ValueError("`accept` 必须是列表（每个空一组可接受的答案）")
    accept = [_str_list(a, "accept") for a in accept_raw]
    options = d.get("options")
    score = d.get("score", 0.0)
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        raise ValueError("`score` 必须是数字")
    tags = _str_list(d.get("tags"), "tags")
    status = str(d.get("status") or "new")
    if status not in ("new", "reviewed", "rejected"):
        raise ValueError(f"未知状态 {status!r}：请用 new、reviewed 或 rejected")
    return Question(
        id=str(d["id"]),
        type=qtype,
        stem=d["stem"],
        answer=_str_list(d["answer"], "answer"),
        options=_str_list(options, "options") if options is not None else None,
        accept=accept,
        source=Source(
            doc=str(src.get("doc") or ""),
            sentence=sentence,
            spans=_str_list(src.get("spans"), "source.spans"),
            section=section,
            extra={k: v for k, v in src.items() if k not in SOURCE_KEYS},
        ),
        kind=str(d.get("kind") or ""),
        score=float(score),
        tags=tags,
        status=status,
        fingerprint=str(d.get("fingerprint") or ""),
        pin=pin,
        extra={k: v for k, v in d.items() if k not in QUESTION_KEYS},
    )


def control_problem(fields: list[tuple[str, list[str]]]) -> str | None:
    """What is wrong when one of the (field name, texts) holds a control character, else None."""
    if not CONTROL_RE.search("\n".join(v for _, values in fields for v in values)):  # \n is allowed
        return None  # one search for the whole question; the field is looked for only when needed
    for name, values in fields:
        for value in values:
            m = CONTROL_RE.search(value)
            if m:
                return (f"`{name}` 含控制字符 U+{ord(m.group()):04X}（第 {m.start() + 1} 个字符）：请删掉它"
                        f"（它会搅乱终端显示，也无法写入 Word 文件）")
    return None


def question_problems(q: Question) -> list[str]:
    """Consistency problems of a well-typed question (empty list: the question is usable)."""
    p: list[str] = []
    control = control_problem([
        ("id", [q.id]), ("stem", [q.stem]), ("answer", q.answer), ("options", q.options or []),
        ("accept", [a for group in q.accept for a in group]), ("kind", [q.kind]), ("tags", q.tags),
        ("source.doc", [q.source.doc]), ("source.section", [q.source.section]),
        ("source.sentence", [q.source.sentence]), ("source.spans", q.source.spans),
    ])
    if control:
        return [control]
    missing = [f"`source.{key}`" for key, value in (("doc", q.source.doc), ("sentence", q.source.sentence))
               if not value]
    if len(missing) == 2:
        p.append("缺少出处 `source`：每道题都要写 source.doc（文档名）和 source.sentence（原文句子）")
    elif missing:
        p.append(f"出处缺少 {missing[0]}：每道题都要写 source.doc（文档名）和 source.sentence（原文句子）")
    if q.type == "fill":
        n = count_blanks(q.stem)
        if n == 0:
            p.append("填空题题干没有空（在答案处写 ____）")
        elif n != len(q.answer):
            p.append(f"填空题题干有 {n} 个空，答案却有 {len(q.answer)} 个")
        elif q.source.sentence and norm(fill_blanks(q.stem, q.answer)) != norm(q.source.sentence):
            p.append("填空题题干填入答案后与 source.sentence 不再一致")
        if q.accept and len(q.accept) > len(q.answer):
            p.append("`accept` 的组数多于空的个数")
    elif q.type in ("single", "multi"):
        opts = q.options or []
        if not 2 <= len(opts) <= 6:
            p.append(f"有 {len(opts)} 个选项：选择题需要 2 到 6 个")
        if len({norm(o) for o in opts}) != len(opts):
            p.append("有两个选项相同")
        missing = [a for a in q.answer if a not in opts]
        if missing:
            p.append(f"答案 {missing[0]!r} 不在选项中")
        if q.type == "single" and len(q.answer) != 1:
            p.append(f"单选题有 {len(q.answer)} 个答案（只能有 1 个）")
        if q.type == "multi" and len(q.answer) < 2:
            p.append("多选题的答案少于 2 个")
    elif q.type == "judge" and q.answer not in ([JUDGE_TRUE], [JUDGE_FALSE]):
        p.append(f"判断题的答案必须是 {JUDGE_TRUE} 或 {JUDGE_FALSE}")
    for span in q.source.spans:
        if q.source.sentence and span not in q.source.sentence:
            p.append(f"关键词 {span!r} 不在 source.sentence 中")
            break
    return p


# ---------------------------------------------------------------------------- files


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _load_with_lines(text: str):
    """Safe-load the YAML and find the line of `questions` and of each question (1-based)."""
    from quizgen.yamlload import load_with_lines

    data, lines = load_with_lines(text)
    return data, lines, _key_lines(text)


TOP_KEY_RE = re.compile(r"^([A-Za-z_][\w.]*)\s*:", re.MULTILINE)


def _key_lines(text: str) -> dict[str, int]:
    """Top-level key -> its line (1-based): keys written at the start of a line."""
    out: dict[str, int] = {}
    for m in TOP_KEY_RE.finditer(text):
        out.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
    return out


_YAML_PROBLEMS = (  # the parser's words (PyYAML and libyaml) -> what a person should look at
    ("mapping values are not allowed", "这里不能出现“键: 值”（冒号后的内容要加引号，或缩进不对）"),
    ("could not find expected ':'", "找不到应有的冒号 `:`（缩进不对或少了冒号？）"),
    ("did not find expected key", "缩进不对：这里应是一个字段名"),
    ("did not find expected '-' indicator", "缩进不对：这里应是以 `-` 开头的列表项"),
    ("did not find expected node content", "这里缺少内容"),
    ("cannot start any token", "有不能出现在这里的字符（例如制表符 Tab，请改用空格缩进）"),
    ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"),
    ("could not determine a constructor", "不允许的 YAML 标签（如 !!python）：题库只能有文字、数字、列表和映射"),
    ("found unknown escape character", "引号内有无效的转义字符（反斜杠 \\）"),
    ("found undefined alias", "引用了未定义的别名（*）"),
    ("found duplicate anchor", "锚点（&）重复"),
    ("found unexpected ':'", "这里不能有冒号 `:`（请给文字加引号）"),
    ("expected <document start>", "多出了内容（缩进不对？）"),
    ("expected <block end>", "缩进不对"),
    ("expected ',' or ']'", "方括号列表没有正确结束（少了 `,` 或 `]`）"),
    ("expected ',' or '}'", "花括号映射没有正确结束（少了 `,` 或 `}`）"),
)


def yaml_problem(exc: Exception) -> str:
    """What is wrong, in Chinese, for the parser's most common complaints (else its own words)."""
    what = str(getattr(exc, "problem", None) or "")
    for english, chinese in _YAML_PROBLEMS:
        if english in what:
            return chinese
    return what or "无法解析"


# a key written with a full-width colon (`stem： …`): YAML reads the line as plain text and fails
# only on a later line, so the error is reported where the typo is
FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.]*\s*：")


def _yaml_error_where(exc: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """(1-based line, problem) of a YAML error, pointing at the line a person has to fix."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    raw = str(getattr(exc, "problem", None) or "")
    what = yaml_problem(exc)
    if problem_mark is None:
        return (context_mark.line + 1 if context_mark else None), what
    lines = text.splitlines()
    first = context_mark.line if context_mark else max(0, problem_mark.line - 5)
    for i in range(min(problem_mark.line, len(lines) - 1), first - 1, -1):
        if FULLWIDTH_KEY.match(lines[i]):
            return i + 1, "键后面是全角冒号“：”，请改成半角冒号加空格“: ”"
    if context_mark is not None and raw.startswith("could not find expected ':'"):
        return context_mark.line + 1, what  # the key that has no colon starts there
    return problem_mark.line + 1, what


def read_bank_file(path: Path) -> tuple[BankFile, list[Problem]]:
    """Read one bank file; malformed YAML raises BankError, bad questions become Problems."""
    spath = str(path)
    try:
        if path.stat().st_size > MAX_BANK_FILE:
            raise BankError(f"题库文件超过 {MAX_BANK_FILE // 2**20} MB；请拆分", path=spath)
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BankError("不是 UTF-8 文本；请把题库文件存为 UTF-8", path=spath) from exc
    except OSError as exc:
        raise BankError(f"无法读取（{os_reason(exc)}）", path=spath) from exc
    if len(raw) < cache.MIN_BYTES:
        return _read_bank_text(path, text)
    # a large file: what reading and checking these bytes gave before, with this code
    key = cache.key_of(raw, spath)
    hit = cache.get("banks", key)
    if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], BankFile):
        hit[0].content_key = key
        return hit
    bank, problems = _read_bank_text(path, text)  # a refused file raises: nothing cached
    cache.put("banks", key, (bank, problems))
    bank.content_key = key
    return bank, problems


def _read_bank_text(path: Path, text: str) -> tuple[BankFile, list[Problem]]:
    spath = str(path)
    try:
        data, (q_line, lines), key_lines = _load_with_lines(text)
    except yaml.reader.ReaderError as exc:  # a raw control character: say where it is
        ch = chr(exc.character) if isinstance(exc.character, int) else ""
        at = text.find(ch) if ch else -1
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise BankError(f"有不允许的控制字符 U+{ord(ch or chr(0)):04X}；请删掉它", path=spath, line=line) from exc
    except yaml.YAMLError as exc:
        line, what = _yaml_error_where(exc, text)
        raise BankError(f"YAML 格式错误：{what}", path=spath, line=line) from exc
    except RecursionError as exc:
        raise BankError("YAML 格式错误：嵌套太深", path=spath) from exc
    default_doc = path.stem
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BankError("题库文件必须是含 `doc` 和 `questions` 的映射", path=spath, line=1)
    bank = BankFile(path=path, doc=str(data.get("doc") or default_doc))
    bank.text_hash = str(data.get("text_hash") or "")
    bank.source_file = str(data.get("source_file") or "")
    bank.title = str(data.get("title") or "")
    meta = data.get("meta") or {}
    bank.meta = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}
    gen = data.get("generated") or []
    bank.generated = [str(g) for g in gen] if isinstance(gen, list) else []
    bank.extra = {k: v for k, v in data.items() if k not in FILE_KEYS}
    problems: list[Problem] = []
    for key, values in (("title", [bank.title]), ("meta", list(bank.meta.values())), ("doc", [bank.doc])):
        control = control_problem([(key, values)])
        if control:
            problems.append(Problem(spath, key_lines.get(key, 1), control))
    if problems:  # the rest of the file stays usable; the characters never reach a writer
        bank.title = CONTROL_RE.sub("", bank.title)
        bank.meta = {k: CONTROL_RE.sub("", v) for k, v in bank.meta.items()}
        bank.doc = CONTROL_RE.sub("", bank.doc)
    items = data.get("questions") or []
    if not isinstance(items, list):
        raise BankError("`questions` 必须是列表", path=spath, line=q_line)
    seen: set[str] = set()
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else q_line
        try:
            q = question_from_dict(item)
        except ValueError as exc:
            problems.append(Problem(spath, line, f"第 {i + 1} 题：{exc}"))
            continue
        if q.id in seen:
            problems.append(Problem(spath, line, f"题目编号 {q.id!r} 重复"))
            continue
        seen.add(q.id)
        bank.lines[q.id] = line
        issues = question_problems(q)
        if issues:
            problems.extend(Problem(spath, line, f"题目 {q.id}：{msg}") for msg in issues)
            continue
        bank.questions.append(q)
    return bank, problems


def dump_bank_file(bank: BankFile) -> str:
    data = {"doc": bank.doc}
    if bank.title:
        data["title"] = bank.title
    if bank.meta:
        data["meta"] = dict(bank.meta)
    if bank.text_hash:
        data["text_hash"] = bank.text_hash
    if bank.source_file:
        data["source_file"] = bank.source_file
    data.update(bank.extra)
    data["questions"] = [question_to_dict(q) for q in bank.questions]
    data["generated"] = list(bank.generated)
    body = yaml.dump(data, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    return HEADER + body


def read_text_hash(path: Path) -> str:
    """The ``text_hash`` of a bank file, read from its header (the lines before ``questions:``)
    without loading its questions; "" when it has none or cannot be read."""
    return str(read_header(path).get("text_hash") or "")


def read_header(path: Path) -> dict:
    """The top-level keys written before ``questions:`` (doc, title, text_hash…), read without
    loading the questions; {} when the file cannot be read."""
    head: list[str] = []
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for line in fh:
                if line.startswith("questions:"):
                    break
                head.append(line)
        data = yaml.load("".join(head), Loader=SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def write_bank_file(bank: BankFile) -> None:
    atomic_write_text(bank.path, dump_bank_file(bank))


def bank_path(bank_dir: Path, doc: str) -> Path:
    """Where a document's questions live; a document name can never point outside the bank."""
    return Path(bank_dir) / f"{safe_name(doc)}.yaml"
