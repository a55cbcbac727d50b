"""The course's ml macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import ml
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational

SEEDS = range(60)

PTS = [[7, 0], [4, 4], [0, 5], [2, 5], [9, 4], [7, 1]]

CENTS = [[1, 5], [9, 1]]


def test_kmeans_exact_macros():
    labels = ml.kmeans_labels(PTS, CENTS)
    assert labels == [1, 0, 0, 0, 1, 1]
    assert ml.kmeans_members(PTS, CENTS, 0) == [2, 3, 4]
    assert ml.kmeans_sqdists(PTS, CENTS[0]) == [61, 10, 1, 1, 65, 52]
    new = ml.kmeans_update(PTS, CENTS)
    assert new == [[2, R(14, 3)], [R(23, 3), R(5, 3)]]
    assert ml.kmeans_sse(PTS, CENTS, labels) == 30 and ml.kmeans_sse(PTS, new, labels) == 20
    with pytest.raises(SandboxError, match="equally far"):
        ml.kmeans_labels([[0, 0]], [[1, 0], [-1, 0]])


def test_kmeans_instance_keeps_its_promises():
    seen = set()
    for s in SEEDS:
        for moves in (True, False):
            start = ml.kmeans_instance(Rng(s), 6, moves)
            pts, cents = start.points, start.centroids
            assert len({tuple(p) for p in pts}) == 6 and all(0 <= v <= 9 for p in pts for v in p)
            labels = ml.kmeans_labels(pts, cents)
            assert min(labels.count(0), labels.count(1)) >= 2
            again = ml.kmeans_labels(pts, ml.kmeans_update(pts, cents))
            assert (again != labels) == moves
            seen.add(moves)
    assert seen == {True, False}
