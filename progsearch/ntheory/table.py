"""The table of the exact operators by name (EXACT), with their arity and which commute."""

from __future__ import annotations

from .exact import (
    bitand,
    bitcount,
    bitor,
    bitxor,
    digitsum,
    eq,
    gcd,
    isprime,
    isqrt,
    issquare,
    le,
    lt,
    ne,
    prime,
    primepi,
    tricol,
    trirow,
    v2,
)
from .factors import bigomega, core, gpf, lpf, mobius, omega, phi, rad, sigma, tau

EXACT = {"isqrt": isqrt, "issquare": issquare, "gcd": gcd, "bitand": bitand, "bitor": bitor,
         "bitxor": bitxor, "bitcount": bitcount, "v2": v2, "digitsum": digitsum,
         "isprime": isprime, "tau": tau, "sigma": sigma, "phi": phi, "omega": omega,
         "bigomega": bigomega, "mobius": mobius, "rad": rad, "core": core, "lpf": lpf, "gpf": gpf,
         "prime": prime, "primepi": primepi, "lt": lt, "le": le, "eq": eq, "ne": ne,
         "trirow": trirow, "tricol": tricol}
ARITY = {name: 2 if name in ("gcd", "bitand", "bitor", "bitxor", "lt", "le", "eq", "ne") else 1
         for name in EXACT}
COMMUTATIVE = frozenset({"gcd", "bitand", "bitor", "bitxor", "eq", "ne"})
