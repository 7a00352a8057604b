"""An exact set of 64-bit hashes in NumPy, answering whole batches with one gather each.

The engine keeps one hash per distinct value row it has seen (observational equivalence);
a Python set would cost ~100 ns an element, this costs a few.
"""

from __future__ import annotations

import numpy as np

U64 = np.uint64
SHRINK = (0, 2, 3)  # log2 of how much smaller each table is than the first


def fix(h: np.ndarray) -> np.ndarray:
    """Table key of a raw hash: the low bit set, so that 0 can mark an empty slot.

    >>> fix(np.array([0, 2], dtype=np.uint64)).tolist()
    [1, 3]
    """
    return h | U64(1)


class KeySet:
    """An exact set of 64-bit keys: three direct-mapped tables, and a sorted array for the rest.

    A key lives in its slot of the first table if that was free, else in its slot of the
    second, else of the third, else in the (tiny) spill array; each table takes other bits
    of the key as its slot.  A lookup costs one gather when the first slot is empty or holds
    the key, which is most lookups.

    >>> s = KeySet()
    >>> s.add(np.array([10, 20], dtype=np.uint64))
    >>> s.contains(np.array([10, 11, 30], dtype=np.uint64)).tolist()
    [True, True, False]
    """

    LOAD = 2  # slots of the first table per key

    def __init__(self, log2_size: int = 16):
        self.count = 0
        self._alloc(log2_size)

    def _alloc(self, log2_size: int) -> None:
        self.log2_size = log2_size
        self.tables = [np.zeros(1 << (log2_size - d), dtype=U64) for d in SHRINK]
        self.shift = U64(64 - log2_size)
        self.masks = [U64((1 << (log2_size - d)) - 1) for d in SHRINK]
        self.spill = np.zeros(0, U64)

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return (f"KeySet({self.count} keys, {len(self.tables[0])} slots, "
                f"{len(self.spill)} spilled)")

    @staticmethod
    def bytes_per_slot() -> float:
        """Bytes of the tables per slot of the first."""
        return 8 * sum(2.0**-d for d in SHRINK)

    @property
    def nbytes(self) -> int:
        return sum(t.nbytes for t in self.tables) + self.spill.nbytes

    def _slots(self, level: int, k: np.ndarray) -> np.ndarray:
        if level == 0:
            return (k >> self.shift).astype(np.intp)  # the top bits
        return ((k >> U64(1 + 21 * (level - 1))) & self.masks[level]).astype(np.intp)

    def contains(self, h: np.ndarray) -> np.ndarray:
        """Whether each raw hash is in the set."""
        return self.lookup(h)[0]

    def lookup(self, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether each raw hash is in the set, and what its first-table slot holds.

        The slot contents let :meth:`add` place new keys without reading the table again.
        """
        k = fix(h)
        first = self.tables[0][self._slots(0, k)]
        hit = first == k
        rest = np.flatnonzero((first != 0) & ~hit)  # an empty slot: the key was never added
        for level in (1, 2):
            if not rest.size:
                return hit, first
            t = self.tables[level][self._slots(level, k[rest])]
            found = t == k[rest]
            hit[rest[found]] = True
            rest = rest[~found & (t != 0)]
        if rest.size and len(self.spill):
            pos = np.minimum(np.searchsorted(self.spill, k[rest]), len(self.spill) - 1)
            hit[rest] = self.spill[pos] == k[rest]
        return hit, first

    def reserve(self, extra: int) -> None:
        """Make room for ``extra`` more keys (rebuilding now rather than when they come)."""
        if self.LOAD * (self.count + extra) <= len(self.tables[0]):
            return
        old = np.sort(np.concatenate([t[t != 0] for t in self.tables] + [self.spill]))
        size = self.log2_size
        while self.LOAD * (self.count + extra) > (1 << size):
            size += 1
        self._alloc(size)
        self.count = 0
        self._add_keys(old)

    def add(self, h: np.ndarray, first: np.ndarray | None = None) -> None:
        """Add raw hashes that are distinct and not in the set.

        ``first`` is what :meth:`lookup` said their first-table slots hold; with it, and the
        hashes sorted, no slot is read again.
        """
        if self.LOAD * (self.count + len(h)) > len(self.tables[0]):
            self.reserve(len(h))
            first = None  # the tables were rebuilt
        self._add_keys(fix(h), first)

    def _add_keys(self, k: np.ndarray, first: np.ndarray | None = None) -> None:
        slots = self._slots(0, k)
        if first is not None and len(k) > 1 and not (slots[1:] >= slots[:-1]).all():
            first = None  # not sorted: equal slots are not adjacent
        if first is None:
            rest = _put(self.tables[0], slots, k)
        else:  # sorted: of the keys that share a free slot, the first takes it
            win = first == 0
            win[1:] &= slots[1:] != slots[:-1]
            self.tables[0][slots[win]] = k[win]
            rest = k[~win]
        for level in (1, 2):
            if not rest.size:
                break
            rest = _put(self.tables[level], self._slots(level, rest), rest)
        if rest.size:  # two sorted runs: the stable sort (a merge sort) merges them in one pass
            self.spill = np.sort(np.concatenate([self.spill, np.sort(rest)]), kind="stable")
        self.count += len(k)


def _put(table: np.ndarray, slots: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Write keys into free slots (one per slot); return the keys that found no room."""
    free = table[slots] == 0
    table[slots[free]] = k[free]
    return k[table[slots] != k]
