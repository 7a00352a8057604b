"""What every ``progsearch`` command shares: one-line parse errors, terms, positive numbers."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable

PROG = "progsearch"


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
