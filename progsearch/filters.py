"""The filter form: a(n) is the n-th integer k >= k0 for which a predicate p(k) is nonzero.

``Filter(p, k0, offset)``: a(offset) is the first k >= k0 with p(k) != 0, a(offset+1) the
next, and so on.  The predicate is an expression over the variable ``n`` of the language,
read and printed as ``k``.  Where p(k) is undefined (:class:`~progsearch.language.Invalid`,
an operator outside its domain or past its bound) k is not taken: it counts as false.  The
scan is exact, with Python integers; a term more than MAX_GAP integers past the one before
(or past k0 - 1) is no value (Invalid), never a hang.

Code: the form tag, then k0 (integer code), then the predicate (as a formula's expression).

The finder (find_filters) grows the expression engine on the integers k from the first term
to the last and a few past it, with the characteristic function of the terms as its target
(1 where k is a term, 0 where not): it finds the predicates whose values there are 0 or 1.
"""

from __future__ import annotations

import re

import numpy as np

from .budget import Budget
from .engine import Engine, Stop
from .engine.blocks import blocks_of
from .enumeration import CONSTANTS, FIT
from .forms import expr_bits, import_lines, size_note
from .guards import TooBig
from .language import OPS, Apply, Const, Expr, Invalid, Var, calls
from .length import int_bits
from .library import INDEX_OPS
from .programs import Program, check_range

MAX_GAP = 10**5  # a term further than this past the one before (or k0 - 1) is no value
_GUARD_IMPORTS = "from progsearch.guards import TooBig\nfrom progsearch.ntheory import PastBound\n"
TOTAL_OPS = ("add", "sub", "mul")  # operators that never raise in Python (no try in .source)
PREDICATE_OPS = tuple(op for op in OPS if op.name not in INDEX_OPS)  # p(k) is about k, not n

MIN_TERMS = 4  # the finder needs this many terms
MAX_SPAN = 300  # ... spanning at most this many integers (last - first)
EXTRA_POINTS = 8  # the predicate is also evaluated at this many integers past the last term
MAX_WORK = 2e8  # the finder's engine work (candidates times points, over sizes): ~0.2 s
MAX_EXAMINED = 100  # engine hits turned into programs, shortest first
NEXT = 10  # a reported filter has its next NEXT terms close by (see _lookahead_gap)


def _k_text(expr: Expr) -> str:
    """The predicate in Python, with its variable written ``k``."""
    return re.sub(r"\bn\b", "k", expr.python())


def _ordinal(offset: int) -> str:
    """Which k a(n) is: 'n-th' from offset 1, '(n+1)-th' from offset 0, ..."""
    shift = 1 - offset
    return "n-th" if shift == 0 else f"(n{shift:+d})-th"


def _count(offset: int) -> str:
    """How many k a(n) counts, in Python: n - offset + 1."""
    shift = 1 - offset
    return "n" if shift == 0 else f"n {'+' if shift > 0 else '-'} {abs(shift)}"


def _total(expr: Expr) -> bool:
    """Whether the expression only adds, subtracts and multiplies (never raises)."""
    return not isinstance(expr, Apply) or (expr.op.name in TOTAL_OPS
                                           and all(_total(arg) for arg in expr.args))


class Filter(Program):
    """a(n) = the n-th integer k >= k0 with p(k) nonzero (counted from ``offset``).

    Body bits: ``int_bits(k0)`` (the integer code) plus ``expr_bits(predicate, 1)``.

    >>> from progsearch.language import OP_BY_NAME, Apply
    >>> odd = Filter(Apply(OP_BY_NAME['mod'], (Var('n'), Const(2))), k0=0, offset=1)
    >>> odd.terms(1, 6), odd.display()
    ([1, 3, 5, 7, 9], 'a(n) = the n-th k >= 0 with k%2')
    """

    form = "filter"

    def __init__(self, predicate: Expr, k0: int = 0, offset: int = 0):
        super().__init__(offset)
        self.predicate, self.k0 = predicate, k0
        self._found: list[int] = []  # the terms found so far, from a(offset)
        self._next = k0  # the next k to test

    def body_bits(self) -> float:
        return int_bits(self.k0) + expr_bits(self.predicate, 1)

    def holds(self, k: int) -> bool:
        """Whether p(k) is nonzero; undefined (Invalid) counts as false.

        A value past a guard (TooBig: too large, past a table) is unknown, not false: it
        raises Invalid, so the term has no value rather than a wrong one.
        """
        try:
            return self.predicate.eval({"n": k}) != 0
        except TooBig as e:
            raise Invalid(f"p({k}) is past a guard: {e}") from None
        except ArithmeticError:  # Invalid, ZeroDivisionError, ntheory's OutOfDomain
            return False

    def first_terms(self, count: int, max_gap: int = MAX_GAP) -> list[int] | None:
        """The first ``count`` terms, or None if one is more than ``max_gap`` past the last.

        The scan is kept (cached), so asking again, or for more, starts where it stopped.

        >>> from progsearch.language import OP_BY_NAME, Apply
        >>> f = Filter(Apply(OP_BY_NAME['floordiv'], (Const(5), Var('n'))), k0=1)  # 5//k
        >>> f.first_terms(5), f.first_terms(6, max_gap=100)
        ([1, 2, 3, 4, 5], None)
        """
        found = self._found
        while len(found) < count:
            prev = found[-1] if found else self.k0 - 1
            k = self._next
            while k - prev <= max_gap and not self.holds(k):
                k += 1
            self._next = k
            if k - prev > max_gap:
                return None
            found.append(k)
            self._next = k + 1
        return found[:count]

    def terms(self, start: int, stop: int) -> list[int]:
        """The ``start - offset + 1``-th k with p(k) nonzero, and on to ``stop`` (exclusive).

        >>> from progsearch.language import OP_BY_NAME, Apply
        >>> Filter(Apply(OP_BY_NAME['mod'], (Var('n'), Const(3))), k0=1, offset=0).terms(0, 5)
        [1, 2, 4, 5, 7]
        """
        check_range(start, self.offset, "the filter")
        if stop <= start:
            return []
        found = self.first_terms(stop - self.offset)
        if found is None:
            raise Invalid(f"no k within {MAX_GAP} of a({len(self._found) + self.offset - 1})")
        return found[start - self.offset:]

    @property
    def source(self) -> str:
        pred = _k_text(self.predicate)
        unknown = ""  # past a guard p(k) is unknown, not false: a(n) then has no value
        if calls(self.predicate):
            unknown = ("    except (TooBig, PastBound):  # past a guard: unknown, no value\n"
                       "        raise\n")
        body = (f"    return {pred}\n" if _total(self.predicate) else
                f"    try:\n        return {pred}\n{unknown}"
                "    except (ArithmeticError, ValueError):  # undefined: false\n"
                "        return 0\n")
        imports = (import_lines(self.predicate) + (_GUARD_IMPORTS if unknown else "")
                   + size_note(self.predicate, ("pow",)))
        return (f"{imports}def p(k):\n{body}\ndef a(n):\n"
                f"    if n < {self.offset}:\n"
                f'        raise ValueError(f"a(n) is defined from n={self.offset}, not n={{n}}")\n'
                f"    k = {self.k0 - 1}\n    for _ in range({_count(self.offset)}):\n"
                "        k, last = k + 1, k\n        while not p(k):\n            k += 1\n"
                f"            if k - last > {MAX_GAP}:\n"
                f'                raise ArithmeticError(f"no k within {MAX_GAP} of {{last}}")\n'
                "    return k\n")

    def display(self) -> str:
        return f"a(n) = the {_ordinal(self.offset)} k >= {self.k0} with {_k_text(self.predicate)}"

    def to_sympy(self):
        """The predicate p(k) in SymPy: a(n) is the n-th k >= k0 where it is nonzero."""
        import sympy

        n, k = sympy.Symbol("n", integer=True), sympy.Symbol("k", integer=True)
        return sympy.sympify(self.predicate.sympy()).subs(n, k)

    def latex(self) -> str:
        """The whole statement in LaTeX: which k, from where, with which predicate."""
        import sympy

        which = _ordinal(self.offset).replace("-th", "")
        return (rf"a(n) = \text{{the }} {which}\text{{-th }} k \geq {self.k0}"
                rf" \text{{ with }} {sympy.latex(self.to_sympy())} \neq 0")


# -- the finder -----------------------------------------------------------------------------
def _eligible(terms: list[int]) -> bool:
    """Enough terms, strictly increasing with a gap somewhere (consecutive integers are the
    formula k0 + n, not a filter), within MAX_SPAN integers, small enough for int64."""
    return (len(terms) >= MIN_TERMS and all(x < y for x, y in zip(terms, terms[1:]))
            and terms[-1] - terms[0] >= len(terms) and terms[-1] - terms[0] <= MAX_SPAN
            and max(abs(terms[0]), abs(terms[-1] + EXTRA_POINTS)) < FIT)


def filter_engine(terms: list[int]) -> Engine:
    """An engine over k = the first term .. the last + EXTRA_POINTS; target: k is a term.

    The points past the last term are not required: predicates that agree on the terms but
    not beyond stay distinct.

    >>> filter_engine([1, 3, 5, 7]).target.tolist()
    [1, 0, 1, 0, 1, 0, 1]
    """
    points = list(range(terms[0], terms[-1] + 1 + EXTRA_POINTS))
    required = np.array([k <= terms[-1] for k in points])
    members = set(terms)
    target = np.array([int(k in members) for k in points if k <= terms[-1]], dtype=np.int64)
    consts = [Const(c) for c in CONSTANTS]
    vals = np.array([points] + [[c.value] * len(points) for c in consts], dtype=np.int64)
    return Engine([Var("n")] + consts, vals, required, target, ops=PREDICATE_OPS)


def _work(eng: Engine, size: int, guess: int = 0) -> tuple[int, float]:
    """(candidates, candidates times points) of a size; ``guess``: the size before, unbuilt."""
    lens = [len(b) if b is not None else 0 for b in eng.banks] + [guess]
    pairs = sum(lens[i] * (lens[j] if j else 1) for _, _, i, j in blocks_of(eng.ops, size))
    return pairs, float(pairs) * eng.required.size


def _grow(eng: Engine, budget: Budget) -> None:
    """Grow sizes while the work (MAX_WORK) and the budget allow; the last one: hits only.

    A size whose target hits cost more than the work left is not grown.  A size is kept
    (which costs about as much again) only if the next one fits in the work left too.
    """
    def check() -> None:
        budget.check(eng.nbytes)

    spent = 0.0
    try:
        while (size := eng.stats.max_size + 1) <= budget.max_size:
            pairs, hits = _work(eng, size)
            if spent + hits > MAX_WORK:
                return
            keep = (size < budget.max_size
                    and spent + 2 * hits + _work(eng, size + 1, guess=pairs)[1] <= MAX_WORK)
            check()
            eng.grow(check, keep=keep)
            spent += 2 * hits if keep else hits
            if not keep:
                return
    except Stop as stop:
        budget.stopped(stop.reason)
    except KeyboardInterrupt:
        budget.stopped("interrupt")


def _cheapest(expr: Expr, terms: list[int], offset: int) -> Filter | None:
    """The filter with this predicate that fits, from the cheapest k0: 0, 1 or the first term."""
    fits = [Filter(expr, k0, offset) for k0 in sorted({0, 1, terms[0]})
            if k0 <= terms[0] and int_bits(k0) <= int_bits(terms[0])]
    return min((p for p in fits if p.fits(terms)), key=_rank, default=None)


def _rank(prog: Filter) -> tuple:
    """Shortest first, then the shortest source (Program.key among filters alone)."""
    return (round(prog.bits, 9), len(prog.source), prog.source)


def _lookahead_gap(terms: list[int]) -> int:
    """The largest gap a reported filter may have in its next NEXT terms: 4 times the largest
    gap in the terms, plus 16.  Filters that stop, or leap far past any gap they were trained
    on, are not reported: predicting with them would cost a long scan to say little."""
    return 4 * max(y - x for x, y in zip(terms, terms[1:])) + 16


def find_filters(terms: list[int], offset: int, budget: Budget) -> list[Program]:
    """Filters whose predicate the engine finds for the characteristic function of the terms.

    Only for MIN_TERMS or more strictly increasing terms spanning at most MAX_SPAN integers.
    Of the filters that continue alike (the next NEXT terms), only the shortest is kept.

    >>> progs = find_filters([1, 2, 4, 5, 7, 8, 10, 11], 1, Budget(60.0, 5, 2**30))
    >>> min(progs, key=_rank).display()
    'a(n) = the n-th k >= 0 with k*k%3'
    """
    if not _eligible(terms):
        return []
    eng = filter_engine(terms)
    eng.limit(budget.max_bytes, budget.memory, budget.deadline)
    _grow(eng, budget)
    budget.stats.candidates += eng.stats.candidates
    budget.stats.distinct += eng.stats.distinct
    best: dict[tuple, Program] = {}
    gap = _lookahead_gap(terms)
    for hit in eng.solutions[:MAX_EXAMINED]:
        prog = _cheapest(eng.expr(hit), terms, offset)
        ahead = prog and prog.first_terms(len(terms) + NEXT, max_gap=gap)
        if ahead:
            key = tuple(ahead[len(terms):])
            if key not in best or _rank(prog) < _rank(best[key]):
                best[key] = prog
    return list(best.values())
