"""Engine throughput: candidates and distinct programs per second, memory, growth per size.

A *candidate* is one expression built from kept ones (an operator applied to operands) whose
value row on all evaluation points is looked up for observational equivalence: sums,
differences and products through their hashes, the other operators by computing the row.
Run as ``progsearch bench --throughput [--max-size N] [--time-limit S] [--json]``: every
size up to N is enumerated whole (a time limit only guards against a slow machine), so the
figures cover complete sizes, each with its own set-up (its operands' rows, its joins).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence

import numpy as np

from progsearch.compare import compare
from progsearch.engine import Stop
from progsearch.enumeration import formula_engine


def no_rule_terms(seed: int = 0, n: int = 15) -> list[int]:
    """Random terms in [0, 1000]: a sequence with no short rule, so the search goes deep.

    >>> len(no_rule_terms())
    15
    """
    return np.random.default_rng(seed).integers(0, 1001, size=n).tolist()


def bare_add_ns(m: int, rows: int = 1 << 18) -> float:
    """Nanoseconds per row of a bare int64 add of two (rows, m) arrays: the NumPy floor.

    >>> bare_add_ns(4, rows=1024) > 0
    True
    """
    a = np.arange(rows * m, dtype=np.int64).reshape(rows, m)
    b = a[::-1].copy()
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        np.add(a, b)
        best = min(best, time.perf_counter() - t)
    return best / rows * 1e9


def gather_ns(table: np.ndarray, n: int = 1 << 16, seed: int = 0) -> tuple[float, float]:
    """Nanoseconds per random read of one entry: in all of ``table``, and in its first 1 MB.

    A key-set lookup is such a read; the first figure is what it costs in the engine's table,
    the second what it would cost if the table fitted in the cache.

    >>> whole, cached = gather_ns(np.zeros(1 << 20, dtype=np.uint64), n=1024)
    >>> whole > 0 and cached > 0
    True
    """
    rng = np.random.default_rng(seed)
    out = []
    for span in (len(table), min(len(table), 1 << 17)):
        idx = rng.integers(0, span, size=n)
        best = float("inf")
        for _ in range(5):
            t = time.perf_counter()
            table[idx]
            best = min(best, time.perf_counter() - t)
        out.append(best / n * 1e9)
    return out[0], out[1]


MAX_SIZE = 9  # about 35 million candidates


def measure(max_size: int = MAX_SIZE, time_limit: float = 120.0, seed: int = 0) -> dict:
    """Run the formula engine on a no-rule sequence through ``max_size``; return the figures.

    >>> fig = measure(max_size=4)
    >>> [row["size"] for row in fig["sizes"]], fig["cut_short"] is None
    ([2, 3, 4], True)
    """
    terms = no_rule_terms(seed)
    _, eng = formula_engine(terms, 0)
    eng.max_bytes = 2000 * 2**20  # the search's default memory budget
    deadline = time.perf_counter() + time_limit

    def check() -> None:
        if time.perf_counter() > deadline:
            raise Stop("time_limit")

    t0 = time.perf_counter()
    try:
        while eng.stats.max_size < max_size:
            eng.grow(check)
    except Stop:
        pass
    elapsed = time.perf_counter() - t0
    m = len(eng.w)
    sizes = [{"size": s, "candidates": c, "distinct": d, "seconds": round(t, 4)}
             for s, c, d, t in eng.stats.per_size]
    done_c = sum(r["candidates"] for r in sizes)
    done_s = sum(r["seconds"] for r in sizes)
    table, cached = gather_ns(eng.keys.tables[0])
    return {"terms": terms, "points": m, "elapsed_s": round(elapsed, 3),
            "candidates": eng.stats.candidates, "distinct": eng.stats.distinct,
            "candidates_per_s": round(eng.stats.candidates / elapsed),
            "distinct_per_s": round(eng.stats.distinct / elapsed),
            "engine_mb": round(eng.nbytes / 2**20, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "completed_candidates_per_s": round(done_c / done_s) if done_s else 0,
            "cut_short": None if eng.stats.max_size >= max_size else {
                "size": eng.stats.max_size + 1, "candidates": eng.stats.candidates - done_c,
                "seconds": round(elapsed - done_s, 3)},
            "key_table_mb": round(eng.keys.tables[0].nbytes / 2**20),
            "gather_ns": round(table, 1), "gather_cached_ns": round(cached, 1),
            "bare_add_ns_per_row": round(bare_add_ns(m), 2), "sizes": sizes}


def timed_report(terms: Sequence[int], *, holdout: int, **kwargs) -> tuple[str, float]:
    """Compare on all but the last ``holdout`` terms and render the report: (text, seconds).

    The seconds cover the search, the ridge sweep and the rendering.

    >>> text, seconds = timed_report(list(range(10)), holdout=2, time_limit=0.2, max_size=3)
    >>> text.startswith('progsearch compare: 8 training terms'), seconds < 60
    (True, True)
    """
    terms = list(terms)
    t0 = time.perf_counter()
    text = str(compare(terms[:-holdout], terms[-holdout:], **kwargs))
    return text, time.perf_counter() - t0


def report_seconds() -> dict:
    """Seconds to print a comparison report for 25 terms (20 train, 5 held out), default budget.

    Measured twice in one process: the first call includes importing scikit-learn.
    """
    fib = [0, 1]
    while len(fib) < 25:
        fib.append(fib[-1] + fib[-2])
    first = timed_report(fib, holdout=5)[1]
    second = timed_report(fib, holdout=5)[1]
    return {"report_25_first_s": round(first, 2), "report_25_s": round(second, 2)}


def report(fig: dict) -> str:
    """The printed throughput table of the figures ``measure`` and ``report_seconds`` return."""
    lines = [(f"engine throughput on {len(fig['terms'])} random terms (no short rule), "
             f"{fig['points']} evaluation points, one core"), "",
             (f"{'size':>4} {'candidates':>12} {'distinct':>10} {'seconds':>8} {'cand/s':>12} "
             f"{'growth':>7}")]
    prev = None
    for row in fig["sizes"]:
        rate = row["candidates"] / row["seconds"] if row["seconds"] else 0.0
        growth = f"{row['seconds'] / prev:.1f}x" if prev else ""
        lines.append(f"{row['size']:>4} {row['candidates']:>12,} {row['distinct']:>10,} "
                     f"{row['seconds']:>8.3f} {rate:>12,.0f} {growth:>7}")
        prev = row["seconds"] or None
    cut = fig["cut_short"]
    if cut:
        lines.append(f"{cut['size']:>4} {cut['candidates']:>12,} {'':>10} {cut['seconds']:>8.3f}"
                     "   (cut short by the time limit)")
    lines += ["", (f"total: {fig['candidates']:,} candidates, {fig['distinct']:,} distinct in "
              f"{fig['elapsed_s']} s = {fig['candidates_per_s']:,} candidates/s, "
              f"{fig['distinct_per_s']:,} distinct/s"),
              *([f"completed sizes alone: {fig['completed_candidates_per_s']:,} candidates/s"]
                if cut else []),
              f"memory: engine {fig['engine_mb']} MB, peak RSS {fig['peak_rss_mb']} MB",
              (f"bare NumPy int64 add of one row: {fig['bare_add_ns_per_row']} ns "
              f"(= {1e9 / fig['bare_add_ns_per_row']:,.0f} rows/s)"),
              (f"one random read in the key set's {fig['key_table_mb']} MB table: "
               f"{fig['gather_ns']} ns ({fig['gather_cached_ns']} ns when it is in the cache); "
               "each candidate needs at least one"),
              (f"compare report for 25 terms (default budget): {fig['report_25_s']} s "
               f"({fig['report_25_first_s']} s on the first call, which imports scikit-learn)"),
              ("candidate: one expression built from kept ones, looked up for equivalence "
               "(see progsearch/bench/throughput.py)"),
              "growth: time of a size over the size before"]
    return "\n".join(lines)
