"""The plain-data model shared by every stage: Document, Fact, Question.

Readers produce a Document; extraction produces Facts; question generation turns Facts into
Questions; the bank stores Questions as YAML. No rendering lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = ("fill", "single", "multi", "judge")
TYPE_NAMES = {"fill": "填空", "single": "单选", "multi": "多选", "judge": "判断"}
JUDGE_TRUE, JUDGE_FALSE = "对", "错"


@dataclass(slots=True)
class Block:
    """One paragraph or heading of a document, in reading order."""

    text: str
    """The text, whitespace-trimmed, one paragraph."""
    kind: str = "paragraph"
    """``paragraph`` or ``heading``."""
    level: int = 0
    """Heading level (1 = top); 0 for paragraphs."""


@dataclass(slots=True)
class Document:
    """What every reader yields: the body of a document as blocks, plus metadata."""

    name: str
    """Short stable name of the document (file stem), used as ``source.doc`` and bank file name."""
    blocks: list[Block] = field(default_factory=list)
    """Body paragraphs and headings in order, boilerplate removed."""
    title: str = ""
    """Document title, if known (never a question)."""
    meta: dict[str, str] = field(default_factory=dict)
    """Metadata such as 来源, 时间, 作者 (never questions)."""
    path: str = ""
    """Where it was read from ("-" for stdin)."""

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass(slots=True)
class Fact:
    """A testable fact: a key span (or spans) standing in one sentence of a document."""

    kind: str
    """year | number | term | formula | enumeration | principle."""
    sentence: str
    """The full source sentence, exactly as in the document."""
    spans: list[str]
    """The tested span(s), each a substring of ``sentence``; enumeration members in order."""
    offsets: list[int]
    """Start offset of each span in ``sentence``."""
    doc: str = ""
    """Document name."""
    score: float = 0.0
    """Importance: higher is more likely to be tested by a quiz writer."""
    position: int = 0
    """Index of the sentence in the document (reading order)."""
    note: str = ""
    """Extra context, e.g. what a counted formula counts."""
    section: str = ""
    """Its section path in the document (一、… / （三）…); '' before any heading."""


@dataclass(slots=True)
class Source:
    """Where a question comes from."""

    doc: str
    """Document name."""
    sentence: str
    """The source sentence, exactly."""
    spans: list[str]
    """The span(s) tested: the blanks of a fill, the answer of a choice, the changed span of a
    false judge or the key span of a true one."""
    section: str = ""
    """The section path of the sentence (一、… / （三）…); '' when the document has none."""
    extra: dict = field(default_factory=dict)
    """Fields of ``source`` quizgen does not know, written by a person: kept as written."""


@dataclass(slots=True)
class Question:
    """One quiz question, as kept in the bank and exported."""

    id: str
    """Stable id derived from content (document, type, sentence, spans)."""
    type: str
    """fill | single | multi | judge."""
    stem: str
    """The question text; fill blanks are written ``____`` (one per answer)."""
    answer: list[str]
    """Fill: one text per blank; choices: the correct option texts; judge: [对] or [错]."""
    source: Source
    """Document, sentence and tested spans."""
    options: list[str] | None = None
    """Choice options in display order (single/multi only)."""
    accept: list[list[str]] = field(default_factory=list)
    """Fill only: per blank, further accepted answers (e.g. 1954 for 1954年)."""
    kind: str = ""
    """Kind of fact tested (year, number, term, formula, enumeration, principle)."""
    score: float = 0.0
    """Importance used for ordering (higher first)."""
    tags: list[str] = field(default_factory=list)
    """Free tags for selection."""
    status: str = "new"
    """new | reviewed | rejected. Rejected questions are kept but never used."""
    fingerprint: str = ""
    """Hash of the content as generated; differs from the content once a person edits it."""
    pin: bool = False
    """Set by a person: every paper and quiz whose filters it matches includes it."""
    extra: dict = field(default_factory=dict)
    """Fields quizgen does not know (``note: 审核人张三``), written by a person: kept as written,
    carried through re-extraction and written back after the known fields."""
