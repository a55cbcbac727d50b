"""Check a typed response against a typed answer: one verdict, never an exception.

The rules of each kind are the kind's `check` (`kinds/<kind>.py`); this module gives every
kind the same frame (empty and over-long responses, parse errors, the time limit, a verdict for
any input) and the comparison helpers they share. Equivalence by answer kind (the policy,
with the tests of each rule, is docs/CHECKING.md):
- expressions go to equivalence.py: equal in SymPy's canonical form, or equal (relative
  tolerance 1e-8; 5e-4 when the response has decimals and exact form is not required) at up
  to 15 seeded points where the key is defined and well conditioned, confirmed with
  multiprecision arithmetic; a response undefined where the key is defined is wrong. With
  `equivalence: constant` (antiderivatives) the derivatives are compared, so any constant is
  accepted, and the response may name its constants (C, c, K, k, A, B, D); whether a missing
  constant costs points is the answer's `constant_penalty`.
- exact numbers compare to 1e-9; where the answer demands exact form, a decimal is "not
  exact", otherwise a decimal within 5e-4 (relative) is accepted; decimals use the answer's
  absolute or relative tolerance;
- vectors and matrices entry by entry (up to scale or sign when the answer says so); sets
  and intervals by content; choices by letter; multi-part answers part by part with partial
  credit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sympy

from .equivalence import (
    CONSTANT_LETTERS,
    EXPRESSION_RTOL,
    Expression,
    NotEquivalent,
    compare_expressions,
    exactly_equal,
    integration_variable,
)
from .kinds import AnswerError, Settings, kind_named, kind_of
from .model import OPTION_LETTERS as LETTERS
from .model import Answer
from .numeric import to_float
from .parse import MAX_CHARS, Bracketed, Parsed, ParseError, Union, parse
from .timelimit import TimeLimitExceeded, time_limit

CHECK_SECONDS = 1.5
EXACT_RTOL = 1e-9
DECIMAL_FOR_EXACT_RTOL = 5e-4
ROUGH_RTOL = 2e-2

__all__ = ["Verdict", "check_answer", "answer_from_text", "judge_text", "Wrong", "Partial", "EXPRESSION_RTOL"]


@dataclass(frozen=True)
class Verdict:
    """Whether a response is right, the points it earns, and a short reason."""

    correct: bool
    points: float
    max_points: float
    reason: str
    parts: tuple[Verdict, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"correct": self.correct, "points": self.points, "max_points": self.max_points,
                               "reason": self.reason}
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out


# a response that is understood but wrong (or malformed for the kind); carries the reason
Wrong = NotEquivalent


@dataclass(frozen=True)
class Partial:
    """A right answer that loses part of its points (an antiderivative without its constant)."""

    reason: str
    share: float


# ---------------------------------------------------------------- helpers the kinds share


def scalar(value: Any, what: str = "a number or expression") -> Any:
    """A typed single value (not a bracketed list), defined."""
    if isinstance(value, (Bracketed, Union)):
        raise Wrong(f"expected {what}, not a bracketed list")
    if value.has(sympy.zoo, sympy.nan):
        raise Wrong("undefined (division by zero)")
    return value


def close(a: float, b: float, rtol: float, atol: float = 1e-12) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= max(atol, rtol * max(abs(a), abs(b)))


def undefined(parsed: Parsed) -> str | None:
    """Why a typed number is undefined although SymPy folded it to a value (e^(ln(-1)) is -1)."""
    for c in parsed.conditions:
        if not c.expr.free_symbols and c.expr.is_comparable and ((c.expr <= 0) if c.strict else (c.expr < 0)):
            return "not a real number (a logarithm, root or inverse function outside its domain)"
    return None


def is_terminating(value: Any) -> bool:
    """A rational whose decimal expansion ends (1/4 = 0.25): typing it as a decimal is exact."""
    if not isinstance(value, sympy.Rational):
        return False
    q = int(value.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def exact_decimals(response: Expression, key: Expression, names: Sequence[str], antiderivative: bool) -> bool:
    """Decimals are exact when the response is the key's exact value (0.5x^2 for x^2/2); for an
    antiderivative, when its derivative is the integrand's exact value."""
    if antiderivative:
        x = sympy.Symbol(integration_variable(names) or "x", real=True)
        response = Expression(sympy.diff(response.value, x), response.conditions)
        key = Expression(sympy.diff(key.value, x), key.conditions)
    return exactly_equal(response, key, names)


def unknown_names(unknown: Sequence[str], antiderivative: bool) -> str:
    """"uses y, which the question does not define" (and, for an antiderivative, the constants' names)."""
    reason = f"uses {', '.join(unknown)}, which the question does not define"
    return reason + (f" (a constant of integration may be called {', '.join(CONSTANT_LETTERS)})"
                     if antiderivative else "")


def entries_equal(r: Any, k: Any, variables: Sequence[str], loose: bool = False) -> bool:
    """One entry of a vector, matrix, set or interval; `loose` when the response was typed with
    decimals and exact form is not required (then 4 significant figures suffice)."""
    rtol = DECIMAL_FOR_EXACT_RTOL if loose else EXACT_RTOL
    try:
        r = scalar(r)
        if r.free_symbols or k.free_symbols:
            compare_expressions(Expression(r), Expression(k), variables, rtol=max(rtol, EXPRESSION_RTOL))
            return True
        if r.is_infinite or k.is_infinite:
            return r == k
        return close(to_float(r), to_float(k), rtol)
    except Wrong:
        return False


@lru_cache(maxsize=2048)
def _expected_cached(value: str, variables: tuple[str, ...]) -> Parsed:
    return parse(value, variables=frozenset(variables))


def expected(answer: Answer) -> Parsed:
    """The answer's canonical text, parsed like a response (cached)."""
    return _expected_cached(answer.value, answer.variables)


# ---------------------------------------------------------------- the verdict


def judge_text(answer: Answer, text: str, max_points: float) -> Verdict:
    """The verdict on one typed response to a single (not multi-part) answer."""
    if not text.strip():
        if kind_of(answer).blank_is_right(answer):
            return Verdict(True, max_points, max_points, "correct: no option ticked, and none applies")
        return Verdict(False, 0.0, max_points, "no answer")
    if len(text) > MAX_CHARS:
        return Verdict(False, 0.0, max_points, f"not understood: input longer than {MAX_CHARS} characters")
    try:
        reason = kind_of(answer).check(answer, text)
    except ParseError as exc:
        return Verdict(False, 0.0, max_points, f"not understood: {exc}")
    except Wrong as exc:
        return Verdict(False, 0.0, max_points, str(exc))
    if isinstance(reason, Partial):
        return Verdict(reason.share >= 1, round(max_points * reason.share, 6), max_points, reason.reason)
    return Verdict(True, max_points, max_points, reason)


def _max_points(answer: Any) -> float:
    """The answer's points, or 1 when they are missing or not a usable number (never raises)."""
    try:
        points = float(answer.points or 1)
    except (TypeError, ValueError, AttributeError):
        return 1.0
    return points if math.isfinite(points) and points > 0 else 1.0


def check_answer(answer: Answer, response: Any) -> Verdict:
    """Judge a response (text; for multi-part answers a list, a mapping by part label, or text with
    parts separated by ';') against an answer. Always returns a Verdict, after at most CHECK_SECONDS of
    computing in whichever thread calls it (timelimit.py)."""
    max_points = _max_points(answer)
    try:
        with time_limit(CHECK_SECONDS):
            return kind_of(answer).verdict(answer, response, max_points)
    except TimeLimitExceeded:
        return Verdict(False, 0.0, max_points, f"not understood: could not decide within {CHECK_SECONDS:g} s")
    except (RecursionError, MemoryError):
        return Verdict(False, 0.0, max_points, "not understood: too complex")
    except Exception:  # the promise is a verdict for any input: report, never crash
        return Verdict(False, 0.0, max_points, "not understood: the checker failed on this input (please report "
                                               "it with the answer typed)")


def answer_from_text(kind: str, expected: str, *, abs_tol: float | None = None, rel_tol: float | None = None,
                     exact_form: bool = False, equivalence: str = "", variables: Sequence[str] | None = None,
                     options: int | None = None, constant_penalty: float = 0.0) -> Answer:
    """Build a typed answer from a key typed like a response (for `mathexams judge`). The answer's
    variables are the declared ones and every name the key uses; an antiderivative key may end in
    `+ C` (or c, K, k), which is the constant of integration, not a parameter."""
    from .errors import MathExamsError

    if options is not None and not 1 <= options <= len(LETTERS):
        raise MathExamsError(f"--options must be 1..{len(LETTERS)} (one letter per option), got {options}")
    for name, tol in (("--abs-tol", abs_tol), ("--rel-tol", rel_tol)):
        if tol is not None and not (math.isfinite(tol) and tol > 0):
            raise MathExamsError(f"{name} must be a finite number above 0, got {tol}")
    try:
        answer_kind = kind_named(kind)
    except KeyError:
        raise MathExamsError(f"--kind {kind!r} is not an answer kind") from None
    if equivalence not in answer_kind.equivalences:
        raise MathExamsError(f"--equivalence {equivalence} does not apply to {kind} answers")
    settings = Settings(abs_tol=abs_tol, rel_tol=rel_tol, exact_form=exact_form, equivalence=equivalence,
                        constant_penalty=constant_penalty,
                        variables=tuple(variables) if variables is not None else None)
    try:
        return answer_kind.answer_from_text(expected, settings, options)
    except (ParseError, Wrong, AnswerError, TypeError, ValueError) as exc:
        raise MathExamsError(f"--expected {expected!r}: {exc}") from None
