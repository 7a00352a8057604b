"""The four program forms, from pure memory to pure rule: Lookup, Periodic, Loop, Formula.

Each program maps an index ``n`` (from ``offset``) to an exact Python integer, renders to
runnable Python defining ``a(n)`` (``.source``, ``.chars``), and has a length in bits under
one prefix-free code (see length.py): a 2-bit form tag, then the body.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cached_property

from .language import DIVISORS, OPS, Apply, Const, Expr, Invalid, calls, variables
from .length import FORM_TAG_BITS, count_bits, int_bits, table_bits
from .recurrences import PRecurrence

FORM_ORDER = {"formula": 0, "loop": 1, "periodic": 2, "lookup": 3}  # tie-break: rule first


def expr_bits(expr: Expr, n_vars: int) -> float:
    """Bits of an expression: log2(symbols) a node, plus the integer code of each constant.

    The symbols are the variables, one ``const`` symbol and the operators.

    >>> from progsearch.language import Var
    >>> round(expr_bits(Var('n'), 1), 3)  # one node among 10 symbols
    3.322
    """
    per_node = math.log2(n_vars + 1 + len(OPS))
    return per_node * expr.nodes() + _const_bits(expr)


def _const_bits(e: Expr) -> int:
    if isinstance(e, Const):
        return int_bits(e.value)
    if isinstance(e, Apply):
        return sum(_const_bits(arg) for arg in e.args)
    return 0


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
        """Length of the Python source, which a student can count."""
        return len(self.source)

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
        return (round(self.bits, 9), FORM_ORDER[self.form], len(self.source), self.source)

    def continuation(self, start: int, k: int) -> tuple[int, ...] | None:
        """The values at ``start .. start+k-1``, or None where the program gives none.

        >>> Periodic([1, 2]).continuation(4, 3), Lookup([1, 2]).continuation(2, 1)
        ((1, 2, 1), None)
        """
        if not self.predicts:
            return None  # a lookup table has nothing past its table
        try:
            return tuple(self.terms(start, start + k))
        except (ArithmeticError, ValueError):  # an operator outside its domain (Invalid)
            return None

    def fits(self, terms: Sequence[int]) -> bool:
        """Whether the program reproduces ``terms`` (from its offset) exactly."""
        try:
            return self.terms(self.offset, self.offset + len(terms)) == list(terms)
        except (Invalid, ValueError, ZeroDivisionError, OverflowError):
            return False

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.display()}, {self.bits:.1f} bits)"


def _check_range(n: int, lo: int, what: str) -> None:
    if n < lo:
        raise ValueError(f"{what} is defined from n={lo}, not n={n}")


def _index(offset: int) -> str:
    return "n" if offset == 0 else f"n - {offset}" if offset > 0 else f"n + {-offset}"


class Lookup(Program):
    """A table of the training values: reproduces anything, predicts nothing."""

    form = "lookup"
    predicts = False

    def __init__(self, values: Sequence[int], offset: int = 0):
        super().__init__(offset)
        self.values = tuple(values)

    def body_bits(self) -> float:
        return table_bits(self.values)

    def terms(self, start: int, stop: int) -> list[int]:
        """Table values; outside the table there is no value.

        >>> Lookup([3, 5, 7], offset=1).terms(1, 3)
        [3, 5]
        """
        _check_range(start, self.offset, "the lookup table")
        if stop > self.offset + len(self.values):
            raise ValueError(f"the lookup table ends at n={self.offset + len(self.values) - 1}")
        return list(self.values[start - self.offset: stop - self.offset])

    @property
    def source(self) -> str:
        return f"def a(n):\n    return {list(self.values)}[{_index(self.offset)}]\n"

    def display(self) -> str:
        return f"table of {len(self.values)} values"


class Periodic(Program):
    """One period of values, repeated: ``[1, 2, 0][n % 3]``."""

    form = "periodic"

    def __init__(self, period: Sequence[int], offset: int = 0):
        super().__init__(offset)
        self.period = tuple(period)

    def body_bits(self) -> float:
        return table_bits(self.period)

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
        return f"def a(n):\n    return {list(self.period)}[{idx} % {p}]\n"

    def display(self) -> str:
        idx = "n" if self.offset == 0 else f"({_index(self.offset)})"
        return f"{list(self.period)}[{idx} % {len(self.period)}]"


def _imports(expr: Expr) -> str:
    names = sorted(calls(expr))
    return f"from math import {', '.join(names)}\n" if names else ""


class Formula(Program):
    """A closed form: an expression over ``n``."""

    form = "formula"

    def __init__(self, expr: Expr, offset: int = 0):
        super().__init__(offset)
        self.expr = expr

    def body_bits(self) -> float:
        return expr_bits(self.expr, 1)

    def terms(self, start: int, stop: int) -> list[int]:
        """The expression at each n.

        >>> from progsearch.language import Var
        >>> Formula(Apply(OPS[2], (Var('n'), Var('n')))).terms(0, 5)
        [0, 1, 4, 9, 16]
        """
        return [self.expr.eval({"n": n}) for n in range(start, stop)]

    @property
    def source(self) -> str:
        return f"{_imports(self.expr)}def a(n):\n    return {self.expr.python()}\n"

    def display(self) -> str:
        return self.expr.python()

    def to_sympy(self):
        return self.expr.sympy()


class _Terms(dict):
    """A loop's environment at ``n``: reading a term it does not have is :class:`Invalid`."""

    def __init__(self, n: int):
        super().__init__(n=n)

    def __missing__(self, name: str) -> int:
        raise Invalid(f"{name} is not an earlier term at n={self['n']}")


class Loop(Program):
    """A recurrence: initial values, then ``a(n) = rule(n, a(n-1), ..., a(n-order), a(n//2),
    a(n//3))``.

    The rule is an expression found by search, or a P-recursive recurrence solved exactly.
    Where ``a(n//c)`` is not an earlier term (before the first, or ``a(n)`` itself) the loop
    has no value: :class:`Invalid`, never a wrong number.
    """

    form = "loop"

    def __init__(self, rule: Expr | PRecurrence, initial: Sequence[int], offset: int = 0):
        super().__init__(offset)
        self.rule, self.initial = rule, tuple(initial)
        self._cache = list(self.initial)

    @property
    def order(self) -> int:
        return len(self.initial)

    def body_bits(self) -> float:
        # 1 bit: the rule is an expression or a P-recursive recurrence
        head = 1 + count_bits(self.order) + sum(int_bits(v) for v in self.initial)
        if isinstance(self.rule, PRecurrence):
            coeffs = [c for row in self.rule.coeffs for c in row]
            return head + count_bits(self.rule.degree) + sum(int_bits(c) for c in coeffs)
        return head + expr_bits(self.rule, len(variables(self.order)))

    def _step(self, n: int) -> int:
        if isinstance(self.rule, PRecurrence):
            v = self.rule.next_value(self._cache, n)
            if v is None:
                raise Invalid(f"the recurrence does not give an integer at n={n}")
            return v
        env = _Terms(n)
        env.update({f"a{i}": self._cache[-i] for i in range(1, self.order + 1)})
        for c in DIVISORS:
            j = n // c - self.offset
            if 0 <= j < len(self._cache):  # else a(n//c) is before the first term, or a(n)
                env[f"d{c}"] = self._cache[j]
        return self.rule.eval(env)

    def terms(self, start: int, stop: int) -> list[int]:
        """Run the loop from the initial values (cached, so later calls are cheap).

        >>> from progsearch.language import Var, OP_BY_NAME
        >>> fib = Loop(Apply(OP_BY_NAME['add'], (Var('a1'), Var('a2'))), [0, 1])
        >>> fib.terms(0, 10)
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
        """
        _check_range(start, self.offset, "the loop")
        while self.offset + len(self._cache) < stop:
            self._cache.append(self._step(self.offset + len(self._cache)))
        return self._cache[start - self.offset: stop - self.offset]

    def update_source(self) -> str:
        """The new term in Python, from ``n`` and the list ``a`` of the terms so far.

        >>> from progsearch.language import Var, OP_BY_NAME
        >>> Loop(Apply(OP_BY_NAME['add'], (Var('d2'), Const(1))), [0], offset=1).update_source()
        'a[n//2 - 1] + 1'
        """
        if isinstance(self.rule, PRecurrence):
            return self.rule.update_source()
        text = self.rule.python()
        if self.offset:  # the list starts at a(offset)
            shift = f" - {self.offset}" if self.offset > 0 else f" + {-self.offset}"
            for c in DIVISORS:
                text = text.replace(f"a[n//{c}]", f"a[n//{c}{shift}]")
        return text

    @property
    def source(self) -> str:
        imports = "" if isinstance(self.rule, PRecurrence) else _imports(self.rule)
        first = self.offset + self.order
        ret = "a[m]" if self.offset == 0 else f"a[m - {self.offset}]"
        return (f"{imports}def a(m):\n    a = {list(self.initial)}\n"
                f"    for n in range({first}, m + 1):\n"
                f"        a.append({self.update_source()})\n    return {ret}\n")

    def display(self) -> str:
        upd = self.update_source() if isinstance(self.rule, PRecurrence) else self.rule.python()
        for i in range(1, self.order + 1):
            upd = upd.replace(f"a[-{i}]", f"a(n-{i})")
        for c in DIVISORS:
            upd = upd.replace(f"a[n//{c}]", f"a(n//{c})")
        last = self.offset + self.order - 1
        init = ", ".join(map(str, self.initial))
        where = f"a({self.offset})" if self.order == 1 else f"a({self.offset}..{last})"
        return f"a(n) = {upd}; {where} = {init}"

    def to_sympy(self):
        if isinstance(self.rule, PRecurrence):
            return self.rule.to_sympy()
        import sympy

        n = sympy.Symbol("n", integer=True)
        return sympy.Eq(sympy.Function("a")(n), self.rule.sympy())
