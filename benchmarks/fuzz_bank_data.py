"""Fuzz run outside CI: small random mutations of the seed article (blanks ``____`` and
``（　　）``, phrases written twice, control characters, cuts) go through ``quizgen extract``;
every exit-0 extract must give a bank that ``quizgen bank check`` accepts and that holds no
control character, and re-extracting it must work. The test suite runs 50 of these cases
(tests/test_reliability_data.py); this runs as many as asked.

    python benchmarks/fuzz_bank_data.py [--cases 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_reliability_data import mutation_run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        passed, failures = mutation_run(Path(tmp), args.cases, args.seed, reextract=True)
    for f in failures:
        print(f)
    print(f"{args.cases} cases, {passed} extracted with exit 0, {len(failures)} failed "
          f"({time.perf_counter() - start:.1f} s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
