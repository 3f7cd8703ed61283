"""The promises of every read document, checked from Python with Hypothesis on
generated documents (markers of every style and depth, headings, paragraphs
broken across lines, brackets balanced or not, boilerplate and metadata
lines, attributions, targets, CR/LF mixes, full-width and invisible
characters). Offsets are Python character offsets into ``corpus.text``.

Each run checks at least 10,000 documents: every example is a batch of 20
or more documents read together."""
from __future__ import annotations

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zhengce as zc

MARKERS = ["一、", "二、", "十一、", "（一）", "(二)", "（三)", "㈣", "1.", "2．", "１２．", "1、", "3、", "（1）", "(2)", "3）", "①", "⑤", "⑴",
           "1.1 ", "2.3.4 ", "第一章", "第二节", "第三条　", "第一部分", "一是"]
WORDS = ["加强", "基层", "民政", "建设", "提高", "城乡低保标准", "推进", "养老服务体系", "完善", "社会救助制度", "落实", "两不愁、三保障", "“四个意识”",
         "省民政厅", "各市（州）", "不低于", "达到", "以上", "20%", "３０％", "1.5倍", "3万人", "每千名老年人30张", "2020年底前", "4月25日前",
         "2019年3月11日", "吉民发〔2019〕15号", "ABC", "１２３"]
PUNCT = list("，。；：、！？,;:…（）()《》“”〔〕【】")
LINES = ["扫一扫在手机打开当前页", "索引号：11220000/2019-00015\t分类：民政", "发文机关：吉林省民政厅", "（责任单位：省民政厅、省财政厅）",
         "牵头单位：省民政厅；配合单位：省财政厅", "附件：1. 工作方案", "联系人：张三，电话：0431-88888888", "吉林省民政厅", "2019年3月11日",
         "（此件公开发布）", "各市（州）民政局：", "吉林省民政厅关于印发《2019年实施方案》的通知", "<p>加强建设</p>&nbsp;<br/>"]
INVISIBLE = ["\u200b", "\ufeff", "\u200d", "\x07", "\x1b", "\xad"]
SPACE = ["", "", "", " ", "\u3000\u3000", "\t"]
ENDS = ["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]

prose = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(INVISIBLE)), max_size=12
).map("".join)
body = st.one_of(
    st.tuples(st.sampled_from(MARKERS), prose).map("".join),
    prose,
    st.sampled_from(LINES),
    st.tuples(prose, st.sampled_from(LINES)).map("".join),
)
line = st.tuples(st.sampled_from(SPACE), body, st.sampled_from(SPACE), st.sampled_from(ENDS)).map("".join)
document = st.lists(line, max_size=30).map("".join)
batch = st.lists(document, min_size=20, max_size=24)

SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)

checked = {"documents": 0}


def check_corpus(c: zc.Corpus, n: int) -> None:
    errors = c.errors.filter((pl.col("severity") == "error") | pl.col("message").str.contains("internal error"))
    assert errors.height == 0, errors.to_dicts()
    assert len(c) == n
    texts = {d: c.text(d) for d in c.doc_ids}
    # Blocks: inside the text, in order, not overlapping, covering every character but
    # the line breaks between paragraphs; marker, white space, then `text`.
    covered = {d: 0 for d in texts}
    for r in c.blocks.iter_rows(named=True):
        t = texts[r["doc_id"]]
        assert 0 <= covered[r["doc_id"]] <= r["start"] < r["end"] <= len(t)
        assert set(t[covered[r["doc_id"]] : r["start"]]) <= {"\n"}
        piece = t[r["start"] : r["end"]]
        assert piece.startswith(r["marker"]) and piece.endswith(r["text"])
        assert piece[len(r["marker"]) : len(piece) - len(r["text"])].strip() == ""
        covered[r["doc_id"]] = r["end"]
    for d, t in texts.items():
        assert set(t[covered[d] :]) <= {"\n"}
    # Records are the blocks that are neither headings nor boilerplate: each
    # character outside those is in exactly one record.
    recs = c.records
    assert recs.height == c.blocks.filter(~pl.col("kind").is_in(["heading", "boilerplate"])).height
    bounds = {(r["doc_id"], r["record_id"]): (r["start"], r["end"]) for r in c.blocks.iter_rows(named=True)}
    # Extractions lie inside their record and slice the text.
    for frame, col in [(c.targets, "span"), (c.slogans, None), (c.deadlines, None), (c.departments, "department")]:
        for r in frame.iter_rows(named=True):
            s, e = bounds[(r["doc_id"], r["record_id"])]
            assert s <= r["start"] <= r["end"] <= e, (frame.columns, r)
            if col:
                assert texts[r["doc_id"]][r["start"] : r["end"]] == r[col]
    checked["documents"] += n


@SETTINGS
@given(batch)
def _generated_documents_keep_their_promises(docs):
    c = zc.read_texts({f"d{i}": t for i, t in enumerate(docs)})
    check_corpus(c, len(docs))


def test_generated_documents_keep_their_promises():
    checked["documents"] = 0
    _generated_documents_keep_their_promises()
    assert checked["documents"] >= 10_000, checked


# Every frame but tokens (re-tokenised on request, and slow at 60 examples).
FRAMES = [name for name, _, _ in zc._corpus.FRAMES if name != "tokens"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)
@given(st.lists(document, min_size=1, max_size=16))
def test_the_thread_count_does_not_change_the_output(docs):
    items = {f"d{i}": t for i, t in enumerate(docs)}
    one, two = zc.read_texts(items, threads=1), zc.read_texts(items, threads=2)
    for name in FRAMES:
        a, b = getattr(one, name), getattr(two, name)
        assert a.equals(b), name
    assert [one.text(d) for d in one.doc_ids] == [two.text(d) for d in two.doc_ids]


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_text_is_read_without_loss(text):
    """Whatever the text, the visible characters survive normalisation in order."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates are not text (see test_bad_input)
    c = zc.read_texts({"x": text})
    assert len(c) == 1 and c.errors.filter(pl.col("severity") == "error").height == 0
    invisible = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff", "\xad", "\ufffe"}

    def visible(s: str) -> str:
        return "".join(ch for ch in s if not (ch.isspace() or ch in invisible or (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0)))

    assert visible(c.text("x")) == visible(text)
