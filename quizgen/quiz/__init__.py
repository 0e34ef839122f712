"""The interactive terminal quiz (``quizgen quiz``) with its wrong-answer book (错题本).

Modules: ``answers`` (reading and scoring answers), ``book`` (the persistent wrong-answer book),
``render`` (what is shown, as styled lines), ``ui`` (terminal or plain-text input/output),
``session`` (question order and the ask loop), ``run`` (the command).
"""

from __future__ import annotations

from quizgen.quiz.run import run_quiz_cli

__all__ = ["run_quiz_cli"]
