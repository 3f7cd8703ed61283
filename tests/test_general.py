"""Documents in the styles of other provinces (tests/data/general): the rules must
hold beyond the five sample documents — 若干措施 with 牵头/配合 attributions on their own
line, 工作要点 whose issuer opens the title, a 条例 with articles and an adoption note,
and a task table (责任分解表) written as tab-separated rows."""
from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import zhengce as zc

DATA = Path(__file__).resolve().parent / "data" / "general"


@pytest.fixture(scope="module")
def corpus() -> zc.Corpus:
    c = zc.read([DATA])
    assert c.errors.filter(pl.col("kind") == "skipped").height == 1  # NOTES.md
    assert c.errors.filter(pl.col("severity") == "error").height == 0
    return c


def doc(c, doc_id):
    return c.documents.filter(pl.col("doc_id") == doc_id).row(0, named=True)


def tasks(c, doc_id):
    return c.records.filter((pl.col("doc_id") == doc_id) & (pl.col("kind") == "task"))


def test_guangdong_measures(corpus):
    d = doc(corpus, "guangdong_measures")
    assert (d["province"], d["issuer"], d["doc_number"], d["title"], str(d["date"])) == (
        "广东", "广东省人民政府办公厅", "粤府办〔2019〕23号", "广东省加快推进养老服务发展若干措施", "2019-12-28")
    t = tasks(corpus, "guangdong_measures")
    assert t["path"].to_list() == ["1.1", "1.2", "2.3", "2.4", "3"]
    dep = corpus.departments.filter(pl.col("doc_id") == "guangdong_measures")
    first = dep.filter(pl.col("path") == "1.1").select("department", "role", "labelled").rows()
    assert first == [("省民政厅", "lead", True), ("省市场监管局", "co", True), ("省编办", "co", True)]
    # The attribution on a line of its own belongs to the task above it.
    assert dep.filter(pl.col("path") == "2.4")["department"].to_list() == ["省发展改革委"]
    # 按职责分工负责: every unit listed, role words dropped.
    assert dep.filter(pl.col("path") == "1.2")["department"].to_list() == ["省住房城乡建设厅", "应急管理厅", "消防救援总队"]
    tg = corpus.targets.filter(pl.col("doc_id") == "guangdong_measures").select("path", "value", "unit", "comparator", "deadline").rows()
    assert tg == [("2.3", 55.0, "%", ">=", None), ("2.3", 1.0, "所", ">=", "2022-12"), ("2.4", 380000.0, "张", ">=", "2022"), ("2.4", 50.0, "%", ">=", "2022")]


def test_zhejiang_key_points(corpus):
    d = doc(corpus, "zhejiang_key_points")
    assert (d["province"], d["issuer"], d["year"]) == ("浙江", "浙江省民政厅", 2021)
    tg = corpus.targets.filter(pl.col("doc_id") == "zhejiang_key_points")
    assert tg.select("value", "unit", "comparator").rows() == [(1000.0, "元", ">="), (200.0, "家", "="), (25.0, "人", ">="), (3000.0, "家", ">=")]
    assert tg["per"].to_list()[0] == "人每月"
    assert sorted(corpus.slogans.filter(pl.col("doc_id") == "zhejiang_key_points")["text"]) == ["三社联动", "两委"]


def test_regulation(corpus):
    d = doc(corpus, "jiangxi_regulation")
    assert (d["province"], d["issuer"], str(d["date"]), d["year"]) == ("江西", "江西省人民代表大会常务委员会", "2020-11-26", 2020)
    t = tasks(corpus, "jiangxi_regulation")
    # Articles are records (never headings); an article's later paragraphs share its path,
    # and the paragraph after its list of items belongs to the article again.
    assert t["path"].to_list() == ["1.1", "1.2", "1.2", "1.3", "1.3.1", "1.3.2", "1.3", "2.4"]
    assert corpus.records.filter((pl.col("doc_id") == "jiangxi_regulation") & (pl.col("kind") == "note")).height == 1


def test_task_table(corpus):
    t = tasks(corpus, "anhui_task_table")
    assert t.select("path", "marker", "heading").rows() == [
        ("1", "1", "提高城乡低保标准，城市低保标准不低于每人每月650元"),
        ("2", "2", "新增养老床位1万张"),
        ("3", "3", "开展社区治理创新实验区建设"),
    ]
    dep = corpus.departments.filter(pl.col("doc_id") == "anhui_task_table")
    assert dep.filter(pl.col("path") == "2").select("department", "role").rows() == [("养老服务处", "lead"), ("规划财务处", "co"), ("社会事务处", "co")]
    tg = corpus.targets.filter(pl.col("doc_id") == "anhui_task_table").select("path", "value", "comparator", "deadline").rows()
    assert tg == [("1", 650.0, ">=", "2020-06"), ("2", 10000.0, "=", "2020-12")]
    for r in t.iter_rows(named=True):
        assert corpus.text("anhui_task_table")[r["start"] : r["end"]].startswith(r["marker"])
