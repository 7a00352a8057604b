"""The transform finder: search the differences, partial sums, ratios, halves, runs, and the
terms after the first, of the terms.

For each kind that applies, the inner finders run on the transformed terms, each within a child
budget (a smaller size limit, a share of the time left), and every program they find, except
lookups (a transformed table is never shorter than the table) and transforms (one level), is
wrapped in a :class:`~progsearch.transforms.Transformed`; a wrapped program is kept only if it
reproduces the terms exactly.  The kinds apply when: differences, partial sums: 4+ terms;
ratios: 4+ terms and each a(n-1) is nonzero and divides a(n); halves: 8+ terms; repeats: 8+
terms stepping by 0 or 1, with MIN_RUNS complete runs; given (the terms after the first):
6+ terms.  The inner sequences of repeats (run lengths) and halves (half the terms each) are
short, so an inner program for them is kept only if it is shorter than their table (it
compresses them; COMPRESS).
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence

from .beatty import find_beatty
from .budget import Budget
from .engine import Stop
from .enumeration import find_expressions
from .filters import find_filters
from .finders import Finder, find_p_recursive, find_periodic
from .forms import Formula, Lookup, Program
from .transforms import KINDS, NEEDS_FIRST, Transformed, inner_offsets

INNER_FINDERS: tuple[Finder, ...] = (find_periodic, find_p_recursive, find_expressions,
                                     find_beatty, find_filters)
SIZE_CUT = 2  # inner engine searches stop this many sizes below the search's max_size
EXTRA_CUT = {"given": 1, "halves": 1, "partial_sums": 1}  # these kinds one size lower still
# Measured on every 13th sample sequence of the public benchmark (31), seconds a sequence at
# inner size 6 -> 5: halves (two inner searches) 0.15 -> 0.05, partial sums 0.10 -> 0.03,
# given (the search's own terms but one: as deep a search costs about as much) 0.06 -> 0.03;
# the benchmark sequences these kinds solved at size 6 are all solved at size 5.
HALF_KEEP = 4  # halves: the shortest few programs of each half are paired (HALF_KEEP**2 pairs)
MIN_TERMS = {"differences": 4, "partial_sums": 4, "ratios": 4, "halves": 8, "repeats": 8,
             "given": 6}
COMPRESS = ("halves", "repeats")  # kinds whose inner programs must beat their inner table
MIN_RUNS = 4  # repeats: this many complete runs (the last run may go on: it is not counted)


def transformed_terms(kind: str, terms: Sequence[int]) -> list[list[int]] | None:
    """The sequences the inner programs of a kind must reproduce, or None if it does not apply.

    >>> transformed_terms("differences", [1, 4, 9, 16]), transformed_terms("ratios", [1, 0, 0, 0])
    ([[3, 5, 7]], None)
    >>> transformed_terms("halves", [0, 1, 2, 3, 4, 5, 6, 7])
    [[0, 2, 4, 6], [1, 3, 5, 7]]
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    terms = list(terms)
    if len(terms) < MIN_TERMS[kind]:
        return None
    pairs = list(zip(terms, terms[1:]))
    if kind == "differences":
        return [[b - a for a, b in pairs]]
    if kind == "partial_sums":
        return [list(itertools.accumulate(terms))]
    if kind == "ratios":
        exact = all(a != 0 and b % a == 0 for a, b in pairs)
        return [[b // a for a, b in pairs]] if exact else None
    if kind == "repeats":
        return _runs(terms)
    if kind == "given":
        return [terms[1:]]
    return [terms[0::2], terms[1::2]]


def _runs(terms: list[int]) -> list[list[int]] | None:
    """The lengths of the complete runs of values v0, v0 + 1, ... (all but the last run), when
    the terms step by 0 or 1, some value repeats and there are MIN_RUNS complete runs.

    >>> _runs([1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5])
    [[1, 2, 3, 4]]
    """
    if any(b - a not in (0, 1) for a, b in zip(terms, terms[1:])):
        return None
    counts = [len(list(g)) for _, g in itertools.groupby(terms)][:-1]
    return [counts] if len(counts) >= MIN_RUNS and max(counts) > 1 else None


def absorb(parent: Budget, child: Budget) -> None:
    """Add the work of a child budget (Budget.child) to the parent's stats; pass on its stop,
    unless only its own share of the time ran out (the parent's size reached, ``max_size``, is
    the outer search's).

    >>> parent, child = Budget(60.0, 8, 1e9), Budget(60.0, 6, 1e9)
    >>> child.stats.candidates = 10; child.stopped("time_limit"); absorb(parent, child)
    >>> parent.stats.candidates, parent.stats.stopped_by
    (10, '')
    """
    parent.stats.candidates += child.stats.candidates
    parent.stats.distinct += child.stats.distinct
    reason = child.stats.stopped_by
    if reason and (reason != "time_limit" or time.perf_counter() > parent.deadline):
        parent.stopped(reason)


def _inner_programs(seq: list[int], offset: int, budget: Budget,
                    finders: Sequence[Finder], shorter_than: float = math.inf) -> list[Program]:
    """The programs the finders find for seq, less lookups and transforms and those of
    ``shorter_than`` bits or more, shortest first."""
    found = [p for find in finders for p in find(seq, offset, budget)]
    return sorted((p for p in found if p.form not in ("lookup", "transform")
                   and p.bits < shorter_than), key=lambda p: (p.bits, len(p.source), p.source))


def _wrap(kind: str, found: list[list[Program]], terms: list[int],
          offset: int) -> list[Program]:
    """Each inner program (each pair, for halves) as a Transformed that reproduces the terms."""
    first = terms[0] if kind in NEEDS_FIRST else None
    if kind == "halves":
        combos = itertools.product(found[0][:HALF_KEEP], found[1][:HALF_KEEP])
    elif kind == "given":  # a loop starts from given terms already; a formula that also gives
        combos = ((p,) for p in found[0]  # the first term needs no exception
                  if p.form != "loop" and not _gives(p, offset, terms[0]))
    else:
        combos = ((p,) for p in found[0])
    wrapped = (Transformed(kind, parts, offset, first) for parts in combos)
    return [w for w in wrapped if w.fits(terms)]


def _gives(program: Program, n: int, value: int) -> bool:
    """True if program is a formula whose expression at n is value (its own offset aside).

    >>> from progsearch.language import Var
    >>> _gives(Formula(Var("n"), 1), 0, 0), _gives(Formula(Var("n"), 1), 0, 7)
    (True, False)
    """
    return isinstance(program, Formula) and Formula(program.expr, n).prefix(n, 1) == (value,)


def make_transform_finder(inner_finders: Sequence[Finder] = INNER_FINDERS,
                          kinds: Sequence[str] = KINDS, size_cut: int = SIZE_CUT) -> Finder:
    """A finder that runs ``inner_finders`` on the transformed terms of each of ``kinds``.

    The inner searches stop at ``size_cut`` sizes below the search's size limit (the kinds of
    EXTRA_CUT lower still), not at a share of the time: what they find depends on the budget,
    never on the machine's speed.  The search's own deadline still holds (and then says it
    stopped the search).

    >>> find = make_transform_finder(kinds=["halves"])
    >>> terms = [0, 1, 1, 4, 4, 7, 9, 10, 16, 13]  # a(2m) = m*m, a(2m+1) = 3m + 1
    >>> best = min(find(terms, 0, Budget(60.0, 8, 2**30)), key=lambda p: p.bits)
    >>> best.display().startswith("halves: a(2n) = n*n"), best.terms(10, 14)
    (True, [25, 16, 36, 19])
    """
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ValueError(f"kinds must be among {KINDS}, got {bad}")
    if size_cut < 0:
        raise ValueError(f"size_cut must be >= 0, got {size_cut}")

    def find_transforms(terms: list[int], offset: int, budget: Budget) -> list[Program]:
        """Transformed programs that reproduce the terms, found within the budget."""
        jobs = [(k, seqs) for k in kinds if (seqs := transformed_terms(k, terms))]
        programs: list[Program] = []
        for kind, seqs in jobs:
            size = max(budget.max_size - size_cut - EXTRA_CUT.get(kind, 0), 1)
            found = []
            for seq, inner_offset in zip(seqs, inner_offsets(kind, offset, terms[0])):
                try:
                    budget.check()
                except Stop as stop:
                    budget.stopped(stop.reason)
                    return programs
                child = budget.child(budget.deadline - time.perf_counter(), size)
                cap = Lookup(seq, inner_offset).bits if kind in COMPRESS else math.inf
                found.append(_inner_programs(seq, inner_offset, child, inner_finders, cap))
                absorb(budget, child)
            programs += _wrap(kind, found, terms, offset)
        return programs

    return find_transforms


find_transforms = make_transform_finder()  # the default: every kind, the exact and engine finders
