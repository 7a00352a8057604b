"""No free lunch: every continuation has a program, and the prior decides who wins

Part (a). Six terms, 1 2 4 8 16 32, and every program up to a fixed size that reproduces them.
They disagree about the next term: grouped by what they predict, each group is a program that
is perfect on some validation set, and for ANY value v the demo writes down a program that fits
the six terms and predicts v. The data alone cannot choose; a prior over programs must.

Part (b). The universe as a computer. Universe A writes its sequences by running random short
programs, drawn with probability 2**-bits from the same language the search uses. Universe B
writes uniformly random digits. Five learners predict the next term of each sequence: the
shortest program, the 2**-bits mixture of all programs found, the longest program found that
still fits, weight-decayed polynomial regression (best ridge), and the lookup table. Where the
world is made by short programs, the shortest program wins; where it is noise, every learner,
Occam's included, is at chance. Both facts are measured, with 95% intervals.

Run it: ``python demos/no_free_lunch.py``, ``python -m progsearch.demos.no_free_lunch`` or
``progsearch demo no_free_lunch``.
"""

# %%
# Part (a): one training sequence, many programs. The search is exhaustive up to SIZE_A nodes per
# expression (a budget by size, so every run finds the same programs); the time limit is only a
# safety net. ``disagreement`` searches, groups the programs that fit by the next term they
# predict, and weighs each group by its share of the 2**-bits mixture.
#
# Then, for each CHOSEN value v, it writes a program that fits the training terms and predicts
# v: the shortest formula f plus a term that vanishes on the training indices and is 1 at the
# next one. comb(n, N) is 0 for n < N and 1 for n = N, so f(n) + (v - f(N))*comb(n, N) fits the
# N training terms and says a(N) = v (``program_for``). Its length is counted by the library's
# own code, like every other program: f's bits plus a few nodes and the integer code of
# v - f(N). The table that simply lists the training terms and then v is another such program.

from __future__ import annotations

from progsearch.universe import (
    Disagreement,
    Experiment,
    Setup,
    disagreement,
    disagreement_text,
    experiment,
    experiment_text,
)

SEED = 0
TRAIN_A = (1, 2, 4, 8, 16, 32)
SIZE_A = 7  # largest expression searched in part (a), in nodes
CHOSEN = (64, 63, 65, 0, 1, 31, 100, 1000, -5, 10**9)  # continuations to write a program for
SHOWN_GROUPS = 12  # groups of part (a) printed one per line
TIME_LIMIT = 120.0  # seconds per search: a safety net, never the budget that stops it

# %%
# Part (b): two universes that write sequences in the same alphabet, the digits 0..K-1.
#
# Universe A runs programs. A program is drawn by reading its prefix code from fair coin flips,
# so a program of b bits comes out with probability 2**-b (``progsearch.universe.read_program``,
# the length code of forms.py and length.py read backwards): a form tag (log2(6) bits, one of six
# forms; filters and transforms are refused, so A draws the other four); for a table, its length and
# entries in the integer code; for a loop, one bit (an expression rule; the other value, a
# P-recursive rule, is rejected), its order and initial values; for an expression, each node picks
# uniformly among the symbols that could stand there (n, the previous terms and a(n//2), a(n//3) in
# a loop, a constant, the operators), and a constant is read in the integer code. A draw is
# rejected, and drawn again, if it leaves the search's language (more than SIZE_B nodes, a constant
# the search does not have, loop order above 3, a table longer than MAX_TABLE), if it fails to
# compute a term, or if its first N_TRAIN + 1 terms leave the alphabet. Rejection keeps the odds
# between accepted programs at 2**-bits.
#
# Universe B draws every term uniformly from the alphabet.
#
# Both universes set aside constant sequences (all N_TRAIN + 1 terms equal): every learner but
# the lookup gets those right, and they would be most of universe A. Both universes share the
# alphabet, so one definition of chance serves both: a guess made without knowledge of the next
# term is right with probability exactly 1/K. That is why universe A keeps only programs whose
# terms stay in the alphabet, rather than reducing their terms mod K (a program followed by
# "mod K" is another, longer program, and the search would be hunting for that one).

K = 10  # the alphabet is 0..K-1; chance is 1/K
N_TRAIN = 10  # terms the learners see; they predict term N_TRAIN (the 11th)
SIZE_B = 4  # nodes per expression, for the programs drawn and for the search
MAX_TABLE = 32  # longest table drawn
N_TASKS = 200  # sequences per universe
RIDGE_DEGREES, RIDGE_ALPHAS = (1, 2), (0.01, 1.0)  # a small grid: best_ridge runs 2 * N_TASKS times
SETUP = Setup(k=K, n_train=N_TRAIN, max_nodes=SIZE_B, max_table=MAX_TABLE,
              ridge_degrees=RIDGE_DEGREES, ridge_alphas=RIDGE_ALPHAS, time_limit=TIME_LIMIT)

# %%
# The learners (``progsearch.universe.LEARNERS``). Each sees the N_TRAIN training terms and
# names one digit for the next term: the shortest program, the 2**-bits mixture of every program
# found, the longest program found that still fits, best ridge (degree and alpha picked on the
# training terms only) and the lookup. A learner knows the alphabet: when it predicts nothing
# (the lookup table always; a program that fails to compute the term) or a value outside the
# alphabet, which cannot be right, it guesses uniformly at random. The guess comes from a
# per-task random order of the digits drawn with the demo's seed: its first digit is the guess,
# and the mixture breaks ties by that order.
#
# Scoring: each learner's accuracy with a Wilson 95% interval (``progsearch.universe.wilson``),
# which stays inside [0, 1] and behaves well near 0 and 1: the p with
# |p_hat - p| <= z * sqrt(p (1 - p) / n).


def run(seed: int = SEED, n_tasks: int = N_TASKS) -> tuple[Disagreement, Experiment]:
    """Part (a), then universe A and universe B of ``n_tasks`` sequences each.

    >>> a, b = run(n_tasks=3)
    >>> a.groups[0].value, len(b.programs.draws), len(b.noise.draws)
    (64, 3, 3)
    """
    part_a = disagreement(TRAIN_A, CHOSEN, max_size=SIZE_A, time_limit=TIME_LIMIT)
    return part_a, experiment(seed, n_tasks, SETUP)


# %%
# The report. Every sentence that states a result is built from the run
# (``progsearch.universe.disagreement_text`` and ``experiment_text``).


def report(result: tuple[Disagreement, Experiment]) -> str:
    """The printed report: plain text, at most 100 columns, the same bytes for the same run."""
    part_a, part_b = result
    title = __doc__.splitlines()[0]
    text = "\n\n".join([f"{title}\n{'=' * len(title)}", disagreement_text(part_a, SHOWN_GROUPS),
                        experiment_text(part_b)])
    return "\n".join(line.rstrip() for line in text.splitlines())


def main() -> int:
    """Print the report of the default run."""
    print(report(run()))
    return 0


if __name__ == "__main__":
    from progsearch.progress import on_stderr

    with on_stderr(after=1.0):  # progress lines when standard error is a terminal
        raise SystemExit(main())
