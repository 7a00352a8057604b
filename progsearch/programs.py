"""Program, the base of every form, and the two table forms: Lookup and Periodic.

Each program maps an index ``n`` (from ``offset``) to an exact Python integer, renders to
runnable Python defining ``a(n)`` (``.source``, ``.chars``), and has a length in bits under
one prefix-free code (see length.py): a form tag (log2 6 bits), then the body.  The rule forms,
Formula and Loop, are in forms.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from .bigint import int_text, list_literal
from .language import Invalid
from .length import FORM_TAG_BITS, table_bits

FORM_ORDER = {"formula": 0, "loop": 1, "filter": 2, "transform": 3, "periodic": 4,
              "lookup": 5}  # tie-break: rule first, memory last


class Program:
    """Base class: ``form``, ``bits``, ``chars``, ``source``, ``terms(start, stop)``."""

    form = ""
    predicts = True  # False for a lookup table: it has nothing past its table

    def __init__(self, offset: int):
        self.offset = offset

    @cached_property
    def bits(self) -> float:
        """Length in bits: the form tag, then the body (see length.py)."""
        return FORM_TAG_BITS + self.body_bits()

    @property
    def chars(self) -> int:
        """Length of the Python source less its guards, which a student can count.

        A guard is an ``if`` whose body only raises (the index range, a bound), or a comment
        line: it says where the program has no value, it is not the rule.
        """
        return len(self.rule_text)

    @cached_property
    def rule_text(self) -> str:
        """The source less its guards (see :func:`unguarded`): what ``chars`` counts."""
        return unguarded(self.source)

    def body_bits(self) -> float:
        raise NotImplementedError

    def terms(self, start: int, stop: int) -> list[int]:
        """a(n) for n in range(start, stop), as exact Python integers."""
        raise NotImplementedError

    def display(self) -> str:
        """A short one-line description for tables."""
        raise NotImplementedError

    def to_sympy(self):
        raise TypeError(f"a {self.form} program has no SymPy form")

    def latex(self) -> str:
        """LaTeX of the SymPy form."""
        import sympy

        return sympy.latex(self.to_sympy())

    def key(self) -> tuple:
        """Ranking key: shortest first; ties by form (rule before memory), then text."""
        text = self.rule_text  # guards do not decide a tie: they are not the rule
        return (round(self.bits, 9), FORM_ORDER[self.form], len(text), text)

    def continuation(self, start: int, k: int) -> tuple[int, ...] | None:
        """The values at ``start .. start+k-1``, or None where the program gives none.

        >>> Periodic([1, 2]).continuation(4, 3), Lookup([1, 2]).continuation(2, 1)
        ((1, 2, 1), None)
        """
        if not self.predicts:
            return None  # a lookup table has nothing past its table
        seq = self.prefix(start, k)
        return seq if len(seq) == k else None

    def prefix(self, start: int, k: int) -> tuple[int, ...]:
        """The values from ``start`` up to the first the program cannot compute (at most ``k``).

        A value the program cannot give (an operator outside its domain, a guard, the end of
        its range) ends the prefix; the values before it still hold.  A lookup table gives ().

        >>> from progsearch.language import OP_BY_NAME, Apply, Const, Var
        >>> from progsearch.forms import Formula
        >>> six_less = Apply(OP_BY_NAME["sub"], (Const(6), Var("n")))
        >>> Formula(Apply(OP_BY_NAME["floordiv"], (Const(12), six_less))).prefix(3, 5)  # 12//(6-n)
        (4, 6, 12)
        """
        if not self.predicts or k <= 0:
            return ()
        try:
            return tuple(self.terms(start, start + k))
        except (ArithmeticError, ValueError):  # an operator outside its domain (Invalid)
            pass
        lo, hi = 0, k  # the first lo values are computable, the first hi are not
        while hi - lo > 1:  # computable prefixes nest: halve the range
            mid = (lo + hi) // 2
            try:
                self.terms(start, start + mid)
                lo = mid
            except (ArithmeticError, ValueError):
                hi = mid
        return tuple(self.terms(start, start + lo)) if lo else ()

    def fits(self, terms: Sequence[int]) -> bool:
        """Whether the program reproduces ``terms`` (from its offset) exactly."""
        try:
            return self.terms(self.offset, self.offset + len(terms)) == list(terms)
        except (Invalid, ValueError, ZeroDivisionError, OverflowError):
            return False

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.display()}, {self.bits:.1f} bits)"


_GUARDS = re.compile(r"^ *#.*\n|^( *)(if|except) .*:.*\n\1    raise\b.*\n"
                     r"|^from progsearch\.(guards import TooBig|ntheory import PastBound)\n", re.M)


def unguarded(source: str) -> str:
    r"""``source`` without its guards: comment lines, ``if``s and ``except``s that only raise
    (and what they import), and the guarded imports (``progsearch.guards``) read as the plain
    ones (``math``).

    >>> unguarded("def a(n):\n    if n < 0:\n        raise ValueError(n)\n    return n\n")
    'def a(n):\n    return n\n'
    """
    return _GUARDS.sub("", source).replace("from progsearch.guards import", "from math import")


def check_range(n: int, lo: int, what: str) -> None:
    """ValueError unless n >= lo, the first index where `what` is defined."""
    if n < lo:
        raise ValueError(f"{what} is defined from n={lo}, not n={n}")


def _index(offset: int) -> str:
    return "n" if offset == 0 else f"n - {offset}" if offset > 0 else f"n + {-offset}"


class _Table(Program):
    """A form whose body is a table of values: its length, then each value (length.table_bits)."""

    def __init__(self, values: Sequence[int], offset: int = 0):
        super().__init__(offset)
        self.values = tuple(values)

    def body_bits(self) -> float:
        return table_bits(self.values)


class Lookup(_Table):
    """A table of the training values: reproduces anything, predicts nothing."""

    form = "lookup"
    predicts = False

    def terms(self, start: int, stop: int) -> list[int]:
        """Table values; outside the table there is no value.

        >>> Lookup([3, 5, 7], offset=1).terms(1, 3)
        [3, 5]
        """
        check_range(start, self.offset, "the lookup table")
        if stop > self.offset + len(self.values):
            raise ValueError(f"the lookup table ends at n={self.offset + len(self.values) - 1}")
        return list(self.values[start - self.offset: stop - self.offset])

    @property
    def source(self) -> str:
        lo, hi = self.offset, self.offset + len(self.values) - 1
        return (f"def a(n):\n    if not {lo} <= n <= {hi}:\n"
                '        raise ValueError(f"the table has no a({n})")\n'
                f"    return {list_literal(self.values)}[{_index(self.offset)}]\n")

    def display(self) -> str:
        return f"table of {len(self.values)} values"


class Periodic(_Table):
    """One period of values, repeated: ``[1, 2, 0][n % 3]``."""

    form = "periodic"

    @property
    def period(self) -> tuple[int, ...]:
        """The values of one period (the table)."""
        return self.values

    def terms(self, start: int, stop: int) -> list[int]:
        """The period, repeated.

        >>> Periodic([1, 2, 0]).terms(0, 7)
        [1, 2, 0, 1, 2, 0, 1]
        """
        p = len(self.period)
        return [self.period[(n - self.offset) % p] for n in range(start, stop)]

    @property
    def source(self) -> str:
        p = len(self.period)
        idx = "n" if self.offset == 0 else f"({_index(self.offset)})"
        return f"def a(n):\n    return {list_literal(self.period)}[{idx} % {p}]\n"

    def display(self) -> str:
        idx = "n" if self.offset == 0 else f"({_index(self.offset)})"
        values = ", ".join(map(int_text, self.period))
        return f"[{values}][{idx} % {len(self.period)}]"
