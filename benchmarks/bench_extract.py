"""Benchmark: `quizgen --help`, and `quizgen extract` on a long document, cold and warm,
and on a folder of documents with -j 1 and -j N (wall time and peak memory).

Whole processes are timed, as a user would see them. "Cold" runs with an empty temporary
folder, so jieba must rebuild its dictionary cache; "warm" reuses the cache.

    python benchmarks/bench_extract.py DOC.txt [--docs 200] [--jobs 2] [--repeat 3]

DOC.txt should be a long document (30,000+ characters, e.g. a congress report). Without it, a
35,000-character document is made from the test fixture with its numbers varied.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before)


def synthetic_document(target_chars: int = 35_000) -> str:
    base = (ROOT / "tests" / "fixtures" / "seed_article.txt").read_text(encoding="utf-8")
    parts, i = [], 0
    while sum(len(p) for p in parts) < target_chars:
        i += 1
        parts.append(re.sub(r"\d{2,4}", lambda m, i=i: str(int(m.group()) + i), base))
    return "\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("doc", nargs="?", help="a long .txt document")
    ap.add_argument("--docs", type=int, default=20, help="documents in the folder run")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    doc = work / "doc.txt"
    if a.doc:
        shutil.copy(a.doc, doc)
    else:
        doc.write_text(synthetic_document(), encoding="utf-8")
    chars = len(doc.read_text(encoding="utf-8"))
    quizgen = [sys.executable, "-m", "quizgen"]
    env = dict(os.environ)

    helps = [run(quizgen + ["--help"], env)[0] for _ in range(a.repeat)]
    print(f"quizgen --help: median {statistics.median(helps):.3f} s over {a.repeat} runs")

    cold, warm, mem = [], [], []
    for i in range(a.repeat):
        tmp = work / f"tmp{i}"
        tmp.mkdir()
        cold_env = dict(env, TMPDIR=str(tmp))  # jieba keeps its cache in the temp folder
        w, _ = run(quizgen + ["extract", "-q", "--bank", str(work / f"bank_c{i}"), str(doc)], cold_env)
        cold.append(w)
        w, m = run(quizgen + ["extract", "-q", "--bank", str(work / f"bank_w{i}"), str(doc)], cold_env)
        warm.append(w)
        mem.append(m)
    print(f"extract, {chars} chars: cold median {statistics.median(cold):.2f} s, "
          f"warm median {statistics.median(warm):.2f} s, peak RSS {max(mem) // 1024} MB")

    folder = work / "many"
    folder.mkdir()
    text = doc.read_text(encoding="utf-8")
    for i in range(a.docs):
        (folder / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")
    for jobs in sorted({1, a.jobs}):
        w, m = run(quizgen + ["extract", "-q", "-j", str(jobs), "--bank", str(work / f"bank_j{jobs}"),
                              str(folder)], env)
        print(f"extract folder of {a.docs} docs, -j {jobs}: {w:.1f} s "
              f"({w / a.docs:.2f} s per doc), peak RSS {m // 1024} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
