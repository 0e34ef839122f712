"""Benchmark: time a 100-question paper (with its key) in DOCX and PDF.

Usage::

    python benchmarks/bench_paper.py                 # synthetic 100 questions
    python benchmarks/bench_paper.py --bank /tmp/lj_bank -n 100

Reports the first render (includes importing python-docx/reportlab and parsing the CJK font)
and the median of the following runs (the figure to keep under 1 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def synthetic(n: int) -> list:
    """``n`` questions of all four types, from the test samples with distinct ids."""
    from paper_samples import sample_questions

    out = []
    round_ = 0
    while len(out) < n:
        for q in sample_questions(doc=f"doc{round_}"):
            q.id = f"{q.id}-{round_}"
            q.score -= round_ * 100
            out.append(q)
        round_ += 1
    return out[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bank", help="Bank folder to take questions from (default: synthetic).")
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    from quizgen.paper import make_paper

    if args.bank:
        from quizgen.bank import load_bank

        questions = load_bank(args.bank).questions
    else:
        questions = synthetic(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in (".docx", ".pdf"):
            times = []
            for k in range(args.repeat + 1):
                out = Path(tmp) / f"bench{k}{fmt}"
                t0 = time.perf_counter()
                make_paper(questions, out, count=args.n, seed=1, title="应知应会测试")
                times.append(time.perf_counter() - t0)
            size = out.stat().st_size
            print(f"{fmt[1:]:5s} {args.n} questions: first {times[0]:.3f} s, "
                  f"median of {args.repeat} after {statistics.median(times[1:]):.3f} s, {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
