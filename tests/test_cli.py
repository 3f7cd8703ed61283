"""The command line as a new user meets it: the README's main job on the bundled
sample, frames to files in every format, stable output, one-line errors naming
the file with a documented exit code, never a traceback."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc
from zhengce import cli

PLAN = "吉林省民政厅关于印发《工作方案》的通知\n一、主要任务\n（一）提高标准。城市低保标准不低于20%。（责任单位：省民政厅）\n"


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`python -m zhengce ARGS` in a fresh process, as from a shell."""
    return subprocess.run([sys.executable, "-m", "zhengce", *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=600)


@pytest.fixture()
def docs(tmp_path) -> Path:
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(PLAN, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(PLAN.replace("20%", "30%"), encoding="utf-8")
    return d


def test_sample_comparison_names_every_province_and_section(capsys):
    assert cli.main(["sample", "--width", "200"]) == 0
    out = capsys.readouterr().out
    assert "5 documents from 3 provinces" in out
    for section in ("What the tasks are about", "How firmly", "Who is made responsible", "Quantitative targets side by side"):
        assert section in out
    for province in ("吉林", "江苏", "青海"):
        assert province in out
    # The Jiangsu standard of 30 beds per thousand elderly, traceable to its sentence.
    assert "达到每千名老年人30张以上" in out
    # Theme names, not ids; canonical department names; strength without float32 noise.
    assert "社会救助" in out and "social_assistance" not in out
    assert "0.6666666" not in out


def test_printed_tables_are_stable_and_fit_the_width():
    first = run("sample", "--width", "90")
    second = run("sample", "--width", "90")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    from zhengce._report import _cell_width

    assert max(_cell_width(line) for line in first.stdout.splitlines()) <= 90


def test_targets_table_says_which_document_and_keeps_value_max(capsys):
    cli.main(["sample", "--width", "250"])
    out = capsys.readouterr().out
    targets = out[out.index("Quantitative targets side by side") :]
    header = targets.splitlines()[4]
    assert "document" in header and "value_max" in header
    assert "苏办〔2012〕85号" in targets


def test_read_writes_every_frame_in_every_format(docs, tmp_path):
    for fmt in ("parquet", "csv", "jsonl", "xlsx"):
        out = tmp_path / f"f-{fmt}"
        assert cli.main(["read", str(docs), "--out", str(out), "--format", fmt]) == 0
    recs = pl.read_parquet(tmp_path / "f-parquet" / "records.parquet")
    assert set(recs["doc_id"]) == {"a", "b"}
    assert sorted(p.stem for p in (tmp_path / "f-parquet").iterdir()) == sorted(zc.WRITTEN_FRAMES)
    raw = (tmp_path / "f-csv" / "departments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV for Excel starts with a byte-order mark"
    assert "省民政厅" in raw.decode("utf-8-sig")
    lines = (tmp_path / "f-jsonl" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["doc_id"] == "a"
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "f-xlsx" / "frames.xlsx")
    assert wb.sheetnames == list(zc.WRITTEN_FRAMES)


def test_extract_writes_the_frames_of_read_and_resumes_however_the_folder_is_spelled(docs, tmp_path, monkeypatch):
    out = tmp_path / "x"
    assert cli.main(["extract", str(docs), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("_")) == sorted([*zc.WRITTEN_FRAMES, "texts"])
    monkeypatch.chdir(docs.parent)
    assert cli.main(["extract", "./docs/", "--out", str(out)]) == 0
    (docs / "c.txt").write_text(PLAN, encoding="utf-8")
    r = run("extract", str(docs), "--out", str(out))
    assert r.returncode == 1
    assert "--overwrite" in r.stderr and "overwrite=True" not in r.stderr and "Traceback" not in r.stderr


def test_a_file_named_by_several_patterns_is_read_once(docs):
    c = zc.read([str(docs / "a.txt"), str(docs), str(docs / "**" / "*.txt")])
    assert c.documents["doc_id"].to_list() == ["a", "b"]


def test_errors_are_one_line_naming_the_file_with_documented_codes(docs, tmp_path):
    missing = tmp_path / "nope.txt"
    r = run("compare", str(missing))
    assert (r.returncode, "Traceback" in r.stderr) == (1, False)
    assert "nope.txt" in r.stderr
    (docs / "bad.txt").write_bytes(bytes(range(256)) * 40)
    r = run("compare", str(docs), "--raise")
    assert (r.returncode, "Traceback" in r.stderr) == (1, False)
    assert "bad.txt" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run("compare", str(docs))
    assert r.returncode == 3 and "bad.txt" in r.stderr and "corpus.errors" not in r.stdout + r.stderr
    r = run("read", str(docs), "--out", "/proc/zhengce-cannot-write")
    assert r.returncode == 4 and "cannot write" in r.stderr and "Traceback" not in r.stderr
    r = run("read", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "o"))
    assert r.returncode == 1 and not (tmp_path / "o").exists()


def test_broken_pipe_ends_quietly():
    if shutil.which("head") is None:
        pytest.skip("no head")
    r = subprocess.run(f"'{sys.executable}' -m zhengce sample | head -2", shell=True, capture_output=True, text=True, timeout=600)
    assert len(r.stdout.splitlines()) == 2
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr


def test_version_help_and_warnings(docs, tmp_path):
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"zhengce {zc.__version__}"
    r = run("--help")
    assert "examples:" in r.stdout and "exit codes:" in r.stdout
    (docs / "plain.txt").write_text("这是一段没有编号的文字。\n", encoding="utf-8")
    r = run("compare", str(docs), "--width", "100")
    assert r.returncode == 0
    assert "warning" in r.stderr and "plain.txt" in r.stderr


def test_province_override_and_no_blank_province_rows(docs, tmp_path):
    (docs / "unknown.txt").write_text("一、主要任务\n（一）提高标准。落实资金。\n", encoding="utf-8")
    r = run("compare", str(docs), "--width", "150")
    assert "（省份不明）" in r.stdout
    out = tmp_path / "o"
    assert cli.main(["read", str(docs), "--out", str(out), "--province", "江苏"]) == 0
    assert set(pl.read_parquet(out / "documents.parquet")["province"]) == {"江苏"}


def test_report_and_save_from_the_command_line(docs, tmp_path):
    r = run("save", str(docs), "-o", str(tmp_path / "c.zc"))
    assert r.returncode == 0, r.stderr
    r = run("report", str(tmp_path / "c.zc"), "-o", str(tmp_path / "r.xlsx"))
    assert r.returncode == 0, r.stderr
    assert str((tmp_path / "r.xlsx").resolve()) in r.stdout
    r = run("report", "--sample", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert str(tmp_path / "zhengce-report.html") in r.stdout and (tmp_path / "zhengce-report.html").exists()
