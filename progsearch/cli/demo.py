"""``progsearch demo [NAME [ARGS...]]``: run a demo, or list them."""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil

from progsearch.cli.shared import PROG, InputError

PREFIX = PROG


def demo_names() -> list[str]:
    """The demos that ship with progsearch.

    >>> 'bee' in demo_names()
    True
    """
    from progsearch import demos

    names = (m.name for m in pkgutil.iter_modules(demos.__path__))
    return sorted(name for name in names if not name.startswith("_"))


def _demo_title(name: str) -> str:
    doc = importlib.import_module(f"progsearch.demos.{name}").__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``demo`` and its arguments to the subcommands ``sub``."""
    p = sub.add_parser("demo", help="run a demo; without a name, list them")
    p.add_argument("name", nargs="?")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def run(args: argparse.Namespace) -> int:
    """Run the demo ``args.name`` with ``args.rest``, or list the demos; return its exit code."""
    names = demo_names()
    if not args.name:
        print("demos (run one with: progsearch demo NAME, or python demos/NAME.py):")
        for name in names:
            print(f"  {name:<15} {_demo_title(name)}")
        return 0
    if args.name not in names:
        raise InputError(f"no demo named {args.name!r}; choose from {', '.join(names)}")
    main = importlib.import_module(f"progsearch.demos.{args.name}").main
    return main(args.rest) if inspect.signature(main).parameters else main()
