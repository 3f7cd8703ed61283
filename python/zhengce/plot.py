"""Charts of the comparison frames, with Chinese labels that render.

Every function takes a frame the core computed (``corpus.compare``,
``corpus.keyness``, ``corpus.department_network``, ``corpus.targets`` …) and
draws it; nothing is counted here. Each returns a matplotlib ``Figure`` that
shows in a notebook and saves as PNG or SVG (:func:`save`).

Chinese needs a font with CJK glyphs: matplotlib's default (DejaVu Sans) draws
every Chinese character as the same empty box. :func:`cjk_font` finds one — the
Noto Sans CJK SC shipped by the ``mplfonts`` package (``pip install
'zhengce[report]'``), or else a CJK font installed on the system (Noto Sans CJK,
Source Han Sans, WenQuanYi, Microsoft YaHei, PingFang …) — and registers it with
matplotlib; the charts of this module use it.

>>> import zhengce as zc, zhengce.plot as zp  # doctest: +SKIP
>>> c = zc.load_sample()  # doctest: +SKIP
>>> zp.save(zp.heatmap(c.compare("province", "themes")), "themes.png")  # doctest: +SKIP
"""
from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import polars as pl

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: CJK families looked for on the system when no font package is installed, best first.
SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "AR PL UMing CN",
)

#: Characters every CJK candidate must draw (a province, a department, a theme).
_PROBE = "吉林江苏青海民政厅养老服务"


def _matplotlib():
    try:
        import matplotlib
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise ImportError("zhengce.plot needs matplotlib: pip install 'zhengce[report]'") from e
    return matplotlib


def _covers(path: str, chars: str = _PROBE) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in chars)


def _packaged_font() -> str | None:
    """Noto Sans CJK SC from the mplfonts package, found without importing it
    (its import configures matplotlib globally)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        p = Path(folder) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if p.exists():
            return str(p)
    return None


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The family name of a CJK font registered with matplotlib (see the module's
    description); raises ``RuntimeError`` saying what to install when there is none.

    >>> import zhengce.plot as zp  # doctest: +SKIP
    >>> zp.cjk_font()  # doctest: +SKIP
    'Noto Sans CJK SC'
    """
    _matplotlib()
    from matplotlib import font_manager as fm

    packaged = _packaged_font()
    if packaged and _covers(packaged):
        fm.fontManager.addfont(packaged)
        return fm.FontProperties(fname=packaged).get_name()
    by_name = {f.name: f.fname for f in fm.fontManager.ttflist}
    for family in SYSTEM_CJK_FAMILIES:
        if family in by_name and _covers(by_name[family]):
            return family
    for f in fm.fontManager.ttflist:  # any other font that draws Chinese
        if _covers(f.fname):
            return f.name
    raise RuntimeError(
        "no font with Chinese glyphs found for matplotlib: pip install 'zhengce[report]' (ships Noto Sans CJK SC) "
        "or install a system CJK font (apt-get install fonts-noto-cjk)"
    )


def font_path() -> str:
    """The file of the CJK font the charts use."""
    from matplotlib import font_manager as fm

    return fm.findfont(fm.FontProperties(family=cjk_font()), fallback_to_default=False)


def style() -> dict:
    """matplotlib rc settings of the charts: the CJK font first, an ASCII minus
    sign (CJK fonts often lack U+2212), light grid."""
    family = cjk_font()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": 110,
        "savefig.dpi": 150,
        "svg.fonttype": "path",
    }


def _figure(width: float, height: float):
    mpl = _matplotlib()
    import matplotlib.pyplot as plt

    with mpl.rc_context(style()):
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def _styled(draw):
    """Run a drawing function inside the chart style (fonts resolve at draw time too)."""

    def wrapper(*args, **kwargs):
        mpl = _matplotlib()
        with mpl.rc_context(style()):
            fig = draw(*args, **kwargs)
        fig._zhengce_style = style()  # re-applied by save()
        return fig

    wrapper.__doc__ = draw.__doc__
    wrapper.__name__ = draw.__name__
    return wrapper


def save(fig: "Figure", path: str | Path) -> Path:
    """Save a chart as PNG or SVG (by the extension), with the Chinese font.
    SVG text is written as outlines, so it shows the same without the font."""
    mpl = _matplotlib()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with mpl.rc_context(getattr(fig, "_zhengce_style", None) or style()):
        fig.savefig(path)
    return path


def _label_column(frame: pl.DataFrame) -> str:
    return "name" if "name" in frame.columns and frame["name"].null_count() < frame.height else "feature"


def _group_label(v) -> str:
    return "（不明）" if v is None else str(v)


@_styled
def heatmap(frame: pl.DataFrame, by: str | None = None, value: str = "share", top: int = 15, title: str | None = None) -> "Figure":
    """A heat map of a long comparison frame (``corpus.compare(by, what)``): one
    column per group, one row per feature (its Chinese name), the cells ``value``
    (share of the group's task records by default), the ``top`` features by their
    largest value. Cells are written in; a group without a value (null: its
    province was not read) is labelled （不明）.
    """
    by = by or frame.columns[0]
    label = _label_column(frame)
    groups = frame[by].unique(maintain_order=True).to_list()
    best = (
        frame.group_by("feature", label)
        .agg(pl.col(value).max().alias("_best"))
        .sort(["_best", "feature"], descending=[True, False])
        .head(top)
    )
    feats = best["feature"].to_list()
    labels = best[label].to_list()
    grid = [[0.0] * len(groups) for _ in feats]
    for row in frame.filter(pl.col("feature").is_in(feats)).iter_rows(named=True):
        grid[feats.index(row["feature"])][groups.index(row[by])] = float(row[value] or 0.0)
    fig, ax = _figure(1.6 + 1.1 * len(groups), 1.0 + 0.38 * len(feats))
    im = ax.imshow(grid, aspect="auto", cmap="YlGnBu")
    ax.set_xticks(range(len(groups)), [_group_label(g) for g in groups])
    ax.set_yticks(range(len(feats)), [str(x) for x in labels])
    ax.xaxis.tick_top()
    vmax = max((max(r) for r in grid), default=0) or 1
    fmt = "{:.0%}" if value == "share" else "{:.3g}"
    for i, r in enumerate(grid):
        for j, v in enumerate(r):
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8, color="white" if v > 0.6 * vmax else "black")
    fig.colorbar(im, ax=ax, shrink=0.6, label=value)
    ax.set_title(title or f"{value} by {by}", loc="left")
    for s in ax.spines.values():
        s.set_visible(False)
    return fig


@_styled
def bars(frame: pl.DataFrame, by: str | None = None, value: str = "n", top: int = 10, title: str | None = None) -> "Figure":
    """Horizontal bars of a long comparison frame, one panel per group: the
    ``top`` features of each group by ``value`` (e.g. departments by the task
    records that name them)."""
    by = by or frame.columns[0]
    label = _label_column(frame)
    groups = frame[by].unique(maintain_order=True).to_list()
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(groups), figsize=(3.4 * len(groups) + 0.5, 0.6 + 0.32 * top), layout="constrained", squeeze=False)
    for ax, g in zip(axes[0], groups):
        sub = frame.filter(pl.col(by).is_null() if g is None else pl.col(by) == g)
        sub = sub.sort([value, "feature"], descending=[True, False]).head(top).reverse()
        ax.barh([str(x) for x in sub[label].to_list()], sub[value].to_list(), color="#3b7dbf")
        ax.set_title(_group_label(g))
        ax.tick_params(axis="y", labelsize=8)
    fig.suptitle(title or f"{value} by {by}", x=0.01, ha="left")
    return fig


@_styled
def keyness(frame: pl.DataFrame, measure: str = "log_ratio", top: int = 12, title: str | None = None) -> "Figure":
    """The terms most characteristic of a target group (``corpus.keyness``):
    bars of ``measure`` (log ratio by default), the ``top`` terms, the count in
    the target beside each bar."""
    sub = frame.sort([measure, "term"], descending=[True, False]).head(top).reverse()
    fig, ax = _figure(6.0, 0.6 + 0.32 * max(sub.height, 1))
    ax.barh(sub["term"].to_list(), sub[measure].to_list(), color="#c0504d")
    if "n_target" in sub.columns:
        for i, (v, n) in enumerate(zip(sub[measure].to_list(), sub["n_target"].to_list())):
            ax.text(v, i, f" {n}", va="center", fontsize=8)
    ax.set_xlabel(measure)
    ax.set_title(title or "keyness", loc="left")
    return fig


@_styled
def network(edges: pl.DataFrame, nodes: pl.DataFrame | None = None, top: int = 25, title: str | None = None) -> "Figure":
    """The co-responsibility network (``corpus.department_network()``): the
    ``top`` departments by the records they lead or co-lead, on a circle, edges
    as wide as the records that name both; a node's size is its lead count."""
    weight = "n" if "n" in edges.columns else edges.columns[-1]
    if nodes is not None and nodes.height:
        size_col = "n_lead" if "n_lead" in nodes.columns else nodes.columns[1]
        other = "n_co" if "n_co" in nodes.columns else size_col
        ranked = nodes.with_columns((pl.col(size_col) + pl.col(other)).alias("_all")).sort(["_all", nodes.columns[0]], descending=[True, False])
        names = ranked[nodes.columns[0]].head(top).to_list()
        size = dict(zip(ranked[nodes.columns[0]].to_list(), ranked[size_col].to_list()))
    else:
        names = sorted(set(edges["source"].to_list()) | set(edges["target"].to_list()))[:top]
        size = {}
    pos = {n: (math.cos(2 * math.pi * i / max(len(names), 1)), math.sin(2 * math.pi * i / max(len(names), 1))) for i, n in enumerate(names)}
    fig, ax = _figure(7.5, 7.0)
    shown = edges.filter(pl.col("source").is_in(names) & pl.col("target").is_in(names))
    wmax = max(shown[weight].max() or 1, 1) if shown.height else 1
    for s, t, w in shown.select("source", "target", weight).iter_rows():
        (x1, y1), (x2, y2) = pos[s], pos[t]
        ax.plot([x1, x2], [y1, y2], color="#7f7f7f", alpha=0.5, linewidth=0.5 + 4 * w / wmax, zorder=1)
    smax = max(size.values(), default=1) or 1
    for n in names:
        x, y = pos[n]
        ax.scatter([x], [y], s=60 + 500 * (size.get(n, 0) / smax), color="#3b7dbf", zorder=2)
        ax.text(x * 1.12, y * 1.12, n, ha="left" if x >= 0 else "right", va="center", fontsize=8)
    ax.set_xlim(-1.8, 1.8)
    ax.set_ylim(-1.4, 1.4)
    ax.set_axis_off()
    ax.set_title(title or "co-responsibility", loc="left")
    return fig


@_styled
def timeline(targets: pl.DataFrame, by: str = "province", label: str = "indicator", title: str | None = None) -> "Figure":
    """Targets on a time line by their deadline: one row per group, one point per
    target with a deadline, labelled with its indicator and value. Needs a ``by``
    column (join ``corpus.documents`` first) and ``deadline``."""
    dated = targets.filter(pl.col("deadline").is_not_null()).with_columns(
        pl.col("deadline").str.slice(0, 4).cast(pl.Int32, strict=False).alias("_year")
    )
    dated = dated.filter(pl.col("_year").is_not_null()).sort([by, "_year", label], nulls_last=True)
    # Every group gets its row, also one without dated targets: that is a finding.
    groups = targets[by].unique().sort(nulls_last=True).to_list()
    crowd = dated.group_by(by, "_year").len()["len"].max() if dated.height else 1
    step = min(0.18, 0.85 / max(crowd or 1, 1))
    fig, ax = _figure(9.0, 1.2 + 1.1 * max(len(groups), 1))
    for gi, g in enumerate(groups):
        sub = dated.filter(pl.col(by).is_null() if g is None else pl.col(by) == g)
        if not sub.height:
            ax.text(0.01, gi, "no dated targets", transform=ax.get_yaxis_transform(), fontsize=7, color="#777", va="center")
        seen: dict[int, int] = {}
        for row in sub.iter_rows(named=True):
            k = seen.get(row["_year"], 0)
            seen[row["_year"]] = k + 1
            y = gi + step * k
            ax.scatter([row["_year"]], [y], color="#c0504d", s=25, zorder=2)
            value = row.get("value")
            text = f"{row.get(label) or ''} {'' if value is None else f'{value:g}'}{row.get('unit') or ''}"
            ax.text(row["_year"] + 0.08, y, text.strip(), fontsize=7, va="center")
    ax.set_yticks(range(len(groups)), [_group_label(g) for g in groups])
    ax.set_ylim(-0.5, len(groups) - 0.3)
    years = dated["_year"].to_list()
    if years:
        ax.set_xlim(min(years) - 0.5, max(years) + 2.5)
        ax.set_xticks(range(min(years), max(years) + 1))
    ax.set_xlabel("deadline (year)")
    ax.set_title(title or "targets by deadline", loc="left")
    return fig


def to_html_img(fig: "Figure", alt: str = "") -> str:
    """The chart as an ``<img>`` with the PNG inline (a data URI), for
    self-contained HTML."""
    import base64
    import html
    import io

    mpl = _matplotlib()
    buf = io.BytesIO()
    with mpl.rc_context(getattr(fig, "_zhengce_style", None) or style()):
        fig.savefig(buf, format="png")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


__all__: Sequence[str] = ("cjk_font", "font_path", "style", "save", "heatmap", "bars", "keyness", "network", "timeline", "to_html_img")
