"""What the methods read from a corpus: task records with their document, the
document columns other issues add when they are there, and evidence spans."""
from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from .._corpus import Corpus

#: Document columns the methods use when the reading stage provides them
#: (issuer level, document type); missing ones are read as null.
OPTIONAL_DOCUMENT_COLUMNS = ("level", "doc_type", "region")


def documents(corpus: "Corpus") -> pl.DataFrame:
    """corpus.documents with the optional columns present (null when the
    reading stage does not provide them)."""
    docs = corpus.documents
    add = [pl.lit(None, dtype=pl.String).alias(c) for c in OPTIONAL_DOCUMENT_COLUMNS if c not in docs.columns]
    return docs.with_columns(add) if add else docs


def tasks(corpus: "Corpus") -> pl.DataFrame:
    """Task records: the substance of each document (front and back matter left out)."""
    return corpus.records.filter(pl.col("kind") == "task")


def doc_block(corpus: "Corpus") -> pl.DataFrame:
    """One block per document that shows who issued it and what it is: the title,
    else the document number, else the signature (doc_id, record_id, start, end).
    It is the evidence span of document-level facts (level, document type)."""
    order = {"title": 0, "doc_number": 1, "signature": 2, "metadata": 3}
    blocks = corpus.records.filter(pl.col("kind").is_in(list(order)))
    blocks = blocks.with_columns(pl.col("kind").replace_strict(order, return_dtype=pl.Int64).alias("_order"))
    return blocks.sort("doc_id", "_order", "start").group_by("doc_id", maintain_order=True).first().select("doc_id", "record_id", "start", "end")


def quote(corpus: "Corpus", frame: pl.DataFrame) -> pl.DataFrame:
    """Add ``quote``: the text each (doc_id, start, end) span covers (null where no span)."""
    texts = {d: corpus.text(d) for d in frame["doc_id"].unique().to_list()}
    quotes = [
        None if s is None or e is None else texts[d][s:e] for d, s, e in frame.select("doc_id", "start", "end").iter_rows()
    ]
    return frame.with_columns(pl.Series("quote", quotes, dtype=pl.String))


def _first_spans(frame: pl.DataFrame) -> dict[tuple[str, int], tuple[int, int]]:
    """The earliest (start, end) of a frame's rows per (doc_id, record_id)."""
    first = frame.sort("start").group_by("doc_id", "record_id", maintain_order=True).first()
    return {(d, r): (s, e) for d, r, s, e in first.select("doc_id", "record_id", "start", "end").iter_rows()}


def term_spans(corpus: "Corpus", frame: pl.DataFrame, terms_col: str = "terms") -> pl.DataFrame:
    """Where in each record the first of its terms occurs: ``start``/``end`` of
    the earliest occurrence in the record's text. The pseudo-terms ``<target>`` and
    ``<deadline>`` of the dictionaries point to the record's first target or
    deadline; a label with no term found (lent by the heading above) points to
    the whole record. ``frame`` has doc_id, record_id and a list column of terms."""
    spans = corpus.blocks.select("doc_id", "record_id", pl.col("start").alias("_rs"), pl.col("end").alias("_re"))
    f = frame.join(spans, on=["doc_id", "record_id"], how="left")
    texts = {d: corpus.text(d) for d in f["doc_id"].unique().to_list()}
    pseudo = {"<target>": _first_spans(corpus.targets), "<deadline>": _first_spans(corpus.deadlines)}
    starts, ends = [], []
    for d, r, rs, re_, terms in f.select("doc_id", "record_id", "_rs", "_re", terms_col).iter_rows():
        found = []
        for t in terms or []:
            if t in pseudo:
                if (d, r) in pseudo[t]:
                    found.append(pseudo[t][(d, r)])
                continue
            word = t.strip("*")
            at = texts[d].find(word, rs, re_) if word else -1
            if at >= 0:
                found.append((at, at + len(word)))
        best = min(found) if found else (rs, re_)
        starts.append(best[0])
        ends.append(best[1])
    return f.drop("_rs", "_re").with_columns(pl.Series("start", starts, dtype=pl.Int64), pl.Series("end", ends, dtype=pl.Int64))
