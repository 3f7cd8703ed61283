"""The researcher's workbench: saved corpora, selection, iteration and display in
Jupyter, charts whose Chinese renders, and the reports (HTML checked in a
headless Chromium, Excel read back)."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc
from zhengce._saved import SAVED_FRAMES


@pytest.fixture(scope="module")
def sample() -> zc.Corpus:
    return zc.load_sample()


# --- saved corpora ------------------------------------------------------------------
def test_save_and_open_round_trip_every_frame_exactly(sample, tmp_path):
    extra = tmp_path / "more.dict"
    extra.write_text("低保标准 10 n\n", encoding="utf-8")
    c = zc.read(zc.sample_paths(), user_dict=extra)
    path = c.save(tmp_path / "sample.zc")
    opened = zc.open(path)
    for name in SAVED_FRAMES:
        assert getattr(opened, name).equals(getattr(c, name)), name
        assert getattr(opened, name).schema == getattr(c, name).schema, name
    assert opened.doc_ids == c.doc_ids
    assert all(opened.text(d) == c.text(d) for d in c.doc_ids)
    # What needs the core is made again from the saved texts and dictionaries.
    assert opened.tokens.equals(c.tokens)
    manifest = zipfile.ZipFile(path).read("manifest.json").decode("utf-8")
    assert f'"zhengce_version": "{zc.__version__}"' in manifest and "more.dict" in manifest
    extra.write_text("changed later\n", encoding="utf-8")
    assert zc.open(path).tokens.equals(c.tokens), "the saved copy of the dictionary is used"


def test_open_names_a_file_that_is_not_a_saved_corpus(tmp_path):
    bad = tmp_path / "x.zc"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(zc.DataFileError, match="x.zc"):
        zc.open(bad)
    with pytest.raises(zc.NotFoundError, match="missing.zc"):
        zc.open(tmp_path / "missing.zc")


def test_an_extract_folder_opens_as_the_corpus_of_one_read(sample, tmp_path):
    zc.extract(zc.sample_paths(), tmp_path / "frames", batch_size=2)
    opened = zc.open(tmp_path / "frames")
    for name in zc.WRITTEN_FRAMES:
        assert getattr(opened, name).drop("n_warnings", strict=False).equals(getattr(sample, name).drop("n_warnings", strict=False)), name
    assert opened.text(sample.doc_ids[3]) == sample.text(sample.doc_ids[3])


# --- notebook niceties ---------------------------------------------------------------
def test_filter_iterate_concatenate_and_display(sample, tmp_path):
    jl = sample.filter(province="吉林")
    assert set(jl.documents["province"]) == {"吉林"} and len(jl) == 3
    assert set(jl.records["doc_id"]) == set(jl.doc_ids)
    assert sample.filter(year=range(2019, 2021)).documents["year"].to_list() == [2019, 2020, 2020]
    with pytest.raises(zc.InvalidValueError, match="no document column 'colour'"):
        sample.filter(colour="red")
    docs = list(sample)
    assert [d.province for d in docs] == sample.documents["province"].to_list()
    assert docs[3].records.equals(sample.records.filter(pl.col("doc_id") == docs[3].doc_id))
    assert docs[3].text == sample.text(docs[3].doc_id) and sample[docs[3].doc_id].title == docs[3].title
    both = jl + sample.filter(province="青海")
    assert both.documents["province"].to_list() == ["吉林"] * 3 + ["青海"]
    opened = zc.open(sample.save(tmp_path / "s.zc"))
    assert opened.filter(province="江苏").records.equals(sample.filter(province="江苏").records)
    html = sample._repr_html_()
    assert "5</b> documents" in html and "吉林、江苏、青海" in html and "<table>" in html


# --- charts ------------------------------------------------------------------------
def _rendered(text: str, family: str | None, path: Path):
    """A PNG of ``text`` alone, in ``family`` (None: matplotlib's default), as pixels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(1.2, 0.6))
    fig.text(0.1, 0.3, text, fontsize=20, **({"family": family} if family else {}))
    fig.savefig(path, dpi=60)
    plt.close(fig)
    return mpimg.imread(path)


def test_a_saved_chart_draws_chinese_with_a_font_that_has_the_glyphs(sample, tmp_path, recwarn):
    import numpy as np
    from matplotlib.ft2font import FT2Font

    import zhengce.plot as zp

    family = zp.cjk_font()
    font = FT2Font(zp.font_path())
    labels = "".join(sample.themes["name"].unique().to_list()) + "吉林江苏青海"
    missing = [ch for ch in set(labels) if not font.get_char_index(ord(ch))]
    assert not missing, f"{zp.font_path()} lacks {missing}"
    frame = sample.compare("province", "themes")
    png = zp.save(zp.heatmap(frame), tmp_path / "themes.png")
    assert png.stat().st_size > 10_000
    assert not [w for w in recwarn if "missing from" in str(w.message)], "matplotlib fell back to a font without Chinese"
    # In the chart font two different characters give two different drawings; in a
    # font without them both are the same empty box.
    a, b = _rendered("吉", family, tmp_path / "a.png"), _rendered("林", family, tmp_path / "b.png")
    assert not np.array_equal(a, b)


# --- reports -------------------------------------------------------------------------
def test_html_report_loads_in_headless_chromium_with_chinese_and_no_console_errors(sample, tmp_path):
    path = zc.report(sample, tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?:""", html), "the report fetches nothing"
    # The research methods (issue 16) stand in the methods section with their formulas and sources.
    for needed in ("Methods", "Documents whose reading is uncertain", "达到每千名老年人30张以上", "苏办〔2012〕85号", "PMC = Σ_i X_i", "Krippendorff"):
        assert needed in html
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is installed by scripts/test.sh")
    shot = tmp_path / "shot.png"
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run([*args, "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "吉林" in dom.stdout and "社会救助" in dom.stdout and "<img" in dom.stdout
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console
    subprocess.run([*args, f"--screenshot={shot}", "--window-size=1200,900", path.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000


def test_excel_report_reads_back_every_sheet_with_chinese_headers(sample, tmp_path):
    import openpyxl

    path = zc.report(sample, tmp_path / "report.xlsx", headers="zh")
    wb = openpyxl.load_workbook(path)
    for name in ("documents", "records", "departments", "targets", "themes", "errors", "table_themes"):
        assert name in wb.sheetnames
    ws = wb["targets"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert "原文" in header and "期限" in header and "span" not in header
    assert ws.max_row == sample.targets.height + 1
    spans = [r[header.index("原文")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert spans == sample.targets["span"].to_list()
    assert ws.column_dimensions["A"].width >= 15 and ws.column_dimensions["D"].width >= 20, "widths fit the contents"
    docs = wb["documents"]
    assert docs.max_row == len(sample) + 1 and "发文字号" in [c.value for c in docs[1]]
