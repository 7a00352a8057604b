"""NumPy kernels of the operators on int64 blocks: values and where they are undefined.

A leaf module (it imports nothing from progsearch): the operator table in language.py names
each operator's kernels here, and the engine reads them from the table.  Three kinds:

* ``*_block(a, b)``: ``a op b`` elementwise (``b`` None for a unary operator); returns the
  values and a boolean array, True where the value is undefined (overflow, out of domain);
* ``*_const(a, c)``: the same with a Python int ``c`` for ``b`` (NumPy's scalar fast paths);
  the flags may be None (all defined);
* domain tests ``test(v)``: True where an operand value is in the operator's domain.

``SENT`` marks an unknown value (overflowed, or undefined at a point beyond the training
range); every kernel flags overflow exactly at the int64 boundary, never a wrapped value.
"""

from __future__ import annotations

import math

import numpy as np

I64 = np.int64
SENT = np.iinfo(I64).min  # "unknown": overflowed or undefined at a point that is not required
SAFE = 2.0**63 - 2.0**12  # a float product below this is a product below 2**63 exactly


# -- tables ------------------------------------------------------------------------------------
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


def _binomial_table(top: int = 1000, kmax: int = 62) -> np.ndarray:
    """C(x, k) for 0 <= x <= top, 0 <= k <= kmax, exact; SENT where it leaves int64."""
    table = np.full((top + 1, kmax + 1), SENT, dtype=I64)
    for x in range(top + 1):
        for k in range(kmax + 1):
            c = math.comb(x, k)
            if c < 2**63:
                table[x, k] = c
    return table


MAXBASE = _max_bases()
BINOMIAL = _binomial_table()
FACT = np.array([math.factorial(x) for x in range(21)], dtype=I64)  # 0! .. 20!


# -- block kernels -----------------------------------------------------------------------------
def add_block(a, b):
    """``a + b``.

    >>> [x.tolist() for x in add_block(np.array([1, 2**62]), np.array([2, 2**62]))]
    [[3, -9223372036854775808], [False, True]]
    """
    r = a + b
    return r, ((a ^ r) & (b ^ r)) < 0  # overflow: both operands' signs differ from the sum's


def sub_block(a, b):
    """``a - b``."""
    r = a - b
    return r, ((a ^ b) & (a ^ r)) < 0


def mul_block(a, b):
    """``a * b``, overflow exact: a product that may not fit is divided back."""
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


def floordiv_block(a, b):
    """``a // b``, undefined where b = 0."""
    bad = b == 0
    return np.floor_divide(a, np.where(bad, 1, b)), bad


def mod_block(a, b):
    """``a % b``, undefined where b = 0."""
    bad = b == 0
    return np.remainder(a, np.where(bad, 1, b)), bad


def pow_block(a, b):
    """``a ** b`` for exponents 0..63."""
    bad = (b < 0) | (b > 63)
    e = np.where(bad, 0, b)
    bad = bad | (np.abs(a) > MAXBASE[e]) | (a == SENT)  # |a|**e would leave int64
    return np.power(np.where(bad, 0, a), e), bad


def binomial_block(a, b):
    """``comb(a, b)`` for 0 <= a <= 1000 and 0 <= b <= 62 (from a table)."""
    bad = (a < 0) | (a >= BINOMIAL.shape[0]) | (b < 0) | (b >= BINOMIAL.shape[1])
    r = BINOMIAL[np.where(bad, 0, a), np.where(bad, 0, b)]
    return r, bad | (r == SENT)


def factorial_block(a, _b):
    """``factorial(a)`` for 0 <= a <= 20."""
    bad = (a < 0) | (a > 20)
    return FACT[np.where(bad, 0, a)], bad


# -- a block and a constant right operand --------------------------------------------------------
def floordiv_const(a, c):
    """``a // c``."""
    if c == 0:
        return a, np.ones(a.shape, dtype=bool)
    return np.floor_divide(a, c), None  # SENT // -1 overflows, but SENT rows are bad anyway


def mod_const(a, c):
    """``a % c``."""
    if c == 0:
        return a, np.ones(a.shape, dtype=bool)
    return a - np.floor_divide(a, c) * c, None  # a % c, with the scalar division's fast path


def pow_const(a, e):
    """``a ** e``."""
    if not 0 <= e <= 63:
        return a, np.ones(a.shape, dtype=bool)
    bad = np.abs(a) > MAXBASE[e]
    if bad.any():
        return np.power(np.where(bad, 0, a), e), bad
    return np.power(a, e), None  # (SENT rows are flagged by the caller)


def binomial_const(a, k):
    """``comb(a, k)``."""
    if not 0 <= k < BINOMIAL.shape[1]:
        return a, np.ones(a.shape, dtype=bool)
    bad = (a < 0) | (a >= BINOMIAL.shape[0])
    r = BINOMIAL[np.where(bad, 0, a), k]
    return r, bad | (r == SENT)


# -- operand domains -----------------------------------------------------------------------------
def nonzero(v):
    """A divisor or a modulus."""
    return v != 0


def exponent_range(v):
    """An exponent: 0..63."""
    return (v >= 0) & (v <= 63)


def binomial_top_range(v):
    """The top of a binomial: 0..1000 (the table's rows)."""
    return (v >= 0) & (v < BINOMIAL.shape[0])


def binomial_bottom_range(v):
    """The bottom of a binomial: 0..62 (the table's columns)."""
    return (v >= 0) & (v < BINOMIAL.shape[1])


def factorial_range(v):
    """The argument of a factorial: 0..20."""
    return (v >= 0) & (v <= 20)
