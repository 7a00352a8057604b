"""What every ``progsearch`` command shares: one-line parse errors, terms, positive numbers."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from progsearch.bigint import parse_int
from progsearch.text import clip

PROG = "progsearch"
MAX_NEXT = 1000  # the most terms a command predicts (--next)


class ArgumentError(Exception):
    """A bad command line, as the whole line to print (``PROG CMD: error: ...``); exit code 2."""


class InputError(ValueError):
    """Bad command-line input: reported on one line after the command's prefix, exit code 2."""


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


def parse_terms(tokens: list[str]) -> list[int]:
    """Integers from command-line tokens, separated by spaces or commas.

    A term is ASCII digits with an optional sign, of any length (progsearch.bigint): Unicode
    digits, underscores and ``1e5`` are refused on one line.

    >>> parse_terms(["0,1", "4", "-9"])
    [0, 1, 4, -9]
    >>> try:
    ...     parse_terms(["１２"])
    ... except InputError as e:
    ...     print(e)
    term '１２' is not an ASCII integer
    """
    out = []
    for token in (t for tok in tokens for t in tok.replace(",", " ").split()):
        try:
            out.append(parse_int(token, "term"))
        except ValueError as e:
            raise InputError(str(e)) from None
    return out


def integer(text: str) -> int:
    """An argparse type: an ASCII integer (``--offset``), else argparse's one-line error.

    >>> integer("-3")
    -3
    >>> integer("٣")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '٣' is not an ASCII integer
    """
    try:
        return parse_int(text, "")
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e).lstrip()) from None


def count(hi: int) -> Callable[[str], int]:
    """An argparse type: an ASCII integer from 1 to ``hi``; past ``hi`` an error, not a cut.

    >>> count(1000)("5")
    5
    >>> count(1000)("1001")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '1001' must be between 1 and 1000
    """
    def convert(text: str) -> int:
        value = integer(text)
        if not 1 <= value <= hi:
            raise argparse.ArgumentTypeError(f"{clip(text, 30)!r} must be between 1 and {hi}")
        return value

    convert.__name__ = "count"
    return convert


def add_memory_limit(parser: argparse.ArgumentParser) -> None:
    """Add ``--memory-limit MB``: the memory the search may add to the process (measured)."""
    from progsearch.search import MAX_MEMORY_MB

    parser.add_argument("--memory-limit", type=positive(float, "must be a positive number of MB"),
                        default=MAX_MEMORY_MB, metavar="MB",
                        help="most memory the search may take, in MB, measured as resident "
                             f"memory above the idle process (default {MAX_MEMORY_MB:g})")


def positive(
    kind: Callable[[str], float], must: str | None = "must be positive"
) -> Callable[[str], float]:
    """An argparse type: ``kind`` of the text, finite and above 0, else ``'TEXT' MUST``.

    With ``must=None`` argparse words the error itself: ``invalid positive int value: '0'``.

    >>> positive(float)("0.5"), positive(int)("3")
    (0.5, 3)
    >>> positive(float, "must be a positive number of seconds")("inf")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 'inf' must be a positive number of seconds
    """

    def convert(text: str):
        try:
            value, why = kind(text), must
        except ValueError:
            value, why = math.nan, "is not a number"
        if value > 0 and math.isfinite(value):
            return value
        if must is None:
            raise ValueError(text)  # argparse says: invalid positive float value: 'TEXT'
        raise argparse.ArgumentTypeError(f"{text!r} {why}")

    convert.__name__ = f"positive {kind.__name__}"  # argparse: "invalid positive int value"
    return convert
