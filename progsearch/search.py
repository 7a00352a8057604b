"""search(): run the finders in order within the budgets, rank programs by bits, predict.

The finders, in order (FINDERS): the lookup (always), periodic tables, exact P-recursive
recurrences (finders.py), the expression engine for formulas and for loops, grown one size
at a time until a budget runs out (enumeration.py), filters ("the n-th k with p(k)", filters.py)
and last the transforms (differences, partial sums, ratios, halves; transform_finders.py).
search() validates its input, runs every finder with one shared Budget, drops repeats, ranks
by bits and builds the SearchResult.

To add a finder: write ``find_x(terms, offset, budget) -> list[Program]`` (terms validated;
return only programs that reproduce them; call ``budget.check()`` in long work and, on Stop,
``budget.stopped(reason)`` and return what you have; count work in ``budget.stats``), then add
it to FINDERS.  A transform wraps a finder: it calls it on transformed terms and wraps each
program found.  The ranking needs no change: it is by bits, whatever the form.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .budget import Budget, SearchStats
from .enumeration import CONSTANTS, LOOP_ORDER, find_expressions  # the demos read the first two
from .filters import find_filters
from .finders import Finder, find_lookup, find_p_recursive, find_periodic
from .forms import Program
from .noise.finders import noisy_finders
from .noise.predict import spread_votes
from .transform_finders import find_transforms

__all__ = ["CONSTANTS", "FINDERS", "LADDER_FINDERS", "LOOP_ORDER", "MAX_SIZE", "Prediction",
           "SearchResult", "SearchStats", "check_terms", "run_finders", "search"]

LADDER_FINDERS: tuple[Finder, ...] = (find_lookup, find_periodic, find_p_recursive,
                                      find_expressions)  # the four forms of the Occam ladder
FINDERS: tuple[Finder, ...] = LADDER_FINDERS + (find_filters, find_transforms)  # transforms
# last: they get a share of the time that is left
MAX_SIZE = 8  # default size limit: the deepest size both engines finish in well under 2 s
MAX_TERMS = 1000
MAX_DIGITS = 10_000


@dataclass(frozen=True)
class Prediction:
    """One future term: candidate values with probabilities, and the mass that predicts nothing."""

    n: int
    candidates: tuple  # ((value, probability), ...), most probable first
    p_none: float  # weight of programs (the lookup) that make no prediction

    @property
    def value(self) -> int | None:
        return self.candidates[0][0] if self.candidates else None

    @property
    def p(self) -> float:
        return self.candidates[0][1] if self.candidates else 0.0

    def __repr__(self) -> str:
        if not self.candidates:
            return f"Prediction(n={self.n}: none, p_none={self.p_none:.2f})"
        return f"Prediction(n={self.n}: {self.value}, p={self.p:.3f})"


class SearchResult:
    """Every program found that reproduces the terms, ranked by bits (shortest first)."""

    def __init__(self, terms: list[int], offset: int, programs: list[Program], stats: SearchStats):
        self.terms, self.offset, self.stats = terms, offset, stats
        self.programs = sorted(programs, key=Program.key)

    @property
    def best(self) -> Program:
        return self.programs[0]

    def predict(self, k: int = 1) -> list[Prediction]:
        """The next ``k`` terms: each value's probability under the ``2**-bits`` mixture.

        >>> r = search([1, 2, 4, 8, 16, 32, 64, 128], time_limit=1.0)
        >>> r.predict(1)[0].value
        256
        """
        k = _check_int(k, "k", 0, 10_000)
        start = self.offset + len(self.terms)
        if any(getattr(p, "scale", 0) for p in self.programs):  # noisy: Gaussian votes
            return [Prediction(*vote) for vote in spread_votes(self.programs, start, k)]
        low = self.programs[0].bits
        votes: list[dict[int, float]] = [{} for _ in range(k)]
        total = none = 0.0
        for prog in self.programs:
            weight = 2.0 ** (low - prog.bits)
            seq = prog.continuation(start, k)
            if seq is None:
                none += weight
            else:
                for j, v in enumerate(seq):
                    votes[j][v] = votes[j].get(v, 0.0) + weight
            total += weight
        return [Prediction(start + j, tuple(sorted(((v, w / total) for v, w in vote.items()),
                                                   key=lambda vw: (-vw[1], vw[0]))), none / total)
                for j, vote in enumerate(votes)]

    def __repr__(self) -> str:
        return (f"SearchResult(best={self.best!r}, {len(self.programs)} programs, "
                f"stopped_by={self.stats.stopped_by!r})")


# -- argument checks ------------------------------------------------------------------------
def _check_int(v, name: str, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(v).__name__}")
    if not lo <= v <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, got {v}")
    return int(v)


def _check_float(v, name: str, lo: float, hi: float) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(v).__name__}")
    if not (math.isfinite(v) and lo < v <= hi):
        raise ValueError(f"{name} must be above {lo} and at most {hi}, got {v}")
    return float(v)


def check_terms(terms) -> list[int]:
    """Validate a sequence of integers; return it as a list of Python ints.

    >>> check_terms([1, 2, 3])
    [1, 2, 3]
    """
    if isinstance(terms, (str, bytes)) or not isinstance(terms, (Sequence, np.ndarray)):
        raise TypeError(f"terms must be a sequence of integers, got {type(terms).__name__}")
    out = []
    for i, t in enumerate(terms):
        if isinstance(t, bool) or not isinstance(t, numbers.Integral):
            raise TypeError(f"terms must be integers; term {i} is {t!r}")
        out.append(int(t))
    if len(out) < 2:
        raise ValueError(f"terms must have at least 2 terms, got {len(out)}")
    if len(out) > MAX_TERMS:
        raise ValueError(f"terms must have at most {MAX_TERMS} terms, got {len(out)}")
    for i, t in enumerate(out):
        if abs(t).bit_length() > MAX_DIGITS * 3.33:
            raise ValueError(f"terms must have at most {MAX_DIGITS} digits; term {i} is longer")
    return out


# -- the search -----------------------------------------------------------------------------
def search(terms: Sequence[int], *, offset: int = 0, time_limit: float = 2.0,
           max_size: int = MAX_SIZE, max_memory_mb: float = 2000.0,
           finders: Sequence[Finder] = FINDERS, noise: bool = False) -> SearchResult:
    """Find the programs that reproduce ``terms`` (a(offset), a(offset+1), ...), ranked by bits.

    ``finders`` says which forms to look for (default: all, FINDERS; LADDER_FINDERS: the
    lookup, periodic tables, loops and formulas only).  ``noise=True``: the terms may be noisy,
    and programs are ranked by their two-part length (noise.finders; each is a noise.Fitted).

    >>> r = search([0, 1, 1, 2, 3, 5, 8, 13, 21, 34], time_limit=1.0)
    >>> r.best.form, r.best.terms(10, 13)
    ('loop', [55, 89, 144])
    """
    terms = check_terms(terms)
    offset = _check_int(offset, "offset", -10**6, 10**6)
    time_limit = _check_float(time_limit, "time_limit", 0.0, 86_400.0)
    max_size = _check_int(max_size, "max_size", 1, 40)
    max_memory_mb = _check_float(max_memory_mb, "max_memory_mb", 0.0, 10.0**6)
    if not finders or not all(callable(f) for f in finders):
        raise TypeError("finders must be a non-empty sequence of finder functions")
    if not isinstance(noise, bool):
        raise TypeError(f"noise must be True or False, got {noise!r}")
    finders = noisy_finders(finders) if noise else finders
    budget = Budget(time_limit, max_size, max_memory_mb * 2**20)
    return run_finders(terms, offset, budget, finders=tuple(finders))


def run_finders(terms: list[int], offset: int, budget: Budget,
                finders: Sequence[Finder] = FINDERS) -> SearchResult:
    """Run the finders in order within the budget on validated terms; rank what they find.

    >>> r = run_finders([2, 4, 6, 8], 0, Budget(1.0, 8, 1e9), finders=[find_lookup])
    >>> r.best, r.stats.stopped_by
    (Lookup(table of 4 values, 37.6 bits), 'max_size')
    """
    programs: list[Program] = []
    for find in finders:
        programs += find(terms, offset, budget)
    stats = budget.stats
    stats.stopped_by = stats.stopped_by or "max_size"  # no budget stopped a finder
    stats.elapsed_s = budget.elapsed()
    return SearchResult(terms, offset, _unique(programs, offset + len(terms)), stats)


def _unique(programs: list[Program], start: int) -> list[Program]:
    """Drop repeats: the same source, or the same form, length and next 10 terms."""
    seen, out = set(), []
    for p in sorted(programs, key=Program.key):
        nxt = p.continuation(start, 10)
        same = (p.form, round(p.bits, 6), nxt)
        if p.source not in seen and same not in seen:
            seen.update((p.source, same))
            out.append(p)
    return out
