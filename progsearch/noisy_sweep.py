"""How often the two-part pick is the rule, over many noisy draws; and what one draw can pay for.

The noisy demo (demos/noisy_occam.py) runs one draw of the rule ``n*n + 3*n + 5`` plus
Gaussian noise (sigma 40, seed 0).  One draw proves little either way, so :func:`sweep` runs
the same rule and noise over many seeds and counts, per draw (noisy_story.run, noisy_story's
verdict):

* ``rule``: the pick is the rule or an equivalent: its held-out RMSE is within 10% of the
  noise's own held-out RMSE (the rule's);
* ``beats_oracle``: its held-out RMSE is below the best ridge row's, that row chosen by looking
  at the held-out terms (an oracle no learner has);
* ``beats_ridge``: its held-out RMSE is below that of the ridge row ridge would choose without
  peeking: the shortest two-part ridge row (weight bits + residual bits, the same axis);
* ``beats_validated``: the same against ridge's other choice without peeking, the weight-decay
  demo's: ``best_ridge`` over the same alphas, the last 3 training terms as validation;
* ``rule_shorter``: the rule's own description (its shortest program, found by an exact search
  of the rule's terms, plus its residuals) is shorter than the pick's: the search missed a
  shorter description.  Where it is longer, no code that rewards short programs and good fits
  could have picked the rule from that draw.

:func:`rule_fit` prices the rule on one draw and :func:`shift_price` what stating a constant
shift would cost against what it would save.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .decay_story import ALPHAS, DEGREE, rule
from .forms import Program
from .length import int_bits
from .noise import AFFINE_TAG_BITS, two_part_one
from .noisy_story import NoisyRun, rmse, run, verdict
from .ridge import best_ridge
from .search import search

RULE_SIZE = 8  # the exact search that finds the rule's shortest program


@functools.lru_cache(maxsize=8)
def rule_program(count: int) -> Program:
    """The shortest program found for the rule's first ``count`` exact terms.

    >>> rule_program(15).terms(0, 4)
    [5, 9, 15, 23]
    """
    return search([rule(n) for n in range(count)], max_size=RULE_SIZE, time_limit=60.0).best


@dataclass(frozen=True)
class RuleFit:
    """The rule as a two-part description of noisy training terms (its program taken plain)."""

    program: str
    program_bits: float  # its shortest program's bits and the noisy model tag
    residual_bits: float
    train_rmse: float

    @property
    def total(self) -> float:
        """The two-part length."""
        return self.program_bits + self.residual_bits

    def __repr__(self) -> str:
        return f"RuleFit({self.program!r}, {self.total:.1f} bits, train RMSE {self.train_rmse:.1f})"


def rule_fit(train: Sequence[int]) -> RuleFit:
    """The rule's shortest program with its residuals on ``train``, as the noisy search prices it.

    >>> fit = rule_fit([rule(n) for n in range(10)])
    >>> fit.residual_bits, fit.train_rmse
    (1.0, 0.0)
    """
    prog = rule_program(len(train))
    values = prog.terms(0, len(train))
    part = two_part_one(prog.bits + AFFINE_TAG_BITS, values, train)
    return RuleFit(prog.display(), part.program, part.residual, rmse(values, train))


def _constant_bits(c0: int, c1: int) -> float:
    return 0.0 if (c0, c1) == (0, 1) else float(int_bits(c0) + int_bits(c1))


def shift_price(pick: Program, train: Sequence[int], shift: int) -> tuple[float, float]:
    """(bits to state ``shift`` as a constant, residual bits it would save) for a noisy pick.

    A pick ``c0 + c1 f`` shifted by ``d`` is ``(c0 + d) + c1 f``: its constants cost
    ``int_bits`` each (none for a plain model), the model tag is the same.

    >>> from progsearch.forms import Formula
    >>> from progsearch.language import Const
    >>> from progsearch.noise import Fitted, residual_bits_one
    >>> train = [5, 5, 6, 5]
    >>> zero = Fitted(Formula(Const(0)), 0, 1, 3.0, *residual_bits_one(train))
    >>> cost, saved = shift_price(zero, train, 5)  # int_bits(5) + int_bits(1); 5 is near
    >>> cost, saved > cost
    (12.0, True)
    """
    c0, c1 = getattr(pick, "c0", 0), getattr(pick, "c1", 1)
    values = [v + shift for v in pick.terms(pick.offset, pick.offset + len(train))]
    shifted = two_part_one(0.0, values, train)
    cost = _constant_bits(c0 + shift, c1) - _constant_bits(c0, c1)
    return cost, pick.residual_bits - shifted.residual


@dataclass(frozen=True)
class Draw:
    """One seed's figures: the pick and the held-out RMSEs the counts compare."""

    seed: int
    pick: str
    pick_rmse: float
    noise_rmse: float
    oracle_rmse: float  # the best ridge row by held-out terms
    ridge_rmse: float  # the shortest two-part ridge row
    validated_rmse: float  # best_ridge: alpha chosen on the last 3 training terms
    pick_total: float
    rule_total: float

    @property
    def rule(self) -> bool:
        """The pick is the rule or an equivalent (held-out RMSE within 10% of the noise's)."""
        return self.pick_rmse <= 1.1 * self.noise_rmse

    def __repr__(self) -> str:
        return f"Draw(seed {self.seed}: {self.pick!r}, held-out RMSE {self.pick_rmse:.1f})"


def draw(r: NoisyRun, seed: int) -> Draw:
    """The figures of one run."""
    v = verdict(r)
    fit = best_ridge(r.train, degrees=(DEGREE,), alphas=ALPHAS, holdout=3)
    start = len(r.train)
    validated = rmse(fit.predict(range(start, start + len(r.heldout))), r.heldout)
    return Draw(seed, v["pick"], v["pick_rmse"], v["noise_rmse"], v["best_ridge_rmse"],
                v["mdl_ridge_rmse"], validated, r.programs[0].total, rule_fit(r.train).total)


def sweep(seeds: Iterable[int], n_train: int, n_heldout: int = 8,
          max_size: int = 8) -> list[Draw]:
    """One noisy search and ridge sweep per seed (noisy_story.run), as Draws.

    >>> [d.seed for d in sweep([0], 8, 4, max_size=3)]
    [0]
    """
    return [draw(run(n_train, n_heldout, max_size=max_size, seed=s), s) for s in seeds]


def counts(draws: Sequence[Draw]) -> dict:
    """How many draws: the rule (or equivalent), beat the oracle ridge row, beat ridge's own
    choices (shortest two-part, validated), and had the rule's description shorter than the pick's.

    >>> d = Draw(0, "n", 10.0, 10.0, 20.0, 5.0, 30.0, 100.0, 110.0)
    >>> counts([d])  # doctest: +NORMALIZE_WHITESPACE
    {'draws': 1, 'rule': 1, 'beats_oracle': 1, 'beats_ridge': 0, 'beats_validated': 1,
     'rule_shorter': 0}
    """
    return {"draws": len(draws), "rule": sum(d.rule for d in draws),
            "beats_oracle": sum(d.pick_rmse < d.oracle_rmse for d in draws),
            "beats_ridge": sum(d.pick_rmse < d.ridge_rmse for d in draws),
            "beats_validated": sum(d.pick_rmse < d.validated_rmse for d in draws),
            "rule_shorter": sum(d.rule_total < d.pick_total for d in draws)}
