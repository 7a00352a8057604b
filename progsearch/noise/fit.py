"""Affine constants and two-part lengths of many candidates at once, and of one program exactly.

The chunked scorers compute, per row, [constant bits, residual bits, scale, c0, c1]; plain rows
have no constants (c0 = 0, c1 = 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ..length import int_bits
from .code import AFFINE_TAG_BITS, CHUNK, _int_matrix, _ss_bits, residual_bits_one

_SAFE = 2.0**60  # affine candidates whose arithmetic could leave int64 are not tried


class TwoParts(NamedTuple):
    """Two-part lengths of many candidates: one array entry a candidate (row)."""

    total: np.ndarray  # program + residual bits
    program: np.ndarray  # the program's bits, with the affine tag and constants
    residual: np.ndarray  # the residuals' bits, best scale
    scale: np.ndarray  # the chosen scale index s (0 = exact)
    c0: np.ndarray  # the model's values are c0 + c1 * f (0 and 1 when plain)
    c1: np.ndarray

    def __repr__(self) -> str:
        best = f", least total {self.total.min():.2f} bits" if len(self.total) else ""
        return f"TwoParts({len(self.total)} candidates{best})"


class TwoPart(NamedTuple):
    """The two-part length of one program (same fields as TwoParts, as Python numbers)."""

    total: float
    program: float
    residual: float
    scale: int
    c0: int
    c1: int


def _check(rows, y) -> tuple[np.ndarray, np.ndarray]:
    f = _int_matrix(rows, "rows")
    yv = _int_matrix(np.asarray(y)[None, :], "y")[0] if np.ndim(y) == 1 else None
    if yv is None or len(yv) != f.shape[1] or len(yv) == 0:
        raise ValueError(f"y must be a non-empty 1-D sequence of {f.shape[1]} values (one a row)")
    return f, yv


def least_squares(rows, y) -> tuple[np.ndarray, np.ndarray]:
    """Per row ``f``: the real ``c0, c1`` minimizing ``|y - c0 - c1 f|**2`` (c1 = 0 if f constant).

    >>> least_squares([[1, 2, 3], [5, 5, 5]], [3, 5, 7])
    (array([1., 5.]), array([2., 0.]))
    """
    f, yv = _check(rows, y)
    f, yv = f.astype(np.float64), yv.astype(np.float64)
    fc, yc = f - f.mean(axis=1, keepdims=True), yv - yv.mean()
    sff, sfy = np.einsum("ij,ij->i", fc, fc), fc @ yc
    c1 = np.divide(sfy, sff, out=np.zeros_like(sff), where=sff > 0)
    return yv.mean() - c1 * f.mean(axis=1), c1


def _slope_options(sffn: np.ndarray, sfyn: np.ndarray) -> tuple[np.ndarray, ...]:
    """The slopes tried: floor and ceil of c1 = sfyn / sffn (0 for a constant row), and 0."""
    q, rem = np.divmod(sfyn, np.maximum(sffn, 1))
    lo = np.where(sffn > 0, q, 0)
    return lo, lo + ((sffn > 0) & (rem != 0)), np.zeros_like(lo)


def _by_sums(f: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, list]:
    """Rows whose sums stay in int64, and the candidates (c0, c1, SS, exact, ok) from the sums.

    For rows with ``n * |values| < 2**31``: SS = sum (y - c0 - c1 f)**2, expanded, in exact
    int64 where each of its six terms is below 2**59 (those rows are returned as ``ok``).
    """
    n, sy, syy = f.shape[1], int(y.sum()), int(y @ y)
    sf, sff, sfy = f.sum(axis=1), np.einsum("ij,ij->i", f, f), f @ y
    slopes = _slope_options(n * sff - sf * sf, n * sfy - sf * sy)  # n**2 var f, n**2 cov
    c1m = np.maximum(np.abs(slopes[0]), np.abs(slopes[1])).astype(np.float64)
    c0m = np.abs(y).max() + c1m * np.abs(f).max(axis=1, initial=0) + 1.0
    terms = (c1m**2 * sff, n * c0m**2, c1m * np.abs(sfy), c0m * abs(sy), c0m * c1m * np.abs(sf))
    ok = np.all([t < 2.0**59 for t in terms], axis=0) & (syy < 2**59)
    out = []
    for c1 in slopes:
        c1 = np.where(ok, c1, 0)
        base = (sy - c1 * sf) // n  # floor of the best real c0 for this c1
        for c0 in (base, base + 1, np.zeros_like(base)):
            c0 = np.where(ok, c0, 0)
            ss = syy + c1 * c1 * sff + n * c0 * c0 - 2 * (c1 * sfy + c0 * sy - c0 * c1 * sf)
            out.append((c0, c1, ss.astype(np.float64), ss == 0, ok))
    return ok, out


def _by_rows(f: np.ndarray, y: np.ndarray) -> list:
    """Candidates (c0, c1, SS, exact, ok) from the residual rows, for rows with large values.

    The least-squares slope is rounded from floating point here; candidates whose arithmetic
    could leave int64 are not ``ok``.
    """
    n = f.shape[1]
    c1f = least_squares(f, y)[1]
    c1f = np.where(np.abs(c1f) < 2.0**58, c1f, np.nan)
    reach = np.abs(f.astype(np.float64)).max(axis=1), float(np.abs(y).max())
    out = []
    for c1 in (np.floor(c1f), np.ceil(c1f), np.zeros_like(c1f)):
        ok = (np.abs(c1) * reach[0] + reach[1]) * n < _SAFE  # False for nan
        c1 = np.where(ok, c1, 0).astype(np.int64)
        d = y - c1[:, None] * f  # |d| < 2**60 / n where ok
        base = d.sum(axis=1) // n
        for c0 in (base, base + 1, np.zeros_like(base)):
            r = d - np.where(ok, c0, 0)[:, None]
            rf = r.astype(np.float64)
            out.append((np.where(ok, c0, 0), c1, np.einsum("ij,ij->i", rf, rf), ~r.any(1), ok))
    return out


def _bit_length(x: np.ndarray) -> np.ndarray:
    e = np.frexp(x.astype(np.float64))[1].astype(np.int64)  # rounding up may add one
    return e - (np.left_shift(1, e - 1) > x)


def _int_bits_array(v: np.ndarray) -> np.ndarray:
    """``int_bits`` of each entry (|v| < 2**60): Elias delta of the zig-zag value + 1."""
    big_l = _bit_length(np.where(v >= 0, 2 * v, -2 * v - 1) + 1) - 1
    return big_l + 2 * _bit_length(big_l + 1) - 1


def _plain_chunk(f: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """[constant bits, residual bits, scale, c0, c1] of the plain model y ~ f."""
    exact = (f == y).all(axis=1)
    d = y.astype(np.float64) - f.astype(np.float64)  # no int64 overflow
    ss = np.where(exact, 0.0, np.maximum(np.einsum("ij,ij->i", d, d), 1.0))
    bits, scale = _ss_bits(ss, exact, f.shape[1])
    m = len(f)
    return [np.zeros(m), bits, scale, np.zeros(m, np.int64), np.ones(m, np.int64)]


def _affine_chunk(f: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """[constant bits, ...] of the best of: plain, and c0 + c1 f for the candidates."""
    n = f.shape[1]
    best = _plain_chunk(f, y)
    best[0] = best[0] + AFFINE_TAG_BITS
    small = np.abs(f.astype(np.float64)).max(axis=1) < 2**31 / n
    idx = np.flatnonzero(small) if np.abs(y).max() < 2**31 / n else np.zeros(0, np.int64)
    ok, candidates = _by_sums(f[idx], y)
    _keep_best(best, idx, candidates, n)
    rest = np.setdiff1d(np.arange(len(f)), idx[ok], assume_unique=True)
    if len(rest):
        _keep_best(best, rest, _by_rows(f[rest], y), n)
    return best


def _keep_best(best: list[np.ndarray], idx: np.ndarray, candidates: list, n: int) -> None:
    """Replace best[..][idx] by each candidate that is shorter, in the candidates' order."""
    for c0, c1, ss, exact, ok in candidates:
        bits, scale = _ss_bits(ss, exact, n)
        const = AFFINE_TAG_BITS + _int_bits_array(c0) + _int_bits_array(c1)
        take = ok & (const + bits < best[0][idx] + best[1][idx])
        for col, new in zip(best, (const, bits, scale, c0, c1)):
            col[idx[take]] = new[take]


def _score(rows, y, chunk) -> list[np.ndarray]:
    f, yv = _check(rows, y)
    parts = [chunk(f[lo : lo + CHUNK], yv) for lo in range(0, len(f), CHUNK)]
    return [np.concatenate(col) for col in zip(*parts)] if parts else [np.zeros(0)] * 5


def affine_fit(rows, y) -> TwoParts:
    """Per row ``f``: the integer ``c0, c1`` of ``y ~ c0 + c1 f`` with the least two-part length.

    Tried, in this order: plain (no constants); then for ``c1`` in floor and ceil of the
    least-squares slope and 0, ``c0`` in floor and floor + 1 of its best real value and 0.
    ``program`` holds the tag and constant bits only.

    >>> fit = affine_fit([[0, 1, 2, 3]], [7, 10, 13, 16])
    >>> fit.c0.tolist(), fit.c1.tolist(), fit.program.round(2).tolist(), fit.residual.tolist()
    ([7], [3], [14.58], [1.0])
    """
    const, res, scale, c0, c1 = _score(rows, y, _affine_chunk)
    return TwoParts(const + res, const, res, scale, c0, c1)


def two_part(program_bits, rows, y, affine: bool = False) -> TwoParts:
    """Two-part lengths of many candidates (rows: their values at the points of ``y``).

    >>> parts = two_part([10.0, 12.0], [[1, 2, 3], [1, 2, 4]], [1, 2, 3])
    >>> parts.total.round(2).tolist(), parts.residual.round(2).tolist(), parts.scale.tolist()
    ([11.0, 20.78], [1.0, 8.78], [0, 6])
    >>> parts
    TwoParts(2 candidates, least total 11.00 bits)
    """
    const, res, scale, c0, c1 = _score(rows, y, _affine_chunk if affine else _plain_chunk)
    bits = np.asarray(program_bits, dtype=np.float64)
    if bits.shape not in ((), res.shape):
        raise ValueError(f"program_bits must be one number or one per row, got shape {bits.shape}")
    prog = bits + const
    return TwoParts(prog + res, prog, res, scale, c0, c1)


def _affine_candidates(f: list[int], y: list[int]):
    """(c1, c0) pairs to try, as in _affine_chunk, in exact integer arithmetic."""
    n, sf, sy = len(f), sum(f), sum(y)
    sff = n * sum(a * a for a in f) - sf * sf
    sfy = n * sum(a * b for a, b in zip(f, y)) - sf * sy
    lo = sfy // sff if sff else 0
    for c1 in (lo, lo + 1 if sff and sfy % sff else lo, 0):
        base = (sy - c1 * sf) // n
        yield from ((c1, base), (c1, base + 1), (c1, 0))


def two_part_one(
    program_bits: float, values: Sequence[int], y: Sequence[int], affine: bool = False
) -> TwoPart:
    """The two-part length of one program, from its values as Python ints (exact residuals).

    >>> two_part_one(10.0, [1, 2, 3], [1, 2, 3])
    TwoPart(total=11.0, program=10.0, residual=1.0, scale=0, c0=0, c1=1)
    """
    f, ys = [int(v) for v in values], [int(v) for v in y]
    if len(f) != len(ys) or not ys:
        raise ValueError(f"values and y must have one same non-zero length: {len(f)}, {len(ys)}")
    plain = residual_bits_one([b - a for a, b in zip(f, ys)])
    best = (AFFINE_TAG_BITS if affine else 0.0, *plain, 0, 1)
    for c1, c0 in _affine_candidates(f, ys) if affine else ():
        bits, scale = residual_bits_one([b - c0 - c1 * a for a, b in zip(f, ys)])
        const = AFFINE_TAG_BITS + int_bits(c0) + int_bits(c1)
        if const + bits < best[0] + best[1]:
            best = (const, bits, scale, c0, c1)
    const, bits, scale, c0, c1 = best
    prog = program_bits + const
    return TwoPart(prog + bits, prog, bits, scale, c0, c1)
