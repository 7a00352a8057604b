"""One sieve up to ``SIEVE_LIMIT``: isprime, tau, sigma, phi, the prime factors' tables, primes
and primepi.

Built on first use (``tables()``) in about 0.3 s and kept in about 33 MB (each table in the
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
    n = 0), ``primepi[n]`` for 0 <= n <= limit, and ``primes`` (prime(k) = primes[k - 1]);
    of the prime factors of n: ``omega`` (distinct), ``bigomega`` (with multiplicity), ``rad``
    (their product), ``core`` (the squarefree part), ``lpf`` and ``gpf`` (least and greatest;
    1 at n = 1), all 0 at n = 0."""

    limit: int
    isprime: np.ndarray
    tau: np.ndarray
    sigma: np.ndarray
    phi: np.ndarray
    primes: np.ndarray
    primepi: np.ndarray
    omega: np.ndarray
    bigomega: np.ndarray
    rad: np.ndarray
    core: np.ndarray
    lpf: np.ndarray
    gpf: np.ndarray

    def __post_init__(self) -> None:
        for table in self._arrays():
            table.flags.writeable = False  # shared by every caller: read only

    def _arrays(self) -> list[np.ndarray]:
        return [self.isprime, self.tau, self.sigma, self.phi, self.primes, self.primepi,
                self.omega, self.bigomega, self.rad, self.core, self.lpf, self.gpf]

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


def _strip(p: int, rest: np.ndarray, t: dict[str, np.ndarray]) -> None:
    """Divide every multiple of p in ``rest`` by its power p**e, and put p's part in each table
    of ``t``: tau (e + 1), sigma ((p**(e+1) - 1) / (p - 1)), phi (p**(e-1) * (p - 1)), omega
    (1), bigomega (e), rad (p), core (p when e is odd), lpf (p if none yet), gpf (p)."""
    e = np.zeros(len(rest[::p]), dtype=I32)  # e[i] = the exponent of p in i*p (i >= 1)
    step = 1
    while step <= len(e):
        e[::step] += 1
        step *= p
    e[0] = 1  # n = 0: a dummy exponent; entries at 0 are set apart
    pe = np.power(I32(p), e)  # p**e <= SIEVE_LIMIT, so p * p**e < 2**31
    t["tau"][::p] *= e + 1
    t["sigma"][::p] *= (pe * p - 1) // (p - 1)
    t["phi"][::p] *= pe // p * (p - 1)
    t["omega"][::p] += 1
    t["bigomega"][::p] += e
    t["rad"][::p] *= p
    t["core"][::p] *= np.where(e % 2 == 1, p, 1).astype(I32)
    lpf = t["lpf"][::p]
    lpf[lpf == 1] = p  # primes come in increasing order: the first one to come is the least
    t["gpf"][::p] = p  # ... and the last the greatest
    rest[::p] //= pe


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    """The sieve's tables up to ``SIEVE_LIMIT``, built once on first use.

    >>> t = tables(); [int(t.tau[12]), int(t.sigma[12]), int(t.phi[12]), int(t.primepi[10])]
    [6, 28, 4, 4]
    >>> t.primes[:5].tolist(), t
    ([2, 3, 5, 7, 11], Tables(limit=1048576, primes=82025, 33 MB))
    """
    n = SIEVE_LIMIT
    rest = np.arange(n + 1, dtype=I32)  # n with its small prime factors divided out
    names = ("tau", "sigma", "phi", "omega", "bigomega", "rad", "core", "lpf", "gpf")
    t = {name: np.ones(n + 1, dtype=I32) for name in names}  # all below 2**31
    t["omega"][:] = t["bigomega"][:] = 0
    for p in _small_primes(int(n**0.5)):
        _strip(p, rest, t)
    big = rest > 1  # what is left is 1 or one prime q above sqrt(SIEVE_LIMIT)
    q = np.where(big, rest, 1)
    t["tau"] *= 1 + big  # tau *= 2, sigma *= q + 1, phi *= q - 1 where there is such a q
    t["sigma"] *= np.where(big, rest + 1, 1)
    t["phi"] *= np.where(big, rest - 1, 1)
    t["omega"] += big
    t["bigomega"] += big
    t["rad"] *= q
    t["core"] *= q
    t["lpf"] = np.where(t["lpf"] == 1, q, t["lpf"])
    t["gpf"] = np.where(big, q, t["gpf"])
    for table in t.values():
        table[0] = 0  # undefined at 0: the kernels flag it
    isprime = t["tau"] == 2
    primes = np.flatnonzero(isprime)
    assert len(primes) == PRIME_COUNT
    small = {name: t[name].astype(np.int8) for name in ("omega", "bigomega")}
    return Tables(n, isprime.astype(np.int8), t["tau"].astype(np.int16), t["sigma"], t["phi"],
                  primes.astype(I32), np.cumsum(isprime, dtype=I32), small["omega"],
                  small["bigomega"], t["rad"], t["core"], t["lpf"], t["gpf"])
