"""progsearch.ntheory: every kernel and every exact function against slow, plain oracles."""

import math

import numpy as np
import pytest
import sympy

from progsearch.ntheory import (
    ARITY,
    COMMUTATIVE,
    DOMAIN,
    EXACT,
    FACTOR_LIMIT,
    ISPRIME_LIMIT,
    KERNELS,
    PRIME_COUNT,
    SENT,
    SIEVE_LIMIT,
    SYMPY,
    TRI_MAX,
    OutOfDomain,
    isprime,
    phi,
    sigma,
    tables,
    tau,
)
from progsearch.ntheory.vector import ROOT_MAX, _swar_popcount

L, TOP = SIEVE_LIMIT, 2**63 - 1


def _v2(x):
    e = 0
    while x % 2 == 0:
        x, e = x // 2, e + 1
    return e


def _nonneg(x, y=0):
    return x >= 0 and y >= 0


def _anything(x, y=0):
    return True


def _positive(x, y=0):
    return x >= 1


def _row(x):
    """The triangle row of x by bisection on k(k+1)/2 <= x (no square root)."""
    lo, hi = 0, 1
    while hi * (hi + 1) // 2 <= x:
        hi *= 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if mid * (mid + 1) // 2 <= x else (lo, mid)
    return lo


# name: (oracle on in-domain ints, domain, kernel bound, exact bound)
SPEC = {
    "isqrt": (math.isqrt, _nonneg, None, None),
    "issquare": (lambda x: int(x >= 0 and sympy.sqrt(x).is_integer), _anything, None, None),
    "gcd": (math.gcd, _anything, None, None),
    "bitand": (lambda x, y: x & y, _nonneg, None, None),
    "bitor": (lambda x, y: x | y, _nonneg, None, None),
    "bitxor": (lambda x, y: x ^ y, _nonneg, None, None),
    "bitcount": (lambda x: sum(map(int, bin(x)[2:])), _nonneg, None, None),
    "v2": (_v2, _positive, None, None),
    "digitsum": (lambda x: sum(int(c) for c in str(x)), _nonneg, None, None),
    "isprime": (lambda x: int(sympy.isprime(x)), _anything, L, ISPRIME_LIMIT - 1),
    "tau": (lambda x: int(sympy.divisor_count(x)), _positive, L, FACTOR_LIMIT),
    "sigma": (lambda x: int(sympy.divisor_sigma(x)), _positive, L, FACTOR_LIMIT),
    "phi": (lambda x: int(sympy.totient(x)), _positive, L, FACTOR_LIMIT),
    "omega": (lambda x: len(sympy.factorint(x)), _positive, L, FACTOR_LIMIT),
    "bigomega": (lambda x: sum(sympy.factorint(x).values()), _positive, L, FACTOR_LIMIT),
    "mobius": (lambda x: int(sympy.mobius(x)), _positive, L, FACTOR_LIMIT),
    "rad": (lambda x: math.prod(sympy.factorint(x)), _positive, L, FACTOR_LIMIT),
    "core": (lambda x: math.prod(p for p, e in sympy.factorint(x).items() if e % 2), _positive,
             L, FACTOR_LIMIT),
    "lpf": (lambda x: min(sympy.factorint(x), default=1), _positive, L, FACTOR_LIMIT),
    "gpf": (lambda x: max(sympy.factorint(x), default=1), _positive, L, FACTOR_LIMIT),
    "prime": (lambda x: int(sympy.prime(x)), _positive, PRIME_COUNT, PRIME_COUNT),
    "primepi": (lambda x: int(sympy.primepi(x)), _anything, L, L),
    "lt": (lambda x, y: int(x < y), _anything, None, None),
    "le": (lambda x, y: int(x <= y), _anything, None, None),
    "eq": (lambda x, y: int(x == y), _anything, None, None),
    "ne": (lambda x, y: int(x != y), _anything, None, None),
    "trirow": (_row, _nonneg, TRI_MAX, None),
    "tricol": (lambda x: x - _row(x) * (_row(x) + 1) // 2, _nonneg, TRI_MAX, None),
}


def _expected(name, args, bound_at):
    """The oracle's value, or None where the operator is undefined or past the bound."""
    oracle, domain, *bounds = SPEC[name]
    bound = bounds[bound_at]
    if not domain(*args) or (bound is not None and args[0] > bound):
        return None
    return oracle(*args)


def _values(rng, n=300):
    """Small, near the sieve's bounds, random below and above them, and int64 extremes."""
    edges = [TOP, -TOP, 2**62, 2**62 - 1, TRI_MAX, TRI_MAX + 1,
             *(k * (k + 1) // 2 - d for k in (2**31 - 7, 2**31 + 3, 10**9) for d in (0, 1)),
             10**18, 10**18 - 1, 999_999_999_999_999_999,
             ROOT_MAX**2 - 1, ROOT_MAX**2, L * L, 2**31 - 1]
    return np.concatenate([
        np.arange(-20, 40), np.arange(L - 30, L + 30), PRIME_COUNT + np.arange(-10, 10),
        rng.integers(-10, L + 1000, n), rng.integers(-TOP, TOP, n // 3, dtype=np.int64),
        rng.integers(0, 10**13, n // 3), np.array(edges, dtype=np.int64),
    ]).astype(np.int64)


def _operands(name, rng):
    x = _values(rng)
    if ARITY[name] == 1:
        return x, None
    y = np.concatenate([rng.permutation(x), x[:60]])  # shuffled pairs, and small with itself
    return np.concatenate([x, x[:60]]), y


def _check_kernel(name, a, b):
    r, bad = KERNELS[name](a, b)
    assert r.dtype == np.int64 and r.shape == a.shape and bad.shape == a.shape
    for i, x in enumerate(a.tolist()):
        args = (x,) if b is None else (x, int(b[i]))
        want = _expected(name, args, 0)
        assert bool(bad[i]) == (want is None), (name, args)
        assert bad[i] or int(r[i]) == want, (name, args, int(r[i]), want)


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_kernel_against_oracle(name):
    a, b = _operands(name, np.random.default_rng(11))
    _check_kernel(name, a, b)


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_exact_against_oracle_and_kernel(name):
    a, b = _operands(name, np.random.default_rng(12))
    r, bad = KERNELS[name](a, b)
    for i, x in enumerate(a.tolist()):
        args = (x,) if b is None else (x, int(b[i]))
        want = _expected(name, args, 1)
        if want is None:
            with pytest.raises(OutOfDomain, match=name):
                EXACT[name](*args)
        else:
            assert EXACT[name](*args) == want, (name, args)
        assert bad[i] or int(r[i]) == want  # the kernel agrees wherever it gives a value


def test_kernels_keep_block_shapes_and_survive_unknowns():
    rng = np.random.default_rng(13)
    for name, kernel in KERNELS.items():
        a = rng.integers(-5, 2000, (3, 7))
        a[1, 2] = SENT  # unknown: any value, but no crash
        r, bad = kernel(a, None if ARITY[name] == 1 else a[::-1])
        assert r.shape == bad.shape == (3, 7)
        if ARITY[name] == 1:
            good = ~bad
            assert [EXACT[name](int(x)) for x in a[good]] == r[good].tolist()


def test_isqrt_kernel_near_squares_up_to_int64_max():
    k = np.concatenate([np.random.default_rng(14).integers(0, ROOT_MAX + 1, 400),
                        [0, 1, 2, 2**31, ROOT_MAX - 1, ROOT_MAX]]).tolist()
    xs = [v for j in k for v in (j * j - 1, j * j, j * j + 1) if 0 <= v <= TOP] + [TOP, 2**62]
    r, bad = KERNELS["isqrt"](np.array(xs, dtype=np.int64), None)
    assert not bad.any() and r.tolist() == [math.isqrt(v) for v in xs]


def test_swar_popcount_matches_bin_count():
    x = np.concatenate([np.random.default_rng(15).integers(0, TOP, 500), [0, 1, TOP, 2**62]])
    assert _swar_popcount(x).tolist() == [sum(map(int, bin(v)[2:])) for v in x.tolist()]


def test_domain_prefilter_holds_wherever_a_kernel_gives_a_value():
    a, b = _operands("gcd", np.random.default_rng(16))
    for (name, side), test in DOMAIN.items():
        _, bad = KERNELS[name](a, None if ARITY[name] == 1 else b)
        operand = b if side == "right" else a
        assert test(operand)[~bad].all(), (name, side)


def test_tables_against_sympy_on_the_whole_low_range_and_small_memory():
    t = tables()
    assert t.limit == L and len(t.primes) == PRIME_COUNT == sympy.primepi(L)
    assert t.primes.tolist()[:1000] == list(sympy.primerange(2, 7920))
    assert [int(v) for v in t.tau[1:2000]] == [sympy.divisor_count(n) for n in range(1, 2000)]
    assert int(t.primepi[-1]) == PRIME_COUNT and t.primes[-1] < L < sympy.nextprime(t.primes[-1])
    assert sum(getattr(t, f).nbytes for f in ("isprime", "tau", "sigma", "phi", "primes",
                                              "primepi")) < 50 * 2**20
    with pytest.raises(ValueError, match="read-only"):
        t.tau[12] = 7


def test_exact_isprime_on_pseudoprimes_and_near_its_bound():
    spsp = [2047, 3215031751, 3825123056546413051, 318665857834031151167461]  # strong pseudoprimes
    others = [561, 2**61 - 1, 1_000_003 * (2**61 - 1)]  # Carmichael, prime, semiprime
    assert [isprime(n) for n in spsp + others] == [0, 0, 0, 0, 0, 1, 0]
    big = np.random.default_rng(17).integers(0, 2**62, 40).tolist()
    assert [isprime(n * 65_536 + 1) for n in big] == [int(sympy.isprime(n * 65_536 + 1))
                                                       for n in big]
    assert isprime(ISPRIME_LIMIT - 1) == int(sympy.isprime(ISPRIME_LIMIT - 1))
    with pytest.raises(OutOfDomain, match="isprime"):
        isprime(ISPRIME_LIMIT)


def test_exact_divisor_functions_past_the_sieve():
    xs = [999_983 * 999_979, FACTOR_LIMIT, 2**38 * 3, 999_999_999_989]  # the last is prime
    xs += np.random.default_rng(18).integers(L, FACTOR_LIMIT, 30).tolist()
    for x in xs:
        assert (tau(x), sigma(x), phi(x)) == (sympy.divisor_count(x), sympy.divisor_sigma(x),
                                              sympy.totient(x))
    for f in (tau, sigma, phi):
        with pytest.raises(OutOfDomain, match=f.__name__):
            f(FACTOR_LIMIT + 1)


def test_registries_agree_and_sympy_builders_evaluate():
    assert set(KERNELS) == set(EXACT) == set(SYMPY) == set(ARITY) >= COMMUTATIVE
    n, m = sympy.symbols("n m", integer=True)
    for name, build in SYMPY.items():
        args = (7, 3)[: ARITY[name]]
        assert build(*map(sympy.Integer, args)) == EXACT[name](*args), name
        syms = (n, m)[: ARITY[name]]
        assert build(*syms).free_symbols == set(syms), name
    assert str(SYMPY["phi"](n + 1)) == "phi(n + 1)" and SYMPY["tau"](sympy.Integer(0)).args == (0,)
