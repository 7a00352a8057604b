"""What the noisy search claims about the next term of pure noise, against what happens.

    python benchmarks/noise_calibration.py            # 100 sequences, both predictives
    python benchmarks/noise_calibration.py --count 20

Each sequence: 15 terms of Gaussian noise around a random level (mu uniform in -1000..1000, sd
log-uniform in [1, 1000], rounded; the draws of tests/test_noise_search.py), searched in noisy
mode up to 5 nodes.  The mixture's most probable next value claims a probability p; *chance*
is the most likely value's probability under the generating distribution (what a predictor
that knew mu and sigma would claim).  Printed for each predictive of a noisy program:

* ``ratio``: claimed p / chance, mean and max over the sequences (above 1: claims more than
  knowing the distribution would allow);
* calibration: the mean claimed p against the mean true probability of the predicted value
  (the expected share of sequences whose next value equals it), and the share that did in one
  draw of each sequence's next value.

Predictives (noise.predict): ``best``, each noisy program's residual code at its one best
scale and constant; ``scales``, its code summed over every scale; ``scales+constant``, summed
over every scale and every value of its constant ``c0`` (the search's default).
"""

from __future__ import annotations

import argparse
import math
import statistics

import numpy as np

from progsearch.noise.predict import PREDICTIVES, spread_votes
from progsearch.search import search


def pure_noise(count: int, seed: int = 12):
    """(mu, sigma, 15 terms, the next term) per sequence, as tests/test_noise_search.py draws."""
    rng = np.random.default_rng(seed)
    nxt = np.random.default_rng(seed + 1)
    for _ in range(count):
        mu, sigma = int(rng.integers(-1000, 1001)), math.exp(rng.uniform(0, math.log(1000)))
        terms = [int(round(v)) for v in rng.normal(mu, sigma, 15)]
        yield mu, sigma, terms, int(round(nxt.normal(mu, sigma)))


def cell(v: int, mu: float, sigma: float) -> float:
    """P(round(X) == v) for X ~ N(mu, sigma)."""
    z = sigma * math.sqrt(2)
    return 0.5 * (math.erf((v + 0.5 - mu) / z) - math.erf((v - 0.5 - mu) / z))


def chance(mu: int, sigma: float) -> float:
    """The most likely value's probability under the generating distribution."""
    return max(cell(v, mu, sigma) for v in range(mu - 2, mu + 3))


def measure(count: int) -> dict[str, dict[str, float]]:
    """Per predictive: mean and max ratio, mean claimed p, mean true p, share hit in one draw."""
    rows: dict[str, list] = {how: [] for how in reversed(PREDICTIVES)}
    for mu, sigma, terms, nxt in pure_noise(count):
        r = search(terms, max_size=5, time_limit=60.0, noise=True)
        for how in rows:
            value, p = spread_votes(r.programs, len(terms), 1, predictive=how)[0][1][0]
            rows[how].append((p / chance(mu, sigma), p, cell(value, mu, sigma), value == nxt))
    return {how: {"mean_ratio": statistics.mean(x[0] for x in v),
                  "max_ratio": max(x[0] for x in v),
                  "mean_p": statistics.mean(x[1] for x in v),
                  "true_p": statistics.mean(x[2] for x in v),
                  "hits": sum(x[3] for x in v) / len(v)} for how, v in rows.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=100, help="sequences (default 100)")
    args = p.parse_args(argv)
    m = measure(args.count)
    print(f"pure noise, {args.count} sequences of 15 terms: the claimed p of the next term")
    print(f"  {'predictive':<16} {'mean ratio':>10} {'max ratio':>9} {'mean p':>8} "
          f"{'true p':>8} {'hits':>6}")
    for how, s in m.items():
        print(f"  {how:<16} {s['mean_ratio']:>10.3f} {s['max_ratio']:>9.3f} {s['mean_p']:>8.4f} "
              f"{s['true_p']:>8.4f} {s['hits']:>6.3f}")
    print("ratio: claimed p / chance (the generating distribution's best); mean p: claimed; "
          "true p: the\npredicted value's probability under the generating distribution; hits: "
          "share of one draw equal to it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
