"""The bee demo: weight decay forgets a feature seen once per epoch and keeps a frequent one."""

from __future__ import annotations

import numpy as np
import pytest
from progsearch.demos import bee
from progsearch.demos.bee import BEE, EYES, FEATURES, BeeResult, run

from progsearch import bee as lib


@pytest.fixture(scope="module")
def result() -> BeeResult:
    return run()


def test_bee_is_in_one_training_picture_seen_once_per_epoch(result: BeeResult) -> None:
    assert result.present[:, BEE].max() == 1
    visits = np.array(result.bee_visits)
    assert len(visits) == result.epochs
    assert np.array_equal((visits - 1) // result.per_epoch, np.arange(result.epochs))


def test_with_decay_bee_weight_ends_below_a_tenth_of_its_peak(result: BeeResult) -> None:
    assert result.bee_peak > 0
    assert result.w_decay[-1, BEE] < 0.1 * result.bee_peak


def test_with_decay_eye_weight_stays_positive_and_large(result: BeeResult) -> None:
    eye = result.w_decay[:, EYES]
    assert eye[-1] > 0.5 * eye.max()
    assert eye[-1] > 3 * result.bee_peak  # far above anything the bee ever reached


def test_without_decay_bee_weight_stays_near_its_peak(result: BeeResult) -> None:
    bee_plain = result.w_plain[:, BEE]
    assert bee_plain[-1] > 0.5 * bee_plain.max()
    quiet = result.present[:, BEE] == 0  # zero gradient and no decay: not a bit changes
    assert np.array_equal(bee_plain[1:][quiet], bee_plain[:-1][quiet])


def test_bee_weight_shrinks_by_exactly_one_minus_lr_lambda_between_visits(
    result: BeeResult,
) -> None:
    ratios = result.measured_ratios()
    assert len(ratios) > result.steps // 2
    np.testing.assert_allclose(ratios, 1 - result.lr * result.lam, rtol=0, atol=1e-12)


def test_decay_is_more_accurate_on_dogs_with_a_bee(result: BeeResult) -> None:
    with_decay, without = result.acc_bee_dogs
    assert with_decay > without


def test_one_sgd_step_is_minus_lr_times_the_log_loss_gradient() -> None:
    """Check the update against a finite-difference gradient of the mean log loss."""
    rng = np.random.default_rng(1)
    x, y = lib.sample_pictures(rng, FEATURES, 5, 5)
    batch = np.arange(10)
    lr, lam = 0.5, 0.0

    def loss(w: np.ndarray) -> float:
        p = lib.sigmoid(x @ w)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    h, zero = 1e-6, np.zeros(x.shape[1])
    numeric = np.array([(loss(zero + h * e) - loss(zero - h * e)) / (2 * h) for e in np.eye(7)])
    step = lib.train(x, y, [batch], lr, lam)[1]
    np.testing.assert_allclose(step, -lr * numeric, atol=1e-8)


def test_report_is_stable_and_fits_in_100_columns() -> None:
    text = bee.report(run())
    assert text == bee.report(run())
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.splitlines()[0] == "Weight decay forgets the bee"


def test_report_prints_the_runs_numbers(result: BeeResult) -> None:
    text = bee.report(result)
    assert f"peaked at {result.bee_peak:.5f} after batch {result.bee_peak_step}" in text
    assert f"predicted: 1 - lr*lambda = {result.factor:g}" in " ".join(text.split())


def test_repr_summarises_the_run(result: BeeResult) -> None:
    assert repr(result).startswith("BeeResult(seed=0, steps=2000, bee weight peak")


def test_main_prints_the_report_and_returns_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert bee.main() == 0
    assert capsys.readouterr().out == bee.report(run()) + "\n"


def test_minibatches_cover_every_picture_once_per_epoch() -> None:
    batches = lib.minibatches(np.random.default_rng(3), 10, 4, 3)
    assert [len(b) for b in batches] == [4, 4, 2] * 3
    for epoch in range(3):
        seen = np.concatenate(batches[3 * epoch : 3 * epoch + 3])
        assert sorted(seen.tolist()) == list(range(10))


def test_sampled_pictures_follow_the_feature_probabilities() -> None:
    x, y = lib.sample_pictures(np.random.default_rng(4), FEATURES, 4000, 4000)
    for j, (_, p_cat, p_dog) in enumerate(FEATURES):
        assert abs(x[y == 1, j].mean() - p_cat) < 0.03
        assert abs(x[y == 0, j].mean() - p_dog) < 0.03
