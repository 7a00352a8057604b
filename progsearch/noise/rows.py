"""Comparison rows in noisy mode: model bits and residual bits apart, and their table.

A program row (a noise.Fitted) gets ``bits`` = its model's bits and ``residual_bits`` = its
residuals'; a ridge row keeps its weights' bits and gets the bits of its rounded training
residuals in the same code (noise.code), so that every row is a two-part length of the same
training terms.  Rows are duck-typed (compare.Row): this module sits below compare.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from .code import residual_bits_one


def two_part_row(row, train: Sequence[int], offset: int):
    """The row with its model bits and residual bits, and its training RMSE.

    >>> from dataclasses import dataclass
    >>> from progsearch.forms import Formula, Lookup
    >>> from progsearch.noise.program import Fitted
    >>> @dataclass
    ... class R:
    ...     bits: float
    ...     train_error: float
    ...     residual_bits: float | None = None
    ...     program: object = None
    ...     fit: object = None
    >>> row = two_part_row(R(9.0, 0.0, program=Fitted.exact(Lookup([1, 2]))), [1, 2], 0)
    >>> round(row.bits, 2), row.residual_bits
    (17.17, 1.0)
    """
    n = len(train)
    if row.program is not None:
        prog = row.program
        fitted = prog.terms(offset, offset + n)
        err = math.sqrt(sum((a - b) ** 2 for a, b in zip(fitted, train)) / n)
        return replace(row, bits=prog.program_bits, residual_bits=prog.residual_bits,
                       train_error=err)
    if row.fit is not None:
        fitted = row.fit.predict_int(range(offset, offset + n))
        bits, _ = residual_bits_one([t - p for t, p in zip(train, fitted)])
        return replace(row, residual_bits=bits)
    return row


def two_part_table(rows) -> str:
    """The rows' two-part lengths, shortest first: model bits + residual bits = total.

    >>> from types import SimpleNamespace as NS
    >>> print(two_part_table([NS(row=1, model="n", bits=7.0, residual_bits=30.5)]))
    two-part lengths of the training terms (noisy mode): model bits + residual bits = total
    (noisy mode: programs describe the training terms with residuals; 'train' is their RMSE)
       #  model                                          bits + residual =   total
       1  n                                               7.0 +     30.5 =    37.5
    <BLANKLINE>
    """
    scored = [r for r in rows if r.residual_bits is not None]
    lines = ["two-part lengths of the training terms (noisy mode): model bits + residual bits "
             "= total", "(noisy mode: programs describe the training terms with residuals; "
             "'train' is their RMSE)",
             f"  {'#':>2}  {'model':<44} {'bits':>6} + {'residual':>8} = {'total':>7}"]
    for r in sorted(scored, key=lambda r: (r.bits + r.residual_bits, r.row)):
        name = r.model if len(r.model) <= 44 else r.model[:41] + "..."
        lines.append(f"  {r.row:>2}  {name:<44} {r.bits:>6.1f} + {r.residual_bits:>8.1f} = "
                     f"{r.bits + r.residual_bits:>7.1f}")
    return "\n".join(lines) + "\n"
