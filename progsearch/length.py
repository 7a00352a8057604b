"""Integer codes and program lengths in bits: one prefix-free code for every program.

A program is written as: a form tag, then its body.  Integers (constants, initial values,
table entries, orders) use the Elias delta code of their zig-zag value, so big numbers cost
more than small ones and every code word is self-delimiting.  Expression nodes cost
``log2`` of the number of symbols that could stand at that place.  Because every part is
prefix-free, the lengths of different forms are comparable and ``2**-bits`` sums to at
most 1 over all programs (Kraft's inequality; checked in the tests).
"""

from __future__ import annotations

import math

FORMS = ("lookup", "periodic", "loop", "formula", "filter", "transform")  # tag: one of six,
# the same log2(6) bits for every form, so no form gains on another by its tag
FORM_TAG_BITS = math.log2(len(FORMS))


def elias_delta_bits(n: int) -> int:
    """Length of the Elias delta code word of a positive integer ``n``.

    >>> [elias_delta_bits(n) for n in (1, 2, 3, 4, 15, 16)]
    [1, 4, 4, 5, 8, 9]
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    big_l = n.bit_length() - 1  # floor(log2 n)
    return big_l + 2 * (big_l + 1).bit_length() - 1


def zigzag(v: int) -> int:
    """Map ``0, -1, 1, -2, 2, ...`` to ``0, 1, 2, 3, 4, ...``.

    >>> [zigzag(v) for v in (0, -1, 1, -2, 2)]
    [0, 1, 2, 3, 4]
    """
    return 2 * v if v >= 0 else -2 * v - 1


def int_bits(v: int) -> int:
    """Bits to write any integer ``v``: Elias delta of ``zigzag(v) + 1``.

    >>> int_bits(0), int_bits(1), int_bits(-1), int_bits(1000)
    (1, 4, 4, 17)
    """
    return elias_delta_bits(zigzag(v) + 1)


def count_bits(n: int) -> int:
    """Bits to write a count ``n >= 0`` (a length, an order): Elias delta of ``n + 1``.

    >>> count_bits(0), count_bits(3)
    (1, 5)
    """
    if n < 0:
        raise ValueError(f"count must be at least 0, got {n}")
    return elias_delta_bits(n + 1)


def table_bits(values) -> int:
    """Bits for a table: its length, then each entry.

    >>> table_bits([3, 5])
    17
    """
    values = list(values)
    return count_bits(len(values)) + sum(int_bits(v) for v in values)
