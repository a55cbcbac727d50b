"""Markov chains, checked by NumPy iteration, first-step analysis and simulation of many chains."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..api import CheckFailed, agrees, check
from .comparisons import as_array, vector_of


def _stochastic(P: Any) -> np.ndarray:
    M = as_array(P)
    if M.ndim != 2 or M.shape[0] != M.shape[1] or np.any(M < 0) or not np.allclose(M.sum(axis=1), 1):
        raise CheckFailed("not a row-stochastic square matrix")
    return M


@check()
def np_stationary(P: Any, steps: Any = 2000) -> np.ndarray:
    """Stationary distribution of a row-stochastic P by power iteration pi <- pi P from uniform."""
    M = _stochastic(P)
    pi = np.full(M.shape[0], 1.0 / M.shape[0])
    for _ in range(int(steps)):
        nxt = pi @ M
        if np.max(np.abs(nxt - pi)) < 1e-15:
            pi = nxt
            break
        pi = nxt
    return pi


@check()
def np_return_time(P: Any, state: Any) -> float:
    """Mean return time to `state` (0-based) by first-step analysis: solve h = 1 + Q h in NumPy.

    h_j is the mean time to hit the state from j != state (Q = P without the state's row and
    column); the return time is 1 + sum_k P[state, k] h_k. Independent of pi and Kac's formula.
    """
    M = _stochastic(P)
    s = int(state)
    others = [k for k in range(M.shape[0]) if k != s]
    Q = M[np.ix_(others, others)]
    h = np.linalg.solve(np.eye(len(others)) - Q, np.ones(len(others)))
    return float(1 + M[s, others] @ h)


@check()
def np_markov(P: Any, p0: Any, steps: Any) -> np.ndarray:
    """Distribution after `steps` steps of p_{k+1} = P p_k (column-stochastic P), by NumPy."""
    T, p = as_array(P), vector_of(p0)
    for _ in range(int(steps)):
        p = T @ p
    return p


@check(needs_rng=True, simulation=True)
def markov_simulation_matches(rng: np.random.Generator, P: Any, p0: Any, steps: Any, pk: Any,
                              n: Any = 100_000) -> bool:
    """Simulate n chains with column-stochastic P from p0; each state's share after `steps` agrees with pk.

    False alarm: at most 3.2e-4 per question (about 6.3e-5 per state, up to five states).
    """
    T, start, target = as_array(P), vector_of(p0), vector_of(pk)
    size, s = int(n), int(steps)
    if not np.allclose(T.sum(axis=0), 1) or not np.isclose(start.sum(), 1) or np.any(T < 0):
        raise CheckFailed("P must be column-stochastic and p0 a distribution")
    # The chains are exchangeable, so moving the n_j chains in state j with one multinomial draw
    # over column j is the same simulation as moving them one by one.
    counts = rng.multinomial(size, start / start.sum())
    for _ in range(s):
        nxt = np.zeros_like(counts)
        for j, nj in enumerate(counts):
            if nj:
                col = T[:, j] / T[:, j].sum()
                nxt += rng.multinomial(nj, col)
        counts = nxt
    for state, (share, p) in enumerate(zip(counts / size, target)):
        agrees(float(share), float(p), n=size, what=f"share of chains in state {state + 1} after {s} step(s)")
    return True
