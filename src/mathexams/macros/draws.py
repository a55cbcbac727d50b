"""Random draws for template parameters: integers, choices, samples, rationals, compositions.

Each takes the question's generator first (so it may only appear in `params`) and returns exact
values (Python ints, SymPy Rationals), never binary floats. The generic draws live here; a
builder that draws a value with a mathematical property (a matrix, a data set) lives with its concept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from ..api import SandboxError, as_int, macro

MAX_DRAW_COUNT = 200


def _count(n: Any) -> int:
    n = as_int(n, "count")
    if not 0 <= n <= MAX_DRAW_COUNT:
        raise SandboxError(f"cannot draw {n} values (limit {MAX_DRAW_COUNT})")
    return n


@macro(needs_rng=True)
def randint(rng: Any, lo: Any, hi: Any) -> int:
    """Integer drawn uniformly from lo..hi, both included."""
    lo, hi = as_int(lo, "randint"), as_int(hi, "randint")
    if hi < lo:
        raise SandboxError(f"randint({lo}, {hi}) is an empty range")
    return rng.integer(lo, hi)


@macro(needs_rng=True)
def nonzero(rng: Any, lo: Any, hi: Any) -> int:
    """Integer drawn uniformly from lo..hi without 0 (constructed, never rejected)."""
    lo, hi = as_int(lo, "nonzero"), as_int(hi, "nonzero")
    values = [v for v in range(lo, hi + 1) if v != 0] if hi - lo <= 10_000 else None
    if values is None:
        raise SandboxError("nonzero() range too wide")
    if not values:
        raise SandboxError(f"nonzero({lo}, {hi}) has no non-zero value")
    return rng.choice(values)


@macro(needs_rng=True)
def signed(rng: Any, lo: Any, hi: Any) -> int:
    """A magnitude from lo..hi (lo >= 1) with a random sign: +-{lo..hi}."""
    lo, hi = as_int(lo, "signed"), as_int(hi, "signed")
    if lo < 1 or hi < lo:
        raise SandboxError(f"signed({lo}, {hi}) needs 1 <= lo <= hi")
    return rng.integer(lo, hi) * rng.choice((-1, 1))


@macro(needs_rng=True, strings_ok=True)
def choice(rng: Any, options: Sequence[Any]) -> Any:
    """One item of a list, uniformly."""
    if not isinstance(options, (list, tuple)) or not options:
        raise SandboxError("choice() needs a non-empty list")
    return rng.choice(list(options))


@macro(needs_rng=True, strings_ok=True)
def sample(rng: Any, options: Sequence[Any], k: Any) -> list[Any]:
    """k distinct items of a list, in random order."""
    if not isinstance(options, (list, tuple)):
        raise SandboxError("sample() needs a list")
    k = _count(k)
    if k > len(options):
        raise SandboxError(f"cannot sample {k} of {len(options)} items")
    return rng.sample(list(options), k)


@macro(needs_rng=True, strings_ok=True)
def shuffle(rng: Any, options: Sequence[Any]) -> list[Any]:
    """The items of a list in random order."""
    if not isinstance(options, (list, tuple)):
        raise SandboxError("shuffle() needs a list")
    return rng.shuffled(list(options))


@macro(needs_rng=True)
def randints(rng: Any, lo: Any, hi: Any, n: Any) -> list[int]:
    """n integers drawn independently from lo..hi."""
    lo, hi, n = as_int(lo, "randints"), as_int(hi, "randints"), _count(n)
    if hi < lo:
        raise SandboxError(f"randints({lo}, {hi}, n) is an empty range")
    return [rng.integer(lo, hi) for _ in range(n)]


@macro(needs_rng=True)
def distinct_ints(rng: Any, lo: Any, hi: Any, n: Any) -> list[int]:
    """n distinct integers from lo..hi, in random order."""
    lo, hi, n = as_int(lo, "distinct_ints"), as_int(hi, "distinct_ints"), _count(n)
    if hi - lo + 1 < n or hi - lo > 100_000:
        raise SandboxError(f"cannot draw {n} distinct integers from {lo}..{hi}")
    return rng.sample(range(lo, hi + 1), n)


@macro(needs_rng=True)
def rational(rng: Any, lo: Any, hi: Any, denominators: Sequence[Any]) -> sympy.Rational:
    """A rational p/q in [lo, hi] with q drawn from `denominators`, never an integer unless q = 1."""
    q = as_int(rng.choice(list(denominators)), "rational")
    if q <= 0:
        raise SandboxError("rational() needs positive denominators")
    lo_p = int(sympy.ceiling(sympy.Rational(lo) * q))
    hi_p = int(sympy.floor(sympy.Rational(hi) * q))
    candidates = [p for p in range(lo_p, hi_p + 1) if q == 1 or p % q]
    if not candidates:
        raise SandboxError(f"no rational with denominator {q} in [{lo}, {hi}]")
    return sympy.Rational(rng.choice(candidates), q)


@macro(needs_rng=True)
def random_composition(rng: Any, total: Any, parts: Any, minimum: Any = 1) -> list[int]:
    """`parts` integers, each >= minimum, adding up to `total`, uniformly over such lists (stars and bars)."""
    total, parts, minimum = as_int(total, "random_composition"), as_int(parts, "random_composition"), as_int(minimum, "random_composition")
    free = total - parts * minimum
    if not 1 <= parts <= 20 or free < 0 or total > 10_000:
        raise SandboxError(f"cannot split {total} into {parts} parts of at least {minimum}")
    # stars and bars: choose parts-1 bar positions among free + parts - 1 slots
    bars = sorted(rng.sample(range(free + parts - 1), parts - 1))
    out, prev = [], -1
    for b in bars + [free + parts - 1]:
        out.append(b - prev - 1 + minimum)
        prev = b
    return out


NICE_DENOMINATORS = (2, 3, 4, 5, 6, 8, 10, 12, 20, 100)


@macro(needs_rng=True)
def nice_probability(rng: Any, denominators: Sequence[Any] = NICE_DENOMINATORS) -> sympy.Rational:
    """A probability p/q strictly between 0 and 1 with q from a friendly list, in lowest terms q."""
    q = as_int(rng.choice(list(denominators)), "nice_probability")
    if q < 2:
        raise SandboxError("nice_probability() needs denominators >= 2")
    numerators = [p for p in range(1, q) if sympy.gcd(p, q) == 1]
    return sympy.Rational(rng.choice(numerators), q)
