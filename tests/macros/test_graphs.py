"""Directed graphs: random adjacency matrices with walks to count, and their edges and walks in LaTeX."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import graphs
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng


def test_random_digraph_has_the_edges_asked_for_and_two_walks_to_count():
    for s in range(100):
        A = graphs.random_digraph(Rng(s), 5, 7, 3)
        assert sum(A) == 7 and all(A[i, i] == 0 for i in range(5))
        assert all(any(A.row(i)) or any(A.col(i)) for i in range(5))      # every node on an edge
        assert max(A ** 3) >= 2


def test_walk_endpoints_is_a_record_with_walks_between_its_ends():
    A = sympy.Matrix([[0, 1, 1], [0, 0, 1], [1, 0, 0]])
    for s in range(30):
        walk = graphs.walk_endpoints(Rng(s), A, 2)
        assert (A ** 2)[walk.start, walk.end] >= 2 or max(A ** 2) < 2
    with pytest.raises(SandboxError, match="no walk of length"):
        graphs.walk_endpoints(Rng(0), sympy.zeros(3, 3), 2)


def test_edges_and_walks_in_latex():
    A = sympy.Matrix([[0, 1, 1], [0, 0, 1], [1, 0, 0]])
    assert graphs.edge_list_latex(A) == r"1\to 2, 1\to 3, 2\to 3, 3\to 1"
    assert graphs.walks_latex(A, 0, 2, 2) == r"1\to 2\to 3"
    with pytest.raises(SandboxError, match="length 1..4"):
        graphs.walks_latex(A, 0, 2, 5)


def test_digraph_with_walk_count_has_exactly_the_count_asked_for():
    import itertools
    for want in range(5):
        for s in range(20):
            item = graphs.digraph_with_walk_count(Rng(s), 6, 10, 14, 2, want)
            A, i, j = item.adjacency, item.start, item.end
            assert i != j and all(A[v, v] == 0 for v in range(6)) and 10 <= sum(A) <= 14
            walks = sum(1 for m in range(6) if A[i, m] and A[m, j])       # enumerate the middle node
            assert walks == want and any(A.row(i)) and any(A.col(j))
    for s in range(20):
        item = graphs.digraph_with_walk_count(Rng(s), 5, 7, 10, 3, 4)
        A, i, j = item.adjacency, item.start, item.end
        assert sum(1 for a, b in itertools.product(range(5), repeat=2) if A[i, a] and A[a, b] and A[b, j]) == 4
    with pytest.raises(SandboxError):
        graphs.digraph_with_walk_count(Rng(0), 7, 10, 14, 2, 1)
