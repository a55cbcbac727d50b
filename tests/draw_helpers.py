"""Random generators for the tests of drawing macros and simulation checks."""

from __future__ import annotations

import numpy as np

from mathexams.seeds import Rng


def rng(seed: int = 0) -> np.random.Generator:
    """A NumPy generator with a fixed seed."""
    return np.random.default_rng(seed)


def rngs(n: int = 300) -> list[Rng]:
    """The sampler's generators for seeds 0..n-1, to check a macro's promises over many draws."""
    return [Rng(s) for s in range(n)]
