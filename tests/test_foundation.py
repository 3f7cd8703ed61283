"""The foundation from Python: reading, decoding, offsets, structure, metadata,
departments, the bundled sample, and the data model documented in the README."""
from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"


@pytest.fixture(scope="module")
def sample() -> zc.Corpus:
    return zc.load_sample()


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


# --- the sample and the gold ------------------------------------------------------

def test_sample_is_bundled_and_read_from_the_package(sample):
    assert len(sample) == 5
    assert all(Path(s).parent == Path(zc.__file__).parent / "sample" for s in sample.documents["source"])
    assert sample.errors.filter(pl.col("severity") == "error").height == 0
    assert sorted(sample.documents["province"].unique()) == ["吉林", "江苏", "青海"]


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_records_departments_and_metadata_match_the_gold(sample, gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    doc_id = Path(gold["file"]).stem
    doc = sample.documents.filter(pl.col("doc_id") == doc_id).row(0, named=True)
    for key, want in gold["document"].items():
        got = doc[key]
        if key == "date":
            got = None if got is None else got.isoformat()
        assert (squash(str(got)) == squash(str(want))) if want is not None else got is None, (key, got, want)
    recs = sample.records.filter((pl.col("doc_id") == doc_id) & (pl.col("path") != "")).to_dicts()
    assert len(recs) == len(gold["records"])
    for r, g in zip(recs, gold["records"]):
        assert r["path"] == g["path"]
        assert squash(r["text"]).startswith(squash(g["starts"])), (r["path"], r["text"][:20], g["starts"])
        assert [squash(d) for d in r["departments"]] == [squash(d) for d in g["departments"]]


# --- offsets ------------------------------------------------------------------------

def check_offsets(corpus: zc.Corpus) -> int:
    n = 0
    for r in corpus.blocks.iter_rows(named=True):
        full = corpus.text(r["doc_id"])
        piece = full[r["start"] : r["end"]]
        assert piece.startswith(r["marker"])
        assert piece[len(r["marker"]) :].lstrip() == r["text"]
        n += 1
    for d in corpus.departments.iter_rows(named=True):
        assert corpus.text(d["doc_id"])[d["start"] : d["end"]] == d["department"]
    return n


def test_offsets_slice_the_text_in_the_sample(sample):
    assert check_offsets(sample) > 200


def test_blocks_cover_every_paragraph_in_order(sample):
    for doc_id in sample.doc_ids:
        text = sample.text(doc_id)
        b = sample.blocks.filter(pl.col("doc_id") == doc_id).sort("record_id")
        covered = "\n".join(text[s:e] for s, e in zip(b["start"], b["end"]))
        assert covered == text


# --- reading and decoding -------------------------------------------------------------

DOC = "吉林省民政厅关于印发《2019年工作要点》的通知\n吉民发〔2019〕15号\n一、主要任务\n1.提高城乡低保标准。城市低保标准不低于当地上年度人均可支配收入的20%。（责任单位：救助处、规划财务处）\n"


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""), ("gb18030", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_decoding(tmp_path, encoding, prefix):
    p = tmp_path / f"doc-{encoding}.txt"
    p.write_bytes(prefix + DOC.replace("\n", "\r\n").encode(encoding))
    c = zc.read([p])
    assert c.errors.filter(pl.col("severity") == "error").height == 0
    rec = c.records.filter(pl.col("path") == "1.1").row(0, named=True)
    assert rec["departments"] == ["救助处", "规划财务处"]
    assert c.documents["doc_number"][0] == "吉民发〔2019〕15号"


def test_utf16_without_bom_and_cr_line_ends(tmp_path):
    p = tmp_path / "noboom.txt"
    p.write_bytes(DOC.replace("\n", "\r").encode("utf-16-le"))
    c = zc.read([p])
    assert c.documents["encoding"][0] == "utf-16le"
    assert c.records.filter(pl.col("kind") == "task").height == 1


def test_undecodable_file_names_the_file_and_keeps_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DOC, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    c = zc.read([tmp_path])
    assert c.doc_ids == ["good"]
    err = c.errors.filter(pl.col("severity") == "error").row(0, named=True)
    assert err["kind"] in ("decode", "format") and "bad.txt" in err["message"]
    with pytest.raises((zc.DecodeError, zc.FormatError), match="bad.txt"):
        zc.read([bad, good], on_error="raise")


def test_missing_path_and_globs(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "a" / "notes.json").write_text("{}", encoding="utf-8")
    c = zc.read([str(tmp_path / "a" / "*.txt"), tmp_path / "nope.txt"])
    assert c.doc_ids == ["x", "y"]
    assert c.errors.filter(pl.col("kind") == "not_found").height == 1
    with pytest.raises(zc.ReadError, match="nope.txt"):
        zc.read([tmp_path / "nope.txt"], on_error="raise")
    c = zc.read([tmp_path / "a"])
    skipped = c.errors.filter(pl.col("kind") == "skipped")
    assert skipped.height == 1 and "notes.json" in skipped["message"][0]


def test_read_texts_and_duplicate_ids():
    c = zc.read_texts([("d", DOC), ("d", DOC)])
    assert c.doc_ids == ["d", "d~2"]
    assert c.documents["source"].to_list() == ["d", "d"]


def test_size_limit():
    with pytest.raises(zc.DocumentTooLargeError):
        zc.read_texts({"big": DOC * 100}, max_bytes=1000, on_error="raise")


def test_metadata_overrides_by_dict_and_manifest(tmp_path):
    p = tmp_path / "jl.txt"
    p.write_text(DOC, encoding="utf-8")
    c = zc.read([p], meta={"jl.txt": {"province": "广东", "date": "2020-01-02"}})
    d = c.documents.row(0, named=True)
    assert (d["province"], d["province_source"], d["year"], str(d["date"])) == ("广东", "override", 2020, "2020-01-02")
    m = tmp_path / "manifest.csv"
    m.write_text("file,issuer,year\njl.txt,某某厅,2018\n", encoding="utf-8")
    d = zc.read([p], manifest=m).documents.row(0, named=True)
    assert (d["issuer"], d["year"], d["province"]) == ("某某厅", 2018, "吉林")
    with pytest.raises(ValueError, match="unknown field"):
        zc.read([p], meta={"jl.txt": {"colour": "red"}})


# --- structure from Python --------------------------------------------------------------

def test_web_boilerplate_and_metadata_header_are_not_records():
    text = (
        "索引号:\t11220000/2020-01627\t分类:\t社会救助;通知\n发文机关:\t广东省民政厅\t成文日期:\t2020年04月21日\n"
        "发文字号:\t粤民发〔2020〕13号\t发布日期:\t2020年04月24日\n关于做好社会救助工作的通知\n"
        "一、总体要求\n落实兜底保障，加强救助。\n扫一扫在手机打开当前页\nProduced By 大汉网络 大汉版通发布系统\n"
    )
    c = zc.read_texts({"gd": text})
    d = c.documents.row(0, named=True)
    assert (d["province"], d["issuer"], d["doc_number"], str(d["date"]), str(d["published"])) == (
        "广东", "广东省民政厅", "粤民发〔2020〕13号", "2020-04-21", "2020-04-24")
    tasks = c.records.filter(pl.col("kind") == "task")
    assert tasks["text"].to_list() == ["落实兜底保障，加强救助。"]
    assert c.blocks.filter(pl.col("kind") == "boilerplate").height == 2


@pytest.mark.parametrize(
    "issuer,province",
    [("长春市民政局", "吉林"), ("辉南县民政局", "吉林"), ("海南藏族自治州民政局", "青海"), ("海南省民政厅", "海南"), ("内蒙古自治区民政厅", "内蒙古")],
)
def test_city_and_county_issuers_give_their_province(issuer, province):
    c = zc.read_texts({"x": f"{issuer}关于印发《养老服务工作方案》的通知\n一、任务\n落实。加强。"})
    assert c.documents["province"][0] == province


# --- the data model is documented --------------------------------------------------------

def readme_tables() -> dict[str, list[tuple[str, str]]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Data model", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, list[tuple[str, str]]] = {}
    for block in section.split("### `")[1:]:
        name = block.split("`", 1)[0]
        rows = re.findall(r"^\| (\w+) \| ([\w\[\]]+) \|", block, flags=re.M)
        tables[name] = [(c, t) for c, t in rows if c != "column"]
    return tables


DTYPES = {"str": pl.String, "i64": pl.Int64, "i32": pl.Int32, "f64": pl.Float64, "bool": pl.Boolean, "date": pl.Date, "list[str]": pl.List(pl.String)}


def is_type(dtype: pl.DataType, name: str) -> bool:
    """Whether a column's type is the README's type name (an `enum` of any categories)."""
    if name == "enum":
        return isinstance(dtype, pl.Enum)
    if name == "list[enum]":
        return isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Enum)
    return dtype == DTYPES[name]


def test_every_frame_matches_the_readme(sample):
    tables = readme_tables()
    # The comparison frames are made by methods (README, "Comparison frames").
    made = {
        "compare()": lambda: sample.compare(),
        "compare_targets()": lambda: sample.compare_targets(min_documents=1),
        "frequencies()": lambda: sample.frequencies(),
        "keyness()": lambda: sample.keyness("江苏"),
        "kwic()": lambda: sample.kwic("低保"),
        "align()": lambda: sample.align("吉林", "江苏"),
        "department_network().edges": lambda: sample.department_network(by="province").edges,
        "department_network().nodes": lambda: sample.department_network(by="province").nodes,
        # The CAP topics of records depend on a mapping file (README, "Methods").
        "cap_topics": lambda: sample.cap_topics,
    }
    # Every frame of the registry and every comparison frame, and nothing else, has its table.
    assert set(tables) == {name for name, _, _ in zc.FRAMES} | set(made)
    for name, cols in tables.items():
        df = made[name]() if name in made else getattr(sample, name)
        assert df.columns == [c for c, _ in cols], name
        for c, t in cols:
            assert is_type(df.schema[c], t), (name, c, df.schema[c], t)


def test_label_columns_are_enums_in_the_dictionaries_order(sample):
    # The categories are the taxonomy as data/themes.tsv lists it, whatever a corpus uses.
    shipped = re.findall(r"^\[(\w+)\]", (ROOT / "data" / "themes.tsv").read_text(encoding="utf-8"), flags=re.M)
    themes = sample.themes
    assert themes.schema["theme"].categories.to_list() == shipped
    assert themes.sort("theme", maintain_order=True)["theme"].cast(pl.String).unique(maintain_order=True).to_list() == [
        t for t in shipped if t in set(themes["theme"].cast(pl.String))
    ]
    # A code is a byte or two, not a 16-byte string view.
    assert themes["theme"].to_physical().dtype == pl.UInt8
    assert themes["terms"].explode().to_physical().dtype in (pl.UInt8, pl.UInt16)
    # Strings compare as usual, and the records' themes are the same Enum.
    care = themes.filter(pl.col("theme") == "elderly_care", pl.col("assigned"))
    assert care.height > 0 and sample.records.schema["themes"] == pl.List(themes.schema["theme"])
    # Two reads with the same dictionaries (batches, partitions) stack without a cast.
    a = zc.read_texts({"a": "一、任务\n提高城乡低保标准，完善最低生活保障制度。"})
    b = zc.read_texts({"b": "一、任务\n加强养老机构建设，发展居家养老服务。"})
    both = pl.concat([a.themes, b.themes])
    assert {"social_assistance", "elderly_care"} <= set(both.filter("assigned")["theme"].cast(pl.String))
    assert pl.concat([a.instruments, b.instruments]).schema == a.instruments.schema
