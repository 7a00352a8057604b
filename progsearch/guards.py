"""Exact arithmetic guards: :class:`Invalid`, and the core operators' exact functions.

Each function computes on Python ints and raises :class:`Invalid` outside its domain or past
the size guard (``MAX_RESULT_BITS``); language.py puts them in the operator table.  ``comb`` and
``factorial`` are the same guards under their Python names: generated sources import them
(forms.import_lines), so that a source stops where the library does.
"""

from __future__ import annotations

import math

MAX_RESULT_BITS = 20_000  # guard: refuse to build integers longer than this (exact evaluation)


class Invalid(ArithmeticError):
    """An operator was applied outside its domain (division by zero, huge power, ...)."""


class TooBig(Invalid):
    """The value exists but lies past a guard (size, table bound): unknown, not undefined.

    A predicate (filters.Filter) may read an undefined value as false, never an unknown one.
    """


def check_size(v: int) -> int:
    if v.bit_length() > MAX_RESULT_BITS:
        raise TooBig(f"result has more than {MAX_RESULT_BITS} bits")
    return v


def exact_floordiv(x: int, y: int) -> int:
    if y == 0:
        raise Invalid("division by zero")
    return x // y


def exact_mod(x: int, y: int) -> int:
    if y == 0:
        raise Invalid("modulo by zero")
    return x % y


def exact_pow(x: int, y: int) -> int:
    if y < 0:
        raise Invalid("negative exponent")
    if abs(x) > 1 and (abs(x).bit_length() - 1) * y > MAX_RESULT_BITS:  # |x**y| >= 2**((b-1)y)
        raise TooBig("power too large")
    return check_size(x**y)  # at most twice the limit was built: now check it exactly


def exact_binomial(x: int, y: int) -> int:
    if x < 0 or y < 0:
        raise Invalid("binomial of a negative number")
    if min(y, x - y) > MAX_RESULT_BITS:
        raise TooBig("binomial too large")
    return check_size(math.comb(x, y))


def exact_factorial(x: int) -> int:
    if x < 0:
        raise Invalid("factorial of a negative number")
    if x > 2000:
        raise TooBig("factorial too large")
    return math.factorial(x)


def comb(x: int, y: int) -> int:
    """``math.comb`` with the library's guards (what generated sources call).

    >>> comb(5, 2)
    10
    """
    return exact_binomial(x, y)


def factorial(x: int) -> int:
    """``math.factorial`` with the library's guards: past 2000 it raises TooBig, never stalls.

    >>> factorial(5)
    120
    """
    return exact_factorial(x)
