"""Issue 13: the estimator in ordinary cross-validation (KFold), and program_ is what predicts."""

import warnings

import numpy as np
import pytest
from sklearn.model_selection import KFold, cross_val_score

from progsearch.estimator import ProgramSearchRegressor

N = 20
X = np.arange(N).reshape(-1, 1)


def _fibonacci(n: int) -> list[int]:
    out = [0, 1]
    while len(out) < n:
        out.append(out[-1] + out[-2])
    return out[:n]


def _primes(n: int) -> list[int]:
    out, k = [], 2
    while len(out) < n:
        if all(k % p for p in out if p * p <= k):
            out.append(k)
        k += 1
    return out


SEQUENCES = {"fibonacci": _fibonacci(N), "primes": _primes(N),
             "squares": [n * n for n in range(N)]}


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_kfold_cross_val_score_is_finite_without_a_warning(name):
    # the complaint: KFold's first folds ask for terms before the training run -> NaN + warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = cross_val_score(ProgramSearchRegressor(), X, np.array(SEQUENCES[name]),
                                 cv=KFold(5))
    assert scores.shape == (5,) and np.all(np.isfinite(scores))


def test_the_first_kfold_fold_uses_the_documented_fallback():
    y = SEQUENCES["fibonacci"]
    est = ProgramSearchRegressor(time_limit=0.5).fit(X[4:], y[4:])
    assert est.program_.form == "loop"  # starts at n=4: no value before
    assert est.fallback(X[:4]) == [True] * 4
    assert est.predict_int(X[:4]) == [y[4]] * 4  # the nearest training term


def test_program_is_what_predict_uses():
    # the complaint: fitted on 4 primes, program_ was the lookup, predict used a longer program
    est = ProgramSearchRegressor(time_limit=0.5).fit(X[:4], [2, 3, 5, 7])
    assert est.program_.predicts or len(est.programs_) == 1
    far = np.arange(4, 12).reshape(-1, 1)
    used = [v for v, fb in zip(est.predict_int(far), est.fallback(far)) if not fb]
    own = [est.program_.terms(int(n), int(n) + 1)[0] for n, fb in zip(far[:, 0],
                                                                       est.fallback(far)) if not fb]
    assert used == own and used  # every non-fallback value is program_'s own


# ---------------------------------------------------------------- noisy data (issue 12)

NOISY = np.array([3 * n + 7 + round(e) for n, e in enumerate(np.random.default_rng(3).normal(
    0, 2, 30))])  # a line with Gaussian noise, sd 2, rounded
X30 = np.arange(30).reshape(-1, 1)


def test_noise_is_a_parameter_that_get_params_set_params_and_clone_carry():
    from sklearn.base import clone

    est = ProgramSearchRegressor(max_size=5)
    assert est.get_params()["noise"] is False
    assert est.set_params(noise=True).get_params()["noise"] is True
    assert clone(est).noise is True and clone(est).max_size == 5


def test_noisy_cross_validation_finds_the_line_where_the_exact_search_cannot():
    cv = KFold(5)
    noisy = cross_val_score(ProgramSearchRegressor(noise=True, max_size=5), X30, NOISY, cv=cv)
    exact = cross_val_score(ProgramSearchRegressor(max_size=5), X30, NOISY, cv=cv)
    assert np.all(np.isfinite(noisy)) and noisy.mean() > 0.8  # R**2 on 6 held-out terms a fold
    assert exact.mean() < 0.5  # exact: no program reproduces noisy terms, the fallback predicts
    est = ProgramSearchRegressor(noise=True, max_size=5).fit(X30, NOISY)
    assert est.predict_int([[40], [41]]) == [127, 130]  # 3n + 7, beyond the training terms
    assert est.program_.residual_bits > 1  # a two-part description, not an exact fit


def test_grid_search_over_noise_prefers_the_noisy_search_on_noisy_data():
    from sklearn.model_selection import GridSearchCV

    grid = GridSearchCV(ProgramSearchRegressor(max_size=4), {"noise": [False, True]}, cv=KFold(3))
    assert grid.fit(X30, NOISY).best_params_ == {"noise": True}
