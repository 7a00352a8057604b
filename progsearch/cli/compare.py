"""``progsearch compare TERMS... --holdout K``: programs against weight decay on held-out terms.

The last K terms are held out: the search and the ridge fits see only the others.  Prints the
report (or, with ``--json``, its rows); ``--plot FILE.png`` also draws it (needs matplotlib).
"""

from __future__ import annotations

import argparse
import sys

from progsearch.bigint import dumps
from progsearch.cli.shared import (
    MAX_NEXT,
    InputError,
    add_memory_limit,
    count,
    positive,
)
from progsearch.cli.shared import integer as integer_arg
from progsearch.cli.sources import read_input
from progsearch.cli.values import units_note
from progsearch.compare import compare
from progsearch.display import next_terms
from progsearch.progress import on_stderr
from progsearch.search import MAX_SIZE
from progsearch.text import WIDTH, integer, wrap

PREFIX = "progsearch compare"


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``compare`` and its arguments to the subcommands ``sub``."""
    p = sub.add_parser("compare", help="programs against weight decay")
    p.add_argument("terms", nargs="*", metavar="TERMS",
                   help="the sequence, e.g. 0 1 4 9 16 25 36 49 64 81 100 121; '-': read it "
                   "from standard input")
    p.add_argument("--file", metavar="PATH", help="read the terms from a file (plain, an OEIS "
                   "b-file of 'n a(n)' lines, or %%S/%%T/%%U lines)")
    p.add_argument("--holdout", type=int, required=True, metavar="K",
                   help="hold out the last K terms (1 <= K < number of terms - 1)")
    p.add_argument("--offset", type=integer_arg, help="index of the first term (default: the "
                   "b-file's or %%O line's, else 0)")
    p.add_argument("--time-limit", type=positive(float, "must be a positive number of seconds"),
                   default=2.0, metavar="SECONDS", help="seconds of program search (default 2)")
    p.add_argument("--max-size", type=positive(int), default=MAX_SIZE, metavar="N",
                   help=f"largest expression size in nodes (default {MAX_SIZE})")
    p.add_argument("--next", type=count(MAX_NEXT), metavar="M", help="also print the pick's "
                   f"next M terms past the held-out ones (at most {MAX_NEXT})")
    p.add_argument("--verbose", action="store_true", help="one progress line per search size "
                   "on standard error (the default when it is a terminal)")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.add_argument("--noisy", action="store_true",
                   help="noisy terms (decimals allowed): two-part lengths, residual bits apart")
    p.add_argument("--plot", metavar="FILE.png",
                   help="also draw the comparison to FILE.png (needs progsearch[plot])")
    add_memory_limit(p)
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


def beyond(c, m: int) -> str:
    """The pick's next ``m`` terms past the held-out ones, and where they stop, why.

    >>> c = compare([1, 2, 3, 4, 5, 6], [7], time_limit=0.5, max_size=3)
    >>> beyond(c, 2)
    'Past the held-out terms, the pick (row 1) continues: a(7..8) = 8, 9'
    """
    start = c.offset + len(c.train) + len(c.heldout)
    values, why = next_terms(c.result.best, start, m)
    text = (f"Past the held-out terms, the pick (row {c.pick.row}) continues: "
            f"a({start}..{start + m - 1}) = " if m > 1 else
            f"Past the held-out terms, the pick (row {c.pick.row}) continues: a({start}) = ")
    text += ", ".join(integer(v) for v in values) if values else "nothing"
    return wrap(text + (f"; then none: {why}" if why else ""), width=WIDTH)


def run(args: argparse.Namespace) -> int:
    """Compare on the training terms, print the report (or JSON), draw it if asked; return 0."""
    terms, places, offset = read_input(args)
    train, heldout = split(terms, args.holdout)
    if args.plot:
        from progsearch import plot

        plot.require_matplotlib()
    with on_stderr(args.verbose):
        c = compare(train, heldout, offset=offset, time_limit=args.time_limit,
                    max_size=args.max_size, max_memory_mb=args.memory_limit,
                    noise=args.noisy)
    if args.plot:
        plot.plot_comparison(c, args.plot)
    if args.json:
        doc = c.as_dict()
        if args.next:
            values, why = next_terms(c.result.best, offset + len(train) + len(heldout), args.next)
            doc["next"] = {"values": list(values), "stops": why}
        sys.stdout.write(dumps(doc, indent=1) + "\n")
    else:
        sys.stdout.write(str(c) + ("\n" + beyond(c, args.next) + "\n" if args.next else ""))
    if places and not args.json:
        print(units_note(places))
    if args.plot:
        print(f"{PREFIX}: plot written to {args.plot}", file=sys.stderr)
    return 0
