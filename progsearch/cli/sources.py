"""Terms as people have them: on the command line, on standard input, in a file, an OEIS b-file.

:func:`read_terms` turns the command line's words, ``-`` (standard input) or ``--file PATH``
into the tokens that ``parse_terms`` reads, and the index of the first term when the text says
it.  The text is read in one of three ways, recognised from its lines:

* an OEIS b-file: every line (blank lines and ``#`` comments aside) is ``n a(n)``, the indices
  consecutive; the first index is the offset;
* OEIS internal format: ``%S``, ``%T``, ``%U`` lines give the terms (``%O`` the offset); the
  other ``%`` lines are skipped;
* anything else: integers separated by spaces, commas or new lines (``#`` starts a comment).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

from progsearch.cli.shared import InputError, parse_terms
from progsearch.cli.values import parse_values

STDIN = "-"
MAX_BYTES = 10_000_000  # a b-file of 10,000 terms of 1,000 digits fits easily
TERM_LINES = ("%S", "%T", "%U")


@dataclass(frozen=True)
class Terms:
    """The tokens of some terms, the index of the first when the text gives it, and where from."""

    tokens: list[str]
    offset: int | None  # from a b-file's first index or a %O line; None: not given
    origin: str  # 'arguments', 'standard input' or the file's path

    def __repr__(self) -> str:
        return f"Terms({len(self.tokens)} tokens from {self.origin}, offset={self.offset})"


def _strip(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _bfile(lines: list[str]) -> tuple[list[str], int] | None:
    """The terms and first index of b-file lines, or None if they are not a b-file.

    >>> _bfile(["# A000290", "1 1", "2 4", "", "3 9"])
    (['1', '4', '9'], 1)
    >>> _bfile(["1 2", "5 6"]) is None, _bfile(["1 2 3"]) is None
    (True, True)
    """
    rows = [_strip(line).split() for line in lines]
    rows = [r for r in rows if r]
    if not rows or any(len(r) != 2 for r in rows):
        return None
    try:
        first = int(rows[0][0])
        if any(int(r[0]) != first + i for i, r in enumerate(rows)):
            return None
    except ValueError:
        return None
    return [r[1] for r in rows], first


def _internal(lines: list[str]) -> tuple[list[str], int | None] | None:
    """The terms and offset of OEIS internal-format lines (%S/%T/%U, %O), or None if none.

    >>> _internal(["%I A000045", "%S A000045 0,1,1,2,3,", "%T A000045 5,8", "%O A000045 0,4"])
    (['0,1,1,2,3,', '5,8'], 0)
    """
    tokens, offset, found = [], None, False
    for line in lines:
        words = line.split()
        if words and words[0] in TERM_LINES:
            found = True
            tokens += words[2:] if len(words) > 2 and words[1].startswith("A") else words[1:]
        elif words[:1] == ["%O"] and len(words) > 1:
            try:
                offset = int(words[-1].split(",")[0])
            except ValueError:
                raise InputError(f"the %O line {line.strip()!r} has no integer offset") from None
    return (tokens, offset) if found else None


def tokens_of(text: str) -> tuple[list[str], int | None]:
    """The term tokens and the offset (None if not given) of a text in any of the three ways.

    >>> tokens_of("0 1\\n1 1\\n2 2\\n")
    (['1', '1', '2'], 0)
    >>> tokens_of("1, 2, 4  # doubling\\n8")
    (['1,', '2,', '4', '8'], None)
    """
    lines = text.splitlines()
    if any(line.lstrip().startswith("%") for line in lines):
        internal = _internal(lines)
        if internal is None:
            raise InputError("the text has % lines but no %S, %T or %U line of terms")
        return internal
    bfile = _bfile(lines)
    if bfile is not None:
        return bfile
    return [t for line in lines for t in _strip(line).split()], None


def read_text(path: str, stdin: TextIO | None = None) -> str:
    """The text of the file at ``path`` (``-``: standard input), at most MAX_BYTES."""
    if path == STDIN:
        stream = sys.stdin if stdin is None else stdin
        if stream is None or stream.isatty():
            raise InputError("'-' reads the terms from standard input, but it is a terminal: "
                             "pipe them in, e.g. echo 1 2 4 8 | progsearch guess -")
        text = stream.read(MAX_BYTES + 1)
    else:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"--file {path}: cannot read it ({exc.strerror or exc})") from None
    if len(text) > MAX_BYTES:
        raise InputError(f"{'standard input' if path == STDIN else path} is longer than "
                         f"{MAX_BYTES:,} characters")
    return text


def read_terms(words: list[str], file: str | None = None,
               stdin: TextIO | None = None) -> Terms:
    """The terms from the command line's ``words``, ``-`` (standard input) or ``--file``.

    >>> read_terms(["1", "2,3"])
    Terms(2 tokens from arguments, offset=None)
    >>> import io
    >>> read_terms(["-"], stdin=io.StringIO("%S A000027 1,2,3,4\\n%O A000027 1,1")).offset
    1
    """
    if file is not None and words:
        raise InputError("give the terms as arguments or with --file, not both")
    if file is not None or words == [STDIN]:
        path = STDIN if file is None else file
        tokens, offset = tokens_of(read_text(path, stdin))
        origin = "standard input" if path == STDIN else path
        if not tokens:
            raise InputError(f"no terms in {origin}")
        return Terms(tokens, offset, origin)
    if STDIN in words:
        raise InputError("'-' (standard input) must be the only term")
    if not words:
        raise InputError("no terms: give them as arguments, '-' for standard input, "
                         "or --file PATH")
    return Terms(list(words), None, "arguments")


def read_input(args) -> tuple[list[int], int, int]:
    """(terms, decimal places, offset) of a command's arguments: ``terms``/``--file`` read as
    above, decimals with ``--noisy`` (cli/values.py), and the offset ``--offset`` or the
    file's own (else 0)."""
    given = read_terms(args.terms, args.file)
    terms, places = (parse_values(given.tokens) if args.noisy
                     else (parse_terms(given.tokens), 0))
    return terms, places, args.offset if args.offset is not None else given.offset or 0
