"""The four program forms, from pure memory to pure rule: Lookup, Periodic, Loop, Formula.

Each program maps an index ``n`` (from ``offset``) to an exact Python integer, renders to
runnable Python defining ``a(n)`` (``.source``, ``.chars``), and has a length in bits under
one prefix-free code (see length.py): a form tag (log2 6 bits), then the body.  The base class
and the table forms (Lookup, Periodic) are in programs.py and re-exported here; the rule
forms, whose body is an expression or a recurrence, are below.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .bigint import int_text, list_literal
from .guards import MAX_RESULT_BITS
from .language import (
    CALL_MODULE,
    CORE_OPS,
    DIVISORS,
    LIBRARY_OPS,
    Apply,
    Const,
    Expr,
    Invalid,
    calls,
    variables,
)
from .length import count_bits, int_bits
from .linear_rules import MAX_SUM_POSITION, LinearRule
from .precurrence import PRecurrence
from .programs import FORM_ORDER, Lookup, Periodic, Program, check_range

__all__ = ["FORM_ORDER", "LIBRARY_BITS", "Formula", "Lookup", "Loop", "Periodic", "Program",
           "expr_bits", "node_symbols"]


def node_symbols(n_vars: int) -> int:
    """How many symbols a node chooses among: the variables, ``const``, the core operators and
    one escape symbol ``lib`` (if there is a library).

    >>> node_symbols(1)  # n, const, 8 core operators, lib
    11
    """
    return n_vars + 1 + len(CORE_OPS) + (1 if LIBRARY_OPS else 0)


LIBRARY_BITS = math.log2(len(LIBRARY_OPS)) if LIBRARY_OPS else 0.0  # after ``lib``: which one


def expr_bits(expr: Expr, n_vars: int) -> float:
    """Bits of an expression: log2(symbols) a node, log2(library operators) more at a library
    operator (the escape ``lib`` then its name: a prefix code), plus each constant's code.

    >>> from progsearch.language import Var
    >>> round(expr_bits(Var('n'), 1), 3)  # one node among 11 symbols
    3.459
    """
    per_node = math.log2(node_symbols(n_vars))
    return per_node * expr.nodes() + _extra_bits(expr)


def _extra_bits(e: Expr) -> float:
    """The bits beyond the node symbols: constants' integer codes, library operators' names."""
    if isinstance(e, Const):
        return int_bits(e.value)
    if isinstance(e, Apply):
        own = LIBRARY_BITS if e.op.library else 0.0
        return own + sum(_extra_bits(arg) for arg in e.args)
    return 0


GUARDED = ("comb", "factorial")  # sources import these from progsearch.guards: same guards


def import_lines(expr: Expr) -> str:
    """The import lines of the calls in ``expr``; ``comb`` and ``factorial`` come with the
    library's guards (progsearch.guards), so that a source stops where the library does.

    >>> from progsearch.language import OP_BY_NAME, Var
    >>> import_lines(Apply(OP_BY_NAME["factorial"], (Var("n"),)))
    'from progsearch.guards import factorial\\n'
    """
    by_module: dict[str, list[str]] = {}
    for name in sorted(calls(expr)):
        module = "progsearch.guards" if name in GUARDED else CALL_MODULE[name]
        by_module.setdefault(module, []).append(name)
    return "".join(f"from {module} import {', '.join(names)}\n"
                   for module, names in sorted(by_module.items()))


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
        >>> Formula(Apply(CORE_OPS[2], (Var('n'), Var('n')))).terms(0, 5)
        [0, 1, 4, 9, 16]
        """
        return [self.expr.eval({"n": n}) for n in range(start, stop)]

    @property
    def source(self) -> str:
        note = size_note(self.expr, ("pow",))
        return f"{import_lines(self.expr)}{note}def a(n):\n    return {self.expr.python()}\n"

    def display(self) -> str:
        return self.expr.python()

    def to_sympy(self):
        return self.expr.sympy()


def size_note(expr: Expr, ops: tuple[str, ...]) -> str:
    """A comment for a source whose ``ops`` (``**``, and ``*`` in a loop) can build integers
    past the library's size guard: Python computes them, where the library gives no value.

    A formula's products are left unmarked: over ``n`` they pass MAX_RESULT_BITS only for n
    far beyond any index a search reaches.
    """
    def uses(e) -> bool:
        return isinstance(e, Apply) and (e.op.name in ops or any(uses(a) for a in e.args))

    if not uses(expr):
        return ""
    return (f"# progsearch gives no value past {MAX_RESULT_BITS} bits (a product or power); "
            "this source does not check\n")


def _linear_note(rule: LinearRule, offset: int) -> str:
    """A comment for the source of a linear rule: where the library gives no value and the
    source does not check.

    >>> print(_linear_note(LinearRule(("s1",), (1,)), 0), end="")
    # progsearch gives no value past 20000 bits, nor past a(1000) (each term sums over all
    # before it); this source does not check
    """
    where = f"past {MAX_RESULT_BITS} bits"
    if any(part[0] == "s" for part in rule.parts):
        where += (f", nor past a({offset + MAX_SUM_POSITION}) (each term sums over all\n"
                  "# before it)")
    return f"# progsearch gives no value {where}; this source does not check\n"


def _exact_step(update: str) -> str:
    """A recurrence's step in Python: a division must be exact, as in the library.

    >>> print(_exact_step("(2*a[-1]) // n"), end="")
            q, r = divmod(2*a[-1], n)
            if r:
                raise ArithmeticError(f"a({n}) is not an integer")
            a.append(q)
    """
    if " // " not in update:
        return f"        a.append({update})\n"
    numerator, divisor = update.rsplit(" // ", 1)
    return (f"        q, r = divmod({numerator[1:-1]}, {divisor})\n        if r:\n"
            '            raise ArithmeticError(f"a({n}) is not an integer")\n'
            "        a.append(q)\n")


class _Terms(dict):
    """A loop's environment at ``n``: reading a term it does not have is :class:`Invalid`."""

    def __init__(self, n: int):
        super().__init__(n=n)

    def __missing__(self, name: str) -> int:
        raise Invalid(f"{name} is not an earlier term at n={self['n']}")


RULE_KINDS = ("expression", "P-recursive", "linear")  # a loop's rule: one of three
RULE_KIND_BITS = math.log2(len(RULE_KINDS))


class Loop(Program):
    """A recurrence: initial values, then ``a(n) = rule(n, a(n-1), ..., a(n-order), a(n//2),
    a(n//3))``.

    The rule is an expression found by search, a P-recursive recurrence solved exactly, or a
    LinearRule (linear_rules.py: sums over the earlier terms) solved exactly.
    Where ``a(n//c)`` is not an earlier term (before the first, or ``a(n)`` itself) the loop
    has no value: :class:`Invalid`, never a wrong number.
    """

    form = "loop"

    def __init__(self, rule: Expr | PRecurrence | LinearRule, initial: Sequence[int],
                 offset: int = 0):
        super().__init__(offset)
        self.rule, self.initial = rule, tuple(initial)
        self._cache = list(self.initial)
        if isinstance(rule, LinearRule) and not rule.defined(self.order, offset):
            raise ValueError(f"initial: {rule} has no value at n = {offset + self.order} (a "
                             "term it reads is not an earlier one); give more initial values")

    @property
    def order(self) -> int:
        return len(self.initial)

    def body_bits(self) -> float:
        head = RULE_KIND_BITS + count_bits(self.order) + sum(int_bits(v) for v in self.initial)
        if isinstance(self.rule, PRecurrence):
            coeffs = [c for row in self.rule.coeffs for c in row]
            late = count_bits(self.order - self.rule.order)  # given terms past its order
            return head + late + count_bits(self.rule.degree) + sum(int_bits(c) for c in coeffs)
        if isinstance(self.rule, LinearRule):
            return head + self.rule.bits()
        return head + expr_bits(self.rule, len(variables(self.order)))

    def _step(self, n: int) -> int:
        if isinstance(self.rule, PRecurrence):
            v = self.rule.next_value(self._cache, n)
            if v is None:
                raise Invalid(f"the recurrence does not give an integer at n={n}")
            return v
        if isinstance(self.rule, LinearRule):
            v = self.rule.next_value(self._cache, self.offset)
            if v is None:
                raise Invalid(f"the rule gives no value at n={n}")
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
        check_range(start, self.offset, "the loop")
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
        if isinstance(self.rule, LinearRule):
            return self.rule.update_source(self.offset)
        text = self.rule.python()
        if self.offset:  # the list starts at a(offset)
            shift = f" - {self.offset}" if self.offset > 0 else f" + {-self.offset}"
            for c in DIVISORS:
                text = text.replace(f"a[n//{c}]", f"a[n//{c}{shift}]")
        return text

    @property
    def source(self) -> str:
        update = self.update_source()
        if isinstance(self.rule, PRecurrence):
            head, step = "", _exact_step(update)
        elif isinstance(self.rule, LinearRule):
            head, step = _linear_note(self.rule, self.offset), _exact_step(update)
        else:
            head = import_lines(self.rule) + size_note(self.rule, ("mul", "pow"))
            step = f"        a.append({update})\n"
        first, o = self.offset + self.order, self.offset
        ret = "a[m]" if o == 0 else f"a[m - {o}]"
        return (f"{head}def a(m):\n    if m < {o}:\n"
                f'        raise ValueError(f"a(n) is defined from n={o}, not n={{m}}")\n'
                f"    a = {list_literal(self.initial)}\n"
                f"    for n in range({first}, m + 1):\n{step}    return {ret}\n")

    def display(self) -> str:
        if isinstance(self.rule, LinearRule):
            return f"a(n) = {self.rule.text(self.offset)}; {self._given_text()}"
        upd = self.update_source() if isinstance(self.rule, PRecurrence) else self.rule.python()
        for i in range(1, self.order + 1):
            upd = upd.replace(f"a[-{i}]", f"a(n-{i})")
        for c in DIVISORS:
            upd = upd.replace(f"a[n//{c}]", f"a(n//{c})")
        return f"a(n) = {upd}; {self._given_text()}"

    def _given_text(self) -> str:
        """The initial values, like 'a(0..1) = 0, 1'."""
        last = self.offset + self.order - 1
        init = ", ".join(map(int_text, self.initial))
        where = f"a({self.offset})" if self.order == 1 else f"a({self.offset}..{last})"
        return f"{where} = {init}"

    def to_sympy(self):
        if isinstance(self.rule, PRecurrence):
            return self.rule.to_sympy()
        if isinstance(self.rule, LinearRule):
            return self.rule.to_sympy(self.offset)
        import sympy

        n = sympy.Symbol("n", integer=True)
        return sympy.Eq(sympy.Function("a")(n), self.rule.sympy())
