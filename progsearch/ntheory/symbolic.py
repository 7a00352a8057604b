"""SymPy builders for display: each operator as a SymPy expression that prints by its name and
evaluates on integer arguments (through the exact functions; unevaluated outside their domain).
"""

from __future__ import annotations

import functools

from .exact import OutOfDomain
from .table import ARITY, EXACT

LATEX = {"tau": r"\tau", "sigma": r"\sigma", "phi": r"\varphi", "primepi": r"\pi", "v2": r"\nu_2",
         "omega": r"\omega", "bigomega": r"\Omega", "mobius": r"\mu"}


def _sp():
    """SymPy, imported on first use (it takes most of a second to import)."""
    import sympy

    return sympy


@functools.cache
def sympy_function(name: str) -> type:
    """The SymPy function class for operator ``name``: printed as ``name(...)``, evaluated on
    integers by the exact operator, left unevaluated outside its domain or bound.

    >>> tau = sympy_function("tau"); tau(_sp().Symbol("n")), tau(12), tau(0)
    (tau(n), 6, tau(0))
    """
    sp, func = _sp(), EXACT[name]

    def _eval(cls, *args):
        if all(isinstance(a, sp.Integer) for a in args):
            try:
                return sp.Integer(func(*map(int, args)))
            except OutOfDomain:
                return None
        return None

    def _latex(self, printer) -> str:
        head = LATEX.get(name, rf"\operatorname{{{name}}}")
        return head + r"\left(" + ", ".join(map(printer._print, self.args)) + r"\right)"

    attrs = {"nargs": ARITY[name], "eval": classmethod(_eval), "_latex": _latex}
    return type(name, (sp.Function,), attrs)


def _named(name: str):
    return lambda *args: sympy_function(name)(*args)


SYMPY = {name: _named(name) for name in EXACT}
SYMPY.update({
    "isqrt": lambda x: _sp().floor(_sp().sqrt(x)),
    "lt": lambda x, y: _sp().Piecewise((1, _sp().Lt(x, y)), (0, True)),
    "le": lambda x, y: _sp().Piecewise((1, _sp().Le(x, y)), (0, True)),
    "eq": lambda x, y: _sp().Piecewise((1, _sp().Eq(x, y)), (0, True)),
    "ne": lambda x, y: _sp().Piecewise((1, _sp().Ne(x, y)), (0, True)),
})
