"""Uploaded documents and their extraction in the background, for the web's 题库 page.

An upload's name never becomes a path: a name with a folder part (``../../x.txt``) is refused,
any other is reduced to a safe stem (``fsutil.safe_name``) and an allowed suffix. The bytes wait
in a temporary file in ``<bank>/.uploads/`` (a hidden folder, never read as bank files); one
worker thread takes the jobs in order, gives the file its name (``.uploads/<stem><suffix>``, the
same path for the same name, so uploading a new version of a document updates it as
``quizgen extract`` of the same file would) and runs the same library call as ``quizgen extract``
(``pipeline.extract_to_bank``), keeping its progress lines for the page to poll.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.errors import InputError, QuizgenError
from quizgen.fsutil import safe_name, write_beside

ALLOWED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
UPLOADS_DIR = ".uploads"
KEEP_JOBS = 50
STATE_NAMES = {"queued": "排队中", "running": "提取中", "done": "完成", "failed": "失败"}


def upload_name(filename: str | None) -> tuple[str, str]:
    """(safe stem, suffix) of an uploaded file's name; InputError when it is no plain file name
    of an allowed type."""
    name = (filename or "").strip()
    if not name:
        raise InputError("请选择要上传的文件")
    if re.search(r"[/\\]", name) or name in (".", "..") or any(ord(c) < 32 for c in name):
        raise InputError(f"文件名 {name!r} 含有路径或控制字符，不能接受；请上传一个普通文件名的文件")
    stem, suffix = os.path.splitext(name)
    suffix = suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise InputError(f"不能上传 {name!r}：只接受 {'、'.join(ALLOWED_SUFFIXES)} 文件")
    return safe_name(stem), suffix


@dataclass
class Job:
    """One uploaded document's extraction."""

    id: str
    name: str
    """The uploaded name, as shown (the stem and suffix it was reduced to)."""
    state: str = "queued"
    lines: list[str] = field(default_factory=list)
    questions: int = 0

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "state": self.state, "state_name": STATE_NAMES[self.state],
                "finished": self.state in ("done", "failed"), "lines": list(self.lines),
                "questions": self.questions}


class ExtractJobs:
    """The extraction jobs of one bank folder, run one at a time in a worker thread."""

    def __init__(self, bank_dir: Path):
        self.bank_dir = Path(bank_dir)
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quizgen-extract")

    def submit(self, filename: str | None, data: bytes, title: str | None = None) -> Job:
        """Queue an upload for extraction; InputError for a bad name or an empty file."""
        stem, suffix = upload_name(filename)
        if not data:
            raise InputError(f"{filename}：文件是空的")
        folder = self.bank_dir / UPLOADS_DIR
        try:
            folder.mkdir(parents=True, exist_ok=True)
            waiting = write_beside(folder / f"{stem}{suffix}", data)
        except OSError as exc:
            raise InputError(f"无法保存上传的文件（{exc.strerror or exc}）", path=str(folder)) from exc
        job = Job(uuid.uuid4().hex[:12], stem + suffix)
        with self._lock:
            self.jobs[job.id] = job
            while len(self.jobs) > KEEP_JOBS:
                self.jobs.popitem(last=False)
        self._pool.submit(self._run, job, Path(waiting), folder / f"{stem}{suffix}", title)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self.jobs.get(job_id)

    def recent(self) -> list[Job]:
        with self._lock:
            return list(reversed(self.jobs.values()))

    def _run(self, job: Job, waiting: Path, path: Path, title: str | None) -> None:
        from quizgen.pipeline import extract_to_bank

        job.state = "running"
        shown_dir = str(path.parent) + os.sep

        def say(text: str) -> None:
            job.lines.append(text.replace(shown_dir, ""))  # the upload folder is no business of the page

        try:
            os.replace(waiting, path)
            job.questions = extract_to_bank([str(path)], str(self.bank_dir), title=title, echo=say)
            job.state = "done"
        except QuizgenError as exc:
            say(str(exc))
            job.state = "failed"
        except SystemExit:  # one input that failed: its message is already in the lines
            job.state = "failed"
        except Exception as exc:  # noqa: BLE001 (a defect: the page says so, the server goes on)
            say(f"提取失败（{type(exc).__name__}: {exc}）；这是程序缺陷，请报告")
            job.state = "failed"
        finally:
            for p in (waiting, path):
                with contextlib.suppress(OSError):
                    p.unlink()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
