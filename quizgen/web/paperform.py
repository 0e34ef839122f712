"""The 组卷 form: what an organiser chose, turned into the options of ``quizgen paper`` and
``quizgen export`` (the same texts their command lines take), and where the web's papers go.

Papers are written to ``<bank>/.web-papers/<request key>/<title>.docx|.pdf`` (a hidden folder,
never read as bank files): the same choices give the same file name, so the paper history
(``.papers.json``) prints the recorded paper again when the DOCX and then the PDF of one paper
are downloaded, as ``quizgen paper`` does for the same command.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from quizgen.errors import InputError
from quizgen.fsutil import safe_name
from quizgen.model import QUESTION_TYPES

WEB_PAPERS = ".web-papers"
KEYS = {"end": "放在卷末", "separate": "另存一个文件", "none": "不要答案"}


@dataclass
class PaperForm:
    """The choices of the 组卷 form, as the command-line option texts."""

    docs: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=lambda: list(QUESTION_TYPES))
    count: int | None = None
    points: dict[str, str] = field(default_factory=dict)
    total: int | None = None
    title: str = ""
    subtitle: str = ""
    notes: str = ""
    seed: int | None = None
    versions: str = ""
    key: str = "end"
    status: str = ""
    repeat_ok: bool = False

    def paper_options(self) -> dict:
        """Keyword options of ``make_paper_cli`` / ``preview_paper`` (bank and output aside)."""
        points = ",".join(f"{t}={v}" for t, v in self.points.items() if v)
        return {"count": self.count, "types": ",".join(self.types), "points": points or None,
                "total": self.total, "doc": ",".join(self.docs) or None, "title": self.title or None,
                "subtitle": self.subtitle or None, "notes": self.notes or None, "seed": self.seed,
                "versions": self.versions or None, "key": self.key, "status": self.status or None,
                "section": ",".join(self.sections) or None, "repeat_ok": self.repeat_ok}

    def export_options(self) -> dict:
        """Keyword options of ``export_outputs`` (format aside)."""
        return {"count": self.count, "types": ",".join(self.types), "docs": ",".join(self.docs) or None,
                "statuses": self.status or None, "sections": ",".join(self.sections) or None,
                "title": self.title or None}

    def output(self, bank_dir: Path, suffix: str) -> Path:
        """Where this paper is written: the same choices, the same name (see the module)."""
        key = hashlib.blake2b(json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8"),
                              digest_size=6).hexdigest()
        folder = Path(bank_dir) / WEB_PAPERS / key
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{safe_name(self.title or '应知应会测试')}{suffix}"


def _int(form, name: str, what: str) -> int | None:
    text = (form.get(name) or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{what}：{text!r} 不是整数") from None


def parse_form(form) -> PaperForm:
    """The PaperForm of a submitted form (a werkzeug MultiDict); InputError for a bad number."""
    types = [t for t in QUESTION_TYPES if t in form.getlist("types")]
    if not types:
        raise InputError("请至少选一种题型")
    key = form.get("key", "end")
    if key not in KEYS:
        raise InputError(f"参考答案：未知的选项 {key!r}")
    status = form.get("status", "")
    if status not in ("", "reviewed", "new"):
        raise InputError(f"状态：未知的选项 {status!r}")
    count = _int(form, "count", "题数")
    if count is not None and count < 1:
        raise InputError("题数至少为 1")
    return PaperForm(docs=form.getlist("docs"), sections=form.getlist("sections"), types=types, count=count,
                     points={t: (form.get(f"points_{t}") or "").strip() for t in types},
                     total=_int(form, "total", "总分"), title=(form.get("title") or "").strip(),
                     subtitle=(form.get("subtitle") or "").strip(), notes=(form.get("notes") or "").strip(),
                     seed=_int(form, "seed", "随机种子"), versions=(form.get("versions") or "").strip(),
                     key=key, status=status, repeat_ok=form.get("repeat_ok") == "1")


def bundle(files: list[tuple[str, bytes]], zip_name: str) -> tuple[str, bytes]:
    """One file as it is; several in one .zip (versions, a separate key, 问卷星's answer file)."""
    if len(files) == 1:
        return files[0]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            zf.writestr(name, data)
    return zip_name, buf.getvalue()
