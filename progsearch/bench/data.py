"""The benchmark data: the packaged OEIS file, its entries checked, and stratified subsets."""

from __future__ import annotations

import json
from pathlib import Path

TRAIN = 15  # terms a solver sees
PREDICT = 10  # terms it must predict: terms[15:25]
TIERS = ("classic", "sample")
DATA_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "oeis_public.json"


def check_entry(entry: object, where: str) -> dict:
    """The entry if it has an id, an int offset, at least 25 int terms and a known tier.

    >>> check_entry({"id": "A1", "offset": 0, "terms": [1] * 24, "tier": "classic"}, "entry 0")
    Traceback (most recent call last):
    ...
    ValueError: entry 0 (A1) has 24 terms, fewer than 25
    """
    if not isinstance(entry, dict):
        raise TypeError(f"{where} must be a dict, got {type(entry).__name__}")
    terms = entry.get("terms")
    ok = (
        isinstance(entry.get("id"), str)
        and isinstance(entry.get("offset"), int)
        and isinstance(terms, list)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in terms)
    )
    if not ok:
        raise ValueError(f"{where} needs 'id' (str), 'offset' (int) and 'terms' (list of int)")
    if len(terms) < TRAIN + PREDICT:
        raise ValueError(f"{where} ({entry['id']}) has {len(terms)} terms, fewer than 25")
    if entry.get("tier") not in TIERS:
        raise ValueError(f"{where} ({entry['id']}) has tier {entry.get('tier')!r}, not in {TIERS}")
    return entry


def stratified(entries: list[dict], limit: int) -> list[dict]:
    """The first ``limit`` entries taking each tier in proportion to its size, in file order.

    >>> tiers = ["classic"] + ["sample"] * 3
    >>> [e["tier"] for e in stratified([{"tier": t} for t in tiers], 2)]
    ['classic', 'sample']
    """
    rank = {}
    for tier in TIERS:
        members = [i for i, e in enumerate(entries) if e["tier"] == tier]
        for j, i in enumerate(members):
            rank[i] = (j / len(members), TIERS.index(tier))  # like (0.25, 1)
    keep = sorted(sorted(rank, key=rank.__getitem__)[:limit])
    return [entries[i] for i in keep]


def _read(path: str | Path | None) -> list:
    """The JSON list in ``path`` (None: the packaged file), or ValueError/TypeError naming it."""
    p = DATA_PATH if path is None else Path(path)
    if not p.is_file():
        where = "the packaged benchmark file" if path is None else "path"
        raise ValueError(f"{where} {str(p)!r} does not exist; pass path= (or --data) a JSON file")
    try:
        data = json.loads(p.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"path {str(p)!r} is not valid JSON: {exc}") from None
    if not isinstance(data, list):
        raise TypeError(f"path {str(p)!r} must hold a JSON list of entries")
    return [check_entry(e, f"entry {i} of {p.name}") for i, e in enumerate(data)]


def load_benchmark(
    path: str | Path | None = None, tier: str | None = None, limit: int | None = None
) -> list[dict]:
    """Benchmark entries (id, offset, terms, tier), optionally one tier and a stratified subset.

    ``limit`` keeps the first entries of each tier in proportion to the tier's size (so both
    tiers appear once ``limit >= 2``), in file order.

    >>> [(e["id"], e["tier"]) for e in load_benchmark(limit=3)]
    [('A000015', 'sample'), ('A000031', 'sample'), ('A000139', 'classic')]
    >>> len(load_benchmark(tier="classic"))
    64
    """
    if tier not in (None, *TIERS):
        raise ValueError(f"tier must be None, 'classic' or 'sample', got {tier!r}")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
        raise TypeError(f"limit must be an int or None, got {limit!r}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    entries = _read(path)
    if tier is not None:
        entries = [e for e in entries if e["tier"] == tier]
    return entries if limit is None else stratified(entries, limit)
