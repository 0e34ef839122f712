"""Finding the YAML comments of a bank file, which a load and dump would drop.

PyYAML keeps no comments, so a file a person commented is never rewritten by a re-extract: it is
refused with the comment's file:line instead (a ``note:`` field is kept). quizgen's own header
lines are not a person's comments.
"""

from __future__ import annotations

import yaml

from quizgen.bankio import HEADER


def comment_lines(text: str) -> list[int]:
    """Lines (1-based) holding a YAML comment other than quizgen's own header lines. A ``#``
    inside a quoted, plain or block text is text, not a comment: candidates are confirmed with
    the YAML scanner, which runs only when some line holds a ``#`` at all."""
    ours = set(HEADER.splitlines())
    marks: dict[int, list[int]] = {}  # 0-based line -> columns of '#'
    for i, line in enumerate(text.split("\n")):  # YAML's line breaks, not str.splitlines'
        if "#" in line and line.rstrip() not in ours:
            marks[i] = [j for j, ch in enumerate(line) if ch == "#"]
    if not marks:
        return []
    inside: set[tuple[int, int]] = set()
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):  # pure Python: marks count characters
            if not isinstance(token, yaml.ScalarToken):
                continue
            a, b = token.start_mark, token.end_mark
            for ln in range(a.line, b.line + 1):
                for col in marks.get(ln, ()):
                    if (ln, col) >= (a.line, a.column) and (ln, col) < (b.line, b.column):
                        inside.add((ln, col))
    except yaml.YAMLError:
        pass
    return [ln + 1 for ln, cols in sorted(marks.items()) if any((ln, c) not in inside for c in cols)]
