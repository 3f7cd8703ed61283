"""Policy strength (政策力度) of each document (README, "Policy strength").

Per document ``d`` with task records ``R``:

* ``issuer_score`` — the rank of the issuer (central, provincial party committee
  and government, general office, department, city, county …) on a 1–5 scale,
  ``type_score`` — the document type (法律 … 通知) on a 1–5 scale, both from the
  scoring table; ``authority = (issuer_score + type_score) / 2``.
* the components, each a share from 0 to 1: ``commitment`` = mean over R of
  ``(strength + 1) / 2``; ``targets``, ``deadlines``, ``responsibility`` = the
  share of R with a quantitative target, a deadline, a named department.
* ``execution = Σ_k w_k·c_k / Σ_k w_k`` with the table's weights ``w_k``;
  ``policy_strength = authority × execution`` (0 to 5).

After Peng, Zhong & Sun (2008), whose policy effectiveness multiplies a 1–5
strength by scores of the policy's measures and goals.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import polars as pl

from . import _frames
from ._tables import Source, StrengthTable, read_strength_table

if TYPE_CHECKING:
    from .._corpus import Corpus

COMPONENTS = ("commitment", "targets", "deadlines", "responsibility")


def record_components(corpus: "Corpus") -> pl.DataFrame:
    """The record-level evidence of the components: one row per task record with
    doc_id, record_id, path, start, end, strength, has_target, has_deadline,
    has_responsibility. The document shares are the means of these columns."""
    keys = ["doc_id", "record_id"]
    recs = _frames.tasks(corpus).select(*keys, "path", "start", "end", "strength")
    flags = [
        (corpus.targets, "has_target"),
        (corpus.deadlines, "has_deadline"),
        (corpus.departments, "has_responsibility"),
    ]
    for frame, name in flags:
        marked = frame.select(keys).unique().with_columns(pl.lit(True).alias(name))
        recs = recs.join(marked, on=keys, how="left").with_columns(pl.col(name).fill_null(False))
    return recs


def policy_strength(corpus: "Corpus", by: str | Sequence[str] | None = None, table: Source | StrengthTable = None) -> pl.DataFrame:
    """Policy strength per document, or aggregated by document columns.

    Per document (``by=None``): doc_id, province, year, issuer, level, rank,
    issuer_score, doc_type, type_score, authority, n_records, commitment,
    targets, deadlines, responsibility, execution, policy_strength. Every
    component is shown; ``record_components`` lists the records behind the
    shares. ``by=("province", "year")`` (any document columns): n_documents, the
    sum and mean of policy_strength, and the mean of every component.
    ``table``: a scoring table file (``data/policy_strength.tsv`` by default).

    >>> import zhengce as zc
    >>> zc.load_sample().policy_strength().columns[:4]  # doctest: +SKIP
    ['doc_id', 'province', 'year', 'issuer']
    """
    t = table if isinstance(table, StrengthTable) else read_strength_table(table)
    docs = _frames.documents(corpus)
    rows = []
    for doc_id, issuer, level, doc_type in docs.select("doc_id", "issuer", "level", "doc_type").iter_rows():
        rank = t.issuer(issuer, level)
        kind, type_score = t.doc_type(doc_type)
        rows.append((doc_id, rank.rank if rank else None, rank.score if rank else None, kind, type_score))
    scored = pl.DataFrame(
        rows, schema={"doc_id": pl.String, "rank": pl.String, "issuer_score": pl.Float64, "doc_type_scored": pl.String, "type_score": pl.Float64}, orient="row"
    )
    shares = record_components(corpus).group_by("doc_id").agg(
        pl.len().cast(pl.Int64).alias("n_records"),
        ((pl.col("strength") + 1) / 2).mean().alias("commitment"),
        pl.col("has_target").mean().alias("targets"),
        pl.col("has_deadline").mean().alias("deadlines"),
        pl.col("has_responsibility").mean().alias("responsibility"),
    )
    out = docs.select("doc_id", "province", "year", "issuer", "level").join(scored, on="doc_id", how="left")
    out = out.rename({"doc_type_scored": "doc_type"}).join(shares, on="doc_id", how="left")
    total = sum(t.weights.values())
    execution = sum(pl.col(c).fill_null(0.0) * (t.weights[c] / total) for c in COMPONENTS)
    out = out.with_columns(
        ((pl.col("issuer_score") + pl.col("type_score")) / 2).alias("authority"),
        pl.col("n_records").fill_null(0),
        pl.when(pl.col("n_records") > 0).then(execution).alias("execution"),
    ).with_columns((pl.col("authority") * pl.col("execution")).alias("policy_strength"))
    cols = ["doc_id", "province", "year", "issuer", "level", "rank", "issuer_score", "doc_type", "type_score", "authority", "n_records", *COMPONENTS, "execution", "policy_strength"]
    out = out.select(cols)
    if by is None:
        return out
    keys = [by] if isinstance(by, str) else list(by)
    extra = [k for k in keys if k not in out.columns]
    if extra:
        out = out.join(docs.select("doc_id", *extra), on="doc_id", how="left")
    means = [pl.col(c).mean() for c in ("issuer_score", "type_score", "authority", *COMPONENTS, "execution")]
    return (
        out.group_by(keys)
        .agg(pl.len().cast(pl.Int64).alias("n_documents"), pl.col("policy_strength").sum().alias("policy_strength_sum"),
             pl.col("policy_strength").mean().alias("policy_strength_mean"), *means)  # fmt: skip
        .sort(keys, nulls_last=True)
    )
