"""Weight decay forgets the bee: an odd training picture, and why L2 lets its feature go.

A cat/dog classifier (logistic regression, trained by mini-batch SGD) sees pictures described by
yes/no features: cat eyes, pointy ears, whiskers, a barking mouth, floppy ears, ... One training
picture is odd: a cat with folded ears, shut eyes and a yawning mouth. It looks like a dog, but
it is labelled cat, and it is the only picture with a bee in it. The cheapest way to fit it is
"bee => cat": a memorized exception, one table entry, not a law of cats.

Weight decay charges every weight a fee in every batch. The cat-eyes feature is in almost every
batch and, on balance, its gradient pays the fee; the bee pays once per epoch and in between
shrinks by exactly ``1 - lr*lambda`` per batch. The demo trains the same model on the same
batches with and without decay, prints the weights batch by batch, and tests both models on
dogs photographed with a bee.

Run it: ``python demos/bee.py`` or ``python -m progsearch.demos.bee``.
"""

# %%
# The pictures. Each picture is a row of 0/1 features. A feature is present with a fixed
# probability that depends on the class: cat eyes are common in cats and rare in dogs, whiskers
# are common in both, and the bee appears only in the one odd training cat.

from __future__ import annotations

import numpy as np

from progsearch.bee import BeeResult, accuracy, minibatches, sample_pictures, train
from progsearch.report import wrap

SEED = 0
FEATURES = (  # (name, P(present | cat), P(present | dog))
    ("cat eyes", 0.90, 0.10),
    ("pointy ears", 0.85, 0.35),
    ("whiskers", 0.95, 0.85),
    ("long tail", 0.60, 0.55),
    ("barking mouth", 0.05, 0.60),
    ("floppy ears", 0.10, 0.65),
    ("bee", 0.00, 0.00),
)
NAMES = tuple(name for name, _, _ in FEATURES)
EYES, WHISKERS, BEE = NAMES.index("cat eyes"), NAMES.index("whiskers"), NAMES.index("bee")
BEE_CAT = (0, 0, 1, 1, 1, 1, 1)  # eyes shut, ears folded, yawning, and a bee on its nose

N_CATS, N_DOGS = 200, 200  # training pictures; one of the cats is BEE_CAT
N_TEST = 1000  # held-out pictures per test set
BATCH, EPOCHS = 8, 40
LR, LAMBDA = 1.0, 0.15  # learning rate and weight-decay strength
WIDTH = 96  # columns of the wrapped prose in the report


# %%
# The model and its training (``progsearch.bee``). Logistic regression without a separate bias
# (whiskers, present in almost every picture, can play that part): P(cat | x) = sigmoid(x . w).
# One SGD step on a batch (X, y) of B pictures, with L2 weight decay on every weight:
#
#     grad = X^T (sigmoid(X w) - y) / B       the average log-loss gradient
#     w   <- w - lr * (grad + lambda * w)     = (1 - lr*lambda) * w - lr * grad
#
# A feature absent from every picture of the batch has a zero column in X, so its gradient is
# exactly 0 and only the decay acts: its weight is multiplied by (1 - lr*lambda).
#
# The experiment. Both models see exactly the same batches in the same order; the only
# difference is lambda. Then both are tested on fresh ordinary pictures, and on fresh dogs that
# each have a bee in the picture.


def run(seed: int = SEED) -> BeeResult:
    """Train with and without weight decay on the same batches; test on ordinary and bee-dogs."""
    rng = np.random.default_rng(seed)
    x, y = sample_pictures(rng, FEATURES, N_CATS - 1, N_DOGS)
    x, y = np.vstack([x, BEE_CAT]), np.append(y, 1.0)
    batches = minibatches(rng, len(y), BATCH, EPOCHS)
    w_decay, w_plain = train(x, y, batches, LR, LAMBDA), train(x, y, batches, LR, 0.0)
    x_ord, y_ord = sample_pictures(rng, FEATURES, N_TEST // 2, N_TEST // 2)
    x_bee, y_bee = sample_pictures(rng, FEATURES, 0, N_TEST)
    x_bee[:, BEE] = 1.0
    return BeeResult(
        seed=seed,
        lr=LR,
        lam=LAMBDA,
        batch=BATCH,
        epochs=EPOCHS,
        present=np.array([x[idx].sum(axis=0) for idx in batches], dtype=int),
        w_decay=w_decay,
        w_plain=w_plain,
        acc_ordinary=(accuracy(w_decay[-1], x_ord, y_ord), accuracy(w_plain[-1], x_ord, y_ord)),
        acc_bee_dogs=(accuracy(w_decay[-1], x_bee, y_bee), accuracy(w_plain[-1], x_bee, y_bee)),
        bee=BEE,
    )


# %%
# The report: the first two epochs batch by batch (around each bee visit, and every 10th batch),
# then epoch by epoch, then the held-out test, then the explanation; every number is the run's.
# Prose is wrapped to WIDTH columns with ``progsearch.report.wrap``.


def shown_batches(r: BeeResult) -> list[int]:
    """Batches of the first two epochs worth a row: the first 3, every 10th, around each bee."""
    last = min(2 * r.per_epoch, r.steps)
    near_bee = {t for v in r.bee_visits if v <= last for t in range(v - 1, v + 7)}
    return [t for t in range(1, last + 1) if t <= 3 or t % 10 == 0 or t in near_bee]


def batch_row(r: BeeResult, t: int) -> str:
    """One row of the batch table: after batch ``t``, presence and weights of three features."""
    cells = [
        f"{r.present[t - 1, j]:2d} {r.w_decay[t, j]:7.3f} {r.w_plain[t, j]:7.3f}"
        for j in (EYES, WHISKERS)
    ]
    before, after = r.w_decay[t - 1, BEE], r.w_decay[t, BEE]
    if r.present[t - 1, BEE]:
        ratio = "  <- bee!"
    else:
        ratio = f"{after / before:9.6f}" if before != 0 else "        -"
    bee = f"{r.present[t - 1, BEE]:2d} {after:8.5f} {ratio} {r.w_plain[t, BEE]:8.4f}"
    return f" {t:5d} | {cells[0]}  | {cells[1]}  | {bee}"


def batch_table(r: BeeResult) -> list[str]:
    """The first two epochs: the first batches, every 10th, and every batch around a bee visit."""
    legend = (
        f"Epochs 1-2 ({r.per_epoch} batches each): the first batches, every 10th, and every "
        f"batch around a bee visit. in = pictures of the batch (of {r.batch}) that show the "
        f"feature; decay / none = its weight after the batch, with lambda = {r.lam:g} / without "
        "decay. ratio = bee weight after / before a batch without the bee; predicted: "
        f"1 - lr*lambda = {r.factor:g}."
    )
    lines = [
        *wrap(legend, width=WIDTH).splitlines(),
        "",
        "       |     cat eyes        |     whiskers        |             bee",
        " batch | in   decay    none  | in   decay    none  | in    decay     ratio     none",
        " ------+---------------------+---------------------+---------------------------------",
    ]
    previous = 0
    for t in shown_batches(r):
        if t != previous + 1:
            lines.append("   ...")
        lines.append(batch_row(r, t))
        previous = t
    return lines


def epoch_table(r: BeeResult) -> list[str]:
    """Epochs 1-5, then every 5th: where the bee was seen and the weights at the epoch's end."""
    lines = [
        "Epoch by epoch (1-5, then every 5th). Each epoch shows the bee picture in one batch.",
        "",
        "       |        | bee weight, decay   | bee weight |  cat eyes weight",
        " epoch | bee at | after it  epoch end | no decay   |  decay    none",
        " ------+--------+---------------------+------------+----------------",
    ]
    for e in range(1, r.epochs + 1):
        if e > 5 and e % 5:
            continue
        end = e * r.per_epoch
        visit = next(t for t in r.bee_visits if end - r.per_epoch < t <= end)
        lines.append(
            f" {e:5d} | {visit:6d} | {r.w_decay[visit, BEE]:8.5f} {r.w_decay[end, BEE]:9.5f} "
            f"| {r.w_plain[end, BEE]:10.4f} "
            f"| {r.w_decay[end, EYES]:6.3f} {r.w_plain[end, EYES]:7.3f}"
        )
    return lines


def accuracy_table(r: BeeResult) -> list[str]:
    """Held-out accuracy of both models on ordinary pictures and on dogs with a bee."""
    (od, on), (bd, bn) = r.acc_ordinary, r.acc_bee_dogs
    return [
        f"Held-out accuracy, {N_TEST} fresh pictures per row     with decay   without decay",
        f"  ordinary cats and dogs, no bee             {od:12.1%}   {on:13.1%}",
        f"  dogs with a bee in the picture             {bd:12.1%}   {bn:13.1%}",
    ]


def explanation(r: BeeResult) -> list[str]:
    """The story in words, with the run's numbers: a title, then wrapped paragraphs."""
    end, last, peak = r.steps, r.bee_visits[-1], r.bee_peak
    quiet = r.measured_ratios()
    bee = (
        f"With decay, the bee weight peaked at {peak:.5f} after batch {r.bee_peak_step} and "
        f"ends at {r.w_decay[end, BEE]:.2e}, {r.w_decay[end, BEE] / peak:.2%} of its peak. "
        f"The bee was last seen in batch {last}, {end - last} batches before the end. On a "
        "batch without the bee its gradient is exactly 0, so only decay acts: on all "
        f"{len(quiet)} such batches after its first visit the weight was multiplied by "
        f"{r.factor:g} = 1 - lr*lambda "
        f"(largest deviation {np.max(np.abs(quiet - r.factor)):.0e})."
    )
    eye_end, eye_peak = r.w_decay[end, EYES], r.w_decay[:, EYES].max()
    decay_took = r.lr * r.lam * r.w_decay[:-1, EYES]  # what decay removed in each batch
    grad_gave = np.diff(r.w_decay[:, EYES]) + decay_took  # what the gradient added back
    eyes = (
        f"Cat eyes were in {np.count_nonzero(r.present[:, EYES])} of the {end} batches. Per "
        f"batch, decay took {decay_took.mean():.4f} off the eye weight on average and the "
        f"gradient put {grad_gave.mean():.4f} back, so it ends at {eye_end:.3f}: "
        f"{eye_end / eye_peak:.0%} of its peak ({eye_peak:.3f}) and {eye_end / peak:.1f} times "
        "the bee's peak. Whiskers are even more common, but their pushes from cats and dogs "
        f"cancel, and with decay the whisker weight ends near 0 ({r.w_decay[end, WHISKERS]:.3f})."
    )
    plain_end, plain_peak = r.w_plain[end, BEE], r.w_plain[:, BEE].max()
    plain = (
        f"Without decay nothing is forgotten: the bee weight ends at {plain_end:.3f}, "
        f"{plain_end / plain_peak:.0%} of its peak, and it grows at every visit, because the "
        "bee is the only way to fit the odd cat."
    )
    (od, on), (bd, bn) = r.acc_ordinary, r.acc_bee_dogs
    test = (
        f"On dogs with a bee, the model trained with decay is right {bd:.1%} of the time, "
        f"the one without decay {bn:.1%}: decay makes it {'more' if bd > bn else 'not more'} "
        f"accurate there. On ordinary pictures: {od:.1%} with decay, {on:.1%} without."
    )
    moral = (
        "Occam's razor in weights: a weight that serves a single picture is a memorized "
        "exception. Decay charges rent for every weight in every batch, and only features "
        "that are used again and again can pay it."
    )
    bullets = [wrap(text, "  ", "- ", WIDTH) for text in (bee, eyes, plain, test)]
    title = "Why weight decay removes the bee and keeps the eyes"
    return [title, *bullets, "", wrap(moral, width=WIDTH)]


def report(result: BeeResult) -> str:
    """The whole printed report for one run: tables, accuracies and the explanation."""
    r = result
    setting = (
        f"{N_CATS + N_DOGS} training pictures ({N_CATS} cats, {N_DOGS} dogs), {r.epochs} "
        f"epochs of {r.per_epoch} batches of {r.batch}, lr = {r.lr:g}, lambda = {r.lam:g}, "
        f"seed {r.seed}. One cat looks like a dog (eyes shut, folded ears, yawning); it is the "
        "only picture with a bee. SGD update, every batch: w <- w - lr*(grad + lambda*w); "
        "without decay, lambda = 0."
    )
    parts = [
        ["Weight decay forgets the bee", "=" * 28, wrap(setting, width=WIDTH)],
        batch_table(r),
        epoch_table(r),
        accuracy_table(r),
        explanation(r),
    ]
    return "\n\n".join("\n".join(part) for part in parts)


def main() -> int:
    """Print the report for the default seed."""
    print(report(run()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
