"""The table of functions template expressions may call, filled at import by the macro modules."""

from __future__ import annotations

from typing import Any, Callable

from ..sandbox import Fn

FUNCTIONS: dict[str, Fn] = {}


def macro(name: str | None = None, *, needs_rng: bool = False, strings_ok: bool = False,
          table: dict[str, Fn] = FUNCTIONS) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a Python function under `name` (default: its own name)."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        key = name or func.__name__
        if key in table:
            raise RuntimeError(f"macro {key!r} registered twice")
        doc = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        table[key] = Fn(func, needs_rng=needs_rng, strings_ok=strings_ok, doc=doc)
        return func

    return register


def allow(name: str, func: Callable[..., Any], doc: str = "", *, strings_ok: bool = False,
          table: dict[str, Fn] = FUNCTIONS) -> None:
    """Register an existing callable (a SymPy function) under `name`."""
    if name in table:
        raise RuntimeError(f"macro {name!r} registered twice")
    table[name] = Fn(func, strings_ok=strings_ok, doc=doc or name)
