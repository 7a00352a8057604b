"""The benchmark behind ``progsearch bench``: every solver on every OEIS sequence.

Protocol (``benchmarks/README.md``): a solver sees the first 15 terms of a sequence and its
offset, and predicts the next 10 (``terms[15:25]``).  A sequence is *solved* when all 10
predictions are exactly right; a solver may also decline (``None``).  A *false prediction* is a
prediction made and not all right: the cost of guessing, which the report shows next to the
number solved.

One concern a module: ``data`` (loading), ``series`` (exact values), ``solvers`` (progsearch and
the baselines), ``limits`` (deadlines), ``runner`` (``run_benchmark``), ``result`` (the report)
and ``throughput`` (the engine's candidates per second, ``progsearch bench --throughput``).

>>> result = run_benchmark(load_benchmark(limit=2), ["lookup"], progress=False)
>>> result.summary()["lookup"]["made"]
0
"""

from progsearch.bench.data import DATA_PATH, PREDICT, TIERS, TRAIN, load_benchmark
from progsearch.bench.limits import hard_limit
from progsearch.bench.result import BenchResult, Row
from progsearch.bench.runner import run_benchmark, run_one
from progsearch.bench.solvers import (
    BASELINES,
    GF_KINDS,
    SOLVERS,
    Prediction,
    Solver,
    resolve_solvers,
    solve_lookup,
    solve_progsearch,
    solve_ridge,
    solve_sympy_gf,
    solve_sympy_gfr,
    solve_sympy_guess,
    solve_sympy_rec,
)

__all__ = [
    "BASELINES", "DATA_PATH", "GF_KINDS", "PREDICT", "SOLVERS", "TIERS", "TRAIN", "BenchResult",
    "Prediction", "Row", "Solver", "hard_limit", "load_benchmark", "resolve_solvers",
    "run_benchmark", "run_one", "solve_lookup", "solve_progsearch", "solve_ridge",
    "solve_sympy_gf", "solve_sympy_gfr", "solve_sympy_guess", "solve_sympy_rec",
]
