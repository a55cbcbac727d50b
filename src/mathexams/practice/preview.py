"""What the parser understood of a typed answer, as LaTeX, for the live preview beside each box.

The same parser the checker uses (`mathexams.parse`), with its limits and a time limit of its own:
the preview shows exactly the reading the verdict will be based on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from ..parse import MAX_CHARS, Bracketed, ParseError, Union, parse
from ..timelimit import TimeLimitExceeded, time_limit

PREVIEW_SECONDS = 0.5
NAME = r"[A-Za-z][A-Za-z0-9_]{0,15}"
MAX_VARIABLES = 10


def latex_of_parsed(value: Any) -> str:
    """LaTeX of a parsed value: an expression, a bracketed list (vector, matrix, set, interval) or a union."""
    if isinstance(value, Union):
        return r" \cup ".join(latex_of_parsed(p) for p in value.parts)
    if isinstance(value, Bracketed):
        items = value.items
        if items and all(isinstance(i, Bracketed) and i.open == "[" for i in items) and value.open == "[":
            rows = [" & ".join(latex_of_parsed(e) for e in row.items) for row in items]
            return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"
        opening = {"(": r"\left(", "[": r"\left[", "{": r"\left\{"}[value.open]
        closing = {")": r"\right)", "]": r"\right]", "}": r"\right\}"}[value.close]
        return opening + ", ".join(latex_of_parsed(i) for i in items) + closing
    if isinstance(value, bool):
        return r"\text{true}" if value else r"\text{false}"
    return sympy.latex(value, ln_notation=True)


def preview(text: str, variables: Sequence[str]) -> dict[str, Any]:
    """{"ok": true, "latex": ...} or {"ok": false, "error": ...}; never raises."""
    if not text.strip():
        return {"ok": False, "error": "empty"}
    if len(text) > MAX_CHARS:
        return {"ok": False, "error": f"longer than {MAX_CHARS} characters"}
    try:
        with time_limit(PREVIEW_SECONDS):
            parsed = parse(text, variables=frozenset(variables))
            return {"ok": True, "latex": latex_of_parsed(parsed.value)}
    except ParseError as exc:
        return {"ok": False, "error": f"not understood: {exc}"}
    except TimeLimitExceeded:
        return {"ok": False, "error": "too complex to preview"}
    except Exception:   # a preview never breaks the page; the checker gives the verdict
        return {"ok": False, "error": "cannot preview this"}
