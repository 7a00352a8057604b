"""The library operators: number theory (progsearch.ntheory) as specs for the operator table.

language.py turns each :class:`LibrarySpec` into a row of ``OPS`` (its exact function then
raises ``Invalid`` outside its domain).  A library operator is priced by the two-level code of
forms.expr_bits: the escape symbol ``lib`` at the node, then log2(len(LIBRARY)) bits naming it.
Its ``max_nodes`` caps say where the search tries it (operand sizes), which keeps the default
search fast; the loop engine does not try them (enumeration.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .ntheory import ARITY, COMMUTATIVE, DOMAIN, EXACT, KERNELS, SYMPY

MODULE = "progsearch.ntheory"  # where rendered programs import the library functions from

MAX_NODES: dict[str, tuple] = {  # per operand, the most nodes the search builds it from
    "isqrt": (5,), "issquare": (5,), "bitcount": (1,), "v2": (1,), "digitsum": (1,),
    "isprime": (1,), "tau": (1,), "sigma": (1,), "phi": (1,), "prime": (1,), "primepi": (1,),
    "omega": (1,), "bigomega": (1,), "mobius": (1,), "rad": (1,), "core": (1,), "lpf": (1,),
    "gpf": (1,), "gcd": (3, 3), "trirow": (3,), "tricol": (3,),
}
"""The library operators the search has, in code order, with their operand caps.

Chosen by measurement (median search time on a 43-sequence sample, formula engine only):
no library tried 0.28 s; these 0.49 s; unary caps 3, gcd (3, 1) and bitand/bitor/bitxor and
lt/le/eq/ne at (3, 1) 0.74 s; the bit operators and comparisons are left out.  isqrt takes
5 nodes for isqrt(2*n*n) = floor(n*sqrt(2)); issquare 5 for issquare(8*n + 1) (n is
triangular); gcd (3, 3) for gcd(sigma(n), tau(n)).  Together these two raise the formula
engine's candidates up to size 7 by 15% (2.46 M to 2.82 M on the primes).  issquare was kept
at 1 while the engine lost rows with unknowns in their linear hashes (fixed in
engine/hashing.py; tests/test_engine.py, configs "big" and "unknowns").
Measured again with omega .. gpf added (full public benchmark, time limit 10 s): unary caps
3 instead of 1 solved 1 more sample sequence, made 7 more false predictions and took 25% longer.
"""


INDEX_OPS = ("trirow", "tricol")
"""Operators on the index (the row and column of n in a triangle read by rows).  The search
gives them only ``n + c`` (an operand whose values step by 1 from point to point: the index,
shifted for the sequence's offset), and filter predicates do not use them (filters.py): they
say where n sits, not what a number k is.  Measured on every 13th sample sequence (31): with
any operand of up to 3 nodes the search evaluated 371 M candidates (298 M without them); as
``n + c``, 327 M."""


def index_shift(test: Callable | None) -> Callable:
    """An operand test that also asks the operand to be ``n + c``: values that step by 1.

    >>> test = index_shift(lambda v: v >= 0)
    >>> test(np.array([[0, 1, 2], [1, 2, 3], [0, 2, 4], [-1, 0, 1]])).all(axis=1).tolist()
    [True, True, False, False]
    """
    def shifted(v: np.ndarray) -> np.ndarray:
        ok = np.ones(v.shape, dtype=bool) if test is None else test(v)
        if v.ndim == 2 and v.shape[1] > 1:
            steps = (np.diff(v, axis=1) == 1).all(axis=1, keepdims=True)
            ok = ok & steps
        return ok
    return shifted


class LibrarySpec(NamedTuple):
    """What the operator table needs of one library operator."""

    name: str
    arity: int
    exact: Callable[..., int]  # raises ntheory.OutOfDomain outside its domain
    to_sympy: Callable[..., object]
    kernel: Callable
    domain: tuple
    max_nodes: tuple
    commutative: bool


def _domain(name: str) -> tuple:
    sides = (None,) if ARITY[name] == 1 else ("left", "right")
    tests = tuple(DOMAIN.get((name, side)) for side in sides)
    return (index_shift(tests[0]),) if name in INDEX_OPS else tests


def spec(name: str) -> LibrarySpec:
    """The spec of library operator ``name``.

    >>> s = spec("gcd"); s.arity, s.exact(12, 18), s.max_nodes, s.commutative
    (2, 6, (3, 3), True)
    """
    if name not in MAX_NODES:
        raise ValueError(f"name: {name!r} is not a library operator")
    return LibrarySpec(name, ARITY[name], EXACT[name], SYMPY[name], KERNELS[name],
                       _domain(name), MAX_NODES[name], name in COMMUTATIVE)


LIBRARY: tuple[LibrarySpec, ...] = tuple(spec(name) for name in MAX_NODES)
