"""Opening a saved corpus against reading it again.

Generates (or reuses) a bench corpus of the given size with bench/generate.py,
reads it once and saves it (``corpus.save``), then times, in fresh processes,
fastest of ``--repeat``:

* **read**: ``zc.read(folder)`` and every saved frame (all but tokens) built;
* **open**: ``zc.open(file)`` and the same frames loaded.

Prints one line with both times, the ratio and the saved file's size; the
issue's goal is a ratio of at least 10 on the 100 MB corpus.

    python bench/saved.py --size 100MB
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

CHILD = r"""
import sys, time, json
t0 = time.perf_counter()
import zhengce as zc
what, path = sys.argv[1], sys.argv[2]
c = zc.read(path) if what == "read" else zc.open(path)
from zhengce._saved import SAVED_FRAMES
rows = sum(getattr(c, name).height for name in SAVED_FRAMES)
print(json.dumps({"seconds": time.perf_counter() - t0, "rows": rows, "documents": len(c)}))
"""


def timed(what: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, what, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="100MB")
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args(argv)
    folder = HERE / "out" / f"corpus-{a.size}"
    if not folder.exists():
        generate.generate(folder, generate.parse_size(a.size), progress=True)
    import zhengce as zc

    saved = HERE / "out" / f"corpus-{a.size}.zc"
    t0 = time.perf_counter()
    zc.read(str(folder)).save(saved)
    save_s = time.perf_counter() - t0
    reads = [timed("read", folder) for _ in range(a.repeat)]
    opens = [timed("open", saved) for _ in range(a.repeat)]
    r, o = min(x["seconds"] for x in reads), min(x["seconds"] for x in opens)
    assert reads[0]["rows"] == opens[0]["rows"], "opening gives the rows reading gives"
    print(
        f"{a.size}: read + frames {r:.2f} s, open + frames {o:.2f} s, {r / o:.1f}x faster "
        f"({opens[0]['documents']} documents, {opens[0]['rows']} rows; saved file {saved.stat().st_size / 1e6:.0f} MB, read + save once {save_s:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
