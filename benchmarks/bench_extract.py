"""Benchmark: `quizgen --help`, and `quizgen extract` on a long document, cold and warm,
and on a folder of documents with -j 1 and -j N (wall time and peak memory).

Whole processes are timed, as a user would see them. "Cold" runs with an empty temporary
folder, so jieba must rebuild its dictionary cache; "warm" reuses the cache.

    python benchmarks/bench_extract.py DOC.txt [--docs 200] [--jobs 2] [--repeat 3]
    python benchmarks/bench_extract.py --sweep [DOC.txt] [--repeat 2] [--sizes 30000,100000]
    python benchmarks/bench_extract.py --sweep --varied CORPUS_DIR [--sizes 870000] [--seed 12]
    python benchmarks/bench_extract.py --sweep DOC.txt --sizes 0     # the document as it is

DOC.txt should be a long document (30,000+ characters, e.g. a congress report). Without it, a
35,000-character document is made from the test fixture with its numbers varied.

``--sweep`` times extraction against jieba on texts of 0.03, 0.1, 0.3 and 1 million characters
(DOC.txt, or tests/fixtures/shijiuda_report.txt, repeated and cut to size): for each size, one
run of ``quizgen extract`` and, back to back, one of a process that initialises jieba and
segments the same text (``jieba.lcut``), with the peak memory of each. Other work on the machine
slows both alike: the ratio is what counts.
"""

from __future__ import annotations

import argparse
import json
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


SWEEP = (30_000, 100_000, 300_000, 1_000_000)
JIEBA = ("import sys, jieba; jieba.setLogLevel(60); jieba.initialize(); "
         "jieba.lcut(open(sys.argv[1], encoding='utf-8').read())")


def run_alone(args: list[str], env: dict) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KB) and CPU seconds (user + system) of one process, apart from
    the processes run before it (RUSAGE_CHILDREN keeps the largest child so far: the process
    runs in a child of its own). CPU time is less disturbed by other work on the machine."""
    code = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(json.dumps([time.perf_counter() - t, r.ru_maxrss, r.ru_utime + r.ru_stime]))")
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True)
    wall, peak, cpu = json.loads(out.stdout)
    return wall, peak, cpu


SWAP_SHARE = 0.08
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def varied_text(corpus: Path, size: int, seed: int = 12) -> str:
    """``size`` characters of the folder's texts repeated, about 8% of their Chinese characters
    replaced by ones drawn (by frequency) from the same texts; the same folder and seed give
    the same text."""
    import random

    base = "\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(corpus.glob("*.txt"))) + "\n"
    pool = CJK_RE.findall(base)
    if not pool:
        raise SystemExit(f"{corpus}: no .txt with Chinese text")
    rng = random.Random(seed)
    parts, n = [], 0
    while n < size:
        copy = CJK_RE.sub(lambda m: rng.choice(pool) if rng.random() < SWAP_SHARE else m.group(), base)
        parts.append(copy)
        n += len(copy)
    return "".join(parts)[:size]


def sized_text(source: str, size: int) -> str:
    """``source`` repeated and cut to ``size`` characters (0: ``source`` as it is)."""
    if not size:
        return source
    base = source.strip() + "\n"
    return (base * (size // len(base) + 1))[:size]


def sweep(texts, work: Path, repeat: int, env: dict) -> None:
    """``texts``: (size, text) pairs. Extract and jieba back to back, ``repeat`` times a size."""
    print(f"{'chars':>9} {'extract s':>10} {'jieba s':>8} {'ratio':>6} {'extract MB':>11} {'jieba MB':>9}"
          f" {'CPU ratio':>10}")
    for size, text in texts:
        doc = work / f"sweep{size}.txt"
        doc.write_text(text, encoding="utf-8")
        ratios, cpu_ratios = [], []
        for i in range(repeat):
            bank = work / f"bank_s{size}_{i}"
            e, em, ec = run_alone([sys.executable, "-m", "quizgen", "extract", "-q", "--bank", str(bank), str(doc)], env)
            j, jm, jc = run_alone([sys.executable, "-c", JIEBA, str(doc)], env)
            ratios.append(e / j)
            cpu_ratios.append(ec / jc)
            print(f"{len(text):>9} {e:>10.2f} {j:>8.2f} {e / j:>6.2f} {em // 1024:>11} {jm // 1024:>9}"
                  f" {ec / jc:>10.2f}", flush=True)
            shutil.rmtree(bank, ignore_errors=True)
        if repeat > 1:
            print(f"{len(text):>9} ratio median {statistics.median(ratios):.2f}, "
                  f"{min(ratios):.2f}-{max(ratios):.2f} over {repeat} runs; CPU ratio median "
                  f"{statistics.median(cpu_ratios):.2f}, {min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("doc", nargs="?", help="a long .txt document")
    ap.add_argument("--docs", type=int, default=20, help="documents in the folder run")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sweep", action="store_true", help="extract beside jieba at 0.03-1 million characters")
    ap.add_argument("--sizes", help="sweep sizes in characters, comma-separated (0: the document uncut)")
    ap.add_argument("--varied", metavar="CORPUS_DIR", help="sweep a varied text made from this folder's .txt files")
    ap.add_argument("--seed", type=int, default=12, help="seed of the varied text's character swaps")
    a = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    quizgen_env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    if a.sweep:
        sizes = [int(x) for x in a.sizes.split(",")] if a.sizes else list(SWEEP)
        if a.varied:
            texts = ((n, varied_text(Path(a.varied), n or SWEEP[-1], a.seed)) for n in sizes)
        else:
            source = (Path(a.doc) if a.doc else ROOT / "tests" / "fixtures" / "shijiuda_report.txt").read_text(encoding="utf-8")
            texts = ((n, sized_text(source, n)) for n in sizes)
        try:
            sweep(texts, work, a.repeat, quizgen_env)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
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
