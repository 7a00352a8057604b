"""Number-theory kernels on int64 blocks: ``kernel(a, b) -> (r, bad)``, as in progsearch.kernels.

``r`` holds the values, ``bad`` marks where they are undefined or unknown (outside the domain,
past the sieve's bound); a bad position may hold anything, a good one is exact.  Unary kernels
take ``(a, _b)``.  Unknown inputs (``SENT``) are left to the caller.
"""

from __future__ import annotations

import numpy as np

from .sieve import PRIME_COUNT, SIEVE_LIMIT, tables

I64 = np.int64
SENT = np.iinfo(I64).min  # "unknown", as in progsearch.kernels
ROOT_MAX = 3_037_000_499  # isqrt(2**63 - 1): (ROOT_MAX + 1)**2 leaves int64


def _none(r: np.ndarray) -> np.ndarray:
    return np.zeros(r.shape, dtype=bool)


def _isqrt(a, _b):
    bad = a < 0
    x = np.where(bad, 0, a)
    r = np.minimum(np.sqrt(x.astype(float)).astype(I64), ROOT_MAX)  # within 1 of isqrt(x)
    r -= r * r > x
    r += (r < ROOT_MAX) & ((r + 1) * (r + 1) <= x)  # (r + 1)**2 fits int64 when r < ROOT_MAX
    return r, bad


def _issquare(a, _b):
    r, _ = _isqrt(a, None)
    return ((a >= 0) & (r * r == a)).astype(I64), _none(a)


def _gcd(a, b):
    return np.gcd(a, b), _none(a)  # gcd(0, 0) = 0; negative operands as math.gcd


def _bitand(a, b):
    return a & b, (a < 0) | (b < 0)  # nonnegative operands only: Python and NumPy agree there


def _bitor(a, b):
    return a | b, (a < 0) | (b < 0)


def _bitxor(a, b):
    return a ^ b, (a < 0) | (b < 0)


M1, M2, M4, H01 = (np.uint64(m) for m in (0x5555555555555555, 0x3333333333333333,
                                          0x0F0F0F0F0F0F0F0F, 0x0101010101010101))


def _swar_popcount(a: np.ndarray) -> np.ndarray:
    """Binary weight of each int64 >= 0, by bit arithmetic (NumPy < 2 has no bitwise_count)."""
    x = a.astype(np.uint64)
    x = x - ((x >> np.uint64(1)) & M1)  # two-bit counts
    x = (x & M2) + ((x >> np.uint64(2)) & M2)  # four-bit counts
    x = (x + (x >> np.uint64(4))) & M4  # byte counts
    return ((x * H01) >> np.uint64(56)).astype(I64)  # the top byte sums all bytes (mod 2**64)


_popcount = getattr(np, "bitwise_count", _swar_popcount)


def _bitcount(a, _b):
    bad = a < 0
    return _popcount(np.where(bad, 0, a)).astype(I64), bad


def _v2(a, _b):
    bad = a <= 0
    x = np.where(bad, 1, a)
    return _popcount((x & -x) - 1).astype(I64), bad  # x & -x = 2**v2(x)


_Q = np.arange(10_000, dtype=I64)
DIGITS4 = _Q % 10 + _Q // 10 % 10 + _Q // 100 % 10 + _Q // 1000  # digit sums of 0 .. 9999


def _digitsum(a, _b):
    bad = a < 0
    x = np.where(bad, 0, a)
    s = np.zeros(x.shape, dtype=I64)
    while x.any():  # at most 5 rounds of four digits
        x, d = np.divmod(x, 10_000)
        s += DIGITS4[d]
    return s, bad


def _lookup(table: str, a: np.ndarray, lo: int, hi: int, below=None):
    """``table[a]`` where lo <= a <= hi, ``below`` where a < lo (if given), bad elsewhere."""
    inside = (a >= lo) & (a <= hi)
    r = getattr(tables(), table)[np.where(inside, a, lo)].astype(I64)
    if below is None:
        return r, ~inside
    return np.where(a < lo, below, r), a > hi


def _isprime(a, _b):
    return _lookup("isprime", a, 0, SIEVE_LIMIT, below=0)


def _table_kernel(name: str):
    """The kernel of a table of the sieve defined from 1 to SIEVE_LIMIT (tau, sigma, ...)."""
    def kernel(a, _b):
        return _lookup(name, a, 1, SIEVE_LIMIT)

    kernel.__name__ = kernel.__qualname__ = f"_{name}"
    return kernel


TRI_MAX = 2**61  # trirow, tricol: k(k+1) stays in int64 up to here


def _trirow(a, _b):
    bad = (a < 0) | (a > TRI_MAX)
    x = np.where(bad, 0, a)
    k = ((np.sqrt(8.0 * x.astype(float) + 1.0) - 1.0) / 2.0).astype(I64)  # within 1 of the row
    k -= k * (k + 1) // 2 > x
    k += (k + 1) * (k + 2) // 2 <= x
    return k, bad


def _tricol(a, _b):
    k, bad = _trirow(a, None)
    return np.where(bad, 0, a - k * (k + 1) // 2), bad


TABLED = ("tau", "sigma", "phi", "omega", "bigomega", "rad", "core", "lpf", "gpf")


def _mobius(a, _b):
    w, bad = _lookup("omega", a, 1, SIEVE_LIMIT)
    big, _ = _lookup("bigomega", a, 1, SIEVE_LIMIT)
    return np.where(w == big, 1 - 2 * (w % 2), 0), bad


def _prime(a, _b):
    return _lookup("primes", a - 1, 0, PRIME_COUNT - 1)  # prime(n) = primes[n - 1]


def _primepi(a, _b):
    return _lookup("primepi", a, 0, SIEVE_LIMIT, below=0)


def _lt(a, b):
    return (a < b).astype(I64), _none(a)


def _le(a, b):
    return (a <= b).astype(I64), _none(a)


def _eq(a, b):
    return (a == b).astype(I64), _none(a)


def _ne(a, b):
    return (a != b).astype(I64), _none(a)


KERNELS = {"isqrt": _isqrt, "issquare": _issquare, "gcd": _gcd, "bitand": _bitand, "bitor": _bitor,
           "bitxor": _bitxor, "bitcount": _bitcount, "v2": _v2, "digitsum": _digitsum,
           "isprime": _isprime, **{name: _table_kernel(name) for name in TABLED}, "mobius": _mobius,
           "prime": _prime,
           "primepi": _primepi, "lt": _lt, "le": _le, "eq": _eq, "ne": _ne,
           "trirow": _trirow, "tricol": _tricol}


def _nonneg(v):
    return v >= 0


def _row_range(v):
    return (v >= 0) & (v <= TRI_MAX)


def _tabled(v):
    return (v >= 1) & (v <= SIEVE_LIMIT)


DOMAIN = {  # (operator, operand side): where that operand's values can give a good value
    ("isqrt", None): _nonneg, ("bitcount", None): _nonneg, ("digitsum", None): _nonneg,
    ("bitand", "left"): _nonneg, ("bitand", "right"): _nonneg,
    ("bitor", "left"): _nonneg, ("bitor", "right"): _nonneg,
    ("bitxor", "left"): _nonneg, ("bitxor", "right"): _nonneg,
    ("v2", None): lambda v: v >= 1, ("isprime", None): lambda v: v <= SIEVE_LIMIT,
    **{(name, None): _tabled for name in TABLED + ("mobius",)},
    ("prime", None): lambda v: (v >= 1) & (v <= PRIME_COUNT),
    ("primepi", None): lambda v: v <= SIEVE_LIMIT,
    ("trirow", None): _row_range, ("tricol", None): _row_range,
}
