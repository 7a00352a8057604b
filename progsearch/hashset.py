"""An exact set of 64-bit hashes in NumPy: open addressing, linear probing, whole batches.

The engine keeps one hash per distinct value vector it has seen (observational
equivalence).  Python sets cost ~100 ns an element; this table answers a batch with a few
vectorized gathers and scatters.  Key 0 marks an empty slot, so every key has its low bit
set (:func:`fix`).
"""

from __future__ import annotations

import numpy as np

U64 = np.uint64


def fix(h: np.ndarray) -> np.ndarray:
    """Force the low bit so that no key is 0 (0 marks an empty slot).

    >>> fix(np.array([0, 2], dtype=np.uint64)).tolist()
    [1, 3]
    """
    return h | U64(1)


class HashSet:
    """A growable set of nonzero uint64 keys; batch insert reports which keys were new.

    >>> s = HashSet()
    >>> s.insert(fix(np.array([4, 6, 4], dtype=np.uint64))).tolist()
    [True, True, False]
    >>> s.insert(fix(np.array([6, 8], dtype=np.uint64))).tolist()
    [False, True]
    >>> len(s)
    3
    """

    def __init__(self, log2_size: int = 16):
        self._alloc(log2_size)
        self.count = 0

    def _alloc(self, log2_size: int) -> None:
        self.log2_size = log2_size
        self.keys = np.zeros(1 << log2_size, dtype=U64)
        self.owner = np.zeros(1 << log2_size, dtype=np.int64)  # scratch: who claimed a slot
        self.shift = U64(64 - log2_size)
        self.mask = np.int64((1 << log2_size) - 1)

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return f"HashSet({self.count} keys, {len(self.keys)} slots)"

    @property
    def nbytes(self) -> int:
        return self.keys.nbytes + self.owner.nbytes

    def slots(self, h: np.ndarray) -> np.ndarray:
        """Home slot of each key (its top bits, the best mixed ones)."""
        return (h >> self.shift).astype(np.int64)

    def probably_new(self, h: np.ndarray) -> np.ndarray:
        """False where a key is certainly present (found in its home slot); one gather."""
        return self.keys[self.slots(h)] != h

    def insert(self, h: np.ndarray) -> np.ndarray:
        """Insert keys; True for each key that was absent (first occurrence in ``h`` only)."""
        self._reserve(len(h))
        order = np.argsort(h, kind="stable")  # sorted keys: duplicates adjacent, slots monotonic
        hs = h[order]
        first = np.ones(len(hs), dtype=bool)
        first[1:] = hs[1:] != hs[:-1]
        new = np.zeros(len(h), dtype=bool)
        new[order[first]] = self._insert_unique(hs[first])
        return new

    def _insert_unique(self, u: np.ndarray) -> np.ndarray:
        """Insert distinct sorted keys by rounds of linear probing; True where absent."""
        new = np.zeros(len(u), dtype=bool)
        pending = np.arange(len(u))
        slot = self.slots(u)
        while pending.size:
            s = slot[pending]
            cur = self.keys[s]
            empty = cur == 0
            e, se = pending[empty], s[empty]
            self.owner[se[::-1]] = e[::-1]  # distinct keys racing for one slot: the first wins
            won = self.owner[se] == e
            self.keys[se[won]] = u[e[won]]
            new[e[won]] = True
            pending = np.concatenate([pending[~empty & (cur != u[pending])], e[~won]])
            pending.sort()
            slot[pending] = (slot[pending] + 1) & self.mask
        self.count += int(new.sum())
        return new

    def _reserve(self, extra: int) -> None:
        if 2 * (self.count + extra) <= len(self.keys):
            return
        old = self.keys[self.keys != 0]
        size = self.log2_size
        while 2 * (self.count + extra) > (1 << size):
            size += 1
        self._alloc(size)
        self.count = 0
        self.insert(old)
