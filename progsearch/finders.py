"""Finders for the exact forms: the lookup table, the shortest period, P-recursive loops and
loops whose rule is a linear combination of sums over the earlier terms.

A finder is a function ``find(terms, offset, budget) -> list of programs``: ``terms`` are
a(offset), a(offset+1), ... as Python ints (already validated), and every program it returns
reproduces them exactly.  A finder that can run long calls ``budget.check()`` and, on Stop,
notes it with ``budget.stopped(reason)`` and returns what it has (see enumeration.py).  A
finder that wraps another (a transform) calls it on transformed terms with the same budget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .budget import Budget
from .engine import Stop
from .forms import Lookup, Loop, Periodic, Program
from .linear_fit import fit_linear_rules
from .recurrences import find_recurrences, given_terms

Finder = Callable[[list[int], int, Budget], Iterable[Program]]  # like find_periodic


def find_lookup(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """The table of the terms: always found, so every search has an answer.

    >>> find_lookup([3, 5, 7], 1, Budget(1.0, 8, 1e9))
    [Lookup(table of 3 values, 28.6 bits)]
    """
    return [Lookup(terms, offset)]


def find_periodic(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """The shortest period that repeats at least twice in the terms, if any.

    >>> find_periodic([1, 2, 0, 1, 2, 0, 1], 0, Budget(1.0, 8, 1e9))
    [Periodic([1, 2, 0][n % 3], 17.6 bits)]
    """
    for p in range(1, len(terms) // 2 + 1):
        if all(terms[i] == terms[i - p] for i in range(p, len(terms))):
            return [Periodic(terms[:p], offset)]
    return []


def find_p_recursive(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """Loops whose rule is a P-recursive recurrence solved exactly (recurrences.py).

    >>> find_p_recursive([1, 1, 2, 6, 24, 120, 720, 5040, 40320], 0, Budget(1.0, 8, 1e9))
    [Loop(a(n) = n*a(n-1); a(0) = 1, 27.2 bits)]
    """
    found = []
    for rec in find_recurrences(terms, offset=offset):
        given = given_terms(rec, offset, offset + len(terms))
        prog = Loop(rec, terms[:given], offset)
        if prog.fits(terms):
            found.append(prog)
    return found


def find_linear_loops(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """Loops whose rule is a LinearRule solved exactly (linear_rules.py): a rational
    combination of one or two parts, one of them a sum over the earlier terms, a((n+1)//2) or
    a(n/2) at even n.

    >>> find_linear_loops([1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862], 0, Budget(1.0, 8, 1e9))
    [Loop(a(n) = sum(a(i)*a(n - 1 - i) for 0 <= i <= n - 1); a(0) = 1, 21.5 bits)]
    """
    try:
        fits = fit_linear_rules(terms, offset, budget.check)
    except Stop as stop:  # the time is up: the finders after this one are skipped alike
        budget.stopped(stop.reason)
        return []
    loops = [Loop(rule, terms[:given], offset) for rule, given in fits]
    return [loop for loop in loops if loop.fits(terms)]
