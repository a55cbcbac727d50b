"""Markov chains: stochastic matrices and distributions with exact entries, and stationary vectors.

Two conventions meet in the course and each builder says which it uses: a column-stochastic P
moves a column distribution by p' = P p (linear algebra, weeks 5-6); a row-stochastic P moves a
row distribution by pi' = pi P (weeks 11-12). Stationary vectors are solved exactly with fractions.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, macro, to_rational
from .draws import random_composition
from .matrices import fraction_rows, solve_exact

_ATTEMPTS = 2000


class Chain(Record):
    """A row-stochastic transition matrix and its stationary row vector."""

    matrix: sympy.Matrix
    stationary: list


@macro(needs_rng=True)
def stochastic_matrix(rng: Any, n: Any, den: Any = 10) -> sympy.Matrix:
    """Column-stochastic n x n matrix with positive entries that are multiples of 1/den."""
    n, den = int(n), int(den)
    if not 2 <= n <= 5 or den < n + 1 or den > 100:
        raise SandboxError("stochastic_matrix() needs n in 2..5 and n < den <= 100")
    P = sympy.zeros(n, n)
    for j in range(n):
        col = random_composition(rng, den, n)
        for i in range(n):
            P[i, j] = sympy.Rational(col[i], den)
    return P


@macro(needs_rng=True)
def probability_vector(rng: Any, n: Any, den: Any = 10) -> sympy.Matrix:
    """Column vector of n non-negative multiples of 1/den summing to 1, not a unit vector."""
    n, den = int(n), int(den)
    if not 2 <= n <= 5 or not 2 <= den <= 100:
        raise SandboxError("probability_vector() needs n in 2..5 and den in 2..100")
    for _ in range(_ATTEMPTS):
        # cuts drawn independently, repeats allowed: zero entries occur, as in real distributions
        cuts = sorted(rng.integer(0, den) for _ in range(n - 1))
        edges = [0, *cuts, den]
        parts = [edges[k + 1] - edges[k] for k in range(n)]
        if max(parts) < den:
            return sympy.Matrix([sympy.Rational(p, den) for p in parts])
    raise SandboxError("could not build a probability vector")  # pragma: no cover


@macro()
def chain_stationary(P: Any) -> list[sympy.Rational]:
    """Exact stationary row vector pi (pi P = pi, entries sum to 1) of a row-stochastic matrix."""
    rows = fraction_rows(P)
    n = len(rows)
    if n < 2 or n > 6 or any(len(r) != n for r in rows):
        raise SandboxError("chain_stationary() needs a square matrix of size 2..6")
    if any(sum(r) != 1 or min(r) < 0 for r in rows):
        raise SandboxError("chain_stationary() needs non-negative rows summing to 1")
    # pi (P - I) = 0  <=>  (P - I)^T pi^T = 0; replace the last equation by sum(pi) = 1
    M = [[rows[j][i] - (1 if i == j else 0) for j in range(n)] for i in range(n)]
    M[-1] = [Fraction(1)] * n
    rhs = [Fraction(0)] * (n - 1) + [Fraction(1)]
    return [to_rational(v) for v in solve_exact(M, rhs)]


@macro(needs_rng=True)
def reversible_chain(rng: Any, n: Any = 3, max_denominator: Any = 12) -> Chain:
    """Chain (matrix, stationary): a row-stochastic n x n chain (n = 2 or 3) with a chosen, non-uniform stationary pi.

    Built from a symmetric flow: P[i][j] = g_ij / (k w_i) with g symmetric, so pi = w / sum(w)
    satisfies detailed balance. Every diagonal entry is positive (aperiodic) and the chain is
    irreducible; denominators stay at most `max_denominator`.
    """
    n, top = int(n), int(max_denominator)
    if n not in (2, 3):
        raise SandboxError("reversible_chain() builds 2- or 3-state chains")
    for _ in range(_ATTEMPTS):
        w = [rng.integer(1, 4) for _ in range(n)]
        if len(set(w)) == 1:
            continue
        k = rng.choice([2, 3, 4, 5])
        if k * max(w) > top:
            continue
        g = [[0] * n for _ in range(n)]
        for i, j in itertools.combinations(range(n), 2):
            g[i][j] = g[j][i] = rng.integer(0 if n == 3 else 1, 3)
        # irreducible: the flow graph must be connected
        if n == 3 and sum(1 for i, j in itertools.combinations(range(n), 2) if g[i][j]) < 2:
            continue
        if any(sum(g[i]) >= k * w[i] for i in range(n)):
            continue
        P = [[Fraction(g[i][j], k * w[i]) for j in range(n)] for i in range(n)]
        for i in range(n):
            P[i][i] = 1 - sum(P[i][j] for j in range(n) if j != i)
        total = sum(w)
        pi = [sympy.Rational(v, total) for v in w]
        return Chain(sympy.Matrix([[to_rational(v) for v in r] for r in P]), pi)
    raise SandboxError("could not build a reversible chain")
