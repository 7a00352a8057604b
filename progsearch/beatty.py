"""Beatty formulas found by interval arithmetic: ``a(n) = (A*n + isqrt(Q*n*n) + C) // D``.

That is ``floor(n*r + C/D)`` with ``r = (A + sqrt(Q))/D``, a quadratic irrational: floor(n*phi)
is ``(n + isqrt(5*n*n)) // 2``, floor(n*sqrt(2)) is ``isqrt(2*n*n)``.  Such a formula has ten
or more nodes, past the sizes the expression engine reaches in its time, but the constants are
found directly: for fixed ``Q``, ``D`` and ``A`` the terms hold for exactly the ``C`` with
``D*a(n) <= A*n + isqrt(Q*n*n) + C < D*a(n) + D`` at every n, an intersection of intervals.
The finder scans a small grid of ``(Q, D, A)`` in whole NumPy arrays, takes the ``C`` nearest
0 in each nonempty intersection and returns the shortest formulas, re-checked exactly.  ``Q`` is
squarefree: ``(A + sqrt(Q))/D`` is then one canonical name of its number.  With ``Q = 18``,
``(n + isqrt(18*n*n))//2`` would be a shorter formula than floor(n*phi**2) =
``(isqrt(5*n*n) + 3*n)//2`` that agrees with it on 15 terms and not on 25 (measured on the
public benchmark: 2 false predictions, now both solved).

They are ordinary formulas: the same code and bits as the engine's (forms.Formula), found by
another route, as the P-recursive finder finds loops by linear algebra.
"""

from __future__ import annotations

import math

import numpy as np

from .budget import Budget
from .engine import Stop
from .forms import Formula, Program
from .language import OP_BY_NAME, Apply, Const, Expr, Var
from .ntheory import core

Q_MAX, D_MAX, A_MAX = 30, 4, 6  # the grid: sqrt(Q) for Q squarefree <= Q_MAX, D <= D_MAX, |A|
MIN_TERMS = 6  # fewer terms pin nothing down
MAX_TERM = 2**40  # Beatty sequences grow like n: larger terms are not theirs
KEEP = 8  # the shortest formulas returned
_N = Var("n")


def _apply(name: str, *args: Expr) -> Apply:
    return Apply(OP_BY_NAME[name], args)


def beatty_expr(a: int, q: int, c: int, d: int) -> Expr:
    """The expression ``(a*n + isqrt(q*n*n) + c) // d``, with no part that is 0 or 1.

    >>> beatty_expr(1, 5, 0, 2).python(), beatty_expr(0, 2, -1, 1).python()
    ('(isqrt(5*n*n) + n)//2', 'isqrt(2*n*n) - 1')
    """
    e: Expr = _apply("isqrt", _apply("mul", _apply("mul", Const(q), _N), _N))
    if a:
        term = _N if abs(a) == 1 else _apply("mul", Const(abs(a)), _N)
        e = _apply("add" if a > 0 else "sub", e, term)
    if c:
        e = _apply("add" if c > 0 else "sub", e, Const(abs(c)))
    return e if d == 1 else _apply("floordiv", e, Const(d))


def _grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    qs = np.array([q for q in range(2, Q_MAX + 1) if core(q) == q])
    return qs, np.arange(1, D_MAX + 1), np.arange(-A_MAX, A_MAX + 1)


def beatty_fits(terms: list[int], offset: int) -> list[tuple[int, int, int, int]]:
    """Every ``(A, Q, C, D)`` of the grid (C nearest 0) whose formula gives the terms.

    >>> (1, 5, 0, 2) in beatty_fits([0, 1, 3, 4, 6, 8, 9, 11], 0)  # floor(n*phi)
    True
    """
    qs, ds, as_ = _grid()
    n = np.arange(offset, offset + len(terms), dtype=np.int64)
    t = np.array(terms, dtype=np.int64)
    root = np.array([[math.isqrt(int(q) * int(k) * int(k)) for k in n] for q in qs])
    # x[q, d, a, n] = D*a(n) - A*n - isqrt(Q n^2): C must be in [max x, min x + D - 1]
    x = (ds[None, :, None, None] * t - as_[None, None, :, None] * n) - root[:, None, None, :]
    lo, hi = x.max(axis=-1), x.min(axis=-1) + ds[None, :, None] - 1
    out = []
    for iq, idd, ia in zip(*np.nonzero(lo <= hi)):
        c = int(np.clip(0, lo[iq, idd, ia], hi[iq, idd, ia]))
        out.append((int(as_[ia]), int(qs[iq]), c, int(ds[idd])))
    return out


def find_beatty(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """The shortest Beatty formulas that reproduce the terms (none for too few, too large, or
    an arithmetic progression: floor(n*r + s) with r irrational is one only by coincidence, and
    the progression's own formula is shorter).

    >>> find_beatty([0, 1, 2, 4, 5, 7, 8, 9, 11, 12], 0, Budget(1.0, 8, 1e9))[0]
    Formula(isqrt(2*n*n), 32.7 bits)
    """
    if len(terms) < MIN_TERMS or offset < 0 or max(abs(v) for v in terms) > MAX_TERM:
        return []
    if len({b - a for a, b in zip(terms, terms[1:])}) == 1:
        return []
    try:
        budget.check()
    except Stop as stop:  # the time is up: the finders after this one are skipped alike
        budget.stopped(stop.reason)
        return []
    progs = [Formula(beatty_expr(*fit), offset) for fit in beatty_fits(terms, offset)]
    progs.sort(key=lambda p: (p.bits, p.display()))
    return [p for p in progs[:KEEP] if p.fits(terms)]
