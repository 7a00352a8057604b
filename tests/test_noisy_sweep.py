"""The noisy sweep (benchmarks/noisy_sweep.py) on 3 seeds: each draw's figures, recomputed."""

import math
import runpy
from pathlib import Path

import numpy as np
import pytest
from test_noise import ref_residual_bits

from progsearch.decay_story import ALPHAS, DEGREE
from progsearch.noise import AFFINE_TAG_BITS
from progsearch.noisy_sweep import Draw, counts, rule_program, sweep
from progsearch.ridge import fit_ridge
from progsearch.search import search

TRAIN, HELD = 15, 8


def rule(n):
    return n * n + 3 * n + 5


def rmse(a, b):
    return math.sqrt(np.mean(np.square(np.subtract(a, b, dtype=float))))


@pytest.fixture(scope="module")
def draws():
    return sweep(range(3), TRAIN, HELD)


def test_each_draw_is_scored_against_its_own_noise_and_ridge(draws):
    for d in draws:
        noise = np.random.default_rng(d.seed).normal(0.0, 40.0, TRAIN + HELD)
        terms = [round(rule(n) + e) for n, e in enumerate(noise)]
        train, held = terms[:TRAIN], terms[TRAIN:]
        idx = range(TRAIN, TRAIN + HELD)
        assert d.noise_rmse == pytest.approx(rmse([rule(n) for n in idx], held))
        best = search(train, noise=True, max_size=8, time_limit=60.0).best
        assert d.pick_rmse == pytest.approx(rmse(best.terms(TRAIN, TRAIN + HELD), held))
        fits = [fit_ridge(train, degree=DEGREE, alpha=a) for a in ALPHAS]
        held_rmse = [rmse(f.predict(idx), held) for f in fits]
        assert d.oracle_rmse == pytest.approx(min(held_rmse))
        assert d.ridge_rmse in [pytest.approx(h) for h in held_rmse]
        assert d.validated_rmse in [pytest.approx(h) for h in held_rmse]
        assert d.pick_total == pytest.approx(best.bits)


def test_the_rules_description_is_its_shortest_program_plus_residuals(draws):
    prog = rule_program(TRAIN)
    assert prog.terms(0, 40) == [rule(n) for n in range(40)]  # the rule, also past its terms
    for d in draws:
        noise = np.random.default_rng(d.seed).normal(0.0, 40.0, TRAIN)
        train = [round(rule(n) + e) for n, e in enumerate(noise)]
        resid = ref_residual_bits([t - rule(n) for n, t in enumerate(train)])
        assert d.rule_total == pytest.approx(prog.bits + AFFINE_TAG_BITS + resid, abs=1e-6)


def test_counts_at_their_boundaries():
    at = Draw(0, "a", 11.0, 10.0, 11.0, 12.0, 11.0, 50.0, 50.0)  # exactly 1.1 x noise; ties
    assert counts([at]) == {"draws": 1, "rule": 1, "beats_oracle": 0, "beats_ridge": 1,
                            "beats_validated": 0, "rule_shorter": 0}
    off = Draw(1, "b", 11.01, 10.0, 11.5, 11.0, 12.0, 50.0, 49.9)
    assert counts([at, off]) == {"draws": 2, "rule": 1, "beats_oracle": 1, "beats_ridge": 1,
                                 "beats_validated": 1, "rule_shorter": 1}


def test_the_benchmark_script_prints_the_counts(draws, capsys):
    script = runpy.run_path(str(Path(__file__).parents[1] / "benchmarks" / "noisy_sweep.py"))
    assert script["main"](["--seeds", "3", "--train", str(TRAIN)]) == 0
    out = capsys.readouterr().out
    c = counts(draws)
    assert f"{TRAIN} training terms, 3 draws:" in out
    assert f"(held-out RMSE <= 1.1 x noise's): {c['rule']}" in out
    assert f"(oracle):     {c['beats_oracle']}" in out
    assert f"two-part ridge row):     {c['beats_ridge']}" in out
    assert f"(best_ridge): {c['beats_validated']}" in out
