"""Fitted: a program as the first part of a two-part description of noisy data.

The model is ``c0 + c1 * f(n)`` for an inner program ``f`` (any form; ``c0 = 0, c1 = 1`` is the
program itself; a ``constant`` model is a formula that is one integer, priced as noise.code
says, without the program's own bits), and the data are the model plus residuals coded as in
noise.code.  ``bits`` is the whole two-part length, ``program_bits + residual_bits``: it is
what ranks programs in a noisy search (prior times likelihood), so a search in noisy mode needs
no other ranking.  ``program_bits`` is the inner program's bits, the model tag and the
constants; ``residual_bits`` the residuals' code.  An exact fit has ``scale == 0``.
``points``, ``sumsq`` and ``rsum`` (the number of training terms, the sum of the squared
residuals and the sum of the residuals, when known) let the prediction sum the code over every
scale and every value of the stated constant (noise.predict), which weighs the mixture.
"""

from __future__ import annotations

from functools import cached_property

from ..forms import Program
from .code import AFFINE_TAG_BITS, EXACT_BITS, MODELS, scale_sigma


class Fitted(Program):
    """``c0 + c1 * inner(n)``, with its residuals on the training terms coded at scale ``s``."""

    def __init__(self, inner: Program, c0: int, c1: int, program_bits: float,
                 residual_bits: float, scale: int, kind: str | None = None, *,
                 points: int = 0, sumsq: float = 0.0, rsum: float = 0.0):
        super().__init__(inner.offset)
        self.kind = kind or ("plain" if (c0, c1) == (0, 1) else "affine")
        if self.kind not in MODELS:
            raise ValueError(f"kind must be one of {MODELS}, got {kind!r}")
        self.inner, self.c0, self.c1 = inner, int(c0), int(c1)
        self.program_bits, self.residual_bits, self.scale = program_bits, residual_bits, scale
        self.points, self.sumsq, self.rsum = points, float(sumsq), float(rsum)  # 0: unknown
        self.form = inner.form
        self.predicts = inner.predicts

    @classmethod
    def exact(cls, inner: Program) -> Fitted:
        """An exact program in a noisy search: its bits, the affine tag, and "residuals all 0".

        >>> from progsearch.forms import Lookup
        >>> round(Fitted.exact(Lookup([1, 2])).bits - Lookup([1, 2]).bits, 3)  # log2(3) + 1
        2.585
        """
        return cls(inner, 0, 1, inner.bits + AFFINE_TAG_BITS, float(EXACT_BITS), 0)

    @cached_property
    def bits(self) -> float:
        """The two-part length: program bits (with the constants) plus residual bits."""
        return self.program_bits + self.residual_bits

    @property
    def sigma(self) -> float:
        """The residuals' coded standard deviation (0 for an exact fit)."""
        return scale_sigma(self.scale) if self.scale else 0.0

    @property
    def plain(self) -> bool:
        """True when the model is the inner program itself (no affine constants)."""
        return (self.c0, self.c1) == (0, 1)

    def terms(self, start: int, stop: int) -> list[int]:
        """The model's values ``c0 + c1 * inner(n)``: its prediction, without the noise."""
        return [self.c0 + self.c1 * v for v in self.inner.terms(start, stop)]

    def body_bits(self) -> float:
        return self.bits

    @property
    def source(self) -> str:
        if self.plain:
            return self.inner.source
        inner = self.inner.source.replace("def a(", "def f(", 1)
        return f"{inner}\n\ndef a(n):\n    return {self.model('f(n)')}\n"

    def model(self, f: str) -> str:
        """The affine model around the text ``f`` of the inner program.

        >>> from progsearch.forms import Lookup
        >>> Fitted(Lookup([1]), 5, -2, 0.0, 0.0, 0).model("n*n")
        '5 - 2*(n*n)'
        """
        if self.c1 == 0:
            return str(self.c0)
        body = f if self.c1 == 1 else f"-({f})" if self.c1 == -1 else f"{abs(self.c1)}*({f})"
        if self.c0 == 0:
            return body if self.c1 > 0 or self.c1 == -1 else f"-{body}"
        sign = "+" if self.c1 > 0 else "-"
        body = body.lstrip("-") if self.c1 == -1 else body
        return f"{self.c0} {sign} {body}"

    def display(self) -> str:
        text = self.inner.display() if self.plain else self.model(self.inner.display())
        return text if not self.scale else f"{text}, residual sd {self.sigma:.3g}"

    def to_sympy(self):
        if self.plain:
            return self.inner.to_sympy()
        import sympy

        return sympy.Integer(self.c0) + self.c1 * self.inner.to_sympy()

    def __repr__(self) -> str:
        return (f"Fitted({self.display()}, {self.program_bits:.1f} + {self.residual_bits:.1f} "
                f"bits)")
