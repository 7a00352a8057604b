"""An exact set of 64-bit hashes in NumPy, answering whole batches with one gather each.

The engine keeps one hash per distinct value row it has seen (observational equivalence);
a Python set would cost ~100 ns an element, this costs a few.  What a batch costs is the
random reads of its keys' slots in a table far bigger than the cache: so the first table
keeps two keys in each 16-byte bucket, read by one gather, and nearly every key lives there.
"""

from __future__ import annotations

import numpy as np

U64 = np.uint64
WAYS = 2  # keys per bucket of the first table (lookup and insert are written for two)
SHRINK = (0, 2, 3)  # log2 of how much smaller each table is than the first (in slots)


def fix(h: np.ndarray) -> np.ndarray:
    """Table key of a raw hash: the low bit set, so that 0 can mark an empty slot.

    >>> fix(np.array([0, 2], dtype=np.uint64)).tolist()
    [1, 3]
    """
    return h | U64(1)


class KeySet:
    """An exact set of 64-bit keys: a table of 2-key buckets, two small direct-mapped tables,
    and a sorted array for the rest.

    A key lives in its bucket of the first table (chosen by its top bits) if that had room,
    else in its slot of the second table, else of the third (other bits of the key), else in
    the (tiny) spill array.  A bucket fills from its first slot, so a lookup that finds a
    free slot in the bucket is done after one read.

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
        self.log2_size = log2_size  # slots of the first table
        self.tables = [np.zeros(1 << max(log2_size - d, 4), dtype=U64) for d in SHRINK]
        self.pairs = self.tables[0].view(np.complex128)  # 16-byte items: half a bucket each
        self.shift = U64(64 - (log2_size - 1))  # the top bits choose the bucket
        self.masks = [U64(len(t) - 1) for t in self.tables]
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

    def _buckets(self, k: np.ndarray) -> np.ndarray:
        return (k >> self.shift).astype(np.intp)

    def _slots(self, level: int, k: np.ndarray) -> np.ndarray:
        return ((k >> U64(1 + 21 * (level - 1))) & self.masks[level]).astype(np.intp)

    def _bucket_rows(self, b: np.ndarray) -> np.ndarray:
        """The keys of each bucket: (len(b), 2), from one 16-byte read each."""
        return self.pairs[b].view(U64).reshape(len(b), WAYS)

    def contains(self, h: np.ndarray) -> np.ndarray:
        """Whether each raw hash is in the set."""
        return self.lookup(h)[0]

    def lookup(self, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether each raw hash is in the set, and how full its bucket is (0 to 2).

        The fill lets :meth:`add` place new keys without reading the table again.
        """
        k = fix(h)
        rows = self._bucket_rows(self._buckets(k))
        hit = (rows[:, 0] == k) | (rows[:, 1] == k)
        fill = (rows[:, 0] != 0).view(np.uint8) + (rows[:, 1] != 0).view(np.uint8)
        rest = np.flatnonzero((fill == WAYS) & ~hit)  # a full bucket: look further
        for level in (1, 2):
            if not rest.size:
                return hit, fill
            t = self.tables[level][self._slots(level, k[rest])]
            found = t == k[rest]
            hit[rest[found]] = True
            rest = rest[~found & (t != 0)]  # an empty slot: the key was never added
        if rest.size and len(self.spill):
            pos = np.minimum(np.searchsorted(self.spill, k[rest]), len(self.spill) - 1)
            hit[rest] = self.spill[pos] == k[rest]
        return hit, fill

    def reserve(self, extra: int) -> None:
        """Make room for ``extra`` more keys (rebuilding now rather than when they come)."""
        if self.LOAD * (self.count + extra) <= len(self.tables[0]):
            return
        old = self._sorted_keys()
        size = self.log2_size
        while self.LOAD * (self.count + extra) > (1 << size):
            size += 1
        self._alloc(size)
        self.count = 0
        self._add_keys(old, np.zeros(len(old), dtype=np.uint8))  # sorted, into empty buckets

    def _sorted_keys(self) -> np.ndarray:
        """Every key, sorted.  The first table is in bucket order already: sorting each
        bucket's two keys sorts it all; the few keys elsewhere are merged in."""
        pairs = self.tables[0].reshape(-1, WAYS)
        first = np.empty(len(self.tables[0]), dtype=U64)
        np.minimum(pairs[:, 0], pairs[:, 1], out=first[0::2])
        np.maximum(pairs[:, 0], pairs[:, 1], out=first[1::2])
        first = first[first != 0]
        others = np.sort(np.concatenate([t[t != 0] for t in self.tables[1:]] + [self.spill]))
        return np.sort(np.concatenate([first, others]), kind="stable")  # merges two sorted runs

    def add(self, h: np.ndarray, fill: np.ndarray | None = None) -> None:
        """Add raw hashes that are distinct and not in the set.

        ``fill`` is what :meth:`lookup` said of their buckets; with it, and the hashes
        sorted, no bucket is read again.
        """
        if self.LOAD * (self.count + len(h)) > len(self.tables[0]):
            self.reserve(len(h))
            fill = None  # the tables were rebuilt
        self._add_keys(fix(h), fill)

    def add_new(self, h: np.ndarray) -> np.ndarray:
        """Add the raw hashes not in the set, the first of equals; return their positions.

        The positions are in the order of ``h``: the first built keeps its place.

        >>> s = KeySet()
        >>> s.add(np.array([10], dtype=np.uint64))
        >>> s.add_new(np.array([10, 30, 30, 20], dtype=np.uint64)).tolist(), len(s)
        ([1, 3], 3)
        """
        seen, fill = self.lookup(h)
        idx = np.flatnonzero(~seen)
        hs, fill = h[idx], fill[idx]
        if len(idx) > 1:
            # One plain sort of (hash prefix | position), cheaper than an argsort: equal
            # hashes end up adjacent, the first built first.  Two different hashes with one
            # prefix can only keep a duplicate, never lose a row.
            low = max(16, int(len(idx) - 1).bit_length())
            packed = (hs >> U64(low) << U64(low)) | np.arange(len(idx), dtype=U64)
            packed.sort()
            pos = (packed & U64((1 << low) - 1)).astype(np.intp)
            hs = hs[pos]
            first = np.ones(len(hs), dtype=bool)
            first[1:] = hs[1:] != hs[:-1]
            keep = np.zeros(len(idx), dtype=bool)
            keep[pos[first]] = True  # the first of equals, back in the order built
            idx, hs, fill = idx[keep], hs[first], fill[pos[first]]
        self.add(hs, fill)  # sorted by prefix: their buckets are written in address order
        return idx

    def _add_keys(self, k: np.ndarray, fill: np.ndarray | None = None) -> None:
        b = self._buckets(k)
        if len(k) > 1 and not (b[1:] >= b[:-1]).all():
            order = np.argsort(b, kind="stable")  # equal buckets next to each other
            k, b = k[order], b[order]
            fill = None if fill is None else fill[order]
        if fill is None:
            fill = (self._bucket_rows(b) != 0).sum(axis=1)
        slot = fill.astype(np.intp)
        again = np.flatnonzero(b[1:] == b[:-1]) + 1
        if again.size:  # keys sharing a bucket take its free slots in turn: the second key
            slot[again] += 1  # the next slot, a third or later none (a bucket holds two)
            slot[again[1:][again[1:] - 1 == again[:-1]]] = WAYS
        room = slot < WAYS
        self.tables[0][WAYS * b[room] + slot[room]] = k[room]
        rest = k[~room]
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
