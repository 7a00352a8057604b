"""Tests for the weight-decay baseline: against a closed-form oracle, and its claimed trends."""

import itertools
import math

import numpy as np
import pytest

from progsearch.length import count_bits, int_bits
from progsearch.ridge import (
    ALPHAS,
    WEIGHT_STEP,
    RidgeFit,
    best_ridge,
    fit_ridge,
    ridge_sweep,
    weight_bits_of,
)

SQUARES = [n * n for n in range(12)]
FIBONACCI = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]
PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
SIGNS = [(-1) ** n * n for n in range(10)]
SEQUENCES = [SQUARES, FIBONACCI, PRIMES, SIGNS]


def noisy_quadratic(seed: int, n_terms: int = 15, sigma: float = 20.0) -> list[int]:
    """n*n + 3*n + 5 plus rounded Gaussian noise: a typical noisy training sequence."""
    noise = np.random.default_rng(seed).normal(0.0, sigma, n_terms)
    return [round(n * n + 3 * n + 5 + e) for n, e in enumerate(noise)]


def oracle_weights(terms: list[int], degree: int, alpha: float) -> tuple[np.ndarray, float]:
    """Closed-form ridge on centred features: w = inv(Xc^T Xc + alpha I) Xc^T yc."""
    x = np.arange(len(terms)) / (len(terms) - 1)
    y = np.array(terms, dtype=float) / max(1, max(abs(v) for v in terms))
    features = np.column_stack([x**k for k in range(1, degree + 1)])
    xc, yc = features - features.mean(0), y - y.mean()
    w = np.linalg.solve(xc.T @ xc + alpha * np.eye(degree), xc.T @ yc)
    return w, float(y.mean() - features.mean(0) @ w)


@pytest.mark.parametrize("degree,alpha", [(1, 0.5), (2, 1e-3), (3, 1.0), (5, 100.0)])
def test_fit_matches_closed_form_oracle(degree, alpha):
    fit = fit_ridge(PRIMES, degree=degree, alpha=alpha)
    w, b = oracle_weights(PRIMES, degree, alpha)
    assert np.allclose(fit.weights, w, atol=1e-8)
    assert math.isclose(fit.intercept, b, abs_tol=1e-8)
    assert math.isclose(fit.weight_norm, float(np.linalg.norm(w)), abs_tol=1e-8)


def test_plain_least_squares_recovers_a_polynomial_and_extrapolates_it():
    cubic = [n**3 - 2 * n + 7 for n in range(8)]
    fit = fit_ridge(cubic, degree=3, alpha=0.0)
    assert fit.predict_int(range(8, 20)) == [n**3 - 2 * n + 7 for n in range(8, 20)]
    assert fit.train_error < 1e-9


def test_offset_shifts_the_index_and_nothing_else():
    at_zero = fit_ridge(PRIMES, degree=2, alpha=0.1)
    at_five = fit_ridge(PRIMES, offset=5, degree=2, alpha=0.1)
    assert at_five.weights == at_zero.weights
    assert np.array_equal(at_five.predict(range(5, 20)), at_zero.predict(range(15)))


def test_scaled_target_makes_alpha_independent_of_units():
    small = fit_ridge(PRIMES, degree=3, alpha=0.01)
    big = fit_ridge([1000 * v for v in PRIMES], degree=3, alpha=0.01)
    assert np.allclose(small.weights, big.weights)
    assert np.allclose(1000 * small.predict(range(20)), big.predict(range(20)))


@pytest.mark.parametrize("terms", SEQUENCES)
@pytest.mark.parametrize("degree", [1, 3, 5, 8])
def test_weight_norm_never_grows_with_alpha(terms, degree):
    norms = [fit_ridge(terms, degree=degree, alpha=a).weight_norm for a in ALPHAS + (1e4,)]
    assert all(later <= earlier * (1 + 1e-9) for earlier, later in itertools.pairwise(norms))
    assert norms[-1] < norms[0]


@pytest.mark.parametrize("terms", SEQUENCES)
def test_training_error_never_falls_with_alpha(terms):
    errors = [fit_ridge(terms, degree=3, alpha=a).train_error for a in ALPHAS]
    assert all(later >= earlier - 1e-9 for earlier, later in itertools.pairwise(errors))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("degree", [3, 5, 8])
def test_strong_decay_writes_fewer_bits_than_none(seed, degree):
    fits = [fit_ridge(noisy_quadratic(seed), degree=degree, alpha=a) for a in ALPHAS]
    assert fits[-1].weight_bits < min(fits[0].weight_bits, fits[1].weight_bits)


@pytest.mark.parametrize("terms", SEQUENCES)
def test_bits_are_bounded_by_a_function_of_the_norm_that_falls_with_alpha(terms):
    # each |w_i| <= |w|, and int_bits grows with |v|, so bits <= deg + d * int_bits(|w| / q + 1)
    for alpha in ALPHAS:
        fit = fit_ridge(terms, degree=5, alpha=alpha)
        bound = count_bits(5) + 5 * int_bits(math.ceil(fit.weight_norm / WEIGHT_STEP) + 1)
        assert fit.weight_bits <= bound


def test_bits_can_rise_with_alpha_because_decay_spreads_one_weight_over_many():
    # x**2 exactly: least squares uses one weight; ridge shares it among x, x**2, x**3
    plain, decayed = (fit_ridge(SQUARES, degree=3, alpha=a) for a in (0.0, 1.0))
    assert decayed.weight_norm < plain.weight_norm
    assert decayed.weight_bits > plain.weight_bits


def test_huge_alpha_rounds_every_weight_to_zero():
    fit = fit_ridge(PRIMES, degree=4, alpha=1e9)
    assert fit.weight_bits == count_bits(4) + 4 * int_bits(0)
    assert math.isclose(fit.predict([100])[0], np.mean(PRIMES), rel_tol=1e-4)


def test_weight_bits_of_writes_each_quantized_weight():
    assert weight_bits_of([0.5, -0.25]) == count_bits(2) + int_bits(512) + int_bits(-256)
    assert weight_bits_of([0.0004]) == count_bits(1) + int_bits(0)  # below half a step


def test_terms_beyond_int64_are_fitted_in_scaled_units():
    step = 2**80
    fit = fit_ridge([step * n + 3 for n in range(6)], degree=1, alpha=0.0)
    predicted = fit.predict_int([10])[0]
    assert abs(predicted - (10 * step + 3)) < 1e-9 * 10 * step
    assert isinstance(predicted, int)


def test_terms_too_big_for_a_float_are_refused():
    with pytest.raises(ValueError, match="train"):
        fit_ridge([1, 2**1100], degree=1)


def test_predict_int_flags_predictions_that_are_not_finite():
    fit = fit_ridge(SQUARES, degree=2, alpha=0.0)
    with pytest.warns(RuntimeWarning, match="1 of 2 predictions .* not finite"):
        values = fit.predict_int([3, 10**400])
    assert values == [9, 0]


def test_rmse_against_hand_computed_errors():
    fit = fit_ridge([0, 2, 4, 6], degree=1, alpha=0.0)  # predicts 2n
    assert math.isclose(fit.rmse([8, 13, 12], start=4), math.sqrt((0 + 9 + 0) / 3))


def test_sweep_covers_every_degree_and_alpha_in_order():
    fits = ridge_sweep(PRIMES, degrees=(2, 4), alphas=(1.0, 0.0))
    assert [(f.degree, f.alpha) for f in fits] == [(2, 1.0), (2, 0.0), (4, 1.0), (4, 0.0)]


def test_best_ridge_picks_the_winner_on_the_last_training_terms_then_refits():
    train = noisy_quadratic(3)
    head, tail = train[:-3], train[-3:]
    scores = {
        (f.degree, f.alpha): f.rmse(tail, start=len(head))
        for f in ridge_sweep(head, degrees=(1, 2, 3, 5), alphas=ALPHAS)
    }
    best = best_ridge(train, degrees=(1, 2, 3, 5), alphas=ALPHAS, holdout=3)
    assert scores[(best.degree, best.alpha)] == min(scores.values())
    assert best.n_train == len(train)
    assert best == fit_ridge(train, degree=best.degree, alpha=best.alpha)


def test_best_ridge_extrapolates_an_exact_cubic():
    cubic = [2 * n**3 - n + 1 for n in range(10)]
    assert best_ridge(cubic).predict_int(range(10, 14)) == [2 * n**3 - n + 1 for n in range(10, 14)]


def test_fits_are_deterministic_and_print_readably():
    assert fit_ridge(FIBONACCI, degree=5, alpha=0.01) == fit_ridge(FIBONACCI, degree=5, alpha=0.01)
    fit = fit_ridge(FIBONACCI, degree=3, alpha=0.01)
    assert fit.name == "ridge d=3 alpha=0.01"
    assert repr(fit).startswith("RidgeFit(ridge d=3 alpha=0.01, weight_norm=")
    assert isinstance(fit, RidgeFit)


@pytest.mark.parametrize(
    "train,error,match",
    [
        ([5], ValueError, "train must have at least 2 terms"),
        ([], ValueError, "train must have at least 2 terms"),
        ([1, 2.0, 3], TypeError, "train must contain only integers"),
        ([1, float("nan")], TypeError, "train must contain only integers"),
        ([1, True, 3], TypeError, "train must contain only integers"),
        ("123", TypeError, "train must be a sequence of integers"),
        (7, TypeError, "train must be a sequence of integers"),
    ],
)
def test_bad_train_is_refused_with_its_name(train, error, match):
    with pytest.raises(error, match=match):
        fit_ridge(train)


def test_numpy_integers_are_accepted():
    assert fit_ridge(np.arange(5) * 2, degree=1, alpha=0.0).predict_int([5]) == [10]


@pytest.mark.parametrize(
    "kwargs,error,match",
    [
        ({"degree": 0}, ValueError, "degree must be at least 1"),
        ({"degree": 2.0}, TypeError, "degree must be an integer"),
        ({"degree": True}, TypeError, "degree must be an integer"),
        ({"alpha": -1.0}, ValueError, "alpha must be finite and at least 0"),
        ({"alpha": float("nan")}, ValueError, "alpha must be finite"),
        ({"alpha": float("inf")}, ValueError, "alpha must be finite"),
        ({"alpha": "1"}, TypeError, "alpha must be a real number"),
        ({"offset": 1.5}, TypeError, "offset must be an integer"),
    ],
)
def test_bad_arguments_are_refused_with_their_names(kwargs, error, match):
    with pytest.raises(error, match=match):
        fit_ridge(PRIMES, **kwargs)


@pytest.mark.parametrize(
    "kwargs,error,match",
    [
        ({"holdout": 0}, ValueError, "holdout must be at least 1"),
        ({"holdout": 11}, ValueError, "holdout must leave at least 2"),
        ({"holdout": 2.5}, TypeError, "holdout must be an integer"),
        ({"degrees": ()}, ValueError, "degrees must not be empty"),
        ({"alphas": []}, ValueError, "alphas must not be empty"),
    ],
)
def test_bad_selection_arguments_are_refused_with_their_names(kwargs, error, match):
    with pytest.raises(error, match=match):
        best_ridge(PRIMES, **kwargs)


def test_bad_indices_are_refused_with_their_name():
    fit = fit_ridge(PRIMES, degree=1)
    with pytest.raises(TypeError, match="indices must"):
        fit.predict(3)
    with pytest.raises(TypeError, match="indices must contain only integers"):
        fit.predict([1.5])
