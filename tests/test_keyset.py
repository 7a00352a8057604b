"""The engine's key set against a Python set: batches with repeated slots, the slot hints that
lookup() hands to add(), rebuilds, and keys pushed down to the smaller tables and the spill."""

import numpy as np
import pytest

from progsearch.engine.keyset import KeySet, fix

U64 = np.uint64


def random_keys(rng, n, top_bits=64):
    """Raw hashes; with few top bits many of them share a first-table slot."""
    k = rng.integers(0, 2**63, size=n, dtype=np.int64).astype(U64) * U64(2)
    if top_bits < 64:
        k = (k >> U64(64 - top_bits)) << U64(64 - top_bits) | (k & U64(0xFFFF))
    return k


def check_against(s: KeySet, truth: set, probe: np.ndarray) -> None:
    got = s.contains(probe).tolist()
    want = [int(fix(np.array([p], dtype=U64))[0]) in truth for p in probe]
    assert got == want


@pytest.mark.parametrize("top_bits", [64, 12, 6])
@pytest.mark.parametrize("hinted", [True, False])
def test_key_set_agrees_with_a_python_set(top_bits, hinted):
    rng = np.random.default_rng(top_bits + 100 * hinted)
    s, truth = KeySet(log2_size=10), set()
    for _ in range(30):
        batch = random_keys(rng, int(rng.integers(1, 400)), top_bits)
        old = np.array(sorted(truth), dtype=U64)
        if len(old):  # some keys seen before, as the engine's candidates are
            batch = np.concatenate([batch, old[rng.integers(0, len(old), size=50)]])
        seen, first = s.lookup(batch)
        assert seen.tolist() == [int(x) in truth for x in fix(batch)]
        new, at = np.unique(batch[~seen], return_index=True)  # distinct, sorted, as the engine
        s.add(new, first[~seen][at] if hinted else None)
        truth |= {int(x) for x in fix(new)}
        assert len(s) == len(truth)
        check_against(s, truth, np.concatenate([batch, random_keys(rng, 50, top_bits)]))


def test_crowded_slots_go_down_the_tables_and_into_the_spill():
    rng = np.random.default_rng(1)
    s, truth = KeySet(log2_size=8), set()
    s.LOAD = 0.01  # no rebuild: the small tables fill up
    for _ in range(20):
        new = np.unique(random_keys(rng, 200, top_bits=4))
        new = new[~s.contains(new)]
        s.add(new)
        truth |= {int(x) for x in fix(new)}
    assert len(s.tables[0]) == 256 and len(s.spill) > 0
    check_against(s, truth, np.concatenate([np.array(sorted(truth), dtype=U64),
                                            random_keys(rng, 500, top_bits=4)]))


def test_hints_are_ignored_after_a_rebuild():
    rng = np.random.default_rng(2)
    s = KeySet(log2_size=8)
    keys = np.unique(random_keys(rng, 5000))
    _, first = s.lookup(keys)  # hints from the small tables, before the rebuild
    s.add(keys, first)  # 5000 keys do not fit: the tables are rebuilt first
    assert len(s.tables[0]) >= KeySet.LOAD * 5000
    assert s.contains(keys).all()
    assert not s.contains(keys + U64(2)).any()


def test_reserve_keeps_every_key():
    rng = np.random.default_rng(3)
    s = KeySet(log2_size=8)
    keys = np.unique(random_keys(rng, 300))
    s.add(keys)
    s.reserve(100_000)
    assert len(s.tables[0]) >= KeySet.LOAD * 100_300
    assert s.contains(keys).all() and len(s) == len(keys)


def test_repr_and_size():
    s = KeySet(log2_size=12)
    s.add(np.array([2, 4], dtype=U64))
    assert repr(s) == "KeySet(2 keys, 4096 slots, 0 spilled)"
    assert s.nbytes == sum(t.nbytes for t in s.tables)
    assert KeySet.bytes_per_slot() * len(s.tables[0]) == s.nbytes
