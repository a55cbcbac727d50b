"""Independent checks used mainly by the probability and statistics templates of weeks 7-10 and the visualization templates of weeks 11-12."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from ..numeric import to_float
from .base import CheckFailed, check  # noqa: F401


@check(needs_rng=True)
def simulate_binomial_pmf(rng: np.random.Generator, n: Any, p: Any, k: Any, draws: Any = 200_000) -> float:
    """Share of simulated Bin(n, p) draws equal to k (Monte Carlo, 200 000 draws)."""
    samples = rng.binomial(int(n), to_float(p), size=int(draws))
    return float(np.mean(samples == int(k)))


@check()
def enumerate_binomial_pmf(n: Any, p: Any, k: Any) -> Fraction:
    """P(X = k) by enumerating all 2**n success/failure sequences with exact fractions (n <= 16)."""
    n, k = int(n), int(k)
    if n > 16:
        raise CheckFailed("enumeration limited to n <= 16")
    prob = Fraction(str(p))
    total = Fraction(0)
    for outcome in itertools.product((0, 1), repeat=n):
        if sum(outcome) == k:
            term = Fraction(1)
            for o in outcome:
                term *= prob if o else 1 - prob
            total += term
    return total
