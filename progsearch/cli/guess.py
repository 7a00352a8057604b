"""``progsearch guess TERMS...``: the shortest programs that reproduce the terms, ranked."""

from __future__ import annotations

import argparse
import json

from progsearch.cli.shared import PROG, parse_terms, positive
from progsearch.cli.sources import read_terms
from progsearch.cli.table import guess_table, result_dict
from progsearch.search import MAX_SIZE, search

PREFIX = PROG  # its input errors have always read "progsearch: error: ..."


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``guess`` and its arguments to the subcommands ``sub``."""
    p = sub.add_parser("guess", help="find the shortest programs that reproduce the terms")
    p.add_argument("terms", nargs="*", help="the sequence, e.g. 0 1 1 2 3 5 8; '-': read it "
                   "from standard input (plain, an OEIS b-file or %%S lines)")
    p.add_argument("--file", metavar="PATH", help="read the terms from a file (plain, an OEIS "
                   "b-file of 'n a(n)' lines, or %%S/%%T/%%U lines)")
    p.add_argument("--offset", type=int, help="index of the first term (default: the b-file's "
                   "or %%O line's, else 0)")
    p.add_argument("--next", type=positive(int), default=5, help="terms to predict (default 5)")
    p.add_argument("--time-limit", type=positive(float), default=2.0,
                   help="seconds of search (default 2)")
    p.add_argument("--max-size", type=positive(int), default=MAX_SIZE,
                   help=f"largest expression size in nodes (default {MAX_SIZE})")
    p.add_argument("--json", action="store_true", help="print JSON instead of the table")
    return p


def run(args: argparse.Namespace) -> int:
    """Search the terms and print the table (or JSON); return 0."""
    given = read_terms(args.terms, args.file)
    terms = parse_terms(given.tokens)
    offset = args.offset if args.offset is not None else given.offset or 0
    r = search(terms, offset=offset, time_limit=args.time_limit, max_size=args.max_size)
    k = min(args.next, 1000)
    print(json.dumps(result_dict(r, k), indent=1) if args.json else guess_table(r, k))
    return 0
