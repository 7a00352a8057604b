"""The command line: progsearch guess | compare | demo | bench."""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import math
import pkgutil
import sys

from .cli_compare import InputError, parse_terms
from .cmdline import ArgumentError, Parser
from .search import MAX_SIZE, search
from .table import guess_table, result_dict


def _positive(kind):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value > 0 or math.isinf(value):
            raise argparse.ArgumentTypeError(f"{text!r} must be positive")
        return value
    return convert


def _guess_parser(sub) -> None:
    p = sub.add_parser("guess", help="find the shortest programs that reproduce the terms")
    p.add_argument("terms", nargs="+", help="the sequence, e.g. 0 1 1 2 3 5 8")
    p.add_argument("--offset", type=int, default=0, help="index of the first term (default 0)")
    p.add_argument("--next", type=_positive(int), default=5, help="terms to predict (default 5)")
    p.add_argument("--time-limit", type=_positive(float), default=2.0,
                   help="seconds of search (default 2)")
    p.add_argument("--max-size", type=_positive(int), default=MAX_SIZE,
                   help=f"largest expression size in nodes (default {MAX_SIZE})")
    p.add_argument("--json", action="store_true", help="print JSON instead of the table")


def _run_guess(args) -> int:
    terms = parse_terms(args.terms)
    r = search(terms, offset=args.offset, time_limit=args.time_limit, max_size=args.max_size)
    k = min(args.next, 1000)
    print(json.dumps(result_dict(r, k), indent=1) if args.json else guess_table(r, k))
    return 0


def demo_names() -> list[str]:
    """The demos that ship with progsearch.

    >>> 'bee' in demo_names()
    True
    """
    from . import demos

    return sorted(m.name for m in pkgutil.iter_modules(demos.__path__) if not m.name.startswith("_"))


def _demo_title(name: str) -> str:
    doc = importlib.import_module(f"progsearch.demos.{name}").__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _run_demo(args) -> int:
    names = demo_names()
    if not args.name:
        print("demos (run one with: progsearch demo NAME, or python demos/NAME.py):")
        for name in names:
            print(f"  {name:<15} {_demo_title(name)}")
        return 0
    if args.name not in names:
        raise ArgumentError(f"no demo named {args.name!r}; choose from {', '.join(names)}")
    main = importlib.import_module(f"progsearch.demos.{args.name}").main
    return main(args.rest) if inspect.signature(main).parameters else main()


def _build() -> Parser:
    parser = Parser(prog="progsearch", description="The shortest program that fits, in bits.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    _guess_parser(sub)
    d = sub.add_parser("demo", help="run a demo; without a name, list them")
    d.add_argument("name", nargs="?")
    d.add_argument("rest", nargs=argparse.REMAINDER)
    b = sub.add_parser("bench", help="benchmarks (see progsearch bench --help)", add_help=False)
    b.add_argument("rest", nargs=argparse.REMAINDER)
    from . import cli_compare

    cli_compare.add_arguments(sub.add_parser("compare", help="programs against weight decay"))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (2 for bad input, never a traceback)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        parser = _build()
        if argv[:1] == ["bench"]:  # the benchmark parses its own flags
            from . import bench

            return bench.main(argv[1:])
        args = parser.parse_args(argv)
        if args.command == "guess":
            return _run_guess(args)
        if args.command == "demo":
            return _run_demo(args)
        from . import cli_compare

        return cli_compare.run(args)
    except (ArgumentError, InputError) as e:
        msg = str(e)
        print(msg if msg.startswith("progsearch") else f"progsearch: error: {msg}", file=sys.stderr)
        return 2
    except (ValueError, TypeError) as e:
        print(f"progsearch: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("progsearch: interrupted", file=sys.stderr)
        return 130
