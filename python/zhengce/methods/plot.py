"""Plots of the methods (matplotlib): the PMC surface of a document."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .pmc import PmcResult


def pmc_surface(result: "PmcResult", doc_id: str, ax=None):
    """A 3-D surface of a document's PMC surface matrix (Ruiz Estrada's PMC
    surface), each cell labelled with its first-level variable and score.
    Returns the matplotlib Axes (pass ``ax`` — a 3-D axes — to draw into one).

    >>> ax = zc.load_sample().pmc().plot("000_9a543423df43e681")  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    m = result.surface(doc_id)
    k = m.shape[0]
    if ax is None:
        fig = plt.figure(figsize=(6, 5))
        ax = fig.add_subplot(projection="3d")
    x, y = np.meshgrid(np.arange(1, k + 1), np.arange(1, k + 1))
    ax.plot_surface(x, y, m, cmap="viridis", vmin=0, vmax=1, edgecolor="k", linewidth=0.4, alpha=0.9)
    names = list(result.scheme.first)[: k * k]
    for i in range(k):
        for j in range(k):
            ax.text(j + 1, i + 1, m[i, j] + 0.03, f"{names[i * k + j]} {m[i, j]:.2f}", fontsize=7)
    ax.set_zlim(0, 1)
    ax.set_xticks(range(1, k + 1))
    ax.set_yticks(range(1, k + 1))
    score = result.scores.filter(result.scores["doc_id"] == doc_id).row(0, named=True)
    ax.set_title(f"PMC surface — {doc_id}: {score['pmc']:.2f} ({score['grade']})", fontsize=9)
    return ax
