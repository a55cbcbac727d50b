"""The course's graphs checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import sympy
from draw_helpers import rngs

from mathexams.checks import graphs as graphs_checks
from mathexams.macros import graphs, plots

Mat = sympy.Matrix


def test_random_digraph_and_walks():
    for rng in rngs(150):
        n, m, k = rng.choice((4, 5)), rng.integer(5, 8), rng.choice((2, 3))
        A = graphs.random_digraph(rng, n, m, k)
        assert sum(A) == m and all(A[i, i] == 0 for i in range(n))
        assert max(A ** k) >= 2
        walk = graphs.walk_endpoints(rng, A, k)
        i, j = walk.start, walk.end
        assert (A ** k)[i, j] >= 2
        assert graphs_checks.count_walks(A, i, j, k) == (A ** k)[i, j]
        assert len(graphs.walks_latex(A, i, j, k).split(", ")) == (A ** k)[i, j]


def test_count_walks_by_hand():
    A = Mat([[0, 1, 1], [0, 0, 1], [1, 0, 0]])  # 1->2, 1->3, 2->3, 3->1
    assert graphs_checks.count_walks(A, 0, 2, 2) == 1       # 1->2->3
    assert graphs_checks.count_walks(A, 0, 0, 3) == 1       # 1->2->3->1
    assert graphs.walks_latex(A, 0, 0, 3) == r"1\to 2\to 3\to 1"
    assert graphs.edge_list_latex(A) == r"1\to 2, 1\to 3, 2\to 3, 3\to 1"
    pic = plots.digraph_tikz(A)
    assert pic.count(r"\draw[->") == 4 and pic.startswith(r"\begin{tikzpicture}") and "-0.00" not in pic
