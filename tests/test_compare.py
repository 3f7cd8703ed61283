"""Comparisons computed in the core (src/compare/), checked against independent
computations: scikit-learn for tf-idf and cosine, scipy.stats for chi-squared
and G², scipy.spatial.distance for Jaccard, Dice and correlation; and the
sample's answers checked by hand."""
from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import zhengce as zc

scipy = pytest.importorskip("scipy")
from scipy.spatial import distance  # noqa: E402
from scipy.stats import chi2_contingency  # noqa: E402


@pytest.fixture(scope="module")
def sample():
    return zc.load_sample()


def _token_lists(m: zc.Dfm) -> list[list[str]]:
    """The words of each row of a count matrix, repeated by count (the same
    tokens for scikit-learn's vectoriser)."""
    x = m.to_scipy()
    out = []
    for r in range(x.shape[0]):
        a, b = x.indptr[r], x.indptr[r + 1]
        out.append([m.vocabulary[c] for c, n in zip(x.indices[a:b], x.data[a:b]) for _ in range(int(n))])
    return out


@pytest.mark.parametrize("smooth_idf,sublinear_tf,norm", [(True, False, "l2"), (False, True, "l1"), (True, True, None)])
def test_tfidf_equals_scikit_learn(sample, smooth_idf, sublinear_tf, norm):
    from sklearn.feature_extraction.text import TfidfVectorizer

    counts = sample.dfm(by="record")
    ours = sample.dfm(by="record", weight="tfidf", smooth_idf=smooth_idf, sublinear_tf=sublinear_tf, norm=norm)
    vec = TfidfVectorizer(analyzer=lambda toks: toks, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf, norm=norm)
    theirs = vec.fit_transform(_token_lists(counts))
    # Empty rows have no words, so scikit-learn's vocabulary is ours.
    assert list(vec.get_feature_names_out()) == ours.vocabulary
    assert np.abs(ours.to_scipy().toarray() - theirs.toarray()).max() < 1e-9


def test_cosine_equals_scikit_learn(sample):
    from sklearn.metrics.pairwise import cosine_similarity

    m = sample.dfm(by="document", weight="tfidf")
    sim = sample.similarity(by="document", method="cosine")
    want = cosine_similarity(m.to_scipy())
    np.fill_diagonal(want, 0.0)
    got = sim.to_scipy().toarray()
    assert np.abs(got - want).max() < 1e-9
    # top_k keeps each row's best, best first.
    top = sample.similarity(by="record", method="cosine", top_k=2, rows=[5, 9]).raw
    x = sample.dfm(by="record", weight="tfidf").to_scipy()
    for r in (5, 9):
        full = cosine_similarity(x[r], x).ravel()
        full[r] = 0.0
        best = np.sort(full)[::-1][:2]
        mine = top.filter(pl.col("a") == r)["similarity"].to_numpy()
        assert np.allclose(mine, best[best > 0], atol=1e-9)


@pytest.mark.parametrize("method", ["jaccard", "dice", "correlation"])
def test_presence_and_correlation_equal_scipy(sample, method):
    m = sample.dfm(by="doc_id", weight="count").to_scipy().toarray()
    sim = sample.similarity(by="doc_id", method=method, weight="count").to_scipy().toarray()
    n = m.shape[0]
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            if method == "correlation":
                want = 1 - distance.correlation(m[i], m[j])
            else:
                want = 1 - getattr(distance, method)(m[i] > 0, m[j] > 0)
            assert abs(sim[i, j] - want) < 1e-9, (method, i, j)


@pytest.mark.parametrize("correction", [None, "yates"])
def test_keyness_equals_scipy(sample, correction):
    k = sample.keyness("江苏", measure="chi2", correction=correction)
    freq = sample.frequencies(by="province")
    nt = freq.filter(pl.col("province") == "江苏")["n"].sum()
    nr = freq.filter(pl.col("province") != "江苏")["n"].sum()
    # Also the documents without a province: the null group is part of the rest.
    nr += freq.filter(pl.col("province").is_null())["n"].sum()
    for row in k.head(20).iter_rows(named=True):
        a, b = row["n_target"], row["n_reference"]
        table = np.array([[a, b], [nt - a, nr - b]], dtype=float)
        chi2, p, _, _ = chi2_contingency(table, correction=correction == "yates")
        g2, _, _, _ = chi2_contingency(table, correction=correction == "yates", lambda_="log-likelihood")
        assert abs(abs(row["chi2"]) - chi2) < 1e-9 * max(1, chi2)
        assert abs(abs(row["g2"]) - g2) < 1e-9 * max(1, g2)
        assert abs(row["p"] - p) < 1e-12 + 1e-9 * p


def test_keyness_against_a_group_and_user_counts(sample):
    by_group = sample.keyness("江苏", reference="吉林", measure="g2")
    freq = sample.frequencies(by="province").filter(pl.col("province") == "吉林")
    mine = dict(zip(freq["term"], freq["n"]))
    user = sample.keyness("江苏", reference=mine, measure="g2")
    assert by_group.select("term", "g2").equals(user.filter(pl.col("n_target") + pl.col("n_reference") > 0).select("term", "g2").head(by_group.height))
    assert by_group["g2"].is_sorted(descending=True)
    with pytest.raises(ValueError, match="no group"):
        sample.keyness("西藏")


def test_compare_counts_task_records_by_group(sample):
    f = sample.compare("province", "themes")
    docs = sample.documents.group_by("province").agg(pl.col("n_records").sum(), pl.col("n_chars").sum())
    per = f.group_by("province").agg(pl.col("n_records").first(), pl.col("n_chars").first()).join(docs, on="province", suffix="_docs")
    assert (per["n_records"] == per["n_records_docs"]).all() and (per["n_chars"] == per["n_chars_docs"]).all()
    assert ((f["share"] - f["n"] / f["n_records"]).abs() < 1e-12).all()
    # The long form against the themes frame, counted independently.
    tasks = sample.records.filter(pl.col("kind") == "task").join(sample.documents.select("doc_id", "province"), on="doc_id")
    # The records' themes are an Enum (taxonomy order); compare's features are strings.
    want = tasks.explode("themes").drop_nulls("themes").with_columns(pl.col("themes").cast(pl.String)).group_by("province", "themes").len()
    got = f.select("province", pl.col("feature").alias("themes"), pl.col("n").cast(pl.UInt32).alias("len"))
    assert want.sort("province", "themes").equals(got.sort("province", "themes"))
    wide = sample.compare("province", "themes", form="wide", measure="share")
    assert wide["province"].to_list() == sorted(sample.documents["province"].unique().to_list())


def test_top_themes_of_each_province_by_hand(sample):
    """Read from the sample: two of Jilin's three documents are about
    government services and openness (2019 民政软环境建设, 2020 基层政务公开), so
    transparency_services leads; Qinghai's plan leads with social assistance;
    Jiangsu's 责任分解方案 is about funding (资金投入) and the workforce."""
    f = sample.compare("province", "themes")
    top = {p: f.filter(pl.col("province") == p)["feature"].head(3).to_list() for p in ("吉林", "江苏", "青海")}
    assert top["吉林"][0] == "transparency_services", top
    assert top["青海"][0] == "social_assistance", top
    assert top["江苏"][0] == "funding_finance", top


def test_null_province_is_its_own_group_not_a_blank_row():
    c = zc.read_texts(
        {
            "jl": "吉林省民政厅关于印发方案的通知\n一、任务\n1.提高城乡低保标准。",
            "x": "一、任务\n1.提高城乡低保标准。",
        }
    )
    f = c.compare("province", "themes")
    assert f["province"].to_list()[-1] is None and "" not in f["province"].to_list()
    docs = c.documents.with_columns(pl.when(pl.col("doc_id") == "x").then(pl.lit("")).otherwise(pl.col("province")).alias("province"))
    c.documents = docs
    assert c.compare("province", "themes")["province"].null_count() == 1


def test_a_column_the_user_added(sample):
    sample2 = zc.load_sample()
    sample2.documents = sample2.documents.with_columns(region=pl.when(pl.col("province") == "青海").then(pl.lit("west")).otherwise(pl.lit("east")))
    f = sample2.compare("region", "strength", form="wide")
    assert f["region"].to_list() == ["east", "west"]
    with pytest.raises(ValueError, match="no column"):
        sample2.compare("regoin")


def test_department_with_most_lead_tasks_in_jiangsu(sample):
    """Jiangsu's 工作要点 names its divisions (社会救助处, 养老服务处 …) as the
    lead units; read by hand, the civil-affairs divisions lead, none of
    another department."""
    net = sample.department_network(by="province")
    js = net.nodes.filter(pl.col("group") == "江苏").sort(["n_lead", "department"], descending=[True, False])
    # Counted independently from the departments frame.
    d = sample.departments.join(sample.records.select("doc_id", "record_id", "kind"), on=["doc_id", "record_id"])
    d = d.filter(pl.col("kind") == "task").join(sample.documents.select("doc_id", "province"), on="doc_id").filter(pl.col("province") == "江苏")
    lead = d.filter(pl.col("role") == "lead").group_by("canonical").agg(pl.struct("doc_id", "record_id").n_unique().alias("n"))
    best = lead.sort(["n", "canonical"], descending=[True, False]).row(0)
    assert (js["department"][0], js["n_lead"][0]) == best
    assert js["department"][0].startswith("民政厅"), js.head(3)
    assert (net.edges["source"] < net.edges["target"]).all()


def test_aligned_counterpart_of_a_jilin_social_assistance_task(sample):
    """Jilin 2019, item 2.1.1 进一步提升社会救助兜底保障水平 (低保, 特困): its
    counterpart in Jiangsu is a social-assistance task too."""
    doc = sample.documents.filter((pl.col("province") == "吉林") & (pl.col("year") == 2019))["doc_id"][0]
    out = sample.align("吉林", "江苏", top_k=1, min_similarity=0.05)
    jilin_tasks = sample.records.filter((pl.col("kind") == "task") & pl.col("doc_id").is_in(sample.documents.filter(pl.col("province") == "吉林")["doc_id"].to_list()))
    assert out.height == jilin_tasks.height, "one row per Jilin task at top_k=1"
    row = out.filter((pl.col("doc_id_a") == doc) & (pl.col("path_a") == "2.1.1")).row(0, named=True)
    assert row["matched"] and "救助" in row["text_b"], row
    unmatched = sample.unmatched("吉林", "江苏", min_similarity=0.05)
    assert set(zip(unmatched["doc_id_a"], unmatched["record_id_a"])) == set(
        zip(*out.filter(~pl.col("matched")).select("doc_id_a", "record_id_a").to_dict(as_series=False).values())
    )


def test_kwic_offsets_slice_the_text(sample):
    k = sample.kwic("低保", window=5)
    assert k.height > 0
    for row in k.head(30).iter_rows(named=True):
        t = sample.text(row["doc_id"])
        assert t[row["start"] : row["end"]] == row["match"] == "低保"
        assert t[row["start"] - len(row["left"]) : row["start"]] == row["left"]
    r = sample.kwic(r"\d+%", regex=True)
    assert r.height > 0 and r["match"].str.ends_with("%").all()


def test_compare_targets_ranks_by_ambition(sample):
    t = sample.compare_targets(min_documents=1)
    assert t.height > 0
    for (_, _), g in t.group_by(["indicator_key", "direction"]):
        v = g.sort("rank")["value"].to_list()
        assert v == sorted(v, reverse=g["direction"][0] == "up")


def test_compare_targets_puts_three_indicators_of_provinces_side_by_side(sample):
    """Hand-checked against the sample's texts (issue 12): three blocks hold
    targets of at least two provinces, each row the document's own words."""
    t = sample.compare_targets()
    blocks = {f: g for (f,), g in t.group_by(["family"])}
    shared = {f for f, g in blocks.items() if g["province"].n_unique() >= 2}
    assert {"elderly_care", "civil_affairs_staff", "welfare_institution"} <= shared

    def rows(family):
        g = blocks[family].sort(["indicator_key", "rank"])
        return [(r["province"], r["indicator_key"], r["span"], r["value"], r["unit"], r["rank"]) for r in g.iter_rows(named=True)]

    # 养老: Jiangsu's beds per 1,000 old people, Jilin's 50 rural compounds, Qinghai's coverage —
    # one family measured three ways, each ranked only within its own measure.
    assert rows("elderly_care") == [
        ("江苏", "elderly_care.beds_per_1000", "达到每千名老年人30张以上", 30.0, "张", 1),
        ("吉林", "elderly_care.facilities", "50个农村养老服务大院", 50.0, "个", 1),
        ("青海", "elderly_care.facility_coverage", "达到100%", 100.0, "%", 1),
    ]
    # 民政工作人员: Jiangsu's two conditional minimums outrank Jilin's one coordinator.
    assert rows("civil_affairs_staff") == [
        ("江苏", "civil_affairs_staff", "不少于4名", 4.0, "名", 1),
        ("江苏", "civil_affairs_staff", "不少于3名", 3.0, "名", 2),
        ("吉林", "civil_affairs_staff", "一名工作协调员", 1.0, "名", 3),
    ]
    staff = blocks["civil_affairs_staff"].filter(pl.col("province") == "江苏").sort("value")
    assert staff["condition"].to_list() == ["人口在5万人以下", "人口多于5万人"]
    # 社会福利院: counts compare whatever the measure word (个, 所); the scope says
    # Jiangsu's are one per city or county, Jilin's a province-wide total.
    welfare = blocks["welfare_institution"].sort("rank")
    assert welfare["span"].to_list() == ["100个农村社会福利服务中心", "1所功能设施齐全的社会福利院", "1所综合性社会福利中心"]
    assert welfare["scope"].to_list() == [None, "各省辖市", "各县(市)"]
    for r in t.iter_rows(named=True):
        assert sample.text(r["doc_id"])[r["start"] : r["end"]] == r["span"]
