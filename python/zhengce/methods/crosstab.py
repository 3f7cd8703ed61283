"""Cross-tabulations of task records (README, "Instrument cross-tabs"), and the
CAP major topics of records (README, "CAP topics").

The counting is done by polars group-bys (in polars' Rust engine); the unit is
the task record, so a record with two instruments and one theme counts once in
each of its two cells.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import polars as pl

from .._errors import InvalidValueError

from . import _frames
from ._tables import CapMapping, Source, read_cap_mapping

if TYPE_CHECKING:
    from .._corpus import Corpus

KEYS = ["doc_id", "record_id"]
#: Dimensions computed here rather than read from a column.
DERIVED = ("instrument_type", "instrument_types", "cap_topic", "cap_topics")


def cap_topics(corpus: "Corpus", mapping: Source | CapMapping = None) -> pl.DataFrame:
    """The CAP major topics of every task record: one row per (record, topic) with
    doc_id, record_id, path, cap_code, cap_topic and the record's ``themes`` that
    map to it. A record counts once per distinct topic; records whose themes have
    no mapping have no row.

    >>> import zhengce as zc
    >>> c = zc.read_texts({"d": "一、任务\\n完善最低生活保障制度，提高低保标准。"})  # doctest: +SKIP
    >>> c.cap_topics["cap_topic"].to_list()  # doctest: +SKIP
    ['Social Welfare']
    """
    m = mapping if isinstance(mapping, CapMapping) else read_cap_mapping(mapping)
    table = pl.DataFrame(
        [(t, code, name) for t, (code, name, _) in m.topics.items()],
        schema={"theme": pl.String, "cap_code": pl.Int64, "cap_topic": pl.String},
        orient="row",
    )
    # The frames' themes are an Enum of the taxonomy; the mapping's are strings.
    recs = _frames.tasks(corpus).select(*KEYS, "path", pl.col("themes").alias("theme")).explode("theme").with_columns(pl.col("theme").cast(pl.String))
    joined = recs.join(table, on="theme", how="inner")
    return (
        joined.group_by(*KEYS, "path", "cap_code", "cap_topic", maintain_order=True)
        .agg(pl.col("theme").alias("themes"))
        .sort(*KEYS, "cap_code")
    )


def _dimension(corpus: "Corpus", name: str) -> pl.DataFrame:
    """(doc_id, record_id, value) for every task record and value of a dimension:
    instruments, instrument_type, themes, cap_topic, a records column (list or
    scalar) or a documents column."""
    recs = _frames.tasks(corpus)
    if name in ("instrument_type", "instrument_types"):
        used = corpus.instruments.filter("assigned").select(*KEYS, pl.col("type").cast(pl.String).alias("value")).unique()
        return used.join(recs.select(KEYS), on=KEYS, how="semi")
    if name in ("cap_topic", "cap_topics"):
        return cap_topics(corpus).select(*KEYS, pl.col("cap_topic").alias("value"))
    if name in recs.columns:
        col = recs.select(*KEYS, pl.col(name).alias("value"))
        if isinstance(col.schema["value"], pl.List):
            col = col.explode("value")
        return col.filter(pl.col("value").is_not_null()).with_columns(pl.col("value").cast(pl.String))
    docs = _frames.documents(corpus)
    if name in docs.columns:
        vals = docs.select("doc_id", pl.col(name).cast(pl.String).alias("value"))
        return recs.select(KEYS).join(vals, on="doc_id", how="left").filter(pl.col("value").is_not_null())
    known = sorted(set(recs.columns) | set(docs.columns) | set(DERIVED))
    raise InvalidValueError(f"cannot cross-tabulate {name!r}: it is neither a derived dimension nor a column of records or documents ({', '.join(known)})")


def crosstab(
    corpus: "Corpus",
    rows: str = "instruments",
    cols: str = "themes",
    by: str | Sequence[str] | None = None,
    form: str = "long",
) -> pl.DataFrame:
    """Task records crossed by two dimensions, within groups of documents.

    ``rows``/``cols``: instruments, instrument_type (supply/environment/demand),
    themes, cap_topic, or any column of ``corpus.records`` (list columns count
    each value) or ``corpus.documents`` (province, year, level, doc_type …).
    ``by``: document columns (province, level, doc_id …) or None for the corpus.

    ``form="long"`` (default): one row per group and cell that holds records —
    the ``by`` columns, the row and column values (named after the dimensions),
    n (task records in the cell), share (n / task records of the group),
    row_share (n / records of the group with the row value), col_share, and
    ``records`` (list of {doc_id, record_id}: the records behind the cell).
    ``form="wide"``: one row per group and row value, one column per column
    value holding n (0 where no record).

    >>> import zhengce as zc
    >>> zc.load_sample().crosstab("instrument_type", "themes", by="province").columns[:4]  # doctest: +SKIP
    ['province', 'instrument_type', 'themes', 'n']
    """
    if form not in ("long", "wide"):
        raise InvalidValueError(f"form must be 'long' or 'wide', not {form!r}")
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    row_name, col_name = rows, (cols if cols != rows else f"{cols}_2")
    docs = _frames.documents(corpus)
    missing = [k for k in keys if k not in docs.columns]
    if missing:
        raise InvalidValueError(f"by: the documents frame has no column {missing[0]!r} (it has {', '.join(docs.columns)})")
    groups = docs.select("doc_id", *keys)
    r = _dimension(corpus, rows).rename({"value": row_name})
    c = _dimension(corpus, cols).rename({"value": col_name})
    cells = r.join(c, on=KEYS, how="inner").join(groups, on="doc_id", how="left")
    totals = _frames.tasks(corpus).select(KEYS).join(groups, on="doc_id", how="left")
    totals = totals.group_by(keys).agg(pl.len().alias("_n_group")) if keys else pl.DataFrame({"_n_group": [totals.height]})
    row_n = r.join(groups, on="doc_id", how="left").group_by(*keys, row_name).agg(pl.col("record_id").len().alias("_n_row"))
    col_n = c.join(groups, on="doc_id", how="left").group_by(*keys, col_name).agg(pl.col("record_id").len().alias("_n_col"))
    counted = cells.group_by(*keys, row_name, col_name).agg(
        pl.len().cast(pl.Int64).alias("n"), pl.struct("doc_id", "record_id").sort_by("doc_id", "record_id").alias("records")
    )
    counted = counted.join(totals, on=keys, how="left") if keys else counted.join(totals, how="cross")
    counted = counted.join(row_n, on=[*keys, row_name], how="left").join(col_n, on=[*keys, col_name], how="left")
    out = counted.select(
        *keys, row_name, col_name, "n",
        (pl.col("n") / pl.col("_n_group")).alias("share"),
        (pl.col("n") / pl.col("_n_row")).alias("row_share"),
        (pl.col("n") / pl.col("_n_col")).alias("col_share"),
        "records",
    ).sort(*keys, row_name, col_name, nulls_last=True)  # fmt: skip
    if form == "long":
        return out
    wide = out.pivot(on=col_name, index=[*keys, row_name], values="n", sort_columns=True)
    return wide.fill_null(0).sort(*keys, row_name, nulls_last=True)


def compare_cap_topics(corpus: "Corpus", by: str = "province", form: str = "long", measure: str | None = None) -> pl.DataFrame:
    """``corpus.compare(by, what="cap_topic")``: the CAP major topics of task records
    compared across groups, in the columns of ``corpus.compare``.

    Long form: the ``by`` column, feature (the CAP code as text), name (the topic),
    n (task records with the topic), n_mentions (the same: a record counts once per
    topic), n_records (task records of the group), share, n_chars, per_10k; groups in
    order of value (the null group — no value, or blank text — last), then most
    records first. Wide form: one row per group with n_documents, n_records,
    n_chars and one column per topic code holding ``measure`` (n, n_mentions, share
    or per_10k). Counted with polars from :func:`cap_topics`, since the topic of a
    record depends on the user's mapping file.
    """
    docs = corpus.documents
    if by not in docs.columns:
        raise InvalidValueError(f"by: the documents frame has no column {by!r} (it has {', '.join(docs.columns)})")
    group = pl.col(by)
    if docs.schema[by] == pl.String:
        group = pl.when(pl.col(by).str.strip_chars() == "").then(None).otherwise(pl.col(by))
    docs = docs.select("doc_id", group.alias(by), "n_chars")
    tasks = _frames.tasks(corpus).select("doc_id").join(docs, on="doc_id", how="inner")
    sizes = docs.group_by(by).agg(pl.len().cast(pl.Int64).alias("n_documents"), pl.col("n_chars").sum().cast(pl.Int64))
    records = tasks.group_by(by).agg(pl.len().cast(pl.Int64).alias("n_records"))
    sizes = sizes.join(records, on=by, how="left", nulls_equal=True).with_columns(pl.col("n_records").fill_null(0))
    cap = cap_topics(corpus).join(docs.select("doc_id", by), on="doc_id", how="inner")
    counted = cap.group_by(by, "cap_code", "cap_topic").agg(pl.len().cast(pl.Int64).alias("n"))
    long = counted.join(sizes, on=by, how="left", nulls_equal=True).select(
        by,
        pl.col("cap_code").cast(pl.String).alias("feature"),
        pl.col("cap_topic").alias("name"),
        "n",
        pl.col("n").alias("n_mentions"),
        "n_records",
        (pl.col("n") / pl.col("n_records")).alias("share"),
        "n_chars",
        (pl.col("n") * 10_000 / pl.col("n_chars")).alias("per_10k"),
    )
    long = long.sort([by, "n", "feature"], descending=[False, True, False], nulls_last=True)
    if form == "long":
        return long
    if form != "wide":
        raise InvalidValueError(f"form must be 'long' or 'wide', not {form!r}")
    measure = measure or "n"
    if measure not in ("n", "n_mentions", "share", "per_10k"):
        raise InvalidValueError(f"measure: {measure!r} is not one of n, n_mentions, share, per_10k")
    order = long.group_by("feature").agg(pl.col("n").sum()).sort(["n", "feature"], descending=[True, False])["feature"].to_list()
    wide = long.pivot(on="feature", index=by, values=measure) if long.height else long.select(by)
    out = sizes.select(by, "n_documents", "n_records", "n_chars").join(wide, on=by, how="left", nulls_equal=True)
    return out.select(by, "n_documents", "n_records", "n_chars", *[pl.col(f).fill_null(0) for f in order]).sort(by, nulls_last=True)
