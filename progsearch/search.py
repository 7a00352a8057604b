"""search(): run the finders in order within the budgets, rank programs by bits, predict.

The finders, in order (FINDERS): the lookup (always), periodic tables, exact P-recursive
recurrences (finders.py), the expression engine for formulas and for loops, grown one size
at a time until a budget runs out (enumeration.py), Beatty formulas (beatty.py), loops whose
rule sums over the earlier terms (linear_rules.py, found by finders.py), filters ("the
n-th k with p(k)", filters.py) and last the transforms (differences, partial sums, ratios,
halves, repeats, the terms after a given first; transform_finders.py).
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

from .beatty import find_beatty
from .bigint import int_text
from .budget import Budget, SearchStats
from .enumeration import CONSTANTS, LOOP_ORDER, find_expressions  # the demos read the first two
from .filters import find_filters
from .finders import Finder, find_linear_loops, find_lookup, find_p_recursive, find_periodic
from .forms import Program
from .html import search_table
from .noise.finders import noisy_finders
from .noise.predict import spread_votes
from .progress import search_done, search_started
from .transform_finders import find_transforms

__all__ = ["CONSTANTS", "FINDERS", "LADDER_FINDERS", "LOOP_ORDER", "MAX_MEMORY_MB", "MAX_NEXT",
           "MAX_SIZE", "Prediction", "SearchResult", "SearchStats", "check_terms",
           "run_finders", "search"]

LADDER_FINDERS: tuple[Finder, ...] = (find_lookup, find_periodic, find_p_recursive,
                                      find_expressions)  # the four forms of the Occam ladder
FINDERS: tuple[Finder, ...] = LADDER_FINDERS + (find_beatty, find_linear_loops, find_filters,
                                                find_transforms)  # transforms
# last: they get a share of the time that is left
MAX_SIZE = 8  # default size limit: the deepest size both engines finish in well under 2 s
MAX_TERMS = 1000
MAX_DIGITS = 10_000
MAX_NEXT = 10_000  # terms predict() gives at most
MAX_MEMORY_MB = 1000.0  # default memory cap: the most the search adds to the process (measured)


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
        self._next: dict[int, tuple[int, tuple[int, ...]]] = {}  # id(program): (k, its values)
        self.interrupted = False  # Ctrl-C cut short the computing of continuations

    @property
    def best(self) -> Program:
        return self.programs[0]

    def predict(self, k: int = 1) -> list[Prediction]:
        """The next ``k`` terms: each value's probability under the ``2**-bits`` mixture.

        A program votes for every term up to the first it cannot compute (its continuation is
        a prefix, :meth:`continuation`); from there its weight predicts nothing (``p_none``).
        Values of equal weight are ordered by their best program's rank, so on a tie the
        mixture's value is the pick's (progsearch.confidence adds the unsearched mass).

        >>> r = search([1, 2, 4, 8, 16, 32, 64, 128], time_limit=1.0)
        >>> r.predict(1)[0].value
        256
        """
        k = _check_int(k, "k", 0, MAX_NEXT)
        start = self.offset + len(self.terms)
        if any(getattr(p, "scale", 0) for p in self.programs):  # noisy: Gaussian votes
            return [Prediction(*vote) for vote in spread_votes(self.programs, start, k)]
        low = self.programs[0].bits
        votes: list[dict[int, float]] = [{} for _ in range(k)]
        first: list[dict[int, int]] = [{} for _ in range(k)]  # value -> rank of its best program
        stops = [0.0] * (k + 1)  # weight of the programs whose values stop at each term
        total = 0.0
        for rank, prog in enumerate(self.programs):
            weight = 2.0 ** (low - prog.bits)
            seq = self.continuation(prog, k) or ()
            for j, v in enumerate(seq):
                votes[j][v] = votes[j].get(v, 0.0) + weight
                first[j].setdefault(v, rank)
            stops[len(seq)] += weight
            total += weight
        none, out = 0.0, []
        for j, vote in enumerate(votes):
            none += stops[j]
            ranked = sorted(((v, w / total) for v, w in vote.items()),  # ties: as the pick
                            key=lambda vw, j=j: (-vw[1], first[j][vw[0]]))
            out.append(Prediction(start + j, tuple(ranked), none / total))
        return out

    def continuation(self, prog: Program, k: int) -> tuple[int, ...] | None:
        """The program's next values, up to ``k`` and up to the first it cannot compute
        (None for a lookup table, which predicts nothing).  Kept, so asking again is free.

        Ctrl-C while the values are computed ends them there (``interrupted`` is then True):
        what was computed is kept, and every later program's continuation is empty.

        >>> r = search([1, 2, 3, 4], max_size=3)
        >>> r.continuation(r.best, 3), r.continuation(r.programs[-1], 3)
        ((5, 6, 7), None)
        """
        if not prog.predicts:
            return None
        have = self._next.get(id(prog))
        if have is not None and (have[0] >= k or len(have[1]) < have[0]):
            return have[1][:k]  # asked for as many before, or it stopped before k
        seq: tuple[int, ...] = ()
        if not self.interrupted:
            try:
                seq = prog.prefix(self.offset + len(self.terms), k)
            except KeyboardInterrupt:
                self.interrupted = True
        self._next[id(prog)] = (k, seq)
        return seq

    def _repr_html_(self) -> str:
        """The ranking as an HTML table, for notebooks."""
        return search_table(self)

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
    for i, t in enumerate(out):  # 10**(d-1) needs more than 3.32 * (d-1) bits
        if abs(t).bit_length() > 3.32 * (MAX_DIGITS - 1) and len(int_text(abs(t))) > MAX_DIGITS:
            raise ValueError(f"terms must have at most {MAX_DIGITS} digits; term {i} is longer")
    return out


# -- the search -----------------------------------------------------------------------------
def search(terms: Sequence[int], *, offset: int = 0, time_limit: float = 2.0,
           max_size: int = MAX_SIZE, max_memory_mb: float = MAX_MEMORY_MB,
           finders: Sequence[Finder] = FINDERS, noise: bool = False) -> SearchResult:
    """Find the programs that reproduce ``terms`` (a(offset), a(offset+1), ...), ranked by bits.

    ``finders`` says which forms to look for (default: all, FINDERS; LADDER_FINDERS: the
    lookup, periodic tables, loops and formulas only).  The search returns by ``time_limit``
    seconds (re-checks and ranking included); ``max_memory_mb`` caps the resident memory it
    adds to the process, measured (then ``stats.stopped_by`` is ``'memory'``).  Ctrl-C stops
    it: it returns what it found so far (``stats.stopped_by`` is then ``'interrupt'``).
    ``noise=True``: the terms may be noisy, and programs are ranked by their two-part length
    (noise.finders; each is a noise.Fitted).

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
    search_started()
    programs = _unique(_run_each(terms, offset, budget, finders), offset + len(terms), budget)
    stats = budget.stats
    stats.stopped_by = stats.stopped_by or "max_size"  # no budget stopped a finder
    search_done(stats.max_size, stats.stopped_by)
    stats.elapsed_s = budget.elapsed()
    return SearchResult(terms, offset, programs, stats)


def _run_each(terms: list[int], offset: int, budget: Budget,
              finders: Sequence[Finder]) -> list[Program]:
    """What the finders find within the budget (its memory cap too); none starts once the time
    is up, and Ctrl-C stops the one running (its programs are lost, the others' kept)."""
    programs: list[Program] = []
    for find in finders:
        if programs and budget.finished():
            budget.stopped("interrupt" if budget.interrupted else "time_limit")
            break
        try:
            programs += find(terms, offset, budget)
        except KeyboardInterrupt:
            budget.stopped("interrupt")
    if not programs and budget.interrupted:
        programs = find_lookup(terms, offset, budget)  # Ctrl-C came first: the table at least
    return programs


def _unique(programs: list[Program], start: int, budget: Budget | None = None) -> list[Program]:
    """Drop repeats: the same source, or the same form, length and next 10 terms.

    Shortest first; when the budget's time is up (or on a second Ctrl-C) the rest are left out.
    """
    seen, out = set(), []
    try:
        for p in sorted(programs, key=Program.key):
            if out and budget is not None and budget.out_of_time():  # ranking is quick:
                budget.stopped("time_limit")  # it goes on after Ctrl-C, never past the time
                break
            nxt = p.prefix(start, 10) if p.predicts else None
            same = (p.form, round(p.bits, 6), nxt)
            if p.source not in seen and same not in seen:
                seen.update((p.source, same))
                out.append(p)
    except KeyboardInterrupt:
        if budget is not None:
            budget.stopped("interrupt")
    return out or sorted(programs, key=Program.key)[:1]
