"""Directed graphs: random adjacency matrices with walks to count, and their edges and walks in LaTeX.

A walk count is an entry of a power of the adjacency matrix; the builders make sure the asked
pair has at least one walk (two or more when the graph allows), so the question is never trivial.
The picture of a graph is drawn by `plots.digraph_tikz`.
"""

from __future__ import annotations

from itertools import product
from typing import Any

import numpy as np
import sympy

from ..api import Record, SandboxError, as_matrix, macro

_ATTEMPTS = 2000


class Walk(Record):
    """Where a walk starts and ends (0-based node numbers)."""

    start: int
    end: int


@macro(needs_rng=True)
def random_digraph(rng: Any, n: Any, m: Any, walk_length: Any = 0) -> sympy.Matrix:
    """Adjacency matrix of a directed graph on n nodes with m edges, no loops, every node on an edge.

    With walk_length k > 0, some pair of nodes is joined by two or more walks of length k.
    """
    n, m, k = int(n), int(m), int(walk_length)
    if not 3 <= n <= 6 or not n - 1 <= m <= n * (n - 1) or not 0 <= k <= 4:
        raise SandboxError("random_digraph() needs 3 <= n <= 6, n - 1 <= m <= n(n - 1) and walk_length 0..4")
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    for _ in range(_ATTEMPTS):
        A = np.zeros((n, n), dtype=np.int64)
        for i, j in rng.sample(pairs, m):
            A[i, j] = 1
        if not np.all(A.sum(axis=0) + A.sum(axis=1) > 0):
            continue
        if k and np.linalg.matrix_power(A, k).max() < 2:
            continue
        return sympy.Matrix(A.tolist())
    raise SandboxError("could not build a graph with the requested walks")  # pragma: no cover


@macro(needs_rng=True)
def walk_endpoints(rng: Any, A: Any, k: Any) -> Walk:
    """Walk (start, end), 0-based: at least one walk of length k joins them; two or more when possible."""
    A = as_matrix(A)
    Ak = A ** int(k)
    many = [(i, j) for i in range(A.rows) for j in range(A.cols) if Ak[i, j] >= 2]
    some = [(i, j) for i in range(A.rows) for j in range(A.cols) if Ak[i, j] >= 1]
    pool = many or some
    if not pool:
        raise SandboxError(f"the graph has no walk of length {k}")
    return Walk(*rng.choice(pool))


@macro()
def edge_list_latex(A: Any) -> str:
    """The edges of a directed graph as LaTeX: 1\\to 2, 2\\to 3, ..."""
    A = as_matrix(A)
    return ", ".join(rf"{i + 1}\to {j + 1}" for i in range(A.rows) for j in range(A.cols) if A[i, j])


@macro()
def walks_latex(A: Any, i: Any, j: Any, k: Any) -> str:
    """The walks with k edges from node i to node j (0-based in, 1-based out) as LaTeX: 1\\to 3\\to 2, ..."""
    A = as_matrix(A)
    n, length = A.rows, int(k)
    if not 1 <= length <= 4:
        raise SandboxError("walks_latex() lists walks of length 1..4")
    found = []
    for middle in product(range(n), repeat=length - 1):
        path = (int(i), *middle, int(j))
        if all(A[path[t], path[t + 1]] for t in range(length)):
            found.append(r"\to ".join(str(v + 1) for v in path))
    return ", ".join(found)


# ---- A pair of nodes joined by a chosen number of walks ----


class WalkCount(Record):
    """A directed graph (`adjacency`) and two different nodes (`start`, `end`, 0-based) joined by
    exactly the requested number of walks of the requested length."""

    adjacency: sympy.Matrix
    start: int
    end: int


@macro(needs_rng=True)
def digraph_with_walk_count(rng: Any, n: Any, fewest_edges: Any, most_edges: Any, walk_length: Any,
                            count: Any) -> WalkCount:
    """WalkCount (adjacency, start, end): a directed graph on n nodes (no loops, every node on an edge,
    fewest_edges..most_edges edges) with two different nodes joined by exactly `count` walks of length k.

    The count is chosen first (so the keys of a template spread evenly over the values it draws); a
    count of 0 still has an edge leaving the start and one entering the end, so 0 must be worked out.
    """
    size, lo, hi, k, want = (int(v) for v in (n, fewest_edges, most_edges, walk_length, count))
    if not 3 <= size <= 6 or not size - 1 <= lo <= hi <= size * (size - 1) or not 1 <= k <= 4 or not 0 <= want <= 20:
        raise SandboxError("digraph_with_walk_count() needs 3 <= n <= 6, n - 1 <= fewest <= most <= n(n - 1), "
                           "length 1..4 and a count 0..20")
    pairs = [(i, j) for i in range(size) for j in range(size) if i != j]
    for _ in range(_ATTEMPTS):
        A = np.zeros((size, size), dtype=np.int64)
        for i, j in rng.sample(pairs, rng.integer(lo, hi)):
            A[i, j] = 1
        if not np.all(A.sum(axis=0) + A.sum(axis=1) > 0):
            continue
        Ak = np.linalg.matrix_power(A, k)
        fits = [(i, j) for i, j in pairs if Ak[i, j] == want and A[i].any() and A[:, j].any()]
        if fits:
            i, j = rng.choice(fits)
            return WalkCount(sympy.Matrix(A.tolist()), int(i), int(j))
    raise SandboxError(f"could not build a graph with {want} walks of length {k} between two nodes")
