"""The no_free_lunch demo: its claims hold in the computed result, not just in the printed text."""

import math
import runpy

import pytest
from progsearch.demos import no_free_lunch as nfl

from progsearch import search
from progsearch.universe import LEARNERS


@pytest.fixture(scope="module")
def both():
    return nfl.run()


@pytest.fixture(scope="module")
def result(both):
    """Part (b): the experiment of the default run."""
    return both[1]


@pytest.fixture(scope="module")
def part_a(both):
    return both[0]


@pytest.fixture(scope="module")
def small():
    return nfl.run(n_tasks=12)


# -- part (a) -------------------------------------------------------------------------------


def test_part_a_programs_disagree_about_the_next_term(part_a) -> None:
    a = part_a
    assert a.stopped_by == "max_size"
    values = [g.value for g in a.groups if g.value is not None]
    assert len(values) >= 5 and len(set(values)) == len(values)
    assert a.groups[0].value == 64 and a.groups[0].display == "2**n"
    assert sum(g.count for g in a.groups) == a.n_programs


def test_part_a_shares_are_the_librarys_mixture(part_a) -> None:
    a = part_a
    prediction = search(list(a.train), max_size=a.max_size, time_limit=120).predict(1)[0]
    shares = {g.value: g.share for g in a.groups}
    assert shares.pop(None, 0.0) == pytest.approx(prediction.p_none, rel=1e-9, abs=1e-15)
    assert shares == pytest.approx(dict(prediction.candidates), rel=1e-9, abs=1e-15)


def test_every_chosen_value_has_a_program_that_fits_and_predicts_it(part_a) -> None:
    a = part_a
    assert [c.value for c in a.continuations] == list(nfl.CHOSEN)
    n = len(a.train)
    for c in a.continuations:
        assert c.formula_fits and c.formula_predicts
        rule = eval(f"lambda n: {c.formula}", {"comb": math.comb})
        assert [rule(i) for i in range(n + 1)] == [*a.train, c.value]
        assert c.formula_bits >= a.best_bits
        assert (c.formula_bits == a.best_bits) == (c.value == a.groups[0].value)


def test_a_farther_value_never_costs_fewer_bits(part_a) -> None:
    a = part_a
    guess = a.groups[0].value
    by_distance = sorted(a.continuations, key=lambda c: abs(c.value - guess))
    bits = [c.formula_bits for c in by_distance]
    assert bits[0] < bits[-1]
    assert max(bits) == by_distance[-1].formula_bits


# -- the sampler and the Wilson interval are tested in tests/test_universe.py ---------------


def test_the_demo_runs_the_setting_it_states(result) -> None:
    assert (result.setup.k, result.setup.n_train, result.setup.max_nodes) == (
        nfl.K, nfl.N_TRAIN, nfl.SIZE_B)
    assert result.seed == nfl.SEED


# -- part (b) -------------------------------------------------------------------------------


def test_both_universes_write_non_constant_sequences_in_the_alphabet(result) -> None:
    for universe in (result.programs, result.noise):
        assert len(universe.draws) == nfl.N_TASKS
        for draw in universe.draws:
            assert len(draw.terms) == nfl.N_TRAIN + 1
            assert all(0 <= t < nfl.K for t in draw.terms)
            assert len(set(draw.terms)) > 1
        assert all(len(gs) == len(LEARNERS) and all(g in range(nfl.K) for g in gs)
                   for gs in universe.guesses)
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


def test_report_is_deterministic_and_fits_in_100_columns(both, small) -> None:
    assert nfl.report(small) == nfl.report(nfl.run(n_tasks=12))
    text = nfl.report(both)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.splitlines()[0] == nfl.__doc__.splitlines()[0]
    assert all(line == line.rstrip() for line in text.splitlines())


def test_report_prints_the_runs_numbers(both, result) -> None:
    text = nfl.report(both)
    for universe in (result.programs, result.noise):
        for score in universe.scores:
            assert f"{score.right:4d}/{score.n:<4d}  {score.accuracy:6.1%}" in text
    assert "Its interval lies above both of theirs" in text
    assert "every learner's interval contains chance" in text


def test_main_prints_the_report_and_returns_0(small, monkeypatch, capsys) -> None:
    monkeypatch.setattr(nfl, "run", lambda: small)  # the full run is checked above
    assert nfl.main() == 0
    assert capsys.readouterr().out == nfl.report(small) + "\n"


def test_the_demo_is_a_story_of_library_calls() -> None:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(nfl.__file__).read_text())
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert len(defs) <= 10 and len(Path(nfl.__file__).read_text().splitlines()) <= 270


def test_runs_as_a_script(small, monkeypatch) -> None:
    from progsearch import universe

    monkeypatch.setattr(universe, "experiment", lambda *args: small[1])
    monkeypatch.setattr(universe, "disagreement", lambda *args, **kwargs: small[0])
    with pytest.raises(SystemExit) as done:
        runpy.run_path(nfl.__file__, run_name="__main__")
    assert done.value.code == 0
