"""Where the kept expressions live: one bank per size, and the rows a size keeps as it goes.

A bank stores how each expression was built (operator, operand sizes and rows), not the
expression: :meth:`Engine.expr_at <progsearch.engine.core.Engine.expr_at>` rebuilds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

U64 = np.uint64


@dataclass
class Bank:
    """All kept expressions of one size: how each was built, its hash, and (lazily) its row."""

    left: np.ndarray  # row of the first operand in its bank (int32), or the leaf index
    right: np.ndarray  # row of the second operand in its bank (0 if none)
    h: np.ndarray  # raw hash of the row
    segs: list  # (op index or -1 for leaves, left size, right size, start, stop): rows built alike
    vals: np.ndarray | None = None  # (N, m) int64 row values, once computed
    valid: np.ndarray | None = None  # defined at every required point
    h2: np.ndarray | None = None  # hash of the row on the required points only
    sent: np.ndarray | None = None  # the row holds an unknown value somewhere
    domain: dict = field(default_factory=dict)  # operand test: rows usable as that operand

    def __len__(self) -> int:
        return len(self.h)

    def __repr__(self) -> str:
        state = "computed" if self.vals is not None else "hashed"
        return f"Bank({len(self)} expressions, {state})"

    @property
    def nbytes(self) -> int:
        extra = 0 if self.vals is None else self.vals.nbytes + 10 * len(self)  # valid h2 sent
        return 16 * len(self) + extra


class Pending:
    """The rows a size keeps, written in place as they come, then handed over as its bank.

    Room for the expected number is taken up front (and doubled if that runs out): nothing
    is copied at the end, and pages are only touched when written.

    >>> p = Pending(4)
    >>> p.append(0, 1, 2, np.array([7, 8], dtype=np.uint64), np.array([0, 1]), np.array([1, 1]))
    >>> p.append(0, 1, 2, np.array([9], dtype=np.uint64), np.array([2]), np.array([0]))
    >>> p.bank().segs, len(p)
    ([(0, 1, 2, 0, 3)], 3)
    """

    def __init__(self, capacity: int):
        cap = max(int(capacity), 1024)
        self.h = np.empty(cap, dtype=U64)
        self.left, self.right = np.empty(cap, dtype=np.int32), np.empty(cap, dtype=np.int32)
        self.segs: list[tuple] = []
        self.n = 0

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"Pending({self.n} rows, room for {len(self.h)})"

    def append(self, k: int, i: int, j: int, h: np.ndarray, left: np.ndarray,
               right: np.ndarray) -> None:
        """Rows built by operator ``k`` from sizes ``i`` and ``j``: hashes and operand rows."""
        m = len(h)
        if not m:
            return
        if self.n + m > len(self.h):
            self._grow(max(self.n + m, 2 * len(self.h)))
        at = slice(self.n, self.n + m)
        self.h[at], self.left[at], self.right[at] = h, left, right
        if self.segs and self.segs[-1][:3] == (k, i, j):  # the same kind as the last: one run
            self.segs[-1] = (k, i, j, self.segs[-1][3], self.n + m)
        else:
            self.segs.append((k, i, j, self.n, self.n + m))
        self.n += m

    def _grow(self, cap: int) -> None:
        for name in ("h", "left", "right"):
            old = getattr(self, name)
            new = np.empty(cap, dtype=old.dtype)
            new[:self.n] = old[:self.n]
            setattr(self, name, new)

    def bank(self) -> Bank:
        """The rows as a bank (views: the room not used is never touched)."""
        n = self.n
        return Bank(self.left[:n], self.right[:n], self.h[:n], self.segs)
