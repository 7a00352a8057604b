"""``progsearch compare TERMS... --holdout K``: programs against weight decay on held-out terms.

The last K terms are held out: the search and the ridge fits see only the others.  Prints the
report (or, with ``--json``, its rows); ``--plot FILE.png`` also draws it (needs matplotlib).
"""

from __future__ import annotations

import argparse
import json
import sys

from progsearch.cli.shared import InputError, parse_terms, positive
from progsearch.cli.values import parse_values, units_note
from progsearch.compare import compare

PREFIX = "progsearch compare"


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``compare`` and its arguments to the subcommands ``sub``."""
    p = sub.add_parser("compare", help="programs against weight decay")
    p.add_argument("terms", nargs="+", metavar="TERMS",
                   help="the sequence, e.g. 0 1 4 9 16 25 36 49 64 81 100 121")
    p.add_argument("--holdout", type=int, required=True, metavar="K",
                   help="hold out the last K terms (1 <= K < number of terms - 1)")
    p.add_argument("--offset", type=int, default=0, help="index of the first term (default 0)")
    p.add_argument("--time-limit", type=positive(float, "must be a positive number of seconds"),
                   default=2.0, metavar="SECONDS", help="seconds of program search (default 2)")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.add_argument("--noisy", action="store_true",
                   help="noisy terms (decimals allowed): two-part lengths, residual bits apart")
    p.add_argument("--plot", metavar="FILE.png",
                   help="also draw the comparison to FILE.png (needs progsearch[plot])")
    return p


def split(terms: list[int], holdout: int) -> tuple[list[int], list[int]]:
    """The training and held-out terms, or InputError saying what is wrong.

    >>> split([0, 1, 4, 9, 16], 2)
    ([0, 1, 4], [9, 16])
    """
    if not 1 <= holdout < len(terms) - 1:
        raise InputError(f"--holdout must be at least 1 and leave at least 2 training terms: "
                         f"got {holdout} for {len(terms)} terms")
    return terms[:-holdout], terms[-holdout:]


def run(args: argparse.Namespace) -> int:
    """Compare on the training terms, print the report (or JSON), draw it if asked; return 0."""
    terms, places = parse_values(args.terms) if args.noisy else (parse_terms(args.terms), 0)
    train, heldout = split(terms, args.holdout)
    if args.plot:
        from progsearch import plot

        plot.require_matplotlib()
    c = compare(train, heldout, offset=args.offset, time_limit=args.time_limit, noise=args.noisy)
    if args.plot:
        plot.plot_comparison(c, args.plot)
    sys.stdout.write(json.dumps(c.as_dict(), indent=1) + "\n" if args.json else str(c))
    if places and not args.json:
        print(units_note(places))
    if args.plot:
        print(f"{PREFIX}: plot written to {args.plot}", file=sys.stderr)
    return 0
