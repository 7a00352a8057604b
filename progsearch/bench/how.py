"""How a prediction was made: the form of the program, and the transform that wrapped it.

The benchmark report counts solved and false predictions by this label, so the part each
form, transform and the number-theory library play is visible.  A label is the form
(``formula``, ``loop``, ``filter``, ``periodic``), with ``+nt`` when the program uses an
operator of the number-theory library (``isprime``, ``sigma``, ``isqrt`` ...), a P-recursive
loop as ``loop (P-recursive)``, and a transform as its kind and its inner programs'
labels: ``partial_sums(formula+nt)``.
"""

from __future__ import annotations

from progsearch.forms import Program
from progsearch.language import Apply
from progsearch.linear_rules import LinearRule
from progsearch.precurrence import PRecurrence

__all__ = ["Made", "how", "markdown"]


class Made(list):
    """A prediction (a list of values) that says how it was made, in ``how``.

    >>> m = Made([1, 2], "formula")
    >>> m == [1, 2], m.how, m
    (True, 'formula', Made([1, 2], how='formula'))
    """

    def __init__(self, values, how: str = ""):
        super().__init__(values)
        self.how = how

    def __repr__(self) -> str:
        return f"Made({list(self)!r}, how={self.how!r})"


def _uses_library(expr: object) -> bool:
    """True when the expression applies an operator of the number-theory library."""
    if not isinstance(expr, Apply):
        return False
    return bool(expr.op.library) or any(_uses_library(a) for a in expr.args)


def how(program: Program) -> str:
    """The label of a program: its form, ``+nt`` for library operators, a transform's kind.

    >>> from progsearch.forms import Formula
    >>> from progsearch.language import OP_BY_NAME, Var
    >>> square = Formula(Apply(OP_BY_NAME["mul"], (Var("n"), Var("n"))))
    >>> how(square), how(Formula(Apply(OP_BY_NAME["bitcount"], (Var("n"),))))
    ('formula', 'formula+nt')
    """
    if program.form == "transform":
        return f"{program.kind}({' + '.join(how(p) for p in program.parts)})"
    rule = getattr(program, "rule", None)
    if isinstance(rule, PRecurrence):
        return "loop (P-recursive)"
    if isinstance(rule, LinearRule):
        return "loop (linear, sums)"
    if rule is None:
        rule = getattr(program, "expr", getattr(program, "predicate", None))
    return program.form + ("+nt" if _uses_library(rule) else "")


def markdown(by_how: dict[str, dict[str, list[str]]]) -> str:
    """A Markdown table of ``BenchResult.by_how`` (a JSON run's ``tiers.all.by_how``): per
    label, the sequences solved and the false ones, in its order.

    >>> print(markdown({"formula": {"solved": ["A1"], "false": ["A2"]}}))
    | how | solved | sequences solved | false |
    |---|---|---|---|
    | formula | 1 | A1 | A2 |
    """
    lines = ["| how | solved | sequences solved | false |", "|---|---|---|---|"]
    for label, ids in by_how.items():
        solved, false = ids["solved"], ids["false"]
        lines.append(f"| {label} | {len(solved)} | {' '.join(solved)} | {' '.join(false)} |")
    return "\n".join(lines)

