"""Command-line parsing shared by every ``progsearch`` command: errors on one line."""

from __future__ import annotations

import argparse


class ArgumentError(Exception):
    """A bad command line: reported on one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and never exit by themselves.

    >>> p = Parser(prog="demo")
    >>> _ = p.add_argument("--n", type=int)
    >>> try:
    ...     p.parse_args(["--n", "x"])
    ... except ArgumentError as e:
    ...     print(e)
    demo: error: argument --n: invalid int value: 'x'
    """

    def error(self, message: str):  # type: ignore[override]
        raise ArgumentError(f"{self.prog}: error: {message}")
