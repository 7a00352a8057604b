"""Exact solving of linear recurrences with polynomial coefficients (P-recursive sequences).

A P-recursive sequence satisfies ``sum_{i=0..r} p_i(n) * a(n-i) = 0`` for integer polynomials
``p_i`` of degree at most ``d`` in the absolute index ``n`` (see precurrence.py).  Constant
``p_i`` give the C-finite sequences (Fibonacci, ``2**n``), order 1 gives the hypergeometric ones
(factorials, Catalan).

The unknowns are the ``(r + 1) * (d + 1)`` coefficients; every known ``a(n)`` with
``n >= offset + r`` gives one linear equation in them.  A shape is only tried when there are at
least ``min_spare`` equations more than unknowns, so a solution is evidence, not a fit by
construction.  The equations are solved exactly over the rationals (fraction-free integer
elimination, rational.py); a rank computed modulo the prime ``2**31 - 1`` first rejects the
shapes without a solution (rank mod p never exceeds the rank over Q, so the filter never loses
a solution).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .precurrence import PRecurrence, check_int, check_ints, poly_eval, poly_shift
from .rational import PRIME, Vector, exact_nullspace, in_span, independent_mod_p, residues

__all__ = ["PRecurrence", "find_recurrences", "given_terms"]

_LOOKAHEAD = 50  # p_0(n) must not vanish this far past the last known term
_LATE_START = 3  # ... nor more than this many steps past the first it could give
# The unknowns of one shape (order r, degree d) are a Vector: the coefficient of n**j in p_i
# sits at index i*(d + 1) + j.


def _equations(values: Sequence[int], offset: int, order: int, degree: int) -> list[Vector]:
    """One row per n >= offset + order: the factor n**j * a(n-i) of each unknown."""
    rows = []
    for t in range(order, len(values)):
        powers = [(offset + t) ** j for j in range(degree + 1)]
        rows.append([p * values[t - i] for i in range(order + 1) for p in powers])
    return rows


def _equations_mod_p(values: np.ndarray, offset: int, order: int, degree: int) -> np.ndarray:
    """_equations modulo PRIME, computed column by column from the residues of the terms."""
    n = np.arange(offset + order, offset + len(values)) % PRIME
    powers = [np.ones_like(n)]
    for _ in range(degree):
        powers.append(powers[-1] * n % PRIME)
    window = [values[order - i : len(values) - i] for i in range(order + 1)]
    return np.stack([p * w % PRIME for w in window for p in powers], axis=1)


def _shapes(max_order: int, max_degree: int) -> list[tuple[int, int]]:
    """(order, degree) pairs, fewest unknowns first, then lower order."""
    pairs = [(r, d) for r in range(1, max_order + 1) for d in range(max_degree + 1)]
    return sorted(pairs, key=lambda rd: ((rd[0] + 1) * (rd[1] + 1), rd[0]))


def _multiples(rec: PRecurrence, order: int, degree: int) -> list[Vector]:
    """n**j * rec shifted back k steps, as vectors of shape (order, degree)."""  # all still fit
    out = []
    for k in range(order - rec.order + 1):
        shifted = [poly_shift(p, -k) for p in rec.coeffs]
        for j in range(degree - rec.degree + 1):
            v = [0] * ((order + 1) * (degree + 1))
            for i, poly in enumerate(shifted):
                start = (k + i) * (degree + 1) + j
                v[start : start + len(poly)] = poly
            out.append(v)
    return out


def given_terms(rec: PRecurrence, offset: int, stop: int) -> int | None:
    """How many first terms a loop running `rec` from a(offset) is given: at least its order,
    and past every n where p_0(n) vanishes (a(n) is not determined there).  None if p_0
    vanishes more than a few steps in, or within _LOOKAHEAD terms past `stop`.

    >>> rec = PRecurrence(((-2, 1), (0, -1)))  # (n - 2)*a(n) = n*a(n-1): a(2) is not determined
    >>> given_terms(rec, 0, 10), given_terms(rec, 3, 10), given_terms(rec, -20, 10)
    (3, 1, None)
    """
    roots = [n for n in range(offset + rec.order, stop + _LOOKAHEAD + 1)
             if poly_eval(rec.coeffs[0], n) == 0]
    given = roots[-1] - offset + 1 if roots else rec.order
    return given if given <= rec.order + _LATE_START else None


def _accept(v: Vector, values: list[int], offset: int, order: int) -> PRecurrence | None:
    """The recurrence with unknowns v if it reproduces every term past the given ones."""
    width = len(v) // (order + 1)
    coeffs = [v[i * width : (i + 1) * width] for i in range(order + 1)]
    if not any(coeffs[0]):
        return None
    rec = PRecurrence(coeffs)
    given = given_terms(rec, offset, offset + len(values))
    if given is None or given >= len(values):
        return None
    start = given - order  # run from the last `order` given terms
    rest = rec.extend(values[start:given], offset + start, offset + len(values))
    return rec if rest == values[start:] else None


def _solve_shape(
    values: list[int], offset: int, order: int, degree: int, found: list[PRecurrence], room: int
) -> list[PRecurrence]:
    """New recurrences of one shape that are not multiples of those already found."""
    ncols = (order + 1) * (degree + 1)
    terms_mod_p = np.array([v % PRIME for v in values], dtype=np.int64)
    equations = _equations_mod_p(terms_mod_p, offset, order, degree)
    nullity_p = ncols - len(independent_mod_p(equations))  # >= the nullity over Q
    known = [v for rec in found for v in _multiples(rec, order, degree)]
    if nullity_p == 0 or (known and len(independent_mod_p(residues(known, ncols))) >= nullity_p):
        return []  # no solution, or every solution is a multiple of a known recurrence
    rows = _equations(values, offset, order, degree)
    new: list[PRecurrence] = []
    for v in sorted(exact_nullspace(rows, ncols), key=lambda v: (sum(map(abs, v)), v)):
        rec = None if in_span(v, known) else _accept(v, values, offset, order)
        if rec is not None and rec not in found + new:
            new.append(rec)
            known.append(v)
        if len(new) >= room:
            break
    return new


def _check_at_least(value: object, name: str, low: int) -> int:
    """value as an int >= low, or TypeError/ValueError naming the argument."""
    value = check_int(value, name)
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    return value


def find_recurrences(
    terms: Sequence[int],
    *,
    offset: int = 0,
    max_order: int = 4,
    max_degree: int = 3,
    min_spare: int = 3,
    limit: int = 3,
) -> list[PRecurrence]:
    """Recurrences that reproduce every term exactly, simplest first, at most `limit` of them.

    >>> find_recurrences([0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89])
    [PRecurrence(a(n) = a(n-1) + a(n-2))]
    >>> find_recurrences([1, 1, 2, 5, 14, 42, 132, 429, 1430])
    [PRecurrence((n + 1)*a(n) = (4*n - 2)*a(n-1))]
    """
    values = check_ints(terms, "terms")
    offset = check_int(offset, "offset")
    max_order = _check_at_least(max_order, "max_order", 1)
    max_degree = _check_at_least(max_degree, "max_degree", 0)
    min_spare = _check_at_least(min_spare, "min_spare", 0)
    limit = _check_at_least(limit, "limit", 1)
    found: list[PRecurrence] = []
    if not any(values):
        return found
    for order, degree in _shapes(max_order, max_degree):
        equations = len(values) - order
        if len(found) < limit and equations >= (order + 1) * (degree + 1) + min_spare:
            found += _solve_shape(values, offset, order, degree, found, limit - len(found))
    return found
