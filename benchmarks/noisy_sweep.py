"""How often the noisy search finds the rule of the noisy demo, over many draws of its noise.

    python benchmarks/noisy_sweep.py              # seeds 0..99, 15 and 30 training terms
    python benchmarks/noisy_sweep.py --seeds 3    # a quick look

The rule ``n*n + 3*n + 5`` plus Gaussian noise (sigma 40) rounded, as in demos/noisy_occam.py,
one draw per seed; 8 terms held out beyond the training terms.  Per draw: the noisy search
(up to 8 nodes) picks a program; ridge (degree 5) runs over the demo's alphas.  Counted
(progsearch/noisy_sweep.py): the pick is the rule or an equivalent (held-out RMSE within 10%
of the noise's own); it beats the best ridge row chosen by held-out terms (an oracle); it
beats the ridge row ridge chooses without peeking (the shortest two-part ridge row; also
the weight-decay demo's choice, best_ridge with the last 3 training terms as validation); the
rule's own two-part description is shorter than the pick's (the search missed it).
"""

from __future__ import annotations

import argparse
import statistics
import time

from progsearch.noisy_sweep import counts, sweep


def table(n_train: int, draws: list) -> list[str]:
    """The counts of one training length, and the median held-out RMSEs."""
    c = counts(draws)
    med = {k: statistics.median(getattr(d, k) for d in draws)
           for k in ("pick_rmse", "noise_rmse", "oracle_rmse", "ridge_rmse", "validated_rmse")}
    return [f"{n_train} training terms, {c['draws']} draws:",
            f"  pick is the rule or an equivalent (held-out RMSE <= 1.1 x noise's): {c['rule']}",
            f"  pick beats the best ridge row chosen by held-out terms (oracle):     "
            f"{c['beats_oracle']}",
            f"  pick beats ridge's own choice (the shortest two-part ridge row):     "
            f"{c['beats_ridge']}",
            f"  pick beats ridge validated on its last 3 training terms (best_ridge): "
            f"{c['beats_validated']}",
            f"  the rule's two-part length is shorter than the pick's (search miss): "
            f"{c['rule_shorter']}",
            f"  median held-out RMSE: pick {med['pick_rmse']:.1f}, noise {med['noise_rmse']:.1f}, "
            f"oracle ridge {med['oracle_rmse']:.1f},",
            f"    shortest ridge {med['ridge_rmse']:.1f}, validated ridge "
            f"{med['validated_rmse']:.1f}"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=100, help="seeds 0..N-1 (default 100)")
    p.add_argument("--train", type=int, nargs="+", default=[15, 30], help="training lengths")
    p.add_argument("--heldout", type=int, default=8, help="held-out terms (default 8)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    lines = [f"noisy sweep: rule n*n + 3*n + 5, sigma 40, seeds 0..{args.seeds - 1}, "
             f"{args.heldout} held out"]
    for n in args.train:
        lines += table(n, sweep(range(args.seeds), n, args.heldout))
    lines.append(f"({time.perf_counter() - t0:.0f} s)")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
