"""Fuzz run outside CI over the CLI for every input kind but .txt (benchmarks/fuzz_bank_data.py has
those): mutated .docx (zip members, XML bytes), .pdf (bytes, content streams), .html and bank YAML.

Documents go through ``quizgen extract``; every exit-0 extract must leave a bank that ``quizgen
bank check`` accepts, and a share of them is also exported (json) and printed (``paper`` .docx).
Bank files (the shipped question_bank/ and a bank extracted from the fixture article, mutated by
byte flips, truncation, field swaps, huge values, aliases, wrong types) go through ``bank check``,
``export`` and ``paper``. A run fails when any command dies of an exception of its own (what a user
would see as a traceback) or prints "Traceback". The CLI is called in-process (click's CliRunner),
with the address space capped so a bomb shows as a refused input, not a dead machine.

    python benchmarks/fuzz_inputs.py [--cases 3000] [--seed 1] [--kinds docx,pdf,html,yaml]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fixtures")]

import docbuild
from click.testing import CliRunner

from quizgen.cli import main as cli_main

ARTICLE = (ROOT / "tests" / "fixtures" / "article.txt").read_text(encoding="utf-8")
SHORT = "\n".join(ARTICLE.splitlines()[:10])
JUNK = ["\x00", "\x1b[2J", "\ufffd", "____", "（　　）", "<", "&", "]]>", "\ud7ff", "\u202e", "　", "\n", "：", "#"]


# ------------------------------------------------------------------ byte-level mutations


def flip(data: bytes, rng: random.Random, n: int | None = None) -> bytes:
    out = bytearray(data)
    for _ in range(n or rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def splice(data: bytes, rng: random.Random) -> bytes:
    """A piece of the file copied elsewhere, or cut out."""
    if len(data) < 4:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4000))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] + data[at:] if rng.random() < 0.5 else data[:a] + data[b:]


def bytes_mutation(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    op = rng.choice(["flip", "truncate", "splice"])
    return op, {"flip": flip, "truncate": truncate, "splice": splice}[op](data, rng)


# ------------------------------------------------------------------ text/XML mutations


def text_mutation(text: str, rng: random.Random, *, markup: bool) -> tuple[str, str]:
    ops = ["junk", "dup", "cut", "huge"] + (["tags", "nest", "unclose", "entity"] if markup else [])
    op = rng.choice(ops)
    at = rng.randrange(max(1, len(text)))
    if op == "junk":
        return op, text[:at] + rng.choice(JUNK) * rng.randint(1, 5) + text[at:]
    if op == "dup":
        b = min(len(text), at + rng.randint(1, 300))
        return op, text[:at] + text[at:b] * rng.randint(2, 40) + text[b:]
    if op == "cut":
        return op, text[:at] + text[at + rng.randint(1, 200):]
    if op == "huge":
        return op, text[:at] + "党" * rng.choice([10_000, 300_000, 1_200_000]) + text[at:]
    if op == "tags":
        tag = rng.choice(["p", "div", "br", "w:p", "w:r", "w:t", "table", "h1", "pre", "script", "title"])
        return op, text[:at] + rng.choice([f"<{tag}>", f"</{tag}>", f"<{tag}/>"]) + text[at:]
    if op == "nest":
        tag = rng.choice(["div", "b", "w:p", "span"])
        n = rng.choice([50, 300, 5000, 100_000])
        return op, text[:at] + f"<{tag}>" * n + text[at:]
    if op == "unclose":
        return op, re.sub(r"</[^>]{1,10}>", "", text, count=rng.randint(1, 50))
    return op, text[:at] + rng.choice(["&#0;", "&#x1b;", "&bogus;", "&#99999999;", "&amp;"]) + text[at:]


def mutate_docx(seed: bytes, rng: random.Random) -> tuple[str, bytes]:
    if rng.random() < 0.3:
        return bytes_mutation(seed, rng)
    zin = zipfile.ZipFile(io.BytesIO(seed))
    members = {n: zin.read(n) for n in zin.namelist()}
    name = "word/document.xml" if rng.random() < 0.7 else rng.choice(sorted(members))
    op = rng.choice(["drop", "xml-bytes", "xml-text", "bomb"]) if name != "word/document.xml" or rng.random() < 0.9 \
        else "drop"
    if op == "drop":
        del members[name]
    elif op == "xml-bytes":
        members[name] = bytes_mutation(members[name], rng)[1]
    elif op == "xml-text":
        members[name] = text_mutation(members[name].decode("utf-8", "replace"), rng, markup=True)[1].encode(
            "utf-8", "surrogatepass")
    else:
        members[name] = members[name] + b" " * rng.choice([1 << 20, 80 << 20])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for n, data in members.items():
            zout.writestr(n, data)
    return f"{op}:{name}", out.getvalue()


STREAM_RE = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


def mutate_pdf(seed: bytes, rng: random.Random) -> tuple[str, bytes]:
    streams = list(STREAM_RE.finditer(seed))
    if rng.random() < 0.5 or not streams:
        return bytes_mutation(seed, rng)
    m = rng.choice(streams)
    raw = m.group(1)
    try:
        plain = zlib.decompress(raw)
    except zlib.error:
        return bytes_mutation(seed, rng)
    op = rng.choice(["content-flip", "content-text", "content-bomb", "raw-flip"])
    if op == "content-flip":
        new = zlib.compress(flip(plain, rng))
    elif op == "content-text":
        new = zlib.compress(text_mutation(plain.decode("latin-1"), rng, markup=False)[1].encode("latin-1", "replace"))
    elif op == "content-bomb":
        new = zlib.compress(plain + b" " * rng.choice([1 << 20, 64 << 20]), 9)
    else:
        new = flip(raw, rng)
    # lengths are left as they were: pdfminer must cope with a wrong /Length, as with a damaged file
    return op, seed[: m.start(1)] + new + seed[m.end(1):]


def mutate_html(seed: bytes, rng: random.Random) -> tuple[str, bytes]:
    if rng.random() < 0.3:
        return bytes_mutation(seed, rng)
    op, text = text_mutation(seed.decode("utf-8"), rng, markup=True)
    enc = rng.choice(["utf-8", "utf-8", "gb18030"])
    return op, text.encode(enc, "replace")


# ------------------------------------------------------------------ bank YAML mutations

ESCAPES = ["\\e[2J", "\\x07", "\\u202e", "\\0"]  # YAML escapes of control characters
WRONG_VALUES = ["5", "[1, 2]", "{a: 1}", "null", "true", "''", "[]", "[[x]]", "1e400", "-.inf", "!!binary aGk=",
                "!!python/object:os.system x", "2020-01-01", "&a x", "*undefined", "'\\x1b'", '"\\e[31m"']


def mutate_yaml(seed: bytes, rng: random.Random) -> tuple[str, bytes]:
    text = seed.decode("utf-8")
    lines = text.splitlines(keepends=True)
    op = rng.choice(["flip", "truncate", "swap", "huge", "alias", "type", "drop", "dup-id", "indent", "control"])
    field_lines = [i for i, ln in enumerate(lines) if re.match(r"^(\s*-?\s*)([a-z_]+):", ln)]
    if op in ("flip", "truncate"):
        return op, {"flip": flip, "truncate": truncate}[op](seed, rng)
    if not field_lines:
        return "flip", flip(seed, rng)
    i = rng.choice(field_lines)
    m = re.match(r"^(\s*-?\s*)([a-z_]+):(.*)$", lines[i].rstrip("\n"))
    lead, key, value = m.group(1), m.group(2), m.group(3)
    if op == "swap":  # the value of two fields exchanged (answer <-> stem, type <-> id, …)
        j = rng.choice(field_lines)
        m2 = re.match(r"^(\s*-?\s*)([a-z_]+):(.*)$", lines[j].rstrip("\n"))
        lines[i] = f"{lead}{key}:{m2.group(3)}\n"
        lines[j] = f"{m2.group(1)}{m2.group(2)}:{value}\n"
    elif op == "huge":
        lines[i] = f"{lead}{key}: {'长' * rng.choice([1000, 200_000, 3_000_000])}\n"
    elif op == "alias":  # an anchored value used many times
        n = rng.choice([3, 100, 3000])
        lines[i] = f"{lead}{key}: &big {'党' * rng.choice([10, 100_000])}\n"
        refs = [k for k in field_lines if k > i][:n]
        for k in refs:
            mk = re.match(r"^(\s*-?\s*)([a-z_]+):", lines[k])
            lines[k] = f"{mk.group(1)}{mk.group(2)}: *big\n"
    elif op == "type":
        lines[i] = f"{lead}{key}: {rng.choice(WRONG_VALUES)}\n"
    elif op == "drop":
        del lines[i]
    elif op == "dup-id":
        ids = [k for k in field_lines if re.match(r"^\s*-\s*id:", lines[k])]
        if len(ids) >= 2:
            a, b = rng.sample(ids, 2)
            lines[b] = lines[a]
    elif op == "indent":
        lines[i] = rng.choice(["", " ", "\t", "    "]) + lines[i]
    else:
        escape = rng.choice(ESCAPES)
        lines[i] = f'{lead}{key}: "{escape}{value.strip()}"\n'
    return op, "".join(lines).encode("utf-8")


# ------------------------------------------------------------------ running


class Runner:
    def __init__(self) -> None:
        self.cli = CliRunner()
        self.failures: list[str] = []

    def run(self, case: str, *args: str, stdin: str | None = None):
        r = self.cli.invoke(cli_main, list(args), input=stdin, env={"NO_COLOR": "1"})
        exc = r.exception
        if exc is not None and not isinstance(exc, SystemExit):
            tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-1500:]
            self.failures.append(f"{case}: {' '.join(args[:2])}: {exc!r}\n{tb}")
        elif "Traceback" in r.output:
            self.failures.append(f"{case}: {' '.join(args[:2])}: Traceback printed\n{r.output[-1500:]}")
        return r


def seed_bank(tmp: Path, runner: Runner) -> list[bytes]:
    """Bank-file seeds: the shipped bank and a bank extracted from the fixture article."""
    seeds = [p.read_bytes() for p in sorted((ROOT / "question_bank").glob("*.yaml"))]
    (tmp / "article.txt").write_text(ARTICLE, encoding="utf-8")
    r = runner.run("seed", "extract", str(tmp / "article.txt"), "--bank", str(tmp / "seedbank"))
    assert r.exit_code == 0, r.output
    seeds += [p.read_bytes() for p in sorted((tmp / "seedbank").glob("*.yaml"))]
    return seeds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="docx,pdf,html,yaml")
    ap.add_argument("--memory-gb", type=float, default=3.0)
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per case: time, exit, message")
    args = ap.parse_args()
    limit = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    rng = random.Random(args.seed)
    runner = Runner()
    kinds = args.kinds.split(",")
    counts: Counter[str] = Counter()
    ok0: Counter[str] = Counter()
    bad_banks: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        os.environ["QUIZGEN_CACHE_DIR"] = str(tmp / "cache")  # large mutated banks go through the cache
        seeds = {"docx": docbuild.make_docx(SHORT), "pdf": docbuild.make_pdf(SHORT),
                 "html": docbuild.make_html(SHORT).encode("utf-8")}
        yaml_seeds = seed_bank(tmp, runner) if "yaml" in kinds else []
        mutators = {"docx": mutate_docx, "pdf": mutate_pdf, "html": mutate_html}
        for k in range(args.cases):
            kind = kinds[k % len(kinds)]
            case = tmp / f"c{k}"
            case.mkdir()
            t_case = time.perf_counter()
            name = f"{kind}#{k}"
            counts[kind] += 1
            if kind == "yaml":
                op, data = mutate_yaml(rng.choice(yaml_seeds), rng)
                bank = case / "qb"
                bank.mkdir()
                (bank / "doc.yaml").write_bytes(data)
                name += f"({op})"
                check = runner.run(name, "bank", "check", "--bank", str(bank))
                ok0[kind] += check.exit_code == 0
                runner.run(name, "export", "--bank", str(bank), "--format", "json", "-o", str(case / "x.json"))
                if k % 5 == 0:
                    runner.run(name, "paper", "--bank", str(bank), "-n", "10", "-o", str(case / "p.docx"))
            else:
                op, data = mutators[kind](seeds[kind], rng)
                src = case / f"doc.{kind}"
                src.write_bytes(data)
                name += f"({op})"
                if args.verbose:
                    print(f"{name} ...", end=" ", flush=True)
                r = runner.run(name, "extract", str(src), "--bank", str(case / "qb"))
                check = r
                if r.exit_code == 0:
                    ok0[kind] += 1
                    check = runner.run(name, "bank", "check", "--bank", str(case / "qb"))
                    if check.exit_code != 0:
                        bad_banks.append(f"{name}: bank check after exit-0 extract: {check.output[-600:]}")
                    if k % 10 == 0:
                        runner.run(name, "export", "--bank", str(case / "qb"), "--format", "json",
                                   "-o", str(case / "x.json"))
                        runner.run(name, "paper", "--bank", str(case / "qb"), "-n", "5", "-o", str(case / "p.docx"))
            if args.verbose:
                last = (check.output.strip().splitlines() or [""])[-1][:150]
                print(f"{name} {time.perf_counter() - t_case:.1f}s exit {check.exit_code} {last}", flush=True)
            shutil.rmtree(case, ignore_errors=True)
            if (k + 1) % 100 == 0:
                print(f"[{k + 1}/{args.cases}] {time.perf_counter() - start:.0f} s, "
                      f"{len(runner.failures)} tracebacks, {len(bad_banks)} rejected banks", flush=True)
    for f in runner.failures + bad_banks:
        print("FAIL", f, flush=True)
    per_kind = ", ".join(f"{kd}: {counts[kd]} cases ({ok0[kd]} exit 0)" for kd in kinds)
    print(f"{sum(counts.values())} cases — {per_kind}; {len(runner.failures)} tracebacks, "
          f"{len(bad_banks)} exit-0 extracts whose bank `bank check` rejects ({time.perf_counter() - start:.0f} s)")
    sys.exit(1 if runner.failures or bad_banks else 0)


if __name__ == "__main__":
    main()
