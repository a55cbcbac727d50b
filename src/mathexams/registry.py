"""The tables of functions templates may call, and the decorators course modules fill them with.

`FUNCTIONS` serves params, constraints and answers; `CHECKS` serves `verify` only. The course's
macro and check modules register into them at import; the engine reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .sandbox import Fn

FUNCTIONS: dict[str, Fn] = {}
CHECKS: dict[str, Fn] = {}


def _register(table: dict[str, Fn], key: str, fn: Fn) -> None:
    if key in FUNCTIONS or key in CHECKS:
        raise RuntimeError(f"function {key!r} registered twice")
    table[key] = fn


def _summary(func: Callable[..., Any]) -> str:
    return (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""


def macro(name: str | None = None, *, needs_rng: bool = False,
          strings_ok: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a Python function for templates under `name` (default: its own name).

    `needs_rng`: it draws at random and receives the question's generator first (params only).
    `strings_ok`: it may receive text; it must then treat text as data, never as code.
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        _register(FUNCTIONS, name or func.__name__,
                  Fn(func, needs_rng=needs_rng, strings_ok=strings_ok, doc=_summary(func)))
        return func

    return register


def check(name: str | None = None, *, needs_rng: bool = False, strings_ok: bool = False,
          simulation: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register an independent check for `verify` lists.

    `needs_rng` checks get a seeded NumPy Generator first. `simulation` marks a Monte Carlo
    check: it must state its false-alarm rate in its docstring, and its misses reject the draw
    (see `simulation.py`).
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if simulation and "false alarm" not in (func.__doc__ or "").lower():
            raise RuntimeError(f"simulation check {func.__name__} must state its false-alarm rate in its docstring")
        _register(CHECKS, name or func.__name__,
                  Fn(func, needs_rng=needs_rng, strings_ok=strings_ok, doc=_summary(func), simulation=simulation))
        return func

    return register


def allow(name: str, func: Callable[..., Any], doc: str = "", *, strings_ok: bool = False) -> None:
    """Register an existing callable (a SymPy function) under `name`."""
    _register(FUNCTIONS, name, Fn(func, strings_ok=strings_ok, doc=doc or name))
