"""Time the comparisons computed in the core against the same work in
scikit-learn and numpy, side by side in one run (BENCHMARKS.md, "Comparisons").

On a generated corpus (bench/generate.py; 100 MB is the goal's size):

* ``compare`` by province for every ``what`` (goal: each under 1 s);
* tf-idf + cosine top-10 of 1,000 task records against every task record:
  zhengce (``corpus.similarity``, from the word counts already made) against
  scikit-learn's ``TfidfVectorizer`` (fed the same tokens, as lists) +
  ``cosine_similarity`` + a top-10 per row; the top-10 similarities must agree
  to 1e-9 (goal: zhengce 5× faster);
* keyness of one province against the rest (chi2, g2, p, pmi, log ratio):
  zhengce (``corpus.keyness``) against the same formulas in numpy/scipy on the
  same count matrix (goal: zhengce faster); both take a few milliseconds, so
  each side is the best of seven timings.

Word counting (tokenisation of every task record) is shared by both sides and
timed apart.

    python bench/compare.py --size 100MB [--markdown BENCHMARKS.md]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

WHATS = ["themes", "instruments", "instrument_types", "departments", "department_categories", "department_levels", "strength", "targets", "deadlines", "slogans"]


def timed(f):
    t = time.perf_counter()
    out = f()
    return out, time.perf_counter() - t


def best_of(f, n: int = 7):
    """The result and the best of ``n`` timings: for calls of milliseconds,
    where one timing is mostly the machine's noise."""
    out, best = timed(f)
    for _ in range(n - 1):
        best = min(best, timed(f)[1])
    return out, best


def sklearn_top10(tokens: list[list[str]], queries: int, k: int = 10):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    x = TfidfVectorizer(analyzer=lambda t: t).fit_transform(tokens)
    sim = cosine_similarity(x[:queries], x, dense_output=False).tocsr()
    out = []
    for r in range(queries):
        a, b = sim.indptr[r], sim.indptr[r + 1]
        cols, vals = sim.indices[a:b], sim.data[a:b]
        keep = cols != r
        cols, vals = cols[keep], vals[keep]
        order = np.lexsort((cols, -vals))[:k]
        out.append(vals[order])
    return out


def numpy_keyness(x, target_rows: np.ndarray):
    """The keyness columns of zhengce (no correction), in numpy/scipy."""
    from scipy.special import erfc

    a = np.asarray(x[target_rows].sum(axis=0)).ravel()
    b = np.asarray(x.sum(axis=0)).ravel() - a
    keep = (a + b) > 0
    a, b = a[keep], b[keep]
    nt, nr = a.sum(), b.sum()
    n = nt + nr
    obs = np.stack([a, b, nt - a, nr - b])
    r1, r2 = a + b, n - a - b
    exp = np.stack([r1 * nt / n, r1 * nr / n, r2 * nt / n, r2 * nr / n])
    chi2 = ((obs - exp) ** 2 / exp).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * np.where(obs > 0, obs * np.log(obs / exp), 0.0).sum(axis=0)
        pmi = np.where(a > 0, np.log(a / exp[0]), np.nan)
    sign = np.where(a < exp[0], -1.0, 1.0)
    p = erfc(np.sqrt(chi2 / 2))
    lr = np.log2(np.where(a > 0, a, 0.5) / nt / (np.where(b > 0, b, 0.5) / nr))
    order = np.lexsort((np.arange(len(a)), -(sign * chi2)))
    return sign[order] * chi2[order], sign[order] * g2[order], p[order], pmi[order], lr[order]


def run(folder: str, queries: int = 1000) -> dict:
    import zhengce as zc

    out: dict = {"corpus": folder}
    corpus, out["read_s"] = timed(lambda: zc.read(folder))
    out["documents"] = len(corpus)
    out["task_records"] = int(corpus.documents["n_records"].sum())
    docs = corpus.documents  # built once, outside the timings
    per = {}
    for what in WHATS:
        f, t = timed(lambda: corpus.compare("province", what))
        per[what] = {"s": t, "rows": f.height}
    out["compare"] = per
    out["compare_max_s"] = max(v["s"] for v in per.values())
    out["overview_s"] = timed(lambda: corpus.overview("province"))[1]

    # Word counts: shared by both sides (the tokens), timed apart.
    counts, out["word_counts_s"] = timed(lambda: corpus.dfm(by="record"))
    out["vocabulary"] = len(counts.vocabulary)
    out["nnz"] = int(len(counts.data))
    x = counts.to_scipy()
    tokens = []
    for r in range(x.shape[0]):
        a, b = x.indptr[r], x.indptr[r + 1]
        tokens.append([counts.vocabulary[c] for c, n in zip(x.indices[a:b], x.data[a:b]) for _ in range(int(n))])

    ours, out["zhengce_tfidf_cosine_s"] = timed(lambda: corpus.similarity(by="record", top_k=10, rows=range(queries)).raw)
    theirs, out["sklearn_tfidf_cosine_s"] = timed(lambda: sklearn_top10(tokens, queries))
    worst = 0.0
    for r in range(queries):
        mine = ours.filter(pl.col("a") == r)["similarity"].to_numpy()
        want = theirs[r][theirs[r] > 0]
        if len(mine) != len(want):
            worst = float("inf")
            break
        if len(mine):
            worst = max(worst, float(np.abs(mine - want).max()))
    out["tfidf_cosine_max_diff"] = worst
    out["tfidf_cosine_speedup"] = out["sklearn_tfidf_cosine_s"] / out["zhengce_tfidf_cosine_s"]

    target = docs["province"].drop_nulls().mode().sort()[0]
    k, out["zhengce_keyness_s"] = best_of(lambda: corpus.keyness(target))
    rows = counts.rows.join(docs.select("doc_id", "province"), on="doc_id", how="left")
    mask = (rows["province"] == target).fill_null(False).to_numpy()
    (chi2, g2, p, pmi, lr), out["numpy_keyness_s"] = best_of(lambda: numpy_keyness(x, np.flatnonzero(mask)))
    out["keyness_max_diff_chi2"] = float(np.abs(k["chi2"].to_numpy() - chi2).max())
    out["keyness_speedup"] = out["numpy_keyness_s"] / out["zhengce_keyness_s"]
    out["keyness_target"] = target
    return out


MARK_BEGIN, MARK_END = "<!-- compare-results:begin -->", "<!-- compare-results:end -->"


def markdown(r: dict, size: str) -> str:
    lines = [
        f"Corpus: {size} generated ({r['documents']} documents, {r['task_records']} task records; read in {r['read_s']:.1f} s).",
        "",
        "| what | `compare` by province (s) | rows |",
        "|---|---|---|",
    ]
    lines += [f"| {w} | {v['s']:.3f} | {v['rows']} |" for w, v in r["compare"].items()]
    lines += [
        "",
        f"Slowest `compare`: {r['compare_max_s']:.3f} s (goal < 1 s at 100 MB: "
        + (("met" if r["compare_max_s"] < 1 else "missed") if size == "100MB" else f"not measured here, this is {size}") + ").",
        f"Word counts of every task record (tokenisation, shared by both sides below): {r['word_counts_s']:.2f} s "
        f"({r['vocabulary']} words, {r['nnz']} non-zero cells).",
        "",
        "| task | zhengce (s) | reference (s) | speed-up | agreement |",
        "|---|---|---|---|---|",
        f"| tf-idf + cosine top-10, 1,000 records × all | {r['zhengce_tfidf_cosine_s']:.3f} | scikit-learn {r['sklearn_tfidf_cosine_s']:.3f} | "
        f"{r['tfidf_cosine_speedup']:.1f}× (goal 5×: {'met' if r['tfidf_cosine_speedup'] >= 5 else 'missed'}) | max diff {r['tfidf_cosine_max_diff']:.1e} |",
        f"| keyness of {r['keyness_target']} vs the rest (best of 7) | {r['zhengce_keyness_s']:.4f} | numpy {r['numpy_keyness_s']:.4f} | "
        f"{r['keyness_speedup']:.1f}× (goal > 1×: {'met' if r['keyness_speedup'] > 1 else 'missed'}) | chi2 max diff {r['keyness_max_diff_chi2']:.1e} |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="10MB")
    ap.add_argument("--folder", help="a corpus folder (default bench/out/corpus-<size>, generated when missing)")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--markdown", help="write the results between the compare markers of this file")
    ap.add_argument("--json", help="write the results as JSON")
    a = ap.parse_args(argv)
    folder = a.folder or str(HERE / "out" / f"corpus-{a.size}")
    if not Path(folder).exists():
        import generate

        generate.generate(folder, generate.parse_size(a.size))
    r = run(folder, a.queries)
    print(json.dumps(r, indent=1, ensure_ascii=False))
    if a.json:
        Path(a.json).write_text(json.dumps(r, indent=1, ensure_ascii=False), encoding="utf-8")
    if a.markdown:
        p = Path(a.markdown)
        text = p.read_text(encoding="utf-8")
        body = markdown(r, a.size)
        if MARK_BEGIN in text:
            head, rest = text.split(MARK_BEGIN, 1)
            text = head + MARK_BEGIN + "\n" + body + "\n" + MARK_END + rest.split(MARK_END, 1)[1]
        else:
            text += f"\n## Comparisons (bench/compare.py)\n\n{MARK_BEGIN}\n{body}\n{MARK_END}\n"
        p.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
