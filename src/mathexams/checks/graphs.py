"""Walks in directed graphs, counted by enumerating every sequence of vertices."""

from __future__ import annotations

import itertools
from typing import Any

from ..api import CheckFailed, check
from .comparisons import as_array


@check()
def count_walks(A: Any, i: Any, j: Any, k: Any) -> int:
    """Number of walks with k edges from node i to node j (0-based), by enumerating every vertex sequence."""
    a = as_array(A)
    n, length = a.shape[0], int(k)
    if length < 1 or n ** (length - 1) > 10**6:
        raise CheckFailed("walk enumeration too large")
    count = 0
    for middle in itertools.product(range(n), repeat=length - 1):
        path = (int(i), *middle, int(j))
        if all(a[path[t], path[t + 1]] for t in range(length)):
            count += 1
    return count
