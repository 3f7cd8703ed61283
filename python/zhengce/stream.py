"""Corpora larger than memory: read in batches, write partitioned Parquet, resume.

>>> import zhengce as zc
>>> for batch in zc.scan(zc.sample_paths(), batch_size=2):
...     print(len(batch), batch.documents["province"].to_list())
2 ['吉林', '吉林']
2 ['吉林', '江苏']
1 ['青海']

``zc.extract(paths, "out/")`` writes every frame of every batch as
``out/<frame>/part-00000.parquet`` … and remembers what it has written, so an
interrupted run picks up where it stopped. ``zc.open_frames("out/")`` reads
them back lazily. Documents keep the doc_ids a single ``zc.read`` would give
them, whatever the batch size.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import polars as pl

from . import _zhengce
from ._corpus import WRITTEN_FRAMES, Corpus, PathLike, _paths
from ._errors import InvalidValueError, NotFoundError, ReadError
from ._options import ReadOptions, native_options

if TYPE_CHECKING:
    from typing_extensions import Unpack

#: Frames written by :func:`extract` unless told otherwise (``tokens`` is large
#: and can be rebuilt from the records, ``blocks`` repeats records and headings).
DEFAULT_FRAMES: tuple[str, ...] = WRITTEN_FRAMES


class ExtractionMismatch(InvalidValueError):
    """The output folder holds an extraction of other files or settings."""


MANIFEST = "_manifest.json"
DONE = "_done"


def plan(paths: PathLike | Iterable[PathLike]) -> tuple[list[tuple[str, str]], Corpus]:
    """Expand files, folders and globs into ``(path, doc_id)`` pairs (doc_ids unique
    over the whole list) and a corpus holding the problems met (missing paths,
    skipped files). Reading the pairs in any batches gives the documents of one read.

    >>> items, problems = plan(zc.sample_paths())  # doctest: +SKIP
    """
    items, problems = _zhengce.plan(_paths(paths))
    return [tuple(x) for x in items], Corpus(problems)


def read_planned(items: Sequence[tuple[str, str]], **options: Unpack[ReadOptions]) -> Corpus:
    """Read ``(path, doc_id)`` pairs from :func:`plan`; options as for :func:`zhengce.read`."""
    return Corpus(_zhengce.read_planned([(os.fspath(p), d) for p, d in items], native_options(options)))


def _batches(items: Sequence, size: int) -> list[Sequence]:
    if size < 1:
        raise InvalidValueError(f"batch_size must be at least 1, not {size}", context={"field": "batch_size"})
    return [items[i : i + size] for i in range(0, len(items), size)]


def scan(paths: PathLike | Iterable[PathLike], *, batch_size: int = 256, **options: Unpack[ReadOptions]) -> Iterator[Corpus]:
    """Read a corpus in batches of ``batch_size`` files; memory holds one batch at a time.

    Problems met while expanding the paths (a missing file) come with the first
    batch. Options as for :func:`zhengce.read`.
    """
    native_options(options)  # bad options are refused before anything is listed
    items, problems = plan(paths)
    if options.get("on_error") == "raise":
        _raise_first(problems)
    batches = _batches(items, batch_size)
    if not batches:
        yield problems
        return
    for k, batch in enumerate(batches):
        corpus = read_planned(batch, **options)
        yield problems + corpus if k == 0 and len(problems.errors) else corpus


def _raise_first(problems: Corpus) -> None:
    """Raise the first error met while listing the files (a missing path …) as
    the exception ``zc.read(..., on_error="raise")`` raises for it."""
    first = problems.errors.filter(pl.col("severity") == "error").head(1)
    if first.height:
        row = first.row(0, named=True)
        cls = NotFoundError if row["kind"] == "not_found" else ReadError
        raise cls(row["message"], path=row["source"], kind=row["kind"])


#: Output formats of frames: CSV in UTF-8 with a byte-order mark (Excel then
#: reads Chinese as Chinese, not as GBK mojibake) and list columns joined with ；,
#: which no CSV reader splits; JSON Lines keeps lists as lists.
FORMATS = ("parquet", "csv", "jsonl")


def write_frame(df: pl.DataFrame, path: Path, fmt: str) -> None:
    """Write one frame as ``parquet``, ``csv`` or ``jsonl``, atomically (a
    half-written file never has the final name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "csv":
        df = df.with_columns(pl.col(c).cast(pl.List(pl.String)).list.join("；") for c, t in df.schema.items() if isinstance(t, pl.List))
        df.write_csv(tmp, include_bom=True)
    elif fmt == "jsonl":
        df.write_ndjson(tmp)
    elif fmt == "parquet":
        df.write_parquet(tmp)
    else:
        raise InvalidValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}", context={"field": "format"})
    os.replace(tmp, path)


def _same_files(a: list, b: list) -> bool:
    """The same (file, doc_id) list, however the paths were spelled (docs/,
    ./docs/, an absolute path)."""
    norm = lambda items: [(os.path.realpath(p), d) for p, d in items]  # noqa: E731
    return norm(a) == norm(b)


def extract(
    paths: PathLike | Iterable[PathLike],
    out: PathLike,
    *,
    batch_size: int = 256,
    frames: Sequence[str] = DEFAULT_FRAMES,
    format: str = "parquet",
    overwrite: bool = False,
    progress: Callable[[int], object] | None = None,
    **options: Unpack[ReadOptions],
) -> pl.DataFrame:
    """Read a corpus in batches and write each frame as ``out/<frame>/part-NNNNN.<format>``.

    Resumable: the list of files and batches is kept in ``out/_manifest.json``
    and a batch is marked done only after all its frames are written, so a run
    that was interrupted skips the batches already written. A folder written
    for a different list of files is refused (pass ``overwrite=True`` to start
    again); the same files named differently (``docs/``, ``./docs/``, an
    absolute path) are the same extraction. Each batch also writes the texts
    (``out/texts/``), so that the folder opens as a corpus with ``zc.open(out)``.
    ``progress`` is called with the number of files of each batch done (e.g. a
    tqdm bar's ``update``). Returns one row per batch: files, documents,
    errors, and whether it was skipped.
    """
    if format not in FORMATS:
        raise InvalidValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}", context={"field": "format"})
    out = Path(out)
    items, problems = plan(paths)
    batches = _batches(items, batch_size)
    manifest = {"version": 1, "batch_size": batch_size, "format": format, "frames": list(frames), "items": [list(x) for x in items]}
    mpath = out / MANIFEST
    if mpath.exists() and not overwrite:
        old = json.loads(mpath.read_text(encoding="utf-8"))
        same = {k: old.get(k) for k in manifest if k != "items"} == {k: v for k, v in manifest.items() if k != "items"}
        if not (same and _same_files(old.get("items") or [], manifest["items"])):
            raise ExtractionMismatch(f"{out} holds an extraction of other files or settings: use another folder, or overwrite it", path=str(out))
    else:
        if overwrite and out.exists():
            for p in sorted(out.rglob("*"), reverse=True):
                p.unlink() if p.is_file() else p.rmdir()
        out.mkdir(parents=True, exist_ok=True)
        mpath.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    report = []
    for k, batch in enumerate(batches):
        marker = out / DONE / f"part-{k:05d}"
        if marker.exists():
            report.append({"batch": k, "files": len(batch), "documents": None, "errors": None, "skipped": True, "seconds": 0.0})
            if progress:
                progress(len(batch))
            continue
        t0 = time.perf_counter()
        corpus = read_planned(batch, **options)
        if k == 0 and len(problems.errors):
            corpus = problems + corpus
        for name in frames:
            write_frame(getattr(corpus, name), out / name / f"part-{k:05d}.{format}", format)
        # The texts, so that the frames on disk can be quoted and opened as a corpus (zc.open).
        write_frame(corpus.texts(), out / "texts" / f"part-{k:05d}.{format}", format)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("", encoding="utf-8")
        n_err = corpus.errors.filter(pl.col("severity") == "error").height
        report.append({"batch": k, "files": len(batch), "documents": len(corpus), "errors": n_err, "skipped": False, "seconds": time.perf_counter() - t0})
        if progress:
            progress(len(batch))
    return pl.DataFrame(report, schema={"batch": pl.Int64, "files": pl.Int64, "documents": pl.Int64, "errors": pl.Int64, "skipped": pl.Boolean, "seconds": pl.Float64})


def open_frames(out: PathLike) -> dict[str, pl.LazyFrame]:
    """The frames written by :func:`extract`, as lazy frames over all parts."""
    out = Path(out)
    mpath = out / MANIFEST
    if not mpath.exists():
        raise NotFoundError(f"{out}: no {MANIFEST}; not a folder written by zhengce.extract", path=str(mpath))
    m = json.loads(mpath.read_text(encoding="utf-8"))
    scan_ = {"parquet": pl.scan_parquet, "csv": pl.scan_csv, "jsonl": pl.scan_ndjson}[m["format"]]
    ext = m["format"]
    names = [*m["frames"], "texts"]
    return {name: scan_(str(out / name / f"*.{ext}")) for name in names if (out / name).exists()}


__all__ = ["DEFAULT_FRAMES", "FORMATS", "ExtractionMismatch", "write_frame", "plan", "read_planned", "scan", "extract", "open_frames"]
