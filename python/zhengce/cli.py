"""The `zhengce` command line.

    zhengce sample                      compare the provinces of the bundled sample
    zhengce compare PATH...             the same comparison for your documents
    zhengce read PATH... --out DIR      write every frame as Parquet (or CSV)
    zhengce extract PATH... --out DIR   the same in batches, for corpora larger than memory (resumable)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from . import _corpus, stream
from .report import print_comparison

FRAMES = _corpus.WRITTEN_FRAMES


def _write_frames(corpus: _corpus.Corpus, out: Path, fmt: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in FRAMES:
        df: pl.DataFrame = getattr(corpus, name)
        if fmt == "csv":
            # CSV has no list type: join lists with a separator researchers can split on.
            df = df.with_columns(pl.col(c).list.join("；") for c, t in df.schema.items() if isinstance(t, pl.List))
            df.write_csv(out / f"{name}.csv")
        else:
            df.write_parquet(out / f"{name}.parquet")
    print(f"wrote {len(FRAMES)} frames for {len(corpus)} documents to {out}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `zhengce` command."""
    ap = argparse.ArgumentParser(prog="zhengce", description="Read and compare Chinese policy documents.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="compare the provinces of the bundled sample corpus")
    s.add_argument("--width", type=int, default=120)
    c = sub.add_parser("compare", help="compare the provinces of your documents")
    c.add_argument("paths", nargs="+")
    c.add_argument("--manifest", help="CSV with per-file metadata overrides")
    c.add_argument("--by", default="province", help="the document column to compare by (province, year, doc_type …)")
    c.add_argument("--width", type=int, default=120)
    r = sub.add_parser("read", help="read documents and write every frame to a folder")
    r.add_argument("paths", nargs="+")
    r.add_argument("--out", required=True, type=Path)
    r.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    r.add_argument("--manifest")
    x = sub.add_parser("extract", help="read a corpus in batches and write partitioned frames (resumable)")
    x.add_argument("paths", nargs="+")
    x.add_argument("--out", required=True, type=Path)
    x.add_argument("--batch-size", type=int, default=256)
    x.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    x.add_argument("--manifest")
    x.add_argument("--overwrite", action="store_true", help="start again in a folder written for other files")
    for p in (c, r, x):
        p.add_argument("--raise", dest="raise_", action="store_true", help="stop at the first unreadable file")
    a = ap.parse_args(argv)

    if a.cmd == "sample":
        corpus = _corpus.load_sample()
        print_comparison(corpus, width=a.width)
        return 0
    on_error = "raise" if a.raise_ else "collect"
    if a.cmd == "extract":
        report = stream.extract(
            a.paths, a.out, batch_size=a.batch_size, format=a.format, overwrite=a.overwrite, manifest=a.manifest, on_error=on_error
        )
        done = report.filter(~pl.col("skipped"))
        print(
            f"{a.out}: {report.height} batches, {done.height} written now ({done['documents'].sum() or 0} documents, "
            f"{done['errors'].sum() or 0} errors), {report.height - done.height} already written"
        )
        return 0
    corpus = _corpus.read(a.paths, manifest=a.manifest, on_error=on_error)
    errs = corpus.errors.filter(pl.col("severity") == "error")
    for msg in errs["message"].to_list():
        print(f"error: {msg}", file=sys.stderr)
    if a.cmd == "compare":
        print_comparison(corpus, width=a.width, by=a.by)
    else:
        _write_frames(corpus, a.out, a.format)
    return 1 if len(errs) and len(corpus) == 0 else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
