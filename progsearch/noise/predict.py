"""The ``2**-bits`` mixture's prediction when some programs are noisy fits.

A noisy program (noise.Fitted with a scale ``s >= 1``) does not claim its next value exactly:
it claims the value ``v`` with the probability its residual code gives ``v - f(n)``.  Its
two-part length takes the best scale and the best constant ``c0``, but every scale ``t``, and
for a model with a constant every ``c0 + d``, is a description of the training terms too, of
length ``L(d, t)`` (the constant's integer code, the scale's word, the residuals ``r - d`` at
``t``).  The code's own predictive sums over all of them:

    q(v) = sum_{d,t} 2**-L(d,t) p_t(v - f(n) - d) / sum_{d,t} 2**-L(d,t),

and the program's weight in the mixture is the sum ``sum_{d,t} 2**-(program bits + L(d,t))``
instead of ``2**-bits``.  A constant fitted to 15 terms is uncertain by about ``sigma /
sqrt(15)`` and so is the scale: summing widens the claim by what the terms leave open.  The
constants that differ only in ``c0`` (``constant`` models; ``affine`` ones with the same program
and ``c1``) are one family: its best member stands for it, so that no description is counted
twice.  ``predictive=`` names what is summed: ``"scales+constant"`` (the default), ``"scales"``
(the best ``c0``, every scale), ``"best"`` (one scale, one constant: ``p_s`` and ``2**-bits``);
benchmarks/noise_calibration.py measures the three.  A program whose training residuals are not
known (``points == 0``) uses its best scale.  An exact program claims its value with
probability 1, a lookup nothing.  Each candidate value (a value some program predicts) gets the
weighted sum of these claims.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..forms import Program
from .code import S_MAX, _scales, scale_lengths
from .fit import _int_bits_array

PREDICTIVES = ("scales+constant", "scales", "best")
SPAN = 6.0  # constants summed over: c0 + d for |d| <= SPAN sigma / sqrt(n), sigma the widest
TINY = 1e-12  # weights below this (relative to the largest) are left out of the claims
SAFE = 2**58  # |c0 + d| stays below this for the integer code's vectorized bits
BLOCK_INTS = 1 << 22  # integers whose code is summed exactly when the shifts are a grid


class Spread:
    """A noisy program's predictive: shifts ``d``, scales ``s`` and their weights (sum 1)."""

    def __init__(self, shifts: np.ndarray, scales: np.ndarray, weights: np.ndarray, gain: float):
        self.shifts, self.scales, self.weights, self.gain = shifts, scales, weights, gain

    def claims(self, residuals: Sequence[float]) -> np.ndarray:
        """Per residual ``r`` (value minus the model's): ``sum w p_s(r - d)``."""
        log2z, slope = _scales()
        r = np.asarray(residuals, dtype=np.float64)[:, None] - self.shifts[None, :]
        with np.errstate(invalid="ignore", over="ignore"):
            p = np.exp2(-(log2z[self.scales] + slope[self.scales] * np.square(r)))
        return np.nan_to_num(p) @ self.weights

    def __repr__(self) -> str:
        return (f"Spread({len(self.weights)} (shift, scale) pairs, {self.gain:.3f} bits gained, "
                f"shifts {self.shifts.min()}..{self.shifts.max()})")


def spread(prog: Program, predictive: str = "scales+constant") -> Spread:
    """A noisy program's predictive (see the module docstring); ``gain`` >= 0 is how many bits
    its mixture weight gains over ``2**-bits`` by the sums.

    >>> from progsearch.forms import Formula
    >>> from progsearch.language import Const
    >>> from progsearch.noise.program import Fitted
    >>> from progsearch.noise import residual_bits_one
    >>> bits, s = residual_bits_one([3, -4, 1, 0, 2, -2])
    >>> fit = Fitted(Formula(Const(0)), 0, 1, 3.0, bits, s, "constant", points=6, sumsq=34)
    >>> [round(float(spread(fit, how).weights.sum()), 9) for how in PREDICTIVES]
    [1.0, 1.0, 1.0]
    >>> [0 < spread(fit, how).gain < 4 for how in PREDICTIVES[:2]], spread(fit, "best").gain
    ([True, True], 0.0)
    """
    if predictive not in PREDICTIVES:
        raise ValueError(f"predictive must be one of {PREDICTIVES}, got {predictive!r}")
    scale, n = getattr(prog, "scale", 0), getattr(prog, "points", 0)
    if not 1 <= scale <= S_MAX:
        raise ValueError(f"prog must be a noisy program (scale >= 1), got scale {scale}")
    zero = np.zeros(1, dtype=np.int64)
    if predictive == "best" or n <= 0:
        return Spread(zero, np.array([scale]), np.ones(1), 0.0)
    lengths = scale_lengths(prog.sumsq, n)[None, :]
    shifts = zero
    c0 = _stated_constant(prog)
    if predictive == "scales+constant" and c0 is not None:
        shifts = _shifts(lengths[0], n)
        if abs(c0) + int(shifts[-1]) >= SAFE:
            shifts = zero
    step = 1
    if len(shifts) > 1:
        step = int(shifts[1] - shifts[0])
        ss = prog.sumsq - 2.0 * shifts * prog.rsum + n * shifts.astype(np.float64) ** 2
        const = _block_bits(c0, shifts, step)
        lengths = scale_lengths(0.0, n)[None, :] + _scales()[1][None, 1:] * ss[:, None]
        lengths = lengths + const[:, None]
    low = float(lengths.min())
    w = np.exp2(low - lengths)
    total = float(w.sum()) * step  # each shift on the grid stands for ``step`` integers
    d, s = np.nonzero(w > TINY * w.max())
    kept = w[d, s]
    return Spread(shifts[d], s + 1, kept / kept.sum(), math.log2(total) + prog.residual_bits - low)


def _block_bits(c0: int, shifts: np.ndarray, step: int) -> np.ndarray:
    """Per shift ``d`` on the grid: ``-log2`` of the mean of ``2**-(int_bits(c0 + k) -
    int_bits(c0))`` over the ``step`` integers ``k`` it stands for (``d`` itself when 1; the
    integer code is a step function, so it is summed exactly where that takes at most
    BLOCK_INTS integers, else read at the grid points)."""
    base = _int_bits_array(np.array([c0]))
    if step == 1 or len(shifts) * step > BLOCK_INTS:
        return _int_bits_array(c0 + shifts) - base
    ks = (shifts[:, None] - step // 2 + np.arange(step)[None, :]).ravel()
    mass = np.exp2(base - _int_bits_array(c0 + ks)).reshape(len(shifts), step)
    return -np.log2(mass.mean(axis=1))


def _stated_constant(prog: Program) -> int | None:
    """The integer the model states and a shift changes: ``c0`` of an affine model, the value
    of a constant model; None for a plain program (it states none)."""
    kind = getattr(prog, "kind", "plain")
    if kind == "constant":
        return prog.terms(prog.offset, prog.offset + 1)[0]
    return prog.c0 if kind == "affine" else None


def _shifts(lengths: np.ndarray, n: int) -> np.ndarray:
    """The shifts of ``c0`` summed over: up to SPAN times the widest weighty scale / sqrt(n),
    every integer, or where the narrowest weighty scale's ``sigma / sqrt(n)`` spans more than 16
    integers, every ``step``-th with ``step`` at most an eighth of that: each grid point stands
    for the ``step`` integers around it, the integer code's bits summed over them (a Riemann sum
    with at least 8 points a standard deviation: tests/test_noise_search.py finds it within
    2e-5, relative, of the sum over every integer)."""
    on = np.flatnonzero(np.exp2(lengths.min() - lengths) > TINY)
    widest, narrowest = (2.0 ** (s / 4 - 2) / math.sqrt(n) for s in (on.max(), on.min()))
    step = max(1, int(narrowest / 8))
    reach = math.ceil(SPAN * widest / step) + 1
    return np.arange(-reach, reach + 1, dtype=np.int64) * step


def _family(prog: Program) -> tuple | None:
    """Programs that differ only in ``c0`` (one family when the constant is summed over)."""
    kind = getattr(prog, "kind", "plain")
    if kind == "constant":
        return ("constant",)
    if kind == "affine":
        return ("affine", prog.c1, prog.inner.source)
    return None


def spread_votes(programs: Sequence[Program], start: int, k: int,
                 predictive: str = "scales+constant") -> list[tuple]:
    """Per index ``start .. start+k-1``: (n, ((value, p), ...) most probable first, p_none).

    >>> from progsearch.forms import Formula, Lookup
    >>> from progsearch.language import Const
    >>> from progsearch.noise.program import Fitted
    >>> noisy = Fitted(Formula(Const(7)), 0, 1, 10.0, 20.0, 9)  # sd 1, its residuals unknown
    >>> n, cands, none = spread_votes([noisy], 4, 1)[0]
    >>> n, cands[0][0], round(cands[0][1], 3), none
    (4, 7, 0.399, 0.0)
    """
    seen: set = set()
    spreads: list[Spread | None] = []
    bits = []
    for p in programs:
        noisy = bool(getattr(p, "scale", 0))
        family = _family(p) if predictive == "scales+constant" and noisy else None
        if family is not None and family in seen:  # its family's best member stands for it
            spreads.append(None)
            bits.append(math.inf)
            continue
        seen.add(family)
        sp = spread(p, predictive) if noisy else None
        spreads.append(sp)
        bits.append(p.bits - (sp.gain if sp else 0.0))
    low = min(bits)
    weights = [2.0 ** (low - b) for b in bits]
    total = sum(weights)
    rows = [p.continuation(start, k) for p in programs]
    none = sum(w for w, r in zip(weights, rows) if r is None) / total
    out = []
    for j in range(k):
        at = {int(r[j]): 0.0 for r in rows if r is not None}
        for w, r, sp in zip(weights, rows, spreads):
            if r is None or w == 0.0:
                continue
            if sp is None:
                at[r[j]] += w
                continue
            for v, c in zip(at, sp.claims([_float(v - r[j]) for v in at])):
                at[v] += w * float(c)
        ranked = sorted(((v, q / total) for v, q in at.items()), key=lambda vq: (-vq[1], vq[0]))
        out.append((start + j, tuple(ranked), none))
    return out


def _float(x: int) -> float:
    """A residual as a float; beyond float range it is infinitely unlikely."""
    try:
        return float(x)
    except OverflowError:
        return float("inf")
