"""The same operators on Python ints, exact within stated bounds, raising OutOfDomain outside.

Exact evaluation re-checks what the int64 kernels computed, so nothing here uses the kernels;
only ``prime`` and ``primepi`` read the sieve's tables (and raise past them).
"""

from __future__ import annotations

import itertools
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


def _trial_divisors():
    """2, 3, then the numbers 6k - 1 and 6k + 1: every prime is among them."""
    return itertools.chain((2, 3), (k + j for k in itertools.count(6, 6) for j in (-1, 1)))


def _factor(name: str, x: int) -> list[tuple[int, int]]:
    """The prime factorization of 1 <= x <= FACTOR_LIMIT as (prime, exponent) pairs."""
    if x > FACTOR_LIMIT:
        raise PastBound(f"{name}(x) needs x <= FACTOR_LIMIT")
    if x < 1:
        raise OutOfDomain(f"{name}(x) needs x >= 1")
    out, rest, divisors = [], x, _trial_divisors()
    while rest > 1 and not isprime(rest):
        d = next(d for d in divisors if rest % d == 0)  # the least prime factor of rest
        e = 0
        while rest % d == 0:
            rest, e = rest // d, e + 1
        out.append((d, e))
    return out + [(rest, 1)] * (rest > 1)


def tau(x: int) -> int:
    """The number of divisors of x, for 1 <= x <= FACTOR_LIMIT.

    >>> tau(1), tau(12), tau(2**39)
    (1, 6, 40)
    """
    return math.prod(e + 1 for _, e in _factor("tau", x))


def sigma(x: int) -> int:
    """The sum of the divisors of x, for 1 <= x <= FACTOR_LIMIT.

    >>> sigma(1), sigma(12), sigma(999983)
    (1, 28, 999984)
    """
    return math.prod((p ** (e + 1) - 1) // (p - 1) for p, e in _factor("sigma", x))


def phi(x: int) -> int:
    """Euler's totient of x (the count of 1 <= k <= x prime to x), for 1 <= x <= FACTOR_LIMIT.

    >>> phi(1), phi(12), phi(10**12)
    (1, 4, 400000000000)
    """
    return math.prod(p ** (e - 1) * (p - 1) for p, e in _factor("phi", x))


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


EXACT = {"isqrt": isqrt, "gcd": gcd, "bitand": bitand, "bitor": bitor, "bitxor": bitxor,
         "bitcount": bitcount, "v2": v2, "digitsum": digitsum, "isprime": isprime, "tau": tau,
         "sigma": sigma, "phi": phi, "prime": prime, "primepi": primepi, "lt": lt, "le": le,
         "eq": eq, "ne": ne}
ARITY = {name: 2 if name in ("gcd", "bitand", "bitor", "bitxor", "lt", "le", "eq", "ne") else 1
         for name in EXACT}
COMMUTATIVE = frozenset({"gcd", "bitand", "bitor", "bitxor", "eq", "ne"})
