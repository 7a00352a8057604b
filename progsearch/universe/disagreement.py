"""Programs that fit the same terms and disagree about the next one.

The data alone cannot choose a continuation: for ANY value v there is a program that fits the
training terms and predicts v.  Take the shortest formula f and add a term that vanishes on the
training indices and is 1 at the next one: ``comb(n, N)`` is 0 for n < N and 1 for n = N.  So
``f(n) + (v - f(N))*comb(n, N)`` fits the N training terms and says a(N) = v, at a price in bits
that grows with the logarithm of how far v is from f(N).  The table that lists the training terms
and then v is another such program.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..forms import Formula, Lookup, Program
from ..language import OP_BY_NAME, Apply, Const, Var
from ..search import SearchResult, search
from .worlds import next_value


@dataclass(frozen=True)
class Group:
    """The programs that agree on the next term: how many, the shortest, their mixture share."""

    value: int | None  # None: these programs predict nothing
    count: int
    bits: float  # of the shortest program in the group
    display: str  # of the shortest program in the group
    share: float  # the group's part of the 2**-bits mixture


def groups_by_next(result: SearchResult) -> list[Group]:
    """Group the programs of ``result`` by their next term, most probable group first.

    >>> [(g.value, g.display) for g in groups_by_next(search([1, 2, 3, 4], max_size=3))]
    [(5, '1 + n'), (None, 'table of 4 values')]
    """
    n = result.offset + len(result.terms)
    low = result.best.bits
    members: dict[int | None, list[Program]] = {}
    for program in result.programs:  # ranked by bits: each group's first is its shortest
        members.setdefault(next_value(program, n), []).append(program)
    weight = {v: sum(2.0 ** (low - p.bits) for p in ps) for v, ps in members.items()}
    total = sum(weight.values())
    groups = [Group(v, len(ps), ps[0].bits, ps[0].display(), weight[v] / total)
              for v, ps in members.items()]
    return sorted(groups, key=lambda g: (-g.share, g.bits, g.value is None, g.value or 0))


def program_for(formula: Formula, n: int, v: int) -> Formula:
    """``formula`` plus ``(v - formula(n)) * comb(n_, n)``: the same before index ``n``, v at it.

    >>> f = program_for(Formula(Var("n")), 3, 7)
    >>> f.display(), f.terms(0, 5)
    ('n + 4*comb(n, 3)', [0, 1, 2, 7, 20])
    """
    c = v - formula.terms(n, n + 1)[0]
    if c == 0:
        return formula
    bump = Apply(OP_BY_NAME["binomial"], (Var("n"), Const(n)))
    op = OP_BY_NAME["add"] if c > 0 else OP_BY_NAME["sub"]
    term = bump if abs(c) == 1 else Apply(OP_BY_NAME["mul"], (Const(abs(c)), bump))
    return Formula(Apply(op, (formula.expr, term)), formula.offset)


@dataclass(frozen=True)
class Continuation:
    """A chosen next value and the programs that fit the training terms and predict it."""

    value: int
    formula: str  # display of the formula program
    formula_bits: float
    formula_fits: bool  # reproduces the training terms (checked, not assumed)
    formula_predicts: bool  # gives ``value`` at the next index (checked)
    table_bits: float  # the lookup of the training terms followed by ``value``


def continuation(base: Formula, train: Sequence[int], v: int) -> Continuation:
    """The program ``program_for(base, ...)`` for the value ``v`` after ``train``, checked.

    >>> continuation(Formula(Var("n")), [0, 1, 2], 7).formula
    'n + 4*comb(n, 3)'
    """
    n = len(train)
    f = program_for(base, n, v)
    return Continuation(value=v, formula=f.display(), formula_bits=float(f.bits),
                        formula_fits=f.fits(list(train)), formula_predicts=next_value(f, n) == v,
                        table_bits=float(Lookup([*train, v]).bits))


@dataclass(frozen=True)
class Disagreement:
    """The programs that fit ``train``, grouped by next term, and a program per chosen value."""

    train: tuple[int, ...]
    max_size: int
    n_programs: int
    stopped_by: str
    best_bits: float
    best_display: str
    groups: tuple[Group, ...]
    base: str  # the shortest formula, which every continuation program extends
    continuations: tuple[Continuation, ...]

    def __repr__(self) -> str:
        return (f"Disagreement({' '.join(map(str, self.train))}: {self.n_programs} programs, "
                f"{len(self.groups)} next values, {len(self.continuations)} chosen)")


def disagreement(train: Sequence[int], chosen: Sequence[int], *, max_size: int = 7,
                 time_limit: float = 120.0) -> Disagreement:
    """Search ``train`` up to ``max_size``, group the programs by next term, fit every chosen value.

    >>> a = disagreement((0, 1, 4, 9, 16, 25), [0, 100], max_size=3)
    >>> a.groups[0].value, a.base, [c.formula_fits for c in a.continuations]
    (36, 'n*n', [True, True])
    """
    train = tuple(train)
    result = search(list(train), max_size=max_size, time_limit=time_limit)
    base = next((p for p in result.programs if isinstance(p, Formula)), None)
    if base is None:
        raise ValueError(f"train has no formula up to max_size={max_size}: raise max_size")
    return Disagreement(train, max_size, len(result.programs), result.stats.stopped_by,
                        float(result.best.bits), result.best.display(),
                        tuple(groups_by_next(result)), base.display(),
                        tuple(continuation(base, train, v) for v in chosen))
