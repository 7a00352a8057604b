"""The functions of the prime factorization on Python ints, by trial division up to FACTOR_LIMIT.

Each raises OutOfDomain below 1 and PastBound above FACTOR_LIMIT (exact.py).
"""

from __future__ import annotations

import itertools
import math

from .exact import FACTOR_LIMIT, OutOfDomain, PastBound, isprime


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


def omega(x: int) -> int:
    """The number of distinct prime factors of x, for 1 <= x <= FACTOR_LIMIT.

    >>> omega(1), omega(12), omega(30)
    (0, 2, 3)
    """
    return len(_factor("omega", x))


def bigomega(x: int) -> int:
    """The number of prime factors of x counted with multiplicity, for 1 <= x <= FACTOR_LIMIT.

    >>> bigomega(1), bigomega(12), bigomega(2**39)
    (0, 3, 39)
    """
    return sum(e for _, e in _factor("bigomega", x))


def mobius(x: int) -> int:
    """Moebius: 0 if a square > 1 divides x, else (-1)**omega(x); for 1 <= x <= FACTOR_LIMIT.

    >>> mobius(1), mobius(6), mobius(12), mobius(30)
    (1, 1, 0, -1)
    """
    factors = _factor("mobius", x)
    return 0 if any(e > 1 for _, e in factors) else (-1) ** len(factors)


def rad(x: int) -> int:
    """The product of the distinct primes dividing x (rad(1) = 1), for 1 <= x <= FACTOR_LIMIT.

    >>> rad(1), rad(12), rad(1000)
    (1, 6, 10)
    """
    return math.prod(p for p, _ in _factor("rad", x))


def core(x: int) -> int:
    """The squarefree part of x: x divided by its largest square divisor; 1 <= x <= FACTOR_LIMIT.

    >>> core(1), core(12), core(72)
    (1, 3, 2)
    """
    return math.prod(p for p, e in _factor("core", x) if e % 2)


def lpf(x: int) -> int:
    """The least prime factor of x (lpf(1) = 1), for 1 <= x <= FACTOR_LIMIT.

    >>> lpf(1), lpf(12), lpf(35)
    (1, 2, 5)
    """
    return min((p for p, _ in _factor("lpf", x)), default=1)


def gpf(x: int) -> int:
    """The greatest prime factor of x (gpf(1) = 1), for 1 <= x <= FACTOR_LIMIT.

    >>> gpf(1), gpf(12), gpf(35)
    (1, 3, 7)
    """
    return max((p for p, _ in _factor("gpf", x)), default=1)
