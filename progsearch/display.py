"""How a program reads in a table: tidied text, a simplified rendering, its next terms and why not.

Display only: nothing here changes a program, its bits or its source.

* :func:`tidy` writes a one-value period ``[5][n % 1]`` as ``5``;
* :func:`simplified` is a SymPy simplification of a formula or a loop's rule, shown next to the
  program only when it differs and is no longer, and only once checked equal on the terms;
* :func:`next_terms` gives the next terms a program has and, where it stops, the reason: a
  table has no next term, a value is too large to compute (not undefined), or the program is
  undefined there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .guards import MAX_RESULT_BITS, TooBig
from .language import Expr
from .programs import Program
from .text import integer

TABLE = "a table has no next term"
_ONE_VALUE_PERIOD = re.compile(r"\[(-?\d+)\]\[[^\[\]]*% 1\]")
_LAG = re.compile(r"a\(n ([-+]) (\d+)\)")  # SymPy's a(n - 1) as the tables write it: a(n-1)
MAX_OPS = 40  # SymPy's simplify is tried on expressions of at most this many operations


def tidy(text: str) -> str:
    """The display text with every one-value period ``[v][... % 1]`` written as ``v``.

    >>> tidy("[0][n % 1]"), tidy("a(n) - a(n-1) = [1][(n - 6) % 1]"), tidy("[1, 2][n % 2]")
    ('0', 'a(n) - a(n-1) = 1', '[1, 2][n % 2]')
    """
    return _ONE_VALUE_PERIOD.sub(r"\1", text)


def show(prog: Program) -> str:
    """The program's one-line display, tidied.

    >>> from progsearch.programs import Periodic
    >>> show(Periodic([7]))
    '7'
    """
    return tidy(prog.display())


def next_terms(prog: Program, start: int, k: int) -> tuple[tuple[int, ...], str | None]:
    """The values from ``start`` up to where the program stops (at most ``k``), and why it stops.

    >>> from progsearch.programs import Lookup, Periodic
    >>> next_terms(Periodic([1, 2]), 2, 3), next_terms(Lookup([1]), 1, 2)
    (((1, 2, 1), None), ((), 'a table has no next term'))
    """
    if not prog.predicts:
        return (), TABLE
    out = prog.prefix(start, k)  # up to the first term it cannot compute
    if len(out) == k:
        return out, None
    n = start + len(out)
    try:  # the term where it stopped, once more, for the reason
        prog.terms(n, n + 1)
    except TooBig:
        return out, f"a({n}) is too large to compute here, over {MAX_RESULT_BITS:,} bits"
    except (ArithmeticError, ValueError) as exc:
        return out, f"undefined at n={n} ({exc})"
    return out, None


def next_text(prog: Program, start: int, k: int) -> str:
    """:func:`next_terms` as text: the values, then where they stop and why.

    >>> from progsearch.programs import Lookup, Periodic
    >>> next_text(Periodic([1, 2]), 2, 3), next_text(Lookup([1]), 1, 2)
    ('1, 2, 1', 'none: a table has no next term')
    """
    values, why = next_terms(prog, start, k)
    text = ", ".join(integer(v, 20) for v in values)
    if why:
        text += f"; then none: {why}" if values else f"none: {why}"
    return text


def table_rows(programs: Sequence[Program], top: int) -> list[tuple[int, Program]]:
    """The programs a ranked table shows, with their indices: the first ``top``, and the
    lookup wherever it ranks.

    >>> from progsearch.programs import Lookup, Periodic
    >>> [i for i, _ in table_rows([Periodic([1]), Periodic([2]), Lookup([3])], 1)]
    [0, 2]
    """
    return [(i, p) for i, p in enumerate(programs) if i < top or p.form == "lookup"]


def _sympy_rule(prog: Program):
    """(SymPy expression, the n symbol) of a formula or an expression loop's rule, else None."""
    if prog.form not in ("formula", "loop"):
        return None
    if prog.form == "loop" and not isinstance(prog.rule, Expr):
        return None  # a recurrence solved exactly: its equation is not a value of a(n)
    try:
        e = prog.to_sympy()
    except (TypeError, ValueError, AttributeError):
        return None
    rhs = e.rhs if prog.form == "loop" else e
    if prog.form == "loop" and type(e).__name__ != "Equality":
        return None
    syms = [s for s in rhs.free_symbols if s.name == "n"]
    return rhs, (syms[0] if syms else None)


def _simplest(expr):
    import sympy

    options = [sympy.expand(expr), sympy.factor(expr)]
    if sympy.count_ops(expr) <= MAX_OPS:
        options.append(sympy.simplify(expr))
    return min(options, key=lambda e: (len(str(e)), str(e)))


def _value_at(expr, n_sym, n: int, terms: Sequence[int], offset: int):
    """The expression at index ``n``, a(j) read from the terms; None where it cannot say."""
    import sympy

    a = sympy.Function("a")
    v = expr.subs(n_sym, n) if n_sym is not None else expr
    v = v.replace(a, lambda j: sympy.Integer(terms[int(j) - offset])
                  if 0 <= int(j) - offset < len(terms) else sympy.nan)
    return int(v) if v.is_Integer else None


def simplified(prog: Program, terms: Sequence[int], offset: int) -> str | None:
    """A SymPy rendering of the program's rule, no longer and checked equal on ``terms``; or None.

    >>> from progsearch.forms import Formula
    >>> from progsearch.language import Apply, OP_BY_NAME, Var, Const
    >>> add, sub = OP_BY_NAME["add"], OP_BY_NAME["sub"]
    >>> f = Formula(Apply(sub, (Apply(add, (Var("n"), Var("n"))), Const(5))))
    >>> f.display(), simplified(f, [-5, -3, -1, 1], 0)
    ('n + n - 5', '2*n - 5')
    """
    rule = _sympy_rule(prog)
    if rule is None:
        return None
    expr, n_sym = rule
    try:
        simple = _simplest(expr)
    except Exception:  # noqa: BLE001 - display only: SymPy failing must not fail the table
        return None
    text = _LAG.sub(r"a(n\1\2)", str(simple))
    old = prog.display().split("; ")[0].removeprefix("a(n) = ")
    short, long = text.replace(" ", ""), old.replace(" ", "")
    if sorted(short) == sorted(long) or len(short) > len(long):
        return None  # the same text, or the same in another order, or longer
    first = offset + (len(prog.initial) if prog.form == "loop" else 0)
    for n in range(first, offset + len(terms)):
        if _value_at(simple, n_sym, n, terms, offset) != terms[n - offset]:
            return None  # not equal on the terms (a floor or a domain SymPy reads differently)
    return text
