"""Drawing programs from the prior: the length code read backwards, from fair coin flips.

A program is written in the prefix code of ``forms.py`` and ``length.py``: a form tag (one of six:
filters and transforms are refused here);
for a table, its length and entries in the integer code; for a loop, the kind of its rule (one
of three: an expression; the others, P-recursive and linear rules, are rejected), its order and
initial values; for an
expression, each node one of the symbols that could stand there, uniformly, and each constant
in the integer code.  Reading that code from fair coin flips draws a program of ``b`` bits with
probability exactly ``2**-b``.  A draw outside the part of the language asked for (too many
nodes, a constant the search does not have, a loop order or table length out of range) raises
:class:`Rejected`; drawing again keeps the odds between accepted programs at ``2**-bits``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..forms import RULE_KINDS, Formula, Lookup, Loop, Periodic, Program, node_symbols
from ..language import CORE_OPS, LIBRARY_OPS, Apply, Const, Expr, Var, variables
from ..length import FORMS
from ..search import CONSTANTS, LOOP_ORDER

MAX_NODES = 4  # nodes per expression drawn, by default
MAX_TABLE = 32  # longest table drawn, by default


class Rejected(Exception):
    """A draw outside the part of the language asked for; draw again."""


class Bits:
    """Fair coin flips from a seeded generator, and a count of the bits they are worth.

    >>> b = Bits(np.random.default_rng(0))
    >>> _ = b.flip(), b.choose(10)
    >>> b  # 1 bit + log2(10) bits
    Bits(spent=4.322)
    """

    def __init__(self, rng: np.random.Generator):
        self.rng, self.spent = rng, 0.0

    def flip(self) -> int:
        """One fair bit: 0 or 1."""
        self.spent += 1
        return int(self.rng.integers(2))

    def choose(self, k: int) -> int:
        """One of ``k`` symbols, uniformly: log2(k) bits."""
        self.spent += math.log2(k)
        return int(self.rng.integers(k))

    def __repr__(self) -> str:
        return f"Bits(spent={self.spent:.3f})"


def read_positive(bits: Bits, longest: int = 40) -> int:
    """Read an Elias delta code word: ``n >= 1`` comes out with probability 2**-len(word).

    Code word: L = floor(log2 n), then L+1 in Elias gamma (zeros, then its binary digits), then
    the L low digits of n.  A word with more than ``longest`` digits of n is rejected.

    >>> read_positive(Bits(np.random.default_rng(0)))  # coin flips 1: the word '1' is n = 1
    1
    """
    zeros = 0
    while bits.flip() == 0:
        zeros += 1
        if zeros > longest.bit_length():
            raise Rejected("number too long")
    length_plus_1 = 1
    for _ in range(zeros):
        length_plus_1 = 2 * length_plus_1 + bits.flip()
    if length_plus_1 - 1 > longest:
        raise Rejected("number too long")
    n = 1
    for _ in range(length_plus_1 - 1):
        n = 2 * n + bits.flip()
    return n


def read_integer(bits: Bits) -> int:
    """An integer in the library's integer code: Elias delta of the zig-zag value, plus 1.

    >>> b = Bits(np.random.default_rng(5))
    >>> v = read_integer(b)
    >>> from progsearch.length import int_bits
    >>> b.spent == int_bits(v)
    True
    """
    z = read_positive(bits) - 1
    return z // 2 if z % 2 == 0 else -(z + 1) // 2  # zig-zag: 0, 1, 2, 3, 4 -> 0, -1, 1, -2, 2


def read_expr(bits: Bits, leaves: Sequence[Var], max_nodes: int,
              constants: Sequence[int] = CONSTANTS) -> Expr:
    """An expression tree in prefix order, each node one of the symbols, uniformly.

    The symbols are the ``leaves``, one constant symbol (then an integer code word), the core
    operators and the escape ``lib`` (then one of the library operators, uniformly), as in
    ``forms.expr_bits``; more than ``max_nodes`` nodes, or a constant not in
    ``constants``, is rejected.

    >>> read_expr(Bits(np.random.default_rng(11)), variables(0), 4)
    1
    >>> read_expr(Bits(np.random.default_rng(0)), variables(0), 4)
    Traceback (most recent call last):
    progsearch.universe.prior.Rejected: too many nodes
    """
    budget = [max_nodes]

    def node() -> Expr:
        if budget[0] == 0:
            raise Rejected("too many nodes")
        budget[0] -= 1
        i = bits.choose(node_symbols(len(leaves)))  # the leaves, const, the core ops, lib
        if i < len(leaves):
            return leaves[i]
        if i == len(leaves):
            c = read_integer(bits)
            if c not in constants:
                raise Rejected("constant not in the search")
            return Const(c)
        i -= len(leaves) + 1
        op = CORE_OPS[i] if i < len(CORE_OPS) else LIBRARY_OPS[bits.choose(len(LIBRARY_OPS))]
        return Apply(op, tuple(node() for _ in range(op.arity)))

    return node()


def read_program(bits: Bits, max_nodes: int = MAX_NODES, max_table: int = MAX_TABLE) -> Program:
    """A program read from coin flips with the library's prefix code: the length code inverted.

    >>> bits = Bits(np.random.default_rng(106))
    >>> p = read_program(bits)
    >>> p, round(bits.spent, 9) == round(p.bits, 9)  # the flips spent: the program's bits
    (Formula(prime(n), 13.9 bits), True)
    """
    form = FORMS[bits.choose(len(FORMS))]  # the form tag
    if form in ("filter", "transform"):  # outside the universes' language: drawn, then refused
        raise Rejected(f"{form} programs are not drawn")
    if form in ("lookup", "periodic"):
        length = read_positive(bits) - 1
        if not 1 <= length <= max_table:
            raise Rejected("table empty or too long")
        values = [read_integer(bits) for _ in range(length)]
        return Lookup(values) if form == "lookup" else Periodic(values)
    if form == "formula":
        return Formula(read_expr(bits, variables(0), max_nodes))
    kind = RULE_KINDS[bits.choose(len(RULE_KINDS))]
    if kind != "expression":
        raise Rejected(f"{kind} rule")
    order = read_positive(bits) - 1
    if not 1 <= order <= LOOP_ORDER:
        raise Rejected("loop order")
    initial = [read_integer(bits) for _ in range(order)]
    return Loop(read_expr(bits, variables(order), max_nodes), initial)


def draw_program(rng: np.random.Generator, max_nodes: int = MAX_NODES,
                 max_table: int = MAX_TABLE) -> Program | None:
    """One draw from the prior: a program of b bits with probability 2**-b; None if rejected.

    >>> draw_program(np.random.default_rng(127))
    Formula(n, 6.0 bits)
    """
    try:
        return read_program(Bits(rng), max_nodes, max_table)
    except Rejected:
        return None
