"""Number theory for the search: exact int64 kernels, exact Python functions, SymPy builders.

A leaf package (it imports nothing from progsearch).  Each operator ``name`` has
``KERNELS[name](a, b) -> (r, bad)`` on int64 blocks (as in progsearch.kernels: ``bad`` where
the value is undefined or unknown, never a wrong value), ``EXACT[name]`` on Python ints (raises
:class:`OutOfDomain` outside its domain or past its bound) and ``SYMPY[name]`` for display.

======== ===== ================ ============================ =================================
operator arity domain           bound (kernel / exact)       computed by
======== ===== ================ ============================ =================================
isqrt    1     x >= 0           all int64 / none             float sqrt, corrected exactly
issquare 1     all (x<0: 0)     none / none                  isqrt, squared back
gcd      2     all              none / none                  np.gcd / math.gcd
bitand   2     x, y >= 0        none / none                  & on nonnegatives
bitor    2     x, y >= 0        none / none                  | on nonnegatives
bitxor   2     x, y >= 0        none / none                  ^ on nonnegatives
bitcount 1     x >= 0           none / none                  popcount / int.bit_count
v2       1     x > 0            none / none                  popcount((x & -x) - 1)
digitsum 1     x >= 0           none / none                  divmod by 10**4 and a table
isprime  1     all (x<2: 0)     SIEVE_LIMIT / ISPRIME_LIMIT  sieve / Miller-Rabin (13 bases)
tau      1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
sigma    1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
phi      1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
omega    1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
bigomega 1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
mobius   1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
rad      1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
core     1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
lpf gpf  1     x >= 1           SIEVE_LIMIT / FACTOR_LIMIT   sieve / trial division
prime    1     x >= 1           PRIME_COUNT / PRIME_COUNT    the sieve's list of primes
primepi  1     all (x<2: 0)     SIEVE_LIMIT / SIEVE_LIMIT    the sieve's running count
lt le    2     all              none / none                  comparison, 0 or 1
eq ne    2     all              none / none                  comparison, 0 or 1
trirow   1     x >= 0           TRI_MAX = 2**61 / none       float sqrt, corrected exactly
tricol   1     x >= 0           TRI_MAX = 2**61 / none       x - trirow(x)*(trirow(x) + 1)/2
======== ===== ================ ============================ =================================

A bound is the largest argument served: past it the kernel says bad and the exact function
raises OutOfDomain (isprime: exact below ISPRIME_LIMIT, raises at or above it).
SIEVE_LIMIT = 2**20 (tables for 0 <= x <= 2**20, built on first use in about 0.3 s, 33 MB),
PRIME_COUNT = 82025 = primepi(2**20), FACTOR_LIMIT = 10**12, ISPRIME_LIMIT ~ 3.3e24.
"""

from .exact import (
    FACTOR_LIMIT,
    ISPRIME_LIMIT,
    OutOfDomain,
    PastBound,
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
from .sieve import PRIME_COUNT, SIEVE_LIMIT, Tables, tables
from .symbolic import SYMPY, sympy_function
from .table import ARITY, COMMUTATIVE, EXACT
from .vector import DOMAIN, KERNELS, SENT, TRI_MAX

__all__ = ["ARITY", "COMMUTATIVE", "DOMAIN", "EXACT", "FACTOR_LIMIT", "ISPRIME_LIMIT",
           "KERNELS", "PRIME_COUNT", "SENT", "SIEVE_LIMIT", "SYMPY", "TRI_MAX", "OutOfDomain",
           "PastBound", "Tables",
           "bigomega", "bitand", "bitcount", "bitor", "bitxor", "core", "digitsum", "eq", "gcd",
           "gpf", "isprime", "isqrt", "issquare", "le", "lpf", "lt", "mobius", "ne", "omega",
           "phi", "prime", "primepi", "rad", "sigma", "sympy_function", "tables", "tau", "tricol",
           "trirow", "v2"]
