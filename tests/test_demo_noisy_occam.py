"""The noisy Occam demo: its claims hold in the computed runs, and the report prints them."""

import math

import numpy as np
import pytest
from progsearch.demos import noisy_occam as demo
from test_noise import ref_residual_bits  # the residual code, written plainly

from progsearch.decay_story import DEGREE, noisy_terms, rule
from progsearch.length import int_bits
from progsearch.noisy_story import verdict
from progsearch.ridge import fit_ridge


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
        train = list(r.train)
        pick = r.pick.terms(0, len(train))
        row = r.programs[0]
        assert row.residual_bits == pytest.approx(
            ref_residual_bits([t - v for t, v in zip(train, pick)]), abs=1e-6)
        assert row.train_rmse == pytest.approx(math.sqrt(np.mean(np.square(
            np.subtract(train, pick)))))
        for alpha, ridge in zip(demo.ALPHAS, r.ridges):  # refit: the same code, the same train
            fit = fit_ridge(train, degree=DEGREE, alpha=alpha)
            fitted = fit.predict_int(range(len(train)))
            assert ridge.model_bits == fit.weight_bits
            assert ridge.residual_bits == pytest.approx(
                ref_residual_bits([t - v for t, v in zip(train, fitted)]), abs=1e-6)
        assert r.programs[0].total == min(p.total for p in r.programs)
        assert len(r.ridges) == len(demo.ALPHAS)


def test_with_fifteen_terms_the_rule_fits_worse_than_the_pick_and_the_report_says_so(runs):
    short, _ = runs
    train = list(short.train)
    rule_rmse = math.sqrt(np.mean([(t - rule(n)) ** 2 for n, t in enumerate(train)]))
    pick = short.pick.terms(0, len(train))
    pick_rmse = math.sqrt(np.mean([(t - v) ** 2 for t, v in zip(train, pick)]))
    assert rule_rmse > pick_rmse  # the fact: this draw favours the pick over the rule
    text = " ".join(demo.report(*runs).split())
    assert (f"its training RMSE is {rule_rmse:.1f} against the pick's {pick_rmse:.1f}"
            in text)
    assert "no two-part code that rewards shorter programs and better fits can pick it" in text


def test_the_shift_sentence_is_computed(runs):
    _, long = runs
    text = " ".join(demo.report(*runs).split())
    diff = {a - rule(n) for n, a in enumerate(long.pick.terms(0, 38))}
    (c,) = diff
    train = list(long.train)
    pick = long.pick.terms(0, len(train))
    with_shift = ref_residual_bits([t - v + c for t, v in zip(train, pick)])
    change = with_shift - long.programs[0].residual_bits
    assert f"changes the residuals' bits by {change:+.1f}" in text
    assert long.pick.plain  # so the shift's constants are c0 = -c and c1 = 1, both to state
    assert f"the shift costs {int_bits(-c) + int_bits(1):.1f} bits of constants" in text


def test_report_prints_the_runs_numbers(runs):
    text = demo.report(*runs)
    v = verdict(runs[1])
    for figure in (v["pick_rmse"], v["noise_rmse"], v["best_ridge_rmse"]):
        assert f"{figure:.1f}" in text
    assert max(len(line) for line in text.splitlines()) <= 100
