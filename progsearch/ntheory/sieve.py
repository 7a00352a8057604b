"""One sieve up to ``SIEVE_LIMIT``: the tables of isprime, tau, sigma, phi, primes and primepi.

Built on first use (``tables()``) in about 0.1 s and kept in about 15 MB (each table in the
smallest integer type that holds it); each is indexed by n for 0 <= n <= SIEVE_LIMIT.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

I32 = np.int32  # the tables' values are all below 2**31
SIEVE_LIMIT = 2**20  # every table covers 0 <= n <= SIEVE_LIMIT
PRIME_COUNT = 82_025  # primepi(SIEVE_LIMIT): prime(n) is tabled for 1 <= n <= PRIME_COUNT


@dataclass(frozen=True, repr=False)
class Tables:
    """The sieve's tables: ``isprime[n]`` (0/1), ``tau[n]``, ``sigma[n]``, ``phi[n]`` (0 at
    n = 0), ``primepi[n]`` for 0 <= n <= limit, and ``primes`` (prime(k) = primes[k - 1])."""

    limit: int
    isprime: np.ndarray
    tau: np.ndarray
    sigma: np.ndarray
    phi: np.ndarray
    primes: np.ndarray
    primepi: np.ndarray

    def __post_init__(self) -> None:
        for table in self._arrays():
            table.flags.writeable = False  # shared by every caller: read only

    def _arrays(self) -> list[np.ndarray]:
        return [self.isprime, self.tau, self.sigma, self.phi, self.primes, self.primepi]

    def __repr__(self) -> str:
        mb = sum(table.nbytes for table in self._arrays()) / 2**20
        return f"Tables(limit={self.limit}, primes={len(self.primes)}, {mb:.0f} MB)"


def _small_primes(m: int) -> list[int]:
    """The primes p <= m (plain Eratosthenes; m is about sqrt(SIEVE_LIMIT))."""
    flags = bytearray([1]) * (m + 1)
    flags[:2] = b"\0\0"
    for p in range(2, int(m**0.5) + 1):
        if flags[p]:
            flags[p * p :: p] = bytearray(len(range(p * p, m + 1, p)))
    return [p for p in range(m + 1) if flags[p]]


def _strip(p: int, rest: np.ndarray, tau, sigma, phi) -> None:
    """Divide every multiple of p in ``rest`` by its power p**e, multiplying in its part of
    tau (e + 1), sigma ((p**(e+1) - 1) / (p - 1)) and phi (p**(e-1) * (p - 1))."""
    e = np.zeros(len(rest[::p]), dtype=I32)  # e[i] = the exponent of p in i*p (i >= 1)
    step = 1
    while step <= len(e):
        e[::step] += 1
        step *= p
    e[0] = 1  # n = 0: a dummy exponent; entries at 0 are set apart
    pe = np.power(I32(p), e)  # p**e <= SIEVE_LIMIT, so p * p**e < 2**31
    tau[::p] *= e + 1
    sigma[::p] *= (pe * p - 1) // (p - 1)
    phi[::p] *= pe // p * (p - 1)
    rest[::p] //= pe


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    """The sieve's tables up to ``SIEVE_LIMIT``, built once on first use.

    >>> t = tables(); [int(t.tau[12]), int(t.sigma[12]), int(t.phi[12]), int(t.primepi[10])]
    [6, 28, 4, 4]
    >>> t.primes[:5].tolist(), t
    ([2, 3, 5, 7, 11], Tables(limit=1048576, primes=82025, 15 MB))
    """
    n = SIEVE_LIMIT
    rest = np.arange(n + 1, dtype=I32)  # n with its small prime factors divided out
    tau, sigma, phi = (np.ones(n + 1, dtype=I32) for _ in range(3))  # all below 2**31
    for p in _small_primes(int(n**0.5)):
        _strip(p, rest, tau, sigma, phi)
    big = rest > 1  # what is left is 1 or one prime q above sqrt(SIEVE_LIMIT)
    tau *= 1 + big  # tau *= 2, sigma *= q + 1, phi *= q - 1 where there is such a q
    sigma *= np.where(big, rest + 1, 1)
    phi *= np.where(big, rest - 1, 1)
    tau[0] = sigma[0] = phi[0] = 0  # undefined at 0: the kernels flag it
    isprime = tau == 2
    primes = np.flatnonzero(isprime)
    assert len(primes) == PRIME_COUNT
    return Tables(n, isprime.astype(np.int8), tau.astype(np.int16), sigma, phi,
                  primes.astype(I32), np.cumsum(isprime, dtype=I32))
