"""The ``paper`` command: choose questions, lay them out as a 试卷 and write DOCX or PDF files.

Owns option parsing (points, total, versions, notes), the file names of versions and separate keys,
the checks that turn bad requests into exit code 2, and writing every file atomically only
after all of them rendered. Layout lives in ``quizgen.render.layout``; writers in
``quizgen.render.docx_writer`` and ``quizgen.render.pdf_writer``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import WARNING_PREFIX, InputError, os_reason
from quizgen.fsutil import atomic_write_bytes, safe_name, write_beside
from quizgen.model import QUESTION_TYPES, TYPE_NAMES, Question
from quizgen.select import Selection, filter_questions, parse_statuses, parse_types, select, split_list

DEFAULT_COUNT = 20
DEFAULT_TITLE = "应知应会测试"
FORMATS = (".docx", ".pdf")
KEY_SUFFIX = "-答案"


@dataclass
class OutputFile:
    """One file to write: where, which version, and which part (all | paper | key)."""

    path: Path
    version: str
    part: str


def parse_points(text: str | None, types: tuple[str, ...]) -> dict[str, float]:
    """``2,2,3,1`` -> points per blank/question by type.

    As many numbers as ``--types`` map onto those types in order; four numbers always map onto
    fill,single,multi,judge; ``fill=2,judge=1`` names types explicitly.
    """
    if not text:
        return {}
    parts = [p.strip() for p in re.split(r"[,，]", text) if p.strip()]
    out: dict[str, float] = {}
    named = all("=" in p for p in parts)
    if named:
        pairs = [p.split("=", 1) for p in parts]
        for t, v in pairs:
            out[parse_types(t)[0]] = _number(v)
        return out
    if len(parts) == len(types):
        keys: tuple[str, ...] = types
    elif len(parts) == len(QUESTION_TYPES):
        keys = QUESTION_TYPES
    else:
        raise InputError(f"--points {text!r}：请按题型各给一个数（{','.join(types)}），"
                         "或按 fill,single,multi,judge 给四个数，或写成 fill=2,judge=1")
    return {t: _number(v) for t, v in zip(keys, parts)}


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"--points：{text!r} 不是数字") from None
    if not 0 < value <= 100:
        raise InputError(f"--points：{text!r} 必须是大于 0 的分数（不超过 100）")
    return value


def parse_total(value: int | str | None) -> int | None:
    """``--total 100`` -> 100 (a whole number of points, 1 to 1000)."""
    if value is None or value == "":
        return None
    try:
        total = int(str(value).strip())
    except ValueError:
        raise InputError(f"--total {value!r}：总分必须是整数，例如 --total 100") from None
    if not 0 < total <= 1000:
        raise InputError(f"--total {value!r}：总分必须在1到1000分之间")
    return total


def parse_versions(text: str | None) -> list[str]:
    """``A,B`` -> ['A', 'B'] (labels must be distinct and usable in a file name)."""
    labels = list(split_list(text))
    for label in labels:
        if safe_name(label) != label or len(label) > 10:
            raise InputError(f"--versions：{label!r} 不能用作版本标记（请用如 A,B）")
    if len(set(labels)) != len(labels):
        raise InputError(f"--versions {text!r}：版本标记不能重复")
    return labels


def parse_notes(text: str | None) -> list[str]:
    if not text:
        return []
    return [n.strip() for n in re.split(r"[;；\n]", text) if n.strip()]


def output_files(output: str | os.PathLike, versions: list[str], key: str) -> list[OutputFile]:
    """The files to write: ``quiz.pdf``, or ``quiz-A.pdf``/``quiz-B.pdf`` per version, each with
    ``…-答案.pdf`` beside it when the key is separate."""
    out = Path(output)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"无法判断 {out.name!r} 的格式：输出文件名必须以 .docx 或 .pdf 结尾")
    paper_part = "all" if key == "end" else "paper"
    files = []
    for v in versions or [""]:
        stem = f"{out.stem}-{v}" if v else out.stem
        files.append(OutputFile(out.with_name(stem + out.suffix), v, paper_part))
        if key == "separate":
            files.append(OutputFile(out.with_name(stem + KEY_SUFFIX + out.suffix), v, "key"))
    return files


def check_writable(files: list[OutputFile]) -> None:
    """Fail before rendering if any output cannot be written."""
    for f in files:
        folder = f.path.parent
        if not folder.is_dir():
            raise InputError(f"文件夹 {folder} 不存在；请先建立它，或换一个输出位置", path=str(f.path))
        if f.path.is_dir():
            raise InputError("这是一个文件夹；请给出以 .docx 或 .pdf 结尾的文件名", path=str(f.path))
        if not os.access(folder, os.W_OK) or (f.path.exists() and not os.access(f.path, os.W_OK)):
            raise InputError("无法在这里写入（没有权限）；请换一个输出位置", path=str(f.path))


def choose(questions: list[Question], sel: Selection, count: int | None) -> list[Question]:
    """The paper's questions: balanced across types, most important first.

    An explicit ``count`` larger than what matches is an error that says how many there are;
    without one, up to DEFAULT_COUNT are taken.
    """
    pool = filter_questions(questions, sel)
    if not pool:
        select(pool, sel)  # raises the shared "no question matches" error
    if count is not None and count > len(pool):
        have = "、".join(f"{TYPE_NAMES[t]}{sum(q.type == t for q in pool)}" for t in sel.types)
        raise InputError(f"-n {count}：符合条件的题只有 {len(pool)} 道（{have}）；"
                         f"请最多要 {len(pool)} 道，或放宽 --types/--doc/--tag")
    sel.n = count if count is not None else min(DEFAULT_COUNT, len(pool))
    sel.balanced = True
    chosen = select(pool, sel)
    if count is not None and len(chosen) < count:
        raise InputError(f"-n {count}：符合条件的 {len(pool)} 题只考到 {len(chosen)} 个不同的知识点"
                         f"（一份试卷不会把一个知识点考两次），最多可出 {len(chosen)} 题")
    return chosen


def paper_selection(types: tuple[str, ...], seed: int | None, docs, tags, statuses, sections,
                    exclude: frozenset[str] = frozenset()) -> Selection:
    """The Selection of a paper from its options (comma-separated texts or tuples)."""
    def listed(value):
        return split_list(value) if isinstance(value, str) else tuple(value or ())

    return Selection(types=types, seed=seed, exclude=exclude, docs=listed(docs), tags=listed(tags),
                     statuses=parse_statuses(statuses) if isinstance(statuses, str) else tuple(statuses or ()),
                     sections=listed(sections))


def render(paper, fmt: str, part: str) -> bytes:
    if fmt == ".pdf":
        from quizgen.render.pdf_writer import render_pdf

        return render_pdf(paper, part=part)
    from quizgen.render.docx_writer import render_docx

    return render_docx(paper, part=part)


def write_all(items: list[tuple[Path, bytes]]) -> None:
    """Write several files all or nothing: each goes to a temporary file beside its target
    first; only when every one is written are they put in place together (``quizgen.commit``:
    a run killed half way is completed by the next one that writes into the folder). A single
    file uses the shared atomic writer."""
    from quizgen.commit import commit_locked, tidy
    from quizgen.locking import folder_locked

    folder = Path(os.path.commonpath([os.path.abspath(Path(path).parent) for path, _ in items]))
    names = {Path(path).name for path, _ in items}
    with folder_locked(folder, wait_message=None):
        if folder.is_dir():
            with contextlib.suppress(OSError):
                tidy(folder, names.__contains__)
        if len(items) == 1:
            atomic_write_bytes(*items[0])
            return
        staged: list[tuple[str, Path]] = []
        try:
            for path, data in items:
                staged.append((write_beside(path, data), path))
            commit_locked(folder, staged)
        except OSError as exc:
            for tmp, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            where = str(exc.filename or items[0][0])
            raise InputError(f"无法写入（{os_reason(exc)}）；请换一个输出位置", path=where) from exc
        except BaseException:
            for tmp, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise


def warn_missing_glyphs(paper, title: str) -> None:
    """Tell the user about characters the PDF font cannot draw (they would print as blanks)."""
    from quizgen.render.fonts import has_glyph

    texts = [title, paper.subtitle, *paper.notes]
    for e in paper.key:
        texts += [e.answer, e.detail, e.sentence, e.source_label]
    for sec in paper.sections:
        for item in sec.items:
            texts += [item.question.stem, *item.options]
    missing = sorted({ch for t in texts for ch in t if not ch.isspace() and not has_glyph(ch)})
    if missing:
        print(f"{WARNING_PREFIX}PDF 字体中没有这些字：{''.join(missing[:20])}"
              f"{' …' if len(missing) > 20 else ''}；它们会印成空白（可改用 .docx）", file=sys.stderr)


def build_papers(chosen: list[Question], *, types: tuple[str, ...], points: dict[str, float], total: int | None,
                 title: str | None, subtitle: str = "", notes: list[str] | None = None,
                 versions: list[str] | None = None, seed: int | None = None,
                 doc_titles: dict[str, str] | None = None) -> dict:
    """The laid-out paper of each version ('' when there are none) of the questions ``chosen``.
    Without ``total`` or ``points`` the paper is worth DEFAULT_TOTAL (100) when whole points can
    make it, else DEFAULT_POINTS per blank/question."""
    from quizgen.render.layout import DEFAULT_TOTAL, build_paper

    papers = {}
    for v in versions or [""]:
        def build(total_points: int | None, version: str = v):
            return build_paper(chosen, types=types, points=points, total=total_points, title=title or DEFAULT_TITLE,
                               subtitle=subtitle or "", notes=list(notes or []), version=version,
                               shuffle_seed=(seed if seed is not None else 0) if version else None,
                               doc_titles=doc_titles)

        if total is None and not points:
            try:
                papers[v] = build(DEFAULT_TOTAL)
            except InputError:  # more blanks than 100 points, or no whole split: default points
                papers[v] = build(None)
        else:
            papers[v] = build(total)
    return papers


def make_paper(questions: list[Question], output: str | os.PathLike, *, count: int | None = None,
               types: str | tuple[str, ...] | None = None, points: str | dict[str, float] | None = None,
               total: int | str | None = None, docs: str | tuple[str, ...] = (),
               tags: str | tuple[str, ...] = (), title: str | None = None,
               subtitle: str = "", notes: str | list[str] | None = None, seed: int | None = None,
               versions: str | list[str] | None = None, key: str = "end",
               doc_titles: dict[str, str] | None = None, statuses: str | tuple[str, ...] = (),
               sections: str | tuple[str, ...] = (), exclude: frozenset[str] = frozenset(),
               fixed: list[str] | None = None) -> list[Path]:
    """Choose from ``questions``, render, and write the paper file(s); return the paths written.

    ``doc_titles`` maps document names to titles shown as 《title》 in the key's 出处.
    ``exclude`` holds ids of earlier papers, taken only when fresh questions run out; ``fixed``
    gives the paper's questions (ids, in order) instead of choosing them.

    ``total`` spreads whole points so the paper sums to it (with ``points``: only if they agree
    or leave sections free). Without either, the paper is worth DEFAULT_TOTAL (100) when whole
    points can make it, else DEFAULT_POINTS per blank/question.

    Nothing is written unless every file rendered; each file is written atomically.
    """
    type_t = parse_types(types) if isinstance(types, str) or types is None else tuple(types)
    pts = parse_points(points, type_t) if isinstance(points, str) or points is None else dict(points)
    total_n = parse_total(total)
    labels = parse_versions(versions) if isinstance(versions, str) or versions is None else list(versions)
    note_list = parse_notes(notes) if isinstance(notes, str) or notes is None else list(notes)
    if key not in ("end", "separate", "none"):
        raise InputError(f"--key {key!r}：请用 end、separate 或 none")
    files = output_files(output, labels, key)
    check_writable(files)
    if fixed is not None:
        by_id = {q.id: q for q in questions}
        chosen = [by_id[i] for i in fixed]
    else:
        chosen = choose(questions, paper_selection(type_t, seed, docs, tags, statuses, sections, exclude), count)
    fmt = Path(output).suffix.lower()
    papers = build_papers(chosen, types=type_t, points=pts, total=total_n, title=title, subtitle=subtitle,
                          notes=note_list, versions=labels, seed=seed, doc_titles=doc_titles)
    if fmt == ".pdf":
        warn_missing_glyphs(papers[labels[0] if labels else ""], title or DEFAULT_TITLE)
    rendered = [(f, render(papers[f.version], fmt, f.part)) for f in files]
    write_all([(f.path, data) for f, data in rendered])
    return [f.path for f, _ in rendered]


@dataclass
class PaperPlan:
    """Which questions a paper request gets, in order, and whether it is a new paper."""

    ids: list[str]
    request: dict
    """The request as recorded in the bank's paper history."""
    new: bool
    """False when the request reprints a recorded paper (then it is not recorded again)."""
    repeated: int = 0
    """How many of the questions earlier papers asked (fresh ones ran out)."""


def plan_paper(b, output: str | os.PathLike, *, count: int | None = None, types: str | None = None,
               doc: str | None = None, tag: str | None = None, status: str | None = None,
               section: str | None = None, seed: int | None = None, repeat_ok: bool = False) -> PaperPlan:
    """The questions of a paper from bank ``b``: the recorded paper again for the same request
    (with a seed, into any file; without one, into the same file name, any format), else chosen
    afresh leaving out the questions of recent papers (unless ``repeat_ok``)."""
    from quizgen.history import load_history, recent_ids, same_request

    request = {"count": count, "types": types, "doc": doc, "tag": tag, "status": status,
               "section": section, "seed": seed, "repeat_ok": repeat_ok}
    if seed is None:  # without a seed the same command into the same file (any format) reprints
        request["output"] = str(Path(output).resolve().with_suffix(""))
    records = load_history(b.folder)
    again = same_request(records, request)
    ids = {q.id for q in b.questions}
    if again and all(i in ids for i in again.ids):
        return PaperPlan(list(again.ids), request, False)
    sel = paper_selection(parse_types(types), seed, doc, tag, status or "", section,
                          frozenset() if repeat_ok else recent_ids(records))
    return PaperPlan([q.id for q in choose(b.questions, sel, count)], request, True, len(sel.repeated))


def make_paper_cli(*, bank: str, output: str, count: int | None = None, types: str | None = None,
                   points: str | None = None, total: int | None = None, doc: str | None = None,
                   tag: str | None = None,
                   title: str | None = None, subtitle: str | None = None, notes: str | None = None,
                   seed: int | None = None, versions: str | None = None, key: str = "end",
                   status: str | None = None, section: str | None = None,
                   repeat_ok: bool = False) -> list[Path]:
    """What ``quizgen paper`` runs: load the bank, leave out the questions of recent papers
    (unless ``repeat_ok``), make the paper, record it beside the bank, say what was written.
    The same request prints the recorded paper again: with a seed, into any file; without
    one, into the same file name (quiz.docx after quiz.pdf is the same paper)."""
    from quizgen.bank import load_bank, warn_problems
    from quizgen.history import record_paper

    b = load_bank(bank)
    warn_problems(b)
    plan = plan_paper(b, output, count=count, types=types, doc=doc, tag=tag, status=status, section=section,
                      seed=seed, repeat_ok=repeat_ok)
    fixed, made_now = plan.ids, plan.new
    if plan.repeated:
        print(f"提示：本卷 {len(fixed)} 题中有 {plan.repeated} 题近一年的试卷出过（没出过的题不够）；"
              f"加 --repeat-ok 表示允许重复，不再提示", file=sys.stderr)
    paths = make_paper(b.questions, output, types=types, points=points, total=total, title=title,
                       subtitle=subtitle or "", notes=notes, seed=seed, versions=versions, key=key,
                       doc_titles={f.doc: f.title for f in b.files if f.title}, fixed=fixed)
    if made_now:
        record_paper(bank, paths, fixed, plan.request)
    for p in paths:
        print(f"已写入 {p}", file=sys.stderr)
    return paths


def preview_paper(*, bank: str, output: str, count: int | None = None, types: str | None = None,
                  points: str | None = None, total: int | None = None, doc: str | None = None,
                  tag: str | None = None, title: str | None = None, subtitle: str | None = None,
                  notes: str | None = None, seed: int | None = None, versions: str | None = None,
                  key: str = "end", status: str | None = None, section: str | None = None,
                  repeat_ok: bool = False):
    """The paper ``make_paper_cli`` with these options would write (its first version), laid
    out but neither rendered nor recorded; with the plan it came from."""
    from quizgen.bank import load_bank

    b = load_bank(bank)
    type_t = parse_types(types)
    labels = parse_versions(versions)
    if key not in ("end", "separate", "none"):
        raise InputError(f"--key {key!r}：请用 end、separate 或 none")
    plan = plan_paper(b, output, count=count, types=types, doc=doc, tag=tag, status=status, section=section,
                      seed=seed, repeat_ok=repeat_ok)
    by_id = {q.id: q for q in b.questions}
    papers = build_papers([by_id[i] for i in plan.ids], types=type_t, points=parse_points(points, type_t),
                          total=parse_total(total), title=title, subtitle=subtitle or "", notes=parse_notes(notes),
                          versions=labels[:1], seed=seed, doc_titles={f.doc: f.title for f in b.files if f.title})
    return next(iter(papers.values())), plan
