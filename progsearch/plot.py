"""The Occam picture of a comparison: the data with a few continuations, and bits against error.

Left, the data and a few continuations: the pick, the best program of each form, two rivals
(programs that fit every training term and continue differently) and the ridge fit closest to
the held-out terms.  Right, the argument itself: every program found and every ridge fit is a
point, its description length in bits against its held-out error; the lookup table, which
predicts nothing, is a vertical line at its length.

Optional: needs matplotlib (``pip install 'progsearch[plot]'``), imported only when drawing.
The figure is drawn with matplotlib's object API and the Agg canvas, so no pyplot state or
interactive backend is touched.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from .compare import Comparison, relative_error
from .display import next_terms, show

MISSING = "plotting needs matplotlib: pip install 'progsearch[plot]'"
SPAN = 1000  # values spanning this factor or more are drawn on a logarithmic scale
RIVALS = 2  # programs that fit and continue differently, drawn on the left
LABEL = 44  # legend labels wrap at this many characters (never cut)
FLOOR = 1e-3  # held-out errors below this are drawn as exact on the right panel's scale
CEILING = 1e3  # held-out errors above this, and no value, are drawn in one band at the top
COLORS = {"formula": "tab:blue", "loop": "tab:orange", "filter": "tab:purple",
          "transform": "tab:brown", "periodic": "tab:pink", "ridge": "tab:green"}


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


def label(text: str) -> str:
    """A legend label wrapped to LABEL characters, never cut.

    >>> label("short")
    'short'
    """
    return textwrap.fill(text, LABEL, break_on_hyphens=False, subsequent_indent="  ")


def _drawable(values: Sequence[float], scale: str) -> list[float]:
    """Values as floats, with what the scale cannot draw (non-positive on a log scale) as NaN."""
    out = []
    for v in values:
        try:
            f = float(v)
        except OverflowError:
            f = math.nan
        out.append(math.nan if (scale == "log" and f <= 0) or not math.isfinite(f) else f)
    return out


def continuations(c: Comparison) -> list:
    """The rows the left panel draws: the pick, the best of each form, two rivals, best ridge.

    >>> from progsearch.compare import compare
    >>> c = compare([0, 1, 4, 9, 16, 25], [36], time_limit=5.0, max_size=3, degrees=(2,))
    >>> [r.role for r in continuations(c)][:1]
    ['pick']
    """
    rows = [c.pick] + [r for r in c.rows if r.role.startswith("best ")]
    rows += [r for r in c.rows if r.mark == "*" and r not in rows][:RIVALS]
    ridge = [r for r in c.rows if r.form == "ridge"]
    if ridge:
        rows.append(min(ridge, key=lambda r: (r.rel_error, r.bits, r.row)))
    return rows


def _draw_data(ax, c: Comparison) -> str:
    """The left panel: the terms, the continuations, the train / held-out line; its y scale."""
    n_train, k = len(c.train), len(c.heldout)
    ns = list(range(c.offset, c.offset + n_train + k))
    truth = list(c.train) + list(c.heldout)
    scale = y_scale(truth)
    for row in continuations(c):
        pick = row.role == "pick"
        text = f"{row.mark}{row.row} {row.form}: {show(row.program) if row.program else row.model}"
        if row.program is not None:
            first = 0 if pick else n_train - 1  # the others: from the last training term
            values, why = next_terms(row.program, c.offset + first, n_train + k - first)
            if not values:
                continue
            ax.plot(ns[first:first + len(values)], _drawable(values, scale), marker=".",
                    lw=2.5 if pick else 1.2, color=COLORS.get(row.form), zorder=4,
                    ls="-" if pick else "--", label=label(f"{text} ({row.bits:.1f} bits)"))
        elif row.fit is not None:
            ax.plot(ns, _drawable(row.fit.predict(ns), scale), lw=1.2, color=COLORS["ridge"],
                    ls=":", label=label(f"{row.row} {row.model} (closest ridge, chosen after "
                                        "seeing the held-out terms)"))
    if c.pick.form == "lookup":  # the pick is the table: it draws the training terms only
        ax.plot(ns[:n_train], _drawable(c.train, scale), lw=2.5, color="grey",
                label=label(f">{c.pick.row} lookup (the pick): no next term"))
    ax.plot(ns[:n_train], _drawable(c.train, scale), "o", color="black", label="training terms",
            zorder=5)
    ax.plot(ns[n_train:], _drawable(c.heldout, scale), "o", mfc="none", mec="red", mew=1.5, ms=8,
            label="held-out terms", zorder=5)
    cut = c.offset + n_train - 0.5
    ax.axvline(cut, color="grey", lw=0.8, ls=":")
    ax.annotate("training | held out", (cut, 0.99), xycoords=("data", "axes fraction"),
                ha="center", va="top", fontsize=8, color="dimgrey",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    ax.set_yscale(scale, **({"linthresh": 1.0} if scale == "symlog" else {}))
    ax.set_ylim(*_limits(truth, scale))
    ax.set_xlabel("n")
    ax.set_ylabel("a(n)")
    ax.legend(loc="upper left", fontsize=7, framealpha=0.85)
    return scale


def points(c: Comparison) -> list[tuple[str, float, float | None, bool]]:
    """(form, bits, held-out relative error or None, is the pick) for every program and ridge fit.

    >>> from progsearch.compare import compare
    >>> c = compare([0, 1, 4, 9, 16, 25], [36], time_limit=5.0, max_size=3, degrees=(2,))
    >>> form, bits, error, pick = points(c)[0]
    >>> form, round(bits, 1), error, pick
    ('formula', 13.0, 0.0, True)
    """
    start = c.offset + len(c.train)
    out = []
    for i, p in enumerate(c.result.programs):
        pred = p.continuation(start, len(c.heldout))
        err = None if pred is None else relative_error(pred, c.heldout)
        out.append((p.form, float(p.bits), err, i == 0))
    out += [("ridge", r.bits, r.rel_error, False) for r in c.rows if r.form == "ridge"]
    return out


def _draw_argument(ax, c: Comparison) -> None:
    """The right panel: bits against held-out error, every program and ridge fit a point."""
    every = points(c)  # each program's continuation computed once
    pts = [p for p in every if p[0] != "lookup"]
    finite = [e for _, _, e, _ in pts if e is not None and e <= CEILING]
    top = min(CEILING, 10.0 ** math.ceil(math.log10(max([1.0] + finite)) + 1))  # the top band
    for form in sorted({p[0] for p in pts}):
        mine = [p for p in pts if p[0] == form]
        xs = [b for _, b, _, _ in mine]
        ys = [top if e is None or e > top else max(e, FLOOR) for _, _, e, _ in mine]
        ax.scatter(xs, ys, s=16 if form != "ridge" else 28, marker="x" if form == "ridge" else "o",
                   color=COLORS.get(form, "grey"), alpha=0.7, label=f"{form} ({len(mine)})")
    pick = next(p for p in every if p[3])
    if pick[0] != "lookup":
        y = top if pick[2] is None or pick[2] > top else max(pick[2], FLOOR)
        ax.scatter([pick[1]], [y], s=180, marker="*", color="gold", edgecolor="black",
                   zorder=6, label="the pick")
    lookup = next((b for f, b, _, _ in every if f == "lookup"), None)
    if lookup is not None:
        ax.axvline(lookup, color="black", ls="--", lw=1.0)
        ax.annotate(f"lookup, {lookup:.0f} bits: predicts nothing ", (lookup, 0.97),
                    xycoords=("data", "axes fraction"), fontsize=8, rotation=90, ha="right",
                    va="top")
    ax.axhline(top, color="grey", ls=":", lw=0.8)
    ax.annotate(f"no value, or error over {top:g}", (0.01, top), xycoords=("axes fraction", "data"),
                fontsize=7, color="grey", va="bottom")
    ax.set_yscale("log")
    ax.set_ylim(FLOOR / 4, top * 4)
    ax.annotate(f"exact (error < {FLOOR:g})", (0.5, FLOOR / 1.4),
                xycoords=("axes fraction", "data"), fontsize=7, color="grey", va="top",
                ha="center")
    ax.set_xlabel("description length (bits): program, or ridge weights at 2**-10")
    ax.set_ylabel("held-out relative error")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=5, fontsize=8)


def plot_comparison(c: Comparison, path: str | None = None):
    """Draw the Occam picture of ``c`` (two panels); save it to ``path`` if given.

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

    fig = Figure(figsize=(14, 6.5), layout="constrained")
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2, width_ratios=(1.15, 1))
    _draw_data(left, c)
    _draw_argument(right, c)
    pick, k = c.pick, len(c.heldout)
    left.set_title(f"the data and a few continuations: the pick ({pick.bits:.1f} bits) gets "
                   f"{pick.exact}/{k} held-out terms exact", fontsize=10)
    right.set_title("the argument: each program found and each ridge fit, bits against error",
                    fontsize=10)
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig
