"""The course's markov macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy
from draw_helpers import rngs

from mathexams.macros import markov
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational

SEEDS = range(60)


def test_chain_stationary_solves_pi_p_equals_pi_exactly():
    P = sympy.Matrix([[R(1, 2), R(1, 2)], [R(1, 4), R(3, 4)]])
    assert markov.chain_stationary(P) == [R(1, 3), R(2, 3)]
    with pytest.raises(SandboxError, match="summing to 1"):
        markov.chain_stationary(sympy.Matrix([[R(1, 2), R(1, 3)], [R(1, 4), R(3, 4)]]))


def test_reversible_chain_is_stochastic_with_the_promised_stationary_vector():
    for s in SEEDS:
        for n in (2, 3):
            chain = markov.reversible_chain(Rng(s), n, 10)
            P, pi = chain.matrix, chain.stationary
            assert P.shape == (n, n)
            assert all(sum(P.row(i)) == 1 for i in range(n))
            assert all(P[i, i] > 0 for i in range(n)) and all(v >= 0 for v in P)
            assert all(v.q <= 10 for v in P)
            assert sympy.Matrix([pi]) * P == sympy.Matrix([pi]) and sum(pi) == 1
            assert len(set(pi)) > 1  # never uniform
            assert markov.chain_stationary(P) == pi
            # irreducible: every state reachable from every other in n - 1 steps or fewer
            reach = sum(((P ** k) for k in range(1, n)), sympy.zeros(n, n))
            assert all(reach[i, j] > 0 for i in range(n) for j in range(n) if i != j)


def test_stochastic_matrix_and_probability_vector():
    for rng in rngs(200):
        n = rng.choice((2, 3))
        P = markov.stochastic_matrix(rng, n, 10)
        p = markov.probability_vector(rng, n, 10)
        assert all(sum(P.col(j)) == 1 for j in range(n))
        assert all(0 < v < 1 and (10 * v).is_integer for v in P)
        assert sum(p) == 1 and all(0 <= v < 1 and (10 * v).is_integer for v in p)
