"""Readable comparisons of provinces: in the terminal, as one self-contained
HTML report, and as an Excel workbook.

Every number comes from a frame of the corpus or a comparison computed in the
core (``corpus.compare``, ``corpus.keyness`` …); this module selects, orders,
labels and lays them out, and lists the records behind each count (document,
path and the quoted text) so that a reader can check it.

>>> import zhengce as zc  # doctest: +SKIP
>>> zc.report(zc.load_sample(), "report.html")  # doctest: +SKIP
PosixPath('report.html')
"""
from __future__ import annotations

import datetime as _dt
import html
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import polars as pl

from . import _zhengce
from ._corpus import WRITTEN_FRAMES, Corpus
from ._display import UNCERTAIN_KINDS, uncertain_documents

#: How a document without a province is labelled in tables (it is never a blank row).
NO_PROVINCE = "（省份不明）"

#: Chinese column headers for tables and Excel sheets (``headers="zh"``).
COLUMNS_ZH = {
    "doc_id": "文档编号", "document": "文件", "source": "来源文件", "province": "省份", "issuer": "发文机关",
    "doc_number": "发文字号", "title": "标题", "date": "成文日期", "year": "年份", "published": "发布日期",
    "province_source": "省份依据", "format": "格式", "encoding": "编码", "n_chars": "字数", "n_records": "任务条目数",
    "n_targets": "指标数", "n_warnings": "警告数", "n_unthemed": "无主题条目数", "record_id": "条目编号", "path": "条目路径",
    "kind": "类型", "marker": "序号", "heading": "首句", "section_titles": "所属标题", "text": "正文", "start": "起始位置",
    "end": "结束位置", "departments": "责任单位", "themes": "主题", "instruments": "政策工具", "strength": "约束强度",
    "strength_label": "强度类别", "n_tokens": "词数", "department": "单位（原文）", "role": "角色", "labelled": "有牵头/配合标注",
    "position": "顺序", "canonical": "规范名称", "category": "类别", "level": "层级", "known": "已知单位", "span": "原文",
    "value": "数值", "value_max": "上限", "unit": "单位", "per": "每", "comparator": "比较", "deadline": "期限",
    "indicator": "指标", "scope": "范围", "normalized": "规范提法", "phrase": "原文", "action": "事项", "theme": "主题编号",
    "name": "名称", "score": "得分", "assigned": "已分配", "terms": "词语", "instrument": "工具编号", "type": "工具类型",
    "severity": "严重程度", "message": "说明", "feature": "特征", "n": "条目数", "share": "占比", "per_10k": "每万字",
    "n_mentions": "提及次数", "term": "词语", "n_target": "目标组频数", "n_reference": "参照组频数", "chi2": "卡方",
    "g2": "对数似然比G2", "p": "p值", "pmi": "点互信息", "log_ratio": "对数比", "similarity": "相似度", "rank": "排名",
    "documents": "文件数", "tasks": "任务条目", "as_lead": "牵头次数", "mean_strength": "平均强度", "share_binding": "约束性占比",
    "quote": "引文", "kinds": "问题类型", "doc_type": "文种",
}


# Plain-text tables ---------------------------------------------------------------
def _cell_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * max(0, w - _cell_width(s))


def _cut(s: str, w: int) -> str:
    if _cell_width(s) <= w:
        return s
    out, n = [], 0
    for ch in s:
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if n + cw > w - 1:
            break
        out.append(ch)
        n += cw
    return "".join(out) + "…"


def _show(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "；".join(map(str, v))
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` columns (a Chinese
    character takes two), at a space where there is one, else anywhere."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _cell_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if _cell_width(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    return "\n".join(lines)


def format_table(df: pl.DataFrame, max_col: int = 40, width: int | None = None) -> str:
    """A plain-text table that lines up Chinese text (a Chinese character takes
    two columns) and fits in ``width`` columns: the widest columns are cut
    (with …) until it does.

    >>> print(format_table(pl.DataFrame({"省份": ["吉林"], "n": [3]})))
    省份  n
    ----  -
    吉林  3
    """
    cols = df.columns
    cells = [[_show(v) for v in r] for r in df.iter_rows()]
    widths = [min(max_col, max([_cell_width(c)] + [_cell_width(r[i]) for r in cells])) for i, c in enumerate(cols)]
    if width:
        # Shrink the widest column one step at a time: narrow columns (codes,
        # numbers) stay whole, long text gives way.
        while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 4:
            widths[widths.index(max(widths))] -= 1
    line = "  ".join(_pad(_cut(c, w), w) for c, w in zip(cols, widths)).rstrip()
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(_pad(_cut(v, w), w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join([line, sep, *body])


# What a report is made of -------------------------------------------------------
@dataclass
class Section:
    """One part of a report: a title, a short reading of what it shows, a table,
    optionally a chart, and the records behind its numbers (``evidence``: document,
    path, quote, plus the key columns of the table it supports)."""

    key: str
    title: str
    reading: str
    table: pl.DataFrame
    chart: Callable[[], object] | None = None
    evidence: pl.DataFrame | None = None
    notes: list[str] = field(default_factory=list)


def _labelled(corpus: Corpus) -> pl.DataFrame:
    """The documents with a province label for tables (null → NO_PROVINCE) and a
    short document label (document number, else title, else doc_id)."""
    return corpus.documents.with_columns(
        pl.col("province").fill_null(NO_PROVINCE).alias("province_label"),
        pl.coalesce(pl.col("doc_number"), pl.col("title"), pl.col("doc_id")).alias("document"),
    )


def _tasks(corpus: Corpus) -> pl.DataFrame:
    return corpus.records.filter(pl.col("kind") == "task")


def _evidence(rows: pl.DataFrame, docs: pl.DataFrame, corpus: Corpus, keys: list[str]) -> pl.DataFrame:
    """The records behind counts: ``rows`` (doc_id, record_id and ``keys``) with
    the document, the record's path and its first sentence quoted."""
    recs = corpus.records.select("doc_id", "record_id", "path", "heading")
    return (
        rows.select("doc_id", "record_id", *keys)
        .unique(maintain_order=True)
        .join(recs, on=["doc_id", "record_id"], how="left")
        .join(docs.select("doc_id", "province_label", "document"), on="doc_id", how="left")
        .sort([*keys, "doc_id", "record_id"])
        .select(*keys, "province_label", "document", "doc_id", "path", pl.col("heading").alias("quote"))
    )


def _by_province(frame: pl.DataFrame) -> pl.DataFrame:
    """A comparison frame with the province column labelled (null → NO_PROVINCE)."""
    return frame.with_columns(pl.col("province").fill_null(NO_PROVINCE))


def _documents_section(corpus: Corpus, docs: pl.DataFrame) -> Section:
    cols = [c for c in ("province_label", "year", "doc_number", "title", "issuer", "doc_type", "n_records", "n_targets") if c in docs.columns]
    table = docs.select(cols).rename({"province_label": "province"})
    n_prov = docs.filter(pl.col("province").is_not_null())["province"].n_unique()
    missing = docs.filter(pl.col("province").is_null())
    reading = f"{docs.height} documents from {n_prov} provinces, {int(docs['n_records'].sum() or 0)} records in all."
    if missing.height:
        reading += f" {missing.height} document(s) name no province ({'、'.join(missing['doc_id'].to_list())}): they appear as {NO_PROVINCE}."
    return Section("documents", "Documents", reading, table)


def _themes_section(corpus: Corpus, docs: pl.DataFrame) -> Section:
    long = _by_province(corpus.compare("province", "themes"))
    top = long.sort(["province", "share", "feature"], descending=[False, True, False]).group_by("province", maintain_order=True).head(1)
    reading = "The theme that takes the largest share of each province's task records: " + "; ".join(
        f"{r['province']} {r['name']} ({r['share']:.0%} of {r['n_records']})" for r in top.iter_rows(named=True)
    ) + ". A record can have up to three themes, so shares do not add up to 100%."
    wide = long.pivot(on="province", index=["feature", "name"], values="share").fill_null(0.0)
    provs = [c for c in wide.columns if c not in ("feature", "name")]
    # Themes by their Chinese names (the ids are for code); the evidence is keyed the same way.
    if provs:
        wide = wide.with_columns(pl.max_horizontal(provs).alias("_max")).sort(["_max", "feature"], descending=[True, False]).drop("_max")
    wide = wide.drop("feature")
    wide = wide.rename({"name": "theme"})
    themes = corpus.themes.filter(pl.col("assigned")).select("doc_id", "record_id", pl.col("name").alias("theme"))
    evidence = _evidence(themes, docs, corpus, ["theme"])

    def chart():
        from . import plot

        return plot.heatmap(long, by="province", value="share", title="主题：各省任务条目占比")

    return Section("themes", "What the tasks are about: themes by province", reading, wide, chart, evidence)


def _departments_section(corpus: Corpus, docs: pl.DataFrame) -> Section:
    long = _by_province(corpus.compare("province", "departments"))
    top = long.sort(["province", "n", "feature"], descending=[False, True, False]).group_by("province", maintain_order=True).head(8)
    lead = top.group_by("province", maintain_order=True).head(1)
    reading = "The department named most often in each province's task records: " + "; ".join(
        f"{r['province']} {r['feature']} ({r['n']} records)" for r in lead.iter_rows(named=True)
    ) + ". Departments are counted under their canonical names, the same in every province."
    depts = corpus.departments.select("doc_id", "record_id", pl.col("canonical").alias("feature"))
    evidence = _evidence(depts, docs, corpus, ["feature"])

    def chart():
        from . import plot

        return plot.bars(top, by="province", value="n", top=8, title="责任单位：各省被点名的任务条目数")

    table = top.select("province", pl.col("feature").alias("department"), "n", "share")
    return Section("departments", "Who is made responsible: departments", reading, table, chart, evidence)


def _network_section(corpus: Corpus, docs: pl.DataFrame) -> Section:
    net = corpus.department_network()
    edges, nodes = net.edges.drop("group", strict=False), net.nodes.drop("group", strict=False)
    strongest = edges.sort(["n", "source", "target"], descending=[True, False, False])
    reading = (
        "Departments named in the same task records, the pairs most often together first: "
        + "; ".join(f"{r['source']}–{r['target']} ({r['n']} records)" for r in strongest.head(5).iter_rows(named=True))
        + "."
    )

    def chart():
        from . import plot

        return plot.network(edges, nodes, title="共同责任网络（同一任务条目中的单位）")

    return Section("network", "Co-responsibility network", reading, strongest.head(30), chart)


def _targets_section(corpus: Corpus, docs: pl.DataFrame) -> Section:
    t = corpus.targets.join(docs.select("doc_id", "province_label", "document"), on="doc_id")
    table = t.select(
        pl.col("province_label").alias("province"), "document", "path", "indicator", "comparator", "value", "value_max", "unit",
        "deadline", "span",
    ).sort(["province", "deadline", "document", "path", "span"], nulls_last=True)
    dated = t.filter(pl.col("deadline").is_not_null())
    reading = (
        f"{t.height} quantitative targets, {dated.height} of them with a deadline; per province: "
        + "; ".join(f"{p} {n}" for p, n in table.group_by("province").len().sort("province").iter_rows())
        + ". Each row quotes the phrase that carries the number (span) and the record it is in (path)."
    )
    evidence = t.select(
        pl.col("province_label"), "document", "doc_id", "path", pl.col("span").alias("quote"), "indicator"
    ).sort(["province_label", "document", "path"])

    def chart():
        from . import plot

        return plot.timeline(t.with_columns(pl.col("province_label").alias("province")), by="province", title="量化指标及其期限")

    notes = []
    comparable = corpus.compare_targets("province")
    if comparable.height:
        notes.append(f"{comparable.height} targets share an indicator and unit with a target of another document: corpus.compare_targets() ranks them.")
    return Section("targets", "Quantitative targets side by side, with deadlines", reading, table, chart, evidence, notes)


def _keyness_section(corpus: Corpus, docs: pl.DataFrame) -> Section | None:
    provinces = sorted(docs.filter(pl.col("province").is_not_null())["province"].unique().to_list())
    if len(provinces) < 2:  # keyness compares a province with the others
        return None
    parts = []
    for p in provinces:
        k = corpus.keyness(p, by="province")
        parts.append(k.sort(["g2", "term"], descending=[True, False]).head(10).select(pl.lit(p).alias("province"), *k.columns))
    if not parts:
        return None
    table = pl.concat(parts, how="vertical_relaxed")
    reading = "Words used far more in one province's task records than in the others' (log-likelihood G², top 10 each): " + "; ".join(
        f"{p}: {'、'.join(table.filter(pl.col('province') == p)['term'].head(4).to_list())}" for p in table["province"].unique(maintain_order=True)
    ) + "."
    first = table["province"][0]

    def chart():
        from . import plot

        return plot.keyness(table.filter(pl.col("province") == first), title=f"关键词：{first}")

    return Section("keyness", "Keyness: what each province says that the others do not", reading, table, chart)


def _alignment_section(corpus: Corpus, docs: pl.DataFrame) -> Section | None:
    provs = sorted(docs.filter(pl.col("province").is_not_null())["province"].unique().to_list())
    parts = []
    for i, a in enumerate(provs):
        for b in provs[i + 1 :]:
            found = corpus.align(a, b, by="province", top_k=1).filter("matched")
            parts.append(found.select(pl.lit(a).alias("province_a"), "path_a", "text_a", pl.lit(b).alias("province_b"), "path_b", "text_b", "similarity"))
    if not parts:
        return None
    table = pl.concat(parts, how="vertical_relaxed").sort(["similarity", "province_a", "path_a"], descending=[True, False, False])
    pairs = table.group_by("province_a", "province_b").len().sort("province_a", "province_b")
    reading = (
        "Task records of one province with a close counterpart in another (tf-idf cosine of their words, at least 0.2; "
        "the closest counterpart only): "
        + "; ".join(f"{a}–{b} {n}" for a, b, n in pairs.iter_rows())
        + ". The closest pairs first; read both texts before calling them the same task."
    )
    return Section("alignment", "The same task in different provinces: alignment", reading, table.head(60))


def _strength_section(corpus: Corpus, docs: pl.DataFrame) -> Section:
    strength = _by_province(corpus.compare("province", "strength"))
    instruments = _by_province(corpus.compare("province", "instrument_types"))
    binding = strength.filter(pl.col("feature") == "binding").sort("province")
    reading = "Share of task records in binding language (确保, 必须, a target, a deadline): " + "; ".join(
        f"{r['province']} {r['share']:.0%}" for r in binding.iter_rows(named=True)
    ) + ". Instruments: " + "; ".join(
        f"{p} mostly {g.sort(['share', 'feature'], descending=[True, False])['name'][0]}"
        for (p,), g in instruments.group_by(["province"], maintain_order=True)
    ) + "."
    table = pl.concat(
        [
            strength.select("province", pl.lit("strength").alias("what"), "feature", "name", "n", "share"),
            instruments.select("province", pl.lit("instrument type").alias("what"), "feature", "name", "n", "share"),
        ],
        how="vertical_relaxed",
    ).sort(["what", "province", "feature"], descending=[True, False, False])
    recs = _tasks(corpus).filter(pl.col("strength_label").is_not_null()).select("doc_id", "record_id", pl.col("strength_label").cast(pl.String).alias("feature"))
    evidence = _evidence(recs, docs, corpus, ["feature"])

    def chart():
        from . import plot

        return plot.heatmap(pl.concat([strength, instruments], how="vertical_relaxed"), by="province", value="share", title="约束强度与政策工具类型")

    return Section("strength", "How firmly, and with which instruments", reading, table, chart, evidence)


def _uncertain_section(corpus: Corpus, docs: pl.DataFrame) -> Section:
    u = uncertain_documents(corpus)
    lost = corpus.errors.filter(pl.col("severity") == "error").select("source", "kind", "message")
    reading = (
        f"{u.height} document(s) whose structure had to be guessed or was not found ({', '.join(UNCERTAIN_KINDS)} warnings): "
        "check their records before quoting them."
        if u.height
        else "Every document was read with a recognised structure."
    )
    if lost.height:
        reading += f" {lost.height} file(s) could not be read at all and are listed below."
    table = pl.concat(
        [
            u.select("doc_id", "title", "source", pl.col("kinds").list.join("、").alias("problem"), pl.col("message").list.first().alias("message")),
            lost.select(pl.lit(None, pl.String).alias("doc_id"), pl.lit(None, pl.String).alias("title"), "source", pl.col("kind").alias("problem"), "message"),
        ],
        how="vertical_relaxed",
    )
    return Section("uncertain", "Documents whose reading is uncertain", reading, table)


SECTIONS = (
    _documents_section,
    _themes_section,
    _departments_section,
    _network_section,
    _targets_section,
    _keyness_section,
    _alignment_section,
    _strength_section,
    _uncertain_section,
)


def sections(corpus: Corpus) -> list[Section]:
    """The sections of the report of ``corpus``, in order."""
    docs = _labelled(corpus)
    out = []
    for make in SECTIONS:
        s = make(corpus, docs)
        if s is not None:
            out.append(s)
    return out


# The terminal ------------------------------------------------------------------
def province_overview(corpus: Corpus, by: str = "province") -> pl.DataFrame:
    """One row per group (province by default; documents without one under
    （省份不明）, last): documents, task records, attribution, departments, targets,
    deadlines, formulations, strength — computed in the core (``corpus.overview``).

    >>> import zhengce as zc
    >>> province_overview(zc.load_sample())["province"].to_list()
    ['吉林', '江苏', '青海']
    """
    out = corpus.overview(by).with_columns(pl.col(pl.Float64).round(2))
    return out.with_columns(pl.col(by).cast(pl.String).fill_null(NO_PROVINCE if by == "province" else "（空）"))


def print_comparison(corpus: Corpus, width: int = 120, by: str = "province") -> None:
    """Print a readable comparison of the provinces (or other groups, ``by``) of a
    corpus, each table in a stable order and no wider than ``width``."""
    docs = corpus.documents
    n_groups = docs.filter(pl.col(by).is_not_null())[by].n_unique()
    print(f"zhengce: {len(corpus)} documents from {n_groups} {'provinces' if by == 'province' else f'groups ({by})'}\n")
    print(format_table(province_overview(corpus, by), width=width))
    if by != "province":
        for what in ("themes", "instrument_types"):
            wide = corpus.compare(by, what, form="wide", measure="share").with_columns(pl.col(pl.Float64).round(2))
            print(f"\n{what}: share of each group's task records\n")
            print(format_table(wide, width=width))
        return
    for s in sections(corpus):
        print(f"\n{s.title}\n")
        print(wrap(s.reading, width) + "\n")
        print(format_table(s.table.head(40), width=width))
        if s.table.height > 40:
            print(f"… {s.table.height - 40} more rows (zhengce report writes them all)")


# HTML ---------------------------------------------------------------------------
CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;
max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;font-size:.85em;margin:.8em 0}th,td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0}td.num{text-align:right}.reading{background:#f7f9fc;border-left:4px solid #3b7dbf;padding:.5em 1em}
img{max-width:100%}details{margin:.5em 0}summary{cursor:pointer;color:#3b7dbf}.muted{color:#777;font-size:.85em}nav a{margin-right:1em}
"""

def _research_methods() -> str:
    """The methods of policy-text studies (cross-tabs, policy strength, PMC, CAP
    topics, agreement) with their formulas and sources, under the reading methods."""
    from .methods import methods_section

    return methods_section("html").replace("<h2>Methods</h2>", "<h3>Methods of policy-text research</h3>", 1)


METHODS = """
<p><b>Records.</b> Each document is split into task records by its numbered markers (一、 （一） 1. （1） ① 第一条 …)
in the order of styles the document uses; front and back matter (titles, addressees, signatures, attachments, web
boilerplate) is kept out. A record's <i>path</i> (2.1.3) is its written numbering; every record, department, target
and deadline carries the character offsets of its text, so each can be quoted.</p>
<p><b>Departments.</b> Read from attribution phrases (（责任单位：…）, 牵头单位/配合单位, a trailing list of units) and
role words; the first is the lead unless 牵头/配合 say otherwise. Each name gets a canonical name (省财政厅 → 财政厅) so
that provinces can be compared. The co-responsibility network links departments named in the same record.</p>
<p><b>Targets and deadlines.</b> A target is a number bounded by a comparator (不低于, 以上, 控制在 …) or counting what
is built, provided or finished; document numbers, years, plan periods, ordinals and conditions are not targets. The
deadline is the last date phrase before the number in its sentence.</p>
<p><b>Themes.</b> Each record's tokens (jieba-rs with a civil-affairs dictionary) are matched against the terms of 28
themes; a term adds its weight × (1 + ln n), more in the first sentence, and the headings above lend half their score;
a theme is assigned at a score of at least 4 and 35% of the best, at most three per record. Shares are of the
province's task records.</p>
<p><b>Strength and instruments.</b> Strength = (B − S) / (B + S + 1) with B the weights of binding language (确保, 必须,
a target, a deadline) and S of soft language (探索, 鼓励, 逐步); binding at ≥ 0.4, soft at ≤ −0.4. Policy instruments
(supply, environment, demand, after Rothwell &amp; Zegveld) are assigned when their terms' weights reach 1.</p>
<p><b>Keyness and alignment.</b> Keyness compares a province's word counts with the other provinces' (chi², G², log
ratio, computed in the core). Alignment pairs task records of two provinces by the cosine similarity of their word
vectors.</p>
"""


def _html_table(df: pl.DataFrame, headers: str = "en", max_rows: int | None = None, link: Callable[[dict], str | None] | None = None) -> str:
    names = [COLUMNS_ZH.get(c, c) if headers == "zh" else c for c in df.columns]
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    rows = []
    shown = df if max_rows is None else df.head(max_rows)
    for r in shown.iter_rows(named=True):
        target = link(r) if link else None
        cells = []
        for c, v in r.items():
            cls = ' class="num"' if isinstance(v, (int, float)) and not isinstance(v, bool) else ""
            text = html.escape(_show(v if not isinstance(v, float) or c not in ("share",) else f"{v:.0%}"))
            cells.append(f"<td{cls}>{text}</td>")
        if target:
            cells.append(f'<td><a href="#{target}">evidence</a></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    extra = "<th></th>" if link else ""
    more = f'<p class="muted">… {df.height - max_rows} more rows in the Excel report</p>' if max_rows is not None and df.height > max_rows else ""
    return f"<table><thead><tr>{head}{extra}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"


def _anchor(section: str, key: object) -> str:
    """A stable HTML id for the evidence of one key (a theme, a department)."""
    return f"ev-{section}-{zlib.crc32(str(key).encode('utf-8')):08x}"


def _evidence_html(s: Section, per_key: int = 30) -> str:
    ev = s.evidence
    if ev is None or not ev.height:
        return ""
    key = ev.columns[0]
    parts = []
    for (k,), g in ev.group_by([key], maintain_order=True):
        items = "".join(
            f"<li>{html.escape(_show(r['province_label']))} · {html.escape(_show(r['document']))} · {html.escape(_show(r['path']))}：“{html.escape(_show(r['quote']))}”</li>"
            for r in g.head(per_key).iter_rows(named=True)
        )
        more = f"<li class='muted'>… {g.height - per_key} more</li>" if g.height > per_key else ""
        parts.append(f'<details id="{_anchor(s.key, k)}"><summary>{html.escape(_show(k))} ({g.height} records)</summary><ul>{items}{more}</ul></details>')
    return f"<h3>Evidence: the records behind each number</h3>{''.join(parts)}"


def _section_html(s: Section, headers: str) -> str:
    chart = ""
    if s.chart is not None:
        from . import plot

        fig = s.chart()
        chart = plot.to_html_img(fig, alt=s.title)
        import matplotlib.pyplot as plt

        plt.close(fig)
    link = None
    if s.evidence is not None and s.evidence.height:
        key = s.evidence.columns[0]
        col = key if key in s.table.columns else ("department" if "department" in s.table.columns else None)
        if col:
            link = lambda r: _anchor(s.key, r[col])  # noqa: E731
    notes = "".join(f"<p class='muted'>{html.escape(n)}</p>" for n in s.notes)
    return (
        f'<section id="{s.key}"><h2>{html.escape(s.title)}</h2><p class="reading">{html.escape(s.reading)}</p>{chart}'
        f"{_html_table(s.table, headers, max_rows=300, link=link)}{notes}{_evidence_html(s)}</section>"
    )


def write_html(corpus: Corpus, path: str | Path, headers: str = "en", title: str = "zhengce report") -> Path:
    """One self-contained HTML file (charts inline as PNG, no scripts, nothing
    fetched from the network): every section with its reading, chart, table and
    evidence, the documents read with uncertainty, and the methods."""
    path = Path(path)
    secs = sections(corpus)
    nav = "".join(f'<a href="#{s.key}">{html.escape(s.title.split(":")[0])}</a>' for s in secs) + '<a href="#methods">Methods</a>'
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "".join(_section_html(s, headers) for s in secs)
    doc = (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class='muted'>{len(corpus)} documents · zhengce {_zhengce.__version__} · {stamp}</p>"
        f"<nav>{nav}</nav>{body}<section id='methods'><h2>Methods</h2>{METHODS}{_research_methods()}</section></body></html>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc, encoding="utf-8")
    return path


# Excel --------------------------------------------------------------------------
def _excel_ready(df: pl.DataFrame) -> pl.DataFrame:
    """Lists joined with ；(Excel has no list cells)."""
    return df.with_columns(pl.col(c).list.eval(pl.element().cast(pl.String)).list.join("；") for c, t in df.schema.items() if isinstance(t, pl.List))


def write_excel(frames: dict[str, pl.DataFrame], path: str | Path, headers: str = "en") -> Path:
    """An Excel workbook with one sheet per frame: the header row frozen, column
    widths fitted to their contents (a Chinese character counts double, at most
    60), headers in Chinese with ``headers="zh"``."""
    import xlsxwriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with xlsxwriter.Workbook(str(path)) as wb:
        for name, df in frames.items():
            df = _excel_ready(df)
            if headers == "zh":
                df = df.rename({c: COLUMNS_ZH.get(c, c) for c in df.columns})
            # polars takes widths in pixels: about 7 per column of text.
            widths = {
                c: 7 * min(60, 2 + max([_cell_width(c)] + [_cell_width(_show(v)) for v in df[c].head(500).to_list()])) for c in df.columns
            }
            df.write_excel(wb, worksheet=name[:31], freeze_panes=(1, 0), column_widths=widths, autofit=False, table_style=None, autofilter=True)
    return path


def report_frames(corpus: Corpus) -> dict[str, pl.DataFrame]:
    """The sheets of the Excel report: every frame, then each section's table."""
    out = {name: getattr(corpus, name) for name in WRITTEN_FRAMES}
    for s in sections(corpus):
        if s.key != "documents":
            out[f"table_{s.key}"] = s.table
    return out


def write_report(corpus: Corpus, path: str | Path, headers: str = "en") -> Path:
    """The report as ``.html`` (self-contained) or ``.xlsx`` (by the extension)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return write_html(corpus, path, headers=headers)
    if suffix == ".xlsx":
        return write_excel(report_frames(corpus), path, headers=headers)
    raise ValueError(f"{path}: a report is .html or .xlsx, not {suffix or 'no extension'}")


def report(corpus: Corpus, path: str | Path = "zhengce-report.html", headers: str = "en") -> Path:
    """Write the report of ``corpus`` to ``path``: ``.html`` (one self-contained
    file: tables, charts, the records behind each number, the uncertain readings,
    the methods) or ``.xlsx`` (one sheet per frame and per table; ``headers="zh"``
    for Chinese column headers). Returns the path.

    >>> zc.report(zc.load_sample(), "sample.html")  # doctest: +SKIP
    PosixPath('sample.html')
    """
    return write_report(corpus, path, headers=headers)
