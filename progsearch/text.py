"""Plain-text helpers for the printed reports and the demos: wrapping, clipping, numbers.

Every report is plain text of at most :data:`WIDTH` columns, the same bytes for the same run.
This module imports nothing from progsearch but bigint (which imports nothing), so any layer
can use it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from .bigint import int_text

WIDTH = 100  # columns of every printed report


def wrap(text: str, indent: str = "", first: str | None = None, width: int = WIDTH) -> str:
    """``text`` wrapped to ``width`` columns, lines after ``indent``; ``first`` starts line one.

    >>> wrap("a b c", "  ", "- ")
    '- a b c'
    >>> print(wrap("one two three", indent="  ", width=9))
      one two
      three
    """
    first = indent if first is None else first
    return textwrap.fill(text, width, initial_indent=first, subsequent_indent=indent)


def fill(text: str, width: int = WIDTH) -> str:
    """``text`` wrapped to ``width`` columns, never breaking a word at a hyphen.

    >>> print(fill("the well-known fact", width=10))
    the
    well-known
    fact
    """
    return textwrap.fill(text, width, break_on_hyphens=False)


def clip(text: str, width: int) -> str:
    """The text cut to ``width`` characters, ending in '...' if it was cut.

    >>> clip("abcdefgh", 6), clip("abc", 6)
    ('abc...', 'abc')
    """
    return text if len(text) <= width else text[: width - 3] + "..."


def values(terms: Sequence[int | None], width: int) -> str:
    """Comma-separated values ('?' for none), cut with '...' to fit ``width``.

    >>> values([1, 22, 333], 8), values([1, None], 8)
    ('1, 22...', '1, ?')
    """
    return clip(", ".join("?" if v is None else int_text(v) for v in terms), width)


def num(v: float | None) -> str:
    """A number in 3 significant digits; '0' for zero, 'inf' for infinity, '-' for none.

    >>> num(0.0), num(1234.5), num(math.inf), num(None)
    ('0', '1.23e+03', 'inf', '-')
    """
    if v is None:
        return "-"
    return "0" if v == 0 else "inf" if math.isinf(v) else f"{v:.3g}"


def span(numbers: Sequence[int]) -> str:
    """Increasing numbers as ranges.

    >>> span([1, 2, 3, 5, 7, 8])
    '1-3, 5, 7-8'
    """
    parts, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        parts.append(str(numbers[i]) if i == j else f"{numbers[i]}-{numbers[j]}")
        i = j + 1
    return ", ".join(parts)


def where(first: int, count: int) -> str:
    """The terms ``a(first)`` to ``a(first + count - 1)``, as a range unless there is one.

    >>> where(8, 4), where(6, 1)
    ('a(8..11)', 'a(6)')
    """
    return f"a({first})" if count == 1 else f"a({first}..{first + count - 1})"


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an s when it is not 1.

    >>> plural(1, "program"), plural(3, "program")
    ('1 program', '3 programs')
    """
    return f"{count} {noun}" + ("" if count == 1 else "s")


def integer(v: int, most: int = 60) -> str:
    """``v`` in full up to ``most`` digits; longer, its first and last digits and its length.

    >>> integer(12345), integer(2**400)
    ('12345', '2582249878...2747493376 (121 digits)')
    """
    text = int_text(v)
    digits = len(text.lstrip("-"))
    if digits <= most:
        return text
    return f"{text[:10 + (v < 0)]}...{text[-10:]} ({digits:,} digits)"
