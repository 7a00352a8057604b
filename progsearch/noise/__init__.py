"""Two-part (MDL) length of noisy integer data: the program's bits, then its residuals' bits.

A program with values ``f`` at the training points describes the data ``y`` in two parts:
the program, then the residuals ``r = y - f`` under this code (``n``, the number of points,
is known to the decoder):

* a scale index ``s`` in ``0 .. S_MAX``, written with ``count_bits(s)`` (Elias delta of
  ``s + 1``).  ``s = 0`` means *exact*: every residual is 0 and nothing more follows.
* for ``s >= 1``, ``sigma_s = 2**((s - 1)/4 - 2)`` (0.25, 0.30, ... a quarter octave a step,
  up to ``2**64``), and each residual is written with the discretized Gaussian
  ``p_s(r) = exp(-r**2 / (2 sigma_s**2)) / Z_s`` on the integers: ``-log2 p_s(r) = log2 Z_s
  + log2(e) r**2 / (2 sigma_s**2)`` bits (ideal code lengths: arithmetic coding meets them
  within 2 bits per message).  ``Z_s``, the sum of ``exp(-k**2 / (2 sigma**2))`` over every
  integer ``k``, is summed directly over ``|k| <= 40 sigma + 1`` for ``sigma <= 64`` (the rest
  is below ``exp(-800)``); above, Poisson summation gives ``Z = sigma sqrt(2 pi) (1 + 2 sum_m
  exp(-2 pi**2 sigma**2 m**2))``, whose sum is below ``exp(-80000)``.

The residual bits are the minimum over ``s``.  They depend on ``r`` only through ``SS = sum
r**2``: each ``s`` is a line ``a_s + b_s SS``, so the minimum is a lower envelope of lines,
built once per ``n`` and looked up with a binary search (vectorized, no loop over rows).

Kraft: the scale words are prefix-free, ``sum_s 2**-count_bits(s) <= 1``; for ``s = 0`` the one
vector 0 has the empty continuation, and for ``s >= 1`` the residual words sum to ``(sum_k
p_s(k))**n = 1``.  So the lengths sum to at most 1, also after the minimum over ``s``.

Exact fits: no prefix code can give "all residuals 0" an empty word and still code the rest;
the honest version costs ``EXACT_BITS = count_bits(0) = 1`` bit, for every program and every
``n``, so exact fits rank exactly as they do without noise (every ``s >= 1`` costs >= 4 bits).

Affine mode (``affine=True``): each model starts with a tag of ``AFFINE_TAG_BITS = log2 3``
bits saying which of three it is: ``plain`` (a program, then the residuals), ``affine`` (a
program, then two integer constants ``c0, c1``: the values are ``c0 + c1 * f``, the constants
cost ``int_bits(c0) + int_bits(c1)``), or ``constant`` (no program: one integer ``c0``, then
the residuals; the null model of noisy data, priced by ``int_bits(c0)`` alone).  Kraft: with
``P`` the programs' sum and ``C = sum_c 2**-int_bits(c) <= 1``, ``(P + P C**2 + C) / 3 <= 1``.
Every model pays the tag, so exact plain fits still rank among themselves as before.

Modules: ``code`` (the scale and residual code, ``residual_bits``), ``fit`` (affine constants
and the two-part lengths of candidates, ``two_part``), ``program`` (``Fitted``: a model as a
program), ``candidates`` (every formula the engine keeps, priced and scored), ``finders``
(the finders of a noisy search), ``predict`` (the mixture's votes with noisy programs),
``rows`` (compare's rows in noisy mode), ``values`` (decimal terms as integers at their
precision).  The noisy classics of the benchmark are in ``progsearch.bench.noisy``.
"""

from .code import (
    AFFINE_TAG_BITS,
    EXACT_BITS,
    S_MAX,
    point_bits,
    residual_bits,
    residual_bits_one,
    scale_bits,
    scale_sigma,
)
from .fit import TwoPart, TwoParts, affine_fit, least_squares, two_part, two_part_one
from .program import Fitted
from .values import decimal_terms

__all__ = [
    "AFFINE_TAG_BITS",
    "EXACT_BITS",
    "Fitted",
    "S_MAX",
    "TwoPart",
    "TwoParts",
    "affine_fit",
    "decimal_terms",
    "least_squares",
    "point_bits",
    "residual_bits",
    "residual_bits_one",
    "scale_bits",
    "scale_sigma",
    "two_part",
    "two_part_one",
]
