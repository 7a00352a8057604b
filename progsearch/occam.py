"""Occam's ladder: the shortest program of each form that fits, scored on held-out terms.

The ladder of forms runs from pure memory to pure rule: lookup -> periodic -> loop -> formula.
:func:`climb` searches the training terms once, takes the shortest program of each form that
reproduces them, and scores each on the held-out terms; it also finds a program that fits the
training terms too but misses held-out terms (see :func:`bent`).  The occam demo prints it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .forms import Formula, Loop, Program
from .language import OP_BY_NAME, Apply, Const, Var
from .search import LADDER_FINDERS, MAX_SIZE, search

LADDER = ("lookup", "periodic", "loop", "formula")  # from pure memory to pure rule
TIME_LIMIT = 120.0  # seconds per search; a safety net, never the budget that stops it


def rmse(predicted: Sequence[int], actual: Sequence[int]) -> float:
    """Root mean squared error, computed on exact integer differences.

    >>> rmse([1, 2, 3], [1, 2, 6])
    1.7320508075688772
    """
    return math.sqrt(sum((p - a) ** 2 for p, a in zip(predicted, actual)) / len(actual))


def bent(program: Program, at: int) -> Program | None:
    """``program`` with ``comb(n, at)`` added to its rule: the same terms before n = ``at``.

    comb(n, at) is 0 for n < at and 1 at n = at, so the bent program fits the same training
    terms and misses the next ones.  None for a table or a P-recursive loop (no expression).

    >>> bent(Formula(Var("n")), 10).terms(8, 12)
    [8, 9, 11, 22]
    """
    bump = Apply(OP_BY_NAME["binomial"], (Var("n"), Const(at)))
    if isinstance(program, Formula):
        return Formula(Apply(OP_BY_NAME["add"], (program.expr, bump)), program.offset)
    if isinstance(program, Loop) and isinstance(program.rule, (Var, Const, Apply)):
        rule = Apply(OP_BY_NAME["add"], (program.rule, bump))
        return Loop(rule, program.initial, program.offset)
    return None  # a table, or a P-recursive loop: no expression to add to


@dataclass(frozen=True)
class Rung:
    """One row of a ladder: a program that fits the training terms, and its held-out score."""

    label: str  # the form, or "fits, misses" for the runner-up that misses a held-out term
    form: str
    bits: float
    chars: int
    display: str
    predicted: tuple[int, ...] | None  # its held-out terms; None: it predicts nothing
    wrong: int | None  # held-out terms not exactly right; None: no prediction
    rmse: float | None
    is_pick: bool  # the shortest program overall: the one the search picks

    def __repr__(self) -> str:
        wrong = "no prediction" if self.wrong is None else f"{self.wrong} wrong"
        return f"Rung({self.label}: {self.display!r}, {self.bits:.1f} bits, {wrong})"


def rung(label: str, program: Program, start: int, heldout: Sequence[int],
         pick: Program) -> Rung:
    """Score ``program`` on ``heldout``, the terms from index ``start`` on.

    >>> r = rung("formula", Formula(Var("n")), 3, [3, 4, 6], pick=Formula(Var("n")))
    >>> r.predicted, r.wrong, r.is_pick
    ((3, 4, 5), 1, False)
    """
    predicted = program.continuation(start, len(heldout))
    return Rung(
        label=label,
        form=program.form,
        bits=float(program.bits),
        chars=program.chars,
        display=program.display(),
        predicted=predicted,
        wrong=None if predicted is None else sum(p != h for p, h in zip(predicted, heldout)),
        rmse=None if predicted is None else rmse(predicted, heldout),
        is_pick=program is pick,
    )


@dataclass(frozen=True)
class Ladder:
    """The rungs found for one sequence: one per form (None if none fits), and the runner-up."""

    kind: str  # like "a polynomial"
    rule: str  # like "a(n) = n*n + 1"
    train: tuple[int, ...]
    heldout: tuple[int, ...]
    rungs: dict  # form -> Rung | None, in LADDER order
    misses: Rung | None  # shortest program that fits the training terms but misses a held-out one
    n_programs: int  # programs found that reproduce the training terms
    stopped_by: str

    @property
    def pick(self) -> Rung:
        """The shortest program that fits: the search's pick."""
        return next(r for r in self.rungs.values() if r is not None and r.is_pick)

    @property
    def lookup(self) -> Rung:
        """The lookup table: always found, since it fits anything."""
        return self.rungs["lookup"]

    def __repr__(self) -> str:
        return (f"Ladder({self.kind}: pick {self.pick.form} {self.pick.display!r}, "
                f"{self.pick.bits:.1f} bits, {self.pick.wrong} of {len(self.heldout)} wrong)")


def climb(train: Sequence[int], heldout: Sequence[int], *, kind: str = "", rule: str = "",
          max_size: int = MAX_SIZE, time_limit: float = TIME_LIMIT) -> Ladder:
    """Search ``train`` (from a(0)), and score the shortest program of each form on ``heldout``.

    >>> ladder = climb([n * n for n in range(8)], [64, 81], max_size=3)
    >>> ladder.pick.display, ladder.pick.wrong, ladder.lookup.predicted, ladder.misses.wrong
    ('n*n', 0, None, 2)
    """
    train, heldout = list(train), list(heldout)
    result = search(train, max_size=max_size, time_limit=time_limit, finders=LADDER_FINDERS)
    start, pick = len(train), result.best
    rungs = {}
    for form in LADDER:
        best_of_form = next((p for p in result.programs if p.form == form), None)
        rungs[form] = None if best_of_form is None else rung(form, best_of_form, start, heldout,
                                                              pick)
    bends = [b for p in result.programs if (b := bent(p, start)) is not None and b.fits(train)]
    scored = [rung("fits, misses", p, start, heldout, pick) for p in result.programs + bends
              if p.predicts]
    misses = min((r for r in scored if r.wrong != 0), key=lambda r: r.bits, default=None)
    return Ladder(kind, rule, tuple(train), tuple(heldout), rungs, misses,
                  len(result.programs), result.stats.stopped_by)


@dataclass(frozen=True)
class OccamResult:
    """One ladder per sequence, all searched up to the same size."""

    max_size: int
    ladders: tuple[Ladder, ...]

    def __repr__(self) -> str:
        return f"OccamResult({len(self.ladders)} ladders, max_size={self.max_size})"
