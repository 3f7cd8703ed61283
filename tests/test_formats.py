"""Documents as researchers download them (issue 7): the five sample documents
are turned into web pages (UTF-8 and GBK, inside a government-CMS-like shell),
.docx files whose numbered headings use real Word automatic list numbering,
and PDFs set in a CJK font with running headers and page numbers; each is read
back and must give the records, departments, targets and metadata that the
.txt gives. Scanned PDFs, legacy Word files and damaged files give typed errors
that name the file; formats are detected from content, not the extension."""
from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc

SAMPLE = Path(zc.__file__).resolve().parent / "sample"
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))}
META_KEYS = ("索引号", "分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期")
META_LINE = re.compile(r"^\s*(%s)\s*[:：]" % "|".join(META_KEYS))
# Web furniture lines copied into some .txt exports; on a page they sit in the shell.
FURNITURE = ("扫一扫在手机打开当前页", "Produced By")


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def is_title_line(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 100 and "。" not in s and not META_LINE.match(s)


# --- web pages ----------------------------------------------------------------------

def metadata_pairs(line: str) -> list[tuple[str, str]]:
    """`索引号:\t1122…\t分类:\t…` → [(索引号, 1122…), (分类, …)]."""
    parts = re.split(r"(%s)\s*[:：]" % "|".join(META_KEYS + ("字体",)), line.strip())
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def to_html(text: str, encoding: str, variant: str) -> bytes:
    """A page as a provincial government CMS serves it: navigation, breadcrumb, the
    metadata table (or a 发布日期 line), the title, the article in a content
    container, share widgets, print/close links, QR code and footer."""
    lines = text.splitlines()
    meta = [l for l in lines[:12] if META_LINE.match(l)]
    furniture = [l for l in lines if l.strip().startswith(FURNITURE)]
    body = [l for l in lines if l not in meta and l not in furniture]
    first = next((l.strip() for l in body if l.strip()), "")
    title = first if is_title_line(first) else ""
    rows = [metadata_pairs(l) for l in meta]
    if len(rows) >= 2:
        cells = "".join(
            "<tr>" + "".join(f"<td class=\"t\">{k}：</td><td>{html.escape(v)}</td>" for k, v in r if k != "字体") + "</tr>\n" for r in rows
        )
        meta_html = f"<div class=\"xxgk_table\"><table cellspacing=\"0\">\n{cells}</table></div>"
        info = ""
    else:
        meta_html = ""
        info = "".join(
            f"<div class=\"info\">" + " ".join(f"<span>{k}：{html.escape(v)}</span>" for k, v in r if k != "字体")
            + " <span class=\"font\">字体：[<a href=\"javascript:doZoom(16)\">大</a> <a href=\"javascript:doZoom(14)\">中</a> <a href=\"javascript:doZoom(12)\">小</a>]</span></div>"
            for r in rows
        )

    def para(line: str) -> str:
        # Long paragraphs are hard-wrapped in the page source between Chinese
        # characters, as CMS editors write them (a browser shows no space there).
        lead = len(line) - len(line.lstrip())
        s, pieces, start = line.strip(), [], 0
        for i in range(1, len(s)):
            if i - start >= 60 and all("\u4e00" <= c <= "\u9fff" for c in s[i - 1 : i + 1]):
                pieces.append(s[start:i])
                start = i
        pieces.append(s[start:])
        s = "\n".join(html.escape(p).replace("  ", " &nbsp;") for p in pieces)
        indent = "&nbsp;" * lead if lead and variant == "p" else line[:lead]
        return indent + s

    if variant == "p":
        paras = "\n".join(f"<p style=\"text-indent:2em\"><span style=\"font-family:仿宋_GB2312\">{para(l)}</span></p>" if l.strip() else "<p>&nbsp;</p>" for l in body)
        article = f"<div class=\"pages_content\" id=\"UCAP-CONTENT\">\n{paras}\n</div>"
    else:
        paras = "<br>\n".join(para(l) for l in body if l.strip())
        article = f"<div class=\"TRS_Editor\"><div class=\"Custom_UnionStyle\"><font face=\"仿宋\">{paras}</font></div></div>"
    charset = {"utf-8": "utf-8", "gbk": "gb2312"}[encoding]
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title or '政策文件')}_政府信息公开</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write('<p>访问统计脚本</p>');</script>
<style>.nav li{{float:left}}</style></head>
<body>
<div class="top"><div class="logo"><img src="logo.png" alt="政府门户网站"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul>
<div class="search"><form action="/search"><input name="q"><button>搜索</button></form></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<div class="container"><div class="left_menu"><ul><li><a href="#">机构职能</a></li><li><a href="#">政策文件</a></li><li><a href="#">规划计划</a></li></ul></div>
<div class="main">
{meta_html}
<div class="article">
{f'<h1 class="article-title">{html.escape(title)}</h1>' if title else ''}
{info}
{article}
<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin" title="分享到微信">微信</a><a class="bds_tsina" title="分享到新浪微博">微博</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="ewm"><img src="qr.png"><p>{'</p><p>'.join(html.escape(f) for f in furniture) or '扫一扫在手机打开当前页'}</p></div>
</div>
<div class="related"><h3>相关文件</h3><ul><li><a href="#">关于进一步做好社会救助工作的通知</a></li></ul></div>
</div></div>
<div class="footer"><p>主办单位：省人民政府办公厅 版权所有</p><p>网站标识码：2200000001 ICP备05002958号</p></div>
<script>window.onload = function () {{ zoom(); }};</script>
</body></html>"""
    return page.encode("gb18030" if encoding == "gbk" else "utf-8")


# --- Word files with automatic numbering ----------------------------------------------

CN = "〇一二三四五六七八九十百"
# Marker styles: (pattern, Word numFmt, lvlText).
STYLES = [
    (re.compile(r"^([一二三四五六七八九十百]+)、(?=\S)"), "chineseCounting", "%1、"),
    (re.compile(r"^（([一二三四五六七八九十百]+)）(?=\S)"), "chineseCounting", "（%1）"),
    (re.compile(r"^\(([一二三四五六七八九十百]+)\)(?=\S)"), "chineseCounting", "(%1)"),
    (re.compile(r"^(\d+)\.(?=[^\d\s])"), "decimal", "%1."),
    (re.compile(r"^(\d+)、(?=\S)"), "decimal", "%1、"),
    (re.compile(r"^（(\d+)）(?=\S)"), "decimal", "（%1）"),
]


def cn_value(s: str) -> int:
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            cur = CN.index(ch)
    return total + cur


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def to_docx(text: str) -> bytes:
    """A .docx whose numbered lines carry no number in their text: the markers
    come from Word list numbering (one multi-level list, levels in the order the
    styles appear; where Word's own count would differ from the number written —
    a list continued across sections, numbering that jumps — a new list
    instance restarts it with startOverride, as Word does)."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    d = docx.Document()
    lines = text.splitlines()
    first = next((l.strip() for l in lines if l.strip()), "")
    if is_title_line(first):
        d.core_properties.title = first
    d.core_properties.author = "办公室 张三"
    levels: list[int] = []  # style index per level
    items = []  # (text, level, value) or (text, None, None)
    for line in lines:
        s = line.strip()
        for i, (pat, _, _) in enumerate(STYLES):
            m = pat.match(s)
            if m:
                if i not in levels:
                    levels.append(i)
                items.append((s[m.end():], levels.index(i), cn_value(m.group(1))))
                break
        else:
            items.append((s, None, None))
    numbering = d.part.numbering_part.element
    abstract_id, first_num = 90, 100
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{STYLES[i][1]}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{STYLES[i][2].replace("%1", f"%{k + 1}")}"/><w:lvlJc w:val="left"/></w:lvl>'
        for k, i in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    nums = numbering.findall(f"{{{W}}}num")
    if nums:
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)

    def add_num(num_id: int, override: tuple[int, int] | None) -> None:
        o = f'<w:lvlOverride w:ilvl="{override[0]}"><w:startOverride w:val="{override[1]}"/></w:lvlOverride>' if override else ""
        numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{o}</w:num>'))

    # Word's count: shared by the list instances of one definition; a level restarts after a shallower one.
    num_id, counts = first_num, [None] * 9
    add_num(num_id, None)
    for body, level, value in items:
        p = d.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(24)
        if level is not None:
            if (counts[level] or 0) + 1 != value:
                # A new instance of the list whose first item at this level shows `value`.
                num_id += 1
                add_num(num_id, (level, value))
            counts[level] = value
            counts[level + 1 :] = [None] * (8 - level)
            p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        if body:
            p.add_run(body.replace("\t", " "))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --- PDFs ------------------------------------------------------------------------------

def cjk_font() -> Path:
    """A CJK TrueType font: from PyPI (a dev dependency), else the system's."""
    try:
        import paperang_p2_fonts_cjk

        return Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"
    except ImportError:
        for p in ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"]:
            if Path(p).exists():
                return Path(p)
    pytest.fail("no CJK font: install the dev dependencies (pip install -e .[dev]) or fonts-wqy-microhei")


def wrap(pdf, text: str, width: float) -> list[str]:
    """Break a paragraph into lines as word processors set Chinese: after any
    Chinese character, never inside a Latin word or a number; a space at a
    break is dropped."""
    lines, cur = [], ""
    for tok in re.findall(r"[A-Za-z0-9.%@/+-]+|.", text):
        if cur and pdf.get_string_width(cur + tok) > width:
            lines.append(cur)
            cur = "" if tok == " " else tok
        else:
            cur += tok
    return lines + [cur] if cur else lines


def to_pdf(text: str) -> bytes:
    """An A4 PDF as offices publish them: a running header, `- N -` page numbers,
    a centred title, paragraphs with a two-character first-line indent wrapped at
    the margin, in a CJK font embedded with its ToUnicode map."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self):
            self.set_font("cjk", size=9)
            self.cell(0, 8, "政务公开 · 政策文件", align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-18)
            self.set_font("cjk", size=11)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = Doc(format="A4")
    pdf.add_font("cjk", "", str(cjk_font()))
    pdf.set_margins(26, 20, 26)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for i, line in enumerate(lines):
        line = line.replace("\t", "  ")
        if i == 0 and is_title_line(line):
            pdf.set_font("cjk", size=16)
            pdf.multi_cell(0, 10, line, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        else:
            pdf.set_font("cjk", size=12)
            for piece in wrap(pdf, "\u3000\u3000" + line, pdf.epw):
                pdf.cell(pdf.epw, 7.5, piece, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- reading and comparing --------------------------------------------------------------

@pytest.fixture(scope="module")
def from_text():
    return zc.read([str(p) for p in sorted(SAMPLE.glob("*.txt"))])


def records_of(c: zc.Corpus, doc_id: str) -> list[tuple[str, str]]:
    r = c.records.filter((pl.col("doc_id") == doc_id) & (pl.col("path") != "")).sort("record_id")
    return list(zip(r["path"], r["text"]))


def departments_of(c: zc.Corpus, doc_id: str) -> list[tuple]:
    d = c.departments.filter(pl.col("doc_id") == doc_id)
    return list(zip(d["path"], d["department"], d["role"]))


def targets_of(c: zc.Corpus, doc_id: str) -> list[tuple]:
    t = c.targets.filter(pl.col("doc_id") == doc_id)
    cols = [k for k in t.columns if k not in ("doc_id", "record_id", "start", "end")]
    return sorted((tuple(squash(v) if isinstance(v, str) else v for v in row) for row in t.select(cols).rows()), key=str)


DOC_FIELDS = ("province", "issuer", "doc_number", "title", "date", "year", "published")


def assert_same(got: zc.Corpus, want: zc.Corpus, fmt: str, exact_text: bool = True) -> None:
    assert got.errors.filter(pl.col("severity") == "error").height == 0, got.errors.to_dicts()
    exact = total = 0
    assert sorted(got.doc_ids) == sorted(want.doc_ids)
    assert set(got.documents["format"]) == {fmt}
    for doc_id in want.doc_ids:
        g, w = records_of(got, doc_id), records_of(want, doc_id)
        assert [p for p, _ in g] == [p for p, _ in w], doc_id
        for (path, gt), (_, wt) in zip(g, w):
            total += 1
            exact += gt == wt
            if exact_text:
                assert gt == wt, (doc_id, path)
            else:
                # A space at a line wrap cannot be seen in a PDF.
                assert squash(gt) == squash(wt), (doc_id, path, gt[:40], wt[:40])
        assert departments_of(got, doc_id) == departments_of(want, doc_id), doc_id
        assert targets_of(got, doc_id) == targets_of(want, doc_id), doc_id
        gd = got.documents.filter(pl.col("doc_id") == doc_id).row(0, named=True)
        wd = want.documents.filter(pl.col("doc_id") == doc_id).row(0, named=True)
        for f in DOC_FIELDS:
            assert squash(str(gd[f])) == squash(str(wd[f])), (doc_id, f, gd[f], wd[f])
    # Even where a space may be lost at a line wrap, nearly every record is identical.
    assert total > 150 and exact >= 0.95 * total, (exact, total)


def test_the_sample_has_records_departments_and_numbered_lines(from_text):
    # The comparisons below are only as strong as what the sample holds.
    assert from_text.records.filter(pl.col("path") != "").height > 150
    assert from_text.departments.height > 100
    assert from_text.targets.height > 20
    assert sum(1 for t in TEXTS.values() for l in t.splitlines() for p, _, _ in STYLES if p.match(l.strip())) > 150


PAGE_FURNITURE = ("首页", "当前位置", "打印本页", "关闭窗口", "分享到", "版权所有", "访问统计脚本", "相关文件", "机构职能", "搜索", "网站标识码")


@pytest.mark.parametrize("encoding,variant", [("utf-8", "p"), ("gbk", "br")])
def test_web_pages_read_like_the_text(tmp_path, from_text, encoding, variant):
    for stem, text in TEXTS.items():
        (tmp_path / f"{stem}.html").write_bytes(to_html(text, encoding, variant))
    got = zc.read([str(tmp_path)])
    page_sample = (tmp_path / "000_9a543423df43e681.html").read_bytes().decode("gb18030" if encoding == "gbk" else "utf-8")
    assert_same(got, from_text, "html")
    assert set(got.documents["encoding"]) == {"utf-8" if encoding == "utf-8" else "gbk"}
    # Page furniture never reaches the text.
    for doc_id in got.doc_ids:
        t = got.text(doc_id)
        for junk in PAGE_FURNITURE:
            assert junk in page_sample and junk not in TEXTS[doc_id] and junk not in t, (doc_id, junk)
    # The metadata table became document fields.
    jl = got.documents.filter(pl.col("doc_id") == "002_91ca80534bdee44b").row(0, named=True)
    assert (jl["issuer"], jl["doc_number"], str(jl["date"]), str(jl["published"])) == ("吉林省民政厅", "吉民发〔2020〕13号", "2020-04-21", "2020-04-24")


def test_docx_with_word_list_numbering_reads_like_the_text(tmp_path, from_text):
    for stem, text in TEXTS.items():
        (tmp_path / f"{stem}.docx").write_bytes(to_docx(text))
    # The numbers really are Word's: not in the text of any numbered paragraph.
    with zipfile.ZipFile(tmp_path / "000_9a543423df43e681.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert xml.count("<w:numPr>") > 20 and "一、总体要求" not in xml and ">总体要求<" in xml
    got = zc.read([str(tmp_path)])
    assert_same(got, from_text, "docx")
    # The author property (a clerk) is not taken for the issuer.
    assert "张三" not in "".join(str(v) for v in got.documents["issuer"])


def test_pdfs_read_like_the_text(tmp_path, from_text):
    for stem, text in TEXTS.items():
        (tmp_path / f"{stem}.pdf").write_bytes(to_pdf(text))
    got = zc.read([str(tmp_path)])
    assert_same(got, from_text, "pdf", exact_text=False)
    n_pages = 0
    from pypdf import PdfReader

    for p in tmp_path.glob("*.pdf"):
        n_pages += len(PdfReader(p).pages)
    assert n_pages > 20  # paragraphs and records really were broken across pages
    for doc_id in got.doc_ids:
        t = got.text(doc_id)
        assert "政务公开 · 政策文件" not in t and not re.search(r"^- \d+ -$", t, re.M), doc_id


def to_typeset_text(text: str, width: int = 28, lines_a_page: int = 22) -> str:
    """A document as a PDF copied into a text file gives it: GB/T 9704-2012
    sets 28 characters a line and 22 lines a page, indents every paragraph's
    first line by two characters and prints the page number (— 3 —) under
    each page; the copy keeps every line break and the page numbers."""
    out: list[str] = []
    for para in text.splitlines():
        if not para.strip():
            continue
        if "\t" in para or "字体" in para:  # a table row, a web page's metadata line: not typeset prose
            out.append(para)
            continue
        chars = "\u3000\u3000" + para.strip()
        for i in range(0, len(chars), width):
            out.append(chars[i : i + width])
            if len(out) % (lines_a_page + 1) == lines_a_page:
                out.append(f"— {len(out) // lines_a_page} —")
    return "\n".join(out)


def test_text_copied_from_a_typeset_pdf_reads_like_the_text(tmp_path, from_text):
    for stem, text in TEXTS.items():
        (tmp_path / f"{stem}.txt").write_text(to_typeset_text(text), encoding="utf-8")
    sample = (tmp_path / "003_26c38e0122c86045.txt").read_text(encoding="utf-8").splitlines()
    assert max(len(l) for l in sample) == 28 and sum(len(l) == 28 for l in sample) > len(sample) / 2
    got = zc.read([str(tmp_path)])
    assert_same(got, from_text, "text", exact_text=False)
    kinds = got.errors.filter(pl.col("kind") == "typeset_text")
    assert kinds.height == len(TEXTS) and kinds["message"].str.contains("28 characters").all()
    for doc_id in got.doc_ids:
        assert not re.search(r"— \d+ —", got.text(doc_id)), doc_id


FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_WIDTH_PUNCTUATION = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";", "！": "!", "？": "?"})


@pytest.mark.parametrize("retype", [FULL_WIDTH_DIGITS, HALF_WIDTH_PUNCTUATION], ids=["full-width digits", "half-width punctuation"])
def test_retyped_digits_and_punctuation_read_like_the_text(from_text, retype):
    """Documents are typed with full-width digits (２０２０年) or half-width
    punctuation (, ( ) :) as often as the other way: the same records, the same
    departments, the same targets and metadata."""
    got = zc.read_texts({stem: text.translate(retype) for stem, text in TEXTS.items()})
    norm = lambda v: squash(v).translate(retype) if isinstance(v, str) else v  # noqa: E731
    for doc_id in from_text.doc_ids:
        assert [(p, norm(t)) for p, t in records_of(got, doc_id)] == [(p, norm(t)) for p, t in records_of(from_text, doc_id)], doc_id
        assert [tuple(map(norm, d)) for d in departments_of(got, doc_id)] == [tuple(map(norm, d)) for d in departments_of(from_text, doc_id)]
        want = [(t["path"], t["value"], t["unit"], t["comparator"], t["deadline"]) for t in from_text.targets.filter(pl.col("doc_id") == doc_id).iter_rows(named=True)]
        have = [(t["path"], t["value"], t["unit"], t["comparator"], t["deadline"]) for t in got.targets.filter(pl.col("doc_id") == doc_id).iter_rows(named=True)]
        assert have == [(p, v, norm(u), c, d) for p, v, u, c, d in want], doc_id
        gd = got.documents.filter(pl.col("doc_id") == doc_id).row(0, named=True)
        wd = from_text.documents.filter(pl.col("doc_id") == doc_id).row(0, named=True)
        for f in DOC_FIELDS:
            assert norm(str(gd[f])) == norm(str(wd[f])), (doc_id, f, gd[f], wd[f])


def test_scanned_pdf_is_a_clear_error(tmp_path):
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(img).rectangle([50, 50, 550, 120], fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=190)
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(bytes(pdf.output()))
    c = zc.read([str(path)])
    err = c.errors.row(0, named=True)
    assert (err["severity"], err["kind"]) == ("error", "format")
    assert "扫描件.pdf" in err["message"] and "no text layer" in err["message"] and "OCR" in err["message"]
    with pytest.raises(zc.FormatError, match="no text layer"):
        zc.read([str(path)], on_error="raise")


OLE = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + bytes(range(256)) * 8


@pytest.mark.parametrize("name", ["通知.doc", "方案.wps"])
def test_unreadable_legacy_word_files_say_to_convert(tmp_path, name):
    # A compound file with no Word document in it (the reader of real .doc
    # files is tested in the core, src/input/formats/doc.rs).
    path = tmp_path / name
    path.write_bytes(OLE)
    with pytest.raises(zc.FormatError) as e:
        zc.read([str(path)], on_error="raise")
    msg = str(e.value)
    assert name in msg and "convert" in msg and "libreoffice" in msg


def test_damaged_files_are_errors_naming_the_file(tmp_path):
    good = to_docx(TEXTS["000_9a543423df43e681"])
    (tmp_path / "cut.docx").write_bytes(good[: len(good) // 2])
    pdf = to_pdf("一、总体要求\n全面落实。")
    (tmp_path / "cut.pdf").write_bytes(pdf[:200])
    c = zc.read([str(tmp_path)])
    errs = {Path(r["source"]).name: r for r in c.errors.iter_rows(named=True)}
    assert set(errs) == {"cut.docx", "cut.pdf"}
    for name, r in errs.items():
        assert r["kind"] == "format" and name in r["message"], r


def test_format_is_detected_from_content_not_extension(tmp_path, from_text):
    stem = "002_91ca80534bdee44b"
    text = TEXTS[stem]
    made = {
        "docx": to_docx(text),
        "pdf": to_pdf(text),
        "html": to_html(text, "utf-8", "p"),
    }
    want = records_of(from_text, stem)
    for fmt, data in made.items():
        d = tmp_path / fmt
        d.mkdir()
        # A Word file saved as .txt, a PDF as .html, a page as .doc (as servers name downloads).
        wrong = {"docx": ".txt", "pdf": ".html", "html": ".doc"}[fmt]
        (d / f"{stem}{wrong}").write_bytes(data)
        got = zc.read([str(d)])
        assert got.documents["format"].to_list() == [fmt]
        assert [(p, squash(t)) for p, t in records_of(got, stem)] == [(p, squash(t)) for p, t in want]
