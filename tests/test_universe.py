"""progsearch.universe: the prior sampler, the Wilson interval, and the experiment."""

import math
from collections import Counter

import numpy as np
import pytest

from progsearch.forms import Lookup
from progsearch.length import elias_delta_bits, int_bits
from progsearch.universe import (
    LEARNERS,
    Bits,
    Rejected,
    Setup,
    disagreement,
    draw_program,
    experiment,
    next_value,
    program_for,
    read_integer,
    read_positive,
    read_program,
    wilson,
)
from progsearch.universe.experiment import Z95

# -- the sampler ----------------------------------------------------------------------------


def _draw_counts(seed: int, draws: int) -> tuple[Counter, dict]:
    """How often each program (by source) came out of ``draws`` draws, and its bits."""
    rng = np.random.default_rng(seed)
    counts: Counter = Counter()
    bits_of = {}
    for _ in range(draws):
        program = draw_program(rng)
        if program is not None:
            counts[program.source] += 1
            bits_of[program.source] = program.bits
    return counts, bits_of


def test_programs_come_out_with_probability_two_to_minus_bits() -> None:
    draws = 100_000
    counts, bits_of = _draw_counts(7, draws)
    checked = seen_total = expected_total = 0
    for source, seen in counts.items():
        expected = draws * 2.0 ** -bits_of[source]
        if expected >= 100:  # a sampler off by a factor 2 misses by >= 100, over 5 sigma here
            sigma = math.sqrt(expected * (1 - expected / draws))  # binomial standard error
            assert abs(seen - expected) < 5 * sigma, (source, seen, expected)
            checked += 1
            seen_total += seen
            expected_total += expected
    assert checked >= 6
    assert abs(seen_total - expected_total) < 5 * math.sqrt(expected_total)


def test_no_program_is_drawn_more_often_than_its_bits_allow() -> None:
    draws = 20_000
    counts, bits_of = _draw_counts(8, draws)
    for source, seen in counts.items():
        expected = draws * 2.0 ** -bits_of[source]
        assert seen <= expected + 6 * math.sqrt(expected) + 6, source


def test_read_positive_draws_each_integer_with_odds_two_to_minus_its_code_length() -> None:
    rng = np.random.default_rng(1)
    draws = 20_000
    counts: Counter = Counter()
    for _ in range(draws):
        try:
            counts[read_positive(Bits(rng))] += 1
        except Rejected:  # a code word too long to read: rare, and never one of 1..8
            counts["too long"] += 1
    for n in range(1, 9):
        expected = draws * 2.0 ** -elias_delta_bits(n)
        assert abs(counts[n] - expected) < 5 * math.sqrt(expected), n


def test_read_integer_spends_the_integer_code_length() -> None:
    rng = np.random.default_rng(4)
    for _ in range(2000):
        bits = Bits(rng)
        try:
            v = read_integer(bits)
        except Rejected:
            continue
        assert bits.spent == int_bits(v)


def test_a_drawn_program_costs_exactly_the_coin_flips_it_took() -> None:
    rng = np.random.default_rng(2)
    forms: Counter = Counter()
    for _ in range(3000):
        bits = Bits(rng)
        try:
            program = read_program(bits)
        except Rejected:
            continue
        forms[program.form] += 1
        assert bits.spent == pytest.approx(program.bits, abs=1e-9)
    assert set(forms) == {"lookup", "periodic", "loop", "formula"}


def test_limits_of_the_language_are_respected() -> None:
    rng = np.random.default_rng(5)
    for _ in range(3000):
        program = draw_program(rng, max_nodes=2, max_table=3)
        if program is None:
            continue
        if program.form in ("lookup", "periodic"):
            size = len(getattr(program, "values", getattr(program, "period", ())))
            assert 1 <= size <= 3
        else:
            rule = program.expr if program.form == "formula" else program.rule
            assert rule.nodes() <= 2


# -- the Wilson interval --------------------------------------------------------------------


def wilson_by_the_quadratic(right: int, n: int, z: float) -> tuple[float, float]:
    """The roots of (p_hat - p)**2 = z**2 p (1 - p) / n, by the quadratic formula."""
    p_hat = right / n
    a, b, c = 1 + z * z / n, -(2 * p_hat + z * z / n), p_hat * p_hat
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


@pytest.mark.parametrize("right, n", [(0, 50), (5, 50), (25, 50), (183, 200), (200, 200),
                                      (1, 1), (7, 1000)])
def test_wilson_interval_is_the_root_pair_of_the_score_equation(right, n) -> None:
    low, high = wilson(right, n)
    expected = wilson_by_the_quadratic(right, n, Z95)
    assert (low, high) == pytest.approx(expected, abs=1e-12)
    assert 0 <= low <= right / n <= high <= 1
    assert (low == 0) == (right == 0) and (high == 1) == (right == n)


def test_wilson_interval_narrows_with_more_trials_and_widens_with_z() -> None:
    assert wilson(200, 2000)[1] - wilson(200, 2000)[0] < wilson(20, 200)[1] - wilson(20, 200)[0]
    narrow, wide = wilson(20, 200, z=1.0), wilson(20, 200, z=3.0)
    assert wide[0] < narrow[0] and narrow[1] < wide[1]


def test_wilson_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError, match="n must be"):
        wilson(0, 0)
    with pytest.raises(ValueError, match="right must be"):
        wilson(5, 4)


# -- the experiment -------------------------------------------------------------------------

TINY = Setup(n_train=6, max_nodes=3, time_limit=30.0)


@pytest.fixture(scope="module")
def tiny():
    return experiment(seed=1, n_tasks=6, setup=TINY)


def test_experiment_on_a_tiny_budget_draws_what_it_promises(tiny) -> None:
    for universe in (tiny.programs, tiny.noise):
        assert len(universe.draws) == len(universe.guesses) == 6
        for draw, guess in zip(universe.draws, universe.guesses):
            assert len(draw.terms) == TINY.n_train + 1 and len(set(draw.terms)) > 1
            assert all(t in range(TINY.k) for t in draw.terms)
            assert len(guess) == len(LEARNERS) and all(g in range(TINY.k) for g in guess)
    assert all(d.program is not None and d.bits > 2 for d in tiny.programs.draws)
    assert all(d.program is None for d in tiny.noise.draws)
    assert tiny.chance == 1 / TINY.k


def test_experiment_scores_are_the_count_of_right_guesses(tiny) -> None:
    for universe in (tiny.programs, tiny.noise):
        for j, score in enumerate(universe.scores):
            right = sum(g[j] == d.terms[-1] for d, g in zip(universe.draws, universe.guesses))
            assert (score.learner, score.right, score.n) == (LEARNERS[j], right, 6)
            assert score.interval == wilson(right, 6)


def test_experiment_is_fixed_by_its_seed(tiny) -> None:
    again = experiment(seed=1, n_tasks=6, setup=TINY)
    assert again.programs.draws == tiny.programs.draws
    assert again.noise.guesses == tiny.noise.guesses
    other = experiment(seed=2, n_tasks=6, setup=TINY)
    assert other.noise.draws != tiny.noise.draws


def test_the_lookup_learner_only_guesses(tiny) -> None:
    lookup = LEARNERS.index("lookup")
    for universe in (tiny.programs, tiny.noise):
        assert all(g[lookup] in range(TINY.k) for g in universe.guesses)


def test_setup_and_experiment_name_bad_arguments() -> None:
    with pytest.raises(ValueError, match="n_train"):
        Setup(n_train=2)
    with pytest.raises(ValueError, match="k must"):
        Setup(k=1)
    with pytest.raises(ValueError, match="n_tasks"):
        experiment(n_tasks=0, setup=TINY)


def test_reprs_are_short_and_readable(tiny) -> None:
    assert repr(tiny).startswith("Experiment(seed=1, 6 + 6 sequences; shortest program ")
    assert repr(tiny.programs).startswith("Universe('A: programs', 6 sequences")
    assert repr(tiny.noise.score("lookup")).startswith("Score(lookup: ")


# -- programs that fit and disagree ---------------------------------------------------------


def test_program_for_any_value_fits_and_predicts_it() -> None:
    a = disagreement([0, 1, 4, 9, 16], [25, 0, -7, 10**6], max_size=3)
    base = a.base
    assert base == "n*n"
    for c in a.continuations:
        assert c.formula_fits and c.formula_predicts
        assert c.table_bits == Lookup([0, 1, 4, 9, 16, c.value]).bits
    costs = {c.value: c.formula_bits for c in a.continuations}
    assert costs[25] == a.best_bits < costs[0] < costs[10**6]


def test_program_for_is_the_formula_before_its_index() -> None:
    a = disagreement([1, 2, 4, 8, 16], [0], max_size=3)
    assert a.groups[0].value == 32 and sum(g.share for g in a.groups) == pytest.approx(1.0)
    from progsearch import search

    base = next(p for p in search([1, 2, 4, 8, 16], max_size=3).programs if p.form == "formula")
    f = program_for(base, 5, 100)
    assert f.terms(0, 5) == base.terms(0, 5) and next_value(f, 5) == 100


def test_disagreement_names_a_missing_formula() -> None:
    with pytest.raises(ValueError, match="max_size"):
        disagreement([3, 1, 4, 1, 5, 9, 2, 6], [5], max_size=1)
