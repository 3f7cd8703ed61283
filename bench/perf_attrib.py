"""Where a perf profile's time goes, charged to library functions.

perf's own report charges time to the innermost symbol: memcmp, malloc, fmt
and str searchers, which say little. This charges every sample to the
innermost *library* function on its stack (zhengce::…, jieba_rs::…, polars…,
aho_corasick…), so std and allocator time lands on the code that caused it.

    perf record -F 1999 --call-graph dwarf,16384 -o /tmp/perf.data \\
        target/release/deps/pipeline-<hash> --bench --profile-time 8 'stages/process$'
    python bench/perf_attrib.py /tmp/perf.data --only Bencher

``--only`` keeps samples whose stack contains that text (``Bencher`` drops the
benchmark's setup); ``--top`` sets the number of lines.
"""
from __future__ import annotations

import argparse
import collections
import re
import subprocess

LIBS = ("zhengce::", "<zhengce", "jieba_rs::", "<jieba_rs", "polars", "<polars", "aho_corasick", "regex", "encoding_rs")


def clean(frame: str) -> str:
    f = re.sub(r"^[0-9a-f]+\s+", "", frame.strip())
    f = re.sub(r"\s+\([^()]*\)$", "", f)
    f = re.sub(r"\+0x[0-9a-f]+$", "", f)
    return re.sub(r"::h[0-9a-f]{16}$", "", f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data")
    ap.add_argument("--only", help="keep samples whose stack contains this text")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    script = subprocess.run(["perf", "script", "-i", a.data, "-F", "ip,sym"], capture_output=True, text=True, check=True).stdout
    charged: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    total = 0
    for block in script.split("\n\n"):
        frames = [clean(l) for l in block.strip().splitlines() if l.strip()]
        if not frames or (a.only and not any(a.only in f for f in frames)):
            continue
        total += 1
        own[frames[0][:100]] += 1
        charged[next((f for f in frames if f.startswith(LIBS)), "other")[:100]] += 1
    print(f"{total} samples" + (f" with {a.only!r} on the stack" if a.only else ""))
    print("-- charged to the innermost library function:")
    for k, v in charged.most_common(a.top):
        print(f"{100 * v / total:6.1f} %  {k}")
    print("-- innermost symbol (perf's own view):")
    for k, v in own.most_common(12):
        print(f"{100 * v / total:6.1f} %  {k}")


if __name__ == "__main__":
    main()
