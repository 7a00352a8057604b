"""The expression language: immutable nodes, operators as one data table, rendering.

An expression maps an environment (``n`` and, inside a loop, the previous terms ``a1``,
``a2``, ... meaning ``a(n-1)``, ``a(n-2)``, ..., and ``d2``, ``d3`` meaning ``a(n//2)``,
``a(n//3)``) to a Python integer.  Every operator is a row of :data:`OPS` with its exact
function and the guards that name its failure modes; a guard failure raises
:class:`Invalid`, which makes the whole expression undefined there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .guards import (
    Invalid,
    TooBig,
    check_size,
    exact_binomial,
    exact_factorial,
    exact_floordiv,
    exact_mod,
    exact_pow,
)
from .kernels import (
    add_block,
    binomial_block,
    binomial_bottom_range,
    binomial_const,
    binomial_top_range,
    exponent_range,
    factorial_block,
    factorial_range,
    floordiv_block,
    floordiv_const,
    mod_block,
    mod_const,
    mul_block,
    nonzero,
    pow_block,
    pow_const,
    sub_block,
)
from .library import LIBRARY, MODULE, LibrarySpec
from .ntheory import OutOfDomain, PastBound


def _sp():
    """SymPy, imported on first use (it takes most of a second to import)."""
    import sympy

    return sympy


@dataclass(frozen=True)
class Op:
    """One operator: its Python rendering, exact function and SymPy builder, and for the
    engine its NumPy kernels (:mod:`progsearch.kernels`) and search limits."""

    name: str
    arity: int
    symbol: str  # infix symbol, or function name for calls
    prec: int  # Python precedence: 1 for + -, 2 for * // %, 4 for **, 9 for calls
    func: Callable[..., int]  # exact, on Python ints; raises Invalid outside its domain
    to_sympy: Callable[..., object]
    kernel: Callable  # (a, b) -> (values, undefined) on int64 blocks; b is None if unary
    scalar: Callable | None = None  # (a, c) -> the same for one int c as b: a fast path
    domain: tuple = (None, None)  # per operand, a test of its values (None: any value)
    max_nodes: tuple = (None, None)  # per operand, the most nodes the search builds it from
    commutative: bool = False
    library: bool = False  # priced by the escape symbol, then its index among the library ops
    module: str = "math"  # where a call (prec 9) is imported from in rendered Python

    def __repr__(self) -> str:
        return f"Op({self.name!r})"

    def __reduce__(self):
        return (op_named, (self.name,))  # pickled by name: its functions are lambdas


CORE_OPS: tuple[Op, ...] = (
    Op("add", 2, "+", 1, lambda x, y: x + y, lambda x, y: x + y, add_block, commutative=True),
    Op("sub", 2, "-", 1, lambda x, y: x - y, lambda x, y: x - y, sub_block),
    Op("mul", 2, "*", 2, lambda x, y: check_size(x * y), lambda x, y: x * y, mul_block,
       commutative=True),
    Op("floordiv", 2, "//", 2, exact_floordiv, lambda x, y: _sp().floor(x / y), floordiv_block,
       scalar=floordiv_const, domain=(None, nonzero), max_nodes=(None, 3)),
    Op("mod", 2, "%", 2, exact_mod, lambda x, y: _sp().Mod(x, y), mod_block,
       scalar=mod_const, domain=(None, nonzero), max_nodes=(None, 3)),
    Op("pow", 2, "**", 4, exact_pow, lambda x, y: x**y, pow_block,
       scalar=pow_const, domain=(None, exponent_range), max_nodes=(3, 3)),
    Op("binomial", 2, "comb", 9, exact_binomial, lambda x, y: _sp().binomial(x, y), binomial_block,
       scalar=binomial_const, domain=(binomial_top_range, binomial_bottom_range),
       max_nodes=(3, 1)),
    Op("factorial", 1, "factorial", 9, exact_factorial, lambda x: _sp().factorial(x),
       factorial_block, domain=(factorial_range,), max_nodes=(3,)),
)
"""The core operators: a node names one of them directly (forms.expr_bits)."""


def _library_row(spec: LibrarySpec) -> Op:
    """A library operator as a row: its exact function raises :class:`Invalid` outside."""
    def func(*args: int) -> int:
        try:
            return spec.exact(*args)
        except PastBound as e:
            raise TooBig(str(e)) from None
        except OutOfDomain as e:
            raise Invalid(str(e)) from None

    return Op(spec.name, spec.arity, spec.name, 9, func, spec.to_sympy, spec.kernel,
              domain=spec.domain, max_nodes=spec.max_nodes, commutative=spec.commutative,
              library=True, module=MODULE)


LIBRARY_OPS: tuple[Op, ...] = tuple(_library_row(spec) for spec in LIBRARY)
OPS: tuple[Op, ...] = CORE_OPS + LIBRARY_OPS
"""Every operator, one row each: the engine and the pricing read everything from here.

To add an operator, add a row: its exact ``func`` (guards raise :class:`Invalid`; cap results
with ``check_size``) and its NumPy ``kernel`` in kernels.py (flag every value that leaves
int64), optionally a ``scalar`` fast path, operand ``domain`` tests and ``max_nodes`` caps.
The engine hashes ``+ - *`` and computes every other row from its kernel.  The price: a node
costs log2(variables + const + core operators + 1) bits, the last symbol the escape to the
library, whose operators cost log2(len(LIBRARY_OPS)) more (forms.expr_bits); a new core row
makes every node dearer, a new library row only the library's.  Number theory is added in
library.py (one spec, from progsearch.ntheory).
"""
OP_BY_NAME = {op.name: op for op in OPS}


def op_named(name: str) -> Op:
    """The operator called ``name`` (how an Op is unpickled).

    >>> op_named("add").symbol
    '+'
    """
    return OP_BY_NAME[name]


class _Leaf:
    """What the two leaves share: one node, shown as its Python text."""

    def nodes(self) -> int:
        return 1

    def __repr__(self) -> str:
        return self.python()


@dataclass(frozen=True, repr=False)
class Var(_Leaf):
    """A variable leaf: ``n``, a previous term ``a1`` (= a(n-1)), ``a2``, ..., or an earlier
    term by division of the index, ``d2`` (= a(n//2)) or ``d3`` (= a(n//3)).

    In Python a loop keeps its terms in a list ``a`` indexed from 0 at ``n = 0``:
    ``a[-1]`` is a(n-1) and ``a[n//2]`` is a(n//2) (forms.Loop shifts it for other offsets).
    """

    name: str

    def eval(self, env: dict[str, int]) -> int:
        return env[self.name]

    def python(self) -> str:
        if self.name == "n":
            return "n"
        if self.name[0] == "d":
            return f"a[n//{self.name[1:]}]"
        return f"a[-{self.name[1:]}]"

    def sympy(self):
        n = _sp().Symbol("n", integer=True)
        if self.name == "n":
            return n
        if self.name[0] == "d":
            return _sp().Function("a")(_sp().floor(n / int(self.name[1:])))
        return _sp().Function("a")(n - int(self.name[1:]))

@dataclass(frozen=True, repr=False)
class Const(_Leaf):
    """An integer constant leaf."""

    value: int

    def eval(self, env: dict[str, int]) -> int:
        return self.value

    def python(self) -> str:
        return str(self.value)

    def sympy(self):
        return _sp().Integer(self.value)


@dataclass(frozen=True)
class Apply:
    """An operator applied to argument expressions."""

    op: Op
    args: tuple

    def eval(self, env: dict[str, int]) -> int:
        return self.op.func(*(arg.eval(env) for arg in self.args))

    def python(self) -> str:
        op = self.op
        if op.prec == 9:
            return f"{op.symbol}({', '.join(arg.python() for arg in self.args)})"
        left, right = self.args
        lhs, rhs = left.python(), right.python()
        if _needs_parens(left, op, is_right=False):
            lhs = f"({lhs})"
        if _needs_parens(right, op, is_right=True):
            rhs = f"({rhs})"
        return f"{lhs}{op.symbol}{rhs}" if op.prec >= 2 else f"{lhs} {op.symbol} {rhs}"

    def sympy(self):
        return self.op.to_sympy(*(arg.sympy() for arg in self.args))

    def nodes(self) -> int:
        return 1 + sum(arg.nodes() for arg in self.args)

    def __repr__(self) -> str:
        return self.python()


Expr = Var | Const | Apply


def _prec(e: Expr) -> int:
    if isinstance(e, Apply):
        return e.op.prec
    if isinstance(e, Const) and e.value < 0:
        return 0  # a negative literal is always parenthesized as an operand
    return 10


def _needs_parens(child: Expr, parent: Op, *, is_right: bool) -> bool:
    p, c = parent.prec, _prec(child)
    if c < p:
        return True
    if c > p:
        return False
    if parent.name == "pow":  # ** is right-associative
        return not is_right
    return is_right and not (parent.commutative and child.op.name == parent.name)


DIVISORS = (2, 3)  # a loop also reads a(n//2) and a(n//3): divide-and-conquer recurrences


def variables(order: int) -> tuple[Var, ...]:
    """The variable leaves for a loop of the given order (0 for a formula).

    >>> variables(2)
    (n, a[-1], a[-2], a[n//2], a[n//3])
    """
    if order == 0:
        return (Var("n"),)
    return ((Var("n"),) + tuple(Var(f"a{i}") for i in range(1, order + 1))
            + tuple(Var(f"d{c}") for c in DIVISORS))


def max_lag(e: Expr) -> int:
    """The largest previous term an expression reads (0 if none; a(n//2) needs one).

    >>> max_lag(Apply(OP_BY_NAME['add'], (Var('a1'), Var('a3'))))
    3
    >>> max_lag(Var('d2'))
    1
    """
    if isinstance(e, Var):
        return 0 if e.name == "n" else 1 if e.name[0] == "d" else int(e.name[1:])
    if isinstance(e, Apply):
        return max(max_lag(arg) for arg in e.args)
    return 0


def calls(e: Expr) -> set[str]:
    """The function names (``comb``, ``tau``) an expression calls, for its imports
    (:data:`CALL_MODULE` says from where).

    >>> sorted(calls(Apply(OP_BY_NAME['factorial'], (Var('n'),))))
    ['factorial']
    """
    if not isinstance(e, Apply):
        return set()
    found = {e.op.symbol} if e.op.prec == 9 else set()
    return found.union(*(calls(arg) for arg in e.args))


CALL_MODULE = {op.symbol: op.module for op in OPS if op.prec == 9}  # call name -> its module
