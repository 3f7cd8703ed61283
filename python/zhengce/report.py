"""Readable comparisons of provinces, for the terminal and notebooks."""
from __future__ import annotations

import unicodedata

import polars as pl

from ._corpus import Corpus


def province_overview(corpus: Corpus, by: str = "province") -> pl.DataFrame:
    """One row per group (province by default): documents, task records, characters,
    share of tasks attributed, distinct departments, targets, deadlines, distinct
    formulations, mean strength and share binding — computed in the core
    (``corpus.overview``).

    >>> import zhengce as zc
    >>> province_overview(zc.load_sample())["province"].to_list()
    ['吉林', '江苏', '青海']
    """
    return corpus.overview(by)


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


def print_comparison(corpus: Corpus, width: int = 120, by: str = "province", top: int = 6) -> None:
    """Print a readable comparison of the groups (provinces) of a corpus. Every
    number comes from the comparison frames computed in the core
    (``corpus.overview``, ``corpus.compare``, ``corpus.department_network``,
    ``corpus.compare_targets``, ``corpus.keyness``); this only selects and prints."""
    docs = corpus.documents
    groups = "provinces" if by == "province" else f"groups ({by})"
    print(f"zhengce: {len(corpus)} documents from {docs[by].n_unique()} {groups}\n")
    print(format_table(docs.select(by, "year", "doc_number", "title", "issuer")))
    print(f"\nBy {by}\n")
    overview = province_overview(corpus, by)
    print(format_table(overview.drop("mean_strength", "share_binding").with_columns(pl.col(pl.Float64).round(2))))
    print("\nHow firmly: mean commitment strength of tasks (-1 soft … 1 binding) and share binding\n")
    print(format_table(overview.select(by, pl.col("mean_strength", "share_binding").round(2))))
    if len(corpus.compare(by, "themes")):
        print(f"\nWhat the tasks are about: share of each group's task records per theme (top {top} overall)\n")
        wide = corpus.compare(by, "themes", form="wide", measure="share")
        themes = [c for c in wide.columns if c not in (by, "n_documents", "n_records", "n_chars")][:top]
        print(format_table(wide.select(by, *[pl.col(t).round(2) for t in themes])))
        print("\nHow they act: share of task records per instrument type\n")
        types = corpus.compare(by, "instrument_types", form="wide", measure="share")
        print(format_table(types.drop("n_documents", "n_chars").with_columns(pl.col(pl.Float64).round(2))))
    nodes = corpus.department_network(by=by).nodes
    if len(nodes):
        print("\nMost named departments (canonical names): task records naming each, led and assisted\n")
        print(format_table(nodes.group_by("group", maintain_order=True).head(5).rename({"group": by})))
    targets = corpus.compare_targets(by=by, min_documents=1)
    if len(targets):
        print("\nQuantitative targets side by side (by indicator and unit; rank 1 = most ambitious, n_documents = documents sharing it)\n")
        cols = ["indicator_key", by, "comparator", "value", "unit", "deadline", "n_documents", "rank", "span"]
        print(format_table(targets.select(cols), max_col=max(20, width // 4)))
    errs = corpus.errors.filter(pl.col("severity") == "error")
    if len(errs):
        print(f"\n{len(errs)} files could not be read; see corpus.errors")
