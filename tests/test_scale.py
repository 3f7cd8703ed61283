"""Streaming in batches, resumable extraction to Parquet, and the Dask path:
all give the documents and frames a single zc.read gives."""
from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import zhengce as zc
from zhengce import cli, stream

FRAMES = ("documents", "records", "departments", "targets", "slogans", "deadlines")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    """The sample twice over, in two folders, so stems repeat (x and x~2)."""
    root = tmp_path_factory.mktemp("corpus")
    for sub in ("a", "b"):
        (root / sub).mkdir()
        for p in zc.sample_paths():
            shutil.copy(p, root / sub / Path(p).name)
    (root / "b" / "notes.json").write_text("{}", encoding="utf-8")
    return root


def frames_equal(a: dict[str, pl.DataFrame] | zc.Corpus, b: zc.Corpus, names=FRAMES):
    for name in names:
        left = a[name] if isinstance(a, dict) else getattr(a, name)
        right = getattr(b, name)
        if name == "documents":
            # Times and sizes are the same; sources are the same paths.
            left, right = left.drop("n_warnings"), right.drop("n_warnings")
        assert_frame_equal(left, right, check_row_order=True), name


def test_scan_batches_give_the_documents_of_one_read(corpus_dir):
    whole = zc.read([corpus_dir])
    batches = list(zc.scan([corpus_dir], batch_size=3))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    ids = [i for b in batches for i in b.doc_ids]
    assert ids == whole.doc_ids and len(set(ids)) == 10
    assert any(i.endswith("~2") for i in ids)
    combined = batches[0]
    for b in batches[1:]:
        combined = combined + b
    frames_equal(combined, whole)
    # The skipped notes.json is reported once, with the first batch.
    assert batches[0].errors.filter(pl.col("kind") == "skipped").height == 1
    assert sum(b.errors.filter(pl.col("kind") == "skipped").height for b in batches) == 1


def test_extract_writes_parts_and_resumes(corpus_dir, tmp_path):
    out = tmp_path / "out"
    report = zc.extract([corpus_dir], out, batch_size=4)
    assert report["skipped"].to_list() == [False, False, False]
    assert sorted(p.name for p in (out / "records").iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    whole = zc.read([corpus_dir])
    lazy = zc.open_frames(out)
    frames_equal({k: v.collect() for k, v in lazy.items()}, whole)

    # An interruption during batch 1: its frames half written, no done marker.
    (out / "_done" / "part-00001").unlink()
    (out / "targets" / "part-00001.parquet").unlink()
    before = (out / "records" / "part-00000.parquet").stat().st_mtime_ns
    report = zc.extract([corpus_dir], out, batch_size=4)
    assert report["skipped"].to_list() == [True, False, True]
    assert (out / "records" / "part-00000.parquet").stat().st_mtime_ns == before
    frames_equal({k: v.collect() for k, v in zc.open_frames(out).items()}, whole)


def test_extract_refuses_a_folder_of_other_files(corpus_dir, tmp_path):
    out = tmp_path / "out"
    zc.extract([corpus_dir / "a"], out, batch_size=2)
    with pytest.raises(ValueError, match="other files"):
        zc.extract([corpus_dir], out, batch_size=2)
    report = zc.extract([corpus_dir], out, batch_size=2, overwrite=True)
    assert report.height == 5 and not report["skipped"].any()


def test_extract_from_the_command_line(corpus_dir, tmp_path, capsys):
    out = tmp_path / "cli"
    assert cli.main(["extract", str(corpus_dir / "a"), "--out", str(out), "--batch-size", "2", "--format", "csv"]) == 0
    assert "3 batches, 3 written now (5 documents" in capsys.readouterr().out
    recs = pl.read_csv(out / "records" / "part-00000.csv")
    assert recs.height > 0 and recs["departments"].dtype == pl.String
    assert cli.main(["extract", str(corpus_dir / "a"), "--out", str(out), "--batch-size", "2", "--format", "csv"]) == 0
    assert "3 already written" in capsys.readouterr().out


def test_plan_then_read_planned_in_any_order_gives_the_same_ids(corpus_dir):
    items, problems = stream.plan([corpus_dir])
    assert len(items) == 10 and problems.errors.height == 1
    back = stream.read_planned(list(reversed(items)))
    assert back.doc_ids == [d for _, d in reversed(items)]


# --- Dask -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_gives_the_single_machine_frames(corpus_dir, client):
    from zhengce import distributed

    whole = zc.read([corpus_dir])
    frames = distributed.extract([corpus_dir], client=client, npartitions=6, frames=FRAMES + ("errors",))
    frames_equal(frames, whole)
    assert frames["errors"].filter(pl.col("kind") == "skipped").height == 1
    # Every worker loaded the dictionaries once, however many partitions it ran.
    loads = client.run(distributed.dictionary_loads)
    assert sorted(loads.values()) == [1, 1]
    distributed.extract([corpus_dir], client=client, npartitions=8, frames=("records",))
    assert sorted(client.run(distributed.dictionary_loads).values()) == [1, 1]


def test_dask_dataframe_and_texts(corpus_dir, client):
    from zhengce import distributed

    whole = zc.read([corpus_dir])
    ddf = distributed.to_dask_dataframe([corpus_dir], "records", npartitions=3)
    got = client.compute(ddf).result()
    assert list(got["doc_id"]) == whole.records["doc_id"].to_list()
    texts = [(Path(p).stem, Path(p).read_text(encoding="utf-8")) for p in zc.sample_paths()]
    part = distributed.read_partition(texts, frames=("targets",), texts=True)
    assert part["targets"].height == zc.read_texts(texts).targets.height > 0
