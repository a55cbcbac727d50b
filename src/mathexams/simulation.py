"""The one Monte Carlo policy: when a simulated estimate agrees with a key, and what a miss means.

An estimate agrees with its key when it lies within `STANDARD_ERRORS` (4) standard errors of
it. A right key still misses now and then: with a normal estimate, a false alarm has probability
`FALSE_ALARM` = 2 (1 - Phi(4)), about 6.3e-5, per estimate, so a check comparing m estimates
raises a false alarm with probability at most m * 6.3e-5 per question. Every simulation check
states its own rate in its docstring.

A miss raises `SimulationMiss`. The sampler then rejects the whole draw, records the reason in
its statistics (`mathexams check` counts them) and draws new parameters; it never reruns a
simulation hoping for a pass. A wrong key misses on every draw, so `MAX_SIMULATION_MISSES`
misses for one question end sampling with a KeyMismatch: for a right key that needs three
false alarms in a row (below 1e-12).
Imports nothing from the package but the errors.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .errors import SimulationMiss

STANDARD_ERRORS = 4.0
FALSE_ALARM = math.erfc(STANDARD_ERRORS / math.sqrt(2))   # about 6.3e-5 per estimate
MAX_SIMULATION_MISSES = 3


def false_alarm_rate(estimates: int = 1) -> float:
    """Upper bound on the chance that a right key fails a check comparing `estimates` estimates."""
    return min(1.0, estimates * FALSE_ALARM)


def _key(value: Any) -> float:
    """A key as a float (SymPy numbers included) without importing the numeric helpers."""
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SimulationMiss(f"the key {value!r} is not a real number") from None


def agrees(estimate: float, key: Any, *, n: int, what: str, se: float | None = None) -> None:
    """Raise SimulationMiss unless `estimate` lies within 4 standard errors of `key`.

    `se` defaults to the binomial standard error sqrt(p (1 - p) / n) of a probability key p;
    pass it for any other estimate (a mean: sample SD / sqrt(n)).
    """
    k = _key(key)
    if n <= 0:
        raise SimulationMiss(f"{what}: the simulation produced no cases")
    if se is None:
        se = math.sqrt(max(k * (1 - k), 1e-12) / n)
    if not abs(float(estimate) - k) <= STANDARD_ERRORS * se + 1e-12:
        raise SimulationMiss(f"{what}: simulation gives {float(estimate):.5f}, key {k:.5f} "
                             f"(n = {n}, more than {STANDARD_ERRORS:g} standard errors)")


def share_agrees(hits: Any, p: Any, what: str) -> None:
    """The share of true entries in a boolean array agrees with the probability p."""
    flags = np.asarray(hits, dtype=bool)
    agrees(float(flags.mean()) if flags.size else math.nan, p, n=flags.size, what=what)


def mean_agrees(values: Any, key: Any, what: str) -> None:
    """The mean of simulated values agrees with `key`, with the standard error from their own spread."""
    v = np.asarray(values, dtype=float)
    if v.size < 2:
        raise SimulationMiss(f"{what}: fewer than two simulated values")
    agrees(float(v.mean()), key, n=v.size, what=what, se=float(v.std(ddof=1)) / math.sqrt(v.size))
