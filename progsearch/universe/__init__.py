"""The universe as a computer: programs drawn from the 2**-bits prior, and No Free Lunch.

- ``prior``: read the length code backwards from coin flips, so a program of b bits is drawn
  with probability 2**-b (``read_program``, ``draw_program``).
- ``worlds``: universe A runs drawn programs, universe B writes random digits; the learners.
- ``experiment``: every learner scored in both universes, with Wilson 95% intervals.
- ``disagreement``: the programs that fit the same terms and disagree about the next one.
- ``text``: the printed account of both.
"""

from .disagreement import (
                           Continuation,
                           Disagreement,
                           Group,
                           continuation,
                           disagreement,
                           groups_by_next,
                           program_for,
)
from .experiment import Z95, Experiment, Score, Universe, experiment, run_universe, wilson
from .prior import (
                           Bits,
                           Rejected,
                           draw_program,
                           read_expr,
                           read_integer,
                           read_positive,
                           read_program,
)
from .text import disagreement_text, experiment_text, findings, score_table, universe_lines
from .worlds import (
                           LEARNERS,
                           Draw,
                           Setup,
                           draw_from_programs,
                           draw_random,
                           guesses,
                           mixture_guess,
                           next_value,
                           ridge_value,
)

__all__ = ["LEARNERS", "Z95", "Bits", "Continuation", "Disagreement", "Draw", "Experiment",
           "Group", "Rejected", "Score", "Setup", "Universe", "continuation", "disagreement",
           "disagreement_text", "draw_from_programs", "draw_program", "draw_random",
           "experiment", "experiment_text", "findings", "groups_by_next", "guesses",
           "mixture_guess", "next_value", "program_for", "read_expr", "read_integer",
           "read_positive", "read_program", "ridge_value", "run_universe", "score_table",
           "universe_lines", "wilson"]
