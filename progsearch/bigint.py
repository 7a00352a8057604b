"""Integers of any size as text, without Python's limit on int <-> str conversion.

Python (3.11+) refuses ``str(v)`` and ``int(text)`` past ``sys.get_int_max_str_digits()``
digits (4300 by default), a guard against quadratic conversions.  The library accepts terms of
up to 10,000 digits and builds results of about 6,000, so every place that turns an integer
into text, or text into an integer, goes through here.  The limit is never changed (it is
process-wide: changing it would change it for the caller too); instead a long integer goes
through :class:`decimal.Decimal`, whose conversions the limit leaves alone (and which are fast:
a 10,000-digit integer takes well under a millisecond), and a Python literal past the limit is
written in hexadecimal, which the compiler reads without a limit.
"""

from __future__ import annotations

import decimal
import json
import re
import sys

_ASCII_INT = re.compile(r"[+-]?[0-9]+\Z")
_SAFE_BITS = 4000 * 3  # below 10**3600: every interpreter converts these with str() / int()
_MARK = "@@progsearch-int-{}@@"  # a long integer's place in a JSON text, until filled in


def _limit() -> int:
    """The interpreter's digit limit (0: none, as before Python 3.11)."""
    return getattr(sys, "get_int_max_str_digits", lambda: 0)()


def int_text(v: int) -> str:
    """The decimal digits of ``v`` (with its sign), whatever its size.

    >>> int_text(-12), len(int_text(10**5000))
    ('-12', 5001)
    """
    if abs(v).bit_length() <= _SAFE_BITS:
        return str(v)
    return str(decimal.Decimal(v))


def int_literal(v: int) -> str:
    """``v`` as a Python literal: decimal digits, or hexadecimal past the interpreter's limit
    (which ``compile`` would refuse in decimal).

    >>> int_literal(255), int_literal(-(16**5000))[:6]
    ('255', '-0x100')
    """
    text = int_text(v)
    limit = _limit()
    if limit and len(text.lstrip("-")) > limit:
        return hex(v)  # '-0x...' for a negative v
    return text


def list_literal(values) -> str:
    """A list of integers as Python source, like ``str(list(values))``.

    >>> list_literal((1, -2, 3))
    '[1, -2, 3]'
    """
    return "[" + ", ".join(int_literal(v) for v in values) + "]"


def parse_int(text: str, what: str) -> int:
    """The integer written ``text``: ASCII digits with an optional sign, any length; else
    ValueError naming ``what`` (Unicode digits, spaces, underscores and ``1e5`` are refused).

    >>> parse_int("-0042", "term"), parse_int("+7", "term")
    (-42, 7)
    >>> parse_int("١٢", "term")
    Traceback (most recent call last):
    ...
    ValueError: term '١٢' is not an ASCII integer
    """
    if not _ASCII_INT.match(text):
        short = text if len(text) <= 30 else text[:27] + "..."
        kind = "an ASCII integer" if text.lstrip("+-").isdigit() else "an integer"  # ١٢, １２
        raise ValueError(f"{what} {short!r} is not {kind}")
    if len(text) <= 3000:
        return int(text)
    return int(decimal.Decimal(text))


def dumps(doc, **kwargs) -> str:
    """``json.dumps(doc, **kwargs)``, with integers of any size written as JSON numbers.

    >>> dumps({"a": [1, 10**5000]})[:12], len(dumps([10**5000]))
    ('{"a": [1, 10', 5003)
    """
    long: list[int] = []

    def mark(x):
        if isinstance(x, bool) or not isinstance(x, int):
            if isinstance(x, dict):
                return {k: mark(v) for k, v in x.items()}
            if isinstance(x, (list, tuple)):
                return [mark(v) for v in x]
            return x
        if abs(x).bit_length() <= _SAFE_BITS:
            return x
        long.append(x)
        return _MARK.format(len(long) - 1)

    text = json.dumps(mark(doc), **kwargs)
    if not long:
        return text
    return re.sub('"' + _MARK.format(r"(\d+)") + '"',
                  lambda m: int_text(long[int(m.group(1))]), text)
