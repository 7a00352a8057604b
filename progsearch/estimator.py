"""ProgramSearchRegressor: the program search as a scikit-learn regressor, index -> value.

``X`` is one column of integer indices ``n`` and ``y`` the integer terms ``a(n)``, so the search
can stand next to ``make_pipeline(PolynomialFeatures(d), Ridge(alpha))`` in
``cross_val_score`` and pipelines.  The search needs consecutive indices: it runs on the
longest run of consecutive training indices, and keeps the programs that also reproduce the
other training points.

``program_`` is what ``predict`` uses: the shortest of those programs that predicts (not the
lookup table, unless nothing else was found).  Where it has no value (a loop before its first
index, a table past its end, an operator outside its domain) ``predict`` falls back on a
constant: the training term at the nearest training index (the lower index on a tie).  So
``predict`` always returns a number, and ``cross_val_score`` with ``KFold`` (which asks for
terms before the training run) scores every fold; ``fallback(X)`` says where it was used.

``noise=True`` runs the noisy search (``search(noise=True)``): programs are ranked by their
two-part length (program bits + the bits of their residuals) and need not reproduce the terms;
``y`` must still be integers (round measurements to the precision they have), the search runs
on the longest run of consecutive indices, and ``program_`` is the shortest model that predicts
(a constant at worst), whose values ``c0 + c1 * f(n)`` are what ``predict`` returns.

Importing this module imports scikit-learn (seconds); ``import progsearch`` does not.
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .forms import Program
from .search import MAX_SIZE, search

EXACT_FLOAT = 2**53  # floats up to this size hold integers exactly


def _integers(a: np.ndarray, name: str) -> list[int]:
    """The entries as Python ints, or ValueError naming ``name`` if one is not an integer."""
    if a.dtype.kind in "iu":
        return [int(v) for v in a]
    bad = ~np.isfinite(a) | (a != np.round(a)) | (np.abs(a) > EXACT_FLOAT)
    if bad.any():
        raise ValueError(f"{name} must hold integers (indices and terms of a sequence), "
                         f"got {a[np.argmax(bad)]!r}")
    return [int(v) for v in a]


def _one_column(X: np.ndarray) -> list[int]:
    if X.shape[1] != 1:
        raise ValueError(f"X must have one column, the index n; got {X.shape[1]} columns")
    return _integers(X[:, 0], "X")


def _longest_run(points: dict[int, int]) -> tuple[int, list[int]]:
    """The first index and the terms of the longest run of consecutive indices (earliest wins).

    >>> _longest_run({0: 5, 1: 6, 4: 1, 5: 2, 6: 3})
    (4, [1, 2, 3])
    """
    ns = sorted(points)
    runs, start = [], 0  # (first, stop) positions in ns
    for i in range(1, len(ns) + 1):
        if i == len(ns) or ns[i] != ns[i - 1] + 1:
            runs.append((start, i))
            start = i
    lo, hi = max(runs, key=lambda r: (r[1] - r[0], -r[0]))
    return ns[lo], [points[n] for n in ns[lo:hi]]


def _value(prog: Program, n: int) -> int | None:
    """a(n) by the program, or None where it has no value."""
    try:
        return prog.terms(n, n + 1)[0]
    except (ArithmeticError, ValueError):
        return None


class ProgramSearchRegressor(RegressorMixin, BaseEstimator):
    """Predict a(n) from n with the shortest program that reproduces the training pairs.

    Fitted attributes: ``program_`` (the program ``predict`` uses), ``programs_`` (all that
    fit, shortest first; with ``noise=True`` all the search found, by two-part length),
    ``points_`` (the training pairs ``(n, a(n))``, sorted; the fallback
    reads them), ``result_`` (the :class:`~progsearch.search.SearchResult` of the run searched)
    and ``n_features_in_``.

    >>> import numpy as np
    >>> X = np.arange(10).reshape(-1, 1)
    >>> est = ProgramSearchRegressor(time_limit=0.5, max_size=4).fit(X, [n * n for n in range(10)])
    >>> est.program_.display(), est.predict([[10], [11]]).tolist()
    ('n*n', [100.0, 121.0])
    """

    def __init__(self, *, time_limit: float = 1.0, max_size: int = MAX_SIZE,
                 noise: bool = False):
        self.time_limit = time_limit
        self.max_size = max_size
        self.noise = noise

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = True  # the search is cut by a time limit
        tags.regressor_tags.poor_score = True  # built for integer sequences, not noisy data
        return tags

    def fit(self, X, y) -> ProgramSearchRegressor:
        """Search programs for ``y[i] = a(X[i, 0])``; keep those that reproduce every pair."""
        X, y = validate_data(self, X, y, y_numeric=True, ensure_min_samples=2)
        ns, values = _one_column(X), _integers(np.asarray(y).ravel(), "y")
        points: dict[int, int] = {}
        for n, v in zip(ns, values):
            if points.setdefault(n, v) != v:
                raise ValueError(f"X holds the index {n} twice, with different y values")
        start, terms = _longest_run(points)
        if len(terms) < 2:
            raise ValueError("X must hold at least 2 consecutive indices, got "
                             f"{len(terms)} in a row")
        self.result_ = search(terms, offset=start, time_limit=self.time_limit,
                              max_size=self.max_size, noise=self.noise)
        fitting = [] if self.noise else [p for p in self.result_.programs
                                         if all(_value(p, n) == v for n, v in points.items())]
        self.programs_ = fitting or list(self.result_.programs)
        self.program_ = next((p for p in self.programs_ if p.predicts), self.programs_[0])
        self.points_ = tuple(sorted(points.items()))
        return self

    def predict_int(self, X) -> list[int]:
        """Exact integer predictions: ``program_``'s value at n, else the nearest training term.

        >>> est = ProgramSearchRegressor(time_limit=0.5, max_size=3)
        >>> est.fit([[5], [6], [7], [8]], [7, 8, 9, 10]).predict_int([[9], [0]])
        [11, 2]
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return [_nearest(self.points_, n) if (v := _value(self.program_, n)) is None else v
                for n in _one_column(X)]

    def fallback(self, X) -> list[bool]:
        """For each index in ``X``: whether ``predict`` used the fallback (no value there).

        >>> est = ProgramSearchRegressor(time_limit=0.5, max_size=3)
        >>> est.fit([[0], [1], [2]], [7, 8, 9]).program_  # too few terms to search
        Lookup(table of 3 values, 33.6 bits)
        >>> est.fallback([[1], [5]]), est.predict_int([[1], [5]])
        ([False, True], [8, 9])
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return [_value(self.program_, n) is None for n in _one_column(X)]

    def predict(self, X) -> np.ndarray:
        """Predictions as floats (``inf`` beyond float range); exact ones from ``predict_int``."""
        return np.array([_float(v) for v in self.predict_int(X)], dtype=float)


def _nearest(points: tuple[tuple[int, int], ...], n: int) -> int:
    """The term at the training index nearest to ``n`` (the lower one on a tie).

    >>> _nearest(((0, 10), (2, 30), (4, 50)), 3), _nearest(((0, 10), (2, 30)), -7)
    (30, 10)
    """
    return min(points, key=lambda p: (abs(p[0] - n), p[0]))[1]


def _float(v: int) -> float:
    try:
        return float(v)
    except OverflowError:
        return math.inf if v > 0 else -math.inf
