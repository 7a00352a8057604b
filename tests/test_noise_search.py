"""Noisy mode wired into the search: candidates from the engine, Fitted programs, predictions.

Each test checks behaviour against a direct computation: brute force over every kept row for
the candidate scorer, ``forms.expr_bits`` for the vectorized prices, the exact search's own
ranking for exact data, the generating distribution for pure noise.
"""

import math

import numpy as np
import pytest
from test_noise import REF_Z, ref_point_bits, ref_residual_bits, ref_sigma

import progsearch
from progsearch.budget import Budget
from progsearch.enumeration import _grow, formula_engine
from progsearch.forms import Formula, Lookup, Program
from progsearch.language import Const
from progsearch.length import count_bits, int_bits
from progsearch.noise import AFFINE_TAG_BITS, EXACT_BITS, S_MAX, two_part_one
from progsearch.noise.candidates import bank_extra_bits, best_candidates, lower_bounds
from progsearch.noise.finders import constants, find_fitted, noisy_finders
from progsearch.noise.predict import spread, spread_votes
from progsearch.noise.program import Fitted
from progsearch.search import FINDERS, search

EXACT_SHIFT = AFFINE_TAG_BITS + EXACT_BITS  # what every exact program pays in noisy mode


def grown(terms, size):
    _, eng = formula_engine(terms, 0)
    _grow([eng], Budget(60.0, size, 2**31))
    return eng


# ---------------------------------------------------------------- candidates


def test_vectorized_prices_equal_expr_bits_for_every_kept_row():
    eng = grown([3, 1, 4, 1, 5, 9, 2, 6], 5)
    extras = bank_extra_bits(eng, eng.stats.max_size)
    for size in range(1, eng.stats.max_size + 1):
        for row in range(0, len(eng.banks[size]), 7):
            f = Formula(eng.expr_at(size, row))
            assert f.expr.nodes() == size
            direct = f.body_bits() - math.log2(progsearch.forms.node_symbols(1)) * size
            assert math.isclose(extras[size - 1][row], direct, abs_tol=1e-9)


@pytest.mark.parametrize("terms", [[3, 1, 4, 1, 5, 9, 2, 6, 5, 3],
                                   [2, 9, 19, 30, 41, 55, 70, 86, 101, 120]])
def test_best_candidates_equal_brute_force_over_every_kept_row(terms):
    eng = grown(terms, 5)
    y = eng.target
    brute = []
    for size in range(1, eng.stats.max_size + 1):
        b = eng.bank(size)
        for row in np.flatnonzero(b.valid):
            f = Formula(eng.expr_at(size, int(row)))
            vals = b.vals[row][eng.required].tolist()
            brute.append(two_part_one(f.bits, vals, y.tolist(), affine=True).total)
    got = best_candidates(eng, y, top=5)
    assert [round(t, 9) for t, _, _ in got] == [round(t, 9) for t in sorted(brute)[:5]]


def test_lower_bounds_never_exceed_the_scored_length():
    rng = np.random.default_rng(4)
    f = rng.integers(-50, 50, size=(400, 12))
    f[:50] = f[:50] * 10**9  # large rows
    y = rng.integers(-200, 200, size=12)
    bits = rng.uniform(0, 30, size=400)
    exact = progsearch.noise.two_part(bits, f, y, affine=True).total
    assert (lower_bounds(bits, f, y) <= exact + 1e-9).all()


# ---------------------------------------------------------------- programs


def test_fitted_bits_are_program_plus_residual_bits():
    inner = Formula(Const(5))
    fit = Fitted(inner, 2, 3, 20.0, 7.5, 9)
    assert fit.bits == 27.5 and fit.terms(0, 3) == [17, 17, 17] and fit.sigma == 1.0
    exact = Fitted.exact(Lookup([4, 5]))
    assert math.isclose(exact.bits, Lookup([4, 5]).bits + EXACT_SHIFT)
    assert exact.form == "lookup" and exact.continuation(2, 1) is None
    namespace: dict = {}
    exec(fit.source, namespace)  # the source computes what terms() gives
    assert [namespace["a"](n) for n in range(3)] == fit.terms(0, 3)
    with pytest.raises(ValueError, match="kind"):
        Fitted(inner, 0, 1, 1.0, 1.0, 0, kind="other")


def test_constant_models_are_priced_without_a_program():
    terms = [0, 1, -1, 0, 3]
    models = constants(terms, 0)
    assert [m.terms(0, 1)[0] for m in models] == [0, 1]  # 0, the mean 0.6 rounded down and up
    zero = models[0]  # (and the median, 0: one model for each value)
    assert zero.kind == "constant" and zero.program_bits == AFFINE_TAG_BITS + 1  # int_bits(0)
    by_scale = {s: count_bits(s) + sum(ref_point_bits(t, s) for t in terms)
                for s in range(1, S_MAX + 1)}  # the code written out, every scale
    assert zero.residual_bits == pytest.approx(ref_residual_bits(terms), abs=1e-9)
    assert zero.scale == min(by_scale, key=by_scale.get)
    assert zero.points == 5 and zero.sumsq == 11  # what the prediction sums the scales with


def test_noisy_finders_wrap_every_finder_and_replace_the_engine_finder():
    wrapped = noisy_finders(FINDERS)
    assert len(wrapped) == len(FINDERS) and "find_fitted" in [f.__name__ for f in wrapped]
    found = wrapped[0]([1, 2, 3], 0, Budget(1.0, 4, 2**30))  # the lookup, as an exact fit
    assert isinstance(found[0], Fitted) and found[0].scale == 0


# ---------------------------------------------------------------- the search


@pytest.mark.parametrize("terms", [[0, 1, 1, 2, 3, 5, 8, 13, 21, 34],
                                   [1, 4, 9, 16, 25, 36, 49, 64],
                                   [1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862]])
def test_exact_data_keeps_its_pick_and_ranking(terms):
    exact = search(terms, max_size=6, time_limit=60.0)
    noisy = search(terms, max_size=6, time_limit=60.0, noise=True)
    assert noisy.best.display() == exact.best.display()
    assert math.isclose(noisy.best.bits, exact.best.bits + EXACT_SHIFT)
    fits = [p for p in noisy.programs if p.scale == 0 and p.kind == "plain"]
    assert [p.source for p in fits[:5]] == [p.source for p in exact.programs[:5]]
    assert noisy.predict(2)[0].value == exact.predict(2)[0].value


def test_a_noisy_line_is_found_with_its_constants():
    rng = np.random.default_rng(1)
    terms = [int(7 + 12 * n + round(v)) for n, v in enumerate(rng.normal(0, 2, 20))]
    r = search(terms, max_size=5, time_limit=60.0, noise=True)
    assert r.best.terms(20, 23) == [7 + 12 * n for n in range(20, 23)]
    assert r.best.scale > 0 and r.best.residual_bits > EXACT_BITS
    assert search(terms, max_size=5, time_limit=60.0).best.form == "lookup"  # exact: nothing


def test_noise_argument_is_checked():
    with pytest.raises(TypeError, match="noise"):
        search([1, 2, 3], noise="yes")


def test_find_fitted_reports_its_work_in_the_budget():
    budget = Budget(60.0, 4, 2**30)
    progs = find_fitted([5, 3, 8, 1, 9, 2, 7], 0, budget)
    assert budget.stats.candidates > 0 and budget.stats.max_size == 4
    assert all(isinstance(p, Fitted) for p in progs)


# ---------------------------------------------------------------- predictions


def test_noisy_votes_follow_the_residual_code():
    sd1 = Fitted(Formula(Const(7)), 0, 1, 10.0, 20.0, 9)  # sigma 1
    exact = Fitted.exact(Formula(Const(9)))
    votes = spread_votes([sd1, exact], 0, 1)[0][1]
    w = [2.0 ** -(p.bits - min(sd1.bits, exact.bits)) for p in (sd1, exact)]
    p7 = w[0] * 2 ** -float(progsearch.noise.point_bits(0, 9)) / sum(w)
    p9 = (w[0] * 2 ** -float(progsearch.noise.point_bits(2, 9)) + w[1]) / sum(w)
    assert dict(votes) == pytest.approx({7: p7, 9: p9})
    assert sum(p for _, p in votes) <= 1


TERMS = [12, 7, 9, 15, 10, 8, 11, 14]


def direct_votes(noisy, exact, shifts):
    """The mixture of a noisy constant (10) and an exact program (13) at the next index, written
    out: every scale s and every constant 10 + d (d in ``shifts``) is a description."""
    length = {(d, s): int_bits(10 + d) - int_bits(10) + count_bits(s)
              + sum(ref_point_bits(t - 10 - d, s) for t in TERMS)
              for d in shifts for s in range(1, S_MAX + 1)}
    low = min(length.values())
    mass = {key: 2.0 ** (low - b) for key, b in length.items()}
    w_noisy = 2.0 ** -(noisy.program_bits + low) * sum(mass.values())
    w_exact = 2.0 ** -exact.bits

    def q(v):  # the code's predictive: each description weighed by its length
        return sum(m * 2.0 ** -ref_point_bits(v - 10 - d, s)
                   for (d, s), m in mass.items()) / sum(mass.values())

    return {v: (w_noisy * q(v) + w_exact * (v == 13)) / (w_noisy + w_exact) for v in (10, 13)}


def test_noisy_votes_sum_the_residual_code_over_every_scale_and_constant():
    noisy = next(m for m in constants(TERMS, 0) if m.terms(0, 1) == [10])
    exact = Fitted.exact(Formula(Const(13)))
    votes = dict(spread_votes([noisy, exact], 8, 1)[0][1])
    assert votes == pytest.approx(direct_votes(noisy, exact, range(-40, 41)), rel=1e-6)
    scales = dict(spread_votes([noisy, exact], 8, 1, predictive="scales")[0][1])
    assert scales == pytest.approx(direct_votes(noisy, exact, [0]), rel=1e-9)
    best = dict(spread_votes([noisy, exact], 8, 1, predictive="best")[0][1])  # as before
    w_best, w_exact = 2.0 ** -noisy.bits, 2.0 ** -exact.bits
    p_best = 2.0 ** -ref_point_bits(0, noisy.scale)
    assert best[10] == pytest.approx(w_best * p_best / (w_best + w_exact), rel=1e-9)
    alone = {how: dict(spread_votes([noisy], 8, 1, predictive=how)[0][1])[10]
             for how in ("scales+constant", "scales", "best")}
    assert alone["scales+constant"] < alone["scales"] < alone["best"]  # each sum widens it
    with pytest.raises(ValueError, match="predictive"):
        spread_votes([noisy], 8, 1, predictive="all")
    for how in ("scales+constant", "scales", "best"):  # an exact program claims its value fully
        assert spread_votes([exact], 8, 1, predictive=how)[0][1] == ((13, 1.0),)


def test_a_wide_constant_is_summed_on_a_grid_as_well_as_over_every_integer():
    wide = [2000 + 7 * v for v in (31, -52, 8, 117, -140, 66, -9, 40, -83, 25, 98, -61)]  # sd ~500
    model = constants(wide, 0)[1]  # the mean, rounded down
    c = model.terms(0, 1)[0]
    sp = spread(model)
    assert sp.shifts[1] - sp.shifts[0] > 1  # sigma / sqrt(12) ~ 150: a grid, not every integer
    d = np.arange(-6000, 6001)[:, None]  # every integer within 40 sigma / sqrt(12) of c
    scales = range(1, 140)  # up to sigma 6e7: every scale with weight
    sig = np.array([ref_sigma(s) for s in scales])[None, :]
    log2z = np.log2([REF_Z[s] for s in scales])[None, :]
    ints = np.array([int_bits(c + k) for k in range(-6000, 6001)])[:, None]
    resid = np.array(wide)[None, None, :] - c - d[:, :, None]
    length = (ints + np.array([count_bits(s) for s in scales])[None, :]
              + len(wide) * log2z + (resid ** 2).sum(axis=2) / (2 * sig**2) / math.log(2))
    w = np.exp2(length.min() - length)
    for r in (0, 150, -400, 900):
        direct = (w * np.exp2(-(log2z + (r - d) ** 2 / (2 * sig**2) / math.log(2)))).sum() / w.sum()
        assert sp.claims([r])[0] == pytest.approx(direct, rel=2e-5)  # measured: 1e-5


def test_constants_that_differ_only_in_their_value_are_summed_once():
    family = constants(TERMS, 0)  # 0, 10 and 11: one family once the constant is summed over
    alone = dict(spread_votes(family[1:2], 8, 1)[0][1])
    together = dict(spread_votes(family, 8, 1)[0][1])
    assert together[10] == pytest.approx(alone[10]) and len(family) >= 3


def pure_noise(count, seed=12):
    """Gaussian noise around a random level, sd log-uniform in [1, 1000], 15 terms each."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        mu, sigma = int(rng.integers(-1000, 1001)), math.exp(rng.uniform(0, math.log(1000)))
        yield mu, sigma, [int(round(v)) for v in rng.normal(mu, sigma, 15)]


def cell(v, mu, sigma):
    """P(round(X) == v) for X ~ N(mu, sigma)."""
    cdf = lambda x: 0.5 * (1 + math.erf((x - mu) / (sigma * math.sqrt(2))))  # noqa: E731
    return cdf(v + 0.5) - cdf(v - 0.5)


def chance(mu, sigma):
    """The most likely value's probability under the generating distribution."""
    return max(cell(v, mu, sigma) for v in range(mu - 2, mu + 3))


def is_constant(prog: Program, n: int) -> bool:
    return prog.form == "lookup" or len(set(prog.terms(0, n + 10))) == 1


def test_pure_noise_ends_at_a_constant_or_the_lookup_and_claims_about_chance():
    kinds, ratios, claimed, true = [], [], [], []
    for mu, sigma, terms in pure_noise(100):
        r = search(terms, max_size=5, time_limit=60.0, noise=True)
        kinds.append(is_constant(r.best, len(terms)))
        guess = r.predict(1)[0]
        ratios.append(guess.p / chance(mu, sigma))
        claimed.append(guess.p)
        true.append(cell(guess.value, mu, sigma))
    assert sum(kinds) >= 95
    assert np.mean(ratios) <= 1.0  # on average no more than chance (measured: 0.969)
    assert max(ratios) <= 1.6  # and never far above it: the scale is learnt from 15 terms (1.528)
    # calibration: the claimed p against the predicted value's true probability (0.0489, 0.0471)
    assert 0.95 * np.mean(true) <= np.mean(claimed) <= 1.06 * np.mean(true)


def test_a_search_stopped_by_time_still_scores_the_formulas_it_grew():
    from progsearch.budget import Budget
    from progsearch.noise.finders import find_fitted

    line = [4, 3, 5, 9, 13, 14, 14, 16, 18, 20, 23, 26]  # about 2n + 3, with noise
    budget = Budget(60.0, 8, 2**31)
    budget.deadline = budget.start  # the finders' time is up; the results' time is not
    found = find_fitted(line, 0, budget)
    fits = [p for p in found if getattr(p, "kind", "") == "affine"]
    assert fits and min(fits, key=lambda p: p.bits).c1 == 2
    assert budget.stats.stopped_by == "time_limit"
