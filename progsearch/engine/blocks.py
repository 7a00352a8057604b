"""The blocks of a size: which operator is built from which operand sizes.

A block is (operator index, operator, left size, right size): every candidate of the block
applies that operator to kept expressions of those sizes (right size 0 for a unary operator).
An operator's ``max_nodes`` caps its operand sizes: a computed operator costs a row per
candidate, and a divisor or an exponent of many nodes rarely helps.
"""

from __future__ import annotations

from ..language import Op
from .banks import Bank


def blocks_of(ops: tuple[Op, ...], size: int) -> list[tuple]:
    """(operator index, operator, left size, right size) of every block of a size.

    A commutative operator is built with left size <= right size only.

    >>> from progsearch.language import OPS
    >>> [(op.name, i, j) for _, op, i, j in blocks_of(OPS, 3)]  # doctest: +NORMALIZE_WHITESPACE
    [('add', 1, 1), ('sub', 1, 1), ('mul', 1, 1), ('floordiv', 1, 1), ('mod', 1, 1),
     ('pow', 1, 1), ('binomial', 1, 1), ('factorial', 2, 0), ('isqrt', 2, 0),
     ('issquare', 2, 0), ('gcd', 1, 1), ('trirow', 2, 0), ('tricol', 2, 0)]
    """
    out = []
    for k, op in enumerate(ops):
        if op.arity == 1:
            if _within(size - 1, op.max_nodes[0]):
                out.append((k, op, size - 1, 0))
            continue
        for i in range(1, size - 1):
            j = size - 1 - i
            if (not (op.commutative and i > j) and _within(j, op.max_nodes[1])
                    and _within(i, op.max_nodes[0])):
                out.append((k, op, i, j))
    return out


def _within(nodes: int, cap: int | None) -> bool:
    """Whether an operand of ``nodes`` nodes is within an operator's cap (None: any)."""
    return cap is None or nodes <= cap


def expected_new(banks: list[Bank | None], blocks: list[tuple]) -> int:
    """A guess at the rows the next size keeps: 40% of its candidates.

    (40% is what a sequence with no short rule keeps; reserving room up front saves
    rebuilding the key set halfway through the size.)
    """
    pairs = sum(len(banks[i]) * (len(banks[j]) if j else 1) for _, op, i, j in blocks)
    return min(int(0.4 * pairs), 1 << 25)
