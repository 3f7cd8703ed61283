"""Tokens, themes, policy instruments, commitment strength and comparable
departments (issue 4), from Python: the gold themes, hand-checked records of the
sample, and user dictionaries reaching every place tokens are used."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
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


def record(corpus: zc.Corpus, doc_prefix: str, path: str, starts: str = "") -> dict:
    rows = corpus.records.filter(pl.col("doc_id").str.starts_with(doc_prefix) & (pl.col("path") == path)).to_dicts()
    rows = [r for r in rows if squash(r["text"]).startswith(starts)]
    assert len(rows) == 1, (doc_prefix, path, starts, len(rows))
    return rows[0]


def assigned(frame: pl.DataFrame, rec: dict, column: str) -> set[str]:
    f = frame.filter((pl.col("doc_id") == rec["doc_id"]) & (pl.col("record_id") == rec["record_id"]) & pl.col("assigned"))
    return set(f[column])


# --- themes against the gold -----------------------------------------------------------

def test_themes_micro_f1_on_the_gold(sample):
    tp = out = gold_n = 0
    for gf in sorted(GOLD.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc_id = Path(gold["file"]).stem
        recs = sample.records.filter((pl.col("doc_id") == doc_id) & (pl.col("path") != "")).to_dicts()
        out += sum(len(r["themes"]) for r in recs)
        free = list(range(len(recs)))
        for g in gold["records"]:
            gold_n += len(g["themes"])
            hit = next((i for i in free if recs[i]["path"] == g["path"] and squash(recs[i]["text"]).startswith(squash(g["starts"]))), None)
            if hit is None:
                continue
            free.remove(hit)
            tp += len(set(recs[hit]["themes"]) & set(g["themes"]))
    p, r = tp / out, tp / gold_n
    f1 = 2 * p * r / (p + r)
    assert f1 >= 0.85, (p, r, f1)


def test_theme_ids_come_from_the_taxonomy_and_unthemed_records_are_counted(sample):
    md = (ROOT / "data" / "themes.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"^\| ([a-z_]+) \|", md, flags=re.M)) - {"id"}
    used = set(sample.records["themes"].explode().drop_nulls())
    assert used and used <= ids
    tasks = sample.records.filter(pl.col("kind") == "task")
    unthemed = tasks.filter(pl.col("themes").list.len() == 0).group_by("doc_id").len()
    counts = dict(zip(sample.documents["doc_id"], sample.documents["n_unthemed"]))
    assert {d: n for d, n in counts.items() if n} == dict(zip(unthemed["doc_id"], unthemed["len"]))
    assert "n_unthemed" in sample.summary().columns


def test_a_record_about_nothing_in_the_taxonomy_has_no_theme():
    c = zc.read_texts({"d": "一、其他\n天气晴朗，适合出行。"})
    rec = c.records.filter(pl.col("kind") == "task").row(0, named=True)
    assert rec["themes"] == []
    assert c.documents["n_unthemed"][0] == 1


def test_the_themes_frame_explains_the_labels(sample):
    t = sample.themes
    rec = record(sample, "003", "1.4.24")  # 建立惠民殡葬制度 …
    assert rec["themes"] == ["funeral"]
    row = t.filter((pl.col("doc_id") == rec["doc_id"]) & (pl.col("record_id") == rec["record_id"]) & (pl.col("theme") == "funeral")).row(0, named=True)
    assert row["assigned"] and row["name"] == "殡葬管理" and "惠民殡葬" in row["terms"]
    # Assigned rows are exactly the records' themes.
    per_record = t.filter("assigned").group_by("doc_id", "record_id").agg(pl.col("theme").sort())
    from_records = sample.records.filter(pl.col("themes").list.len() > 0).select("doc_id", "record_id", pl.col("themes").list.sort().alias("theme"))
    assert per_record.sort("doc_id", "record_id").equals(from_records.sort("doc_id", "record_id"))


# --- tokens -------------------------------------------------------------------------------

DOMAIN = "提高城乡特困人员基本生活标准，做好建档立卡工作，用好彩票公益金，推进三社联动，发展居家和社区养老服务，深化医养结合，优化行政区划设置。（省人力资源社会保障厅）"


def test_domain_terms_are_single_tokens():
    c = zc.read_texts({"d": "一、任务\n" + DOMAIN})
    tokens = set(c.tokens["token"])
    for term in ["特困人员", "建档立卡", "彩票公益金", "三社联动", "居家和社区养老", "医养结合", "行政区划", "人力资源社会保障厅"]:
        assert term in tokens, term


def test_tokens_slice_the_text_and_agree_with_counts(sample):
    tok = sample.tokens
    for r in tok.sample(300, seed=1).iter_rows(named=True):
        assert sample.text(r["doc_id"])[r["start"] : r["end"]] == r["token"]
    assert set(tok["kind"]) <= {"word", "stop", "number", "punct"}
    assert "的" in set(tok.filter(pl.col("kind") == "stop")["token"])
    n = tok.group_by("doc_id", "record_id").len()
    joined = sample.records.join(n, on=["doc_id", "record_id"], how="left").with_columns(pl.col("len").fill_null(0))
    assert (joined["len"] == joined["n_tokens"]).all()
    m = sample.token_counts(kinds=["task"])
    assert m.shape == (sample.records.filter(pl.col("kind") == "task").height, len(m.vocabulary))
    assert isinstance(m.indptr, np.ndarray) and m.indptr[-1] == len(m.indices) == len(m.data)
    words = tok.filter(pl.col("kind") == "word").join(m.rows, on=["doc_id", "record_id"])
    assert int(m.data.sum()) == words.height
    col = m.vocabulary.index("社会救助")
    assert int(m.to_dense()[:, col].sum()) == words.filter(pl.col("token") == "社会救助").height


# --- user dictionaries ----------------------------------------------------------------------

TEXT = "一、任务\n推进长护险试点，完善长护险制度。\n二、合作\n加强与印度尼西亚的交流。"


def test_a_user_dictionary_changes_tokenisation_everywhere(tmp_path):
    plain = zc.read_texts({"d": TEXT})
    assert "长护险" not in set(plain.tokens["token"])
    d = tmp_path / "mine.dict"
    d.write_text("# 长期护理保险\n长护险 n\n", encoding="utf-8")
    themes = tmp_path / "themes.tsv"
    themes.write_text("[long_term_care] 长期护理\n长护险\t3\n", encoding="utf-8")
    c = zc.read_texts({"d": TEXT}, user_dict=d, themes=[zc.DEFAULT, themes])
    assert "长护险" in set(c.tokens["token"])
    assert "长护险" in c.token_counts().vocabulary
    assert c.records.filter(pl.col("path") == "1")["themes"].to_list() == [["long_term_care"]]
    # The default taxonomy is still there (extended, not replaced).
    assert zc.read_texts({"d": "一、任务\n完善最低生活保障制度，提高城乡低保标准。"}, user_dict=d, themes=[zc.DEFAULT, themes]).records["themes"].to_list() == [["social_assistance"]]


def test_a_replacement_taxonomy_matches_whole_words_only(tmp_path):
    themes = tmp_path / "asia.tsv"
    themes.write_text("[south_asia] 南亚\n印度\t5\n", encoding="utf-8")
    c = zc.read_texts({"a": "一、合作\n加强与印度尼西亚的交流合作。", "b": "一、合作\n加强与印度的交流合作。"}, themes=themes)
    got = dict(zip(c.records["doc_id"], c.records["themes"].to_list()))
    assert got == {"a": [], "b": ["south_asia"]}
    assert set(c.themes["theme"]) == {"south_asia"}, "a replacement taxonomy replaces"


def test_user_stopwords_change_the_kinds(tmp_path):
    s = tmp_path / "stop.txt"
    s.write_text("推进\n", encoding="utf-8")
    kinds = dict(zip(*zc.read_texts({"d": TEXT}, stopwords=s).tokens.select("token", "kind").to_dict(as_series=False).values()))
    assert kinds["推进"] == "stop" and kinds["试点"] == "word"


def test_an_edited_dictionary_is_read_again(tmp_path):
    d = tmp_path / "mine.dict"
    d.write_text("长护险\n", encoding="utf-8")
    assert "长护险" in set(zc.read_texts({"d": TEXT}, user_dict=d).tokens["token"])
    d.write_text("护险试点\n", encoding="utf-8")
    tokens = set(zc.read_texts({"d": TEXT}, user_dict=d).tokens["token"])
    assert "护险试点" in tokens and "长护险" not in tokens


@pytest.mark.parametrize(
    "kind,content,line",
    [
        ("user_dict", "低保 3 n\n特困 lots of words\n", 2),
        ("themes", "低保\t2\n", 1),
        ("instruments", "[supply_funding]\n资金\tmuch\n", 2),
        ("strength", "[binding]\n确保\n", 0),
        ("departments", "[units]\n财政厅\t财政厅\tfinance\tplanetary\n", 2),
    ],
)
def test_malformed_dictionaries_raise_with_file_and_line(tmp_path, kind, content, line):
    p = tmp_path / f"bad_{kind}.txt"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(zc.DataFileError, match=rf"bad_{kind}\.txt.*line {line}"):
        zc.read_texts({"d": TEXT}, **{kind: p})


def test_a_missing_dictionary_is_a_read_error(tmp_path):
    with pytest.raises(zc.ReadError, match="nope.dict"):
        zc.read_texts({"d": TEXT}, user_dict=tmp_path / "nope.dict")


# --- policy instruments (hand-checked records of the sample) --------------------------------

@pytest.mark.parametrize(
    "doc,path,starts,expected",
    [
        # 建立健全以群众需求为导向的政府购买社会组织服务机制,应由政府购买服务的费用列入同级财政预算。省级财政安排专项资金…
        ("003", "3.8.38", "建立健全", {"demand_procurement", "supply_funding", "environment_institution"}),
        # 完善和落实财政补贴、规费减免、贷款贴息等扶持政策,鼓励社会力量通过独资、参股、合作、租赁、并购等方式参与…
        ("003", "3.9.40", "完善和落实", {"environment_fiscal_tax", "demand_outsourcing"}),
        # 通过互派访问学者、交流考察等形式…加强民政事业和民政工作的国际交流与合作。
        ("003", "4.11.47", "通过互派", {"demand_opening"}),
        # 到2015年,养老机构床位数达到每千名老年人30张以上 …
        ("003", "2.6.31", "加快实施", {"environment_targets", "supply_infrastructure"}),
        # 以民政业务应用系统和基础数据库为基础,通过互联网、呼叫中心、物联网应用…搭建信息平台
        ("003", "5.16.70", "以民政业务", {"supply_information", "supply_public_services"}),
        # 各地要将民政人才培养纳入当地重点人才工程 … 技能人才队伍建设
        ("003", "5.14.57", "各地要将", {"supply_talent"}),
        # 大力弘扬慈善文化,培育全民慈善意识和社会责任感。
        ("003", "1.5.29", "大力弘扬", {"environment_publicity"}),
        # 开展居家和社区养老服务改革试点 … 开展公办养老机构改革试点 … 实施公建民营
        ("001", "4", "提请省政府", {"demand_pilots", "demand_outsourcing"}),
    ],
)
def test_instruments_of_hand_checked_records(sample, doc, path, starts, expected):
    rec = record(sample, doc, path, starts)
    got = set(rec["instruments"])
    assert expected <= got, (got, expected)
    assert got == assigned(sample.instruments, rec, "instrument")


def test_instrument_types_and_rules():
    c = zc.read_texts({"d": "一、任务\n1.开展政府购买服务试点。\n2.加强宣传。\n3.到2020年，养老床位不少于3万张。\n4.做好有关工作。"})
    recs = {r["path"]: set(r["instruments"]) for r in c.records.iter_rows(named=True)}
    assert recs["1.1"] == {"demand_procurement", "demand_pilots"}
    assert recs["1.2"] == {"environment_publicity"}
    assert "environment_targets" in recs["1.3"], "a quantitative target is targets and planning"
    assert recs["1.4"] == set()
    types = dict(zip(c.instruments["instrument"], c.instruments["type"]))
    assert types["demand_pilots"] == "demand" and types["environment_publicity"] == "environment"
    target_row = c.instruments.filter((pl.col("instrument") == "environment_targets") & pl.col("assigned")).row(0, named=True)
    assert "<target>" in target_row["terms"]


# --- commitment strength (hand-checked) -------------------------------------------------------

@pytest.mark.parametrize(
    "doc,path,starts,label",
    [
        # …确保民政资金专款专用,严禁挤占挪用或延迟拨付…
        ("003", "6.19.76", "进一步完善", "binding"),
        # 建立惠民殡葬制度,到2015年,各地要全面免除…
        ("003", "1.4.24", "建立惠民", "binding"),
        # 积极稳妥推进行政区划管理体制改革…
        ("003", "1.4.18", "积极稳妥", "soft"),
        # 完善并落实…税收减免等优惠政策,鼓励和支持公民、法人和其他组织开展慈善活动。 —
        # 鼓励和支持 invites non-state actors (an instrument), it does not hedge: what is
        # left is the directive 完善…, the default obligation of a task (weight of 要)
        ("003", "1.5.26", "完善并落实", "mixed"),
        # 加强乡镇(街道)民政机构建设,规范机构设置。 — no modal: a bare directive
        ("003", "5.13.52", "加强乡镇", "mixed"),
    ],
)
def test_strength_of_hand_checked_records(sample, doc, path, starts, label):
    rec = record(sample, doc, path, starts)
    assert rec["strength_label"] == label, (rec["strength"], rec["text"][:60])
    assert (rec["strength"] > 0) if label == "binding" else (rec["strength"] < 0) if label == "soft" else True


def test_strength_rules():
    c = zc.read_texts(
        {"d": "一、任务\n1.确保全面完成，严禁拖延。\n2.探索建立机制，鼓励有条件的地方先行。\n3.确保推进，适时研究。\n4.本方案所称困难群众，是指城乡低保对象。\n5.加强队伍建设。\n6.鼓励社会力量参与养老服务。"}
    )
    s = {r["path"]: (r["strength"], r["strength_label"]) for r in c.records.iter_rows(named=True)}
    assert s["1.1"][1] == "binding" and s["1.2"][1] == "soft" and s["1.3"][1] == "mixed" and s["1.4"] == (0.0, "none")
    assert s["1.5"] == (pytest.approx(1 / 3), "mixed"), "a bare directive carries the default obligation (the weight of 要)"
    assert s["1.6"] == (0.0, "none"), "鼓励社会力量参与 is an instrument, not a hedge (and not a directive verb)"
    ev = c.strength_terms.filter(pl.col("path") == "1.5").row(0, named=True)
    assert (ev["term"], ev["kind"], ev["source"], ev["weight"]) == ("加强", "binding", "imperative", 0.5)
    assert c.text("d")[ev["start"] : ev["end"]] == "加强"
    assert s["1.1"][0] > 0.6 > -0.6 > s["1.2"][0]
    dated = zc.read_texts({"d": "一、任务\n确保完成。\n二〇二〇年一月九日"}).blocks
    assert dated.filter(pl.col("kind") == "date")["strength"].is_null().all(), "blocks that are not labelled have no strength"


def _recomputed(frame: pl.DataFrame) -> pl.DataFrame:
    """Each record's strength and label from its strength_terms rows alone."""
    b, s = pl.col("B"), pl.col("S")
    return (
        frame.group_by("doc_id", "record_id")
        .agg(
            pl.col("weight").filter(pl.col("kind") == "binding").sum().alias("B"),
            pl.col("weight").filter(pl.col("kind") == "soft").sum().alias("S"),
        )
        .with_columns(((b - s) / (b + s + 1)).alias("recomputed"))
        .with_columns(
            pl.when((b <= 0) & (s <= 0))
            .then(pl.lit("none"))
            .when(pl.col("recomputed") >= 0.4)
            .then(pl.lit("binding"))
            .when(pl.col("recomputed") <= -0.4)
            .then(pl.lit("soft"))
            .otherwise(pl.lit("mixed"))
            .alias("recomputed_label")
        )
    )


def test_every_strength_is_explained_by_its_strength_terms(sample):
    recs = sample.blocks.filter(pl.col("strength").is_not_null()).select("doc_id", "record_id", "strength", "strength_label", "start", "end")
    ev = sample.strength_terms
    assert ev.height > 300 and set(ev["kind"]) == {"binding", "soft"}
    assert set(ev["source"]) <= {"term", "target", "deadline", "imperative"}
    joined = recs.join(_recomputed(ev), on=["doc_id", "record_id"], how="left").with_columns(
        pl.col("recomputed").fill_null(0.0), pl.col("recomputed_label").fill_null("none")
    )
    off = joined.filter(((pl.col("strength") - pl.col("recomputed")).abs() > 1e-5) | (pl.col("strength_label") != pl.col("recomputed_label")))
    assert off.height == 0, off
    # Every piece of evidence lies inside its record and is the text it names.
    inside = ev.join(recs.select("doc_id", "record_id", pl.col("start").alias("rs"), pl.col("end").alias("re")), on=["doc_id", "record_id"])
    assert inside.height == ev.height and inside.filter((pl.col("start") < pl.col("rs")) | (pl.col("end") > pl.col("re"))).height == 0
    for r in ev.filter(pl.col("source") != "target").head(200).iter_rows(named=True):
        assert sample.text(r["doc_id"])[r["start"] : r["end"]] == r["term"]


# --- departments made comparable ----------------------------------------------------------------

def test_every_sample_department_has_a_canonical_name_and_category(sample):
    d = sample.departments
    assert d.height > 200
    assert d["known"].all(), d.filter(~pl.col("known"))
    assert d["category"].null_count() == 0 and (d["canonical"].str.len_chars() > 0).all()
    assert set(d["level"]) <= {"national", "provincial", "local", "all_levels", "division", "affiliated", "generic", "unspecific"}


def test_departments_of_the_issue(sample):
    c = zc.read_texts({"d": "一、任务\n1.提高标准。（省财政厅、财政部门、救助处、省人力资源社会保障厅、团省委、省妇联、省残联、各级民政部门、相关处室、省某某协调中心）"})
    rows = {r["department"]: r for r in c.departments.iter_rows(named=True)}
    assert rows["省财政厅"]["category"] == rows["财政部门"]["category"] == "finance"
    assert (rows["省财政厅"]["level"], rows["财政部门"]["level"]) == ("provincial", "generic")
    assert (rows["救助处"]["canonical"], rows["救助处"]["category"], rows["救助处"]["level"]) == ("民政厅社会救助处", "civil_affairs", "division")
    assert rows["省人力资源社会保障厅"]["category"] == "human_resources_social_security"
    assert {rows[n]["category"] for n in ["团省委", "省妇联", "省残联"]} == {"mass_organisation"}
    assert rows["各级民政部门"]["level"] == "all_levels" and rows["相关处室"]["level"] == "unspecific"
    unknown = rows["省某某协调中心"]
    assert (unknown["known"], unknown["category"], unknown["canonical"], unknown["level"]) == (False, None, "省某某协调中心", "provincial")


def test_a_user_mapping_extends_the_departments(tmp_path):
    m = tmp_path / "depts.tsv"
    m.write_text("[units]\n某某协调中心\t某某协调中心\tcoordination_body\taffiliated\n", encoding="utf-8")
    c = zc.read_texts({"d": "一、任务\n1.提高标准。（省某某协调中心、省财政厅）"}, departments=m)
    rows = {r["department"]: r for r in c.departments.iter_rows(named=True)}
    assert (rows["省某某协调中心"]["known"], rows["省某某协调中心"]["category"]) == (True, "coordination_body")
    assert rows["省财政厅"]["category"] == "finance"


# --- prefectures tell their province -------------------------------------------------------------

@pytest.mark.parametrize(
    "issuer,province",
    [("延边朝鲜族自治州民政局", "吉林"), ("延边州民政局", "吉林"), ("海西州民政局", "青海"), ("阿拉善盟民政局", "内蒙古"), ("大兴安岭地区民政局", "黑龙江"), ("红河州民政局", "云南")],
)
def test_prefectures_give_their_province(issuer, province):
    c = zc.read_texts({"x": f"{issuer}关于印发《养老服务工作方案》的通知\n一、任务\n落实。加强。"})
    assert c.documents["province"][0] == province


# --- determinism ------------------------------------------------------------------------------------

def test_labels_do_not_depend_on_the_thread_count():
    paths = zc.sample_paths()
    one, two = zc.read(paths, threads=1), zc.read(paths, threads=2)
    assert one.records.equals(two.records)
    assert one.themes.equals(two.themes) and one.instruments.equals(two.instruments)
