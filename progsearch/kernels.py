"""Operator kernels on int64 blocks: values and where they are undefined, never a wrapped value.

``SENT`` marks an unknown value (overflowed or undefined at a point beyond the training range);
every kernel flags overflow exactly at the int64 boundary.
"""

from __future__ import annotations

import math

import numpy as np

I64 = np.int64
SENT = np.iinfo(I64).min  # "unknown": overflowed or undefined at a point that is not required
SAFE = 2.0**63 - 2.0**12  # a float product below this is a product below 2**63 exactly


def _domain_rows(name: str, side: str | None, vals: np.ndarray, req: np.ndarray) -> np.ndarray:
    """Operands that can be valid for an operator at every required point (a cheap prefilter)."""
    test = DOMAIN.get((name, side))
    if test is None:
        return np.ones(len(vals), dtype=bool)
    return test(vals[:, req]).all(axis=1)


def _evaluate(name: str, a: np.ndarray, b: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Values of ``a op b`` and where they are undefined (overflow, domain, unknown input)."""
    unknown = a == SENT if b is None else (a == SENT) | (b == SENT)
    with np.errstate(all="ignore"):
        r, bad = KERNELS[name](a, b)
    return r, bad | unknown | (r == SENT)


def _evaluate_row(name: str, a: np.ndarray, b: np.ndarray):
    """Values of ``a op b`` for a block ``a`` and one operand row ``b`` (bad None: all defined).

    A constant ``b`` (the common case: a divisor, a modulus, an exponent) takes NumPy's scalar
    fast paths.  Unknown values in ``a`` are left to the caller (which knows where they are).
    """
    c = int(b[0])
    if c != SENT and (b == c).all():
        with np.errstate(all="ignore"):
            r, bad = SCALAR[name](a, c)
    else:
        with np.errstate(all="ignore"):
            r, bad = KERNELS[name](a, b)
        bad = bad | (b == SENT) | (r == SENT)
    return r, (bad if bad is not None and bad.any() else None)


def _divmod_row(a: np.ndarray, b: np.ndarray) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """``_evaluate_row`` of floordiv and of mod at once: one division for both.

    >>> [v.tolist() for v, _ in _divmod_row(np.array([[7, -7]]), np.array([2, 2]))]
    [[[3, -4]], [[1, 1]]]
    """
    c = int(b[0])
    if c == SENT or c == 0 or not (b == c).all():
        return [_evaluate_row("floordiv", a, b), _evaluate_row("mod", a, b)]
    with np.errstate(all="ignore"):  # SENT // -1 overflows; SENT rows are flagged by the caller
        q = np.floor_divide(a, c)
    return [(q, None), (a - q * c, None)]


def _floordiv_c(a, c):
    if c == 0:
        return a, np.ones(a.shape, dtype=bool)
    return np.floor_divide(a, c), None  # SENT // -1 overflows, but SENT rows are bad anyway


def _mod_c(a, c):
    if c == 0:
        return a, np.ones(a.shape, dtype=bool)
    return a - np.floor_divide(a, c) * c, None  # a % c, with the scalar division's fast path


def _pow_c(a, e):
    if not 0 <= e <= 63:
        return a, np.ones(a.shape, dtype=bool)
    bad = np.abs(a) > MAXBASE[e]
    if bad.any():
        return np.power(np.where(bad, 0, a), e), bad
    return np.power(a, e), None  # (SENT rows are flagged by the caller)


def _binomial_c(a, k):
    if not 0 <= k < BINOMIAL.shape[1]:
        return a, np.ones(a.shape, dtype=bool)
    bad = (a < 0) | (a >= BINOMIAL.shape[0])
    r = BINOMIAL[np.where(bad, 0, a), k]
    return r, bad | (r == SENT)


def _add(a, b):
    r = a + b
    return r, ((a ^ r) & (b ^ r)) < 0  # overflow: both operands' signs differ from the sum's


def _sub(a, b):
    r = a - b
    return r, ((a ^ b) & (a ^ r)) < 0


def _mul(a, b):
    r = a * b
    bad = np.abs(a.astype(float) * b.astype(float)) >= SAFE  # surely fine below; check the rest
    if bad.any():
        a_, b_ = np.broadcast_to(a, r.shape), np.broadcast_to(b, r.shape)
        idx = np.nonzero(bad)
        x, y, z = a_[idx], b_[idx], r[idx]
        safe_x = np.where(x == 0, 1, x)
        fits = (x == 0) | ((z // safe_x == y) & ~((x == -1) & (y == SENT)) & (z != SENT))
        bad[idx] = ~fits  # exact: a*b fits when dividing the wrapped product gives b back
    return r, bad


def _floordiv(a, b):
    bad = b == 0
    return np.floor_divide(a, np.where(bad, 1, b)), bad


def _mod(a, b):
    bad = b == 0
    return np.remainder(a, np.where(bad, 1, b)), bad


def _max_bases() -> np.ndarray:
    """MAXBASE[e] = the largest x with x**e < 2**63 (exact integer roots)."""
    out = [2**63 - 1, 2**63 - 1]
    for e in range(2, 64):
        x = round(2 ** (63 / e))
        while x**e >= 2**63:
            x -= 1
        while (x + 1) ** e < 2**63:
            x += 1
        out.append(x)
    return np.array(out, dtype=I64)


MAXBASE = _max_bases()


def _pow(a, b):
    bad = (b < 0) | (b > 63)
    e = np.where(bad, 0, b)
    bad = bad | (np.abs(a) > MAXBASE[e]) | (a == SENT)  # |a|**e would leave int64
    return np.power(np.where(bad, 0, a), e), bad


def _binomial_table(top: int = 1000, kmax: int = 62) -> np.ndarray:
    """C(x, k) for 0 <= x <= top, 0 <= k <= kmax, exact; SENT where it leaves int64."""
    table = np.full((top + 1, kmax + 1), SENT, dtype=I64)
    for x in range(top + 1):
        for k in range(kmax + 1):
            c = math.comb(x, k)
            if c < 2**63:
                table[x, k] = c
    return table


BINOMIAL = _binomial_table()


def _binomial(a, b):
    bad = (a < 0) | (a >= BINOMIAL.shape[0]) | (b < 0) | (b >= BINOMIAL.shape[1])
    r = BINOMIAL[np.where(bad, 0, a), np.where(bad, 0, b)]
    return r, bad | (r == SENT)


FACT = np.array([math.factorial(x) for x in range(21)], dtype=I64)  # 0! .. 20!


def _factorial(a, _b):
    bad = (a < 0) | (a > 20)
    return FACT[np.where(bad, 0, a)], bad


DOMAIN = {  # (operator, operand side): where that operand's values are in the domain
    ("floordiv", "right"): lambda v: v != 0,
    ("mod", "right"): lambda v: v != 0,
    ("pow", "right"): lambda v: (v >= 0) & (v <= 63),
    ("binomial", "left"): lambda v: (v >= 0) & (v < BINOMIAL.shape[0]),
    ("binomial", "right"): lambda v: (v >= 0) & (v < BINOMIAL.shape[1]),
    ("factorial", None): lambda v: (v >= 0) & (v <= 20),
}
SCALAR = {"floordiv": _floordiv_c, "mod": _mod_c, "pow": _pow_c, "binomial": _binomial_c}
KERNELS = {"add": _add, "sub": _sub, "mul": _mul, "floordiv": _floordiv, "mod": _mod,
           "pow": _pow, "binomial": _binomial, "factorial": _factorial}
