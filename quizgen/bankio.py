"""Reading and writing question-bank YAML files: schema, validation with file:line, safe load.

One file per source document under the bank folder (``question_bank/<doc>.yaml``). The schema is
documented in the README ("The question bank"). Loading is always ``yaml.SafeLoader``: no tags
construct objects. Problems are reported per question with the file and line; a broken question
is skipped, the rest of the bank stays usable.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quizgen.errors import BankError
from quizgen.fsutil import atomic_write_text, safe_name
from quizgen.model import JUDGE_FALSE, JUDGE_TRUE, QUESTION_TYPES, Question, Source
from quizgen.textnorm import count_blanks, fill_blanks, norm

HEADER = (
    "# quizgen question bank: one document's questions, most important first.\n"
    "# Edit freely: an edited question keeps your edit when the document is extracted again;\n"
    "# set `status: rejected` (or delete it) to drop a question for good. Schema: README.md.\n"
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
    lines: dict[str, int] = field(default_factory=dict)
    """Question id -> line in the file where it starts."""


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
    d["source"] = {"doc": q.source.doc, "sentence": q.source.sentence, "spans": list(q.source.spans)}
    if q.tags:
        d["tags"] = list(q.tags)
    if q.fingerprint:
        d["fingerprint"] = q.fingerprint
    return d


def _str_list(value, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value)]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        raise ValueError(f"`{what}` must be a list of texts")
    return [str(v) for v in value]


def question_from_dict(d) -> Question:
    """Build a Question from its YAML mapping; raises ValueError naming the bad field."""
    if not isinstance(d, dict):
        raise ValueError("a question must be a mapping of fields (id, type, stem, answer, source)")
    for key in ("id", "type", "stem", "answer"):
        if key not in d or d[key] in (None, "", []):
            raise ValueError(f"missing field `{key}`")
    qtype = d["type"]
    if qtype not in QUESTION_TYPES:
        raise ValueError(f"unknown type {qtype!r}: use one of {', '.join(QUESTION_TYPES)}")
    if not isinstance(d["stem"], str):
        raise ValueError("`stem` must be text")
    src = d.get("source") or {}
    if not isinstance(src, dict):
        raise ValueError("`source` must be a mapping with doc, sentence, spans")
    sentence = src.get("sentence", "")
    if not isinstance(sentence, str):
        raise ValueError("`source.sentence` must be text")
    accept_raw = d.get("accept") or []
    if not isinstance(accept_raw, list):
        raise ValueError("`accept` must be a list (one list of alternatives per blank)")
    accept = [_str_list(a, "accept") for a in accept_raw]
    options = d.get("options")
    score = d.get("score", 0.0)
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        raise ValueError("`score` must be a number")
    tags = _str_list(d.get("tags"), "tags")
    status = str(d.get("status") or "new")
    if status not in ("new", "reviewed", "rejected"):
        raise ValueError(f"unknown status {status!r}: use new, reviewed or rejected")
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
        ),
        kind=str(d.get("kind") or ""),
        score=float(score),
        tags=tags,
        status=status,
        fingerprint=str(d.get("fingerprint") or ""),
    )


def question_problems(q: Question) -> list[str]:
    """Consistency problems of a well-typed question (empty list: the question is usable)."""
    p: list[str] = []
    missing = [f"`source.{key}`" for key, value in (("doc", q.source.doc), ("sentence", q.source.sentence))
               if not value]
    if len(missing) == 2:
        p.append("缺少出处 `source`：每道题都要写 source.doc（文档名）和 source.sentence（原文句子）")
    elif missing:
        p.append(f"出处缺少 {missing[0]}：每道题都要写 source.doc（文档名）和 source.sentence（原文句子）")
    if q.type == "fill":
        n = count_blanks(q.stem)
        if n == 0:
            p.append("fill stem has no blank (write ____ where the answer goes)")
        elif n != len(q.answer):
            p.append(f"fill stem has {n} blank(s) but {len(q.answer)} answer(s)")
        elif q.source.sentence and norm(fill_blanks(q.stem, q.answer)) != norm(q.source.sentence):
            p.append("fill stem with its answers filled in no longer matches source.sentence")
        if q.accept and len(q.accept) > len(q.answer):
            p.append("`accept` has more entries than there are blanks")
    elif q.type in ("single", "multi"):
        opts = q.options or []
        if not 2 <= len(opts) <= 6:
            p.append(f"{len(opts)} options: a choice question needs 2 to 6")
        if len({norm(o) for o in opts}) != len(opts):
            p.append("two options are the same")
        missing = [a for a in q.answer if a not in opts]
        if missing:
            p.append(f"answer {missing[0]!r} is not among the options")
        if q.type == "single" and len(q.answer) != 1:
            p.append(f"single choice with {len(q.answer)} answers (needs exactly 1)")
        if q.type == "multi" and len(q.answer) < 2:
            p.append("multiple choice with fewer than 2 answers")
    elif q.type == "judge" and q.answer not in ([JUDGE_TRUE], [JUDGE_FALSE]):
        p.append(f"judge answer must be {JUDGE_TRUE} or {JUDGE_FALSE}")
    for span in q.source.spans:
        if q.source.sentence and span not in q.source.sentence:
            p.append(f"span {span!r} is not in source.sentence")
            break
    return p


# ---------------------------------------------------------------------------- files


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _load_with_lines(text: str):
    """Safe-load the YAML and find the line of `questions` and of each question (1-based)."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _expanded_size(node, {}, set())
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, _line_map(node)


MAX_YAML_NODES = 2_000_000


class _AliasBomb(yaml.YAMLError):
    """Aliases that expand to far more data than the file holds (a "billion laughs"), or a cycle."""

    def __init__(self, problem: str, node) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = node.start_mark


def _expanded_size(node, memo: dict[int, int], active: set[int]) -> int:
    """How many nodes the document has once aliases are expanded; raises _AliasBomb past the limit."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:
        raise _AliasBomb("an alias refers to itself (recursive YAML)", node)
    active.add(key)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo, active) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo, active) + _expanded_size(v, memo, active) for k, v in node.value)
    active.discard(key)
    memo[key] = size
    if size > MAX_YAML_NODES:
        raise _AliasBomb("aliases (*name) expand to millions of values; write the values out", node)
    return size


def _line_map(node) -> tuple[int, list[int]]:
    q_line, lines = 1, []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "questions":
                q_line = key.start_mark.line + 1
                if isinstance(value, yaml.SequenceNode):
                    lines = [item.start_mark.line + 1 for item in value.value]
    return q_line, lines


# a key written with a full-width colon (`stem： …`): YAML reads the line as plain text and fails
# only on a later line, so the error is reported where the typo is
FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.]*\s*：")


def _yaml_error_where(exc: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """(1-based line, problem) of a YAML error, pointing at the line a person has to fix."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or "malformed YAML"
    if problem_mark is None:
        return (context_mark.line + 1 if context_mark else None), what
    lines = text.splitlines()
    first = context_mark.line if context_mark else max(0, problem_mark.line - 5)
    for i in range(min(problem_mark.line, len(lines) - 1), first - 1, -1):
        if FULLWIDTH_KEY.match(lines[i]):
            return i + 1, "键后面是全角冒号“：”，请改成半角冒号加空格“: ”"
    if context_mark is not None and what.startswith("could not find expected ':'"):
        return context_mark.line + 1, what  # the key that has no colon starts there
    return problem_mark.line + 1, what


def read_bank_file(path: Path) -> tuple[BankFile, list[Problem]]:
    """Read one bank file; malformed YAML raises BankError, bad questions become Problems."""
    spath = str(path)
    try:
        if path.stat().st_size > MAX_BANK_FILE:
            raise BankError(f"bank file larger than {MAX_BANK_FILE // 2**20} MB; split it", path=spath)
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BankError("not UTF-8 text; save the bank file as UTF-8", path=spath) from exc
    except OSError as exc:
        raise BankError(f"cannot read ({exc.strerror})", path=spath) from exc
    try:
        data, (q_line, lines) = _load_with_lines(text)
    except yaml.YAMLError as exc:
        line, what = _yaml_error_where(exc, text)
        raise BankError(f"malformed YAML: {what}", path=spath, line=line) from exc
    except RecursionError as exc:
        raise BankError("malformed YAML: nested too deeply", path=spath) from exc
    default_doc = path.stem
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BankError("a bank file must be a mapping with `doc` and `questions`", path=spath, line=1)
    bank = BankFile(path=path, doc=str(data.get("doc") or default_doc))
    bank.text_hash = str(data.get("text_hash") or "")
    bank.title = str(data.get("title") or "")
    meta = data.get("meta") or {}
    bank.meta = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}
    gen = data.get("generated") or []
    bank.generated = [str(g) for g in gen] if isinstance(gen, list) else []
    problems: list[Problem] = []
    items = data.get("questions") or []
    if not isinstance(items, list):
        raise BankError("`questions` must be a list", path=spath, line=q_line)
    seen: set[str] = set()
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else q_line
        try:
            q = question_from_dict(item)
        except ValueError as exc:
            problems.append(Problem(spath, line, f"question {i + 1}: {exc}"))
            continue
        if q.id in seen:
            problems.append(Problem(spath, line, f"duplicate id {q.id!r}"))
            continue
        seen.add(q.id)
        bank.lines[q.id] = line
        issues = question_problems(q)
        if issues:
            problems.extend(Problem(spath, line, f"question {q.id}: {msg}") for msg in issues)
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
    data["questions"] = [question_to_dict(q) for q in bank.questions]
    data["generated"] = list(bank.generated)
    body = yaml.dump(data, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    return HEADER + body


def read_text_hash(path: Path) -> str:
    """The ``text_hash`` of a bank file, read from its header (the lines before ``questions:``)
    without loading its questions; "" when it has none or cannot be read."""
    head: list[str] = []
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for line in fh:
                if line.startswith("questions:"):
                    break
                head.append(line)
        data = yaml.load("".join(head), Loader=SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    return str(data.get("text_hash") or "") if isinstance(data, dict) else ""


def write_bank_file(bank: BankFile) -> None:
    atomic_write_text(bank.path, dump_bank_file(bank))


def bank_path(bank_dir: Path, doc: str) -> Path:
    """Where a document's questions live; a document name can never point outside the bank."""
    return Path(bank_dir) / f"{safe_name(doc)}.yaml"
