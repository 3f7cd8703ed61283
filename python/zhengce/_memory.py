"""How much memory reading a corpus into memory takes, and a warning before
it takes more than the machine has.

A corpus read with :func:`zhengce.read` holds the Rust documents and the
polars frames built from them: BENCHMARKS.md measured a peak of 4.8–6.4× the
corpus's size on disk (peak RSS minus the dictionaries) at 10 MB, 100 MB and
1 GB with the current build (the most at 10 MB, where the fixed cost of the
frames weighs most). :data:`MEMORY_MULTIPLE` states the highest of these with a
margin; above it,
``zhengce.extract`` (batches written to disk) keeps memory bounded by the batch.
"""
from __future__ import annotations

import os
import warnings
from typing import Sequence

from ._errors import CorpusSizeWarning

#: Peak memory of an in-memory read, as a multiple of the files' size.
MEMORY_MULTIPLE = 8


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation, or None where the
    system does not say (``MemAvailable`` on Linux, else free pages)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def files_size(paths: Sequence[str]) -> int:
    """Total size in bytes of the files a read would take (folders and globs
    expanded as :func:`zhengce.read` expands them; unreadable ones count 0)."""
    from . import _zhengce

    items, _ = _zhengce.plan(list(paths))
    total = 0
    for path, _doc_id in items:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


def warn_if_too_large(paths: Sequence[str], available: int | None = None) -> int:
    """Warn (:class:`zhengce.CorpusSizeWarning`) when reading ``paths`` into
    memory would take more than the available memory; returns the estimate
    in bytes.

    >>> from zhengce._memory import warn_if_too_large
    >>> import zhengce as zc
    >>> warn_if_too_large(zc.sample_paths()) < 10_000_000
    True
    """
    need = files_size(paths) * MEMORY_MULTIPLE
    available = available_memory() if available is None else available
    if available is not None and need > available:
        warnings.warn(
            f"reading these files into memory would take about {need / 2**30:.1f} GiB "
            f"({MEMORY_MULTIPLE}× their size) and {available / 2**30:.1f} GiB is available; "
            "zc.extract(paths, out) reads them in batches and writes each frame to disk, "
            "with memory bounded by the batch (README, 'Large corpora')",
            CorpusSizeWarning,
            stacklevel=3,
        )
    return need
