"""Readers: every format gives the same Document; encodings, structure, metadata, sniffing."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

import docbuild

from quizgen.errors import InputError
from quizgen.model import Block
from quizgen.readers import expand_inputs, read_bytes, read_path
from quizgen.readers.text import decode

ARTICLE = (FIXTURES / "article.txt").read_text(encoding="utf-8")


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


@pytest.fixture(scope="module")
def reference():
    return read_bytes(ARTICLE.encode("utf-8"), "article", "article.txt", ".txt")


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "article.docx").write_bytes(docbuild.make_docx(ARTICLE))
    (folder / "article.pdf").write_bytes(docbuild.make_pdf(ARTICLE))
    (folder / "article.html").write_text(docbuild.make_html(ARTICLE), encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------- same facts


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_same_document_in_every_format(formats, reference, suffix):
    doc = read_path(str(formats / f"article{suffix}"))
    assert texts(doc) == texts(reference)
    assert doc.title == reference.title == "增强动力 激发活力——洛阳铜加工推进党建与科技创新工作双向融合的探索与实践"
    for key in ("来源", "时间", "作者"):
        assert doc.meta[key] == reference.meta[key]
    assert doc.name == "article"


def test_reference_has_structure_and_metadata(reference):
    assert reference.meta == {"来源": "中国铝业报", "时间": "2022-11-30", "作者": "曹旗文 冷建伟"}
    headings = [b.text for b in reference.blocks if b.kind == "heading"]
    assert "坚持党对科技创新工作的领导" in headings
    assert len(reference.blocks) == 18


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_same_question_ids_in_every_format(formats, reference, suffix):
    pipeline = pytest.importorskip("quizgen.pipeline")
    ref_ids = [q.id for q in pipeline.questions_for(reference)]
    ids = [q.id for q in pipeline.questions_for(read_path(str(formats / f"article{suffix}")))]
    assert ref_ids and ids == ref_ids


def test_docx_headings_are_structure(formats):
    doc = read_path(str(formats / "article.docx"))
    kinds = {b.text: (b.kind, b.level) for b in doc.blocks}
    assert kinds["坚持党对科技创新工作的领导"] == ("heading", 1)


# ---------------------------------------------------------------------------- text encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-be",
                                      "utf-16-le"])
def test_text_encodings(reference, encoding):
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = read_bytes(data, "article", "a.txt", ".txt")
    assert texts(doc) == texts(reference)
    assert doc.meta == reference.meta


def test_utf16_without_bom_and_windows_newlines(reference):
    data = ARTICLE.replace("\n", "\r\n").encode("utf-16-le")
    assert texts(read_bytes(data, "a", "a.txt")) == texts(reference)


def test_gb18030_only_characters():
    text = "学习贯彻党的二十大精神\n\n" + "𠀀字出现在古籍中，这是一个测试段落。" * 3
    assert decode(text.encode("gb18030"), "x") == text


def test_big5_is_refused_not_misread():
    text = "中國共產黨第二十次全國代表大會於二零二二年十月在北京召開。" * 5
    with pytest.raises(InputError) as err:
        decode(text.encode("big5"), "x.txt")
    assert "x.txt" in str(err.value)


# ---------------------------------------------------------------------------- docx


def test_docx_tables_and_styles():
    import docx

    d = docx.Document()
    d.add_paragraph("党建工作要点汇编", style="Title")
    d.add_paragraph("来源：集团党委  时间：2024-01-05")
    d.add_heading("一、总体要求", 1)
    d.add_paragraph("坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。")
    t = d.add_table(rows=2, cols=3)
    for i, row in enumerate([("时间", "事项", "责任部门"), ("2024年3月", "召开党建工作会议", "党委办公室")]):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    merged = d.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格内容只出现一次"
    d.add_paragraph("版权所有 集团党委办公室")
    out = io.BytesIO()
    d.save(out)
    doc = read_bytes(out.getvalue(), "plan", "plan.docx", ".docx")
    assert doc.title == "党建工作要点汇编"
    assert doc.meta["来源"] == "集团党委" and doc.meta["时间"] == "2024-01-05"
    assert doc.blocks[0] == Block("一、总体要求", "heading", 1)
    assert "时间 事项 责任部门" in texts(doc)
    assert "2024年3月 召开党建工作会议 党委办公室" in texts(doc)
    assert "合并单元格内容只出现一次" in texts(doc)
    assert not any("版权所有" in t for t in texts(doc))


# ---------------------------------------------------------------------------- pdf


def test_pdf_lines_rejoined_and_furniture_dropped(formats, reference):
    import pypdf

    data = (formats / "article.pdf").read_bytes()
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 2  # page breaks inside paragraphs
    doc = read_bytes(data, "article", "article.pdf", ".pdf")
    body = "\n".join(texts(doc))
    assert "党建学习资料" not in body and "- 1 -" not in body and "- 2 -" not in body
    # a paragraph wrapped over many lines comes back whole
    longest = max(texts(reference), key=len)
    assert longest in texts(doc)


# ---------------------------------------------------------------------------- html


def test_html_body_and_metadata(formats, reference):
    doc = read_path(str(formats / "article.html"))
    body = "\n".join(texts(doc))
    for junk in ("友情链接", "版权所有", "ICP备", "当前位置", "相关新闻", "集团召开党建工作会议", "分享到", "责任编辑", "字号"):
        assert junk not in body
    assert doc.meta["作者"] == "曹旗文 冷建伟"


def test_html_gbk_page_with_declared_charset(reference):
    page = docbuild.make_html(ARTICLE).replace('charset="utf-8"', 'charset="gb2312"')
    doc = read_bytes(page.encode("gb18030"), "article", "a.html", ".html")
    assert texts(doc) == texts(reference)


def test_html_wrong_declared_charset_falls_back(reference):
    page = docbuild.make_html(ARTICLE).replace('charset="utf-8"', 'charset="utf-8"')
    doc = read_bytes(page.encode("gb18030"), "article", "a.html", ".html")
    assert texts(doc) == texts(reference)


def test_html_fallback_extractor_without_trafilatura(monkeypatch, reference):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    doc = read_bytes(docbuild.make_html(ARTICLE).encode("utf-8"), "article", "a.html", ".html")
    assert texts(doc) == texts(reference)
    assert doc.meta["来源"] == "中国铝业报"


def test_html_br_separated_paragraphs():
    page = ("<html><head><meta charset='utf-8'><title>通知_某网站</title></head><body><div id='a'>"
            "关于开展主题教育的通知<br/>各党支部：<br/>根据上级党委部署，现就开展主题教育有关事项通知如下。"
            "<br>一是加强理论学习，原原本本学习党的二十大报告。<br>二是深入调查研究，切实解决群众急难愁盼问题。"
            "</div><div class='footer'>版权所有 某单位 京ICP备000号</div></body></html>")
    doc = read_bytes(page.encode("utf-8"), "n", "n.html", ".html")
    assert "一是加强理论学习，原原本本学习党的二十大报告。" in texts(doc)
    assert not any("ICP" in t for t in texts(doc))


# ---------------------------------------------------------------------------- sniffing, folders, stdin


def test_mis_suffixed_files_are_read_by_content(formats, reference, tmp_path):
    (tmp_path / "really_docx.txt").write_bytes((formats / "article.docx").read_bytes())
    (tmp_path / "really_pdf.docx").write_bytes((formats / "article.pdf").read_bytes())
    (tmp_path / "really_html.txt").write_bytes((formats / "article.html").read_bytes())
    (tmp_path / "no_suffix").write_bytes((formats / "article.docx").read_bytes())
    for name in ("really_docx.txt", "really_pdf.docx", "really_html.txt", "no_suffix"):
        assert texts(read_path(str(tmp_path / name))) == texts(reference), name


def test_unknown_suffix_with_text_is_refused(tmp_path):
    p = tmp_path / "notes.rtf2"
    p.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="不支持的文件类型"):
        read_path(str(p))


def test_folder_is_expanded_recursively(tmp_path, formats):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.docx").write_bytes((formats / "article.docx").read_bytes())
    (tmp_path / "sub" / "deeper" / "c.pdf").write_bytes((formats / "article.pdf").read_bytes())
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path)])]
    assert found == ["a.txt", "sub/b.docx", "sub/deeper/c.pdf"]


def test_empty_folder_is_one_bad_input(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    paths = expand_inputs([str(tmp_path / "empty"), str(tmp_path / "a.txt")])
    assert paths == [str(tmp_path / "empty"), str(tmp_path / "a.txt")]
    with pytest.raises(InputError, match="没有支持的文档"):
        read_path(paths[0])


def test_stdin(monkeypatch, formats, reference):
    for data in (ARTICLE.encode("gbk"), (formats / "article.docx").read_bytes()):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        doc = read_path("-", stdin_name="piped")
        assert doc.name == "piped" and doc.path == "-"
        assert texts(doc) == texts(reference)


def test_zip_that_is_not_docx(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("notes.txt", "学习笔记")
    p = tmp_path / "x.docx"
    p.write_bytes(out.getvalue())
    with pytest.raises(InputError, match="没有 word/document.xml"):
        read_path(str(p))


def test_extract_from_stdin_and_a_folder(tmp_path, formats):
    from click.testing import CliRunner

    from quizgen.cli import main

    bank = tmp_path / "bank"
    res = CliRunner().invoke(main, ["extract", "-q", "--bank", str(bank), "--name", "piped", "-"],
                             input=ARTICLE.encode("gb18030"))
    assert res.exit_code == 0, res.output
    assert (bank / "piped.yaml").exists()
    banks = {}
    for name, file, made in (("word", "word.docx", "article.docx"), ("page", "page.htm", "article.html")):
        # a folder and a bank each: the same text twice in one bank is one document
        folder = tmp_path / f"docs-{name}"
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / file).write_bytes((formats / made).read_bytes())
        banks[name] = tmp_path / f"bank-{name}"
        res = CliRunner().invoke(main, ["extract", "-q", "--bank", str(banks[name]), str(folder)])
        assert res.exit_code == 0, res.output
    def body(path):  # the bank file without the line naming the file it came from
        return "".join(ln for ln in path.read_text(encoding="utf-8").splitlines(keepends=True)
                       if not ln.startswith("source_file:"))

    piped = body(bank / "piped.yaml")
    word, page = (body(banks[n] / f"{n}.yaml") for n in ("word", "page"))
    assert word.replace("word", "piped") == piped == page.replace("page", "piped")


def _numbered_docx() -> bytes:
    """Headings numbered 一、二、 and items numbered （一）（二） by Word itself, not typed."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int, heading: bool):
        p = d.add_heading(text, 1) if heading else d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("学习贯彻党的二十大精神工作方案", style="Title")
    numbered("总体要求", 0, True)
    d.add_paragraph("坚持以习近平新时代中国特色社会主义思想为指导。")
    numbered("加强理论学习，原原本本学习党的二十大报告。", 1, False)
    numbered("深入调查研究，切实解决群众急难愁盼问题。", 1, False)
    numbered("工作安排", 0, True)
    numbered("召开专题会议，部署学习任务。", 1, False)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_automatic_numbering_is_kept():
    doc = read_bytes(_numbered_docx(), "plan", "plan.docx", ".docx")
    assert texts(doc) == ["一、总体要求", "坚持以习近平新时代中国特色社会主义思想为指导。",
                          "（一）加强理论学习，原原本本学习党的二十大报告。", "（二）深入调查研究，切实解决群众急难愁盼问题。",
                          "二、工作安排", "（一）召开专题会议，部署学习任务。"]
    assert doc.blocks[0].kind == "heading"


def test_news_info_line_with_leading_date():
    page = ("<html><head><meta charset='utf-8'><title>全省国资系统召开党建工作会议_国资委网站</title></head><body>"
            "<div class='header'>网站首页 新闻中心</div><h1>全省国资系统召开党建工作会议</h1>"
            "<div class='info'>2024-03-05 10:23 来源：国资委网站 作者：李四 【字体：大 中 小】</div>"
            "<div class='TRS_Editor'><p>3月5日，全省国资系统党建工作会议召开，会议总结了2023年党建工作。</p>"
            "<p>会议强调，要坚持党的领导、加强党的建设，推动国有企业高质量发展。</p></div>"
            "<div class='bottom'>主办单位：省国资委 版权所有 备案号：冀ICP备000号</div></body></html>")
    doc = read_bytes(page.encode("utf-8"), "n", "n.html", ".html")
    assert doc.title == "全省国资系统召开党建工作会议"
    assert doc.meta == {"来源": "国资委网站", "作者": "李四", "时间": "2024-03-05 10:23"}
    assert texts(doc) == ["3月5日，全省国资系统党建工作会议召开，会议总结了2023年党建工作。",
                          "会议强调，要坚持党的领导、加强党的建设，推动国有企业高质量发展。"]


def test_mhtml_single_file_page(formats, reference, tmp_path):
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page = docbuild.make_html(ARTICLE).replace('<meta charset="utf-8">', "")
    msg = MIMEMultipart("related")
    msg["Subject"] = "saved page"
    msg["Snapshot-Content-Location"] = "http://www.example.cn/dj/1.html"
    msg.attach(MIMEText(page, "html", "gb18030"))
    msg.attach(MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"))
    data = ("From: <Saved by Blink>\r\n" + msg.as_string()).encode("ascii")
    for name in ("article.mhtml", "article.mht", "mis_named.html"):
        (tmp_path / name).write_bytes(data)
        doc = read_path(str(tmp_path / name))
        assert texts(doc) == texts(reference), name
        assert doc.meta["来源"] == "中国铝业报"


WEB_COPY = """全面从严治党永远在路上
首页 > 新闻中心 > 正文
2024-01-09 08:30 来源：人民网 作者：王五
【字体：大 中 小】 打印本页
一、坚持以党的政治建设为统领。各级党组织要把党的政治建设摆在首位，确保全党在政治立场、政治方向、政治原则上同党中央保持高度一致。
二、锲而不舍落实中央八项规定精神。要坚持严的基调，持续深化纠治“四风”，推动作风建设常态化长效化。
分享到：
扫一扫在手机打开当前页
（责任编辑：张三）
相关新闻
上一篇：某某单位召开党风廉政建设工作会议
版权所有 © 2024 某某网站 京ICP备12345678号-1
地址：北京市东城区某某路1号 邮编：100000
"""
WEB_BODY = ["一、坚持以党的政治建设为统领。各级党组织要把党的政治建设摆在首位，确保全党在政治立场、政治方向、政治原则上同党中央保持高度一致。",
            "二、锲而不舍落实中央八项规定精神。要坚持严的基调，持续深化纠治“四风”，推动作风建设常态化长效化。"]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "html"])
def test_web_boilerplate_is_dropped_in_every_format(fmt):
    data = {"txt": lambda t: t.encode("gb18030"), "docx": docbuild.make_docx, "pdf": docbuild.make_pdf,
            "html": lambda t: docbuild.make_html(t).encode("utf-8")}[fmt](WEB_COPY)
    doc = read_bytes(data, "web", f"web.{fmt}", f".{fmt}")
    assert texts(doc) == WEB_BODY
    assert doc.title == "全面从严治党永远在路上"
    assert doc.meta["来源"] == "人民网" and doc.meta["作者"] == "王五"
    assert doc.meta["时间"] == "2024-01-09 08:30"


@pytest.mark.parametrize("lead, body, meta", [
    ("本报讯 记者赵士振报道：12月10日，集团公司董事长到企业调研。", "12月10日，集团公司董事长到企业调研。",
     {"电头": "本报讯", "记者": "赵士振"}),
    ("本报讯（记者 王芳）近日，某公司召开党员大会。", "近日，某公司召开党员大会。", {"记者": "王芳"}),
    ("新华社北京3月5日电 国务院总理在作政府工作报告时说。", "国务院总理在作政府工作报告时说。",
     {"电头": "新华社北京3月5日电"}),
])
def test_a_news_dateline_is_metadata(lead, body, meta):
    from quizgen.readers.boilerplate import make_document

    doc = make_document(["某公司召开党员大会", "来源：中国石化报", lead, "第二段正文，党建引领发展。"], "n", "n.txt")
    assert doc.blocks[0].text == body
    assert doc.meta["来源"] == "中国石化报"  # the 来源 line is not overwritten by the dateline
    for key, value in meta.items():
        assert doc.meta[key] == value
