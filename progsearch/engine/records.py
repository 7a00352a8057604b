"""The engine's small records: a target hit, the work done, and the stop of a budget."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_HITS = 64  # target hits kept per block of candidates (the search keeps the shortest anyway)


@dataclass(frozen=True)
class Hit:
    """An expression whose row equals the target on every required point.

    >>> Hit(3, 0, 1, 4, 1, 2)  # operator 0 on row 4 of size 1 and row 2 of size 1
    Hit(size=3, op=0, i=1, a=4, j=1, b=2)
    """

    size: int
    op: int  # operator index, or -1 for a leaf
    i: int  # size of the first operand (or 1 for a leaf)
    a: int  # its row
    j: int = 0  # size of the second operand (0 if none)
    b: int = 0


@dataclass
class EngineStats:
    """Work done: candidates hashed, distinct expressions kept, sizes completed."""

    candidates: int = 0
    distinct: int = 0
    max_size: int = 0  # sizes enumerated and kept
    hit_size: int = 1  # sizes whose target hits are all known
    per_size: list = field(default_factory=list)  # (size, candidates, distinct, seconds)


class Stop(Exception):
    """Raised inside the enumeration when a budget runs out.

    >>> Stop("time_limit").reason
    'time_limit'
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
