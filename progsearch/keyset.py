"""An exact set of 64-bit hashes in NumPy, answering whole batches with one gather each.

The engine keeps one hash per distinct value row it has seen (observational equivalence);
a Python set would cost ~100 ns an element, this costs a few.
"""

from __future__ import annotations

import math

import numpy as np

U64 = np.uint64


def fix(h: np.ndarray) -> np.ndarray:
    """Table key of a raw hash: the low bit set, so that 0 can mark an empty slot.

    >>> fix(np.array([0, 2], dtype=np.uint64)).tolist()
    [1, 3]
    """
    return h | U64(1)


class KeySet:
    """An exact set of 64-bit keys: two direct-mapped tables, and a sorted array for the rest.

    A key lives in its slot of the first table if it was free, else in its slot of the
    second, else in the spill array.  A lookup costs one gather when the first slot is empty
    or holds the key (most lookups), two when it holds another key.

    >>> s = KeySet()
    >>> s.add(np.array([10, 20], dtype=np.uint64))
    >>> s.contains(np.array([10, 11, 30], dtype=np.uint64)).tolist()
    [True, True, False]
    """

    def __init__(self, log2_size: int = 16):
        self.count = 0
        self._alloc(log2_size)

    def _alloc(self, log2_size: int) -> None:
        self.t1 = np.zeros(1 << log2_size, dtype=U64)
        self.t2 = np.zeros(1 << (log2_size - 1), dtype=U64)
        self.shift = U64(64 - log2_size)
        self.mask2 = U64((1 << (log2_size - 1)) - 1)
        self.spill = np.zeros(0, U64)

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return f"KeySet({self.count} keys, {len(self.t1)} slots, {len(self.spill)} spilled)"

    @property
    def nbytes(self) -> int:
        return self.t1.nbytes + self.t2.nbytes + self.spill.nbytes

    def _slot2(self, k: np.ndarray) -> np.ndarray:
        return ((k >> U64(1)) & self.mask2).astype(np.intp)

    def contains(self, h: np.ndarray) -> np.ndarray:
        """Whether each raw hash is in the set."""
        k = fix(h)
        t = self.t1[(k >> self.shift).astype(np.intp)]
        hit = t == k
        other = np.flatnonzero(~hit & (t != 0))
        if other.size:
            k2 = k[other]
            u = self.t2[self._slot2(k2)]
            hit[other] = u == k2
            more = other[(u != k2) & (u != 0)]
            if more.size and len(self.spill):
                pos = np.minimum(np.searchsorted(self.spill, k[more]), len(self.spill) - 1)
                hit[more] = self.spill[pos] == k[more]
        return hit

    def add(self, h: np.ndarray) -> None:
        """Add raw hashes that are distinct and not in the set."""
        if 4 * (self.count + len(h)) > len(self.t1):
            old = np.concatenate([self.t1[self.t1 != 0], self.t2[self.t2 != 0], self.spill])
            size = int(math.log2(len(self.t1)))
            while 4 * (self.count + len(h)) > (1 << size):
                size += 2
            self._alloc(size)
            self.count = 0
            self.add(np.sort(old))
        k = fix(h)
        rest = _put(self.t1, (k >> self.shift).astype(np.intp), k)
        rest = _put(self.t2, self._slot2(rest), rest)
        if rest.size:
            self.spill = np.sort(np.concatenate([self.spill, rest]))
        self.count += len(h)


def _put(table: np.ndarray, slots: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Write keys into free slots (one per slot); return the keys that found no room."""
    free = table[slots] == 0
    table[slots[free]] = k[free]
    return k[table[slots] != k]
