"""Distributions: closed-form probabilities (binomial, Poisson, normal) and discrete pmf tables.

Keys stay in closed form (erf, exp, exact sums), so no `sympy.stats` call sits in a hot path;
`decimals.approx` turns one into a decimal only when a question shows one.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import sympy

from ..api import SandboxError, as_int, macro, to_fraction, to_rational, to_sympy
from .decimals import decimal_text
from .draws import random_composition


@macro(needs_rng=True)
def table_z(rng: Any, lo: Any = -2.5, hi: Any = 2.5) -> sympy.Rational:
    """A z-value with two decimals in [lo, hi] (as a Rational), never 0."""
    lo_c = int(sympy.ceiling(to_sympy(lo) * 100))
    hi_c = int(sympy.floor(to_sympy(hi) * 100))
    if hi_c - lo_c > 100_000:
        raise SandboxError("table_z() range is wider than a z table")
    values = [c for c in range(lo_c, hi_c + 1) if c != 0]
    return sympy.Rational(rng.choice(values), 100)


@macro()
def normal_cdf(x: Any, mu: Any = 0, sigma: Any = 1) -> Any:
    """P(X <= x) for X ~ N(mu, sigma^2) in closed form (erf)."""
    return (1 + sympy.erf((to_sympy(x) - mu) / (sigma * sympy.sqrt(2)))) / 2


@macro()
def binomial_pmf(n: Any, p: Any, k: Any) -> Any:
    """P(X = k) for X ~ Bin(n, p), exactly."""
    n, k = as_int(n, "binomial_pmf"), as_int(k, "binomial_pmf")
    if not 0 <= n <= 2000:
        raise SandboxError("binomial_pmf() needs 0 <= n <= 2000")
    if not 0 <= k <= n:
        return sympy.Integer(0)
    return sympy.binomial(n, k) * to_sympy(p) ** k * (1 - to_sympy(p)) ** (n - k)


@macro()
def binomial_cdf(n: Any, p: Any, k: Any) -> Any:
    """P(X <= k) for X ~ Bin(n, p), exactly."""
    return sum((binomial_pmf(n, p, j) for j in range(0, int(k) + 1)), sympy.Integer(0))


@macro()
def poisson_pmf(lam: Any, k: Any) -> Any:
    """P(X = k) for X ~ Poisson(lam) in closed form."""
    k = as_int(k, "poisson_pmf")
    if not 0 <= k <= 200:
        raise SandboxError("poisson_pmf() needs 0 <= k <= 200")
    lam = to_sympy(lam)
    return sympy.exp(-lam) * lam**k / sympy.factorial(k)


@macro()
def poisson_cdf(lam: Any, k: Any) -> Any:
    """P(X <= k) for X ~ Poisson(lam) in closed form."""
    return sum((poisson_pmf(lam, j) for j in range(0, int(k) + 1)), sympy.Integer(0))


@macro(needs_rng=True)
def pmf_probabilities(rng: Any, n: Any, denominator: Any) -> list[sympy.Rational]:
    """n probabilities k/denominator (k >= 1) adding up to exactly 1: a random composition of the denominator."""
    n, d = as_int(n, "pmf_probabilities"), as_int(denominator, "pmf_probabilities")
    if not 2 <= n <= 10 or d < n or d > 1000:
        raise SandboxError("pmf_probabilities() needs 2 <= n <= 10 and n <= denominator <= 1000")
    return [sympy.Rational(k, d) for k in random_composition(rng, d, n)]


@macro()
def pmf_moment(values: Sequence[Any], probs: Sequence[Any], power: Any = 1) -> sympy.Rational:
    """E[X**power] = sum of p * x**power over a pmf table, exactly."""
    power = as_int(power, "pmf_moment")
    if len(values) != len(probs) or not 0 <= power <= 4:
        raise SandboxError("pmf_moment() needs equally long lists and power 0..4")
    return to_rational(sum((to_fraction(p) * to_fraction(v) ** power for v, p in zip(values, probs)), Fraction(0)))


@macro()
def pmf_tail(values: Sequence[Any], probs: Sequence[Any], t: Any) -> sympy.Rational:
    """P(X >= t) from a pmf table, exactly."""
    t = to_fraction(t)
    return to_rational(sum((to_fraction(p) for v, p in zip(values, probs) if to_fraction(v) >= t), Fraction(0)))


def _prob_latex(p: Fraction) -> str:
    if 100 % p.denominator == 0:
        return decimal_text(to_rational(p))
    return rf"\tfrac{{{p.numerator}}}{{{p.denominator}}}"


@macro(strings_ok=True)
def pmf_table(values: Sequence[Any], probs: Sequence[Any], missing: Any, unknown: Any = "q") -> str:
    """LaTeX table x | P(X = x) with the probability at index `missing` shown as the letter `unknown`.

    Probabilities whose denominator divides 100 are printed as decimals, others as fractions.
    """
    missing = as_int(missing, "pmf_table")
    if len(values) != len(probs) or not 0 <= missing < len(values) or not isinstance(unknown, str):
        raise SandboxError("pmf_table() needs equally long lists, a valid index and a text symbol")
    xs = " & ".join(f"${decimal_text(to_rational(to_fraction(v)))}$" for v in values)
    ps = " & ".join(f"${unknown}$" if i == missing else f"${_prob_latex(to_fraction(p))}$" for i, p in enumerate(probs))
    cols = "c" * len(values)
    return (rf"\begin{{tabular}}{{c|{cols}}}" "\n" rf"$x$ & {xs} \\ \hline" "\n"
            rf"$P(X = x)$ & {ps}" "\n" r"\end{tabular}")
