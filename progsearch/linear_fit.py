"""Finding linear rules (linear_rules.py): their coefficients solved exactly from the terms.

For each subset of one or two parts with at least one of NEW_PARTS (a rule without one is
the expression engine's to find), and each position the rule could start from, the terms
give one equation a row: sum(c_j * part_j) = a(n).  Two rows determine the coefficients;
every other row checks them, so a rule is kept only if it holds on MIN_SPARE more terms than
it has coefficients.  A part's values are computed when a row is first read and kept: a rule
that fails on its first rows (the usual case) never computes the sums of the later ones.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

from .linear_rules import MAX_PARTS, PARTS, LinearRule, part_defined, part_value

__all__ = ["LATE_START", "MIN_SPARE", "NEW_PARTS", "fit_linear_rules"]

NEW_PARTS = frozenset({"c2", "e2", "s0", "s1", "s2"})  # a rule without one is the engine's
MIN_SPARE = 3  # equations beyond the unknowns, so that a fit is evidence (as recurrences.py)
LATE_START = 3  # the rule may start this many terms after its parts are first defined

Row = tuple[tuple[int, ...], int]  # (the parts' values, the term)


class _Table:
    """The parts' values at each position of the terms, computed when first asked for."""

    def __init__(self, terms: Sequence[int], offset: int, check: Callable[[], None]):
        self.terms, self.offset, self.check = terms, offset, check
        self._values: dict[tuple[int, int], int | None] = {}

    def __repr__(self) -> str:
        return f"_Table({len(self.terms)} terms, {len(self._values)} values computed)"

    def value(self, t: int, i: int) -> int | None:
        if (t, i) not in self._values:
            self.check()
            self._values[t, i] = part_value(PARTS[i], self.terms[:t], self.offset)
        return self._values[t, i]

    def rows(self, idx: tuple[int, ...], start: int) -> Iterator[Row]:
        """The rows from position ``start`` to the last term, one at a time."""
        for t in range(start, len(self.terms)):
            yield tuple(self.value(t, i) for i in idx), self.terms[t]


def _subsets() -> list[tuple[int, ...]]:
    """Indices into PARTS of the subsets tried, fewest parts first: each has a new part."""
    return [idx for k in range(1, MAX_PARTS + 1)
            for idx in itertools.combinations(range(len(PARTS)), k)
            if any(PARTS[i] in NEW_PARTS for i in idx)]


def _solve(rows: Callable[[], Iterator[Row]]) -> list[Fraction] | None:
    """The one coefficient vector c with sum(c*x) == v on every row (x, v) (one or two
    unknowns); None if there is none, or more than one.  ``rows()`` gives the rows afresh;
    they are read only as far as needed.

    >>> _solve(lambda: iter([((1, 0), 1), ((1, 1), 3), ((1, 2), 5)]))
    [Fraction(1, 1), Fraction(2, 1)]
    """
    x0, v0 = next(((x, v) for x, v in rows() if any(x)), (None, None))
    if x0 is None:
        return None
    if len(x0) == 1:
        coeffs = [Fraction(v0, x0[0])]
    else:  # a second row not parallel to the first; Cramer's rule
        dets = ((x1, v1, x0[0] * x1[1] - x0[1] * x1[0]) for x1, v1 in rows())
        x1, v1, det = next((d for d in dets if d[2]), (None, None, 0))
        if not det:
            return None  # the two columns are parallel on these rows: no unique solution
        coeffs = [Fraction(v0 * x1[1] - v1 * x0[1], det), Fraction(x0[0] * v1 - x1[0] * v0, det)]
    if all(sum(c * x for c, x in zip(coeffs, xs)) == v for xs, v in rows()):
        return coeffs
    return None


def _as_rule(idx: tuple[int, ...], coeffs: list[Fraction]) -> LinearRule | None:
    """The rule with these rational coefficients; None if one is 0 (a smaller subset's)."""
    if 0 in coeffs:
        return None
    q = math.lcm(*(c.denominator for c in coeffs))
    return LinearRule(tuple(PARTS[i] for i in idx), tuple(int(c * q) for c in coeffs), q)


def _first(idx: tuple[int, ...], count: int, offset: int) -> int | None:
    """The first position (at least 1) from which every part is defined through the last
    term; None if there is none."""
    names = [PARTS[i] for i in idx]
    first = next((t for t in range(1, count) if all(part_defined(p, t, offset) for p in names)),
                 None)
    if first is None or not all(part_defined(p, count - 1, offset) for p in names):
        return None  # defined from `first` on, up to a sum's bound: the last term must be in
    return first


def fit_linear_rules(terms: Sequence[int], offset: int = 0,
                     check: Callable[[], None] = lambda: None) -> list[tuple[LinearRule, int]]:
    """Every rule of at most MAX_PARTS parts, one of them new (NEW_PARTS), that gives each
    term from some position on: pairs (rule, how many first terms it is given).  ``check`` is
    called before each part's value is computed, to stop a long input in time.

    >>> fit_linear_rules([1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862])[:1]
    [(LinearRule(a(n) = sum(a(i)*a(n - 1 - i) for 0 <= i <= n - 1)), 1)]
    """
    table = _Table(terms, offset, check)
    found = []
    for idx in _subsets():
        check()
        first = _first(idx, len(terms), offset)
        for start in range(first or len(terms), (first or len(terms)) + LATE_START + 1):
            if len(terms) - start < len(idx) + MIN_SPARE:
                break
            coeffs = _solve(lambda: table.rows(idx, start))
            rule = None if coeffs is None else _as_rule(idx, coeffs)
            if rule is not None:
                found.append((rule, start))
                break
    return found
