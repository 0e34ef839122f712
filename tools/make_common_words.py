"""Write quizgen/data/common_words.tsv: the words jieba's IDF table calls common, with their IDF.

    python tools/make_common_words.py [--max-idf 8.0]

jieba ships ``jieba/analyse/idf.txt`` (inverse document frequency of 270,000 words over a large
general corpus). Reading all of it costs a quarter of a second per run, so quizgen keeps only
the common part (IDF below ``--max-idf``, about 9,000 words): a word not in the file is rare.
The list is a general class (words common in any Chinese text), not taken from any document.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-idf", type=float, default=8.0)
    args = ap.parse_args(argv)
    import jieba.analyse

    src = Path(os.path.dirname(jieba.analyse.__file__)) / "idf.txt"
    rows = []
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and float(parts[1]) < args.max_idf and not parts[0].isascii():
            rows.append((parts[0], float(parts[1])))
    rows.sort(key=lambda r: (r[1], r[0]))
    out = ROOT / "quizgen" / "data" / "common_words.tsv"
    head = f"# word\tIDF: jieba/analyse/idf.txt, words with IDF < {args.max_idf:g} (tools/make_common_words.py)\n"
    out.write_text(head + "".join(f"{w}\t{v:.2f}\n" for w, v in rows), encoding="utf-8")
    print(f"{len(rows)} words -> {out}")


if __name__ == "__main__":
    main()
