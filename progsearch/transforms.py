"""Transformed: a program for the differences, partial sums, ratios, halves, runs or later terms.

The inner programs are ordinary programs of another form; the transform says how to rebuild
the terms from them.  With ``o`` the offset (the first index of ``a``):

    differences   d(n) = a(n) - a(n-1) for n > o:  a(n) = a(o) + d(o+1) + ... + d(n)
    partial_sums  s(n) = a(o) + ... + a(n) for n >= o:  a(n) = s(n) - s(n-1), a(o) = s(o)
    ratios        r(n) = a(n) / a(n-1) for n > o:  a(n) = a(o) * r(o+1) * ... * r(n)
    halves        e(m) = a(o + 2m), f(m) = a(o + 2m + 1) for m >= 0: the two interleaved
    repeats       the values v0, v0 + 1, v0 + 2, ... in turn, each v repeated c(v) >= 1 times
                  ("n appears n times"); c is indexed by the value, from v0 = a(o)
    given         a(o) is given, b(n) = a(n) for n > o: a rule whose first term is an
                  exception ("a(0) = 1 by convention")

Code: the form tag, then the kind (one of KINDS, uniform: ``log2(len(KINDS))`` bits), then the
inner program (with its own form tag; two for halves), then ``a(o)`` (integer code) for the
kinds that need it (differences, ratios, repeats, given).  Each part is prefix-free, so Kraft holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from .bigint import int_literal, int_text
from .language import Invalid
from .length import int_bits
from .programs import Program, check_range

KINDS = ("differences", "partial_sums", "ratios", "halves", "repeats", "given")  # uniform
KIND_BITS = math.log2(len(KINDS))
NAMES = {"differences": ("d",), "partial_sums": ("s",), "ratios": ("r",),
         "halves": ("even", "odd"), "repeats": ("c",), "given": ("b",)}  # names in the text
NEEDS_FIRST = ("differences", "ratios", "repeats", "given")  # kinds whose code carries a(offset)


def inner_offsets(kind: str, offset: int, first: int = 0) -> tuple[int, ...]:
    """The first index of each inner program of a kind, for terms from ``offset`` (and, for
    repeats, whose counts are indexed by the value, the first value ``first``).

    >>> inner_offsets("differences", 0), inner_offsets("halves", 5), inner_offsets("repeats", 1, 3)
    ((1,), (0, 0), (3,))
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    return {"differences": (offset + 1,), "partial_sums": (offset,), "ratios": (offset + 1,),
            "halves": (0, 0), "repeats": (first,), "given": (offset + 1,)}[kind]


class Transformed(Program):
    """Terms rebuilt from inner programs for their differences, partial sums, ratios, halves,
    runs, or the terms after a given first one.

    >>> from progsearch.forms import Formula
    >>> from progsearch.language import OP_BY_NAME, Apply, Const, Var
    >>> double = Formula(Apply(OP_BY_NAME["add"], (Var("n"), Var("n"))), offset=1)  # d(n) = 2n
    >>> t = Transformed("differences", [double], offset=0, first=5)
    >>> t.terms(0, 5), t.display()
    ([5, 7, 11, 17, 25], 'differences: a(n) - a(n-1) = n + n; a(0) = 5')
    """

    form = "transform"

    def __init__(self, kind: str, parts: Sequence[Program], offset: int = 0,
                 first: int | None = None):
        super().__init__(offset)
        want = inner_offsets(kind, offset, first or 0)
        parts = tuple(parts)
        if not all(isinstance(p, Program) for p in parts):
            raise TypeError("parts must be programs")
        if tuple(p.offset for p in parts) != want:
            raise ValueError(f"parts of a {kind} transform must start at n={want}, "
                             f"got {tuple(p.offset for p in parts)}")
        if (first is None) == (kind in NEEDS_FIRST):
            need = "needs" if kind in NEEDS_FIRST else "takes no"
            raise ValueError(f"first: a {kind} transform {need} a first value")
        self.kind, self.parts, self.first = kind, parts, first

    @property
    def predicts(self) -> bool:  # type: ignore[override]
        return all(p.predicts for p in self.parts)

    def body_bits(self) -> float:
        first = int_bits(self.first) if self.kind in NEEDS_FIRST else 0
        return KIND_BITS + sum(p.bits for p in self.parts) + first

    # -- values ----------------------------------------------------------------------------
    def terms(self, start: int, stop: int) -> list[int]:
        """a(n) for n in range(start, stop), rebuilt from the inner programs' exact terms.

        >>> from progsearch.forms import Periodic
        >>> Transformed("halves", [Periodic([0]), Periodic([1, 2])], offset=1).terms(1, 7)
        [0, 1, 0, 2, 0, 1]
        """
        check_range(start, self.offset, "the transform")
        if stop <= start:
            return []
        return getattr(self, "_" + self.kind)(start, stop)

    def _differences(self, start: int, stop: int) -> list[int]:
        values = [self.first]
        for d in self.parts[0].terms(self.offset + 1, stop):
            values.append(values[-1] + d)  # a(n) = a(n-1) + d(n)
        return values[start - self.offset:]

    def _partial_sums(self, start: int, stop: int) -> list[int]:
        lo = max(start - 1, self.offset)
        s = self.parts[0].terms(lo, stop)
        head = [s[0]] if start == self.offset else []  # a(o) = s(o)
        return head + [b - a for a, b in zip(s, s[1:])]  # a(n) = s(n) - s(n-1)

    def _ratios(self, start: int, stop: int) -> list[int]:
        values = [self.first]
        for r in self.parts[0].terms(self.offset + 1, stop):
            values.append(values[-1] * r)  # a(n) = a(n-1) * r(n)
        return values[start - self.offset:]

    def _halves(self, start: int, stop: int) -> list[int]:
        lo, hi = start - self.offset, stop - self.offset
        even = self.parts[0].terms(lo // 2 + lo % 2, (hi + 1) // 2)  # m with lo <= 2m < hi
        odd = self.parts[1].terms(lo // 2, hi // 2)  # m with lo <= 2m + 1 < hi
        merged = [0] * (len(even) + len(odd))
        first_even = lo % 2 == 0
        merged[0 if first_even else 1::2] = even
        merged[1 if first_even else 0::2] = odd
        return merged

    def _repeats(self, start: int, stop: int) -> list[int]:
        values: list[int] = []
        value, need = self.first, stop - self.offset
        while len(values) < need:
            count = self.parts[0].terms(value, value + 1)[0]
            if count < 1:
                raise Invalid(f"c({value}) = {count}: a value must appear at least once")
            values += [value] * min(count, need - len(values))
            value += 1
        return values[start - self.offset:]

    def _given(self, start: int, stop: int) -> list[int]:
        head = [self.first] if start == self.offset else []
        return head + self.parts[0].terms(max(start, self.offset + 1), stop)

    # -- text ------------------------------------------------------------------------------
    @property
    def source(self) -> str:
        o, first = self.offset, int_literal(self.first or 0)
        inner = "".join(_renamed_source(p, name) for p, name in zip(self.parts, NAMES[self.kind]))
        guard = f"    if n < {o}:\n        raise ValueError(f'n must be at least {o}, got {{n}}')\n"
        body = {
            "differences": f"    return {first} + sum(d(j) for j in range({o + 1}, n + 1))\n",
            "partial_sums": f"    return s(n) - s(n - 1) if n > {o} else s(n)\n",
            "ratios": f"    return {first} * prod(r(j) for j in range({o + 1}, n + 1))\n",
            "halves": (f"    m, is_odd = divmod({_minus('n', o)}, 2)\n"
                       "    return odd(m) if is_odd else even(m)\n"),
            "repeats": (f"    v, left = {first}, {_minus('n', o)}\n"
                        "    while (k := c(v)) <= left:  # v appears c(v) times\n"
                        "        if k < 1:\n"
                        "            raise ValueError(f'c({v}) must be at least 1')\n"
                        "        left, v = left - k, v + 1\n"
                        "    return v\n"),
            "given": f"    return b(n) if n > {o} else {first}\n",
        }[self.kind]
        head = "from math import prod\n" if self.kind == "ratios" else ""
        return f"{head}{inner}def a(n):\n{guard}{body}"

    def display(self) -> str:
        o, (name, *more) = self.offset, NAMES[self.kind]
        rule = _rule(self.parts[0], name)
        start = f"; a({o}) = {int_text(self.first or 0)}"
        if self.kind == "differences":
            return f"differences: a(n) - a(n-1) = {rule}{start}"
        if self.kind == "partial_sums":
            return f"partial sums: a({o}) + ... + a(n) = {rule}"
        if self.kind == "ratios":
            return f"ratios: a(n) / a(n-1) = {rule}{start}"
        if self.kind == "given":
            return f"a({o}) = {int_text(self.first)}, then a(n) = {rule}"
        if self.kind == "repeats":
            return (f"repeats: {int_text(self.first)}, {int_text(self.first + 1)}, ... in turn, "
                    f"each n appearing {rule} times")
        return (f"halves: a({_plus('2n', o)}) = {rule}, "
                f"a({_plus('2n', o + 1)}) = {_rule(self.parts[1], more[0])}")

    def to_sympy(self):
        """a(n) in SymPy: an Eq (then, in a Tuple, the Eqs of inner programs that are loops).

        >>> from progsearch.forms import Formula
        >>> from progsearch.language import Var
        >>> Transformed("ratios", [Formula(Var('n'), offset=1)], first=1).to_sympy()
        Eq(a(n), Product(j, (j, 1, n)))
        """
        import sympy

        if self.kind == "repeats":
            raise TypeError("a repeats transform has no SymPy form (its values are found by "
                            "counting runs)")
        n, j = sympy.Symbol("n", integer=True), sympy.Symbol("j", integer=True)
        o, terms, rules = self.offset, [], []
        for prog, name in zip(self.parts, NAMES[self.kind]):
            term, rule = _sympy_term(prog, name, n)
            terms.append(term)
            rules += rule
        t = terms[0]
        rhs = {
            "differences": lambda: self.first + sympy.Sum(t.subs(n, j), (j, o + 1, n)),
            "partial_sums": lambda: sympy.Piecewise((t - t.subs(n, n - 1), n > o),
                                                    (t.subs(n, o), True)),
            "ratios": lambda: self.first * sympy.Product(t.subs(n, j), (j, o + 1, n)),
            "given": lambda: sympy.Piecewise((t, n > o), (self.first, True)),
            "halves": lambda: sympy.Piecewise(
                (t.subs(n, (n - o) / 2), sympy.Eq(sympy.Mod(n - o, 2), 0)),
                (terms[-1].subs(n, (n - o - 1) / 2), True)),
        }[self.kind]()
        main = sympy.Eq(sympy.Function("a")(n), rhs)
        return sympy.Tuple(main, *rules) if rules else main

    def __repr__(self) -> str:
        return f"Transformed({self.display()}, {self.bits:.1f} bits)"


def _minus(var: str, k: int) -> str:
    return var if k == 0 else f"{var} - {k}" if k > 0 else f"{var} + {-k}"


def _plus(var: str, k: int) -> str:
    return _minus(var, -k).replace(" ", "")


def _renamed_source(prog: Program, name: str) -> str:
    """The inner program's source, its ``def a(`` renamed ``def name(``."""
    text, count = re.subn(r"^def a\(", f"def {name}(", prog.source, count=1, flags=re.M)
    if count != 1:
        raise ValueError(f"the {prog.form} program's source does not define a(n)")
    return text


def _sympy_term(prog: Program, name: str, n) -> tuple:
    """(the inner program's value at n in SymPy, the Eqs that define it if it is a loop)."""
    import sympy

    if prog.form == "formula":
        return prog.to_sympy(), []
    rule = prog.to_sympy().replace(sympy.Function("a"), sympy.Function(name))
    return sympy.Function(name)(n), [rule]


def _rule(prog: Program, name: str) -> str:
    """An inner program as text: its expression in n, or ``name(n) [its rule, renamed]``."""
    if prog.form in ("formula", "periodic"):
        return prog.display()
    return f"{name}(n) [{re.sub(r'(?<![A-Za-z0-9_])a[(]', name + '(', prog.display())}]"
