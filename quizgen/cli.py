"""The command line: parses options and calls the library; errors become messages and exit codes.

Heavy modules (jieba, reportlab, python-docx) are imported inside the commands so that
``quizgen --help`` stays fast.
"""

from __future__ import annotations

import sys

import click

from quizgen import __version__
from quizgen.errors import QuizgenError

BANK_HELP = "Question bank folder (default: ./question_bank)."
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class QuizgenGroup(click.Group):
    """Turns QuizgenError into one line on stderr and its exit code; never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except QuizgenError as exc:
            click.echo(f"quizgen: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("quizgen: interrupted", err=True)
            sys.exit(130)


def bank_option(f):
    return click.option("--bank", "bank", default="question_bank", show_default=True,
                        type=click.Path(file_okay=False), help=BANK_HELP)(f)


@click.group(cls=QuizgenGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="quizgen")
def main():
    """Make study quizzes (填空, 单选, 多选, 判断) from Party-learning documents.

    \b
    Typical session:
      quizgen extract report.txt          # facts and questions into ./question_bank/
      quizgen paper -o 应知应会测试.pdf     # a printable paper with its answer key
      quizgen quiz                        # practise in the terminal
    """


EXTRACT_HELP = """Extract key facts and questions from documents into the bank.

Accepts .txt (UTF-8, GBK/GB18030, UTF-16), .docx, .pdf, .html, a folder (recursively) or
`-` for standard input. Re-running on the same document updates its bank file and keeps
every question a person edited, rejected or deleted.

\b
Example:
  quizgen extract seed_article.txt
  quizgen extract --bank my_bank docs/ -j 2
"""


@main.command(help=EXTRACT_HELP, context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@bank_option
@click.option("--name", help="Document name to use for standard input (default: stdin).")
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="Parallel workers for many files.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
def extract(inputs, bank, name, jobs, quiet):
    from quizgen.pipeline import extract_to_bank

    extract_to_bank(list(inputs), bank, stdin_name=name, jobs=jobs, quiet=quiet)


EXPORT_HELP = """Export questions from the bank, most important first.

The JSON shape is an array of {id, type, stem, options?, answer, source: {doc, sentence, spans}}.

\b
Example:
  quizgen export --format json -n 30 -o quiz.json
  quizgen export -n 10 --types fill,judge --doc seed_article
"""


@main.command(help=EXPORT_HELP, context_settings=CONTEXT)
@bank_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("-n", "count", type=int, help="How many questions (default: all).")
@click.option("--types", help="Comma-separated types: fill,single,multi,judge.")
@click.option("--doc", help="Only these documents (comma-separated names).")
@click.option("--tag", help="Only questions with one of these tags (comma-separated).")
@click.option("-o", "--output", default="-", help="Output file (default: standard output).")
def export(bank, fmt, count, types, doc, tag, output):
    from quizgen.export import export_json

    export_json(bank, output, count=count, types=types, docs=doc, tags=tag)


@main.group(context_settings=CONTEXT)
def bank():
    """Inspect the question bank.

    \b
    Example:
      quizgen bank check
      quizgen bank check --bank my_bank
    """


@bank.command("check", context_settings=CONTEXT)
@bank_option
def bank_check(bank):
    """Validate every YAML file of the bank; report each problem as file:line.

    \b
    Example:
      quizgen bank check --bank question_bank
    """
    from quizgen.checkbank import check_bank

    check_bank(bank)


PAPER_HELP = """Render a printable quiz paper (试卷) with its answer key, as .docx or .pdf.

The format follows the output suffix. By default the most important questions, balanced
across the chosen types.

\b
Example:
  quizgen paper -o 应知应会测试.docx
  quizgen paper -o quiz.pdf -n 30 --types fill,single,multi,judge --points 2,2,3,1 \\
      --title "党建与科技创新 应知应会测试" --seed 7 --versions A,B
"""


@main.command(help=PAPER_HELP, context_settings=CONTEXT)
@bank_option
@click.option("-o", "--output", required=True, help="Output file: .docx or .pdf.")
@click.option("-n", "count", type=int,
              help="Number of questions (default: 20, or all if fewer match; more than match is an error).")
@click.option("--types", help="Comma-separated types in section order (default: fill,single,multi,judge).")
@click.option("--points", help="Points per blank (fill) or per question for each type, in --types order "
              "(default 2,2,3,1 for fill,single,multi,judge); also fill=2,judge=1.")
@click.option("--total", type=int, help="试卷总分（满分），如 --total 100：按常见比例（填空2、单选2、多选3、判断1）"
              "把整数分值分到各大题，各题分值相加正好等于总分；与 --points 同用时两者须一致。"
              "两者都不给时默认满分100分。")
@click.option("--doc", help="Only these documents (comma-separated names).")
@click.option("--tag", help="Only questions with one of these tags.")
@click.option("--title", help="Paper title (default: 应知应会测试).")
@click.option("--subtitle", help="Subtitle line, e.g. a date or unit.")
@click.option("--notes", help="注意事项 text (use ; to separate items).")
@click.option("--seed", type=int, help="Random seed: the same seed gives the same paper.")
@click.option("--versions", help="Make several versions, e.g. A,B: quiz-A.pdf, quiz-B.pdf beside -o, "
              "questions and options shuffled per version, each with its own key.")
@click.option("--key", type=click.Choice(["end", "separate", "none"]), default="end", show_default=True,
              help="Answer key (参考答案) on its own page at the end, in a separate file "
              "<name>-答案<suffix> (quiz-答案.pdf, quiz-A-答案.pdf), or none.")
def paper(**kwargs):
    from quizgen.paper import make_paper_cli

    make_paper_cli(**kwargs)


QUIZ_HELP = """Practise in the terminal, one question at a time, with a wrong-answer book (错题本).

Each run draws a fresh set at random, the more important questions more often; --seed gives
the same questions in the same order every time. Answer choices with letters (bd, B D, D,B),
判断 with 对/错 (√/×, y/n, t/f), fill-ins with one answer per blank separated by spaces or 、;
`?` skips a question. Ctrl-C or Ctrl-D ends the quiz with the score so far.

Every wrong answer goes into the wrong-answer book at once (--book FILE, else $QUIZGEN_BOOK,
else $XDG_DATA_HOME/quizgen/wrong_book.json, by default ~/.local/share/quizgen/). --wrong
reviews it, the most often missed first; a question answered right twice in a row there
leaves the book. Piped input works too: one line per question, plain text.

\b
Example:
  quizgen quiz
  quizgen quiz -n 20 --types single,judge --doc seed_article --seed 3
  quizgen quiz --wrong
  quizgen quiz --challenge --time 30
  printf 'A\\n对\\n' | quizgen quiz -n 2 --seed 1
"""


@main.command(help=QUIZ_HELP, context_settings=CONTEXT)
@bank_option
@click.option("-n", "count", type=int, help="Number of questions (default: 10; with --challenge: no limit).")
@click.option("--types", help="Comma-separated types: fill,single,multi,judge.")
@click.option("--doc", help="Only these documents (comma-separated names).")
@click.option("--tag", help="Only questions with one of these tags.")
@click.option("--seed", type=int, help="Random seed: the same seed gives the same questions in the same order.")
@click.option("--wrong", is_flag=True, help="Only questions from the wrong-answer book (错题本).")
@click.option("--challenge", is_flag=True, help="挑战答题: go on until the first mistake.")
@click.option("--time", "time_limit", type=int,
              help="Seconds allowed per question; a later answer counts as wrong (超时).")
@click.option("--book", help="Wrong-answer book file (default: user data dir; env QUIZGEN_BOOK).")
def quiz(**kwargs):
    from quizgen.quiz import run_quiz_cli

    run_quiz_cli(**kwargs)


if __name__ == "__main__":
    main()
