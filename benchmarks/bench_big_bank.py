"""Benchmark: a bank of 100,000 plain questions in one file (no aliases), as a large honest bank.

Times ``quizgen bank check`` and ``quizgen quiz -n 1`` (answer piped in) as whole processes, and
the peak memory of each: first with an empty ``quizgen.cache`` folder (cold: every file read and
checked in full), then again with what the first runs left there (warm). Not a test: run it by hand, ``python benchmarks/bench_big_bank.py [N]``.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_bank(folder: Path, n: int) -> Path:
    """One bank file of ``n`` short fill and judge questions (about 175 bytes each)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = ["doc: big\n", "title: 大题库\n", "questions:\n"]
    for i in range(n):
        word = f"要点{i}"
        if i % 2:
            out.append(f"- id: big-fill-{i:06d}\n  type: fill\n  status: new\n  stem: 第{i}条：坚持____不动摇。\n"
                       f"  answer: [{word}]\n  source: {{doc: big, sentence: 第{i}条：坚持{word}不动摇。}}\n")
        else:
            out.append(f"- id: big-judge-{i:06d}\n  type: judge\n  status: new\n  stem: 第{i}条要求坚持{word}。\n"
                       f"  answer: [对]\n  source: {{doc: big, sentence: 第{i}条要求坚持{word}。}}\n")
    path = folder / "big.yaml"
    path.write_text("".join(out), encoding="utf-8")
    return path


def timed(args: list[str], stdin: str = "", env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, exit code, peak MB of the child) of one quizgen run."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "quizgen", *args], input=stdin, text=True, check=False,
                          capture_output=True, env={**os.environ, "NO_COLOR": "1", **(env or {})})
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    if proc.returncode not in (0, 1):
        print(proc.stderr[-2000:], file=sys.stderr)
    return took, proc.returncode, peak


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "bank"
        path = make_bank(bank, n)
        print(f"{n} questions, {path.stat().st_size / 2**20:.1f} MB")
        book = str(Path(tmp) / "book.json")
        runs = (
            ("bank check", ["bank", "check", "--bank", str(bank)], ""),
            ("quiz -n 1", ["quiz", "-n", "1", "--bank", str(bank), "--book", book], "x\n"),
        )
        for state in ("cold", "warm"):
            for label, args, stdin in runs:
                cache = Path(tmp) / ("cache" if state == "warm" else f"cache-{label[:4]}")  # cold: empty
                took, rc, peak = timed(args, stdin, {"QUIZGEN_CACHE_DIR": str(cache)})
                print(f"{label:12s} {state}  {took:6.2f} s  exit {rc}  peak (max of children so far) {peak} MB")
            if state == "cold":  # fill the shared cache once, as a first check would
                timed(runs[0][1], "", {"QUIZGEN_CACHE_DIR": str(Path(tmp) / "cache")})


if __name__ == "__main__":
    main()
