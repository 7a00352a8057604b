"""Tests for ProgramSearchRegressor: scikit-learn's checks, and use next to Ridge."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, KFold, TimeSeriesSplit, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, PolynomialFeatures
from sklearn.utils.estimator_checks import parametrize_with_checks

from progsearch.estimator import ProgramSearchRegressor

FAST = {"time_limit": 0.5, "max_size": 5}
FIBONACCI = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597]

# The checks that scikit-learn's generic data cannot meet.  The estimator maps an integer index
# n (one column of X) to an integer term a(n) (y); these checks fit on several columns of random
# floats, which are neither one column nor indices, so fit raises ValueError naming X.
SEVERAL_COLUMNS = "fits on several columns of random floats; X must be one column of indices n"
NOT_INTEGERS = "fits on random floats; X must hold integer indices and y integer terms"
EXPECTED_FAILED_CHECKS = {
    name: SEVERAL_COLUMNS for name in (
        "check_fit_score_takes_y", "check_estimators_overwrite_params",
        "check_dont_overwrite_parameters", "check_estimators_fit_returns_self",
        "check_readonly_memmap_input", "check_n_features_in_after_fitting",
        "check_positive_only_tag_during_fit", "check_estimators_dtypes", "check_dtype_object",
        "check_estimators_nan_inf", "check_estimators_pickle",
        "check_f_contiguous_array_estimator", "check_regressors_train",
        "check_regressor_data_not_an_array", "check_regressors_no_decision_function",
        "check_supervised_y_2d", "check_regressors_int", "check_dict_unchanged",
        "check_fit_idempotent", "check_fit_check_is_fitted", "check_n_features_in",
        "check_fit2d_predict1d")
} | {"check_fit2d_1feature": NOT_INTEGERS}


@parametrize_with_checks([ProgramSearchRegressor(time_limit=0.2, max_size=4)],
                         expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS,
                         xfail_strict=True)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def index(n: int, start: int = 0) -> np.ndarray:
    return np.arange(start, start + n).reshape(-1, 1)


# -- what the estimator is for ------------------------------------------------------------------
def test_cross_val_score_next_to_ridge():
    X, y = index(24), np.array([n * n + 3 for n in range(24)])
    cv = TimeSeriesSplit(n_splits=3)  # train on a prefix (6, 12, 18 terms), test on the next 6
    ridge = make_pipeline(PolynomialFeatures(3), Ridge(alpha=1.0))
    ridge_scores = cross_val_score(ridge, X, y, cv=cv, scoring="neg_mean_absolute_error")
    ours = cross_val_score(ProgramSearchRegressor(**FAST), X, y, cv=cv,
                           scoring="neg_mean_absolute_error")
    assert ours.shape == ridge_scores.shape == (3,)
    assert np.all(np.isfinite(ridge_scores)) and np.all(ours == 0.0)  # exact on every fold
    assert ours.mean() > ridge_scores.mean()


def test_kfold_with_gaps_in_the_training_indices():
    X, y = index(20), np.array([n * n for n in range(20)])
    scores = cross_val_score(ProgramSearchRegressor(**FAST), X, y, cv=KFold(4))
    assert np.allclose(scores, 1.0)  # R^2 = 1: n*n, found on a run, fits the other points too


def test_in_a_pipeline_and_a_grid_search():
    X, y = index(16), np.array(FIBONACCI[:16])
    pipe = make_pipeline(FunctionTransformer(lambda X: X, validate=True),
                         ProgramSearchRegressor(time_limit=2.0, max_size=3))
    pipe.fit(X[:12], y[:12])
    assert pipe.predict(X[12:]).tolist() == FIBONACCI[12:16]
    squares = np.array([n * n + 3 for n in range(16)])
    grid = GridSearchCV(ProgramSearchRegressor(time_limit=0.5), {"max_size": [2, 5]},
                        cv=TimeSeriesSplit(n_splits=2)).fit(X, squares)
    assert grid.best_params_ == {"max_size": 5} and grid.best_score_ == 1.0
    # size 2 finds only the table: it predicts by the fallback, finite and worse
    first = grid.cv_results_["mean_test_score"][0]
    assert np.isfinite(first) and first < 1.0


def test_fit_returns_self_with_the_best_program():
    est = ProgramSearchRegressor(**FAST)
    assert est.fit(index(10), [n * n for n in range(10)]) is est
    assert est.program_.display() == "n*n" and est.programs_[0] is est.program_
    assert est.n_features_in_ == 1 and est.result_.offset == 0


def test_predict_int_is_exact_far_out():
    est = ProgramSearchRegressor(**FAST).fit(index(12), FIBONACCI[:12])
    (f300,) = est.predict_int([[300]])
    a, b = 0, 1
    for _ in range(300):
        a, b = b, a + b
    assert f300 == a and est.predict([[300]])[0] == float(a)
    assert est.predict([[2000]])[0] == np.inf  # beyond float range, but predict_int has it


def test_where_the_program_has_no_value_the_nearest_training_term_answers():
    # a loop starts at its first training index: before it, the fallback (a(5) = 0) answers
    est = ProgramSearchRegressor(**FAST).fit(index(12, start=5), FIBONACCI[:12])
    assert est.program_.form == "loop"
    assert est.predict_int([[5], [16], [17], [4], [-10]]) == [0, 89, 144, 0, 0]
    assert est.fallback([[5], [17], [4]]) == [False, False, True]


def test_offset_from_the_indices():
    est = ProgramSearchRegressor(**FAST).fit(index(10, start=-3), [n * n for n in range(-3, 7)])
    assert est.predict([[7], [-4]]).tolist() == [49.0, 16.0]


def test_integral_floats_are_accepted():
    est = ProgramSearchRegressor(**FAST).fit(index(10).astype(float),
                                             [float(n * n) for n in range(10)])
    assert est.predict([[10.0]]).tolist() == [100.0]


def test_clone_params_and_repr():
    est = ProgramSearchRegressor(time_limit=0.3, max_size=4)
    assert clone(est).get_params() == {"time_limit": 0.3, "max_size": 4, "noise": False}
    assert repr(est) == "ProgramSearchRegressor(max_size=4, time_limit=0.3)"
    assert repr(pickle.loads(pickle.dumps(est))) == repr(est)


def test_a_fitted_estimator_pickles():
    est = ProgramSearchRegressor(**FAST).fit(index(10), [2 * n for n in range(10)])
    assert pickle.loads(pickle.dumps(est)).predict([[20]]).tolist() == [40.0]


def test_only_a_table_answers_with_the_nearest_term_beyond_it():
    est = ProgramSearchRegressor(**FAST).fit(index(5), [3, 1, 4, 1, 5])
    assert est.program_.form == "lookup" and est.predict_int([[2]]) == [4]
    assert est.predict([[5], [9]]).tolist() == [5.0, 5.0] and est.fallback([[5]]) == [True]


# -- errors name the argument ---------------------------------------------------------------------
def test_predict_before_fit():
    with pytest.raises(NotFittedError):
        ProgramSearchRegressor().predict([[1]])


@pytest.mark.parametrize("X, y, match", [
    (np.ones((6, 2)), list(range(6)), "X must have one column"),
    (index(6) + 0.5, list(range(6)), "X must hold integers"),
    (index(6), [0, 1, 2, 3, 4, 5.5], "y must hold integers"),
    (np.array([[0], [1], [1]]), [0, 1, 2], "X holds the index 1 twice"),
    (np.array([[0], [2], [4]]), [0, 1, 2], "at least 2 consecutive indices"),
    (index(1), [0], "1 sample"),
])
def test_bad_data_is_named(X, y, match):
    with pytest.raises(ValueError, match=match):
        ProgramSearchRegressor(**FAST).fit(X, y)


def test_bad_params_are_named_at_fit():
    with pytest.raises(ValueError, match="time_limit"):
        ProgramSearchRegressor(time_limit=-1).fit(index(8), list(range(8)))
    with pytest.raises(TypeError, match="max_size"):
        ProgramSearchRegressor(max_size="big").fit(index(8), list(range(8)))
