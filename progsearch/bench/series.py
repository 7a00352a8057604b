"""Exact values, and the Taylor coefficients of the generating functions SymPy guesses."""

from __future__ import annotations

import numbers
from fractions import Fraction
from typing import Any

import sympy


def exact(v: Any) -> int | str:
    """An exact value as an int, or as its string when it is not an integer.

    >>> exact(Fraction(6, 3)), exact(Fraction(7, 2)), exact(3.0)
    (2, '7/2', '3.00000000000000')
    """
    if isinstance(v, numbers.Integral) and not isinstance(v, bool):
        return int(v)
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else str(v)
    v = sympy.sympify(v)
    if not v.is_Number:
        v = sympy.simplify(v)
    return int(v) if v.is_Integer else str(v)  # a Float is never exact: '3.0' stays wrong


def _fraction(c: Any) -> Fraction | Any:
    """A SymPy rational as a Fraction; any other SymPy number unchanged."""
    return Fraction(int(c.p), int(c.q)) if c.is_Rational else c


def rational_series(expr: Any, x: Any, n: int) -> list[Fraction]:
    """The first ``n`` Taylor coefficients at 0 of a rational function, exactly.

    >>> x = sympy.Symbol("x")
    >>> [int(c) for c in rational_series(x / (1 - x - x**2), x, 7)]
    [0, 1, 1, 2, 3, 5, 8]
    """
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    p = [_fraction(c) for c in reversed(sympy.Poly(num, x, domain="QQ").all_coeffs())]
    q = [_fraction(c) for c in reversed(sympy.Poly(den, x, domain="QQ").all_coeffs())]
    if q[0] == 0:
        raise ValueError("the generating function has a pole at 0")
    out: list[Fraction] = []
    for i in range(n):  # q * out = p  =>  out[i] = (p[i] - sum_{j>=1} q[j] out[i-j]) / q[0]
        s = p[i] if i < len(p) else Fraction(0)
        s -= sum(q[j] * out[i - j] for j in range(1, min(i, len(q) - 1) + 1))
        out.append(s / q[0])
    return out


def series(expr: Any, x: Any, n: int) -> list:
    """The first ``n`` Taylor coefficients at 0 of a generating function SymPy guessed.

    Exact when ``expr`` is rational, or when ``expr'/expr`` is (roots of rational functions,
    ``exp`` of their integrals); otherwise SymPy's ``series``.

    >>> import math
    >>> x = sympy.Symbol("x")
    >>> c = series(sympy.exp(x + x**2 / 2), x, 7)  # egf of the involutions
    >>> [int(c[j] * math.factorial(j)) for j in range(7)]
    [1, 1, 2, 4, 10, 26, 76]
    """
    if expr.is_rational_function(x):
        return rational_series(expr, x, n)
    log_derivative = sympy.cancel(sympy.diff(expr, x) / expr)
    f0 = sympy.simplify(expr.subs(x, 0))
    if log_derivative.is_rational_function(x) and f0.is_finite and f0 != 0:
        return from_log_derivative(_fraction(f0), rational_series(log_derivative, x, n), n)
    s = expr.series(x, 0, n).removeO()
    return [_fraction(s.coeff(x, i)) for i in range(n)]


def from_log_derivative(f0: Any, w: list, n: int) -> list:
    """The first ``n`` coefficients of f from f(0) and the coefficients ``w`` of f'/f.

    >>> [int(c) for c in from_log_derivative(1, [2] * 5, 4)]  # f'/f = 2/(1-x): f = 1/(1-x)**2
    [1, 2, 3, 4]
    """
    v = [f0]
    for m in range(n - 1):  # f' = f * (f'/f): (m+1) v[m+1] = sum_{j<=m} v[j] w[m-j]
        v.append(sum(v[j] * w[m - j] for j in range(m + 1)) / Fraction(m + 1))
    return v
