"""Content-addressed results of reading large bank files, kept in the user's cache folder.

Owns one thing: remembering what a pure, slow step (reading and checking a bank file, the
printing-rule warnings of its questions) gave for exactly these bytes with exactly this code, so a
100,000-question bank is checked in full once and read in a second afterwards. A key is the
SHA-256 of the file's bytes plus a stamp of quizgen's own source files and jieba's dictionary:
any change to the file or to the code that judges it misses the cache, and the step runs again.
Nothing is weakened: a hit returns what the same step gave for the same input.

Only files of at least ``MIN_BYTES`` are cached (small ones read faster than a cache lookup).
The folder is ``$QUIZGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/quizgen``, else ``~/.cache/quizgen``,
made private to the user (entries are pickles: a folder anyone can write would be a way in);
a folder that is not private is not used. Each kind keeps its ``KEEP`` most recent entries, in at
most ``MAX_TOTAL`` bytes. A
missing, unreadable or damaged entry is a miss; a failed write is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from functools import lru_cache
from pathlib import Path

MIN_BYTES = 512 * 1024
KEEP = 8
MAX_TOTAL = 512 * 1024 * 1024
"""Most bytes one kind keeps (its newest entry is always kept)."""
FORMAT = "1"


def cache_dir(env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("QUIZGEN_CACHE_DIR"):
        return Path(env["QUIZGEN_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quizgen"


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of every source and data file of quizgen, the Python and PyYAML versions (and
    whether libyaml is used) and jieba's dictionary (size and time): what a cached result depends
    on besides its input."""
    import yaml

    h = hashlib.sha256(f"{FORMAT}|{sys.version}|{yaml.__version__}|{hasattr(yaml, 'CSafeLoader')}".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and path.is_file():
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    try:
        import jieba

        st = os.stat(jieba.get_dict_file().name)
        h.update(f"{jieba.__version__}|{st.st_size}|{st.st_mtime_ns}".encode())
    except Exception:  # noqa: BLE001, S110 - no jieba: nothing of it to depend on
        pass
    return h.hexdigest()[:32]


def key_of(raw: bytes, *parts: str) -> str:
    h = hashlib.sha256(raw)
    for p in parts:
        h.update(b"\0" + p.encode("utf-8", "surrogatepass"))
    return f"{h.hexdigest()[:40]}-{code_stamp()}"


def _private_dir(kind: str, create: bool) -> Path | None:
    folder = cache_dir() / kind
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for p in (folder.parent, folder):
            st = p.stat()
            if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
    except OSError:
        return None
    return folder


def get(kind: str, key: str):
    """The value stored under ``key``, or None."""
    folder = _private_dir(kind, create=False)
    if folder is None:
        return None
    path = folder / f"{key}.pickle"
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        os.utime(path)  # recently used: kept longer
    except Exception:  # noqa: BLE001 - missing, damaged or from another version: a miss
        return None
    return value


def put(kind: str, key: str, value) -> None:
    """Store ``value`` under ``key`` (atomically), keeping the ``KEEP`` newest entries of ``kind``."""
    folder = _private_dir(kind, create=True)
    if folder is None:
        return
    path = folder / f"{key}.pickle"
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = True  # no memo of every object (values here are trees): less memory and time
            pickler.dump(value)
        os.replace(tmp, path)
        entries = sorted(((p.stat(), p) for p in folder.glob("*.pickle")), key=lambda e: e[0].st_mtime,
                         reverse=True)
        total = 0
        for i, (st, old) in enumerate(entries):
            total += st.st_size
            if i >= KEEP or (i and total > MAX_TOTAL):
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a full disk or a value pickle refuses: no cache, same result
        tmp.unlink(missing_ok=True)
