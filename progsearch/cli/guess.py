"""``progsearch guess TERMS...``: the shortest programs that reproduce the terms, ranked."""

from __future__ import annotations

import argparse
import json

from progsearch.cli.shared import PROG, parse_terms, positive
from progsearch.cli.table import guess_table, result_dict
from progsearch.cli.values import parse_values, units_note
from progsearch.search import MAX_SIZE, search

PREFIX = PROG  # its input errors have always read "progsearch: error: ..."
NOISY_NOTE = ("noisy mode: bits = the program's bits + its residuals' bits (the two-part "
              "length);\n      residual sd: the scale its residuals are coded at")


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``guess`` and its arguments to the subcommands ``sub``."""
    p = sub.add_parser("guess", help="find the shortest programs that reproduce the terms")
    p.add_argument("terms", nargs="+", help="the sequence, e.g. 0 1 1 2 3 5 8")
    p.add_argument("--offset", type=int, default=0, help="index of the first term (default 0)")
    p.add_argument("--next", type=positive(int), default=5, help="terms to predict (default 5)")
    p.add_argument("--time-limit", type=positive(float), default=2.0,
                   help="seconds of search (default 2)")
    p.add_argument("--max-size", type=positive(int), default=MAX_SIZE,
                   help=f"largest expression size in nodes (default {MAX_SIZE})")
    p.add_argument("--json", action="store_true", help="print JSON instead of the table")
    p.add_argument("--noisy", action="store_true",
                   help="noisy terms (decimals allowed): rank by two-part length")
    return p


def run(args: argparse.Namespace) -> int:
    """Search the terms and print the table (or JSON); return 0."""
    terms, places = parse_values(args.terms) if args.noisy else (parse_terms(args.terms), 0)
    r = search(terms, offset=args.offset, time_limit=args.time_limit, max_size=args.max_size,
               noise=args.noisy)
    k = min(args.next, 1000)
    print(json.dumps(result_dict(r, k), indent=1) if args.json else guess_table(r, k))
    if args.noisy and not args.json:
        print(NOISY_NOTE + (f"\n{units_note(places)}" if places else ""))
    return 0
