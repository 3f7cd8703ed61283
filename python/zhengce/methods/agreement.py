"""Agreement between coders: Cohen's κ and Krippendorff's α (nominal), per label
and overall, with bootstrap confidence intervals (README, "Coding and agreement").

Formulas (n units, categories c, k):

* Cohen's κ (Cohen 1960) for two coders: ``κ = (p_o − p_e) / (1 − p_e)``, with
  ``p_o`` the share of units both code alike and ``p_e = Σ_c p_a(c)·p_b(c)`` the
  agreement expected from each coder's own category shares.
* Krippendorff's α, nominal (Krippendorff 2004/2011, "Computing Krippendorff's
  alpha-reliability"): with the coincidence matrix
  ``o_ck = Σ_u Σ_{i≠j} [v_ui = c][v_uj = k] / (m_u − 1)`` over the units coded by
  ``m_u ≥ 2`` coders, ``n_c = Σ_k o_ck`` and ``n = Σ_c n_c``:
  ``α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k``. Any number of coders,
  missing codings allowed.
* Confidence intervals: percentile bootstrap over units (records are drawn with
  replacement, all their codings kept together), ``n_boot`` replicates.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import polars as pl

from .._errors import InvalidValueError

MISSING = -1
ALL = "(all)"
MULTI_LABEL = frozenset({"themes", "instruments", "cap_topics"})


def cohen_kappa(a: Sequence[object], b: Sequence[object]) -> float:
    """Cohen's κ of two coders' nominal codes of the same units (None: not coded;
    such units are left out).

    >>> round(cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"]), 4)
    0.5
    """
    codes, _ = _encode([list(a), list(b)])
    return _kappa(codes[0], codes[1])


def krippendorff_alpha(data: Sequence[Sequence[object]]) -> float:
    """Krippendorff's α (nominal) of a coders × units table (None: not coded), as
    the ``krippendorff`` package takes ``reliability_data``.

    >>> round(krippendorff_alpha([["x", "x", "y", "y"], ["x", "y", "y", "y"]]), 4)
    0.5333
    """
    codes, _ = _encode([list(row) for row in data])
    return _alpha(_counts(codes))


def _encode(rows: list[list[object]]) -> tuple[np.ndarray, list[object]]:
    """Coders × units integer codes (MISSING for None/NaN) and the categories."""
    cats: dict[object, int] = {}
    out = np.full((len(rows), len(rows[0]) if rows else 0), MISSING, dtype=np.int64)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is None or (isinstance(v, float) and np.isnan(v)):
                continue
            out[i, j] = cats.setdefault(v, len(cats))
    return out, list(cats)


def _kappa(a: np.ndarray, b: np.ndarray) -> float:
    both = (a != MISSING) & (b != MISSING)
    a, b = a[both], b[both]
    if len(a) == 0:
        return float("nan")
    k = int(max(a.max(), b.max())) + 1
    p_o = float(np.mean(a == b))
    p_e = float(np.dot(np.bincount(a, minlength=k), np.bincount(b, minlength=k))) / len(a) ** 2
    return float("nan") if p_e == 1 else (p_o - p_e) / (1 - p_e)


def _counts(codes: np.ndarray) -> np.ndarray:
    """Units × categories: how many coders gave each unit each category."""
    k = int(codes.max()) + 1 if codes.size and codes.max() >= 0 else 1
    units = codes.shape[1]
    out = np.zeros((units, k), dtype=np.float64)
    for row in codes:
        ok = row != MISSING
        np.add.at(out, (np.nonzero(ok)[0], row[ok]), 1)
    return out


def _alpha(counts: np.ndarray) -> float:
    """α from units × categories counts (one row per unit)."""
    m = counts.sum(axis=1)
    pairable = m >= 2
    if not pairable.any():
        return float("nan")
    c = counts[pairable]
    w = 1.0 / (m[pairable] - 1)
    o = (c * w[:, None]).T @ c - np.diag((c * w[:, None]).sum(axis=0))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    disagree = o.sum() - np.trace(o)
    expected = n_c.sum() ** 2 - np.dot(n_c, n_c)
    if expected == 0:
        return float("nan")
    return float(1 - (n - 1) * disagree / expected)


def _interval(values: np.ndarray, level: float) -> tuple[float | None, float | None]:
    ok = values[~np.isnan(values)]
    if len(ok) == 0:
        return None, None
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(ok, [tail, 100 - tail])
    return float(lo), float(hi)


def _nan_none(x: float) -> float | None:
    return None if x is None or np.isnan(x) else float(x)


def _stats(codes: np.ndarray, unit_of: np.ndarray, n_units: int, rng, n_boot: int, level: float) -> dict:
    """κ (two coders only) and α of coders × items codes whose items belong to
    units ``unit_of`` (several items per unit for pooled labels), with bootstrap
    intervals over units."""
    pair = codes.shape[0] == 2
    counts = _counts(codes)
    both = (codes != MISSING).sum(axis=0) >= 2
    out = {
        "n_units": int(len(np.unique(unit_of[both]))),
        "observed": _nan_none(float(np.mean(codes[0, both] == codes[1, both])) if pair and both.any() else float("nan")),
        "kappa": _nan_none(_kappa(codes[0], codes[1])) if pair else None,
        "alpha": _nan_none(_alpha(counts)),
    }
    kappas, alphas = np.full(n_boot, np.nan), np.full(n_boot, np.nan)
    items = [np.nonzero(unit_of == u)[0] for u in range(n_units)]
    for b in range(n_boot):
        draw = rng.integers(0, n_units, n_units)
        idx = np.concatenate([items[u] for u in draw]) if n_units else np.array([], dtype=np.int64)
        if pair:
            kappas[b] = _kappa(codes[0, idx], codes[1, idx])
        alphas[b] = _alpha(counts[idx])
    out["kappa_low"], out["kappa_high"] = _interval(kappas, level) if pair else (None, None)
    out["alpha_low"], out["alpha_high"] = _interval(alphas, level)
    return out


def agreement(
    codings: pl.DataFrame,
    *,
    coders: Sequence[str] | None = None,
    variables: Sequence[str] | None = None,
    multi_label: Iterable[str] | None = None,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> pl.DataFrame:
    """How far coders agree, per variable, label and pair of coders.

    ``codings`` is the long frame :func:`zhengce.read_coding` returns: ``doc_id``,
    ``record_id``, ``coder``, ``variable``, ``values`` (list of the labels the coder
    gave; ``[]`` for a record coded with none). A record a coder did not code has
    no row. Coder ``machine`` is zhengce's own labels.

    Multi-label variables (themes, instruments; ``multi_label`` to name others)
    are scored per label as present/absent, and ``(all)`` pools every label's
    decisions. Single-valued variables (strength_label) are scored per category
    (that category or another) and ``(all)`` over every category (nominal).

    One row per variable, label and pair of coders (``coder_a``, ``coder_b``);
    with more than two coders, a row with both ``(all)`` gives α over all of them.
    Columns: n_units, observed (share of agreeing decisions, pairs only), kappa,
    alpha and their ``_low``/``_high`` bootstrap bounds at ``level``.

    >>> import polars as pl
    >>> c = pl.DataFrame({"doc_id": ["d"] * 4, "record_id": [1, 2, 1, 2], "coder": ["a", "a", "b", "b"],
    ...                   "variable": ["strength_label"] * 4, "values": [["binding"], ["soft"], ["binding"], ["binding"]]})
    >>> agreement(c, n_boot=0).filter(pl.col("label") == "(all)")["observed"].to_list()
    [0.5]
    """
    need = {"doc_id", "record_id", "coder", "variable", "values"}
    if missing := need - set(codings.columns):
        raise InvalidValueError(f"codings need the columns {sorted(need)}; missing {sorted(missing)}")
    multi = set(MULTI_LABEL if multi_label is None else multi_label)
    all_coders = list(coders) if coders is not None else sorted(codings["coder"].unique().to_list())
    rng = np.random.default_rng(seed)
    rows: list[dict] = []
    for variable in variables or sorted(codings["variable"].unique().to_list()):
        part = codings.filter((pl.col("variable") == variable) & pl.col("coder").is_in(all_coders))
        groups = _coder_groups(all_coders)
        for label, codes, unit_of, n_units in _items(part, all_coders, variable in multi):
            for group in groups:
                idx = [all_coders.index(c) for c in group]
                stats = _stats(codes[idx], unit_of, n_units, rng, n_boot, level)
                a, b = (group[0], group[1]) if len(group) == 2 else (ALL, ALL)
                rows.append({"variable": variable, "label": label, "coder_a": a, "coder_b": b, **stats})
    schema = {
        "variable": pl.String, "label": pl.String, "coder_a": pl.String, "coder_b": pl.String, "n_units": pl.Int64,
        "observed": pl.Float64, "kappa": pl.Float64, "alpha": pl.Float64, "kappa_low": pl.Float64,
        "kappa_high": pl.Float64, "alpha_low": pl.Float64, "alpha_high": pl.Float64,
    }  # fmt: skip
    cols = ["variable", "label", "coder_a", "coder_b", "n_units", "observed", "kappa", "kappa_low", "kappa_high", "alpha", "alpha_low", "alpha_high"]
    return pl.DataFrame(rows, schema=schema).select(cols)


def _coder_groups(coders: list[str]) -> list[tuple[str, ...]]:
    pairs = [(a, b) for i, a in enumerate(coders) for b in coders[i + 1 :]]
    return pairs + ([tuple(coders)] if len(coders) > 2 else [])


def _items(part: pl.DataFrame, coders: list[str], multi: bool):
    """(label, coders × items codes, unit of each item, number of units) for each
    label and for ``(all)``."""
    units = part.select("doc_id", "record_id").unique().sort("doc_id", "record_id")
    unit_index = {(d, r): i for i, (d, r) in enumerate(units.iter_rows())}
    n = len(unit_index)
    coded: list[dict[int, list[str]]] = [{} for _ in coders]
    for d, r, coder, values in part.select("doc_id", "record_id", "coder", "values").iter_rows():
        coded[coders.index(coder)][unit_index[(d, r)]] = list(values or [])
    labels = sorted({v for per in coded for vals in per.values() for v in vals})
    if multi:
        present = {lab: _binary(coded, n, lab) for lab in labels}
        for lab in labels:
            yield lab, present[lab], np.arange(n), n
        if labels:
            yield ALL, np.concatenate([present[lab] for lab in labels], axis=1), np.tile(np.arange(n), len(labels)), n
        return
    single = np.full((len(coders), n), MISSING, dtype=np.int64)
    for i, per in enumerate(coded):
        for u, vals in per.items():
            if vals:
                single[i, u] = labels.index(vals[0])
    for j, lab in enumerate(labels):
        yield lab, np.where(single == MISSING, MISSING, (single == j).astype(np.int64)), np.arange(n), n
    yield ALL, single, np.arange(n), n


def _binary(coded: list[dict[int, list[str]]], n: int, label: str) -> np.ndarray:
    out = np.full((len(coded), n), MISSING, dtype=np.int64)
    for i, per in enumerate(coded):
        for u, vals in per.items():
            out[i, u] = int(label in vals)
    return out
