"""Bottom-up enumeration of expressions by size, with observational equivalence, in NumPy.

Every expression has a row of int64 values on the evaluation points.  Two expressions with
the same row are the same to the search, and only the first (smallest) is kept.  A
*candidate* is one expression built from kept ones (an operator applied to operands) whose
row is looked up for equivalence: the unit of work counted in ``candidates``.

Where the speed comes from:

* Rows are hashed without being computed.  h(v) = sum(v_i * w_i) mod 2**64 is linear, so
  h(x + y) = h(x) + h(y), h(x - y) = h(x) - h(y), and h(x * y) is the bilinear form
  ``(X * w) @ Y.T``: a block of sums is one outer sum, a block of products one integer
  matrix product.  The other operators compute their rows for whole blocks.
* A size's rows are computed lazily, once, when the size is first used as operands; the
  last size the budget reaches is never computed at all, and the last size a search asks
  for only has its target hits found (``grow(keep=False)``).
* Each block of candidates costs one gather in the set of kept hashes (:class:`KeySet`, which
  the block's new hashes then join), and one sort of its new hashes, which removes the
  duplicates within the block.  That gather is what bounds the speed: a random read in a
  table far bigger than the cache (``progsearch bench --throughput`` prints its cost).
* Hits on the target by ``+ - *`` are found by a hash join on the required points (meet in
  the middle: x + y = t exactly when h(y) = h(t) - h(x)), not by computing every row.

Overflow is never silent: a value that leaves int64 (or an operator outside its domain) at a
*required* point (a training term) makes the expression invalid; at other points (beyond the
training range) it becomes ``SENT``, "unknown", and stays unknown through later operators.
Every reported program is re-checked with exact Python integers (forms.py, search.py).

Known limitation: a sum, difference or product is kept by the hash of its wrapped values
before its row is computed, so one that overflows at a required point (found invalid later)
can shadow a valid row equal to it mod 2**64 at every point.  That takes values near 2**63 at
every evaluation point; the search's leaves stay below 2**62.

The parts, one concern each (an operator's kernels and limits are read from its row in
:data:`progsearch.language.OPS`):

    core.py      Engine: grows a size (hits first, then keeps), rebuilds expressions
    blocks.py    the blocks of a size: an operator and its operand sizes
    banks.py     Bank (the kept expressions of one size) and Pending (the size being built)
    keyset.py    KeySet: the exact set of kept hashes
    hashing.py   RowHash: the linear row hash
    linear.py    + - * by their hashes: block hashing, hash joins for target hits
    computed.py  the other operators: rows computed for blocks of candidates
    rows.py      a size's rows, computed lazily once
    evaluate.py  an operator's kernels on blocks with unknown values (SENT)
    records.py   Hit, EngineStats, Stop;  state.py: what the parts use of the engine
"""

from ..kernels import SENT
from .banks import Bank, Pending
from .core import Engine
from .keyset import KeySet
from .records import EngineStats, Hit, Stop

__all__ = ["SENT", "Bank", "Engine", "EngineStats", "Hit", "KeySet", "Pending", "Stop"]
