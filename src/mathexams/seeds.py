"""Derive one seed per question from what the question is, and build its generator.

The draws are implemented here on top of Mersenne Twister's raw bits (whose output
for an integer seed is fixed by CPython), not on `random.randint` & co., whose
algorithms a future Python may change: a recorded seed must replay for years.
Imports nothing from the package.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

SEED_BITS = 63


def question_seed(master: int, exam_id: str, version: str, template_id: str, occurrence: int = 0) -> int:
    """Return the stable seed of one question, independent of its position in the exam."""
    key = f"{master}/{exam_id}/{version}/{template_id}/{occurrence}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") >> (64 - SEED_BITS)


def derive_seed(seed: int, purpose: str) -> int:
    """Return a seed for a side task (shuffling, checking) that leaves the main stream alone."""
    key = f"{seed}/{purpose}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") >> (64 - SEED_BITS)


class Rng:
    """A seeded generator with draws whose algorithms we own."""

    __slots__ = ("_bits",)

    def __init__(self, seed: int):
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        self._bits = random.Random(seed).getrandbits

    def below(self, n: int) -> int:
        """Uniform integer in [0, n) by rejection sampling on raw bits."""
        if n <= 0:
            raise ValueError("below() needs a positive bound")
        k = n.bit_length()
        while True:
            r = self._bits(k)
            if r < n:
                return r

    def integer(self, lo: int, hi: int) -> int:
        """Uniform integer in [lo, hi], both ends included."""
        if hi < lo:
            raise ValueError(f"empty range [{lo}, {hi}]")
        return lo + self.below(hi - lo + 1)

    def choice(self, items: Sequence[T]) -> T:
        if not items:
            raise ValueError("choice from an empty sequence")
        return items[self.below(len(items))]

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """Fisher-Yates shuffle into a new list."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.below(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """k distinct items, in draw order."""
        if not 0 <= k <= len(items):
            raise ValueError(f"cannot sample {k} of {len(items)} items")
        return self.shuffled(items)[:k]

    def unit(self) -> float:
        """Uniform float in [0, 1) with 53 random bits."""
        return self._bits(53) / 9007199254740992.0
