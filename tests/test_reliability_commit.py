"""What a killed, interrupted or concurrent run leaves behind: a bank (or a set of paper files)
entirely old or entirely new, no stale temporary files, no worker processes, no lost edits.

Failures are injected in a subprocess at a chosen call: a small runner script wraps
``os.replace`` (SIGKILL or SIGINT right after the Nth rename into a folder, or a slow rename for
the wrong-answer book) or ``Staging.commit`` (a hand edit saved just before the commit), then
runs the real CLI.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

RUNNER = textwrap.dedent('''
    import os, signal, sys, time
    FOLDER = os.path.abspath(os.environ["T_FOLDER"])
    N = int(os.environ.get("T_N", "0"))
    MODE = os.environ["T_MODE"]
    real = os.replace
    count = [0]

    def replace(src, dst, *a, **k):
        d = os.path.abspath(os.fspath(dst))
        hit = os.path.dirname(d) == FOLDER and not os.path.basename(d).startswith(".")
        if MODE == "slow" and d == os.environ["T_BOOK"]:
            time.sleep(0.02)  # a slow disk: the window where another writer's save gets lost
        count[0] += hit
        if hit and MODE == "fail" and count[0] == N:
            raise OSError(5, "Input/output error", dst)  # EIO: the disk fails at this rename
        real(src, dst, *a, **k)
        if hit and MODE in ("kill", "int"):
            if count[0] == N:
                os.kill(os.getpid(), signal.SIGKILL if MODE == "kill" else signal.SIGINT)
                time.sleep(1)

    os.replace = replace
    if MODE == "edit":
        import yaml
        import quizgen.bank as bank_mod
        orig = bank_mod.Staging.commit

        def commit(self):
            path = os.environ["T_EDIT"]
            with open(path, encoding="utf-8") as fh:
                data = yaml.safe_load(fh)
            data["questions"][0]["tags"] = ["手改"]
            data["questions"][1]["status"] = "rejected"
            with open(path, "w", encoding="utf-8") as fh:
                yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False)
            return orig(self)

        bank_mod.Staging.commit = commit
    if MODE == "book":
        from quizgen.model import Question, Source
        from quizgen.quiz.book import WrongBook
        book = WrongBook(os.environ["T_BOOK"])
        added = 0
        for i in range(int(os.environ["T_COUNT"])):
            q = Question(id=f"{os.environ['T_TAG']}-{i}", type="judge", stem=f"题{i}", answer=["对"],
                         source=Source("d", f"题{i}", [f"题{i}"]))
            added += book.record(q, False, review=False) == "added"
        print(added)
        sys.exit(0)
    from quizgen.cli import main
    sys.argv = ["quizgen", *sys.argv[1:]]
    main()
''')


def _env(**extra) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _runner(tmp_path: Path) -> Path:
    path = tmp_path / "runner.py"
    path.write_text(RUNNER, encoding="utf-8")
    return path


def quizgen(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quizgen", *map(str, args)], check=False, capture_output=True, text=True,
                          env=_env(), timeout=600, **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.name.endswith((".tmp", ".bak", ".lock")) or p.name == ".quizgen-journal.json"]


def make_docs(folder: Path, seed_path: Path, version: int, n: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = seed_path.read_text(encoding="utf-8")
    for i in range(n):
        body = text.replace("1954", str(1900 + 10 * version + i))
        if version > 1:
            body += f"\n公司第{version}次修订坚持把安全生产作为第{i + 2}号重点工作。\n"
        (folder / f"doc{i}.txt").write_text(body, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def banks(tmp_path_factory, seed_path):
    """An old bank (version 1 of five documents), and the bank version 2 (the same files, edited)
    makes of it."""
    root = tmp_path_factory.mktemp("banks")
    old = root / "old"
    res = quizgen("extract", "-q", "--bank", old, make_docs(root / "docs", seed_path, 1))
    assert res.returncode == 0, res.stderr
    new = root / "new"
    shutil.copytree(old, new)
    docs2 = make_docs(root / "docs", seed_path, 2)
    res = quizgen("extract", "-q", "--bank", new, docs2)
    assert res.returncode == 0, res.stderr
    assert snapshot(old).keys() == snapshot(new).keys()
    assert all(snapshot(old)[k] != snapshot(new)[k] for k in snapshot(old))
    return old, new, docs2


@pytest.mark.parametrize("mode", ["kill", "int", "fail"])
def test_a_commit_killed_or_interrupted_at_a_rename_leaves_the_bank_old_or_new(tmp_path, banks, mode):
    old, new, docs2 = banks
    bank = tmp_path / "bank"
    shutil.copytree(old, bank)
    stale = [bank / ".doc0.yaml.abcd1234.tmp", bank / ".doc1.yaml.k2j4h5g6.bak"]  # an older run's leftovers
    for p in stale:
        p.write_bytes(b"x" * 1000)
        os.utime(p, (time.time() - 3600,) * 2)
    proc = subprocess.run([sys.executable, str(_runner(tmp_path)), "extract", "-q", "--bank", str(bank), str(docs2)],
                          check=False, capture_output=True, text=True, timeout=600,
                          env=_env(T_FOLDER=bank, T_N=3, T_MODE=mode))
    if mode == "kill":
        assert proc.returncode == -signal.SIGKILL, proc.stderr
    elif mode == "int":
        assert proc.returncode == 130 and "已中断" in proc.stderr, proc.stderr
    else:
        assert proc.returncode == 2 and "题库没有改动" in proc.stderr, proc.stderr
    if mode != "kill":
        assert "Traceback" not in proc.stderr
        assert snapshot(bank) == snapshot(old)  # rolled back in the run itself
    res = quizgen("bank", "check", "--bank", bank)  # the next run completes or undoes the commit
    assert res.returncode == 0, res.stderr
    now = snapshot(bank)
    assert now == snapshot(old) or now == snapshot(new), sorted(k for k in now if now.get(k) != snapshot(new).get(k))
    assert leftovers(bank) == []


def test_versions_and_separate_keys_killed_half_way_are_all_old_or_all_new(tmp_path, banks):
    old, _new, _docs = banks
    bank = tmp_path / "bank"
    shutil.copytree(old, bank)
    out = tmp_path / "out"
    out.mkdir()
    args = ["paper", "--bank", str(bank), "-o", str(out / "quiz.docx"), "--versions", "A,B", "--key", "separate",
            "-n", "8"]
    res = quizgen(*args, "--seed", "1")
    assert res.returncode == 0, res.stderr
    before = snapshot(out)
    assert len(before) == 4
    proc = subprocess.run([sys.executable, str(_runner(tmp_path)), *args, "--seed", "2"], check=False, capture_output=True,
                          text=True, timeout=600, env=_env(T_FOLDER=out, T_N=2, T_MODE="kill"))
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    res = quizgen("paper", "--bank", bank, "-o", out / "other.docx", "-n", "3", "--seed", "5")
    assert res.returncode == 0, res.stderr
    now = {k: v for k, v in snapshot(out).items() if not k.startswith("other")}
    assert now.keys() == before.keys()
    same = [now[k] == before[k] for k in before]
    assert all(same) or not any(same), same
    assert leftovers(out) == []


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_kill_9_of_a_parallel_extract_leaves_no_worker_running(tmp_path, fixtures_dir):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (fixtures_dir / "shijiuda_report.txt").read_text(encoding="utf-8")
    for i in range(6):
        (docs / f"r{i}.txt").write_text(text.replace("2017", str(1990 + i)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "quizgen", "extract", "-q", "-j", "2", "--bank",
                             str(tmp_path / "bank"), str(docs)], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        workers: list[int] = []
        while time.time() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = [p for p in _children(proc.pid) if _alive(p)]
        assert len(workers) >= 2, "the workers never started"
        time.sleep(1)  # they are extracting now
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.time() + 5
        while time.time() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.2)
        survivors = [p for p in workers if _alive(p)]
    finally:
        for p in _children(proc.pid) + workers:
            if _alive(p):
                os.kill(p, signal.SIGKILL)
    assert survivors == []


def test_a_hand_edit_saved_while_an_extract_runs_is_kept(tmp_path, seed_path):
    bank = tmp_path / "bank"
    doc = tmp_path / "seed_article.txt"
    shutil.copy(seed_path, doc)
    res = quizgen("extract", "-q", "--bank", bank, doc)
    assert res.returncode == 0, res.stderr
    target = bank / "seed_article.yaml"
    first, second = yaml.safe_load(target.read_text(encoding="utf-8"))["questions"][:2]
    proc = subprocess.run([sys.executable, str(_runner(tmp_path)), "extract", "-q", "--bank", str(bank), str(doc)],
                          check=False, capture_output=True, text=True, timeout=600,
                          env=_env(T_FOLDER=bank, T_MODE="edit", T_EDIT=target))
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    got = {q["id"]: q for q in data["questions"]}
    assert got[first["id"]].get("tags") == ["手改"], "the hand edit was lost"
    assert got[second["id"]].get("status") == "rejected", "the hand edit was lost"
    assert quizgen("bank", "check", "--bank", bank).returncode == 0
    assert leftovers(bank) == []


def test_two_quizzes_adding_to_one_book_at_once_lose_no_entry(tmp_path):
    book = tmp_path / "book.json"
    runner = _runner(tmp_path)
    procs = [subprocess.Popen([sys.executable, str(runner)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env(T_FOLDER=tmp_path, T_MODE="book", T_BOOK=book, T_TAG=tag, T_COUNT=40))
             for tag in ("a", "b")]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert [int(o.strip()) for o, _ in outs] == [40, 40]
    import json

    entries = json.loads(book.read_text(encoding="utf-8"))["questions"]
    assert len(entries) == 80, f"{80 - len(entries)} entries lost"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.json", "runner.py"]
