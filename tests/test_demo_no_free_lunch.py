"""The no_free_lunch demo: its claims hold in the computed result, not just in the printed text."""

import math
from collections import Counter

import numpy as np
import pytest
from progsearch.demos import no_free_lunch as nfl

from progsearch import search
from progsearch.length import elias_delta_bits


@pytest.fixture(scope="module")
def result() -> nfl.NoFreeLunchResult:
    return nfl.run()


@pytest.fixture(scope="module")
def small() -> nfl.NoFreeLunchResult:
    return nfl.run(n_tasks=12)


# -- part (a) -------------------------------------------------------------------------------


def test_part_a_programs_disagree_about_the_next_term(result) -> None:
    a = result.part_a
    assert a.stopped_by == "max_size"
    values = [g.value for g in a.groups if g.value is not None]
    assert len(values) >= 5 and len(set(values)) == len(values)
    assert a.groups[0].value == 64 and a.groups[0].display == "2**n"
    assert sum(g.count for g in a.groups) == a.n_programs


def test_part_a_shares_are_the_librarys_mixture(result) -> None:
    a = result.part_a
    prediction = search(list(a.train), max_size=a.max_size, time_limit=120).predict(1)[0]
    shares = {g.value: g.share for g in a.groups}
    assert shares.pop(None, 0.0) == pytest.approx(prediction.p_none, rel=1e-9, abs=1e-15)
    assert shares == pytest.approx(dict(prediction.candidates), rel=1e-9, abs=1e-15)


def test_every_chosen_value_has_a_program_that_fits_and_predicts_it(result) -> None:
    a = result.part_a
    n = len(a.train)
    for c in a.continuations:
        assert c.formula_fits and c.formula_predicts
        rule = eval(f"lambda n: {c.formula}", {"comb": math.comb})
        assert [rule(i) for i in range(n + 1)] == [*a.train, c.value]
        assert c.formula_bits >= a.best_bits
        assert (c.formula_bits == a.best_bits) == (c.value == a.groups[0].value)


def test_a_farther_value_never_costs_fewer_bits(result) -> None:
    a = result.part_a
    guess = a.groups[0].value
    by_distance = sorted(a.continuations, key=lambda c: abs(c.value - guess))
    bits = [c.formula_bits for c in by_distance]
    assert bits[0] < bits[-1]
    assert max(bits) == by_distance[-1].formula_bits


# -- the sampler ----------------------------------------------------------------------------


def test_read_positive_draws_each_integer_with_odds_two_to_minus_its_code_length() -> None:
    rng = np.random.default_rng(1)
    draws = 20_000
    counts: Counter = Counter()
    for _ in range(draws):
        try:
            counts[nfl.read_positive(nfl.Bits(rng))] += 1
        except nfl.Rejected:  # a code word too long to read: rare, and never one of 1..8
            counts["too long"] += 1
    for n in range(1, 9):
        expected = draws * 2.0 ** -elias_delta_bits(n)
        assert abs(counts[n] - expected) < 5 * math.sqrt(expected), n


def test_a_drawn_program_costs_exactly_the_coin_flips_it_took() -> None:
    rng = np.random.default_rng(2)
    for _ in range(3000):
        bits = nfl.Bits(rng)
        try:
            program = nfl.read_program(bits)
        except nfl.Rejected:
            continue
        assert bits.spent == pytest.approx(program.bits, abs=1e-9)


def test_programs_come_out_with_probability_two_to_minus_bits() -> None:
    rng = np.random.default_rng(3)
    draws = 20_000
    counts: Counter = Counter()
    bits_of = {}
    for _ in range(draws):
        try:
            program = nfl.read_program(nfl.Bits(rng))
        except nfl.Rejected:
            continue
        counts[program.source] += 1
        bits_of[program.source] = program.bits
    checked = 0
    for source, seen in counts.items():
        expected = draws * 2.0 ** -bits_of[source]
        if expected >= 30:
            assert abs(seen - expected) < 5 * math.sqrt(expected), source
            checked += 1
    assert checked >= 5


def test_wilson_interval_endpoints_solve_the_score_equation() -> None:
    for right, n in [(0, 50), (5, 50), (25, 50), (183, 200), (200, 200)]:
        low, high = nfl.wilson(right, n)
        p_hat = right / n
        for p in (low, high):
            lhs = (p_hat - p) ** 2
            rhs = nfl.Z95**2 * p * (1 - p) / n
            assert lhs == pytest.approx(rhs, abs=1e-12)
        assert 0 <= low <= p_hat <= high <= 1


# -- part (b) -------------------------------------------------------------------------------


def test_both_universes_write_non_constant_sequences_in_the_alphabet(result) -> None:
    for universe in (result.programs, result.noise):
        assert len(universe.draws) == nfl.N_TASKS
        for draw in universe.draws:
            assert len(draw.terms) == nfl.N_TRAIN + 1
            assert all(0 <= t < nfl.K for t in draw.terms)
            assert len(set(draw.terms)) > 1
        assert all(all(g in range(nfl.K) for g in gs) for gs in universe.guesses)
    assert all(d.program is not None for d in result.programs.draws)
    assert all(d.program is None for d in result.noise.draws)


def test_in_the_program_universe_the_shortest_program_clearly_wins(result) -> None:
    a = result.programs
    shortest = a.score("shortest program")
    for rival in ("best ridge", "lookup"):
        other = a.score(rival)
        assert shortest.interval[0] > other.interval[1], (shortest, other)


def test_in_the_random_universe_every_learner_is_at_chance(result) -> None:
    for score in result.noise.scores:
        low, high = score.interval
        assert low <= result.chance <= high, score


def test_the_same_learner_does_far_better_where_the_world_is_programs(result) -> None:
    in_a = result.programs.score("shortest program")
    in_b = result.noise.score("shortest program")
    assert in_a.interval[0] > in_b.interval[1]


def test_the_lookup_is_at_chance_in_both_universes(result) -> None:
    for universe in (result.programs, result.noise):
        low, high = universe.score("lookup").interval
        assert low <= result.chance <= high


# -- the report -----------------------------------------------------------------------------


def test_report_is_deterministic_and_fits_in_100_columns(result, small) -> None:
    assert nfl.report(small) == nfl.report(nfl.run(n_tasks=12))
    text = nfl.report(result)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.splitlines()[0] == nfl.__doc__.splitlines()[0]
    assert all(line == line.rstrip() for line in text.splitlines())


def test_report_prints_the_runs_numbers(result) -> None:
    text = nfl.report(result)
    for universe in (result.programs, result.noise):
        for score in universe.scores:
            assert f"{score.right:4d}/{score.n:<4d}  {score.accuracy:6.1%}" in text
    assert "Its interval lies above both of theirs" in text
    assert "every learner's interval contains chance" in text


def test_main_prints_the_report_and_returns_0(small, monkeypatch, capsys) -> None:
    monkeypatch.setattr(nfl, "run", lambda: small)  # the full run is checked above
    assert nfl.main() == 0
    assert capsys.readouterr().out == nfl.report(small) + "\n"
