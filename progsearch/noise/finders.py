"""The finders of a noisy search: exact programs as two-part descriptions, and approximate fits.

:func:`noisy_finders` turns a search's finders into noisy ones: every exact finder's programs
become :class:`Fitted` exact fits (their bits, the affine tag, and one bit for "residuals all
0", the same 2 bits more for every exact program, so they rank among themselves as before), and
the engine finder (``enumeration.find_expressions``) becomes :func:`find_fitted`, which also
scores the formulas the engine keeps, up to ``max_size - 2`` nodes, as approximate fits
(noise.candidates) and adds the constant models.  Loops are only taken exact: a loop fed its
own noisy terms is not the loop it runs.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from ..budget import Budget
from ..engine import Stop
from ..enumeration import RANKING_SHARE, _engine_programs, find_expressions, grow_engines
from ..finders import Finder
from ..forms import Formula, Program
from ..language import Const, Invalid
from ..length import int_bits
from .candidates import best_candidates
from .code import AFFINE_TAG_BITS, residual_bits_one
from .fit import two_part_one
from .program import Fitted


def noisy_finders(finders: Sequence[Finder]) -> tuple[Finder, ...]:
    """The finders of a noisy search: the engine finder replaced, the others' programs wrapped.

    >>> [f.__name__ for f in noisy_finders([find_expressions])]
    ['find_fitted']
    """
    return tuple(find_fitted if f is find_expressions else _exactly(f) for f in finders)


def _exactly(find: Finder) -> Finder:
    def find_exact(terms: list[int], offset: int, budget: Budget) -> list[Program]:
        return [Fitted.exact(p) for p in find(terms, offset, budget)]

    find_exact.__name__ = f"exact_{getattr(find, '__name__', 'finder')}"
    return find_exact


def fitted(inner: Program, terms: list[int]) -> Fitted | None:
    """The inner program with its best affine constants and residual code on ``terms``.

    >>> fitted(Formula(Const(4)), [3, 5, 4, 4]).display()
    '4, residual sd 0.595'
    """
    try:
        values = inner.terms(inner.offset, inner.offset + len(terms))
    except (Invalid, ArithmeticError, ValueError):
        return None
    part = two_part_one(inner.bits, values, terms, affine=True)
    if not math.isfinite(part.total):
        return None
    resid = [t - part.c0 - part.c1 * v for t, v in zip(terms, values)]
    return Fitted(inner, part.c0, part.c1, part.program, part.residual, part.scale,
                  points=len(terms), sumsq=sum(r * r for r in resid), rsum=sum(resid))


def constants(terms: list[int], offset: int) -> list[Fitted]:
    """The constant models: 0, the floor and ceiling of the mean, and the median (low).

    >>> [p.display() for p in constants([1, 2, 2, 9], 0)]
    ['0, residual sd 4.76', '3, residual sd 2.38', '4, residual sd 2.38', '2, residual sd 3.36']
    """
    total = sum(terms)
    values = dict.fromkeys([0, total // len(terms), -(-total // len(terms)),
                            statistics.median_low(terms)])
    out = []
    for c in values:
        bits, scale = residual_bits_one([t - c for t in terms])
        if math.isfinite(bits):
            out.append(Fitted(Formula(Const(c), offset), 0, 1, AFFINE_TAG_BITS + int_bits(c),
                              bits, scale, kind="constant", points=len(terms),
                              sumsq=sum((t - c) ** 2 for t in terms), rsum=total - c * len(terms)))
    return out


def find_fitted(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """The engine finder's exact programs, the engine's best approximate formulas, constants.

    >>> progs = find_fitted([1, 5, 9, 12, 17, 21, 25, 29], 0, Budget(60.0, 4, 2**30))
    >>> min(progs, key=Program.key).display()
    '1 + 4*(n), residual sd 0.42'
    """
    engines = grow_engines(terms, offset, budget)
    programs: list[Program] = [Fitted.exact(p) for kind, eng in engines
                               for p in _engine_programs(kind, eng, terms, offset, budget)]
    formula = next((eng for kind, eng in engines if kind == "formula"), None)
    if formula is not None:
        programs += _approximate(formula, terms, offset, budget)
    return programs + constants(terms, offset)


def _approximate(eng, terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """The engine's kept formulas with the least two-part length, re-scored exactly.

    Formulas of up to ``max_size - 2`` nodes are candidates (each with two affine constants):
    the search computes their rows anyway, while the rows of the last kept size (``max_size -
    1``) are never needed by an exact search and would take as long as the search itself.
    Scoring is work on results, as re-checking hits is: it runs past the finders' deadline, up
    to the share kept for ranking (a search stopped by time still scores what it grew).
    """
    try:
        best = best_candidates(eng, eng.target, max_size=budget.max_size - 2,
                               check=lambda: budget.check(eng.nbytes, keep=RANKING_SHARE))
    except Stop as stop:
        budget.stopped(stop.reason)
        return []
    found = (fitted(Formula(eng.expr_at(size, row), offset), terms) for _, size, row in best)
    return [f for f in found if f is not None]
