"""Printable papers (试卷): the layout model and its writers.

``layout`` turns chosen questions into a :class:`~quizgen.render.layout.Paper` (sections, Chinese
numbering, points, per-version shuffling, answer key); ``docx_writer`` and ``pdf_writer`` turn a
Paper into file bytes; ``fonts`` finds and registers the CJK fonts. Writers import python-docx and
reportlab lazily so that importing this package stays cheap.
"""

from __future__ import annotations

from quizgen.render.layout import KeyEntry, Paper, PaperItem, Section, build_paper

__all__ = ["KeyEntry", "Paper", "PaperItem", "Section", "build_paper"]
