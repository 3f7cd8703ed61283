"""How a corpus shows itself in Jupyter."""
from __future__ import annotations

import html

import polars as pl

# Warnings that say the reading of a document itself is uncertain (README, errors):
# its structure was not found, or its layout had to be guessed.
UNCERTAIN_KINDS = ("layout", "no_structure")


def uncertain_documents(corpus) -> pl.DataFrame:
    """One row per document whose reading is uncertain: doc_id, source, the kinds
    and messages of its layout/no_structure warnings, in reading order."""
    errs = corpus.errors.filter(pl.col("kind").is_in(list(UNCERTAIN_KINDS)) & pl.col("doc_id").is_not_null())
    order = corpus.documents.select("doc_id", "title").with_row_index("_order")
    return (
        errs.group_by("doc_id")
        .agg(pl.col("source").first(), pl.col("kind").unique().sort().alias("kinds"), pl.col("message"))
        .join(order, on="doc_id", how="left")
        .sort("_order", "doc_id")
        .drop("_order")
        .select("doc_id", "title", "source", "kinds", "message")
    )


def _table(df: pl.DataFrame, max_rows: int = 20) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in df.columns)
    rows = []
    for r in df.head(max_rows).iter_rows():
        cells = "".join(f"<td>{'' if v is None else html.escape(str(v))}</td>" for v in r)
        rows.append(f"<tr>{cells}</tr>")
    more = f"<tr><td colspan='{len(df.columns)}'>… {df.height - max_rows} more</td></tr>" if df.height > max_rows else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}{more}</tbody></table>"


def corpus_html(corpus) -> str:
    """A summary of a corpus: counts, provinces and years, problems, and its documents."""
    docs = corpus.documents
    provinces = sorted(p for p in docs["province"].unique().to_list() if p is not None)
    years = [y for y in docs["year"].to_list() if y is not None]
    errs = corpus.errors
    n_err = errs.filter(pl.col("severity") == "error").height
    n_warn = errs.height - n_err
    n_unsure = uncertain_documents(corpus).height
    tasks = corpus.records.filter(pl.col("kind") == "task").height if "kind" in corpus.records.columns else corpus.records.height
    facts = [
        f"<b>{len(corpus)}</b> documents",
        f"<b>{tasks}</b> task records",
        f"<b>{corpus.targets.height}</b> targets",
        f"provinces: {html.escape('、'.join(provinces)) or '—'}",
        f"years: {min(years)}–{max(years)}" if years else "years: —",
    ]
    if docs["province"].null_count():
        facts.append(f"{docs['province'].null_count()} without a province")
    problems = f"{n_err} files not read, {n_warn} warnings" + (f", {n_unsure} documents read with uncertainty" if n_unsure else "")
    cols = [c for c in ("doc_id", "province", "year", "doc_number", "title", "n_records", "n_targets", "n_warnings") if c in docs.columns]
    return (
        "<div class='zhengce-corpus'>"
        f"<p><b>zhengce.Corpus</b> · {' · '.join(facts)}</p>"
        f"<p>{problems} (<code>corpus.errors</code>)</p>"
        f"{_table(docs.select(cols))}</div>"
    )
