"""Messy and hostile input from Python: every case of the README table "Messy
input" has its documented outcome — a typed exception naming the file, a
warning in ``corpus.errors``, or a best-effort parse — and none of them panics,
aborts or hangs. The inputs are generated here, not hand-picked."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc

PLAN = "一、总体要求\n全面落实省委部署，加强基层建设。\n二、主要任务\n（一）提高标准。城市低保标准不低于20%。（责任单位：省民政厅）\n"


def noise(n: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


def problems(c: zc.Corpus, severity: str) -> list[dict]:
    return c.errors.filter(pl.col("severity") == severity).to_dicts()


def assert_no_internal(c: zc.Corpus) -> None:
    bad = c.errors.filter((pl.col("kind") == "internal") | pl.col("message").str.contains("internal error"))
    assert bad.height == 0, bad.to_dicts()


def check_offsets(c: zc.Corpus) -> None:
    """Offsets slice the text into each block's marker and text; blocks in order cover it."""
    for doc_id, rows in c.blocks.group_by("doc_id", maintain_order=True):
        text = c.text(doc_id[0])
        at = 0
        for r in rows.iter_rows(named=True):
            piece = text[r["start"] : r["end"]]
            assert piece.startswith(r["marker"]) and piece.endswith(r["text"])
            assert r["start"] >= at and set(text[at : r["start"]]) <= {"\n"}
            at = r["end"]
        assert set(text[at:]) <= {"\n"}


# --- one case per row of the README table ---------------------------------------------

GOOD = PLAN.encode()


def utf16_no_bom(s: str, order: str) -> bytes:
    return s.encode(f"utf-16-{order}")


CASES = {
    # name: (bytes, expected outcome) — outcome is ("error", kind) or ("doc", warning substring or None)
    "empty.txt": (b"", ("doc", "empty")),
    "blank.txt": (" \r\n\t\n\u3000\u200b\r\n".encode(), ("doc", "only white space")),
    "noise.txt": (noise(20_000), ("error", "decode")),
    "nul.txt": (b"\0" * 5000, ("error", "decode")),
    "truncated.txt": (GOOD + "政".encode()[:2], ("doc", "incomplete UTF-8")),
    "gbk.txt": (PLAN.encode("gbk"), ("doc", None)),
    "utf16le.txt": (utf16_no_bom(PLAN, "le"), ("doc", "byte order")),
    "utf16be.txt": (utf16_no_bom(PLAN, "be"), ("doc", "byte order")),
    "html-residue.txt": (("标题\n<div><p>" + PLAN.replace("\n", "</p>\n<p>") + "&nbsp;</p></div>").encode(), ("doc", "HTML tags")),
    "mixed-ends.txt": ("".join(l + ["\n", "\r\n", "\r"][i % 3] for i, l in enumerate(PLAN.splitlines())).encode(), ("doc", None)),
    "invisible.txt": ("".join(ch + "\u200b" for ch in PLAN).replace("。", "。\u0007").encode(), ("doc", "zero-width or control")),
    "no-structure.txt": ("各地要认真落实。加强领导。\n确保取得实效。\n".encode(), ("doc", "no numbered task structure")),
    "legacy.doc": (bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + noise(3000), ("error", "format")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_kind_of_bad_file_has_its_documented_outcome(tmp_path, name):
    data, (what, detail) = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    c = zc.read(str(path))
    assert_no_internal(c)
    if what == "error":
        errs = problems(c, "error")
        assert len(c) == 0 and [e["kind"] for e in errs] == [detail]
        assert str(path) in errs[0]["message"]
        with pytest.raises(zc.ZhengceError) as info:
            zc.read(str(path), on_error="raise")
        expected = {"decode": zc.DecodeError, "format": zc.FormatError}[detail]
        assert type(info.value) is expected and str(path) in str(info.value)
        assert info.value.path == str(path) and info.value.kind == detail
    else:
        assert len(c) == 1 and problems(c, "error") == []
        check_offsets(c)
        # These files are about decoding: a warning that the generated text names
        # no province (a reading warning, not a decoding one) is beside the point.
        warnings = [w["message"] for w in problems(c, "warning") if w["kind"] != "no_province"]
        if detail is None:
            assert warnings == []
        else:
            assert any(detail in w and str(path) in w for w in warnings), warnings
        # A warning never raises.
        assert len(zc.read(str(path), on_error="raise")) == 1


def test_decoded_text_loses_nothing(tmp_path):
    """GBK, UTF-16 and mixed line ends give the very text a UTF-8 file gives."""
    want = None
    for name in ["gbk.txt", "utf16le.txt", "utf16be.txt", "mixed-ends.txt", "truncated.txt"]:
        (tmp_path / name).write_bytes(CASES[name][0])
    (tmp_path / "utf8.txt").write_bytes(GOOD)
    c = zc.read(str(tmp_path))
    want = c.text("utf8")
    for doc_id in c.doc_ids:
        assert c.text(doc_id) == want, doc_id
    assert c.documents.filter(pl.col("doc_id") == "gbk")["encoding"].item() == "gb18030"


def test_missing_path_raises_read_error_naming_it(tmp_path):
    missing = tmp_path / "no" / "such.txt"
    c = zc.read(str(missing))
    assert [e["kind"] for e in problems(c, "error")] == ["not_found"]
    with pytest.raises(zc.ReadError, match="such.txt") as info:
        zc.read(str(missing), on_error="raise")
    assert info.value.path == str(missing) and info.value.kind == "not_found"


def test_size_limit_is_a_clear_configurable_error(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(PLAN * 50, encoding="utf-8")
    with pytest.raises(zc.DocumentTooLargeError, match="max_bytes") as info:
        zc.read(str(path), max_bytes=1000, on_error="raise")
    assert str(path) in str(info.value)
    assert len(zc.read(str(path), max_bytes=1_000_000)) == 1
    c = zc.read_texts({"big": PLAN * 50, "small": PLAN}, max_bytes=1000)
    assert c.doc_ids == ["small"] and problems(c, "error")[0]["kind"] == "too_large"


def test_odd_structure_is_parsed_best_effort(tmp_path):
    rng = random.Random(3)
    ten = ["一、", "（一）", "1.", "（1）", "①", "1）", "1、", "第一章", "第一节", "第一条 "]
    nested = "".join(f"{m}第{i + 1}层\n" for i, m in enumerate(ten)) + "落实责任。加强督查。\n"
    numbers = [rng.randrange(1, 30) for _ in range(200)]
    shuffled = "".join(f"{n}.完成第{n}项任务。落实。\n" for n in numbers)
    brackets = "一、加强（保障\n落实〔2019号文件\n（二）完善制度）。推进）（（\n二、“要求《规定\n提高）》”标准。\n" * 20
    c = zc.read_texts({"nested": nested, "shuffled": shuffled, "brackets": brackets})
    assert_no_internal(c)
    check_offsets(c)
    nested_blocks = c.blocks.filter(pl.col("doc_id") == "nested")
    assert nested_blocks["level"].max() == 10
    assert nested_blocks["path"].to_list()[-1] == ".".join(["1"] * 10)
    assert c.records.filter(pl.col("doc_id") == "shuffled")["path"].to_list() == [str(n) for n in numbers]


def test_a_thousand_files_with_ten_bad_ones(tmp_path):
    rng = random.Random(11)
    bad = set(rng.sample(range(1000), 10))
    makers = [
        lambda i: noise(3000, seed=i),
        lambda i: bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + noise(500, seed=i),
        lambda i: b"\0" * (100 + i),
    ]
    for i in range(1000):
        data = makers[i % 3](i) if i in bad else f"一、任务{i}\n（一）落实第{i}项工作。加强督查。\n".encode()
        (tmp_path / f"doc{i:04}.txt").write_bytes(data)
    c = zc.read(str(tmp_path))
    assert len(c) == 990
    errs = problems(c, "error")
    assert len(errs) == 10
    assert sorted(Path(e["source"]).name for e in errs) == sorted(f"doc{i:04}.txt" for i in bad)
    with pytest.raises((zc.DecodeError, zc.FormatError)) as info:
        zc.read(str(tmp_path), on_error="raise")
    assert Path(info.value.path).name == f"doc{min(bad):04}.txt"


def test_unreadable_files_and_folders_are_reported(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not stop root from reading (see the test of links and pipes below)")
    (tmp_path / "ok.txt").write_text(PLAN, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(PLAN, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "x.txt").write_text(PLAN, encoding="utf-8")
    locked.chmod(0)
    sub.chmod(0)
    try:
        c = zc.read(str(tmp_path))
        assert len(c) == 1
        assert sorted(Path(e["source"]).name for e in problems(c, "error")) == ["locked.txt", "sub"]
        assert {e["kind"] for e in problems(c, "error")} == {"io"}
    finally:
        locked.chmod(0o644)
        sub.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "mkfifo"), reason="needs symbolic links and FIFOs")
def test_entries_that_cannot_be_read_even_by_root(tmp_path):
    """Dangling links, link loops, a FIFO (which would block a naive reader)
    and a folder linking back to itself: each is reported, the rest is read."""
    (tmp_path / "ok.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    c = zc.read(str(tmp_path))
    assert c.doc_ids == ["ok"]
    errs = {Path(e["source"]).name: e["message"] for e in problems(c, "error")}
    assert sorted(errs) == ["a.txt", "b.txt", "dangling.txt", "pipe.txt"]
    assert "not a regular file" in errs["pipe.txt"]
    assert any("loop" in w["message"] for w in problems(c, "warning"))


def test_panics_never_reach_python():
    """Every entry point is shielded: no input above ends as a PanicException,
    and a broken argument is an ordinary Python error."""
    with pytest.raises(ValueError, match="on_error"):
        zc.read_texts({"a": PLAN}, on_error="ignore")
    with pytest.raises(zc.InvalidValueError):
        zc.read_texts({"a": PLAN}, max_bytes=-1)
    with pytest.raises(KeyError):
        zc.read_texts({"a": PLAN}).text("b")


# --- size and memory ---------------------------------------------------------------------

def _peak_rss_mb(body: str) -> list[float]:
    """Run `body` in a fresh interpreter; it calls `mark()` after each stage.
    Returns the peak RSS (MB) at the start and at each mark."""
    code = textwrap.dedent(
        """
        import resource, sys
        peaks = []
        def mark():
            kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            peaks.append(kb / 1024 / (1024 if sys.platform == "darwin" else 1))
        import zhengce, polars
        mark()
        """
    ) + textwrap.dedent(body) + "\nprint(*peaks)\n"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=900)
    return [float(x) for x in out.stdout.split()]


def _one_line_file(path: Path, mb: int) -> float:
    """A document on a single line (a page whose line breaks were stripped)."""
    unit = "加强基层民政建设，提高城乡低保标准不低于20%。"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("一、总体要求\n")
        fh.write(unit * (mb * 1024 * 1024 // len(unit.encode())))
    return path.stat().st_size / 1024 / 1024


def _read_peak_mb(path: Path) -> float:
    """Peak memory (MB) that reading `path` and building its records frame adds."""
    base, frames = _peak_rss_mb(
        f"""
        import zhengce as zc
        c = zc.read([{str(path)!r}])
        assert len(c) == 1 and c.records.height == 1, c.errors
        assert c.documents["n_chars"].item() > 0
        mark()
        """
    )
    return frames - base


def test_a_100_mb_single_line_document_is_read_in_proportional_memory(tmp_path):
    """A 100 MB document on one line is read (one record), and memory grows in
    proportion to the input: the memory added by a further 50 MB is about twice
    that added by a further 25 MB (quadratic growth would make it four times). Measured: about 17 MB per MB of
    text, most of it the token and label tables of the whole text; the absolute
    bound is generous."""
    sizes = {mb: _one_line_file(tmp_path / f"line{mb}.txt", mb) for mb in (25, 50, 100)}
    assert sizes[100] >= 99.9
    peaks = {mb: _read_peak_mb(tmp_path / f"line{mb}.txt") for mb in sizes}
    # The cost of each further 50 MB against that of the 25 MB before: 2 when
    # memory grows linearly, 4 when it grows with the square of the text.
    growth = (peaks[100] - peaks[50]) / max(peaks[50] - peaks[25], 1)
    assert growth < 3.2, peaks
    assert peaks[100] < 30 * sizes[100], f"{peaks[100]:.0f} MB for a {sizes[100]:.0f} MB file"


def test_a_document_over_the_default_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(300 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(zc.DocumentTooLargeError, match="max_bytes"):
        zc.read(str(path), on_error="raise")


def test_texts_that_are_not_unicode_or_not_str():
    """Lone surrogates (from errors="surrogateescape") become U+FFFD with a
    warning, or a DecodeError naming the text; bytes are a TypeError naming it."""
    bad = PLAN.replace("加强", "加\udcff强")
    c = zc.read_texts({"surrogates": bad, "good": PLAN})
    assert len(c) == 2 and "\ufffd" in c.text("surrogates")
    assert any("U+FFFD" in w["message"] and w["source"] == "surrogates" for w in problems(c, "warning"))
    with pytest.raises(zc.DecodeError, match="surrogates"):
        zc.read_texts({"surrogates": bad}, on_error="raise")
    with pytest.raises(TypeError, match="raw: read_texts takes str, not bytes"):
        zc.read_texts({"raw": PLAN.encode()})
