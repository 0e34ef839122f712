"""Draw a seeded random sample of questions for a hand audit, printed for a reader.

    python tools/audit_sample.py EXPORT_DIR SEED N DOC [DOC ...]

EXPORT_DIR holds DOC.json for each document (``quizgen export --format json -n 100``). The pool
is the first 100 questions of every document; N of them are drawn with ``random.Random(SEED)``
and printed with their options, answer, source sentence and section, each headed ``### Sk
[DOC #rank]``, to be judged with the verdicts OK, WRONG_KEY, SECOND_CORRECT, BAD_DISTRACTOR,
UNREADABLE_STEM, TRIVIAL, UNIMPORTANT, MISQUOTE, BAD_JUDGE.
"""
import json
import random
import sys
from pathlib import Path

out, seed, n, docs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
pool = []
for d in docs:
    qs = json.loads(Path(f"{out}/{d}.json").read_text(encoding="utf-8"))
    qs = qs["questions"] if isinstance(qs, dict) else qs
    pool += [(d, i + 1, q) for i, q in enumerate(qs[:100])]
random.Random(seed).shuffle(pool)
for k, (d, rank, q) in enumerate(pool[:n], 1):
    src = q.get("source", {})
    print(f"### S{k}  [{d} #{rank}] type={q['type']} id={q.get('id')}")
    print("STEM:", q.get("stem"))
    if q.get("options"):
        for j, o in enumerate(q["options"]):
            print(f"  {chr(65+j)}. {o}")
    print("ANSWER:", q.get("answer"))
    print("SOURCE:", src.get("sentence"))
    if src.get("section"): print("SECTION:", src.get("section"))
    print()
