"""The linear hash of value rows, and its restriction to the required points.

h(v) = sum(v_i * w_i) mod 2**64 with random odd weights, so h(x + y) = h(x) + h(y),
h(x - y) = h(x) - h(y), and h(x * y) is the bilinear form ``(X * w) @ Y.T``: sums,
differences and products are hashed without computing their rows (linear.py).  An unknown
value (``SENT``) adds its own random ``u_i`` instead of ``SENT * w_i``: that product is 2**63
for every odd weight, so two unknowns would cancel and a row with unknowns would collide with
the row that has 0 there.  Rows with unknowns lose the linear property: ``x - y`` with
unknowns at the same points would get the hash of the row with 0 there, and so would ``x * y``
with ``y`` even there (``SENT * w_i * y_i`` is 0 mod 2**64).  So a sum, difference or product
adds the marks of its operands' unknowns (:meth:`RowHash.unknown_marks`, a second random
weight per point, linear.py): its hash is then never that of a real row, nor that of a row
with its unknowns at other points, and the engine re-keys it by its own hash once its values
are computed (rows.py).  The hash on
the required points alone (weights zero elsewhere) is what target hits are matched on.
"""

from __future__ import annotations

import numpy as np

from ..kernels import SENT

I64 = np.int64
U64 = np.uint64
_SENT = U64(2**63)  # the same bits read as an unsigned value


class RowHash:
    """Weights ``w`` (one per point) and the hashes of rows under them.

    >>> rh = RowHash(np.array([True, False]), seed=0)
    >>> v = np.array([[1, 2], [3, 4]], dtype=np.int64)
    >>> bool(rh.of_rows(v[:1] + v[1:]) == rh.of_rows(v[:1]) + rh.of_rows(v[1:]))
    True
    >>> rh.of_required(v).tolist() == rh.of_required_values(v[:, :1]).tolist()
    True
    """

    def __init__(self, required: np.ndarray, seed: int = 0):
        self.required = np.asarray(required, dtype=bool)
        rng = np.random.default_rng(seed)
        self.w = rng.integers(0, 2**62, size=len(self.required), dtype=I64).astype(U64) * U64(2)
        self.w += U64(1)
        self.w2 = np.where(self.required, self.w, U64(0))
        u = np.random.default_rng(seed + 1).integers(0, 2**63, size=len(self.w), dtype=I64)
        self.unknown_fix = u.astype(U64) - self.w * _SENT  # turns SENT * w_i into u_i
        self.marks = np.random.default_rng(seed + 2).integers(0, 2**63, size=len(self.w),
                                                              dtype=I64).astype(U64)
        # The required points first: then a row's hash is its required-points hash plus the rest.
        self.nreq = int(self.required.sum())
        self.req_first = bool(self.required[:self.nreq].all())

    def __repr__(self) -> str:
        return f"RowHash({len(self.w)} points, {self.nreq} required)"

    def of_rows(self, vals: np.ndarray) -> np.ndarray:
        """Hash of each row: sum of v_i * w_i mod 2**64, an unknown v_i counting u_i.

        >>> rh = RowHash(np.array([True, False, False]), seed=0)
        >>> S = np.iinfo(np.int64).min
        >>> rows = np.array([[1, 0, 0], [1, S, S]], dtype=np.int64)
        >>> bool(rh.of_rows(rows)[0] != rh.of_rows(rows)[1])  # two unknowns do not cancel
        True
        """
        return self._fix_unknowns(vals, vals.view(U64) @ self.w)

    def unknown_marks(self, vals: np.ndarray) -> np.ndarray:
        """Per row, the sum of the marks of the points where it is unknown (0: none).

        >>> rh = RowHash(np.array([True, False]), seed=0)
        >>> S = np.iinfo(np.int64).min
        >>> m = rh.unknown_marks(np.array([[1, 2], [1, S]])); int(m[0]), bool(m[1] == rh.marks[1])
        (0, True)
        """
        return (vals == SENT).astype(U64) @ self.marks

    def _fix_unknowns(self, vals: np.ndarray, h: np.ndarray) -> np.ndarray:
        unknown = vals == SENT
        rows = np.flatnonzero(unknown.any(axis=1))
        if rows.size:
            h[rows] += unknown[rows].astype(U64) @ self.unknown_fix
        return h

    def of_required_values(self, req_vals: np.ndarray) -> np.ndarray:
        """Hash of rows given on the required points only."""
        return (req_vals.view(U64) * self.w2[self.required]).sum(axis=1, dtype=U64)

    def of_required(self, vals: np.ndarray) -> np.ndarray:
        """Hashes of whole rows on their required points only."""
        v = vals.view(U64)
        return v[:, :self.nreq] @ self.w[:self.nreq] if self.req_first else v @ self.w2

    def of_rows_and_required(self, vals: np.ndarray,
                             required_too: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """Row hashes, and (if asked) their required-points hashes."""
        v = vals.view(U64)
        if not required_too:
            return self._fix_unknowns(vals, v @ self.w), None
        h2 = self.of_required(vals)
        if self.req_first:  # one product per point: h = h2 + the rest
            return self._fix_unknowns(vals, h2 + v[:, self.nreq:] @ self.w[self.nreq:]), h2
        return self._fix_unknowns(vals, v @ self.w), h2
