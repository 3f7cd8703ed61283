"""Every frame of three corpora, pinned row for row by a hash of its contents.

The work on speed and memory (issue 15) changes how frames are built, never
what they hold: this test fails, naming the frame, when a row of any frame of
the bundled sample, a generated 1 MB bench corpus (bench/generate.py, seed 15)
or the dev set beside the repository changes. A deliberate change of what is
extracted updates the pins, and the commit says why:

    python tests/test_frame_hashes.py --update
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "tests" / "data" / "frame_hashes.json"
DEV = ROOT.parent / "shared" / "corpus-dev"
FRAMES = [
    "documents", "records", "headings", "blocks", "departments", "actors", "targets", "target_items",
    "slogans", "deadlines", "themes", "instruments", "tokens", "errors",
]
sys.path.insert(0, str(ROOT / "bench"))


def digest(df: pl.DataFrame, root: str = "\0") -> str:
    """A hash of the columns, their types and every row, in order (rows as
    Python values, so nested columns count too; floats rounded to 9 digits so
    that the last bit of a sum does not count as a change of content); the
    folder the corpus was read from is written as <root>."""
    h = hashlib.sha256(",".join(f"{n}:{t}" for n, t in df.schema.items()).encode())
    for row in df.iter_rows():
        text = repr(tuple(round(v, 9) if isinstance(v, float) else v for v in row))
        h.update(text.replace(root, "<root>").encode())
    return h.hexdigest()[:20]


def corpora(tmp: Path) -> dict[str, tuple[list, str]]:
    """Each corpus's paths and the folder its paths are relative to."""
    import generate

    bench = tmp / "bench-1MB"
    if not bench.exists():
        generate.generate(bench, generate.parse_size("1MB"), seed=15)
    out = {"sample": zc.sample_paths(), "bench1MB": [bench]}
    if DEV.is_dir():
        out["dev"] = [DEV]
    return {name: (paths, str(Path(paths[0]).parent if name == "sample" else paths[0])) for name, paths in out.items()}


def hashes(tmp: Path) -> dict[str, dict]:
    got = {}
    for name, (paths, root) in corpora(tmp).items():
        corpus = zc.read(paths, threads=2)
        for frame in FRAMES:
            df = getattr(corpus, frame)
            got[f"{name}/{frame}"] = {"rows": df.height, "hash": digest(df, root)}
    return got


@pytest.fixture(scope="module")
def current(tmp_path_factory):
    return hashes(tmp_path_factory.mktemp("frame-hashes"))


def test_every_frame_is_as_pinned(current):
    pins = json.loads(PINS.read_text(encoding="utf-8"))
    compared = [k for k in pins if k in current]
    assert compared, "no pinned frame was built"
    changed = [f"{k}: {pins[k]['rows']} rows → {current[k]['rows']} rows" for k in compared if pins[k] != current[k]]
    assert not changed, "frames changed (update the pins with --update if meant):\n" + "\n".join(changed)


def test_threads_do_not_change_a_frame():
    # The same corpus read on one and two threads gives the same rows.
    one = zc.read(zc.sample_paths(), threads=1)
    two = zc.read(zc.sample_paths(), threads=2)
    for frame in FRAMES:
        assert digest(getattr(one, frame)) == digest(getattr(two, frame)), frame


if __name__ == "__main__":
    import tempfile

    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        PINS.write_text(json.dumps(hashes(Path(tmp)), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {PINS}")
