"""``progsearch compare TERMS... --holdout K``: programs against weight decay on held-out terms.

The last K terms are held out: the search and the ridge fits see only the others.  Prints the
report (or, with ``--json``, its rows); ``--plot FILE.png`` also draws it (needs matplotlib).
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from .compare import compare

PROG = "progsearch compare"


class InputError(ValueError):
    """Bad command-line input: reported on one line, exit code 2."""


def parse_terms(tokens: list[str]) -> list[int]:
    """Integers from command-line tokens, separated by spaces or commas.

    >>> parse_terms(["0,1", "4", "-9"])
    [0, 1, 4, -9]
    """
    out = []
    for token in (t for tok in tokens for t in tok.replace(",", " ").split()):
        try:
            out.append(int(token))
        except ValueError:
            short = token if len(token) <= 30 else token[:27] + "..."
            if token.lstrip("+-").isdigit():  # an integer, longer than Python will convert
                raise InputError(f"term {short!r} has more than "
                                 f"{sys.get_int_max_str_digits()} digits") from None
            raise InputError(f"term {short!r} is not an integer") from None
    return out


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``progsearch compare`` to ``parser``.

    >>> p = argparse.ArgumentParser()
    >>> add_arguments(p)
    >>> p.parse_args(["1", "2", "3", "--holdout", "1"]).holdout
    1
    """
    parser.add_argument("terms", nargs="+", metavar="TERMS",
                        help="the sequence, e.g. 0 1 4 9 16 25 36 49 64 81 100 121")
    parser.add_argument("--holdout", type=int, required=True, metavar="K",
                        help="hold out the last K terms (1 <= K < number of terms - 1)")
    parser.add_argument("--offset", type=int, default=0, help="index of the first term (default 0)")
    parser.add_argument("--time-limit", type=_seconds, default=2.0, metavar="SECONDS",
                        help="seconds of program search (default 2)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--plot", metavar="FILE.png",
                        help="also draw the comparison to FILE.png (needs progsearch[plot])")


def _split(args: argparse.Namespace) -> tuple[list[int], list[int]]:
    """The training and held-out terms, or InputError saying what is wrong."""
    terms = parse_terms(args.terms)
    k = args.holdout
    if not 1 <= k < len(terms) - 1:
        raise InputError(f"--holdout must be at least 1 and leave at least 2 training terms: "
                         f"got {k} for {len(terms)} terms")
    return terms[:-k], terms[-k:]


def run(args: argparse.Namespace) -> int:
    """Run ``progsearch compare``; return 0, or 2 after a one-line error on bad input.

    >>> p = argparse.ArgumentParser()
    >>> add_arguments(p)
    >>> run(p.parse_args(["0", "1", "x", "--holdout", "1"]))  # the error goes to stderr
    2
    """
    try:
        train, heldout = _split(args)
        if args.plot:
            from . import plot

            plot.require_matplotlib()
        c = compare(train, heldout, offset=args.offset, time_limit=args.time_limit)
        if args.plot:
            plot.plot_comparison(c, args.plot)
    except (ValueError, TypeError, ImportError, OSError) as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(c.as_dict(), indent=1) + "\n" if args.json else str(c))
    if args.plot:
        print(f"{PROG}: plot written to {args.plot}", file=sys.stderr)
    return 0
