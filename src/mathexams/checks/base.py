"""The check registry and the failure type."""

from __future__ import annotations

from typing import Any, Callable

from ..macros.registry import macro
from ..sandbox import Fn

CHECKS: dict[str, Fn] = {}


class CheckFailed(Exception):
    """An independent check disagreed with the key; the message says how."""

    passthrough = True  # the evaluator lets it through to the sampler, which names template and seed


def check(name: str | None = None, *, needs_rng: bool = False,
          strings_ok: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register an independent check. `needs_rng` checks get a seeded numpy Generator."""
    return macro(name, needs_rng=needs_rng, strings_ok=strings_ok, table=CHECKS)
