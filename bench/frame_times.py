"""Time `read` and each default frame of one corpus, in this process.

    python bench/frame_times.py bench/out/corpus-1GB --threads 2

For comparisons of frame building between two builds of the extension (run
each build back to back: the machine's noise is larger than most changes).
"""
from __future__ import annotations

import argparse
import time

import zhengce as zc

FRAMES = ["documents", "records", "departments", "targets", "slogans", "deadlines", "themes", "instruments"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    t = time.perf_counter()
    corpus = zc.read(a.folder, threads=a.threads)
    read_s = time.perf_counter() - t
    times = {}
    for name in FRAMES:
        t = time.perf_counter()
        getattr(corpus, name)
        times[name] = time.perf_counter() - t
    print(f"read {read_s:.1f} s, frames {sum(times.values()):.1f} s: " + "; ".join(f"{k} {v:.2f}" for k, v in times.items()))


if __name__ == "__main__":
    main()
