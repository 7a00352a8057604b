"""``progsearch bench``: the OEIS benchmark, or with ``--throughput`` the engine's throughput.

The two take different flags (``--time-limit`` means seconds per solver call in one, a guard on
the whole run in the other), so ``bench`` parses its own command line, not the main parser.
The benchmark is imported only when it runs: it loads SymPy, a second that other commands skip.
"""

from __future__ import annotations

import argparse
import json
import time

from progsearch.cli.shared import Parser, positive

PREFIX = "progsearch bench"
THROUGHPUT = "--throughput"
NOISY = "--noisy"


def add_parser(sub) -> argparse.ArgumentParser:
    """List ``bench`` among the subcommands ``sub``; ``parse`` reads its flags."""
    return sub.add_parser("bench", help="benchmarks (see progsearch bench --help)", add_help=False)


def bench_parser() -> Parser:
    """The flags of ``progsearch bench``."""
    from progsearch.bench import SOLVERS, TIERS

    p = Parser(prog=PREFIX, description="Run solvers on the public OEIS benchmark.")
    p.add_argument("--time-limit", type=positive(float, None), default=2.0, metavar="S",
                   help="seconds per sequence and solver (default 2)")
    p.add_argument("--tier", choices=TIERS, help="only this tier")
    p.add_argument("--limit", type=positive(int, None), metavar="N",
                   help="a stratified subset of N sequences")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="parallel workers (joblib n_jobs; -1: all cores)")
    p.add_argument("--json", action="store_true", help="print JSON, with one row per run")
    p.add_argument("--solvers", default=",".join(SOLVERS), metavar="A,B",
                   help=f"comma-separated subset of: {', '.join(SOLVERS)}; 'sympy' = all sympy_*")
    p.add_argument("--data", metavar="PATH", help="benchmark JSON (default: the packaged copy)")
    p.add_argument(THROUGHPUT, action="store_true",
                   help="run progsearch.bench.throughput with the other arguments instead")
    p.add_argument(NOISY, action="store_true",
                   help="the classics with 5%% Gaussian noise: noisy search against ridge "
                        "(uses --limit, --time-limit, --data, --json)")
    return p


def throughput_parser() -> Parser:
    """The flags of ``progsearch bench --throughput``."""
    from progsearch.bench import throughput

    p = Parser(prog=f"{PREFIX} {THROUGHPUT}")
    p.add_argument("--max-size", type=int, default=throughput.MAX_SIZE)
    p.add_argument("--time-limit", type=float, default=120.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    return p


def parse(argv: list[str]) -> argparse.Namespace:
    """The flags after ``bench``: the throughput's when ``--throughput`` is among them.

    >>> parse(["--throughput", "--max-size", "4"]).max_size, parse(["--jobs", "2"]).jobs
    (4, 2)
    """
    if THROUGHPUT in argv:
        args = throughput_parser().parse_args([a for a in argv if a != THROUGHPUT])
        args.throughput = True
        return args
    return bench_parser().parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark (or the throughput) ``parse`` read; print its report; return 0."""
    if args.throughput:
        return run_throughput(args)
    if args.noisy:
        return run_noisy(args)
    from progsearch.bench import load_benchmark, resolve_solvers, run_benchmark

    if args.jobs == 0:
        raise ValueError("argument --jobs: must be nonzero")
    solvers = resolve_solvers([s.strip() for s in args.solvers.split(",") if s.strip()])
    entries = load_benchmark(args.data, tier=args.tier, limit=args.limit)
    started = time.perf_counter()
    result = run_benchmark(entries, solvers, time_limit=args.time_limit, jobs=args.jobs)
    wall = time.perf_counter() - started
    if args.json:
        print(json.dumps({**result.to_json(), "wall_s": wall}, indent=1))
    else:
        print(result.report() + f"\nwall time {wall:.1f} s with --jobs {args.jobs}")
    return 0


def run_noisy(args: argparse.Namespace) -> int:
    """The noisy benchmark (progsearch.bench.noisy); print its report (or JSON); return 0."""
    from progsearch.bench import noisy

    rows = noisy.run_noisy(args.limit, args.time_limit, args.data)
    out = {**noisy.summary(rows), "rows": [vars(r) for r in rows]}
    print(json.dumps(out, indent=1) if args.json else noisy.report(rows))
    return 0


def run_throughput(args: argparse.Namespace) -> int:
    """Measure the engine's throughput; print the figures (or JSON); return 0."""
    from progsearch.bench import throughput

    if not 0 < args.time_limit <= 3600:
        raise ValueError("--time-limit must be in (0, 3600]")
    if not 2 <= args.max_size <= 12:
        raise ValueError("--max-size must be in [2, 12]")
    fig = throughput.measure(args.max_size, args.time_limit, args.seed)
    fig.update(throughput.report_seconds())
    print(json.dumps(fig, indent=1) if args.json else throughput.report(fig))
    return 0
