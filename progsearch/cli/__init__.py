"""The command line: ``progsearch guess | compare | demo | bench``, one module a command.

Each command module has ``add_parser`` (its arguments), ``run`` (returns the exit code) and
``PREFIX`` (how its one-line errors start).  ``main`` is the one place that prints an error and
chooses the exit code: 2 for bad input, 130 for Ctrl-C, never a traceback; when the reader
closes the pipe (``progsearch guess ... | head``) it stops quietly with exit code 0.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from importlib import metadata

from progsearch import _ON_CTRL_C
from progsearch.cli import bench, compare, demo, guess
from progsearch.cli.shared import PROG, ArgumentError, Parser

COMMANDS = {"guess": guess, "demo": demo, "bench": bench, "compare": compare}  # in --help order
# Bad input, a missing optional package, a file that cannot be read or written: one line, exit 2
USER_ERRORS = (ArgumentError, ValueError, TypeError, ImportError, OSError)


def build_parser() -> Parser:
    """The parser of ``progsearch`` and its subcommands.

    >>> build_parser().parse_args(["guess", "1", "2", "3"]).terms
    ['1', '2', '3']
    """
    parser = Parser(prog=PROG, description="The shortest program that fits, in bits.")
    parser.add_argument("--version", action="version", version=f"{PROG} {version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS.values():
        command.add_parser(sub)
    return parser


def version() -> str:
    """The installed version of progsearch ('unknown' when it is not installed)."""
    try:
        return metadata.version("progsearch")
    except metadata.PackageNotFoundError:
        return "unknown"


def _stdout_closed() -> None:
    """The reader closed the pipe: send what is left of standard output nowhere."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's StringIO)
        pass


def parse(argv: list[str]) -> argparse.Namespace:
    """The command line read by the main parser, or by ``bench``'s own (progsearch.cli.bench)."""
    if argv[:1] == ["bench"]:
        return bench.parse(argv[1:])
    return build_parser().parse_args(argv)


def error_line(exc: BaseException, prefix: str) -> str:
    """The one line that reports ``exc``: a parser's line as it is, others after ``prefix``.

    >>> error_line(ValueError("term 'x' is not an integer"), "progsearch")
    "progsearch: error: term 'x' is not an integer"
    """
    return str(exc) if isinstance(exc, ArgumentError) else f"{prefix}: error: {exc}"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (2 for bad input, never a traceback).

    >>> main(["bench", "--jobs", "0"])  # the error goes to stderr
    2
    """
    if signal.getsignal(signal.SIGINT) is not _ON_CTRL_C:  # the imports are done: Ctrl-C is
        signal.signal(signal.SIGINT, _ON_CTRL_C)  # caught below
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        build_parser().print_help()
        return 2
    command = COMMANDS.get(argv[0])
    try:
        args = parse(argv)  # on success argv[0] names the command
        return command.run(args)
    except BrokenPipeError:
        _stdout_closed()
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except USER_ERRORS as exc:
        print(error_line(exc, getattr(command, "PREFIX", PROG)), file=sys.stderr)
        return 2
