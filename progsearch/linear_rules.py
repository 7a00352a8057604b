"""LinearRule: a(n) as a rational combination of one or two parts of the earlier terms.

``a(n) = (c_1*x_1 + c_2*x_2) / q``, each ``x`` one of PARTS: 1, n, a(n-1), a(n-2), a(n//2),
a((n+1)//2), a(n/2) at even n (0 at odd n), and the sums of products of two earlier terms whose
indices add up to a fixed total (the sequence's self-convolution).  Sums like these are how counts
of trees and of bracketings are built: the Catalan numbers are ``sum(a(i)*a(n-1-i))``, and
the Wedderburn-Etherington numbers (binary trees without order) are half of the sum
``sum(a(i)*a(n-i), 0 < i < n) + a(n/2)``, the last at even n only.  Splitting n into its two
halves, ``a(n//2) + a((n+1)//2)``, is how divide-and-conquer counts are built.  The loop
engine's expressions cannot read a sum or a((n+1)//2), and a(n/2) at even n takes it seven
nodes (``a(n//2)*(1 - n%2)``), so these rules' coefficients are solved exactly
(linear_fit.py) as the P-recursive ones are; Loop runs them (forms.py).

The sums are over positions in the list of terms (``a[0]`` is the first term, at the offset):
``s_k`` at position t is ``sum(a[i]*a[t-k-i])`` over ``0 <= i <= t - k``, and ``s_0`` leaves
out ``i = 0`` and ``i = t``, which would read a(n) itself.  A sum reads every earlier term,
so a loop with one gives no value past position MAX_SUM_POSITION: no prediction, not a hang.
Finding a rule's coefficients is in linear_fit.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .guards import MAX_RESULT_BITS
from .length import count_bits, int_bits

__all__ = ["MAX_PARTS", "PARTS", "LinearRule", "part_defined", "part_value"]

PARTS = ("1", "n", "a1", "a2", "h2", "c2", "e2", "s0", "s1", "s2")  # the code's order
MAX_PARTS = 2  # three parts fit powers of 8 in several ways, and gave a false prediction
MAX_SUM_POSITION = 1000  # a sum reads every earlier term: about n**2/2 products up to here


def _half_position(name: str, t: int, offset: int) -> int:
    """The position in the terms of a(n//2) (h2, e2) or a((n+1)//2) (c2), n = offset + t."""
    n = offset + t
    return ((n + 1) // 2 if name == "c2" else n // 2) - offset


def part_defined(name: str, t: int, offset: int) -> bool:
    """Whether the part ``name`` is defined for the term at position t (n = offset + t): its
    index is an earlier term, and a sum is at most at MAX_SUM_POSITION.  Once defined, a part
    stays defined up to that bound.

    >>> [part_defined("c2", t, 0) for t in range(3)], part_defined("h2", 1, 3)
    ([False, False, True], False)
    """
    if name in ("1", "n"):
        return True
    if name in ("a1", "a2"):
        return t >= int(name[1])
    if name in ("h2", "c2", "e2"):
        return 0 <= _half_position(name, t, offset) < t
    return max(1, int(name[1])) <= t <= MAX_SUM_POSITION


def part_value(name: str, a: Sequence[int], offset: int) -> int | None:
    """The part ``name`` for the next term, a(n) with n = offset + len(a), from the earlier
    terms ``a``; None where it is not defined (part_defined).

    >>> a = [0, 1, 1, 1, 2]  # a(0..4); the next is a(5)
    >>> [part_value(p, a, 0) for p in PARTS]
    [1, 5, 2, 1, 1, 1, 0, 6, 3, 2]
    """
    t = len(a)
    n = offset + t
    if not part_defined(name, t, offset):
        return None
    if name in ("1", "n"):
        return 1 if name == "1" else n
    if name in ("a1", "a2"):
        return a[t - int(name[1])]
    if name in ("h2", "c2", "e2"):
        return a[_half_position(name, t, offset)] if name != "e2" or n % 2 == 0 else 0
    k = int(name[1])
    low = 1 if k == 0 else 0
    return sum(a[i] * a[t - k - i] for i in range(low, t - k - low + 1))


def _normalize(parts, coeffs, denominator) -> tuple[tuple[str, ...], tuple[int, ...], int]:
    """Validated parts in PARTS order with their coefficients, gcd of all numbers 1."""
    parts, coeffs = tuple(parts), tuple(coeffs)
    if not 1 <= len(parts) <= MAX_PARTS or len(coeffs) != len(parts):
        raise ValueError(f"parts and coeffs must be 1 to {MAX_PARTS} of each, got {parts}, "
                         f"{coeffs}")
    if any(p not in PARTS for p in parts) or len(set(parts)) != len(parts):
        raise ValueError(f"parts must be distinct names from {PARTS}, got {parts}")
    numbers = coeffs + (denominator,)
    if any(isinstance(c, bool) or not isinstance(c, int) for c in numbers):
        raise TypeError(f"coeffs and denominator must be integers, got {coeffs}, {denominator!r}")
    if denominator < 1 or 0 in coeffs:
        raise ValueError(f"coeffs must be nonzero and denominator at least 1, got {coeffs}, "
                         f"{denominator}")
    g = math.gcd(*numbers)
    pairs = sorted(zip(parts, coeffs), key=lambda pc: PARTS.index(pc[0]))
    return (tuple(p for p, _ in pairs), tuple(c // g for _, c in pairs), denominator // g)


@dataclass(frozen=True)
class LinearRule:
    """a(n) = sum(coeffs[j] * part_j) / denominator, no value where the division is inexact.

    >>> LinearRule(("s0", "e2"), (1, 1), 2)  # binary trees without order
    LinearRule(a(n) = ((a(n/2) if n % 2 == 0 else 0) + sum(a(i)*a(n - i) for 1 <= i <= n - 1))/2)
    """

    parts: tuple[str, ...]
    coeffs: tuple[int, ...]
    denominator: int = 1

    def __post_init__(self) -> None:
        parts, coeffs, q = _normalize(self.parts, self.coeffs, self.denominator)
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "coeffs", coeffs)
        object.__setattr__(self, "denominator", q)

    def bits(self) -> float:
        """How many parts, which ones (one choice among the subsets of that many), each
        coefficient and the denominator: a prefix code, so Kraft holds (tests/test_length.py).

        >>> round(LinearRule(("s1",), (1,)).bits(), 3)  # 1 or 2; which of 10; 1; denominator 1
        9.322
        """
        which = math.log2(math.comb(len(PARTS), len(self.parts)))
        return (math.log2(MAX_PARTS) + which + sum(int_bits(c) for c in self.coeffs)
                + count_bits(self.denominator - 1))

    def defined(self, t: int, offset: int) -> bool:
        """Whether every part is defined for the term at position t (part_defined).

        >>> rule = LinearRule(("s0", "e2"), (1, 1), 2)
        >>> rule.defined(1, 0), rule.defined(2, 0)
        (True, True)
        """
        return all(part_defined(p, t, offset) for p in self.parts)

    def next_value(self, a: Sequence[int], offset: int) -> int | None:
        """a(n) for n = offset + len(a) from the earlier terms; None where a part is not
        defined, the division is inexact or the value passes the library's size guard.

        >>> catalan, half = LinearRule(("s1",), (1,)), LinearRule(("s1",), (1,), 2)
        >>> catalan.next_value([1, 1, 2, 5], 0), half.next_value([1, 1, 2], 0)
        (14, None)
        """
        total = 0
        for part, c in zip(self.parts, self.coeffs):
            value = part_value(part, a, offset)
            if value is None:
                return None
            total += c * value
        quotient, remainder = divmod(total, self.denominator)
        if remainder or quotient.bit_length() > MAX_RESULT_BITS:
            return None
        return quotient

    def _combine(self, texts: Sequence[str]) -> str:
        """'(c1*x1 + c2*x2)' over the denominator, as text."""
        body = ""
        for c, text in zip(self.coeffs, texts):
            sign = (" - " if c < 0 else " + ") if body else ("-" if c < 0 else "")
            body += sign + (text if abs(c) == 1 else f"{abs(c)}*{text}")
        return body if self.denominator == 1 else f"({body}) // {self.denominator}"

    def update_source(self, offset: int = 0) -> str:
        """Python for a(n) from ``n`` and the list ``a`` of the terms so far (a[0] is the
        term at ``offset``).

        >>> LinearRule(("s1",), (1,)).update_source()
        'sum(a[i]*a[-1 - i] for i in range(len(a)))'
        >>> LinearRule(("a1", "e2"), (1, 1)).update_source(1)
        'a[-1] + (a[n//2 - 1] if n % 2 == 0 else 0)'
        """
        return self._combine([_part_source(p, offset) for p in self.parts])

    def text(self, offset: int = 0) -> str:
        """The rule for a reader, in the indices of the sequence.

        >>> LinearRule(("s1", "a1"), (3, -1)).text()
        '-a(n-1) + 3*sum(a(i)*a(n - 1 - i) for 0 <= i <= n - 1)'
        """
        return self._combine([_part_text(p, offset) for p in self.parts]).replace(" // ", "/")

    def __str__(self) -> str:
        return f"a(n) = {self.text()}"

    def __repr__(self) -> str:
        return f"LinearRule({self})"

    def to_sympy(self, offset: int = 0):
        """The rule as a sympy Eq in a(n) (Function 'a', Symbol 'n').

        >>> LinearRule(("s1",), (1,)).to_sympy()
        Eq(a(n), Sum(a(i)*a(-i + n - 1), (i, 0, n - 1)))
        """
        import sympy  # imported here: sympy is slow to import and only needed for export

        n, a = sympy.Symbol("n", integer=True), sympy.Function("a")
        parts = [c * _part_sympy(p, offset, n, a) for p, c in zip(self.parts, self.coeffs)]
        total = sum(parts, sympy.Integer(0))
        return sympy.Eq(self.denominator * a(n), total)


def _index(c: int) -> str:
    """'n', 'n + 2' or 'n - 1': the index n shifted by c."""
    return "n" if c == 0 else f"n + {c}" if c > 0 else f"n - {-c}"


def _sum_bounds(part: str, offset: int) -> tuple[int, int]:
    """(the lowest index i, the shift s of the total i + j = n + s) of a sum part."""
    k = int(part[1])
    return offset + (1 if k == 0 else 0), offset - k


def _part_text(part: str, offset: int) -> str:
    """The part in the sequence's indices, like 'a(n-1)' or 'sum(a(i)*a(n - i) ...)'."""
    if part in ("1", "n"):
        return part
    if part in ("a1", "a2"):
        return f"a(n-{part[1]})"
    if part in ("h2", "c2"):
        return "a(n//2)" if part == "h2" else "a((n+1)//2)"
    if part == "e2":
        return "(a(n/2) if n % 2 == 0 else 0)"
    low, s = _sum_bounds(part, offset)
    return f"sum(a(i)*a({_index(s)} - i) for {low} <= i <= {_index(s - low)})"


def _part_source(part: str, offset: int) -> str:
    """The part in Python, from ``n`` and the list ``a`` of the terms so far."""
    if part in ("1", "n"):
        return part
    if part in ("a1", "a2"):
        return f"a[-{part[1]}]"
    half = f"a[{_index(-offset).replace('n', 'n//2', 1)}]"  # the list starts at a(offset)
    if part == "h2":
        return half
    if part == "c2":
        return f"a[{_index(-offset).replace('n', '(n + 1)//2', 1)}]"
    if part == "e2":
        return f"({half} if n % 2 == 0 else 0)"
    k = int(part[1])
    return {0: "sum(a[i]*a[-i] for i in range(1, len(a)))",
            1: "sum(a[i]*a[-1 - i] for i in range(len(a)))",
            2: "sum(a[i]*a[-2 - i] for i in range(len(a) - 1))"}[k]


def _part_sympy(part: str, offset: int, n, a):
    """The part as a SymPy expression in n."""
    import sympy

    if part in ("1", "n"):
        return sympy.Integer(1) if part == "1" else n
    if part in ("a1", "a2"):
        return a(n - int(part[1]))
    if part in ("h2", "c2"):
        return a(sympy.floor(n / 2)) if part == "h2" else a(sympy.ceiling(n / 2))
    if part == "e2":
        return sympy.Piecewise((a(n / 2), sympy.Eq(n % 2, 0)), (0, True))
    low, s = _sum_bounds(part, offset)
    i = sympy.Symbol("i", integer=True)
    return sympy.Sum(a(i) * a(n + s - i), (i, low, n + s - low))
