"""The ``2**-bits`` mixture's prediction when some programs are noisy fits.

A noisy program (noise.Fitted with a scale ``s >= 1``) does not claim its next value exactly:
it claims the value ``v`` with the probability its residual code gives ``v - f(n)``.  The code
(noise.code) writes a scale, then the residuals at that scale; the program's two-part length
takes the best scale, but every scale ``t`` is a description of the training residuals too,
of length ``L_t``.  The predictive is the code's own: summed over the scales,

    q(v) = sum_t 2**-L_t p_t(v - f(n)) / sum_t 2**-L_t,

and the program's weight in the mixture is ``2**-program_bits sum_t 2**-L_t`` (``scales=
"mixture"``, the default).  Summing over the scales widens the claim where 15 terms fix the
scale loosely; ``scales="best"`` keeps the one best scale (``p_s`` alone, weight ``2**-bits``),
for comparison (benchmarks/noise_calibration.py measures both).  A program whose training
residuals are not known (``points == 0``) uses its best scale.  An exact program claims its
value with probability 1, a lookup nothing.  Each candidate value (a value some program
predicts) gets the weighted sum of these claims.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..forms import Program
from .code import S_MAX, _scales, scale_lengths

SCALES = ("mixture", "best")


def scale_weights(prog: Program, scales: str = "mixture") -> tuple[np.ndarray, float]:
    """A noisy program's weight on each scale ``s = 1..S_MAX`` (they sum to 1), and the bits
    its mixture weight gains over ``2**-bits`` by summing the code over the scales (>= 0).

    >>> from progsearch.forms import Formula
    >>> from progsearch.language import Const
    >>> from progsearch.noise.program import Fitted
    >>> from progsearch.noise import residual_bits_one
    >>> bits, s = residual_bits_one([3, -4, 1, 0, 2, -2])
    >>> fit = Fitted(Formula(Const(0)), 0, 1, 3.0, bits, s, points=6, sumsq=34)
    >>> w, gain = scale_weights(fit)
    >>> round(float(w.sum()), 9), int(w.argmax()) + 1 == s, 0 < gain < 2
    (1.0, True, True)
    >>> w, gain = scale_weights(fit, "best")
    >>> float(w[s - 1]), gain
    (1.0, 0.0)
    """
    if scales not in SCALES:
        raise ValueError(f"scales must be one of {SCALES}, got {scales!r}")
    scale, points = getattr(prog, "scale", 0), getattr(prog, "points", 0)
    if not 1 <= scale <= S_MAX:
        raise ValueError(f"prog must be a noisy program (scale >= 1), got scale {scale}")
    if scales == "best" or points <= 0:
        w = np.zeros(S_MAX)
        w[scale - 1] = 1.0
        return w, 0.0
    lengths = scale_lengths(prog.sumsq, points)
    low = float(lengths.min())
    w = np.exp2(low - lengths)
    total = float(w.sum())
    return w / total, math.log2(total) + prog.residual_bits - low


def _claims(w: np.ndarray, residuals: list[float]) -> np.ndarray:
    """Per residual ``r``: ``sum_s w_s p_s(r)`` over the scales with weight."""
    log2z, slope = _scales()
    on = np.flatnonzero(w > 1e-18)  # the rest adds below 1e-16 of a claim
    r2 = np.square(np.asarray(residuals, dtype=np.float64))[:, None]
    with np.errstate(invalid="ignore", over="ignore"):
        p = np.exp2(-(log2z[on + 1] + slope[on + 1] * r2))
    return np.nan_to_num(p) @ w[on]


def spread_votes(programs: Sequence[Program], start: int, k: int,
                 scales: str = "mixture") -> list[tuple]:
    """Per index ``start .. start+k-1``: (n, ((value, p), ...) most probable first, p_none).

    >>> from progsearch.forms import Formula, Lookup
    >>> from progsearch.language import Const
    >>> from progsearch.noise.program import Fitted
    >>> noisy = Fitted(Formula(Const(7)), 0, 1, 10.0, 20.0, 9)  # sd 1, its residuals unknown
    >>> n, cands, none = spread_votes([noisy], 4, 1)[0]
    >>> n, cands[0][0], round(cands[0][1], 3), none
    (4, 7, 0.399, 0.0)
    """
    noisy = [bool(getattr(p, "scale", 0)) for p in programs]
    mixed = [scale_weights(p, scales) if z else (None, 0.0) for p, z in zip(programs, noisy)]
    bits = [p.bits - gain for p, (_, gain) in zip(programs, mixed)]
    low = min(bits)
    weights = [2.0 ** (low - b) for b in bits]
    total = sum(weights)
    rows = [p.continuation(start, k) for p in programs]
    none = sum(w for w, r in zip(weights, rows) if r is None) / total
    out = []
    for j in range(k):
        at = {int(r[j]): 0.0 for r in rows if r is not None}
        for w, r, (sw, _) in zip(weights, rows, mixed):
            if r is None:
                continue
            if sw is None:
                at[r[j]] += w
                continue
            claim = _claims(sw, [_float(v - r[j]) for v in at])
            for v, c in zip(at, claim):
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
