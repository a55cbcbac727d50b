"""The adaptive rule: how well a learner masters each objective, and how much the next review leans on it.

Mastery of an objective is an exponentially weighted accuracy over the learner's verdicts on it,
oldest first, starting from a neutral prior: m <- (1 - ALPHA) * m + ALPHA * score, where the score
is the share of the points earned (0..1) and m starts at PRIOR. With ALPHA = 0.4 the latest answer
counts 40 %, the one before 24 %, and so on, so a recent miss pulls mastery down fast and a run of
right answers lifts it back. An objective never answered stays at PRIOR.

The weight of an objective in the spaced part of a review is max(FLOOR, 1 - m): the weakest
objectives are drawn most often, and FLOOR keeps a mastered one from disappearing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ALPHA = 0.4
PRIOR = 0.5
FLOOR = 0.1


@dataclass(frozen=True)
class Mastery:
    """An objective's mastery (0..1) and how many verdicts it rests on."""

    value: float = PRIOR
    attempts: int = 0

    @property
    def weight(self) -> float:
        return review_weight(self.value)


def review_weight(mastery: float) -> float:
    """How strongly the spaced part of a review leans on an objective of this mastery."""
    return max(FLOOR, 1.0 - mastery)


def updated(mastery: Mastery, score: float) -> Mastery:
    """Mastery after one more verdict with `score` = points / max points."""
    score = min(1.0, max(0.0, score))
    return Mastery((1 - ALPHA) * mastery.value + ALPHA * score, mastery.attempts + 1)


def mastery_by(key_scores: Iterable[tuple[str, float]]) -> dict[str, Mastery]:
    """Mastery per key (an objective, a cell, a track) from (key, score) pairs in time order."""
    out: dict[str, Mastery] = {}
    for key, score in key_scores:
        out[key] = updated(out.get(key, Mastery()), score)
    return out
