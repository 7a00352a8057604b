"""The linear hash of value rows, and its restriction to the required points.

h(v) = sum(v_i * w_i) mod 2**64 with random odd weights, so h(x + y) = h(x) + h(y),
h(x - y) = h(x) - h(y), and h(x * y) is the bilinear form ``(X * w) @ Y.T``: sums,
differences and products are hashed without computing their rows (linear.py).  The hash on
the required points alone (weights zero elsewhere) is what target hits are matched on.
"""

from __future__ import annotations

import numpy as np

I64 = np.int64
U64 = np.uint64


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
        # The required points first: then a row's hash is its required-points hash plus the rest.
        self.nreq = int(self.required.sum())
        self.req_first = bool(self.required[:self.nreq].all())

    def __repr__(self) -> str:
        return f"RowHash({len(self.w)} points, {self.nreq} required)"

    def of_rows(self, vals: np.ndarray) -> np.ndarray:
        """Raw hash of each row: sum of v_i * w_i mod 2**64."""
        return vals.view(U64) @ self.w

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
            return v @ self.w, None
        h2 = self.of_required(vals)
        if self.req_first:  # one product per point: h = h2 + the rest
            return h2 + v[:, self.nreq:] @ self.w[self.nreq:], h2
        return v @ self.w, h2
