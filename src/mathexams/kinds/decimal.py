"""Decimal answers: a real number printed to `places` decimals and accepted within an absolute
or relative tolerance."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, NumericKey, Settings, SpecReader, register

DEFAULT_PLACES = 4
DEFAULT_REL_TOL = 1e-3         # for keys typed without a tolerance (`mathexams judge`)
HALF_UNIT_HAIR = 1e-9          # a tolerance may exceed half a unit of the last place by this share (floats)
MIN_SIGNIFICANT_DIGITS = 2     # a key keeps at least this many at the asked precision


def half_unit(places: int) -> float:
    """Half a unit in the last of `places` decimals: the widest tolerance a decimal answer may have."""
    return 0.5 * 10.0 ** -places


@register
class Decimal(AnswerKind):
    name = "decimal"
    summary = "a number accepted within a tolerance"
    input_hint = "a decimal number"
    fields_doc = ("`places` (asked and shown, default 4), `abs_tol` or `rel_tol` (default: half a unit in the last "
                  "place, which `abs_tol` may not exceed)")
    value_doc = "any real number"
    working_cm = (0.6, 2.5, 8.0)
    fields = frozenset({"value", "places", "abs_tol", "rel_tol"})
    approximate = True

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        """The tolerance is at most half a unit in the last asked place, and that by default: a
        response off in that place must not score."""
        places = spec.places(DEFAULT_PLACES)
        assert places is not None
        tolerances = spec.tolerances()
        widest = half_unit(places)
        if tolerances.get("abs_tol", 0) > widest * (1 + HALF_UNIT_HAIR):
            raise spec.fail("abs_tol", f"{tolerances['abs_tol']:g} is looser than half a unit in the last asked place "
                                       f"({widest:g} at {places} places): a response off in that place would score")
        return {"value": spec.value(), "places": places, **(tolerances or {"abs_tol": widest})}

    def make(self, value: Any, settings: Settings) -> Answer:
        import math

        import sympy

        from ..answers import format_decimal
        from ..coerce import to_sympy

        v = to_sympy(value)
        f = float(sympy.N(v, 20)) if v.is_real else math.nan
        if not math.isfinite(f):
            raise AnswerError(f"a decimal answer must be a finite real number, got {v}")
        shown = format_decimal(v, settings.places if settings.places is not None else DEFAULT_PLACES)
        return Answer(kind=self.name, value=repr(float(f"{f:.12g}")), latex=shown, abs_tol=settings.abs_tol,
                      rel_tol=settings.rel_tol, **settings.common())

    def unfit_key(self, value: Any, spec: Any) -> str | None:
        """A key with fewer than two significant figures at its places is redrawn (0.003 asked to
        two places would print 0.00)."""
        from ..numeric import round_decimal

        places = spec.places if spec.places is not None else DEFAULT_PLACES
        try:
            rounded = round_decimal(value, places)
        except (TypeError, ValueError, AttributeError):
            return None   # not a real number (a truth value, text): make says so with the field's name
        if abs(rounded) * 10**places >= 10 ** (MIN_SIGNIFICANT_DIGITS - 1):
            return None
        return f"key rounds to fewer than {MIN_SIGNIFICANT_DIGITS} significant figures at {places} places"

    def key_latex(self, answer: Answer, compact: bool = False) -> str:
        text = f"${answer.latex}$"
        if not compact:
            tol = f"\\pm {answer.abs_tol:g}" if answer.abs_tol else f"\\text{{relative }} {answer.rel_tol or DEFAULT_REL_TOL:g}"
            text += f" \\quad (accepted within ${tol}$)"
        return text

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        try:
            float(answer.value)
        except ValueError:
            return "value", f"{answer.value[:40]!r} is not a decimal number"
        return super().problem(answer)

    def numeric_key(self, answer: Answer) -> NumericKey | None:
        k = float(answer.value)
        tolerance = answer.abs_tol if answer.abs_tol is not None else (answer.rel_tol or DEFAULT_REL_TOL) * abs(k)
        return NumericKey((k,), (tolerance,))

    def check_parsed(self, answer: Answer, parsed: Any) -> str:
        import math

        from ..judge import Wrong, scalar
        from ..numeric import to_float

        response = scalar(parsed.value, "a number")
        if response.free_symbols:
            raise Wrong("expected a number")
        r, k = to_float(response), float(answer.value)
        if math.isnan(r):
            raise Wrong("not a real number")
        tolerance = answer.abs_tol if answer.abs_tol is not None else (answer.rel_tol or DEFAULT_REL_TOL) * abs(k)
        if abs(r - k) <= tolerance * (1 + 1e-9):
            return "within tolerance"
        if abs(r + k) <= tolerance and abs(k) > tolerance:
            raise Wrong("off by a sign")
        raise Wrong(f"outside the tolerance (off by {abs(r - k):.4g})")
