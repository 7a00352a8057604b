"""The weight-decay baseline: L2-regularized polynomial regression on an integer sequence.

This is scikit-learn's ``make_pipeline(PolynomialFeatures(degree), Ridge(alpha))`` on a
scaled problem, so that ``alpha`` means the same thing for every sequence:

- the index is scaled so the training indices fill ``[0, 1]``:
  ``x = (n - offset) / max(1, n_train - 1)``;
- the target is scaled so the training terms lie in ``[-1, 1]``:
  ``y = a(n) / max(1, max|a|)``; predictions are scaled back.

The fit is ``w = argmin |Xw + b - y|^2 + alpha |w|^2`` with the intercept ``b`` not penalized;
``alpha = 0`` is plain least squares (``LinearRegression``; minimum norm when underdetermined).
Each fit also reports how many bits it takes to write its weights down (``weight_bits``): each
weight rounded to a multiple of ``2**-10`` and written with the integer code of
``progsearch.length``, so that "smaller weights" and "shorter program" share one axis.  Beware:
a smaller norm usually, not always, means fewer bits, because decay spreads one big weight over
several middling ones.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from progsearch.length import count_bits, int_bits

WEIGHT_STEP = 2.0**-10  # q: weights are written as round(w / q), i.e. 10 bits after the point
DEGREES = (1, 2, 3, 5)
ALPHAS = (0.0, 1e-4, 1e-2, 1.0, 100.0)


def _is_int(v: object) -> bool:
    """True for integers (Python or NumPy), False for bools and everything else."""
    return isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))


def _as_ints(values: object, name: str) -> list[int]:
    """The values as a list of Python ints, or TypeError naming the argument."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a sequence of integers, got {type(values).__name__}")
    out = list(values)
    for v in out:
        if not _is_int(v):
            raise TypeError(f"{name} must contain only integers, got {v!r}")
    return [int(v) for v in out]


def _check_terms(train: object) -> list[int]:
    """The training terms as Python ints, validated: at least 2, all float-representable."""
    terms = _as_ints(train, "train")
    if len(terms) < 2:
        raise ValueError(f"train must have at least 2 terms, got {len(terms)}")
    bits = max(abs(v) for v in terms).bit_length()
    if bits > 1023:
        raise ValueError(f"train terms must be below 2**1023 in magnitude, got one of {bits} bits")
    return terms


def _check_offset(offset: object) -> int:
    """The offset as an int, or TypeError naming it."""
    if not _is_int(offset):
        raise TypeError(f"offset must be an integer, got {offset!r}")
    return int(offset)


def _check_degree(degree: object) -> int:
    """The degree as an int >= 1, or an error naming it."""
    if not _is_int(degree):
        raise TypeError(f"degree must be an integer, got {degree!r}")
    if degree < 1:
        raise ValueError(f"degree must be at least 1, got {degree}")
    return int(degree)


def _check_alpha(alpha: object) -> float:
    """The alpha as a finite float >= 0, or an error naming it."""
    if not isinstance(alpha, numbers.Real) or isinstance(alpha, (bool, np.bool_)):
        raise TypeError(f"alpha must be a real number, got {alpha!r}")
    if not (math.isfinite(alpha) and alpha >= 0):
        raise ValueError(f"alpha must be finite and at least 0, got {alpha!r}")
    return float(alpha)


def _scaled_x(indices: Iterable[int], offset: int, x_scale: int) -> np.ndarray:
    """x = (n - offset) / x_scale as floats; an index too far away to be a float gives +-inf."""
    xs = []
    for n in indices:
        try:
            xs.append((n - offset) / x_scale)  # int / int is correctly rounded, even for big ints
        except OverflowError:
            xs.append(math.inf if n > offset else -math.inf)
    return np.array(xs, dtype=float).reshape(-1)


def weight_bits_of(weights: Sequence[float], step: float = WEIGHT_STEP) -> int:
    """Bits to write a degree and its weights, each weight quantized to a grid of ``step``.

    >>> weight_bits_of([0.0, 0.0, 0.0])   # degree 3 (5 bits) + three zeros (1 bit each)
    8
    >>> weight_bits_of([1.0])             # degree 1 (4 bits) + 1024 quanta (18 bits)
    22
    """
    return count_bits(len(weights)) + sum(int_bits(round(w / step)) for w in weights)


@dataclass(frozen=True, repr=False)
class RidgeFit:
    """A fitted polynomial ridge model, in the scaled space described in the module docstring.

    ``weights`` are the coefficients of ``x, x**2, ..., x**degree`` and ``intercept`` the
    constant, all in scaled units; ``weight_bits`` is ``count_bits(degree)`` plus
    ``int_bits(round(w / 2**-10))`` per weight (the intercept and the two scales are not
    counted: weight decay does not act on them).  Predictions use the unrounded weights.
    """

    degree: int
    alpha: float
    weights: tuple[float, ...]
    intercept: float
    weight_norm: float
    weight_bits: float
    train_error: float
    offset: int
    n_train: int
    y_scale: float  # training terms were divided by this before the fit

    @property
    def name(self) -> str:
        """A short label, like ``ridge d=3 alpha=0.01``."""
        return f"ridge d={self.degree} alpha={self.alpha:g}"

    def __repr__(self) -> str:
        return (
            f"RidgeFit({self.name}, weight_norm={self.weight_norm:.4g}, "
            f"weight_bits={self.weight_bits:g}, train_error={self.train_error:.4g})"
        )

    def _predict_scaled(self, indices: Iterable[int]) -> np.ndarray:
        """Predictions in scaled units: b + w1 x + ... + wd x**d (Horner)."""
        x = _scaled_x(_as_ints(indices, "indices"), self.offset, max(1, self.n_train - 1))
        with np.errstate(over="ignore", invalid="ignore"):
            return np.polynomial.polynomial.polyval(x, (self.intercept, *self.weights))

    def predict(self, indices: Iterable[int]) -> np.ndarray:
        """Float predictions at the absolute indices ``n`` (may be inf far out).

        >>> fit = fit_ridge([1, 3, 5, 7], degree=1, alpha=0.0)
        >>> fit.predict(range(4, 6)).round(6).tolist()
        [9.0, 11.0]
        """
        with np.errstate(over="ignore", invalid="ignore"):
            return self._predict_scaled(indices) * self.y_scale

    def predict_int(self, indices: Iterable[int]) -> list[int]:
        """Predictions rounded to the nearest int (ties to even); not finite -> 0, with a warning.

        A ``RuntimeWarning`` says how many predictions were not finite, so that a 0 that stands
        for an overflow is never mistaken for a prediction.

        >>> fit_ridge([1, 3, 5, 7], degree=1, alpha=0.0).predict_int(range(4, 7))
        [9, 11, 13]
        """
        values = self.predict(indices)
        bad = int(np.count_nonzero(~np.isfinite(values)))
        if bad:
            msg = f"{bad} of {len(values)} predictions of {self.name} were not finite; gave 0"
            warnings.warn(msg, RuntimeWarning, stacklevel=2)
        return [round(float(v)) if math.isfinite(v) else 0 for v in values]

    def rmse(self, terms: Sequence[int], *, start: int) -> float:
        """Root mean squared error of the predictions against ``terms`` at ``start, start+1, ...``.

        >>> fit = fit_ridge([1, 3, 5, 7], degree=1, alpha=0.0)
        >>> round(fit.rmse([9, 12], start=4), 6)  # errors 0 and 1: sqrt(1 / 2)
        0.707107
        """
        terms = _as_ints(terms, "terms")
        if not terms:
            raise ValueError("terms must not be empty")
        scaled = [v / self.y_scale for v in terms]  # compare in scaled units: no overflow
        residual = self._predict_scaled(range(start, start + len(terms))) - scaled
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.sqrt(np.mean(residual**2))) * self.y_scale


def _fit_weights(
    x: np.ndarray, y: np.ndarray, degree: int, alpha: float
) -> tuple[np.ndarray, float]:
    """Weights and intercept of PolynomialFeatures(degree) then Ridge(alpha) fitted to x, y."""
    # scikit-learn takes seconds to import: it is loaded on the first fit, not with progsearch
    from sklearn import config_context
    from sklearn.linear_model import LinearRegression, Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures

    # w = argmin |Xw + b - y|^2 + alpha |w|^2  (b, the intercept, is not penalized)
    # alpha = 0: minimum-norm least squares, w = pinv(Xc) yc on centred X and y
    model = LinearRegression() if alpha == 0 else Ridge(alpha=alpha, solver="svd")
    pipeline = make_pipeline(PolynomialFeatures(degree, include_bias=False), model)
    with config_context(assume_finite=True, skip_parameter_validation=True):  # checked before
        pipeline.fit(x.reshape(-1, 1), y)
    return model.coef_, float(model.intercept_)


def fit_ridge(
    train: Sequence[int], *, offset: int = 0, degree: int = 3, alpha: float = 1.0
) -> RidgeFit:
    """Fit ridge regression on polynomial features of the scaled index to the training terms.

    The index and the target are scaled as the module docstring says (x in [0, 1], the target
    divided by its largest magnitude), so ``alpha`` means the same for every sequence.

    >>> fit = fit_ridge([0, 1, 4, 9, 16], degree=2, alpha=0.0)
    >>> fit.predict_int([5, 6]), fit.name
    ([25, 36], 'ridge d=2 alpha=0')
    """
    terms, offset = _check_terms(train), _check_offset(offset)
    degree, alpha = _check_degree(degree), _check_alpha(alpha)
    n_train, y_scale = len(terms), max(1, max(abs(v) for v in terms))
    x = _scaled_x(range(offset, offset + n_train), offset, max(1, n_train - 1))
    y = np.array([v / y_scale for v in terms])  # in [-1, 1]; int / int keeps big ints exact
    coef, intercept = _fit_weights(x, y, degree, alpha)
    weights = tuple(float(w) for w in coef)
    fit = RidgeFit(
        degree=degree,
        alpha=alpha,
        weights=weights,
        intercept=intercept,
        weight_norm=float(np.linalg.norm(weights)),
        weight_bits=float(weight_bits_of(weights)),
        train_error=0.0,
        offset=offset,
        n_train=n_train,
        y_scale=float(y_scale),
    )
    return _with_train_error(fit, terms)


def _with_train_error(fit: RidgeFit, terms: list[int]) -> RidgeFit:
    """The same fit with its training RMSE filled in."""
    return replace(fit, train_error=fit.rmse(terms, start=fit.offset))


def ridge_sweep(
    train: Sequence[int],
    *,
    offset: int = 0,
    degrees: Sequence[int] = DEGREES,
    alphas: Sequence[float] = ALPHAS,
) -> list[RidgeFit]:
    """One fit per (degree, alpha), degrees outermost, in the order given.

    >>> [f.name for f in ridge_sweep([1, 2, 4, 8], degrees=(1, 2), alphas=(0.0, 1.0))]
    ['ridge d=1 alpha=0', 'ridge d=1 alpha=1', 'ridge d=2 alpha=0', 'ridge d=2 alpha=1']
    """
    degrees, alphas = list(degrees), list(alphas)
    if not degrees:
        raise ValueError("degrees must not be empty")
    if not alphas:
        raise ValueError("alphas must not be empty")
    return [fit_ridge(train, offset=offset, degree=d, alpha=a) for d in degrees for a in alphas]


def best_ridge(
    train: Sequence[int],
    *,
    offset: int = 0,
    degrees: Sequence[int] = DEGREES,
    alphas: Sequence[float] = ALPHAS,
    holdout: int = 3,
) -> RidgeFit:
    """Pick degree and alpha on the training terms only, then refit the winner on all of them.

    Each candidate is fitted on ``train[:-holdout]`` and scored by its RMSE on the last
    ``holdout`` training terms (extrapolation, as for a sequence); ties go to the lower degree,
    then the stronger alpha.  Nothing beyond ``train`` is looked at.

    >>> best_ridge([0, 1, 4, 9, 16, 25, 36], degrees=(1, 2), alphas=(0.0, 1.0)).name
    'ridge d=2 alpha=0'
    """
    terms, offset = _check_terms(train), _check_offset(offset)
    if not _is_int(holdout):
        raise TypeError(f"holdout must be an integer, got {holdout!r}")
    if holdout < 1:
        raise ValueError(f"holdout must be at least 1, got {holdout}")
    if len(terms) - holdout < 2:
        raise ValueError(f"holdout must leave at least 2 of the {len(terms)} train terms")
    head, tail = terms[:-holdout], terms[-holdout:]
    fits = ridge_sweep(head, offset=offset, degrees=degrees, alphas=alphas)
    scores = [f.rmse(tail, start=offset + len(head)) for f in fits]
    win, _ = min(zip(fits, scores), key=lambda fs: (_nan_last(fs[1]), fs[0].degree, -fs[0].alpha))
    return fit_ridge(terms, offset=offset, degree=win.degree, alpha=win.alpha)


def _nan_last(score: float) -> float:
    """A score to sort by, with NaN (an overflowed fit) after every number."""
    return math.inf if math.isnan(score) else score
