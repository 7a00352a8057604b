"""What the engine's parts read and write of it: the contract between core.py and the rest.

The functions of rows.py, computed.py and linear.py take the engine as their first argument;
this protocol lists what they use, so that they need not import the engine itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from ..language import Op
from .banks import Bank, Pending
from .hashing import RowHash
from .keyset import KeySet
from .records import EngineStats


class EngineState(Protocol):
    """The engine as its parts see it (implemented by :class:`~progsearch.engine.core.Engine`)."""

    ops: tuple[Op, ...]
    required: np.ndarray  # bool, one per point: a value must be defined there
    target: np.ndarray | None  # the wanted values on the required points
    t2: np.uint64 | None  # the target's hash on the required points
    hash: RowHash
    keys: KeySet  # every kept row's hash
    stats: EngineStats
    check: Callable[[], None]  # raises Stop when a budget runs out
    pending_bytes: int  # memory of the size being built
    bank_bytes: int  # memory of the banks

    def need(self, nbytes: float) -> None:
        """Raise Stop("memory") unless ``nbytes`` more fit under the memory cap."""

    def bank(self, size: int) -> Bank:
        """The bank of a size, with its rows computed."""

    def operands(self, op: Op, pos: int, size: int) -> np.ndarray:
        """Rows of a size usable as operand ``pos`` of ``op``."""

    def keep(self, parts: Pending, k: int, i: int, j: int, h: np.ndarray,
             operands: Callable) -> None:
        """Keep the rows whose hash is new."""
