"""Noisy data: a program plus its residuals is a description, and the shortest one predicts

The weight-decay demo's data again: the rule ``a(n) = n*n + 3*n + 5`` observed with Gaussian
noise (standard deviation 40, seed 0) and rounded to integers. No program reproduces noisy
terms, so the exact search ends at the lookup table, which predicts nothing. In noisy mode
(``search(terms, noise=True)``) every model is a two-part description of the training terms:
first the model (a program, perhaps scaled and shifted by two integer constants), then the
residuals, data minus model, in one code (a scale, then a discretized Gaussian). The shortest
total wins. Ridge regression over its sweep of weight decay goes on the same axis: the bits of
its weights, then the bits of its rounded residuals in the same code.

Run it: ``python demos/noisy_occam.py`` or ``progsearch demo noisy_occam`` (about 10 s).
"""

# %%
# Two runs on the same draws: the weight-decay demo's 15 training terms (n = 0..14, held out
# n = 15..22), then the first 30 (held out n = 30..37). Each run searches up to 8 nodes in noisy
# mode, fits ridge (degree 5) at every alpha of the weight-decay demo, and scores every model on
# its held-out terms. The noise's own held-out RMSE is the rule's: no model can expect to beat it.

from __future__ import annotations

from progsearch.decay_story import ALPHAS, DEGREE, RULE, SEED, SIGMA, rule
from progsearch.noisy_story import NoisyRun, axis_table, run, verdict
from progsearch.noisy_sweep import rule_fit, shift_price
from progsearch.report import wrap

SHORT, LONG, HELD = 15, 30, 8


def runs() -> tuple[NoisyRun, NoisyRun]:
    """The two runs: 15 training terms, then 30."""
    return run(SHORT, HELD), run(LONG, HELD)


# %%
# The report. Every number in a sentence comes from the run.


def section(r: NoisyRun) -> str:
    """One run: its data, the table on one bits axis, and what it shows."""
    v = verdict(r)
    last = r.n_train + len(r.heldout) - 1
    head = [wrap(" ".join(map(str, r.train)), " " * 4,
                 f"{r.n_train} training terms, n = 0..{r.n_train - 1}: ", width=99),
            wrap(" ".join(map(str, r.heldout)), " " * 4,
                 f"held out, n = {r.n_train}..{last}: ", width=99), "", axis_table(r), ""]
    pick = (f"The shortest two-part description is {v['pick']} ({r.programs[0].total:.1f} bits); "
            f"its held-out RMSE is {v['pick_rmse']:.1f}, against {v['noise_rmse']:.1f} for the "
            f"rule itself (the noise)")
    if v["within_10_percent"]:
        gap = 100 * (v["pick_rmse"] / v["noise_rmse"] - 1)
        pick += f", {abs(gap):.0f}% {'above' if gap > 0 else 'below'} it (within 10%)."
    else:
        pick += f": {v['pick_rmse'] / v['noise_rmse']:.1f} times the noise."
    ridge = (f"The best ridge row, chosen by looking at the held-out terms, is {v['best_ridge']}: "
             f"held-out RMSE {v['best_ridge_rmse']:.1f}, so the program "
             + ("beats it" if v["beats_ridge"] else "does not beat it")
             + f" ({v['pick_rmse']:.1f} against {v['best_ridge_rmse']:.1f}).")
    low, best = r.shortest_ridge, r.programs[0]
    axis = (f"On the bits axis the shortest ridge row, {low.name}, takes {low.total:.1f} bits, "
            f"{low.total - best.total:.1f} more than the pick: {low.model_bits:.1f} bits of "
            f"weights against {best.model_bits:.1f} of program, {low.residual_bits:.1f} bits of "
            f"residuals against {best.residual_bits:.1f}.")
    texts = (pick, ridge, axis) + (() if v["within_10_percent"] else (the_rule(r),))
    return "\n".join(head + [wrap(t, "  ", "- ", width=99) for t in texts])


def the_rule(r: NoisyRun) -> str:
    """The rule itself as a description of this draw, against the pick: bits and fit."""
    rf, best = rule_fit(r.train), r.programs[0]
    text = (f"The rule itself, as its shortest program ({rf.program}, found by searching its "
            f"exact terms) plus its residuals, takes {rf.program_bits:.1f} + "
            f"{rf.residual_bits:.1f} = {rf.total:.1f} bits against the pick's {best.total:.1f}; "
            f"its training RMSE is {rf.train_rmse:.1f} against the pick's {best.train_rmse:.1f}.")
    if rf.program_bits > best.model_bits and rf.train_rmse > best.train_rmse:
        return text + (" On this draw the rule is both the longer program and the worse fit: no "
                       "two-part code that rewards shorter programs and better fits can pick it.")
    if rf.total < best.total:
        return text + " The rule's description is shorter: the search missed it."
    return text + " The training terms do not pay for the rule's extra bits."


def likeness(r: NoisyRun) -> str:
    """How the pick's values differ from the rule's on the training and held-out range."""
    n = r.n_train + len(r.heldout)
    diff = {a - rule(i) for i, a in enumerate(r.pick.terms(0, n))}
    if len(diff) == 1:
        c = diff.pop()
        if c == 0:
            return "the rule itself"
        cost, saved = shift_price(r.pick, r.train, -c)
        pays = "so this data cannot pay to state it" if saved < cost else "which would pay"
        return (f"the rule shifted by {c}, {abs(c) / SIGMA:.2f} of the noise's standard "
                f"deviation; stating the shift costs {cost:.1f} bits of constants and changes the "
                f"residuals' bits by {-saved:+.1f}, {pays}")
    return f"not the rule: it is off by up to {max(map(abs, diff))} on 0 <= n < {n}"


def report(short: NoisyRun, long: NoisyRun) -> str:
    """The printed report."""
    v1, v2 = verdict(short), verdict(long)
    lines = [
        __doc__.splitlines()[0], "",
        wrap(f"Data: a(n) = {RULE} plus Gaussian noise (sigma {SIGMA:g}, seed {SEED}), rounded. "
             f"Ridge: degree {DEGREE}, alpha in {', '.join(f'{a:g}' for a in ALPHAS)}. Columns: "
             "bits of the model + bits of its training residuals = the two-part length; > marks "
             "the pick.", "", width=99), "",
        "1. The weight-decay demo's own training terms", "", section(short), "",
        "2. Twice as many terms from the same draws", "", section(long), "",
        wrap(f"What the two runs show: with {SHORT} terms the pick is {v1['pick']}, "
             f"{likeness(short)}; held-out RMSE {v1['pick_rmse']:.1f}, noise "
             f"{v1['noise_rmse']:.1f}, best ridge {v1['best_ridge_rmse']:.1f}. With {LONG} terms "
             f"the pick is {v2['pick']}, {likeness(long)}; held-out RMSE {v2['pick_rmse']:.1f}, "
             f"noise {v2['noise_rmse']:.1f}, best ridge {v2['best_ridge_rmse']:.1f}. A two-part "
             "length buys a rule only when the data pay for its bits.", "", width=99), "",
        wrap("One draw proves little either way: python benchmarks/noisy_sweep.py runs the same "
             "rule and noise over 100 seeds, with 15 and with 30 training terms, and counts how "
             "often the pick is the rule or as good on the held-out terms, how often it beats "
             "ridge, and how often the rule's own description was shorter than the pick's "
             "(benchmarks/README.md records its figures).", "", width=99),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Print the report."""
    print(report(*runs()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
