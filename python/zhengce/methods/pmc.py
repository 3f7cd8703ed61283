"""The PMC index (Policy Modeling Consistency; Ruiz Estrada 2011) of each
document, from the evidence zhengce extracts (README, "PMC index").

Every second-level variable ``X_ij`` is 1 when its evidence rule finds evidence
in the document (a span that proves it), else 0; a first-level variable is
``X_i = Σ_j X_ij / n_i``; the index is ``PMC = Σ_i X_i`` and its grade follows
the scheme's thresholds. The PMC surface arranges the first ``k²`` first-level
variables in a k × k matrix (3 × 3 for the nine of the default scheme).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from . import _frames
from ._tables import PmcScheme, Source, Variable, read_pmc_scheme

if TYPE_CHECKING:
    from .._corpus import Corpus

_FACT_SCHEMA = {"doc_id": pl.String, "rule": pl.String, "value": pl.String, "record_id": pl.Int64, "start": pl.Int64, "end": pl.Int64}


def facts(corpus: "Corpus") -> pl.DataFrame:
    """Every piece of evidence the PMC rules can use: doc_id, rule, value,
    record_id, start, end (one row per fact; spans point into ``corpus.text``)."""
    task_ids = _frames.tasks(corpus).select("doc_id", "record_id")
    parts = [_instrument_facts(corpus, task_ids), _theme_facts(corpus, task_ids), _target_facts(corpus), _deadline_facts(corpus)]
    parts += [_strength_facts(corpus), _department_facts(corpus), _kind_facts(corpus), _document_facts(corpus)]
    return pl.concat([p.select(list(_FACT_SCHEMA)).cast(_FACT_SCHEMA) for p in parts], how="vertical")  # type: ignore[arg-type]


def _instrument_facts(corpus: "Corpus", task_ids: pl.DataFrame) -> pl.DataFrame:
    used = corpus.instruments.filter("assigned").join(task_ids, on=["doc_id", "record_id"], how="semi")
    spans = _frames.term_spans(corpus, used.select("doc_id", "record_id", "instrument", "type", "terms"))
    by_id = spans.select("doc_id", pl.lit("instrument").alias("rule"), pl.col("instrument").cast(pl.String).alias("value"), "record_id", "start", "end")
    by_type = spans.select("doc_id", pl.lit("instrument_type").alias("rule"), pl.col("type").cast(pl.String).alias("value"), "record_id", "start", "end")
    return pl.concat([by_id, by_type])


def _theme_facts(corpus: "Corpus", task_ids: pl.DataFrame) -> pl.DataFrame:
    used = corpus.themes.filter("assigned").join(task_ids, on=["doc_id", "record_id"], how="semi")
    spans = _frames.term_spans(corpus, used.select("doc_id", "record_id", "theme", "terms"))
    return spans.select("doc_id", pl.lit("theme").alias("rule"), pl.col("theme").cast(pl.String).alias("value"), "record_id", "start", "end")


def _target_facts(corpus: "Corpus") -> pl.DataFrame:
    t = corpus.targets
    every = t.select("doc_id", pl.lit("target").alias("rule"), pl.lit("").alias("value"), "record_id", "start", "end")
    dated = t.filter(pl.col("deadline").is_not_null()).select(
        "doc_id", pl.lit("target_with_deadline").alias("rule"), pl.lit("").alias("value"), "record_id", "start", "end"
    )
    return pl.concat([every, dated])


def _deadline_facts(corpus: "Corpus") -> pl.DataFrame:
    """Deadlines, their horizon (years after the document's year) and the year
    each is due (for phased goals)."""
    d = corpus.deadlines.join(corpus.documents.select("doc_id", pl.col("year").alias("_doc_year")), on="doc_id", how="left")
    d = d.with_columns(pl.col("date").str.slice(0, 4).cast(pl.Int64, strict=False).alias("_due"))
    every = d.select("doc_id", pl.lit("deadline").alias("rule"), pl.lit("").alias("value"), "record_id", "start", "end")
    horizon = d.filter(pl.col("_doc_year").is_not_null() & pl.col("_due").is_not_null()).select(
        "doc_id", pl.lit("horizon").alias("rule"), (pl.col("_due") - pl.col("_doc_year")).cast(pl.String).alias("value"), "record_id", "start", "end"
    )
    due = d.filter(pl.col("_due").is_not_null()).select(
        "doc_id", pl.lit("due_year").alias("rule"), pl.col("_due").cast(pl.String).alias("value"), "record_id", "start", "end"
    )
    return pl.concat([every, horizon, due])


def _strength_facts(corpus: "Corpus") -> pl.DataFrame:
    """Task records by commitment label; the span is the first strength term of
    the label's kind when the ``strength_terms`` frame exists, else the record."""
    recs = _frames.tasks(corpus).filter(pl.col("strength_label").is_not_null())
    out = recs.select("doc_id", pl.lit("strength_label").alias("rule"), pl.col("strength_label").cast(pl.String).alias("value"), "record_id", "start", "end")
    terms = getattr(corpus, "strength_terms", None)
    if terms is None or not isinstance(terms, pl.DataFrame):
        return out
    first = terms.sort("start").group_by("doc_id", "record_id", "kind", maintain_order=True).first()
    first = first.select("doc_id", "record_id", pl.col("kind").alias("value"), pl.col("start").alias("_ts"), pl.col("end").alias("_te"))
    out = out.join(first, on=["doc_id", "record_id", "value"], how="left")
    return out.with_columns(pl.coalesce("_ts", "start").alias("start"), pl.coalesce("_te", "end").alias("end")).drop("_ts", "_te")


def _department_facts(corpus: "Corpus") -> pl.DataFrame:
    d = corpus.departments.join(_frames.tasks(corpus).select("doc_id", "record_id"), on=["doc_id", "record_id"], how="semi")
    role = d.select("doc_id", pl.lit("department_role").alias("rule"), pl.col("role").cast(pl.String).alias("value"), "record_id", "start", "end")
    cat = d.filter(pl.col("category").is_not_null()).select(
        "doc_id", pl.lit("department_category").alias("rule"), pl.col("category").cast(pl.String).alias("value"), "record_id", "start", "end"
    )
    return pl.concat([role, cat])


def _kind_facts(corpus: "Corpus") -> pl.DataFrame:
    return corpus.records.select("doc_id", pl.lit("record_kind").alias("rule"), pl.col("kind").cast(pl.String).alias("value"), "record_id", "start", "end")


def _document_facts(corpus: "Corpus") -> pl.DataFrame:
    """Issuer level and document type (``documents.level``, ``documents.doc_type``),
    with the block that shows them (title, document number or signature) as their span."""
    docs = _frames.documents(corpus).join(_frames.doc_block(corpus), on="doc_id", how="left")
    level = docs.filter(pl.col("level").is_not_null()).select(
        "doc_id", pl.lit("level").alias("rule"), pl.col("level").alias("value"), "record_id", "start", "end"
    )
    kind = docs.filter(pl.col("doc_type").is_not_null()).select(
        "doc_id", pl.lit("doc_type").alias("rule"), pl.col("doc_type").alias("value"), "record_id", "start", "end"
    )
    return pl.concat([level, kind])


def _matches(v: Variable, facts: pl.DataFrame) -> pl.DataFrame:
    """The facts that are evidence for a second-level variable, earliest first."""
    f = facts.filter(pl.col("rule") == v.rule) if v.rule not in ("stages",) else facts.filter(pl.col("rule") == "due_year")
    if v.rule == "horizon":
        lo, _, hi = v.arg.partition("-")
        h = pl.col("value").cast(pl.Int64)
        f = f.filter(h >= int(lo)) if not hi else f.filter((h >= int(lo)) & (h <= int(hi)))
    elif v.rule == "stages":
        # The first deadline of the N-th distinct year due proves N stages.
        firsts = f.sort("doc_id", "value", "start").group_by("doc_id", "value", maintain_order=True).first()
        ranked = firsts.with_columns(pl.col("value").rank("dense").over("doc_id").alias("_n"))
        f = ranked.filter(pl.col("_n") == int(v.arg)).drop("_n")
    elif v.arg:
        f = f.filter(pl.col("value").is_in([a.strip() for a in v.arg.split(",")]))
    return f.sort("doc_id", "start", nulls_last=True)


@dataclass
class PmcResult:
    """The PMC index of every document.

    ``scores``: doc_id, X1 … Xn (first-level scores), pmc, grade.
    ``variables``: doc_id, first, second (X1:1 …), name, rule, score (0/1).
    ``evidence``: the span behind every 1 — doc_id, first, second, name, record_id,
    start, end, quote (``corpus.text(doc_id)[start:end]``) and n_evidence (how
    many spans the rule found; the earliest is shown).
    """

    scheme: PmcScheme
    scores: pl.DataFrame
    variables: pl.DataFrame
    evidence: pl.DataFrame

    def surface(self, doc_id: str) -> np.ndarray:
        """The PMC surface of a document: its first ``k²`` first-level scores as a
        k × k matrix, row by row (X1 X2 X3 / X4 X5 X6 / X7 X8 X9 for nine)."""
        row = self.scores.filter(pl.col("doc_id") == doc_id)
        if row.height == 0:
            raise KeyError(f"no document {doc_id!r}")
        names = list(self.scheme.first)
        k = math.isqrt(len(names))
        return row.select(names[: k * k]).to_numpy().reshape(k, k)

    def plot(self, doc_id: str, ax=None):
        """A 3-D surface plot of the document's PMC surface (matplotlib)."""
        from .plot import pmc_surface

        return pmc_surface(self, doc_id, ax=ax)


def pmc(corpus: "Corpus", scheme: Source | PmcScheme = None) -> PmcResult:
    """The PMC index of every document, with the evidence span behind every 1.

    ``scheme``: a PMC scheme file (``data/pmc_scheme.tsv`` by default; README,
    "PMC index", for the format) or a scheme already read.

    >>> import zhengce as zc
    >>> r = zc.load_sample().pmc()  # doctest: +SKIP
    >>> r.scores.select("doc_id", "pmc", "grade").row(0)  # doctest: +SKIP
    """
    sch = scheme if isinstance(scheme, PmcScheme) else read_pmc_scheme(scheme)
    f = facts(corpus)
    docs = corpus.documents.select("doc_id")
    var_rows, ev_rows = [], []
    for v in sch.variables:
        m = _matches(v, f)
        firsts = m.group_by("doc_id", maintain_order=True).agg(pl.all().first(), pl.len().alias("n_evidence"))
        hit = docs.join(firsts, on="doc_id", how="left")
        meta = [pl.lit(v.parent).alias("first"), pl.lit(v.id).alias("second"), pl.lit(v.name).alias("name")]
        var_rows.append(hit.select("doc_id", *meta, pl.lit(f"{v.rule}:{v.arg}" if v.arg else v.rule).alias("rule"),
                                   pl.col("n_evidence").is_not_null().cast(pl.Int64).alias("score")))  # fmt: skip
        ev_rows.append(hit.filter(pl.col("n_evidence").is_not_null()).select("doc_id", *meta, "record_id", "start", "end", pl.col("n_evidence").cast(pl.Int64)))
    variables = pl.concat(var_rows)
    evidence = _frames.quote(corpus, pl.concat(ev_rows).sort("doc_id", maintain_order=True))
    firsts = variables.group_by("doc_id", "first").agg(pl.col("score").mean().alias("x"))
    wide = firsts.pivot(on="first", index="doc_id", values="x")
    order = list(sch.first)
    scores = docs.join(wide, on="doc_id", how="left").select("doc_id", *[pl.col(x).fill_null(0.0) for x in order])
    scores = scores.with_columns(pl.sum_horizontal(order).alias("pmc"))
    scores = scores.with_columns(pl.col("pmc").map_elements(sch.grade, return_dtype=pl.String).alias("grade"))
    return PmcResult(sch, scores, variables.sort("doc_id", maintain_order=True), evidence)
