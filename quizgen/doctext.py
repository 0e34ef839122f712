"""The text of each extracted document, kept beside the bank for showing a question in context.

``<bank>/.texts/<doc>.txt`` (a hidden folder: never read as bank files) holds the document's
text as extracted, one paragraph per line. It is staged and put in place with the bank file by
the extract run, so a failed run changes neither. It is a convenience: a bank without it (one
copied without its hidden folder, or older) loses only the context lines of ``quizgen review``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from quizgen.fsutil import safe_name, write_beside

TEXTS_DIR = ".texts"


def text_path(bank_dir: str | Path, doc: str) -> Path:
    return Path(bank_dir) / TEXTS_DIR / f"{safe_name(doc)}.txt"


def stage_text(bank_dir: str | Path, doc: str, text: str) -> tuple[str, Path]:
    """Write the document's text to a temporary file beside its place; (temporary, target)."""
    target = text_path(bank_dir, doc)
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_beside(target, text.encode("utf-8")), target


@lru_cache(maxsize=8)
def _sentences(path: Path, mtime_ns: int) -> tuple[str, ...]:
    """The document's sentences, read and split once per version of its file (a review shows
    many questions of one document)."""
    from quizgen.extract.sentences import END_RE

    text = path.read_text(encoding="utf-8")
    return tuple(s.strip() for para in text.splitlines() for s in END_RE.findall(para) if s.strip())


def neighbours(bank_dir: str | Path, doc: str, sentence: str) -> tuple[str, str]:
    """The sentences before and after the one holding ``sentence`` (a unit of a long sentence
    is found in it) in the document's text; '' where there is none or no text is kept."""
    path = text_path(bank_dir, doc)
    try:
        sentences = _sentences(path, path.stat().st_mtime_ns)
    except (OSError, UnicodeDecodeError):
        return "", ""
    if not sentence.strip():
        return "", ""
    for i, s in enumerate(sentences):
        if sentence.strip() in s:
            return (sentences[i - 1] if i else ""), (sentences[i + 1] if i + 1 < len(sentences) else "")
    return "", ""


@lru_cache(maxsize=8)
def _paragraphs(path: Path, mtime_ns: int) -> tuple[str, ...]:
    return tuple(p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip())


def paragraph(bank_dir: str | Path, doc: str, sentence: str) -> str:
    """The paragraph of the document's text holding ``sentence``; '' when none (or no text is kept)."""
    path = text_path(bank_dir, doc)
    if not sentence.strip():
        return ""
    try:
        paras = _paragraphs(path, path.stat().st_mtime_ns)
    except (OSError, UnicodeDecodeError):
        return ""
    return next((p for p in paras if sentence.strip() in p), "")
