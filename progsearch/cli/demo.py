"""``progsearch demo [NAME [ARGS...]]``: run a demo, or list them (also in ``demo --help``)."""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.util
import inspect
import pkgutil
import textwrap

from progsearch.cli.shared import PROG, InputError
from progsearch.progress import on_stderr

PREFIX = PROG
VERBOSE = "--verbose"
EVERY = 1.0  # seconds: a demo's progress lines come at most this often


def demo_names() -> list[str]:
    """The demos that ship with progsearch.

    >>> 'bee' in demo_names()
    True
    """
    from progsearch import demos

    names = (m.name for m in pkgutil.iter_modules(demos.__path__))
    return sorted(name for name in names if not name.startswith("_"))


def _demo_title(name: str) -> str:
    """The first line of the demo's docstring, read without importing it."""
    spec = importlib.util.find_spec(f"progsearch.demos.{name}")
    if spec is None or not spec.origin:
        return ""
    with open(spec.origin, encoding="utf-8") as f:
        doc = ast.get_docstring(ast.parse(f.read())) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def listing() -> str:
    """The demos, one a line with its title.

    >>> listing().splitlines()[0]
    'demos (run one with: progsearch demo NAME, or python demos/NAME.py):'
    """
    lines = ["demos (run one with: progsearch demo NAME, or python demos/NAME.py):"]
    for name in demo_names():  # each title wrapped to 100 columns, under itself
        lines += textwrap.wrap(_demo_title(name), 100, initial_indent=f"  {name:<15} ",
                               subsequent_indent=" " * 18)
    return "\n".join(lines)


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``demo`` and its arguments to the subcommands ``sub``."""
    p = sub.add_parser("demo", help="run a demo; without a name, list them",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=listing())
    p.add_argument(VERBOSE, action="store_true", help="progress on standard error (the default "
                   "when it is a terminal), also accepted after NAME")
    p.add_argument("name", nargs="?", help="the demo to run")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="its arguments (only guess takes any)")
    return p


def run(args: argparse.Namespace) -> int:
    """Run the demo ``args.name`` with ``args.rest``, or list the demos; return its exit code."""
    names = demo_names()
    if not args.name:
        print(listing())
        return 0
    if args.name not in names:
        raise InputError(f"no demo named {args.name!r}; choose from {', '.join(names)}")
    rest = [a for a in args.rest if a != VERBOSE]
    verbose = args.verbose or len(rest) < len(args.rest)
    main = importlib.import_module(f"progsearch.demos.{args.name}").main
    takes = bool(inspect.signature(main).parameters)
    if rest and not takes:
        raise InputError(f"demo {args.name} takes no arguments, got: {' '.join(rest)}")
    with on_stderr(verbose, after=EVERY):
        return main(rest) if takes else main()
