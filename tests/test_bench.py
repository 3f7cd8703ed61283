"""The benchmark machinery (bench/) works on a small corpus: the generator is
deterministic and writes documents zhengce reads as what they were made to be,
the reference pipeline extracts comparable frames, and bench/run.py produces
its results and report. No timing is asserted (BENCHMARKS.md holds the figures)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench") / "corpus-200KB"
    info = generate.generate(out, generate.parse_size("200KB"), seed=7)
    return out, info


def test_generator_is_deterministic_and_varied():
    a, b = generate.make_document(3, seed=1), generate.make_document(3, seed=1)
    assert (a.text, a.encoding, a.relpath) == (b.text, b.encoding, b.relpath)
    assert generate.make_document(3, seed=2).text != a.text
    docs = [generate.make_document(i, seed=1) for i in range(60)]
    assert len({d.province for d in docs}) >= 15
    assert {"utf-8", "gb18030"} <= {d.encoding for d in docs}
    assert any("\r\n" in d.text for d in docs) and any("\u3000\u3000" in d.text for d in docs)
    # Marker styles of several schemes and attributions in several styles.
    joined = "\n".join(d.text for d in docs)
    for marker in ("一、", "（一）", "第一条", "1."):
        assert marker in joined, marker
    for attribution in ("责任单位：", "牵头单位：", "牵头，"):
        assert attribution in joined, attribution
    assert generate.parse_size("200KB") == 200_000 and generate.parse_size("1GB") == 10**9


def test_generated_corpus_reads_as_generated(small_corpus):
    folder, info = small_corpus
    files = sorted(folder.rglob("*.txt"))
    assert len(files) == info["documents"] and sum(f.stat().st_size for f in files) == info["bytes"] >= 200_000
    # The folder is left alone when asked for the same corpus again.
    assert generate.generate(folder, generate.parse_size("200KB"), seed=7) == info
    made = {Path(generate.make_document(i, seed=7).relpath).stem: generate.make_document(i, seed=7) for i in range(info["documents"])}
    c = zc.read(folder)
    assert c.errors.filter(pl.col("severity") == "error").height == 0
    docs = c.documents
    assert docs.height == info["documents"]
    right_province = sum(r["province"] == made[r["doc_id"]].province for r in docs.iter_rows(named=True))
    right_year = sum(r["year"] == made[r["doc_id"]].year for r in docs.iter_rows(named=True))
    assert right_province >= 0.9 * docs.height and right_year >= 0.8 * docs.height
    # Every numbered item written is a task record (unnumbered paragraphs add more).
    tasks = c.records.filter(pl.col("kind") == "task").group_by("doc_id").len()
    for r in tasks.iter_rows(named=True):
        assert r["len"] >= made[r["doc_id"]].n_items * 0.9, r


def test_reference_pipeline_agrees_with_zhengce(small_corpus):
    import reference

    folder, info = small_corpus
    files = reference.list_files([str(folder)])
    frames, timings = reference.run_reference(files)
    c = zc.read(folder)
    assert len(frames["documents"]) == c.documents.height == info["documents"]
    ref_tasks = int((frames["records"]["kind"] == "task").sum())
    zc_tasks = c.records.filter(pl.col("kind") == "task").height
    assert abs(ref_tasks - zc_tasks) <= 0.15 * zc_tasks, (ref_tasks, zc_tasks)
    assert abs(len(frames["departments"]) - c.departments.height) <= 0.25 * c.departments.height
    assert len(frames["targets"]) > 0 and c.targets.height > 0
    assert frames["themes"]["assigned"].sum() > 0.5 * c.themes.filter("assigned").height
    # Same provinces for the same documents.
    ref_prov = dict(zip(frames["documents"]["doc_id"], frames["documents"]["province"]))
    same = sum(ref_prov[r["doc_id"]] == r["province"] for r in c.documents.iter_rows(named=True))
    assert same >= 0.9 * c.documents.height
    assert timings["jieba"] > 0 and timings["total"] >= timings["extract"]


def test_run_py_measures_and_reports(small_corpus, tmp_path):
    folder, _ = small_corpus
    out = tmp_path / "results.json"
    md = tmp_path / "BENCH.md"
    md.write_text("# Bench\n\nhand-written text stays\n\n<!-- results:start (bench/run.py --markdown) -->\nOLD-RESULTS\n<!-- results:end -->\n\nafter\n", encoding="utf-8")
    cmd = [
        sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "200KB", "--seed", "7", "--repeat", "1", "--import-repeat", "1",
        "--corpus-dir", str(folder.parent), "--out", str(out), "--markdown", str(md), "--extras", "token_counts",
        "--stream", "--batch-size", "4",
    ]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    s = res["sizes"]["200KB"]["summary"]
    for key in ("zhengce_t1", "zhengce_t2", "reference"):
        assert s[key]["steady_s"] > 0 and s[key]["peak_rss"] > 0, key
    assert s["zhengce_t1"]["rows"] == s["zhengce_t2"]["rows"]  # threads do not change results
    assert s["zhengce_t1"]["rows"]["documents"] == s["reference"]["rows"]["documents"]
    assert abs(s["zhengce_t1"]["tasks"] - s["reference"]["tasks"]) <= 0.15 * s["zhengce_t1"]["tasks"]
    assert {"vs_reference", "scaling_2_cores", "memory_x"} <= set(s["ratios"])
    assert s["extras"]["token_counts_nnz"] > 0
    stream = res["sizes"]["200KB"]["runs"]["stream"][0]
    assert stream["documents"] == s["zhengce_t1"]["rows"]["documents"] and stream["batches"] == -(-stream["documents"] // 4) and stream["parquet_bytes"] > 0
    assert res["import"]["median"]["first_read_s"] > 0
    assert res["machine"]["cpus_available"] >= 1
    text = md.read_text(encoding="utf-8")
    assert "hand-written text stays" in text and "after" in text and "OLD-RESULTS" not in text
    assert "| 200KB |" in text and "× reference" in text and "Streaming mode" in text
