"""Draw a comparison: the terms, each program's continuation and the ridge curves.

Optional: needs matplotlib (``pip install 'progsearch[plot]'``), imported only when drawing.
The figure is drawn with matplotlib's object API and the Agg canvas, so no pyplot state or
interactive backend is touched.
"""

from __future__ import annotations

from collections.abc import Sequence

from .compare import Comparison

MISSING = "plotting needs matplotlib: pip install 'progsearch[plot]'"
SPAN = 1000  # values spanning this factor or more are drawn on a logarithmic scale


def require_matplotlib() -> None:
    """Raise ImportError with an install hint if matplotlib is missing.

    >>> try:
    ...     require_matplotlib()
    ... except ImportError as e:
    ...     assert "progsearch[plot]" in str(e)
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ImportError(MISSING) from None


def y_scale(values: Sequence[int]) -> str:
    """'linear', or 'log' / 'symlog' when the values span orders of magnitude.

    >>> y_scale([1, 4, 9]), y_scale([1, 10, 10_000]), y_scale([0, 1, 1597])
    ('linear', 'log', 'symlog')
    """
    nonzero = [abs(v) for v in values if v != 0]
    if not nonzero or max(nonzero) < SPAN * max(1, min(nonzero)):
        return "linear"
    return "log" if all(v > 0 for v in values) else "symlog"


def _limits(values: Sequence[int], scale: str) -> tuple[float, float]:
    """y limits around the true terms, so a wild continuation does not flatten them."""
    lo, hi = float(min(values)), float(max(values))
    if scale == "log":
        return lo / 2, hi * 2
    pad = 0.15 * max(hi - lo, 1.0)
    if scale == "symlog":
        return (lo * 2 if lo < 0 else 0.0), (hi * 2 if hi > 0 else 1.0)
    return lo - pad, hi + pad


def plot_comparison(c: Comparison, path: str | None = None):
    """Draw the terms, each program's continuation and the ridge curves; save to ``path``.

    Returns the matplotlib ``Figure`` (not attached to pyplot).

    >>> from progsearch.compare import compare
    >>> c = compare([0, 1, 4, 9, 16, 25], [36], time_limit=5.0, max_size=3, degrees=(2,))
    >>> try:
    ...     print(plot_comparison(c).axes[0].get_yscale())
    ... except ImportError:  # without matplotlib
    ...     print("linear")
    linear
    """
    require_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n_train, k = len(c.train), len(c.heldout)
    ns = list(range(c.offset, c.offset + n_train + k))
    truth = list(c.train) + list(c.heldout)
    fig = Figure(figsize=(11, 6), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for row in c.rows:
        if row.program is not None and row.program.predicts:
            first = 0 if row.role == "pick" else n_train - 1  # the others: their continuation
            values = row.program.continuation(c.offset + first, n_train + k - first)
            if values is not None:
                ax.plot(ns[first:], values, marker=".", lw=2.5 if row.role == "pick" else 1.2,
                        label=f"{row.mark}{row.row} {row.model[:40]}", zorder=4)
        elif row.fit is not None:
            ax.plot(ns, row.fit.predict(ns), lw=0.8, alpha=0.7, color=_alpha_color(row.alpha, c),
                    ls=_degree_style(row.degree, c), label=f"{row.row} {row.model}")
    ax.plot(ns[:n_train], c.train, "o", color="black", label="training terms", zorder=5)
    ax.plot(ns[n_train:], c.heldout, "o", mfc="none", mec="red", mew=1.5, ms=8,
            label="held-out terms", zorder=5)
    ax.axvline(c.offset + n_train - 0.5, color="grey", lw=0.8, ls=":")
    scale = y_scale(truth)
    ax.set_yscale(scale, **({"linthresh": 1.0} if scale == "symlog" else {}))
    ax.set_ylim(*_limits(truth, scale))
    pick = c.pick
    ax.set_title(f"pick: {pick.model[:60]} ({pick.bits:.1f} bits), {pick.exact}/{k} held-out "
                 "terms exact")
    ax.set_xlabel("n")
    ax.set_ylabel("a(n)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, ncols=1)
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


def _degree_style(degree: int | None, c: Comparison) -> str:
    """A line style per ridge degree."""
    degrees = sorted({r.degree for r in c.rows if r.degree is not None})
    return ("-", "--", "-.", ":")[degrees.index(degree) % 4]


def _alpha_color(alpha: float | None, c: Comparison):
    """A colour from light (no decay) to dark (strongest decay) along the sweep's alphas."""
    from matplotlib import colormaps

    alphas = sorted({r.alpha for r in c.rows if r.alpha is not None})
    position = alphas.index(alpha) / max(1, len(alphas) - 1)
    return colormaps["viridis"](0.15 + 0.7 * position)
