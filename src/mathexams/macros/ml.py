"""Machine-learning steps done exactly: one round of k-means on integer points.

Centroids, distances and sums of squares are fractions, so every number in a key is exact;
instances are drawn so that no point is ever equidistant from two centroids.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, macro, to_rational
from .matrices import fraction_rows, fraction_vector

_ATTEMPTS = 1000


class KMeansStart(Record):
    """Points and starting centroids for k-means (integer coordinates)."""

    points: list
    centroids: list


def _points(points: Any) -> list[list[Fraction]]:
    pts = fraction_rows(points)
    if any(len(p) != len(pts[0]) for p in pts):
        raise SandboxError("points must all have the same dimension")
    return pts


def _sqdist(p: Sequence[Fraction], c: Sequence[Fraction]) -> Fraction:
    return sum(((a - b) ** 2 for a, b in zip(p, c)), Fraction(0))


def _labels(pts: list[list[Fraction]], cents: list[list[Fraction]]) -> list[int] | None:
    """Nearest centroid of each point (squared Euclidean distance); None on a tie."""
    out = []
    for p in pts:
        d = [_sqdist(p, c) for c in cents]
        best = min(d)
        if d.count(best) > 1:
            return None
        out.append(d.index(best))
    return out


def _means(pts: list[list[Fraction]], labels: list[int], k: int) -> list[list[Fraction]] | None:
    out = []
    for j in range(k):
        members = [p for p, lab in zip(pts, labels) if lab == j]
        if not members:
            return None
        out.append([sum(col, Fraction(0)) / len(members) for col in zip(*members)])
    return out


@macro()
def kmeans_labels(points: Any, centroids: Any) -> list[int]:
    """For each point, the 0-based index of its nearest centroid (squared Euclidean distance)."""
    labels = _labels(_points(points), _points(centroids))
    if labels is None:
        raise SandboxError("a point is equally far from two centroids")
    return labels


@macro()
def kmeans_sqdists(points: Any, centre: Any) -> list[sympy.Rational]:
    """Squared Euclidean distance from each point to one centre, in point order."""
    c = fraction_vector(centre)
    return [to_rational(_sqdist(p, c)) for p in _points(points)]


@macro()
def kmeans_members(points: Any, centroids: Any, j: Any) -> list[int]:
    """1-based numbers of the points whose nearest centroid is centroid j (0-based)."""
    labels = kmeans_labels(points, centroids)
    return [i + 1 for i, lab in enumerate(labels) if lab == int(j)]


@macro()
def kmeans_update(points: Any, centroids: Any) -> list[list[sympy.Rational]]:
    """One k-means update: assign each point to its nearest centroid, return the cluster means."""
    pts, cents = _points(points), _points(centroids)
    labels = kmeans_labels(points, centroids)
    means = _means(pts, labels, len(cents))
    if means is None:
        raise SandboxError("a cluster is empty after the assignment step")
    return [[to_rational(v) for v in m] for m in means]


@macro()
def kmeans_sse(points: Any, centres: Any, labels: Any) -> sympy.Rational:
    """Sum over points of the squared distance to the centre of its labelled (0-based) cluster."""
    pts, cents = _points(points), _points(centres)
    return to_rational(sum((_sqdist(p, cents[int(lab)]) for p, lab in zip(pts, labels)), Fraction(0)))


@macro(needs_rng=True)
def kmeans_instance(rng: Any, n: Any = 6, changes: Any = None, lo: Any = 0, hi: Any = 9) -> KMeansStart:
    """KMeansStart (points, centroids): n distinct integer points in two loose groups and two starting centroids.

    No point is equidistant from the two centroids, before or after one update; both clusters
    keep at least two points. `changes` (True/False) asks whether re-assigning with the updated
    centroids moves at least one point.
    """
    n, lo, hi = as_int(n, "kmeans_instance"), as_int(lo, "kmeans_instance"), as_int(hi, "kmeans_instance")
    if not 4 <= n <= 10 or hi - lo < 6:
        raise SandboxError("kmeans_instance() needs 4..10 points on a grid at least 7 wide")
    for _ in range(_ATTEMPTS):
        centres = [[rng.integer(lo + 1, hi - 1), rng.integer(lo + 1, hi - 1)] for _ in range(2)]
        if _sqdist([Fraction(v) for v in centres[0]], [Fraction(v) for v in centres[1]]) < 16:
            continue
        pts: list[list[int]] = []
        for i in range(n):
            c = centres[i % 2]
            p = [min(hi, max(lo, c[0] + rng.integer(-2, 2))), min(hi, max(lo, c[1] + rng.integer(-2, 2)))]
            if p in pts:
                break
            pts.append(p)
        if len(pts) < n:
            continue
        pts = rng.shuffled(pts)
        cents = [[rng.integer(lo, hi), rng.integer(lo, hi)] for _ in range(2)]
        if cents[0] == cents[1] or any(c in pts for c in cents):
            continue
        F = [[Fraction(v) for v in p] for p in pts]
        C = [[Fraction(v) for v in c] for c in cents]
        labels = _labels(F, C)
        if labels is None or min(labels.count(0), labels.count(1)) < 2:
            continue
        means = _means(F, labels, 2)
        again = _labels(F, means) if means else None
        if again is None:
            continue
        if changes is not None and bool(changes) != (again != labels):
            continue
        return KMeansStart(pts, cents)
    raise SandboxError("could not build a k-means instance")
