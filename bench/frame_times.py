"""Time `read` and each default frame of one corpus, in this process, and
the memory each adds (resident set size after it, minus the size once the
dictionaries are loaded).

    python bench/frame_times.py bench/out/corpus-1GB --threads 2

For comparisons of frame building between two builds of the extension (run
each build back to back: the machine's noise is larger than most changes).
"""
from __future__ import annotations

import argparse
import os
import time

import zhengce as zc

FRAMES = ["documents", "records", "departments", "targets", "slogans", "deadlines", "themes", "instruments"]


def rss_mb() -> float:
    """Resident set size now, in MB (Linux: /proc/self/statm)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    zc.read_texts({"warmup": "一、任务\n落实。"}, threads=a.threads)
    base = rss_mb()
    t = time.perf_counter()
    corpus = zc.read(a.folder, threads=a.threads)
    read_s, before = time.perf_counter() - t, rss_mb()
    parts = []
    for name in FRAMES:
        t = time.perf_counter()
        getattr(corpus, name)
        now = rss_mb()
        parts.append((name, time.perf_counter() - t, now - before))
        before = now
    frames_s, frames_mb = sum(p[1] for p in parts), sum(p[2] for p in parts)
    print(f"read {read_s:.1f} s (+{before - frames_mb - base:.0f} MB), frames {frames_s:.1f} s (+{frames_mb:.0f} MB): "
          + "; ".join(f"{n} {s:.2f} s +{m:.0f} MB" for n, s, m in parts))


if __name__ == "__main__":
    main()
