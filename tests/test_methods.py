"""The methods of issue 16 (zhengce.methods): each reproduces an example worked by
hand; κ and α agree with independent implementations (scikit-learn, krippendorff);
the data files are replaceable and a malformed one names its line."""
from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import zhengce as zc
from zhengce import methods

# A plan of a provincial department, written as such plans are (GB/T 9704 title
# line, document number, numbered tasks with attributions). Worked by hand below.
PLAN = """吉林省民政厅关于印发《测试工作方案》的通知
吉民发〔2020〕1号
一、主要任务
1.到2021年底，全省城市低保标准不低于每人每月600元。（责任单位：救助处）
2.探索建立养老服务补贴制度。
3.确保2020年6月底前完成特困人员认定。（责任单位：省财政厅）
4.研究推进社区建设。
"""


@pytest.fixture(scope="module")
def plan():
    return zc.read_texts({"t": PLAN})


@pytest.fixture(scope="module")
def sample():
    return zc.load_sample()


def _span(corpus, row):
    return corpus.text(row["doc_id"])[row["start"] : row["end"]]


# --- policy strength ---------------------------------------------------------


def test_policy_strength_of_the_plan_is_checked_by_hand_against_its_evidence(plan):
    # The labels the components are computed from, as the labeller gives them:
    # tasks 1 and 3 are binding (确保, a target, a deadline), 2 and 4 soft (探索, 研究).
    tasks = plan.records.filter(pl.col("kind") == "task")
    assert tasks["strength"].to_list() == [0.75, -0.5, 0.75, -0.5]
    # Evidence: one target (task 1), two deadlines (tasks 1, 3), two departments (1, 3).
    ev = methods.record_components(plan)
    assert ev.filter("has_target")["path"].to_list() == ["1.1"]
    assert ev.filter("has_deadline")["path"].to_list() == ["1.1", "1.3"]
    assert ev.filter("has_responsibility")["path"].to_list() == ["1.1", "1.3"]
    assert [_span(plan, r) for r in plan.targets.iter_rows(named=True)] == ["不低于每人每月600元"]
    assert [_span(plan, r) for r in plan.deadlines.iter_rows(named=True)] == ["到2021年底", "2020年6月底前"]
    assert [_span(plan, r) for r in plan.departments.iter_rows(named=True)] == ["救助处", "省财政厅"]
    row = plan.policy_strength().row(0, named=True)
    # Issuer 吉林省民政厅: a provincial department, 2; title …工作方案: 方案, 2.
    assert (row["rank"], row["issuer_score"], row["doc_type"], row["type_score"]) == ("provincial_department", 2.0, "方案", 2.0)
    assert row["authority"] == 2.0
    # commitment = mean((s + 1) / 2) = (0.875 + 0.25 + 0.875 + 0.25) / 4
    assert row["commitment"] == pytest.approx(0.5625)
    assert (row["targets"], row["deadlines"], row["responsibility"]) == (0.25, 0.5, 0.5)
    # execution = 0.4·0.5625 + 0.2·0.25 + 0.2·0.5 + 0.2·0.5 = 0.475; strength = 2 × 0.475
    assert row["execution"] == pytest.approx(0.475)
    assert row["policy_strength"] == pytest.approx(0.95)


def test_policy_strength_aggregates_by_province_and_year(sample):
    docs = sample.policy_strength()
    agg = sample.policy_strength(by=["province", "year"])
    assert agg["n_documents"].sum() == docs.height
    jl = docs.filter(pl.col("province") == "吉林")
    got = agg.filter(pl.col("province") == "吉林")
    assert got["policy_strength_sum"].sum() == pytest.approx(jl["policy_strength"].sum())
    # The Jiangsu plan is issued by the general offices of the provincial party
    # committee and government (省委办公厅省政府办公厅).
    js = docs.filter(pl.col("province") == "江苏").row(0, named=True)
    assert js["rank"] == "provincial_general_office"


def test_a_replaced_scoring_table_changes_the_scores(plan, tmp_path):
    table = tmp_path / "mine.tsv"
    table.write_text("[issuer]\nall\t4\t*\t.*\n[doc_type]\n*\t2\n[components]\ntargets\t1\n", encoding="utf-8")
    row = plan.policy_strength(table=table).row(0, named=True)
    assert (row["rank"], row["authority"], row["execution"], row["policy_strength"]) == ("all", 3.0, 0.25, 0.75)


# --- PMC ---------------------------------------------------------------------


def test_pmc_of_the_plan_is_checked_by_hand_against_its_evidence(plan):
    r = plan.pmc()
    ones = {row["second"]: _span(plan, row) for row in r.evidence.iter_rows(named=True)}
    assert all(row["quote"] == _span(plan, row) for row in r.evidence.iter_rows(named=True))
    expected = {
        "X1:1": "不低于每人每月600元",  # 预测: a target with a deadline
        "X1:3": "探索建立",  # 建议: the soft term of a soft record (strength_terms)
        "X2:3": "到2021年底",  # 1-2 years after 2020
        "X2:4": "2020年6月底前",  # the document's year
        "X4:1": "低保标准",
        "X4:2": "养老服务补贴",
        "X4:3": "社区建设",
        "X6:1": "到2021年底",  # 目标规划 through <deadline>, the earliest of its pseudo-terms
        "X6:3": "补贴",
        "X6:5": "建立",
        "X8:1": "不低于每人每月600元",
        "X8:2": "到2021年底",
        "X8:3": "到2021年底",  # deadlines in two different years
        "X9:1": "救助处",
        "X9:3": "省财政厅",
    }
    # 发文级别: the reading stage reads a provincial issuer; the title block shows it.
    assert plan.documents["level"].to_list() == ["provincial"]
    expected["X3:2"] = "吉林省民政厅关于印发《测试工作方案》的通知"
    # 约束性要求: the first binding evidence of a binding record (strength_terms):
    # the deadline of task 1.1, which binds as a dated commitment.
    expected["X8:4"] = "到2021年底"
    assert ones == expected
    row = r.scores.row(0, named=True)
    # X1 2/5, X2 2/4, X3 1/4, X4 3/6, X5 0, X6 3/6, X7 0, X8 4/4, X9 2/5
    assert [row[f"X{i}"] for i in range(1, 10)] == pytest.approx([0.4, 0.5, 0.25, 0.5, 0.0, 0.5, 0.0, 1.0, 0.4])
    assert row["pmc"] == pytest.approx(3.55)
    assert row["grade"] == "poor"  # below 0.5 × 9 = 4.5
    assert r.surface("t").shape == (3, 3)
    assert r.surface("t")[2, 1] == 1.0  # X8
    assert r.variables.filter(pl.col("score") == 1).height == r.evidence.height


def test_pmc_grades_follow_the_scheme_thresholds():
    s = methods.read_pmc_scheme()
    assert [s.grade(x) for x in (9, 8.1, 8.0, 6.3, 4.5, 4.49, 0)] == ["perfect", "perfect", "excellent", "excellent", "acceptable", "poor", "poor"]


def test_a_replaced_pmc_scheme_is_used(plan, tmp_path):
    scheme = tmp_path / "s.tsv"
    scheme.write_text("[A] 目标\nA:1\t目标\ttarget\nA:2\t试点\tinstrument:demand_pilots\n[B] 责任\nB:1\t财政\tdepartment_category:finance\n", encoding="utf-8")
    r = plan.pmc(scheme=scheme)
    assert r.scores.columns == ["doc_id", "A", "B", "pmc", "grade"]
    assert r.scores.row(0)[1:4] == (0.5, 1.0, 1.5)


def test_pmc_surface_plot(sample):
    import matplotlib

    matplotlib.use("Agg")
    r = sample.pmc()
    ax = r.plot(sample.doc_ids[0])
    assert "PMC surface" in ax.get_title()


# --- cross-tabs and CAP --------------------------------------------------------


def test_crosstab_of_the_plan_is_counted_by_hand(plan):
    x = plan.crosstab("instruments", "themes")
    cells = {(r["instruments"], r["themes"]): (r["n"], r["share"], r["row_share"]) for r in x.iter_rows(named=True)}
    # tasks: 1.1 targets×social_assistance, 1.2 {fiscal_tax, institution}×elderly_care,
    # 1.3 targets×social_assistance, 1.4 no instrument.
    assert cells == {
        ("environment_targets", "social_assistance"): (2, 0.5, 1.0),
        ("environment_fiscal_tax", "elderly_care"): (1, 0.25, 1.0),
        ("environment_institution", "elderly_care"): (1, 0.25, 1.0),
    }
    cell = x.filter(pl.col("instruments") == "environment_targets")["records"][0].to_list()
    assert cell == [{"doc_id": "t", "record_id": 3}, {"doc_id": "t", "record_id": 5}]
    wide = plan.crosstab("instrument_type", "themes", form="wide")
    assert wide.row(0, named=True) == {"instrument_type": "environment", "elderly_care": 1, "social_assistance": 2}


def test_crosstab_by_province_matches_a_count_of_the_records(sample):
    x = sample.crosstab("instrument_type", "themes", by="province")
    tasks = sample.records.filter(pl.col("kind") == "task").join(sample.documents.select("doc_id", "province"), on="doc_id")
    types = sample.instruments.filter("assigned").select("doc_id", "record_id", "type")
    counts: dict = {}
    for rec in tasks.iter_rows(named=True):
        kinds = set(types.filter((pl.col("doc_id") == rec["doc_id"]) & (pl.col("record_id") == rec["record_id"]))["type"].to_list())
        for k in kinds:
            for t in rec["themes"]:
                counts[(rec["province"], k, t)] = counts.get((rec["province"], k, t), 0) + 1
    got = {(r["province"], r["instrument_type"], r["themes"]): r["n"] for r in x.iter_rows(named=True)}
    assert got == counts
    n_js = tasks.filter(pl.col("province") == "江苏").height
    js = x.filter(pl.col("province") == "江苏")
    assert js["share"].to_list() == pytest.approx((js["n"] / n_js).to_list())
    assert all(len(r) == n for r, n in zip(x["records"].to_list(), x["n"].to_list()))


def test_crosstab_takes_document_columns_and_names_an_unknown_one(sample):
    x = sample.crosstab("instrument_type", "year")
    assert set(x["year"].to_list()) <= {str(y) for y in sample.documents["year"].to_list()}
    with pytest.raises(ValueError, match="nonsense"):
        sample.crosstab("nonsense", "themes")


def test_every_theme_has_a_cap_topic_and_records_count_once_per_topic(sample):
    mapping = methods.read_cap_mapping()
    themes = [line[1:].split("]")[0] for line in zc._zhengce.default_data("themes.tsv").splitlines() if line.startswith("[")]
    assert sorted(mapping.topics) == sorted(themes)
    assert all(why for _, _, why in mapping.topics.values())
    cap = sample.cap_topics
    assert cap.select("doc_id", "record_id", "cap_code").is_duplicated().sum() == 0
    rec = cap.filter(pl.col("themes").list.len() > 1).row(0, named=True)
    assert {mapping.topics[t][0] for t in rec["themes"]} == {rec["cap_code"]}


# --- data files -----------------------------------------------------------------


@pytest.mark.parametrize(
    "reader, text, line, words",
    [
        (methods.read_strength_table, "[issuer]\na\tx\t*\t.\n", 2, "number"),
        (methods.read_strength_table, "[issuer]\na\t1\tplanet\t.\n", 2, "level"),
        (methods.read_strength_table, "# c\n[issuer]\na\t1\t*\t(\n", 3, "regular expression"),
        (methods.read_strength_table, "[issuer]\na\t1\t*\t.\n[doc_type]\n*\t1\n[components]\nluck\t1\n", 6, "component"),
        (methods.read_pmc_scheme, "[X1] a\nX1:1\ta\tastrology:x\n", 2, "unknown evidence rule"),
        (methods.read_pmc_scheme, "[X1] a\nX1:1\ta\thorizon:soon\n", 2, "horizon"),
        (methods.read_pmc_scheme, "[X1] a\nX1:1\ta\n", 2, "fields"),
        (methods.read_cap_mapping, "elderly_care\tthirteen\tSocial Welfare\tx\n", 1, "whole number"),
        (methods.read_cap_mapping, "a\t13\tx\ty\na\t13\tx\ty\n", 2, "twice"),
    ],
)
def test_a_malformed_data_file_names_its_line(tmp_path, reader, text, line, words):
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(zc.DataFileError, match=rf"bad.tsv: invalid data file at line {line}: .*{words}"):
        reader(path)


def test_the_shipped_tables_read():
    t = methods.read_strength_table()
    assert t.issuer("国务院办公厅", "national").rank == "central_general_office"
    assert t.issuer("中共吉林省委 吉林省人民政府", "provincial").rank == "provincial"
    assert t.issuer(None, None).rank == "other"
    assert len(methods.read_pmc_scheme().first) == 9


# --- agreement -------------------------------------------------------------------


def test_kappa_and_alpha_of_a_hand_example():
    # a: x x y y; b: x y y y. p_o = 3/4; p_e = (2·1 + 2·3)/16 = 1/2; κ = (3/4 − 1/2)/(1/2) = 0.5.
    assert methods.cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"]) == pytest.approx(0.5)
    # Coincidences: o_xx = 2, o_xy = o_yx = 1, o_yy = 4; n_x = 3, n_y = 5, n = 8.
    # α = 1 − (n − 1)·(o_xy + o_yx) / (2·n_x·n_y) = 1 − 7·2/30 = 0.5333…
    assert methods.krippendorff_alpha([["x", "x", "y", "y"], ["x", "y", "y", "y"]]) == pytest.approx(1 - 14 / 30)


def _generated(seed: int, n: int, coders: int, k: int, missing: float):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, k, n)
    data = np.where(rng.random((coders, n)) < 0.7, truth, rng.integers(0, k, (coders, n))).astype(float)
    data[rng.random((coders, n)) < missing] = np.nan
    return data


@pytest.mark.parametrize("seed", range(20))
def test_kappa_and_alpha_match_scikit_learn_and_krippendorff(seed):
    krippendorff = pytest.importorskip("krippendorff")
    sk = pytest.importorskip("sklearn.metrics")
    two = _generated(seed, 40, 2, 3 + seed % 3, 0.0).astype(int)
    assert methods.cohen_kappa(list(two[0]), list(two[1])) == pytest.approx(sk.cohen_kappa_score(two[0], two[1]))
    many = _generated(seed, 50, 2 + seed % 4, 2 + seed % 4, 0.15)
    rows = [[None if np.isnan(v) else int(v) for v in row] for row in many]
    ref = krippendorff.alpha(reliability_data=many, level_of_measurement="nominal")
    assert methods.krippendorff_alpha(rows) == pytest.approx(ref)


def test_agreement_per_label_and_overall_matches_the_references():
    krippendorff = pytest.importorskip("krippendorff")
    sk = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(7)
    labels = ["a", "b", "c"]
    rows = []
    truth = [set(rng.choice(labels, rng.integers(0, 3), replace=False)) for _ in range(60)]
    for coder in ("p1", "p2", "p3"):
        for i, t in enumerate(truth):
            vals = {x for x in labels if (x in t) != (rng.random() < 0.15)}
            rows.append(("d", i, coder, "themes", sorted(vals)))
            rows.append(("d", i, coder, "strength_label", [labels[(len(t) + (rng.random() < 0.2)) % 3]]))
    codings = pl.DataFrame(rows, schema=["doc_id", "record_id", "coder", "variable", "values"], orient="row")
    out = zc.agreement(codings, n_boot=200, seed=1)
    for variable in ("themes", "strength_label"):
        part = codings.filter(pl.col("variable") == variable).sort("coder", "record_id")
        vals = {c: part.filter(pl.col("coder") == c)["values"].to_list() for c in ("p1", "p2", "p3")}
        for label in labels:
            if variable == "themes":
                bins = {c: [int(label in v) for v in vs] for c, vs in vals.items()}
            else:
                bins = {c: [int(v[0] == label) for v in vs] for c, vs in vals.items()}
            row = out.filter((pl.col("variable") == variable) & (pl.col("label") == label) & (pl.col("coder_a") == "p1") & (pl.col("coder_b") == "p2")).row(0, named=True)
            assert row["kappa"] == pytest.approx(sk.cohen_kappa_score(bins["p1"], bins["p2"]))
            assert row["kappa_low"] <= row["kappa"] <= row["kappa_high"]
            every = out.filter((pl.col("variable") == variable) & (pl.col("label") == label) & (pl.col("coder_a") == "(all)")).row(0, named=True)
            assert every["alpha"] == pytest.approx(krippendorff.alpha(reliability_data=[bins[c] for c in bins], level_of_measurement="nominal"))
    # Overall for a single-valued variable: nominal over its categories.
    part = codings.filter(pl.col("variable") == "strength_label").sort("coder", "record_id")
    codes = [[labels.index(v[0]) for v in part.filter(pl.col("coder") == c)["values"].to_list()] for c in ("p1", "p2", "p3")]
    every = out.filter((pl.col("variable") == "strength_label") & (pl.col("label") == "(all)") & (pl.col("coder_a") == "(all)")).row(0, named=True)
    assert every["alpha"] == pytest.approx(krippendorff.alpha(reliability_data=codes, level_of_measurement="nominal"))
    pair = out.filter((pl.col("variable") == "strength_label") & (pl.col("label") == "(all)") & (pl.col("coder_a") == "p1") & (pl.col("coder_b") == "p3")).row(0, named=True)
    assert pair["kappa"] == pytest.approx(sk.cohen_kappa_score(codes[0], codes[2]))
    # Overall for a multi-label variable: every label's decisions pooled.
    part = codings.filter(pl.col("variable") == "themes").sort("coder", "record_id")
    pooled = {c: [int(x in v) for x in labels for v in part.filter(pl.col("coder") == c)["values"].to_list()] for c in ("p1", "p2")}
    row = out.filter((pl.col("variable") == "themes") & (pl.col("label") == "(all)") & (pl.col("coder_a") == "p1") & (pl.col("coder_b") == "p2")).row(0, named=True)
    assert row["kappa"] == pytest.approx(sk.cohen_kappa_score(pooled["p1"], pooled["p2"]))


def test_the_coding_sheet_round_trip(sample, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "sheet.xlsx"
    written = sample.coding_sheet(path, n=30, seed=3)
    assert written.height == 30
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["coding", "codebook", "about"]
    assert {r[0] for r in wb["codebook"].iter_rows(min_row=2, values_only=True)} == {"themes", "instruments", "strength_label"}
    # Two coders: one copies the machine's themes, one drops them on every other row.
    header = [c.value for c in wb["coding"][1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for coder, keep in (("anna", lambda i: True), ("bo", lambda i: i % 2 == 0)):
        ws = wb["coding"]
        for i, row in enumerate(ws.iter_rows(min_row=2), 2):
            machine = row[col["machine_themes"] - 1].value or ""
            ws.cell(i, col["themes"], machine if keep(i) else "")
            ws.cell(i, col["strength_label"], row[col["machine_strength_label"] - 1].value)
        wb["about"]["B1"] = coder
        wb.save(tmp_path / f"{coder}.xlsx")
    codings = zc.read_coding([tmp_path / "anna.xlsx", tmp_path / "bo.xlsx"])
    assert sorted(codings["coder"].unique().to_list()) == ["anna", "bo", "machine"]
    out = zc.agreement(codings, n_boot=50)
    same = out.filter((pl.col("variable") == "themes") & (pl.col("label") == "(all)") & (pl.col("coder_a") == "anna") & (pl.col("coder_b") == "machine"))
    assert same["kappa"][0] == pytest.approx(1.0) and same["observed"][0] == 1.0
    differ = out.filter((pl.col("variable") == "themes") & (pl.col("label") == "(all)") & (pl.col("coder_a") == "anna") & (pl.col("coder_b") == "bo"))
    assert differ["kappa"][0] < 1.0
    # An id that is not in the codebook names the file, row and column.
    ws = wb["coding"]
    ws.cell(2, col["themes"], "no_such_theme")
    wb.save(tmp_path / "typo.xlsx")
    with pytest.raises(zc.DataFileError, match=r"typo.xlsx: invalid data file at line 2: column themes: 'no_such_theme'"):
        zc.read_coding(tmp_path / "typo.xlsx")


def test_the_methods_section_gives_each_formula_and_source():
    md = methods.methods_section()
    for needle in ("Peng", "Ruiz Estrada", "Comparative Agendas", "Cohen", "Krippendorff", "(p_o − p_e)/(1 − p_e)", "Σ_j X_ij / n_i"):
        assert needle in md
    assert methods.methods_section("html").startswith("<h2>Methods</h2>")


def test_compare_by_cap_topic_agrees_with_the_core_comparison_of_themes(sample):
    cap = sample.compare("province", "cap_topic")
    themes = sample.compare("province", "themes")
    # Group sizes are the core's.
    sizes = themes.select("province", "n_records", "n_chars").unique()
    assert cap.select("province", "n_records", "n_chars").unique().join(sizes, on=["province", "n_records", "n_chars"], how="anti", nulls_equal=True).height == 0
    # A topic reached from one theme only (12 Law and Crime ← marriage_registration;
    # 16 Defense ← veterans_military) counts the records of that theme.
    for code, theme in (("12", "marriage_registration"), ("16", "veterans_military")):
        got = {r["province"]: r["n"] for r in cap.filter(pl.col("feature") == code).iter_rows(named=True)}
        want = {r["province"]: r["n"] for r in themes.filter(pl.col("feature") == theme).iter_rows(named=True)}
        assert got == want
    # Every count is the number of distinct records of corpus.cap_topics.
    per = sample.cap_topics.join(sample.documents.select("doc_id", "province"), on="doc_id").group_by("province", "cap_code").len()
    assert sorted((r["province"], str(r["cap_code"]), r["len"]) for r in per.iter_rows(named=True)) == sorted(
        (r["province"], r["feature"], r["n"]) for r in cap.iter_rows(named=True)
    )
    wide = sample.compare("province", "cap_topic", form="wide", measure="share")
    assert wide.columns[:4] == ["province", "n_documents", "n_records", "n_chars"]
    assert wide.filter(pl.col("province") == "江苏")["13"][0] == pytest.approx(cap.filter((pl.col("province") == "江苏") & (pl.col("feature") == "13"))["share"][0])
