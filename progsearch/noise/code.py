"""The residual code: a scale index (0 = exact), then each residual under a discretized Gaussian.

See the package docstring for the code, its Kraft argument and the exact-fit cost.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np

from ..length import count_bits

S_MAX = 265  # sigma_{S_MAX} = 2**64: beyond any int64 residual
EXACT_BITS = count_bits(0)  # s = 0: all residuals are 0, nothing more is written
MODELS = ("plain", "affine", "constant")  # the model tag of a noisy search, one of three
AFFINE_TAG_BITS = math.log2(len(MODELS))  # its bits, paid by every model
CHUNK = 1 << 16  # rows scored at once
LOG2E = math.log2(math.e)


def scale_sigma(s: int) -> float:
    """The Gaussian scale of index ``s >= 1``: ``2**((s - 1)/4 - 2)``.

    >>> scale_sigma(1), scale_sigma(9), scale_sigma(S_MAX)
    (0.25, 1.0, 1.8446744073709552e+19)
    """
    if not 1 <= s <= S_MAX:
        raise ValueError(f"s must be in 1..{S_MAX}, got {s}")
    return 2.0 ** ((s - 1) / 4 - 2)


def scale_bits(s: int) -> int:
    """Bits to write the scale index ``s`` (0 = exact): ``count_bits(s)``.

    >>> scale_bits(0), scale_bits(1), scale_bits(9)
    (1, 4, 8)
    """
    return count_bits(s)


def _log2_normalizer(sigma: float) -> float:
    """log2 of Z = sum over integers k of exp(-k**2 / (2 sigma**2))."""
    if sigma > 64:  # Poisson summation; the correction terms underflow
        return math.log2(sigma * math.sqrt(2 * math.pi))
    k = np.arange(1, math.ceil(40 * sigma) + 2)
    return math.log2(1 + 2 * math.fsum(np.exp(-(k * k) / (2 * sigma * sigma))))


@functools.lru_cache(maxsize=1)
def _scales() -> tuple[np.ndarray, np.ndarray]:
    """Per s = 1..S_MAX: log2 Z_s and b_s = log2(e) / (2 sigma_s**2) (index 0 unused)."""
    sig = [scale_sigma(s) for s in range(1, S_MAX + 1)]
    log2z = np.array([math.nan] + [_log2_normalizer(x) for x in sig])
    slope = np.array([math.nan] + [LOG2E / (2 * x * x) for x in sig])
    return log2z, slope


def point_bits(r, s: int):
    """Bits of one residual ``r`` (int or array) at scale ``s >= 1``: ``-log2 p_s(r)``.

    >>> round(float(point_bits(0, 9)), 4), round(float(point_bits(1, 9)), 4)
    (1.3257, 2.0471)
    """
    scale_sigma(s)  # checks s
    log2z, slope = _scales()
    return log2z[s] + slope[s] * np.square(np.asarray(r, dtype=np.float64))


@functools.lru_cache(maxsize=64)
def _envelope(n: int) -> tuple[np.ndarray, ...]:
    """Lower envelope of the lines a_s + b_s SS (s >= 1) for n residuals.

    Returns (starts, s, a, b): line j is the cheapest for starts[j] <= SS < starts[j + 1].
    """
    log2z, slope = _scales()
    hull: list[tuple[float, int, float, float]] = []  # (start, s, a, b), slopes decreasing
    for s in range(1, S_MAX + 1):
        a, b = scale_bits(s) + n * log2z[s], slope[s]
        start = -math.inf
        while hull:
            start = (a - hull[-1][2]) / (hull[-1][3] - b)  # where it drops below the last line
            if start > hull[-1][0]:
                break
            hull.pop()
            start = -math.inf
        hull.append((start, s, a, b))
    return tuple(np.array(col) for col in zip(*hull))


def scale_lengths(ss: float, n: int) -> np.ndarray:
    """Bits of ``n`` residuals whose squares sum to ``ss``, at every scale ``s = 1..S_MAX``.

    Entry ``s - 1`` is the scale's word and the residuals' code at it; the least is what
    residual_bits gives (the lower envelope of these lines).

    >>> lengths = scale_lengths(2.0, 3)
    >>> bits, s = residual_bits([[1, -1, 0]])
    >>> int(lengths.argmin()) + 1 == int(s[0]), bool(abs(lengths.min() - bits[0]) < 1e-9)
    (True, True)
    """
    log2z, slope = _scales()
    return _scale_word_bits() + n * log2z[1:] + slope[1:] * float(ss)


@functools.lru_cache(maxsize=1)
def _scale_word_bits() -> np.ndarray:
    return np.array([float(scale_bits(s)) for s in range(1, S_MAX + 1)])


def _ss_bits(ss: np.ndarray, exact: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Residual bits and scale from the sums of squares (float) and the exact-fit flags."""
    starts, s, a, b = _envelope(n)
    j = np.searchsorted(starts, ss, side="right") - 1
    bits = np.where(exact, float(EXACT_BITS), a[j] + b[j] * ss)
    return bits, np.where(exact, 0, s[j]).astype(np.int64)


def _residual_chunk(r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rf = r.astype(np.float64)
    ss = np.einsum("ij,ij->i", rf, rf)  # a nonzero integer residual adds at least 1
    return _ss_bits(ss, ss == 0, r.shape[1])


def _int_matrix(a, name: str) -> np.ndarray:
    a = np.asarray(a)
    if a.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array (candidates x points), got {a.ndim}-D")
    if a.size and a.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integers, got {a.dtype}")
    return a.astype(np.int64, copy=False)


def residual_bits(residuals) -> tuple[np.ndarray, np.ndarray]:
    """Per row of a 2-D int array: the residual bits (minimum over s) and the chosen scale s.

    >>> bits, s = residual_bits([[0, 0, 0], [1, -1, 0], [50, -60, 70]])
    >>> bits.round(2).tolist(), s.tolist()
    ([1.0, 10.82, 33.91], [0, 6, 33])
    """
    r = _int_matrix(residuals, "residuals")
    bits, scale = np.empty(len(r)), np.empty(len(r), dtype=np.int64)
    for lo in range(0, len(r), CHUNK):
        bits[lo : lo + CHUNK], scale[lo : lo + CHUNK] = _residual_chunk(r[lo : lo + CHUNK])
    return bits, scale


def residual_bits_one(residuals: Sequence[int]) -> tuple[float, int]:
    """Residual bits and scale of one vector of Python ints (exact sum of squares).

    >>> residual_bits_one([0, 0]), residual_bits_one([2, -1, 0])[1]
    ((1.0, 0), 10)
    """
    ss = sum(int(v) * int(v) for v in residuals)
    try:
        ssf = float(ss)
    except OverflowError:  # beyond 1e308: never the best description
        return math.inf, S_MAX
    bits, scale = _ss_bits(np.array([ssf]), np.array([ss == 0]), len(residuals))
    return float(bits[0]), int(scale[0])
