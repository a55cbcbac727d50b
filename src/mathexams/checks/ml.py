"""Machine-learning steps, checked with NumPy: k-means assignments and centroids, Gaussian class-conditional models.

The Gaussian classifier's threshold is found by bisection on the weighted densities, its error by
quadrature and by a simulation of labelled points.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..api import CheckFailed, bisect, check, gauss_legendre, mean_agrees, option_flags, share_agrees, to_float
from .comparisons import as_array


def _kmeans(points: Any, centroids: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = as_array([list(p) for p in points])
    C = as_array([list(c) for c in centroids])
    d = np.linalg.norm(X[:, None, :] - C[None, :, :], axis=2)
    srt = np.sort(d, axis=1)
    if np.any(srt[:, 1] - srt[:, 0] < 1e-9):
        raise CheckFailed("a point is equidistant from two centroids")
    labels = np.argmin(d, axis=1)
    new = np.array([X[labels == j].mean(axis=0) for j in range(len(C))])
    return X, labels, new


@check()
def kmeans_assignment_matches(points: Any, centroids: Any, members: Any) -> bool:
    """members = 1-based numbers of the points nearest the first centroid (NumPy distances)."""
    _, labels, _ = _kmeans(points, centroids)
    got = sorted(int(i) + 1 for i in np.flatnonzero(labels == 0))
    key = sorted(int(v) for v in members)
    if got != key:
        raise CheckFailed(f"NumPy assigns {got} to the first centroid, key {key}")
    return True


@check()
def np_kmeans_centroids(points: Any, centroids: Any) -> np.ndarray:
    """Centroids after one k-means step (assign to the nearest, average), one row per cluster."""
    return _kmeans(points, centroids)[2]


@check()
def np_kmeans_sse(points: Any, centroids: Any) -> float:
    """Within-cluster sum of squares after one k-means step (old assignment, new centroids)."""
    X, labels, new = _kmeans(points, centroids)
    return float(np.sum((X - new[labels]) ** 2))


@check()
def kmeans_reassign_matches(points: Any, centroids: Any, claim: Any) -> bool:
    """claim says a second assignment step (with the updated centroids) moves at least one point."""
    X, labels, new = _kmeans(points, centroids)
    _, again, _ = _kmeans(points, new)
    moved = bool(np.any(again != labels))
    if moved != option_flags([claim])[0]:
        raise CheckFailed(f"NumPy re-assignment moves a point: {moved}; key {claim}")
    return True


@check()
def np_gaussian_posterior(x0: Any, mu0: Any, mu1: Any, sigma: Any, p1: Any) -> float:
    """P(class 1 | x0) from the two normal densities and the prior p1 (Bayes' rule in NumPy)."""
    x, m0, m1, s, p = (to_float(v) for v in (x0, mu0, mu1, sigma, p1))
    dens = lambda m: math.exp(-((x - m) ** 2) / (2 * s * s)) / (s * math.sqrt(2 * math.pi))
    num = p * dens(m1)
    return num / (num + (1 - p) * dens(m0))


def _weighted_densities(x: np.ndarray, m0: float, m1: float, s: float, p: float) -> tuple[np.ndarray, np.ndarray]:
    c = 1 / (s * math.sqrt(2 * math.pi))
    return (1 - p) * c * np.exp(-((x - m0) ** 2) / (2 * s * s)), p * c * np.exp(-((x - m1) ** 2) / (2 * s * s))


@check()
def np_gaussian_threshold(mu0: Any, mu1: Any, sigma: Any, p1: Any) -> float:
    """Point between mu0 - 10 sigma and mu1 + 10 sigma where the prior-weighted normal densities are equal (bisection)."""
    m0, m1, s, p = (to_float(v) for v in (mu0, mu1, sigma, p1))
    diff = lambda t: float(np.subtract(*_weighted_densities(np.array([t]), m0, m1, s, p)[::-1])[0])
    try:
        return bisect(diff, min(m0, m1) - 10 * s, max(m0, m1) + 10 * s)
    except ValueError:
        raise CheckFailed("the weighted densities do not cross between the means") from None


@check()
def np_gaussian_rule_error(mu0: Any, mu1: Any, sigma: Any, p1: Any, t: Any) -> float:
    """Error probability of 'class 1 iff x > t' by Gauss-Legendre quadrature of the weighted densities."""
    m0, m1, s, p, thr = (to_float(v) for v in (mu0, mu1, sigma, p1, t))
    total = 0.0
    for lo, hi, cls in ((thr, m0 + 14 * s, 0), (m1 - 14 * s, thr, 1)):
        if hi <= lo:
            continue
        total += gauss_legendre(lambda x, cls=cls: _weighted_densities(x, m0, m1, s, p)[cls], lo, hi, panels=32)
    return total


@check(needs_rng=True, simulation=True)
def threshold_error_simulation(rng: np.random.Generator, mu0: Any, mu1: Any, sigma: Any, p1: Any, t: Any,
                               error: Any, n: Any = 200_000) -> bool:
    """The share of n simulated labelled points misclassified by 'class 1 iff x > t' agrees with `error`.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    m0, m1, s, p, thr = (to_float(v) for v in (mu0, mu1, sigma, p1, t))
    size = min(int(n), 200_000)
    labels = rng.random(size) < p
    x = np.where(labels, m1, m0) + s * rng.standard_normal(size)
    share_agrees((x > thr) != labels, error, "misclassification rate")
    return True


# ---------------------------------------------------------------- decisions under uncertainty (weeks 11-12, bank-review)


@check(needs_rng=True, simulation=True)
def expected_losses_simulation(rng: np.random.Generator, costs: Any, probs: Any, losses: Any,
                               n: Any = 100_000) -> bool:
    """Draw n states from `probs`, charge every action (a row of `costs`, one column per state) the
    cost of the drawn state, and check that each action's average cost agrees with `losses`.

    False alarm: about 1.9e-4 per question at most (one estimate per action, up to three actions).
    """
    C = as_array(costs)
    p = np.array([to_float(v) for v in probs])
    key = [to_float(v) for v in losses]
    if C.ndim != 2 or C.shape[1] != p.size or C.shape[0] != len(key) or not 1 <= C.shape[0] <= 3:
        raise CheckFailed(f"costs must be (1..3 actions) x {p.size} states and losses one per action")
    if abs(p.sum() - 1) > 1e-12 or np.any(p < 0):
        raise CheckFailed(f"state probabilities {p.tolist()} are not a distribution")
    states = rng.choice(p.size, size=min(int(n), 200_000), p=p)
    for action, loss in enumerate(key):
        mean_agrees(C[action, states], loss, f"average cost of action {action + 1}")
    return True


@check()
def best_action_marked(costs: Any, probs: Any, marked: Any) -> bool:
    """The options marked correct are exactly the action (row of `costs`) with the least expected cost,
    found by a loop over actions and states in floats; a tie (within 1e-9) is refused."""
    rows = [[to_float(c) for c in row] for row in as_array(costs).tolist()]
    p = [to_float(v) for v in probs]
    totals = [sum(c * q for c, q in zip(row, p)) for row in rows]
    order = sorted(range(len(totals)), key=totals.__getitem__)
    if len(order) > 1 and totals[order[1]] - totals[order[0]] < 1e-9:
        raise CheckFailed(f"two actions tie for the least expected cost: {totals}")
    flags = option_flags(marked)
    if flags != [i == order[0] for i in range(len(totals))]:
        raise CheckFailed(f"marked {flags}, but the least expected cost {totals[order[0]]} is action {order[0] + 1}")
    return True
