"""What a comparison shows, in words: the paragraphs that end the printed report.

Every sentence is built from the run's own numbers.  The functions read a comparison by duck
typing, as described by :class:`ComparisonLike` and :class:`RowLike` (``progsearch.compare``'s
``Comparison`` and ``Row`` are such objects), so this module imports nothing from the layers
that compute a comparison, and ``compare`` can render itself through ``report``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

from .text import fill, num


class RowLike(Protocol):
    """What the report reads from a row of a comparison (see ``progsearch.compare.Row``)."""

    row: int
    mark: str  # '>' the pick, '*' fits but continues differently, '' otherwise
    role: str
    form: str
    model: str
    bits: float
    chars: int | None
    train_error: float
    exact: int
    k: int
    rel_error: float | None
    predictions: tuple[int | None, ...] | None
    weight_norm: float | None
    degree: int | None
    alpha: float | None

    def as_dict(self) -> dict: ...


class StatsLike(Protocol):
    """How far the search went."""

    max_size: int
    stopped_by: str


class ResultLike(Protocol):
    """The search behind a comparison: the report reads only its stats."""

    stats: StatsLike


class ComparisonLike(Protocol):
    """What the report reads from a comparison (see ``progsearch.compare.Comparison``)."""

    train: tuple[int, ...]
    heldout: tuple[int, ...]
    offset: int
    rows: Sequence[RowLike]
    result: ResultLike
    n_fit: int
    n_same: int
    n_differ: int
    continuations: int

    @property
    def pick(self) -> RowLike: ...


def _all(k: int) -> str:
    return "the held-out term" if k == 1 else f"all {k} held-out terms"


def _departure(pred: Sequence[int | None], own: Sequence[int | None] | None) -> int:
    """The first held-out position where ``pred`` differs from ``own``."""
    if own is None:
        return 0
    return next(i for i, (p, q) in enumerate(zip(pred, own)) if p != q)


def _pick_text(c: ComparisonLike) -> str:
    p, n, k = c.pick, len(c.train), len(c.heldout)
    if p.form == "lookup":
        return (f"Nothing shorter than the table itself was found: the pick is the lookup (row "
                f"{p.row}, {p.bits:.1f} bits), which reproduces the {n} training terms and "
                f"predicts none of the {k} held-out terms.")
    text = (f"The pick is row {p.row}, the {p.form} {p.model} ({p.bits:.1f} bits, {p.chars} "
            f"characters of Python): the shortest of the {c.n_fit} programs found that reproduce "
            f"all {n} training terms, chosen without looking at the held-out terms. ")
    if p.predictions is None:
        return text + f"It gives no value for the {k} held-out terms: it is undefined there."
    if p.exact == k:
        return text + f"It predicts {_all(k)} exactly."
    return text + (f"It predicts {p.exact} of the {k} held-out terms exactly; its relative "
                   f"error is {num(p.rel_error)}.")


def _lookup_text(c: ComparisonLike) -> str:
    look = next((r for r in c.rows if r.form == "lookup"), None)
    if look is None or look.role == "pick":
        return ""
    return (f"The lookup (row {look.row}) reproduces the training terms too, at {look.bits:.1f} "
            f"bits, {look.bits / c.pick.bits:.1f} times the pick, and predicts none of the "
            "held-out terms: a table has no next term.")


def _ridge_text(c: ComparisonLike) -> str:
    ridge = [r for r in c.rows if r.form == "ridge"]
    if not ridge:
        return ("Weight decay: no ridge models, as the training terms are beyond float range "
                "(2**1023).")
    k = len(c.heldout)
    alphas = sorted({r.alpha for r in ridge})
    degrees = ", ".join(str(d) for d in sorted({r.degree for r in ridge}))
    best = min(ridge, key=lambda r: (r.rel_error, r.bits, r.row))
    worst = max(ridge, key=lambda r: (r.rel_error, -r.row))
    exact = sum(r.exact == k for r in ridge)
    how_many = {0: "none predicts", 1: "one predicts"}.get(exact, f"{exact} predict")
    text = (f"Weight decay: of the {len(ridge)} ridge models (degree {degrees}; alpha "
            f"{alphas[0]:g} to {alphas[-1]:g}), {how_many} {_all(k)} after "
            f"rounding. The closest, chosen after seeing the held-out terms, is row {best.row}, "
            f"{best.model}: {best.exact}/{k} exact, relative error {num(best.rel_error)}, "
            f"{best.bits:.0f} bits of weights against the pick's {c.pick.bits:.1f} bits of "
            f"program; the farthest is row {worst.row}, {worst.model}, relative error "
            f"{num(worst.rel_error)}.")
    return text + " " + _decay_text(ridge)


def _falls(rows: list[RowLike]) -> bool:
    """Whether the weight norm falls at every step of ``rows`` (sorted by alpha)."""
    return all(b.weight_norm < a.weight_norm for a, b in itertools.pairwise(rows))


def _decay_text(ridge: list[RowLike]) -> str:
    by_degree = {d: sorted((r for r in ridge if r.degree == d), key=lambda r: r.alpha)
                 for d in sorted({r.degree for r in ridge})}
    d, rows = max(by_degree.items())
    if len(rows) < 2:
        return ""
    first, last = rows[0], rows[-1]
    how = ("falls at every step" if _falls(rows) else "falls"
           if last.weight_norm < first.weight_norm else "does not fall")
    rises = "rises" if last.train_error > first.train_error else "does not rise"
    everywhere = len(by_degree) > 1 and all(_falls(group) for group in by_degree.values())
    also = " The norm falls as alpha rises at every degree." if everywhere else ""
    return (f"At degree {d}, as alpha rises from {first.alpha:g} to {last.alpha:g} the weight "
            f"norm {how}, from {num(first.weight_norm)} to {num(last.weight_norm)}, and the "
            f"training error {rises}, from {num(first.train_error)} to "
            f"{num(last.train_error)}.{also}")


def _divergence_text(c: ComparisonLike) -> str:
    differing = [r for r in c.rows if r.mark == "*"]
    start, own = c.offset + len(c.train), c.pick.predictions
    if not differing:
        return (f"None of the {c.n_fit} programs found that reproduce the training terms "
                "continues differently from the pick within this search budget (sizes up to "
                f"{c.result.stats.max_size}).")
    text = (f"Of the {c.n_fit} programs that reproduce the training terms, {c.n_same} continue "
            f"as the pick does and {c.n_differ} do not, giving {c.continuations - 1} other "
            "continuations of the held-out terms: the training terms cannot tell these programs "
            "apart, only their length does. ")
    parts = []
    for r in differing:
        j = _departure(r.predictions, own)
        instead = "" if own is None else f" instead of {own[j]}"
        parts.append(f"row {r.row} ({r.bits:.1f} bits) at a({start + j}) = "
                     f"{r.predictions[j]}{instead}")
    text += "They part from the pick: " + "; ".join(parts) + "."
    better = [r for r in differing if r.exact > c.pick.exact]
    if better:
        b = better[0]
        text += (f" Here a longer program does better on the held-out terms: row {b.row} gets "
                 f"{b.exact}/{len(c.heldout)}. Shortness is a bet, not a guarantee.")
    return text


def summary(c: ComparisonLike) -> list[str]:
    """A few paragraphs on what this run shows, with its own numbers, wrapped to 100 columns.

    >>> from progsearch import compare
    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=5.0, max_size=3, degrees=(1,))
    >>> print(summary(c)[2])
    predicts the held-out term exactly.
    """
    texts = [_pick_text(c), _lookup_text(c), _divergence_text(c), _ridge_text(c)]
    return "\n\n".join(fill(t) for t in texts if t).splitlines()
