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
# safety net.

from __future__ import annotations

import math
import textwrap
import warnings
from collections import Counter
from dataclasses import dataclass

import numpy as np

from progsearch import Formula, Lookup, Loop, Periodic, Program, SearchResult, search
from progsearch.language import OP_BY_NAME, OPS, Apply, Const, Expr, Var, variables
from progsearch.ridge import best_ridge
from progsearch.search import CONSTANTS, LOOP_ORDER

SEED = 0
TRAIN_A = (1, 2, 4, 8, 16, 32)
SIZE_A = 7  # largest expression searched in part (a), in nodes
CHOSEN = (64, 63, 65, 0, 1, 31, 100, 1000, -5, 10**9)  # continuations to write a program for
SHOWN_GROUPS = 12  # groups of part (a) printed one per line
TIME_LIMIT = 120.0  # seconds per search: a safety net, never the budget that stops it
WIDTH = 100


def next_value(program: Program, n: int) -> int | None:
    """What ``program`` says a(n) is, or None if it says nothing (a lookup, or undefined there).

    >>> next_value(Periodic([1, 2]), 3), next_value(Lookup([1, 2]), 3)
    (2, None)
    """
    if not program.predicts:
        return None
    try:
        return program.terms(n, n + 1)[0]
    except (ArithmeticError, ValueError):
        return None


@dataclass(frozen=True)
class Group:
    """The programs that agree on the next term: how many, the shortest, their mixture share."""

    value: int | None  # None: these programs predict nothing
    count: int
    bits: float  # of the shortest program in the group
    display: str  # of the shortest program in the group
    share: float  # the group's part of the 2**-bits mixture


def groups_by_next(result: SearchResult) -> list[Group]:
    """Group the programs of ``result`` by their next term, most probable group first."""
    n = result.offset + len(result.terms)
    low = result.best.bits
    members: dict[int | None, list[Program]] = {}
    for program in result.programs:  # ranked by bits: each group's first is its shortest
        members.setdefault(next_value(program, n), []).append(program)
    weight = {v: sum(2.0 ** (low - p.bits) for p in ps) for v, ps in members.items()}
    total = sum(weight.values())
    groups = [Group(v, len(ps), ps[0].bits, ps[0].display(), weight[v] / total)
              for v, ps in members.items()]
    return sorted(groups, key=lambda g: (-g.share, g.bits, g.value is None, g.value or 0))


# %%
# For any value v there is a program that fits the training terms and predicts v. Take the
# shortest formula f and add a term that vanishes on the training indices and is 1 at the next
# one: comb(n, N) is 0 for n < N and 1 for n = N. So f(n) + (v - f(N))*comb(n, N) fits the N
# training terms and says a(N) = v. Its length is counted by the library's own code, like every
# other program: f's bits plus a few nodes and the integer code of v - f(N). The table that
# simply lists the training terms and then v is another such program.


def program_for(formula: Formula, n: int, v: int) -> Formula:
    """``formula`` plus ``(v - formula(n)) * comb(n_, n)``: the same before index ``n``, v at it.

    >>> f = program_for(Formula(Var("n")), 3, 7)
    >>> f.display(), f.terms(0, 5)
    ('n + 4*comb(n, 3)', [0, 1, 2, 7, 20])
    """
    c = v - formula.terms(n, n + 1)[0]
    if c == 0:
        return formula
    bump = Apply(OP_BY_NAME["binomial"], (Var("n"), Const(n)))
    op = OP_BY_NAME["add"] if c > 0 else OP_BY_NAME["sub"]
    term = bump if abs(c) == 1 else Apply(OP_BY_NAME["mul"], (Const(abs(c)), bump))
    return Formula(Apply(op, (formula.expr, term)), formula.offset)


@dataclass(frozen=True)
class Continuation:
    """A chosen next value and the programs that fit the training terms and predict it."""

    value: int
    formula: str  # display of the formula program
    formula_bits: float
    formula_fits: bool  # reproduces the training terms (checked, not assumed)
    formula_predicts: bool  # gives ``value`` at the next index (checked)
    table_bits: float  # the lookup of the training terms followed by ``value``


@dataclass(frozen=True)
class PartA:
    """Part (a): the programs that fit TRAIN_A, grouped by next term, and the chosen values."""

    train: tuple[int, ...]
    max_size: int
    n_programs: int
    stopped_by: str
    best_bits: float
    best_display: str
    groups: tuple[Group, ...]
    base: str  # the shortest formula, which every continuation program extends
    continuations: tuple[Continuation, ...]


def part_a(train: tuple[int, ...] = TRAIN_A, max_size: int = SIZE_A) -> PartA:
    """Search ``train``, group the programs by next term, and fit a program to every CHOSEN value.

    >>> a = part_a((0, 1, 4, 9, 16, 25), max_size=3)
    >>> a.groups[0].value, a.base
    (36, 'n*n')
    """
    result = search(list(train), max_size=max_size, time_limit=TIME_LIMIT)
    n = len(train)
    base = next(p for p in result.programs if isinstance(p, Formula))
    continuations = []
    for v in CHOSEN:
        f = program_for(base, n, v)
        continuations.append(Continuation(
            value=v,
            formula=f.display(),
            formula_bits=float(f.bits),
            formula_fits=f.fits(list(train)),
            formula_predicts=next_value(f, n) == v,
            table_bits=float(Lookup([*train, v]).bits),
        ))
    return PartA(tuple(train), max_size, len(result.programs), result.stats.stopped_by,
                 float(result.best.bits), result.best.display(), tuple(groups_by_next(result)),
                 base.display(), tuple(continuations))


# %%
# Part (b): two universes that write sequences in the same alphabet, the digits 0..K-1.
#
# Universe A runs programs. A program is drawn by reading its prefix code from fair coin flips,
# so a program of b bits comes out with probability 2**-b: a form tag (2 bits, one of four
# forms); for a table, its length and entries in the integer code; for a loop, one bit (an
# expression rule; the other value, a P-recursive rule, is rejected), its order and initial
# values; for an expression, each node picks uniformly among the symbols that could stand there
# (n, the previous terms and a(n//2), a(n//3) in a loop, a constant, the operators), and a
# constant is read in the integer code. A draw is rejected, and drawn again, if it leaves the
# search's language (more than SIZE_B nodes, a constant the search does not have, loop order
# above 3, a table longer than MAX_TABLE), if it fails to compute a term, or if its first
# N_TRAIN + 1 terms leave the alphabet.
# Rejection keeps the odds between accepted programs at 2**-bits.
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
Z95 = 1.959963984540054  # the 97.5% quantile of the standard normal


class Rejected(Exception):
    """A draw outside the part of the language the universe runs; the universe draws again."""


class Bits:
    """Fair coin flips from a seeded generator, and a count of the bits they are worth.

    >>> b = Bits(np.random.default_rng(0))
    >>> _ = b.flip(), b.choose(10)
    >>> round(b.spent, 3)  # 1 bit + log2(10) bits
    4.322
    """

    def __init__(self, rng: np.random.Generator):
        self.rng, self.spent = rng, 0.0

    def flip(self) -> int:
        self.spent += 1
        return int(self.rng.integers(2))

    def choose(self, k: int) -> int:
        """One of ``k`` symbols, uniformly: log2(k) bits."""
        self.spent += math.log2(k)
        return int(self.rng.integers(k))


def read_positive(bits: Bits, longest: int = 40) -> int:
    """Read an Elias delta code word from ``bits``: ``n >= 1`` comes out with odds 2**-len(n).

    Code word: L = floor(log2 n), then L+1 in Elias gamma (zeros, then its binary digits), then
    the L low digits of n. A word longer than about ``longest`` digits is rejected.
    """
    zeros = 0
    while bits.flip() == 0:
        zeros += 1
        if zeros > longest.bit_length():
            raise Rejected("number too long")
    length_plus_1 = 1
    for _ in range(zeros):
        length_plus_1 = 2 * length_plus_1 + bits.flip()
    if length_plus_1 - 1 > longest:
        raise Rejected("number too long")
    n = 1
    for _ in range(length_plus_1 - 1):
        n = 2 * n + bits.flip()
    return n


def read_integer(bits: Bits) -> int:
    """An integer in the library's integer code: Elias delta of the zig-zag value, plus 1."""
    z = read_positive(bits) - 1
    return z // 2 if z % 2 == 0 else -(z + 1) // 2  # zig-zag: 0, 1, 2, 3, 4 -> 0, -1, 1, -2, 2


def read_expr(bits: Bits, leaves: tuple[Var, ...], budget: list[int]) -> Expr:
    """An expression tree in prefix order; each node picks one of the symbols uniformly."""
    if budget[0] == 0:
        raise Rejected("too many nodes")
    budget[0] -= 1
    i = bits.choose(len(leaves) + 1 + len(OPS))  # the leaves, one constant symbol, the operators
    if i < len(leaves):
        return leaves[i]
    if i == len(leaves):
        c = read_integer(bits)
        if c not in CONSTANTS:
            raise Rejected("constant not in the search")
        return Const(c)
    op = OPS[i - len(leaves) - 1]
    return Apply(op, tuple(read_expr(bits, leaves, budget) for _ in range(op.arity)))


def read_program(bits: Bits, max_nodes: int = SIZE_B) -> Program:
    """A program read from coin flips with the library's prefix code (forms.py, length.py).

    >>> bits = Bits(np.random.default_rng(3))
    >>> p = read_program(bits)
    >>> p, bits.spent == p.bits  # the coin flips spent are the program's length in bits
    (Formula(n, 5.3 bits), True)
    """
    form = ("lookup", "periodic", "loop", "formula")[bits.choose(4)]  # the 2-bit form tag
    if form in ("lookup", "periodic"):
        length = read_positive(bits) - 1
        if not 1 <= length <= MAX_TABLE:
            raise Rejected("table empty or too long")
        values = [read_integer(bits) for _ in range(length)]
        return Lookup(values) if form == "lookup" else Periodic(values)
    if form == "formula":
        return Formula(read_expr(bits, variables(0), [max_nodes]))
    if bits.flip():
        raise Rejected("P-recursive rule")
    order = read_positive(bits) - 1
    if not 1 <= order <= LOOP_ORDER:
        raise Rejected("loop order")
    initial = [read_integer(bits) for _ in range(order)]
    return Loop(read_expr(bits, variables(order), [max_nodes]), initial)


# %%
# Drawing the sequences. Each rejection is counted under one of four reasons, reported below.


@dataclass(frozen=True)
class Draw:
    """One sequence of a universe, and the program that wrote it (None in universe B)."""

    terms: tuple[int, ...]  # N_TRAIN + 1 terms: the training terms, then the one to predict
    form: str | None
    program: str | None
    bits: float | None


def draw_from_programs(rng: np.random.Generator, rejected: Counter) -> Draw:
    """Draw programs until one writes a non-constant sequence in the alphabet."""
    while True:
        bits = Bits(rng)
        try:
            program = read_program(bits)
        except Rejected:
            rejected["outside the search's language"] += 1
            continue
        try:
            terms = program.terms(0, N_TRAIN + 1)
        except (ArithmeticError, ValueError):
            rejected["fails to compute a term"] += 1
            continue
        if not all(0 <= t < K for t in terms):
            rejected["leaves the alphabet"] += 1
        elif len(set(terms)) == 1:
            rejected["constant"] += 1
        else:
            return Draw(tuple(terms), program.form, program.display(), float(program.bits))


def draw_random(rng: np.random.Generator, rejected: Counter) -> Draw:
    """Draw uniform digits until the sequence is not constant."""
    while True:
        terms = tuple(int(t) for t in rng.integers(K, size=N_TRAIN + 1))
        if len(set(terms)) > 1:
            return Draw(terms, None, None, None)
        rejected["constant"] += 1


# %%
# The learners. Each sees the N_TRAIN training terms and names one digit for the next term. A
# learner knows the alphabet: when it predicts nothing (the lookup table always; a program that
# fails to compute the term) or a value outside the alphabet, which cannot be right, it guesses
# uniformly at random. The guess comes from a per-task random order of the digits drawn with the
# demo's seed: its first digit is the guess, and the mixture breaks ties by that order.

LEARNERS = ("shortest program", "2**-bits mixture", "longest program", "best ridge", "lookup")


def mixture_guess(result: SearchResult, order: list[int]) -> int:
    """The digit with the most mixture weight; the lookup's weight is spread evenly over K digits."""
    prediction = result.predict(1)[0]
    weight = dict.fromkeys(range(K), prediction.p_none / K)
    for value, p in prediction.candidates:
        if value in weight:
            weight[value] += p
    return max(order, key=lambda v: weight[v])  # max keeps the first of equals in ``order``


def ridge_value(train: list[int]) -> int:
    """The best ridge fit's prediction of the next term, rounded to an integer."""
    fit = best_ridge(train, degrees=RIDGE_DEGREES, alphas=RIDGE_ALPHAS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a wild extrapolation becomes 0
        return fit.predict_int([len(train)])[0]


def guesses(train: list[int], order: list[int]) -> tuple[int, ...]:
    """One digit per learner of LEARNERS, for the term after ``train``."""
    result = search(train, max_size=SIZE_B, time_limit=TIME_LIMIT)
    n = len(train)
    longest = [p for p in result.programs if p.predicts][-1:]
    values = (
        next_value(result.best, n),
        mixture_guess(result, order),
        next_value(longest[0], n) if longest else None,
        ridge_value(train),
        None,  # the lookup table has nothing past its last entry
    )
    return tuple(v if v in range(K) else order[0] for v in values)


# %%
# Scoring: each learner's accuracy with a Wilson 95% interval, which stays inside [0, 1] and
# behaves well near 0 and 1: the p with |p_hat - p| <= z * sqrt(p (1 - p) / n).


def wilson(right: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for ``right`` successes in ``n`` trials.

    >>> [round(x, 4) for x in wilson(20, 200)]
    [0.0657, 0.1494]
    """
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if right == 0 else centre - half  # exact at the ends, where rounding would show
    high = 1.0 if right == n else centre + half
    return low, high


@dataclass(frozen=True)
class Score:
    """One learner in one universe: right out of n, and the 95% interval of its accuracy."""

    learner: str
    right: int
    n: int

    @property
    def accuracy(self) -> float:
        return self.right / self.n

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.right, self.n)


@dataclass(frozen=True)
class Universe:
    """The sequences of one universe, every learner's guesses, and what was rejected."""

    name: str
    draws: tuple[Draw, ...]
    guesses: tuple[tuple[int, ...], ...]  # guesses[t][j]: learner j's digit on sequence t
    rejected: dict  # reason -> draws rejected for it

    def score(self, learner: str) -> Score:
        j = LEARNERS.index(learner)
        right = sum(g[j] == d.terms[-1] for d, g in zip(self.draws, self.guesses))
        return Score(learner, right, len(self.draws))

    @property
    def scores(self) -> tuple[Score, ...]:
        return tuple(self.score(learner) for learner in LEARNERS)


def universe(name: str, draw, rng: np.random.Generator, n_tasks: int) -> Universe:
    """Draw ``n_tasks`` sequences with ``draw`` and collect every learner's guess on each."""
    rejected: Counter = Counter()
    draws, made = [], []
    for _ in range(n_tasks):
        d = draw(rng, rejected)
        order = [int(v) for v in rng.permutation(K)]
        draws.append(d)
        made.append(guesses(list(d.terms[:-1]), order))
    return Universe(name, tuple(draws), tuple(made), dict(sorted(rejected.items())))


@dataclass(frozen=True)
class NoFreeLunchResult:
    """Both parts of the demo."""

    seed: int
    part_a: PartA
    programs: Universe  # universe A
    noise: Universe  # universe B

    @property
    def chance(self) -> float:
        return 1 / K

    def __repr__(self) -> str:
        a, b = self.programs.score(LEARNERS[0]), self.noise.score(LEARNERS[0])
        return (f"NoFreeLunchResult(seed={self.seed}, {len(self.part_a.groups)} next values in "
                f"part (a); shortest program {a.accuracy:.1%} in universe A, "
                f"{b.accuracy:.1%} in universe B)")


def run(seed: int = SEED, n_tasks: int = N_TASKS) -> NoFreeLunchResult:
    """Part (a), then universe A and universe B of ``n_tasks`` sequences each.

    >>> r = run(n_tasks=3)
    >>> len(r.programs.draws), len(r.noise.guesses[0]) == len(LEARNERS)
    (3, True)
    """
    rng = np.random.default_rng(seed)
    return NoFreeLunchResult(
        seed=seed,
        part_a=part_a(),
        programs=universe("A: programs", draw_from_programs, rng, n_tasks),
        noise=universe("B: random digits", draw_random, rng, n_tasks),
    )


# %%
# The report. Every sentence that states a result is built from the run.


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped to WIDTH columns; ``first`` starts the first line (default ``indent``).

    >>> wrap("a b c", "  ", "- ")
    '- a b c'
    """
    first = indent if first is None else first
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=indent)


def clip(text: str, width: int) -> str:
    """The text cut to ``width`` characters, ending in '...' if it was cut.

    >>> clip("abcdefgh", 6), clip("abc", 6)
    ('abc...', 'abc')
    """
    return text if len(text) <= width else text[: width - 3] + "..."


def share_text(share: float) -> str:
    """A mixture share, readable at every scale.

    >>> share_text(0.99), share_text(3.2e-06)
    ('0.99', '3.2e-06')
    """
    return f"{share:.2f}" if share >= 0.01 else f"{share:.1e}"


def part_a_section(a: PartA) -> str:
    """Groups of programs by next term, then a program for every chosen next term."""
    n = len(a.train)
    shown, hidden = a.groups[:SHOWN_GROUPS], a.groups[SHOWN_GROUPS:]
    lines = [
        f"Part (a): {len(a.train)} terms, {' '.join(map(str, a.train))}, and what comes next",
        "",
        wrap(f"The search found {a.n_programs} programs up to size {a.max_size} that reproduce "
             f"the {n} terms. They predict {len(a.groups)} different values for a({n}). Grouped "
             "by that value (share: the group's part of the 2**-bits mixture):"),
        "",
        f"  {f'a({n})':>10}  programs  shortest (bits)    share   shortest program of the group",
    ]
    for g in shown:
        value = "nothing" if g.value is None else str(g.value)
        lines.append(f"  {value:>10}  {g.count:8d}  {g.bits:15.1f}  {share_text(g.share):>7}   "
                     + clip(g.display, WIDTH - 50))
    if hidden:
        lines.append(f"  {'...':>10}  {sum(g.count for g in hidden):8d}  programs predicting "
                     f"{len(hidden)} other values, shares below {share_text(hidden[0].share)}")
    top = a.groups[0]
    lines += [
        "",
        wrap(f"Each group is perfect on its own validation set: the programs of the row "
             f"'{top.value}' score 100% if a({n}) = {top.value} and 0% otherwise, and so does "
             "every other row for its value. Which row is right is not in the six terms."),
        "",
        wrap(f"For ANY value v there is such a program: the shortest formula, {a.base}, plus "
             f"(v - {a.base} at n={n}) * comb(n, {n}), which is 0 for n < {n} and 1 at n = {n}. "
             f"Or the table of the {n} terms followed by v. Bits by the library's own code; "
             f"'odds' is 2**-bits relative to the shortest program ({a.best_bits:.1f} bits):"),
        "",
        f"  {'v':>10}  {'bits':>6}  {'odds':>9}  fits, says v  {'table':>6}   formula",
    ]
    for c in a.continuations:
        ok = "yes" if c.formula_fits and c.formula_predicts else "NO"
        odds = f"2**-{c.formula_bits - a.best_bits:.1f}"
        lines.append(f"  {c.value:>10}  {c.formula_bits:6.1f}  {odds:>9}  {ok:>12}  "
                     f"{c.table_bits:6.1f}   {clip(c.formula, WIDTH - 53)}")
    every = all(c.formula_fits and c.formula_predicts for c in a.continuations)
    extra = [c.formula_bits - a.best_bits for c in a.continuations if c.value != top.value]
    lines += [
        "",
        wrap(f"{'All' if every else 'Not all'} {len(a.continuations)} chosen values have a "
             f"program that fits the {n} terms and predicts them; each costs "
             f"{min(extra):.1f} to {max(extra):.1f} bits more than the shortest program, a "
             "price that grows with the logarithm of how far v is from its prediction. "
             "No Free Lunch: averaged over all continuations, every learner is right equally "
             "often. Preferring short programs is a bet on what the world is like."),
    ]
    return "\n".join(lines)


def universe_lines(u: Universe, label: str) -> list[str]:
    """How a universe's sequences were drawn: examples, forms and the rejection counts."""
    forms = Counter(d.form for d in u.draws if d.form is not None)
    examples = [next(d for d in u.draws if d.form == form) for form in forms] or u.draws[:4]
    lines = [label]
    for d in examples:
        terms = " ".join(map(str, d.terms[:-1])) + " | " + str(d.terms[-1])
        source = "" if d.program is None else f"   by {clip(d.program, 44)} ({d.bits:.1f} bits)"
        lines.append(f"    {terms}{source}")
    drawn = ", ".join(f"{n} {form}" for form, n in forms.most_common())
    rejected = ", ".join(f"{n} {why}" for why, n in u.rejected.items()) or "none"
    text = f"{len(u.draws)} sequences" + (f" ({drawn})" if drawn else "")
    lines.append(wrap(f"{text}; draws rejected: {rejected}.", "    "))
    return lines


def score_table(result: NoFreeLunchResult) -> list[str]:
    """Both universes side by side: right, accuracy, 95% interval for every learner."""
    a, b = result.programs, result.noise
    head = (f"  {'learner':<18}  {'universe A: programs':^32}  {'universe B: random digits':^32}")
    sub = f"  {'':<18}  " + "  ".join(f"{'right':>9}  {'acc.':>6}  {'95% interval':>13}"
                                       for _ in range(2))
    lines = [head, sub]
    for sa, sb in zip(a.scores, b.scores):
        cells = [f"{s.right:4d}/{s.n:<4d}  {s.accuracy:6.1%}  "
                 f"[{s.interval[0]:5.1%}, {s.interval[1]:5.1%}]" for s in (sa, sb)]
        lines.append(f"  {sa.learner:<18}  {cells[0]}  {cells[1]}")
    chance = f"{'':9}  {result.chance:6.1%}  {'':13}"
    lines.append(f"  {'chance (1/K)':<18}  {chance}  {chance}")
    return lines


def findings(result: NoFreeLunchResult) -> list[str]:
    """What the scores show, in sentences computed from them."""
    a, b, chance = result.programs, result.noise, result.chance
    best = a.score(LEARNERS[0])
    rivals = [a.score(name) for name in ("best ridge", "lookup")]
    clear = all(best.interval[0] > r.interval[1] for r in rivals)
    lines = [
        f"In universe A the shortest program is right {best.accuracy:.1%} of the time, the best "
        f"ridge {rivals[0].accuracy:.1%}, the lookup {rivals[1].accuracy:.1%}. "
        + ("Its interval lies above both of theirs: the difference is not noise."
           if clear else "Its interval overlaps one of theirs: this run cannot tell them apart."),
    ]
    missed = Counter(d.form for d, g in zip(a.draws, a.guesses) if g[0] != d.terms[-1])
    drawn = Counter(d.form for d in a.draws)
    if missed:
        where = ", ".join(f"{n} of the {drawn[form]} written by a {form} program"
                          for form, n in sorted(missed.items(), key=lambda fn: (-fn[1], fn[0])))
        lines.append(f"Where the shortest program missed in universe A: {where}. A long table, "
                     "or a rule that shows its hand only after the tenth term, looks like noise "
                     "to any learner that sees ten terms.")
    at_chance = [s for s in b.scores if s.interval[0] <= chance <= s.interval[1]]
    if len(at_chance) == len(b.scores):
        lines.append(f"In universe B every learner's interval contains chance, {chance:.0%}: "
                     "no learner beats it, and no learner can, since the next digit is "
                     "independent of the ten before it.")
    else:
        off = ", ".join(s.learner for s in b.scores if s not in at_chance)
        lines.append(f"In universe B the interval of {off} misses chance ({chance:.0%}); the "
                     "others contain it.")
    longest = LEARNERS.index("longest program")
    differ = sum(g[0] != g[longest] for g in a.guesses)
    if differ == 0:
        lines.append(f"In universe A the longest program that fits named the same digit as the "
                     f"shortest on all {len(a.draws)} sequences: up to size {SIZE_B}, the programs "
                     "that fit ten terms leave little room to disagree. Part (a), with more room, "
                     "shows how long programs that fit part ways.")
    else:
        lines.append(f"In universe A the longest program that fits names a different digit from "
                     f"the shortest on {differ} of {len(a.draws)} sequences and is right "
                     f"{a.score('longest program').accuracy:.1%} of the time.")
    same = [s.learner for s in b.scores if s.right == b.score("lookup").right]
    if len(same) > 2:
        lines.append(f"In universe B, {', '.join(same)} score alike: the search finds nothing "
                     "shorter than the table, so they all fall back on the same random guess.")
    shift = best.accuracy - b.score(LEARNERS[0]).accuracy
    lines.append(f"The same learner, the same search, the same code: {100 * shift:.1f} "
                 "percentage points better in "
                 "universe A than in B. Occam's razor is not free: it pays off exactly where "
                 "the world is made by short programs, which is what its prior assumes.")
    return [wrap(line, "  ", "- ") for line in lines]


def part_b_section(result: NoFreeLunchResult) -> str:
    """The two universes, the score table and the findings."""
    setting = (
        f"Each sequence has {N_TRAIN + 1} digits in 0..{K - 1}; the learners see the first "
        f"{N_TRAIN} and name the last. Score: right if the digit is exactly the last term. "
        f"Chance is 1/K = {result.chance:.0%} in both universes: they share the alphabet, and "
        "a learner that predicts nothing, or a value outside the alphabet, guesses a uniform "
        f"random digit (seed {result.seed}). The search runs up to size {SIZE_B}, the size of "
        f"the programs universe A draws; best ridge picks degree in {RIDGE_DEGREES} and alpha "
        f"in {RIDGE_ALPHAS} on the training terms. Constant sequences are set aside in both "
        "universes. Examples, one of each form drawn (training terms | the term to predict):"
    )
    lines = [
        "Part (b): the universe as a computer",
        "",
        wrap(setting),
        "",
        *universe_lines(result.programs, "  Universe A: programs drawn with probability "
                                         "2**-bits, run on n = 0, 1, 2, ..."),
        *universe_lines(result.noise, "  Universe B: uniform random digits"),
        "",
        *score_table(result),
        "",
        *findings(result),
    ]
    return "\n".join(lines)


def report(result: NoFreeLunchResult) -> str:
    """The printed report: plain text, at most WIDTH columns, the same bytes for the same run."""
    title = __doc__.splitlines()[0]
    text = "\n\n".join([f"{title}\n{'=' * len(title)}", part_a_section(result.part_a),
                        part_b_section(result)])
    return "\n".join(line.rstrip() for line in text.splitlines())


def main() -> int:
    """Print the report of the default run."""
    print(report(run()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
