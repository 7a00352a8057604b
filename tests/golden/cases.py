"""The command lines whose output must not change when the code is moved (golden files).

Each case is a name and the arguments of ``progsearch``; ``python -m tests.golden.cases``
(from the repository root) writes every case's normalized output to ``tests/golden/NAME.txt``.
Run it only when an output is meant to change, and say why in the commit.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
FIB = "0 1 1 2 3 5 8 13 21 34 55 89 144 233 377 610 987 1597"
SQUARES = "0 1 4 9 16 25 36 49 64 81 100 121"
CASES = {
    "demo_list": "demo",
    "demo_occam": "demo occam",
    "demo_no_free_lunch": "demo no_free_lunch",
    "demo_weight_decay": "demo weight_decay",
    "demo_bee": "demo bee",
    "demo_guess": "demo guess 0 1 3 7 15 31 63",
    "guess_fib": f"guess {FIB} --next 5",
    "guess_catalan": "guess 1 1 2 5 14 42 132 429 1430 4862 --next 4",
    "guess_random": "guess 851 637 511 270 308 41 75 16 175 814 --next 3",
    "guess_json": "guess 2 5 10 17 26 37 50 --offset 1 --next 3 --json",
    "guess_bad_word": "guess 1 2 x",
    "guess_no_terms": "guess",
    "compare_squares": f"compare {SQUARES} --holdout 4",
    "compare_fib": f"compare {FIB} --holdout 6",
    "compare_json": f"compare {SQUARES} --holdout 3 --json",
    "compare_bad_holdout": "compare 1 2 3 --holdout 5",
    "bench_small": "bench --limit 4 --solvers progsearch,lookup,ridge --time-limit 2",
    "bench_bad": "bench --jobs 0",
}
# Wall-clock figures differ from run to run: they are masked before comparing.
_TIMES = [
    (re.compile(r"\d+(\.\d+)? ?s\b"), "<T>s"),
    (re.compile(r'"(elapsed_s|wall_s|seconds|median_s|p90_s|time_s)": [0-9.e-]+'), r'"\1": <T>'),
    (re.compile(r"(candidates/s|/s)\b"), "/s"),
]


# The benchmark's table has columns of seconds (median, p90) with three decimals.
_BENCH_SECONDS = (re.compile(r"\b\d+\.\d{3}\b"), "<T>")


def normalize(text: str, bench: bool = False) -> str:
    """Mask the run's timings, so that two runs of the same code compare equal.

    >>> normalize("searched sizes up to 8 in 0.63 s (stopped by max_size)")
    'searched sizes up to 8 in <T>s (stopped by max_size)'
    >>> normalize("progsearch  1  100.0%  0.200  0.295", bench=True)
    'progsearch  1  100.0%  <T>  <T>'
    """
    for pattern, repl in _TIMES + ([_BENCH_SECONDS] if bench else []):
        text = pattern.sub(repl, text)
    return text


def run(args: str) -> str:
    """The exit code, standard output and standard error of ``progsearch ARGS``, in one text."""
    from progsearch.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args.split())
    text = f"exit {code}\n--- stdout\n{out.getvalue()}--- stderr\n{err.getvalue()}"
    return normalize(text, bench=args.startswith("bench"))


def main(names: list[str]) -> None:
    for name in names or CASES:
        (HERE / f"{name}.txt").write_text(run(CASES[name]))
        print("wrote", name, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
