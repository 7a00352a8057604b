"""The ``2**-bits`` mixture's prediction when some programs are noisy fits.

A noisy program (noise.Fitted with a scale ``s >= 1``) does not claim its next value exactly:
it claims the value ``v`` with the probability its residual code gives ``v - f(n)``, the
discretized Gaussian ``p_s`` of noise.code.  An exact program claims its value with
probability 1, a lookup nothing.  Each candidate value (a value some program predicts) gets
the weighted sum of these claims; the weights are ``2**-bits`` (two-part lengths).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..forms import Program
from .code import point_bits


def spread_votes(programs: Sequence[Program], start: int, k: int) -> list[tuple]:
    """Per index ``start .. start+k-1``: (n, ((value, p), ...) most probable first, p_none).

    >>> from progsearch.forms import Formula, Lookup
    >>> from progsearch.language import Const
    >>> from progsearch.noise.program import Fitted
    >>> noisy = Fitted(Formula(Const(7)), 0, 1, 10.0, 20.0, 9)  # sd 1
    >>> n, cands, none = spread_votes([noisy], 4, 1)[0]
    >>> n, cands[0][0], round(cands[0][1], 3), none
    (4, 7, 0.399, 0.0)
    """
    low = min(p.bits for p in programs)
    weights = [2.0 ** (low - p.bits) for p in programs]
    total = sum(weights)
    rows = [p.continuation(start, k) for p in programs]
    scales = [getattr(p, "scale", 0) for p in programs]
    none = sum(w for w, r in zip(weights, rows) if r is None) / total
    out = []
    for j in range(k):
        at = {int(r[j]): 0.0 for r in rows if r is not None}
        for w, r, s in zip(weights, rows, scales):
            if r is None:
                continue
            if not s:
                at[r[j]] += w
                continue
            claim = 2.0 ** -point_bits(np.array([_float(v - r[j]) for v in at]), s)
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
