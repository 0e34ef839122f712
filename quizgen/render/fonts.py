"""Fonts for printed papers: where the CJK TrueType font comes from and how writers name faces.

PDF: reportlab embeds TrueType outlines only, so the paper uses WenQuanYi Micro Hei (文泉驿微米黑,
TrueType .ttc, Apache-2.0 / GPLv3 with font exception), installed by pip through the
``paperang-p2-fonts-cjk`` package. It is a sans (黑体-style) face and the only TrueType CJK face
found on PyPI with full GB2312 coverage, so body and headings share it and headings are drawn
with simulated bold. (Noto Serif SC, in ``pylopdf-fonts-zh-cn``, is a 宋体-style face but has
CFF outlines, which reportlab cannot embed; ``mksci-font`` ships Microsoft's SimSun, not ours
to redistribute.) ``QUIZGEN_CJK_FONT`` (path to a .ttf/.ttc, optional ``#index``) overrides it.

DOCX: no font is embedded; runs name 宋体 (SimSun) for body and 黑体 (SimHei) for headings as
East Asian faces, which Word and WPS resolve on Chinese systems.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from quizgen.errors import QuizgenError

PDF_FONT = "QuizgenCJK"
"""reportlab name of the registered CJK face."""
DOCX_BODY_EAST_ASIA = "宋体"
DOCX_HEADING_EAST_ASIA = "黑体"
DOCX_LATIN = "Times New Roman"
DOCX_HEADING_LATIN = "Arial"
FONT_PACKAGE = "paperang_p2_fonts_cjk"
FONT_FILE = "fonts/wqy-microhei.ttc"


def cjk_font_file() -> tuple[Path, int]:
    """The CJK TrueType font file and its sub-font index; raise a clear error if none is installed."""
    override = os.environ.get("QUIZGEN_CJK_FONT")
    if override:
        path, _, idx = override.partition("#")
        if not Path(path).is_file():
            raise QuizgenError(f"QUIZGEN_CJK_FONT 指定的字体文件不存在：{path}")
        return Path(path), int(idx or 0)
    try:
        import importlib.util

        spec = importlib.util.find_spec(FONT_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        candidate = Path(spec.origin).parent / FONT_FILE
        if candidate.is_file():
            return candidate, 0
    raise QuizgenError(
        "没有可用于 PDF 输出的中文字体：请 `pip install paperang-p2-fonts-cjk`（或重新安装 quizgen），"
        "或设置 QUIZGEN_CJK_FONT=/字体/路径.ttf"
    )


@lru_cache(maxsize=1)
def register_pdf_font() -> str:
    """Register the CJK face with reportlab once (subset-embedded when used); return its name."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    rl_config.invariant = 1
    path, index = cjk_font_file()
    try:
        font = TTFont(PDF_FONT, str(path), subfontIndex=index)
    except Exception as exc:  # reportlab raises TTFError and others for unusable files
        raise QuizgenError(f"无法使用字体 {path}：{exc}") from exc
    pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(PDF_FONT, bold, italic, PDF_FONT)
    return PDF_FONT


def has_glyph(ch: str) -> bool:
    """Whether the PDF face can draw ``ch`` (used to fall back for rare characters)."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(register_pdf_font()).face
    return ord(ch) in face.charToGlyph
