"""Weight decay on a tiny classifier, recorded batch by batch: the machinery of the bee demo.

Logistic regression without a separate bias, trained by mini-batch SGD on 0/1 features, with
L2 weight decay on every weight.  One step on a batch ``(X, y)`` of B pictures:

    grad = X^T (sigmoid(X w) - y) / B       the average log-loss gradient
    w   <- w - lr * (grad + lambda * w)     = (1 - lr*lambda) * w - lr * grad

A feature absent from every picture of the batch has a zero column in X, so its gradient is
exactly 0 and only the decay acts: its weight is multiplied by ``1 - lr*lambda``.
:class:`BeeResult` holds the weights after every batch, with and without decay, and tells the
story of one feature seen in a single training picture (the bee).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Features = Sequence[tuple[str, float, float]]  # like [("cat eyes", 0.9, 0.1)]: P(| cat), P(| dog)


def sample_pictures(rng: np.random.Generator, features: Features, n_cats: int,
                    n_dogs: int) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n_cats`` cat rows then ``n_dogs`` dog rows of 0/1 features; label 1 = cat.

    >>> x, y = sample_pictures(np.random.default_rng(0), [("a", 1.0, 0.0), ("b", 0.0, 0.0)], 2, 1)
    >>> x.tolist(), y.tolist()
    ([[1.0, 0.0], [1.0, 0.0], [0.0, 0.0]], [1.0, 1.0, 0.0])
    """
    p_cat = np.array([pc for _, pc, _ in features])
    p_dog = np.array([pd for _, _, pd in features])
    cats = rng.random((n_cats, len(features))) < p_cat
    dogs = rng.random((n_dogs, len(features))) < p_dog
    x = np.vstack([cats, dogs]).astype(float)
    return x, np.concatenate([np.ones(n_cats), np.zeros(n_dogs)])


def minibatches(rng: np.random.Generator, n: int, size: int, epochs: int) -> list[np.ndarray]:
    """Index arrays of ``size`` rows (the last of an epoch may be shorter), a new order per epoch.

    >>> [b.tolist() for b in minibatches(np.random.default_rng(0), 3, 2, 2)]
    [[2, 0], [1], [2, 1], [0]]
    """
    return [order[i : i + size]
            for order in (rng.permutation(n) for _ in range(epochs))
            for i in range(0, n, size)]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-z))``.

    >>> sigmoid(np.array([0.0, 100.0])).tolist()
    [0.5, 1.0]
    """
    return 1.0 / (1.0 + np.exp(-z))


def decay_factor(lr: float, lam: float) -> float:
    """What one batch does to a weight whose gradient is zero: multiply it by ``1 - lr*lam``.

    >>> decay_factor(1.0, 0.15)
    0.85
    """
    return 1.0 - lr * lam


def train(x: np.ndarray, y: np.ndarray, batches: Sequence[np.ndarray], lr: float,
          lam: float) -> np.ndarray:
    """SGD from zero over ``batches`` (index arrays); row t is the weights after batch t.

    >>> x, y = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1.0, 0.0])
    >>> train(x, y, [np.array([0]), np.array([1])], lr=1.0, lam=0.5).tolist()
    [[0.0, 0.0], [0.5, 0.0], [0.25, -0.5]]

    Batch 1 pushes feature 0 up; batch 2 lacks feature 0, so decay alone halves its weight.
    """
    w = np.zeros(x.shape[1])
    weights = [w]
    for idx in batches:
        grad = x[idx].T @ (sigmoid(x[idx] @ w) - y[idx]) / len(idx)
        w = w - lr * (grad + lam * w)
        weights.append(w)
    return np.array(weights)


def accuracy(w: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """Fraction of pictures whose predicted class (cat when ``x . w > 0``) is the label.

    >>> accuracy(np.array([1.0, -1.0]), np.array([[1.0, 0.0], [1.0, 1.0]]), np.array([1.0, 1.0]))
    0.5
    """
    return float(np.mean((x @ w > 0) == (y == 1)))


@dataclass(repr=False)
class BeeResult:
    """Weights after every batch, with and without decay, and held-out accuracies.

    >>> present = np.array([[1], [0], [0]])
    >>> w = np.array([[0.0], [0.5], [0.25], [0.125]])
    >>> r = BeeResult(0, 1.0, 0.5, 1, 1, present, w, w, (1.0, 1.0), (1.0, 1.0), bee=0)
    >>> r.bee_visits, r.bee_peak, r.measured_ratios().tolist()
    ([1], 0.5, [0.5, 0.5])
    """

    seed: int
    lr: float
    lam: float
    batch: int
    epochs: int
    present: np.ndarray  # present[t - 1, j]: pictures in batch t that show feature j
    w_decay: np.ndarray  # w_decay[t, j]: weight of feature j after batch t (row 0: start)
    w_plain: np.ndarray  # the same without weight decay
    acc_ordinary: tuple[float, float]  # (with decay, without) on cats and dogs, no bee
    acc_bee_dogs: tuple[float, float]  # (with decay, without) on dogs with a bee
    bee: int = -1  # the feature seen in one training picture only: its column

    def __repr__(self) -> str:
        return (
            f"BeeResult(seed={self.seed}, steps={self.steps}, bee weight peak "
            f"{self.bee_peak:.4f} -> end {self.w_decay[-1, self.bee]:.4f} with decay, "
            f"{self.w_plain[-1, self.bee]:.3f} without; bee-dog accuracy "
            f"{self.acc_bee_dogs[0]:.3f} vs {self.acc_bee_dogs[1]:.3f})"
        )

    @property
    def steps(self) -> int:
        """Number of SGD steps (batches) taken."""
        return len(self.present)

    @property
    def per_epoch(self) -> int:
        """Batches per epoch."""
        return self.steps // self.epochs

    @property
    def factor(self) -> float:
        """The predicted multiplier on a weight whose feature is absent from a batch."""
        return decay_factor(self.lr, self.lam)

    @property
    def bee_visits(self) -> list[int]:
        """Batches (numbered from 1) that contained the bee picture."""
        return [int(t) + 1 for t in np.flatnonzero(self.present[:, self.bee])]

    @property
    def bee_peak_step(self) -> int:
        """Batch after which the decayed bee weight was largest."""
        return int(np.argmax(self.w_decay[:, self.bee]))

    @property
    def bee_peak(self) -> float:
        """Largest bee weight reached with decay."""
        return float(self.w_decay[self.bee_peak_step, self.bee])

    def measured_ratios(self) -> np.ndarray:
        """``w[t] / w[t-1]`` of the decayed bee weight on every batch without the bee."""
        before, after = self.w_decay[:-1, self.bee], self.w_decay[1:, self.bee]
        quiet = (self.present[:, self.bee] == 0) & (before != 0)
        return after[quiet] / before[quiet]
