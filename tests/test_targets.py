"""Targets, deadlines and numbered formulations from Python: the gold, the
number reader against an independent implementation (cn2an), and every
exclusion of the issue in a sentence that contains it."""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

import zhengce as zc
from zhengce.numbers import parse_chinese_numeral, read_number

GOLD = Path(__file__).resolve().parent / "data" / "gold"


@pytest.fixture(scope="module")
def sample() -> zc.Corpus:
    return zc.load_sample()


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def test_targets_and_slogans_reach_the_gold(sample):
    tp = n_out = n_gold = 0
    attr = Counter()
    s_tp = s_out = s_gold = 0
    for gf in sorted(GOLD.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc_id = Path(gold["file"]).stem
        out = sample.targets.filter(pl.col("doc_id") == doc_id).to_dicts()
        free = list(range(len(out)))
        for g in gold["targets"]:
            hit = next(
                (i for i in free if out[i]["path"] == g["path"] and abs(out[i]["value"] - g["value"]) < 1e-6 * max(1, abs(g["value"]))
                 and (g["value_max"] is None or out[i]["value_max"] == g["value_max"])),
                None,
            )
            if hit is None:
                continue
            free.remove(hit)
            tp += 1
            o = out[hit]
            attr["unit"] += o["unit"] == g["unit"]
            attr["comparator"] += o["comparator"] == g["comparator"]
            attr["deadline"] += o["deadline"] == g["deadline"]
        n_out += len(out)
        n_gold += len(gold["targets"])
        gs = Counter(squash(s["text"]) for s in gold["slogans"])
        os_ = Counter(squash(s) for s in sample.slogans.filter(pl.col("doc_id") == doc_id)["text"])
        s_tp += sum((gs & os_).values())
        s_out += sum(os_.values())
        s_gold += sum(gs.values())
    f1 = lambda t, o, g: 2 * t / (o + g)
    assert f1(tp, n_out, n_gold) >= 0.95
    assert all(attr[k] / tp >= 0.95 for k in ("unit", "comparator", "deadline"))
    assert f1(s_tp, s_out, s_gold) >= 0.90


def test_target_spans_are_traceable(sample):
    for t in sample.targets.iter_rows(named=True):
        assert sample.text(t["doc_id"])[t["start"] : t["end"]] == t["span"]
        rec = sample.blocks.filter((pl.col("doc_id") == t["doc_id"]) & (pl.col("record_id") == t["record_id"])).row(0, named=True)
        assert rec["start"] <= t["start"] and t["end"] <= rec["end"]
    for s in sample.slogans.iter_rows(named=True):
        span = sample.text(s["doc_id"])[s["start"] : s["end"]]
        assert squash(span).replace("“", "").replace("”", "") == squash(s["text"])


def test_same_slogan_counts_together_across_provinces(sample):
    sl = sample.slogans.join(sample.documents.select("doc_id", "province"), on="doc_id")
    provinces = sl.filter(pl.col("normalized") == "三社联动")["province"].unique().sort().to_list()
    assert provinces == ["江苏", "青海"]


def test_one_number_for_a_list_gives_one_target_and_a_row_per_item(sample):
    """青海: 街道综合养老服务机构、社区日间照料中心、农村养老服务设施覆盖率均达到100% is
    one target (SCHEMA) whose three items line up in target_items, tied by group."""
    items = sample.target_items.filter(pl.col("value") == 100.0)
    assert items["item"].to_list() == ["街道综合养老服务机构覆盖率", "社区日间照料中心覆盖率", "农村养老服务设施覆盖率"]
    assert items["group"].n_unique() == 1 and items["doc_id"].n_unique() == 1
    target = sample.targets.filter((pl.col("doc_id") == items["doc_id"][0]) & (pl.col("group") == items["group"][0]))
    assert target.height == 1 and target["items"].to_list()[0] == items["item"].to_list()
    assert items["item_id"].to_list()[2] == "elderly_care.facility_coverage"
    text = sample.text(items["doc_id"][0])
    assert all(text[r["start"] : r["end"]] == r["span"] for r in items.iter_rows(named=True))
    # Every item row belongs to a target with items, and no other target has rows.
    with_items = sample.targets.filter(pl.col("items").list.len() > 0)
    assert sample.target_items.height == with_items["items"].list.len().sum()


def test_deadlines_frame(sample):
    d = sample.deadlines.filter(pl.col("doc_id") == "002_91ca80534bdee44b")
    first = d.filter(pl.col("path") == "3.1").row(0, named=True)
    assert (first["date"], first["phrase"], first["action"]) == ("2020-04-25", "4月25日前", "制定工作方案")
    assert "2020-12" in d.filter(pl.col("path") == "1.3")["date"].to_list()
    q = sample.deadlines.filter(pl.col("doc_id") == "004_ec2b3417dd360165")
    assert "2025" in q.filter(pl.col("phrase").str.contains("十四五"))["date"].to_list()


# --- the number reader, differentially against cn2an -------------------------------------

def test_chinese_numerals_match_cn2an():
    cn2an = pytest.importorskip("cn2an")
    rng = random.Random(20261124)
    values = list(range(0, 2000)) + [rng.randrange(0, 10**12) for _ in range(5000)] + [10**k for k in range(13)]
    for n in values:
        written = cn2an.an2cn(n)
        assert parse_chinese_numeral(written) == n, (n, written)
    for _ in range(2000):
        x = round(rng.uniform(0, 10**6), rng.randrange(1, 4))
        written = cn2an.an2cn(x)
        got = read_number(written)
        assert got is not None and abs(got[0] - x) < 1e-6 * max(1, x), (x, written, got)
        assert got[1] == len(written)


def test_number_forms():
    assert read_number("２０％以上") == (20.0, 3, True)
    assert read_number("百分之五十以上") == (50.0, 5, True)
    assert read_number("53.9万建档立卡")[0] == 539000
    assert read_number("1,000名")[0] == 1000
    assert parse_chinese_numeral("两千") == 2000
    assert parse_chinese_numeral("二○一二") == 2012
    assert parse_chinese_numeral("统一") is None


# --- exclusions, each in a sentence that contains it ----------------------------------------

def targets_of(sentence: str, year: int | None = 2020) -> list[tuple[float, str]]:
    text = f"关于做好民政工作的通知\n一、主要任务\n（一）{sentence}"
    c = zc.read_texts({"t": text}, meta={"t": {"year": str(year)}} if year else None)
    return [(r["value"], r["unit"]) for r in c.targets.iter_rows(named=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "认真贯彻《关于加强养老服务的意见》（吉发〔2016〕20号），落实相关要求。",  # document number
        "落实《吉林省民政系统法治宣传教育第七个五年规划（2016—2020年）》要求。",  # cited title, plan period
        "持续推进2018年-2020年整合改造计划，编制“十四五”规划。",  # plan periods
        "深入学习党的十九大和十九届四中全会精神，贯彻省委十届八次全会部署。",  # congresses and plenums
        "开展建军90周年和建党100周年系列庆祝活动。",  # anniversaries
        "联系电话：0431-88906188，服务热线“12349”全天开通。",  # telephone numbers
        "纳入全国第二批试点，一是加强领导，二是完善制度。",  # list ordinals
        "本方案于2019年3月11日印发，自印发之日起施行。",  # the date a text was issued
        "强化“四个意识”，落实“两不愁、三保障”，推进三社联动。",  # numbered formulations
        "召开全国两会精神学习会，加强村“两委”建设。",  # 两 in names
        "人口在5万人以下的乡镇，民政工作人员配备到位。",  # a number that only sets a condition
    ],
)
def test_exclusions(sentence):
    assert targets_of(sentence) == []


def test_marker_next_to_a_number_does_not_merge():
    assert targets_of("项目总投资3541.07万元2.3本项目资金由省级财政安排。") == [(35410700.0, "元")]


def test_commitments_in_sentences():
    got = targets_of("到2022年底每个县(区)至少建有一所失能特困人员专业照护服务设施，城市低保标准不低于当地上年度人均可支配收入的20%。")
    assert got == [(1.0, "所"), (20.0, "%")]
    c = zc.read_texts({"t": "一、任务\n（一）到2025年，养老机构护理型床位占比达到55%以上。"})
    t = c.targets.row(0, named=True)
    assert (t["value"], t["comparator"], t["deadline"], t["indicator"]) == (55.0, ">=", "2025", "养老机构护理型床位占比")
