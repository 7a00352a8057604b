"""The printed account of a disagreement and of an experiment: plain text, 100 columns.

Every sentence that states a result is built from the run it describes.
"""

from __future__ import annotations

from collections import Counter

from ..report import WIDTH, clip, wrap
from .disagreement import Disagreement
from .experiment import Experiment, Universe
from .worlds import LEARNERS

_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
             "twelfth").split()


def _word(n: int) -> str:
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def _ordinal(n: int) -> str:
    return _ORDINALS[n] if 0 <= n < len(_ORDINALS) else f"{n}th"


def share_text(share: float) -> str:
    """A mixture share, readable at every scale.

    >>> share_text(0.99), share_text(3.2e-06)
    ('0.99', '3.2e-06')
    """
    return f"{share:.2f}" if share >= 0.01 else f"{share:.1e}"


def _group_lines(a: Disagreement, shown: int) -> list[str]:
    n = len(a.train)
    head = "programs  shortest (bits)    share   shortest program of the group"
    lines = [f"  {f'a({n})':>10}  {head}"]
    for g in a.groups[:shown]:
        value = "nothing" if g.value is None else str(g.value)
        lines.append(f"  {value:>10}  {g.count:8d}  {g.bits:15.1f}  {share_text(g.share):>7}   "
                     + clip(g.display, WIDTH - 51))  # 51: the columns before
    hidden = a.groups[shown:]
    if hidden:
        lines.append(f"  {'...':>10}  {sum(g.count for g in hidden):8d}  programs predicting "
                     f"{len(hidden)} other values, shares below {share_text(hidden[0].share)}")
    return lines


def _continuation_lines(a: Disagreement) -> list[str]:
    lines = [f"  {'v':>10}  {'bits':>6}  {'odds':>9}  fits, says v  {'table':>6}   formula"]
    for c in a.continuations:
        ok = "yes" if c.formula_fits and c.formula_predicts else "NO"
        odds = f"2**-{c.formula_bits - a.best_bits:.1f}"
        lines.append(f"  {c.value:>10}  {c.formula_bits:6.1f}  {odds:>9}  {ok:>12}  "
                     f"{c.table_bits:6.1f}   {clip(c.formula, WIDTH - 53)}")
    return lines


def disagreement_text(a: Disagreement, shown: int = 12) -> str:
    """Groups of programs by next term (``shown`` of them), then a program per chosen value.

    >>> from progsearch.universe import disagreement
    >>> print(disagreement_text(disagreement([1, 2, 3, 4], [5, 9], max_size=3)).splitlines()[0])
    Part (a): 4 terms, 1 2 3 4, and what comes next
    """
    n, top = len(a.train), a.groups[0]
    every = all(c.formula_fits and c.formula_predicts for c in a.continuations)
    extra = [c.formula_bits - a.best_bits for c in a.continuations if c.value != top.value]
    spread = f"{min(extra):.1f} to {max(extra):.1f}" if extra else "0.0"
    lines = [
        f"Part (a): {n} terms, {' '.join(map(str, a.train))}, and what comes next", "",
        wrap(f"The search found {a.n_programs} programs up to size {a.max_size} that reproduce "
             f"the {n} terms. They predict {len(a.groups)} different values for a({n}). Grouped "
             "by that value (share: the group's part of the 2**-bits mixture):"), "",
        *_group_lines(a, shown), "",
        wrap(f"Each group is perfect on its own validation set: the programs of the row "
             f"'{top.value}' score 100% if a({n}) = {top.value} and 0% otherwise, and so does "
             f"every other row for its value. Which row is right is not in the {_word(n)} terms."),
        "",
        wrap(f"For ANY value v there is such a program: the shortest formula, {a.base}, plus "
             f"(v - {a.base} at n={n}) * comb(n, {n}), which is 0 for n < {n} and 1 at n = {n}. "
             f"Or the table of the {n} terms followed by v. Bits by the library's own code; "
             f"'odds' is 2**-bits relative to the shortest program ({a.best_bits:.1f} bits):"), "",
        *_continuation_lines(a), "",
        wrap(f"{'All' if every else 'Not all'} {len(a.continuations)} chosen values have a "
             f"program that fits the {n} terms and predicts them; each costs "
             f"{spread} bits more than the shortest program, a "
             "price that grows with the logarithm of how far v is from its prediction. "
             "No Free Lunch: averaged over all continuations, every learner is right equally "
             "often. Preferring short programs is a bet on what the world is like."),
    ]
    return "\n".join(lines)


def universe_lines(u: Universe, label: str) -> list[str]:
    """How a universe's sequences were drawn: examples (one per form), forms and rejections."""
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


def score_table(e: Experiment) -> list[str]:
    """Both universes side by side: right, accuracy, 95% interval for every learner."""
    head = (f"  {'learner':<18}  {'universe A: programs':^32}  {'universe B: random digits':^32}")
    sub = f"  {'':<18}  " + "  ".join(f"{'right':>9}  {'acc.':>6}  {'95% interval':>13}"
                                       for _ in range(2))
    lines = [head, sub]
    for sa, sb in zip(e.programs.scores, e.noise.scores):
        cells = [f"{s.right:4d}/{s.n:<4d}  {s.accuracy:6.1%}  "
                 f"[{s.interval[0]:5.1%}, {s.interval[1]:5.1%}]" for s in (sa, sb)]
        lines.append(f"  {sa.learner:<18}  {cells[0]}  {cells[1]}")
    chance = f"{'':9}  {e.chance:6.1%}  {'':13}"
    lines.append(f"  {'chance (1/K)':<18}  {chance}  {chance}")
    return lines


def _where_missed(a: Universe, seen: str, nth: str) -> list[str]:
    missed = Counter(d.form for d, g in zip(a.draws, a.guesses) if g[0] != d.terms[-1])
    drawn = Counter(d.form for d in a.draws)
    if not missed:
        return []
    where = ", ".join(f"{n} of the {drawn[form]} written by a {form} program"
                      for form, n in sorted(missed.items(), key=lambda fn: (-fn[1], fn[0])))
    return [(f"Where the shortest program missed in universe A: {where}. A long table, or a "
             f"rule that shows its hand only after the {nth} term, looks like noise to any "
             f"learner that sees {seen} terms.")]


def _chance_finding(b: Universe, chance: float, seen: str) -> str:
    at_chance = [s for s in b.scores if s.interval[0] <= chance <= s.interval[1]]
    if len(at_chance) == len(b.scores):
        return (f"In universe B every learner's interval contains chance, {chance:.0%}: no "
                "learner beats it, and no learner can, since the next digit is independent of "
                f"the {seen} before it.")
    off = ", ".join(s.learner for s in b.scores if s not in at_chance)
    return (f"In universe B the interval of {off} misses chance ({chance:.0%}); the others "
            "contain it.")


def _longest_finding(a: Universe, size: int, seen: str) -> str:
    longest = LEARNERS.index("longest program")
    differ = sum(g[0] != g[longest] for g in a.guesses)
    if differ == 0:
        return (f"In universe A the longest program that fits named the same digit as the "
                f"shortest on all {len(a.draws)} sequences: up to size {size}, the programs "
                f"that fit {seen} terms leave little room to disagree. Part (a), with more room, "
                "shows how long programs that fit part ways.")
    return (f"In universe A the longest program that fits names a different digit from the "
            f"shortest on {differ} of {len(a.draws)} sequences and is right "
            f"{a.score('longest program').accuracy:.1%} of the time.")


def findings(e: Experiment) -> list[str]:
    """What the scores show, in sentences computed from them, as wrapped list items."""
    a, b, chance = e.programs, e.noise, e.chance
    seen = _word(e.setup.n_train)
    best = a.score(LEARNERS[0])
    rivals = [a.score(name) for name in ("best ridge", "lookup")]
    clear = all(best.interval[0] > r.interval[1] for r in rivals)
    lines = [
        f"In universe A the shortest program is right {best.accuracy:.1%} of the time, the best "
        f"ridge {rivals[0].accuracy:.1%}, the lookup {rivals[1].accuracy:.1%}. "
        + ("Its interval lies above both of theirs: the difference is not noise."
           if clear else "Its interval overlaps one of theirs: this run cannot tell them apart."),
        *_where_missed(a, seen, _ordinal(e.setup.n_train)),
        _chance_finding(b, chance, seen),
        _longest_finding(a, e.setup.max_nodes, seen),
    ]
    same = [s.learner for s in b.scores if s.right == b.score("lookup").right]
    if len(same) > 2:
        lines.append(f"In universe B, {', '.join(same)} score alike: the search finds nothing "
                     "shorter than the table, so they all fall back on the same random guess.")
    shift = best.accuracy - b.score(LEARNERS[0]).accuracy
    lines.append(f"The same learner, the same search, the same code: {100 * shift:.1f} "
                 "percentage points better in universe A than in B. Occam's razor is not free: "
                 "it pays off exactly where the world is made by short programs, which is what "
                 "its prior assumes.")
    return [wrap(line, "  ", "- ") for line in lines]


def experiment_text(e: Experiment) -> str:
    """Part (b): the setting, the two universes, the score table and the findings.

    >>> from progsearch.universe import Setup, experiment
    >>> text = experiment_text(experiment(n_tasks=2, setup=Setup(n_train=6)))
    >>> text.splitlines()[0], max(len(line) for line in text.splitlines()) <= 100
    ('Part (b): the universe as a computer', True)
    """
    s = e.setup
    setting = (
        f"Each sequence has {s.n_train + 1} digits in 0..{s.k - 1}; the learners see the first "
        f"{s.n_train} and name the last. Score: right if the digit is exactly the last term. "
        f"Chance is 1/K = {e.chance:.0%} in both universes: they share the alphabet, and "
        "a learner that predicts nothing, or a value outside the alphabet, guesses a uniform "
        f"random digit (seed {e.seed}). The search runs up to size {s.max_nodes}, the size of "
        f"the programs universe A draws; best ridge picks degree in {s.ridge_degrees} and alpha "
        f"in {s.ridge_alphas} on the training terms. Constant sequences are set aside in both "
        "universes. Examples, one of each form drawn (training terms | the term to predict):"
    )
    lines = [
        "Part (b): the universe as a computer", "", wrap(setting), "",
        *universe_lines(e.programs, "  Universe A: programs drawn with probability 2**-bits, "
                                    "run on n = 0, 1, 2, ..."),
        *universe_lines(e.noise, "  Universe B: uniform random digits"), "",
        *score_table(e), "",
        *findings(e),
    ]
    return "\n".join(lines)
