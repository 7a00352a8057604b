"""The noisy Occam demo: its claims hold in the computed runs, and the report prints them."""

import pytest
from progsearch.demos import noisy_occam as demo

from progsearch.noisy_story import noisy_terms, rule, verdict


@pytest.fixture(scope="module")
def runs():
    return demo.runs()


def test_the_data_are_the_weight_decay_demos_draws(runs):
    from progsearch.demos import weight_decay

    short, long = runs
    assert list(short.train) == weight_decay.noisy_terms()[:15]
    assert list(long.train[:15]) == list(short.train)
    assert list(long.train) + list(long.heldout) == noisy_terms(38)


def test_with_thirty_terms_the_pick_is_the_rule_up_to_a_shift_below_the_noise(runs):
    _, long = runs
    shift = {a - rule(n) for n, a in enumerate(long.pick.terms(0, 38))}
    assert len(shift) == 1 and abs(shift.pop()) < 40 / 4  # rule + c, |c| well below sigma
    v = verdict(long)
    assert v["within_10_percent"] and v["pick_rmse"] <= 1.1 * v["noise_rmse"]
    assert v["beats_ridge"] and v["pick_rmse"] < v["best_ridge_rmse"]


def test_with_fifteen_terms_the_run_says_the_rule_is_not_found(runs):
    short, _ = runs
    v = verdict(short)
    assert not v["within_10_percent"]
    text = demo.report(*runs)
    assert f"the pick is {v['pick']}, not the rule" in text


def test_programs_and_ridge_share_one_bits_axis(runs):
    for r in runs:
        for row in r.programs + r.ridges:
            assert row.total == row.model_bits + row.residual_bits and row.residual_bits >= 1
        assert r.programs[0].total == min(p.total for p in r.programs)
        assert len(r.ridges) == len(demo.ALPHAS)


def test_report_prints_the_runs_numbers(runs):
    text = demo.report(*runs)
    v = verdict(runs[1])
    for figure in (v["pick_rmse"], v["noise_rmse"], v["best_ridge_rmse"]):
        assert f"{figure:.1f}" in text
    assert max(len(line) for line in text.splitlines()) <= 100
