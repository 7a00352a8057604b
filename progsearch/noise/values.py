"""Decimal terms at their stated precision: as integers in units of their last decimal place.

A noisy search works on integers.  Terms written with decimals (``1.25``, ``-0.5``, ``3``) are
read exactly (``decimal.Decimal`` of their text; a float is read through its shortest
``repr``) and multiplied by ``10**d``, where ``d`` is the most decimals any term gives: the
precision the data state.  ``1.25 2.5 3`` becomes ``125 250 300`` with ``d = 2``; programs
found for those integers describe the data in hundredths.  NaN and infinity are refused.
"""

from __future__ import annotations

import decimal
import numbers
from collections.abc import Sequence

MAX_DECIMALS = 12  # more decimals than this is not a stated precision but float noise


class TooManyDecimals(ValueError):
    """A term gives more than MAX_DECIMALS decimals: ``index``, its ``value`` and ``places``."""

    def __init__(self, index: int, value: object, places: int):
        super().__init__(f"terms may have at most {MAX_DECIMALS} decimals; term {index} "
                         f"({value!r}) has {places}")
        self.index, self.value, self.places = index, value, places

    def __repr__(self) -> str:
        return f"TooManyDecimals(term {self.index}: {self.places} decimals)"


def _decimal(value: object, i: int) -> decimal.Decimal:
    if isinstance(value, bool):
        raise TypeError(f"terms must be numbers; term {i} is {value!r}")
    if isinstance(value, numbers.Integral):
        return decimal.Decimal(int(value))
    if isinstance(value, float):
        value = repr(value)
    if not isinstance(value, (str, decimal.Decimal)):
        raise TypeError(f"terms must be numbers; term {i} is {value!r}")
    try:
        d = decimal.Decimal(value.strip() if isinstance(value, str) else value)
    except decimal.InvalidOperation:
        raise ValueError(f"terms must be numbers; term {i} is {value!r}") from None
    if not d.is_finite():
        raise ValueError(f"terms must be finite numbers; term {i} is {value!r}")
    return d


def decimal_terms(values: Sequence[object]) -> tuple[list[int], int]:
    """The terms as integers in units of ``10**-d`` and ``d``, the most decimals given.

    >>> decimal_terms(["1.25", "2.5", 3])
    ([125, 250, 300], 2)
    >>> decimal_terms([1, -2])
    ([1, -2], 0)
    >>> decimal_terms(["nan"])
    Traceback (most recent call last):
    ...
    ValueError: terms must be finite numbers; term 0 is 'nan'
    >>> decimal_terms([1, "0.1234567890123"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    progsearch.noise.values.TooManyDecimals: terms may have at most 12 decimals; term 1 ... has 13
    """
    ds = [_decimal(v, i) for i, v in enumerate(values)]
    each = [max(0, -d.as_tuple().exponent) for d in ds]
    places = max(each, default=0)
    if places > MAX_DECIMALS:
        i = next(i for i, k in enumerate(each) if k > MAX_DECIMALS)
        raise TooManyDecimals(i, values[i], each[i])
    return [int(d.scaleb(places)) for d in ds], places
