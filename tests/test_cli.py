"""The command line: the README's main job on the bundled sample, and frames to files."""
from __future__ import annotations

import polars as pl

from zhengce import cli


def test_sample_comparison_names_every_province_and_section(capsys):
    assert cli.main(["sample"]) == 0
    out = capsys.readouterr().out
    assert "5 documents from 3 provinces" in out
    for section in ("By province", "What the tasks are about", "How firmly", "Most named departments", "Quantitative targets side by side"):
        assert section in out
    for province in ("吉林", "江苏", "青海"):
        assert province in out
    # The Jiangsu standard of 30 beds per thousand elderly, traceable to its sentence.
    assert "达到每千名老年人30张以上" in out


def test_read_writes_every_frame(tmp_path, capsys):
    import zhengce as zc

    assert cli.main(["read", *zc.sample_paths()[:2], "--out", str(tmp_path / "f")]) == 0
    recs = pl.read_parquet(tmp_path / "f" / "records.parquet")
    assert set(recs["doc_id"]) == {"000_9a543423df43e681", "001_e4f1a67a2aa7b426"}
    assert "wrote" in capsys.readouterr().out


def test_unreadable_input_is_reported(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert cli.main(["compare", str(missing)]) == 1
    assert "nope.txt" in capsys.readouterr().err
