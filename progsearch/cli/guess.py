"""``progsearch guess TERMS...``: the shortest programs that reproduce the terms, ranked."""

from __future__ import annotations

import argparse

from progsearch.bigint import dumps
from progsearch.cli.shared import (
    MAX_NEXT,
    PROG,
    add_memory_limit,
    count,
    integer,
    positive,
)
from progsearch.cli.sources import read_input
from progsearch.cli.table import SHOWN, guess_table, result_dict
from progsearch.cli.values import units_note
from progsearch.progress import on_stderr
from progsearch.search import MAX_SIZE, search

PREFIX = PROG  # its input errors have always read "progsearch: error: ..."
NOISY_NOTE = ("noisy mode: bits = the program's bits + its residuals' bits (the two-part "
              "length);\n      residual sd: the scale its residuals are coded at")


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``guess`` and its arguments to the subcommands ``sub``."""
    p = sub.add_parser("guess", help="find the shortest programs that reproduce the terms")
    p.add_argument("terms", nargs="*", help="the sequence, e.g. 0 1 1 2 3 5 8; '-': read it "
                   "from standard input (plain, an OEIS b-file or %%S lines)")
    p.add_argument("--file", metavar="PATH", help="read the terms from a file (plain, an OEIS "
                   "b-file of 'n a(n)' lines, or %%S/%%T/%%U lines)")
    p.add_argument("--offset", type=integer, help="index of the first term (default: the "
                   "b-file's or %%O line's, else 0)")
    p.add_argument("--next", type=count(MAX_NEXT), default=5,
                   help=f"terms to predict (default 5, at most {MAX_NEXT})")
    p.add_argument("--time-limit", type=positive(float), default=2.0,
                   help="seconds of search (default 2)")
    p.add_argument("--max-size", type=positive(int), default=MAX_SIZE,
                   help=f"largest expression size in nodes (default {MAX_SIZE})")
    p.add_argument("--top", type=positive(int), default=SHOWN, metavar="N",
                   help=f"programs listed in the table (default {SHOWN}; the lookup always)")
    p.add_argument("--sympy", action="store_true", help="also print the pick as SymPy")
    p.add_argument("--latex", action="store_true", help="also print the pick as LaTeX")
    p.add_argument("--verbose", action="store_true", help="one progress line per search size "
                   "on standard error (the default when it is a terminal)")
    p.add_argument("--json", action="store_true", help="print JSON instead of the table")
    add_memory_limit(p)
    p.add_argument("--noisy", action="store_true",
                   help="noisy terms (decimals allowed): rank by two-part length")
    return p


def exports(r, sympy: bool, latex: bool) -> list[str]:
    """The pick as SymPy and/or LaTeX, or why it has no such form.

    >>> from progsearch.search import search
    >>> exports(search([1, 4, 9, 16, 25], offset=1, max_size=3), True, True)
    ['sympy: n**2', 'latex: n^{2}']
    """
    if not (sympy or latex):
        return []
    try:
        expr = r.best.to_sympy()
    except TypeError:
        return [f"sympy, latex: the pick is a {r.best.form}, which has no SymPy form"]
    import sympy as sp

    return ([f"sympy: {expr}"] if sympy else []) + ([f"latex: {sp.latex(expr)}"] if latex else [])


def run(args: argparse.Namespace) -> int:
    """Search the terms and print the table (or JSON); return 0."""
    terms, places, offset = read_input(args)
    with on_stderr(args.verbose):
        r = search(terms, offset=offset, time_limit=args.time_limit, max_size=args.max_size,
                   max_memory_mb=args.memory_limit, noise=args.noisy)
    if args.json:
        print(dumps(result_dict(r, args.next), indent=1))
    else:
        print("\n".join([guess_table(r, args.next, args.top)] + exports(r, args.sympy,
                                                                         args.latex)))
    if args.noisy and not args.json:
        print(NOISY_NOTE + (f"\n{units_note(places)}" if places else ""))
    return 0
