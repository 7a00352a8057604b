"""Terms for ``--noisy``: integers or decimals, read at the precision given (noise.values)."""

from __future__ import annotations

from progsearch.cli.shared import InputError
from progsearch.noise.values import MAX_DECIMALS, TooManyDecimals, decimal_terms
from progsearch.text import clip


def parse_values(tokens: list[str]) -> tuple[list[int], int]:
    """Numbers from command-line tokens (spaces or commas) as integers in units of 10**-d, and d.

    >>> parse_values(["0.5,1.25", "2"])
    ([50, 125, 200], 2)
    >>> parse_values(["1", "inf"])
    Traceback (most recent call last):
    ...
    progsearch.cli.shared.InputError: term 'inf' is not a finite number
    >>> parse_values(["0.5", "0.1234567890123"])  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    progsearch.cli.shared.InputError: term '0.1234567890123' has 13 decimals; at most 12 are read
    (round the terms to the precision they have)
    """
    words = [t for tok in tokens for t in tok.replace(",", " ").split()]
    bad = next((w for w in words if not w.isascii()), None)
    if bad is not None:
        raise InputError(f"term {bad[:30]!r} is not a finite number")
    try:
        return decimal_terms(words)
    except TooManyDecimals as e:
        raise InputError(f"term {clip(words[e.index], 30)!r} has {e.places} decimals; at most "
                         f"{MAX_DECIMALS} are read (round the terms to the precision they "
                         "have)") from None
    except (ValueError, TypeError) as e:
        bad = next((w for w in words if _bad(w)), None)
        if bad is None:
            raise InputError(str(e)) from None
        short = clip(bad, 30)
        raise InputError(f"term {short!r} is not a finite number") from None


def _bad(word: str) -> bool:
    try:
        decimal_terms([word])
    except TooManyDecimals:
        return False  # a number, only too precise
    except (ValueError, TypeError):
        return True
    return False


def units_note(decimals: int) -> str:
    """The line that says in what units the programs of decimal terms are.

    >>> units_note(2)
    'terms read at 2 decimals: searched as integers in units of 0.01 (programs give hundredths)'
    """
    names = {1: "tenths", 2: "hundredths", 3: "thousandths"}
    unit = f"{10.0**-decimals:.{decimals}f}"
    return (f"terms read at {decimals} decimals: searched as integers in units of {unit} "
            f"(programs give {names.get(decimals, f'multiples of {unit}')})")
