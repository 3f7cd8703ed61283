"""Readable comparisons of provinces, for the terminal and notebooks."""
from __future__ import annotations

import unicodedata

import polars as pl

from ._corpus import Corpus


def province_overview(corpus: Corpus) -> pl.DataFrame:
    """One row per province: documents, task records, departments named, targets and slogans.

    >>> import zhengce as zc
    >>> province_overview(zc.load_sample())["province"].to_list()
    ['吉林', '江苏', '青海']
    """
    docs = corpus.documents.select("doc_id", "province", "year")
    tasks = corpus.records.filter(pl.col("kind") == "task").join(docs, on="doc_id")
    depts = corpus.departments.join(docs, on="doc_id")
    tg = corpus.targets.join(docs, on="doc_id")
    sl = corpus.slogans.join(docs, on="doc_id")
    out = (
        docs.group_by("province")
        .agg(pl.len().alias("documents"), pl.col("year").min().alias("from"), pl.col("year").max().alias("to"))
        .join(tasks.group_by("province").agg(pl.len().alias("tasks")), on="province", how="left")
        .join(
            tasks.group_by("province").agg((pl.col("departments").list.len() > 0).mean().round(2).alias("share_attributed")),
            on="province",
            how="left",
        )
        .join(depts.group_by("province").agg(pl.col("department").n_unique().alias("departments")), on="province", how="left")
        .join(tg.group_by("province").agg(pl.len().alias("targets")), on="province", how="left")
        .join(sl.group_by("province").agg(pl.col("normalized").n_unique().alias("slogans")), on="province", how="left")
        .with_columns(pl.col("tasks", "departments", "targets", "slogans").fill_null(0))
        .sort("province")
    )
    return out


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * max(0, w - _width(s))


def _cut(s: str, w: int) -> str:
    out, n = [], 0
    for ch in s:
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if n + cw > w - 1:
            out.append("…")
            break
        out.append(ch)
        n += cw
    return "".join(out)


def format_table(df: pl.DataFrame, max_col: int = 40) -> str:
    """A plain-text table that lines up Chinese text (polars' own printing counts
    a Chinese character as one column)."""
    cols = df.columns
    rows = [[_cut("" if v is None else (("；".join(map(str, v))) if isinstance(v, list) else str(v)), max_col) for v in r] for r in df.iter_rows()]
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(cols)]
    line = "  ".join(_pad(c, w) for c, w in zip(cols, widths))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(_pad(v, w) for v, w in zip(r, widths)) for r in rows]
    return "\n".join([line, sep, *body])


def print_comparison(corpus: Corpus, width: int = 120) -> None:
    """Print a readable comparison of the provinces of a corpus."""
    docs = corpus.documents
    print(f"zhengce: {len(corpus)} documents from {docs['province'].n_unique()} provinces\n")
    print(format_table(docs.select("province", "year", "doc_number", "title", "issuer")))
    print("\nBy province\n")
    print(format_table(province_overview(corpus)))
    tasks = corpus.records.filter(pl.col("kind") == "task").join(docs.select("doc_id", "province"), on="doc_id")
    if "themes" in tasks.columns and len(tasks):
        print("\nWhat the tasks are about: share of each province's tasks per theme (top 6 overall)\n")
        share = (
            tasks.select("province", "themes")
            .with_columns(n=pl.len().over("province"))
            .explode("themes")
            .drop_nulls("themes")
            .group_by("province", "themes")
            .agg((pl.len() / pl.col("n").first()).round(2).alias("share"))
        )
        top = share.group_by("themes").agg(pl.col("share").sum()).sort("share", descending=True).head(6)["themes"].to_list()
        wide = share.filter(pl.col("themes").is_in(top)).pivot(on="province", index="themes", values="share").fill_null(0.0)
        provinces = sorted(c for c in wide.columns if c != "themes")
        wide = wide.select("themes", *provinces).with_columns(pl.col("themes").cast(pl.Enum(top))).sort("themes")
        print(format_table(wide.with_columns(pl.col("themes").cast(pl.String))))
    if "strength" in tasks.columns and len(tasks):
        print("\nHow firmly: mean commitment strength of tasks (-1 soft … 1 binding) and share binding\n")
        firm = (
            tasks.group_by("province")
            .agg(pl.col("strength").mean().round(2).alias("mean_strength"), (pl.col("strength_label") == "binding").mean().round(2).alias("share_binding"))
            .sort("province")
        )
        print(format_table(firm))
    if len(corpus.departments):
        print("\nMost named departments (lead role counted separately)\n")
        d = (
            corpus.departments.join(docs.select("doc_id", "province"), on="doc_id")
            .group_by("province", "department")
            .agg(pl.len().alias("tasks"), (pl.col("role") == "lead").sum().alias("as_lead"))
            .sort(["province", "tasks"], descending=[False, True])
            .group_by("province", maintain_order=True)
            .head(5)
        )
        print(format_table(d))
    if len(corpus.targets):
        print("\nQuantitative targets side by side\n")
        t = corpus.targets.join(docs.select("doc_id", "province"), on="doc_id").select(
            "province", "path", "indicator", "comparator", "value", "unit", "deadline", "span"
        )
        print(format_table(t.sort("province"), max_col=max(20, width // 4)))
    errs = corpus.errors.filter(pl.col("severity") == "error")
    if len(errs):
        print(f"\n{len(errs)} files could not be read; see corpus.errors")
