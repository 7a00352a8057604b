"""The same operators on Python ints, exact within stated bounds, raising OutOfDomain outside.

Exact evaluation re-checks what the int64 kernels computed, so nothing here uses the kernels;
only ``prime`` and ``primepi`` read the sieve's tables (and raise past them).  The functions of
the prime factorization are in factors.py; the table of all of them (EXACT) in table.py.
"""

from __future__ import annotations

import math

from .sieve import PRIME_COUNT, SIEVE_LIMIT, tables

ISPRIME_LIMIT = 3_317_044_064_679_887_385_961_981  # Miller-Rabin, bases 2..41, exact below this
FACTOR_LIMIT = 10**12  # tau, sigma, phi factor by trial division up to this
_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)


class OutOfDomain(ArithmeticError):
    """A number-theory operator was applied outside its domain or past its stated bound."""


class PastBound(OutOfDomain):
    """The value exists but lies past the stated bound: unknown here, not undefined."""


def isqrt(x: int) -> int:
    """The integer square root floor(sqrt(x)), for x >= 0.

    >>> isqrt(99), isqrt(100), isqrt(2**64)
    (9, 10, 4294967296)
    """
    if x < 0:
        raise OutOfDomain("isqrt(x) needs x >= 0")
    return math.isqrt(x)


def issquare(x: int) -> int:
    """1 if x is a perfect square (0, 1, 4, 9, ...) else 0; 0 for x < 0.

    >>> [issquare(x) for x in (-4, 0, 2, 9, 10**40, 10**40 + 1)]
    [0, 1, 0, 1, 1, 0]
    """
    return int(x >= 0 and math.isqrt(x) ** 2 == x)


def gcd(x: int, y: int) -> int:
    """The greatest common divisor (nonnegative; gcd(0, 0) = 0).

    >>> gcd(12, -18), gcd(0, 0)
    (6, 0)
    """
    return math.gcd(x, y)


def _nonneg(name: str, *xs: int) -> None:
    if min(xs) < 0:
        raise OutOfDomain(f"{name} needs nonnegative operands")


def bitand(x: int, y: int) -> int:
    """Bitwise and of two nonnegative ints.

    >>> bitand(12, 10)
    8
    """
    _nonneg("bitand", x, y)
    return x & y


def bitor(x: int, y: int) -> int:
    """Bitwise or of two nonnegative ints.

    >>> bitor(12, 10)
    14
    """
    _nonneg("bitor", x, y)
    return x | y


def bitxor(x: int, y: int) -> int:
    """Bitwise exclusive or of two nonnegative ints.

    >>> bitxor(12, 10)
    6
    """
    _nonneg("bitxor", x, y)
    return x ^ y


def bitcount(x: int) -> int:
    """The number of ones in the binary expansion of x >= 0.

    >>> bitcount(0), bitcount(7), bitcount(2**70)
    (0, 3, 1)
    """
    _nonneg("bitcount", x)
    return x.bit_count()


def v2(x: int) -> int:
    """The 2-adic valuation of x > 0: the largest e with 2**e dividing x.

    >>> v2(1), v2(12), v2(3 * 2**100)
    (0, 2, 100)
    """
    if x <= 0:
        raise OutOfDomain("v2(x) needs x > 0")
    return (x & -x).bit_length() - 1


def digitsum(x: int) -> int:
    """The sum of the decimal digits of x >= 0 (any size: no str() digit limit).

    >>> digitsum(0), digitsum(1999), digitsum(10**5000)
    (0, 28, 1)
    """
    _nonneg("digitsum", x)
    total = 0
    while x:
        x, chunk = divmod(x, 10**18)
        total += sum(map(int, str(chunk)))
    return total


def trirow(x: int) -> int:
    """The row of entry x >= 0 of a triangle read by rows (row k holds entries k(k+1)/2 ..
    k(k+1)/2 + k): the k with k(k+1)/2 <= x < (k+1)(k+2)/2.

    >>> [trirow(x) for x in range(7)], trirow(10**40)
    ([0, 1, 1, 2, 2, 2, 3], 141421356237309504879)
    """
    _nonneg("trirow", x)
    return (math.isqrt(8 * x + 1) - 1) // 2


def tricol(x: int) -> int:
    """The column of entry x >= 0 of a triangle read by rows: x - k(k+1)/2, k = trirow(x).

    >>> [tricol(x) for x in range(7)]
    [0, 0, 1, 0, 1, 2, 0]
    """
    _nonneg("tricol", x)
    k = trirow(x)
    return x - k * (k + 1) // 2


def isprime(x: int) -> int:
    """1 if x is prime else 0 (0 for x < 2), exact for x < ISPRIME_LIMIT (about 3.3e24).

    >>> [isprime(x) for x in (-7, 0, 1, 2, 9, 97)], isprime(2**61 - 1)
    ([0, 0, 0, 1, 0, 1], 1)
    """
    if x >= ISPRIME_LIMIT:
        raise PastBound("isprime(x) needs x < ISPRIME_LIMIT")
    if x < 2:
        return 0
    for p in _BASES:
        if x % p == 0:
            return int(x == p)
    s = v2(x - 1)
    d = (x - 1) >> s  # x - 1 = d * 2**s, d odd
    for base in _BASES:  # deterministic Miller-Rabin with these bases below ISPRIME_LIMIT
        y = pow(base, d, x)
        if y in (1, x - 1):
            continue
        for _ in range(s - 1):
            y = y * y % x
            if y == x - 1:
                break
        else:
            return 0  # base is a witness: x is composite
    return 1


def prime(x: int) -> int:
    """The x-th prime (prime(1) = 2), for 1 <= x <= PRIME_COUNT (the primes up to SIEVE_LIMIT).

    >>> prime(1), prime(10), prime(PRIME_COUNT)
    (2, 29, 1048573)
    """
    if x > PRIME_COUNT:
        raise PastBound("prime(x) needs x <= PRIME_COUNT")
    if x < 1:
        raise OutOfDomain("prime(x) needs x >= 1")
    return int(tables().primes[x - 1])


def primepi(x: int) -> int:
    """The number of primes <= x (0 for x < 2), for x <= SIEVE_LIMIT.

    >>> primepi(-5), primepi(10), primepi(SIEVE_LIMIT)
    (0, 4, 82025)
    """
    if x > SIEVE_LIMIT:
        raise PastBound("primepi(x) needs x <= SIEVE_LIMIT")
    return int(tables().primepi[max(x, 0)])


def lt(x: int, y: int) -> int:
    """1 if x < y else 0.

    >>> lt(2, 3), lt(3, 3)
    (1, 0)
    """
    return int(x < y)


def le(x: int, y: int) -> int:
    """1 if x <= y else 0.

    >>> le(3, 3), le(4, 3)
    (1, 0)
    """
    return int(x <= y)


def eq(x: int, y: int) -> int:
    """1 if x == y else 0.

    >>> eq(3, 3), eq(3, 4)
    (1, 0)
    """
    return int(x == y)


def ne(x: int, y: int) -> int:
    """1 if x != y else 0.

    >>> ne(3, 4), ne(3, 3)
    (1, 0)
    """
    return int(x != y)
