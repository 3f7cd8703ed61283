"""Running the extraction on Dask, when a corpus outgrows one machine.

The unit of work is a partition: a list of ``(path, doc_id)`` pairs (from
:func:`zhengce.stream.plan`, so doc_ids are the ones a single ``zc.read`` gives)
or of ``(name, text)`` pairs. :func:`read_partition` maps one partition to a
dict of polars frames; it is what runs on the workers, from ``dask.bag``,
``client.map`` or ``dask.dataframe``. Each worker process loads the
dictionaries once, on its first partition, and keeps them.

>>> from dask.distributed import Client, LocalCluster           # doctest: +SKIP
>>> client = Client(LocalCluster(n_workers=4, processes=True))   # doctest: +SKIP
>>> frames = zhengce.distributed.extract(["docs/"], client=client)  # doctest: +SKIP
>>> frames["records"]                                             # doctest: +SKIP

Dask is imported only when these functions are called.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

import polars as pl

from . import _zhengce
from ._corpus import PathLike, read_texts
from ._options import ReadOptions
from .stream import DEFAULT_FRAMES, plan, read_planned

if TYPE_CHECKING:
    from typing_extensions import Unpack


def read_partition(
    items: Sequence[tuple[str, str]], frames: Sequence[str] = DEFAULT_FRAMES, texts: bool = False, **options: Unpack[ReadOptions]
) -> dict[str, pl.DataFrame]:
    """Read one partition and return the requested frames.

    ``items`` are ``(path, doc_id)`` pairs, or ``(name, text)`` pairs with ``texts=True``.
    Options as for :func:`zhengce.read`.
    """
    if texts:
        corpus = read_texts([(str(n), t) for n, t in items], **options)
    else:
        corpus = read_planned(items, **options)
    return {name: getattr(corpus, name) for name in frames}


def partitions(items: Sequence, npartitions: int) -> list[list]:
    """Split items into ``npartitions`` contiguous partitions of near-equal size."""
    n = max(1, min(npartitions, len(items) or 1))
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for k in range(n):
        end = start + size + (1 if k < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return [p for p in out if p]


def _concat(parts: list[dict[str, pl.DataFrame]], frames: Sequence[str]) -> dict[str, pl.DataFrame]:
    return {name: pl.concat([p[name] for p in parts], how="vertical") for name in frames}


def extract(
    paths: PathLike | Iterable[PathLike],
    *,
    client=None,
    npartitions: int | None = None,
    frames: Sequence[str] = DEFAULT_FRAMES,
    **options: Unpack[ReadOptions],
) -> dict[str, pl.DataFrame]:
    """Read a corpus on a Dask cluster (``client``) or Dask's local scheduler and
    return the frames, in the same order and with the same doc_ids as ``zc.read``.
    Problems met while expanding the paths are in the ``errors`` frame."""
    import dask.bag as db

    items, problems = plan(paths)
    if npartitions is None:
        workers = len(client.scheduler_info()["workers"]) if client is not None else 4
        npartitions = max(1, 4 * workers)
    parts = partitions(items, npartitions)
    bag = db.from_sequence(parts, npartitions=len(parts) or 1).map(lambda p: read_partition(p, frames=frames, **options))
    results = client.compute(bag).result() if client is not None else bag.compute()
    out = _concat(results, frames) if results else {name: getattr(problems, name) for name in frames}
    if "errors" in out and len(problems.errors):
        out["errors"] = pl.concat([problems.errors, out["errors"]], how="vertical")
    return out


def to_dask_dataframe(paths: PathLike | Iterable[PathLike], frame: str = "records", *, npartitions: int = 8, **options: Unpack[ReadOptions]):
    """One frame of a corpus as a ``dask.dataframe`` (pandas partitions), read lazily
    partition by partition on the workers. List columns become Python lists."""
    import dask.dataframe as dd

    items, _ = plan(paths)
    parts = partitions(items, npartitions)

    def load(part):
        return read_partition(part, frames=(frame,), **options)[frame].to_pandas()

    meta = read_partition([], frames=(frame,), texts=True)[frame].to_pandas()
    return dd.from_map(load, parts, meta=meta)


def dictionary_loads() -> int:
    """How many times this process has loaded the dictionaries (jieba and the
    label dictionaries). A Dask worker should report 1 after any number of tasks."""
    return _zhengce.dictionary_loads()


__all__ = ["read_partition", "partitions", "extract", "to_dask_dataframe", "dictionary_loads"]
