"""PRecurrence: a linear recurrence with polynomial coefficients, its terms and its text.

``sum_{i=0..r} p_i(n) * a(n-i) = 0`` for integer polynomials ``p_i`` in the absolute index
``n``; a polynomial is the tuple of its coefficients, lowest power first.  The recurrence runs
with exact integer division (no value where it is inexact), and renders as an equation, as the
Python update of a loop, and as SymPy.  Solving for one is in recurrences.py.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

from .bigint import int_literal

Poly = tuple[int, ...]  # like (-2, 4) for 4*n - 2: the coefficient of n**j sits at index j


# ---------------------------------------------------------------- polynomials and rendering


def poly_eval(poly: Sequence[int], n: int) -> int:
    """p(n) by Horner's rule.

    >>> poly_eval((-2, 4), 3)  # 4*n - 2 at n = 3
    10
    """
    value = 0
    for c in reversed(poly):
        value = value * n + c
    return value


def poly_shift(poly: Sequence[int], s: int) -> list[int]:
    """Coefficients of p(n + s).

    >>> poly_shift((0, 0, 1), -1)  # n**2 -> (n - 1)**2
    [1, -2, 1]
    """  # (n + s)**j = sum_m C(j, m) s**(j-m) n**m
    out = [0] * len(poly)
    for j, c in enumerate(poly):
        for m in range(j + 1):
            out[m] += c * math.comb(j, m) * s ** (j - m)
    return out


def _monomial(c: int, j: int) -> str:
    """|c| * n**j as text, like '3*n**2', 'n', '5'."""
    power = "" if j == 0 else "n" if j == 1 else f"n**{j}"
    if not power:
        return int_literal(abs(c))  # hexadecimal past Python's digit limit (bigint.py)
    return power if abs(c) == 1 else f"{int_literal(abs(c))}*{power}"


def _join(parts: list[tuple[bool, str]]) -> str:
    """Signed parts [(negative, text), ...] as 'x - y + z'; '0' when empty."""
    if not parts:
        return "0"
    text = ("-" if parts[0][0] else "") + parts[0][1]
    return text + "".join((" - " if neg else " + ") + body for neg, body in parts[1:])


def _poly_str(poly: Sequence[int]) -> str:
    """Python text of a polynomial in n, highest power first, like '4*n - 2'."""
    terms = [(c < 0, _monomial(c, j)) for j, c in reversed(list(enumerate(poly))) if c]
    return _join(terms)


def _leading(poly: Sequence[int]) -> int:
    """The coefficient of the highest nonzero power (0 for the zero polynomial)."""
    return next((c for c in reversed(poly) if c), 0)


def _term(poly: Sequence[int], atom: str) -> tuple[bool, str] | None:
    """poly(n) * atom as (negative, text of its magnitude); None when poly is zero."""
    nonzero = [j for j, c in enumerate(poly) if c]
    if not nonzero:
        return None
    if len(nonzero) == 1:
        c = poly[nonzero[0]]
        factor = _monomial(c, nonzero[0])
        return c < 0, atom if factor == "1" else f"{factor}*{atom}"
    negative = _leading(poly) < 0
    magnitude = [-c for c in poly] if negative else poly
    return negative, f"({_poly_str(magnitude)})*{atom}"


def _sum_str(polys: Sequence[Sequence[int]], atoms: Sequence[str]) -> str:
    """Text of sum_k polys[k](n) * atoms[k], zero terms omitted."""
    return _join([t for t in map(_term, polys, atoms) if t is not None])


# ------------------------------------------------------ argument checks and the recurrence


def check_int(value: object, name: str) -> int:
    """value as an int, or TypeError naming the argument.

    >>> check_int(True, "offset")
    Traceback (most recent call last):
    TypeError: offset must be an integer, got True
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    return int(value)


def check_ints(values: object, name: str) -> list[int]:
    """values as a list of ints, or TypeError naming the argument.

    >>> check_ints((1, 2), "initial")
    [1, 2]
    """
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a sequence of integers, got {values!r}")
    out = list(values)
    if any(isinstance(v, bool) or not isinstance(v, numbers.Integral) for v in out):
        raise TypeError(f"{name} must contain only integers, got {out!r}")
    return [int(v) for v in out]


def _normalize(coeffs: object) -> tuple[Poly, ...]:
    """Validated coefficient rows with gcd 1, p_0's first nonzero coefficient positive and no
    all-zero top degree."""
    if isinstance(coeffs, (str, bytes)) or not hasattr(coeffs, "__iter__"):
        raise TypeError(f"coeffs must be a sequence of rows of integers, got {coeffs!r}")
    rows = [check_ints(row, "coeffs") for row in coeffs]
    if len(rows) < 2 or len({len(row) for row in rows}) != 1 or not rows[0]:
        raise ValueError(f"coeffs must be at least 2 non-empty rows of equal length, got {coeffs}")
    if not any(rows[0]):
        raise ValueError(f"coeffs: p_0 must not be identically zero, got {coeffs}")
    g = math.gcd(*(c for row in rows for c in row))
    sign = -1 if next(c for c in rows[0] if c) < 0 else 1
    while len(rows[0]) > 1 and not any(row[-1] for row in rows):
        rows = [row[:-1] for row in rows]
    return tuple(tuple(sign * c // g for c in row) for row in rows)


@dataclass(frozen=True)
class PRecurrence:
    """sum_{i=0..order} p_i(n) * a(n-i) = 0, with integer polynomials p_i in the absolute index n.

    >>> PRecurrence(((1, 1), (2, -4)))  # Catalan numbers
    PRecurrence((n + 1)*a(n) = (4*n - 2)*a(n-1))
    """

    # coeffs[i][j] is the coefficient of n**j in p_i; rows have degree + 1 entries. Normalized
    # on construction: overall gcd 1, the first nonzero coefficient of p_0 (lowest power of n)
    # positive, and the highest power of n not zero in every row.
    coeffs: tuple[Poly, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "coeffs", _normalize(self.coeffs))

    @property
    def order(self) -> int:
        """How many previous terms a(n) depends on.

        >>> PRecurrence(((1,), (-1,), (-1,))).order
        2
        """
        return len(self.coeffs) - 1

    @property
    def degree(self) -> int:
        """The highest power of n in any coefficient polynomial.

        >>> PRecurrence(((1, 1), (2, -4))).degree
        1
        """
        return len(self.coeffs[0]) - 1

    def next_value(self, previous: Sequence[int], n: int) -> int | None:
        """a(n) from previous = [..., a(n-2), a(n-1)]; None when p_0(n) == 0 or division is inexact.

        >>> cat = PRecurrence(((1, 1), (2, -4)))
        >>> cat.next_value([1, 1, 2, 5], 4), cat.next_value([7], 4)
        (14, None)
        """
        if len(previous) < self.order:
            raise ValueError(f"previous must hold at least {self.order} terms, got {previous!r}")
        p0 = poly_eval(self.coeffs[0], n)
        if p0 == 0:
            return None
        rest = sum(poly_eval(p, n) * previous[-i] for i, p in enumerate(self.coeffs) if i)
        quotient, remainder = divmod(-rest, p0)
        return None if remainder else quotient

    def extend(self, initial: Sequence[int], offset: int, stop: int) -> list[int] | None:
        """a(offset), ..., a(stop-1) from the first `order` terms `initial`; None if a step fails.

        >>> PRecurrence(((1,), (-1,), (-1,))).extend([0, 1], 0, 10)
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
        """
        values = check_ints(initial, "initial")
        if len(values) < self.order:
            raise ValueError(f"initial must hold at least {self.order} terms, got {values!r}")
        values = values[: self.order][: max(0, stop - offset)]
        for n in range(offset + len(values), stop):
            value = self.next_value(values, n)
            if value is None:
                return None
            values.append(value)
        return values

    def update_source(self) -> str:
        """Python expression for a(n) from n and the list a (a[-1] = a(n-1)), exact // division.

        >>> PRecurrence(((1, 1), (2, -4))).update_source()
        '((4*n - 2)*a[-1]) // (n + 1)'
        >>> PRecurrence(((1,), (-1,), (-1,))).update_source()
        'a[-1] + a[-2]'
        """
        sign = -1 if _leading(self.coeffs[0]) < 0 else 1  # keep the divisor's lead positive
        numerator = [[-sign * c for c in p] for p in self.coeffs[1:]]
        text = _sum_str(numerator, [f"a[-{i}]" for i in range(1, self.order + 1)])
        divisor = _poly_str([sign * c for c in self.coeffs[0]])
        if divisor == "1":
            return text
        if not (divisor.isdigit() or divisor == "n"):
            divisor = f"({divisor})"
        return f"({text}) // {divisor}"

    def __str__(self) -> str:
        sign = -1 if _leading(self.coeffs[0]) < 0 else 1
        lhs = _sum_str([[sign * c for c in self.coeffs[0]]], ["a(n)"])
        rhs = [[-sign * c for c in p] for p in self.coeffs[1:]]
        return f"{lhs} = {_sum_str(rhs, [f'a(n-{i})' for i in range(1, self.order + 1)])}"

    def __repr__(self) -> str:
        hidden = "" if any(self.coeffs[-1]) else f", order={self.order}"  # p_order is zero
        return f"PRecurrence({self}{hidden})"

    def to_sympy(self):
        """The recurrence as a sympy Eq in a(n), a(n - 1), ... (Function 'a', Symbol 'n').

        >>> PRecurrence(((1, 1), (2, -4))).to_sympy()
        Eq((n + 1)*a(n), (4*n - 2)*a(n - 1))
        """
        import sympy  # imported here: sympy is slow to import and only needed for export

        n, a = sympy.Symbol("n"), sympy.Function("a")
        sign = -1 if _leading(self.coeffs[0]) < 0 else 1
        polys = [sum(sign * c * n**j for j, c in enumerate(p)) for p in self.coeffs]
        rhs = sum((-polys[i] * a(n - i) for i in range(1, self.order + 1)), sympy.Integer(0))
        return sympy.Eq(polys[0] * a(n), rhs)
