"""Check a typed response against a typed answer: one verdict, never an exception.

Equivalence by answer kind (the policy, with the tests of each rule, is docs/CHECKING.md):
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

import dataclasses
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Sequence

import sympy

from .equivalence import (CONSTANT_LETTERS, EXPRESSION_RTOL, Expression, NotEquivalent, compare_antiderivatives,
                          compare_expressions, diagnose, exactly_equal, integration_variable, is_constant_name)
from .model import OPTION_LETTERS as LETTERS, Answer
from .numeric import to_float
from .parse import MAX_CHARS, Bracketed, ParseError, Parsed, Union, parse
from .timelimit import TimeLimitExceeded, time_limit

CHECK_SECONDS = 1.5
EXACT_RTOL = 1e-9
DECIMAL_FOR_EXACT_RTOL = 5e-4
ROUGH_RTOL = 2e-2
CONSTANT_KEY_NAMES = ("C", "c", "K", "k")   # a key typed for `mathexams judge` may end in + C
TRUE_WORDS = {"true", "t", "yes", "y", "1", "correct", "vrai"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "incorrect", "faux"}


@dataclass(frozen=True)
class Verdict:
    """Whether a response is right, the points it earns, and a short reason."""

    correct: bool
    points: float
    max_points: float
    reason: str
    parts: tuple["Verdict", ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"correct": self.correct, "points": self.points, "max_points": self.max_points,
                               "reason": self.reason}
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out


# a response that is understood but wrong (or malformed for the kind); carries the reason
_Wrong = NotEquivalent


@dataclass(frozen=True)
class _Partial:
    """A right answer that loses part of its points (an antiderivative without its constant)."""

    reason: str
    share: float


# ---------------------------------------------------------------- numbers and expressions


def _scalar(value: Any, what: str = "a number or expression") -> Any:
    if isinstance(value, (Bracketed, Union)):
        raise _Wrong(f"expected {what}, not a bracketed list")
    if value.has(sympy.zoo, sympy.nan):
        raise _Wrong("undefined (division by zero)")
    return value


def _close(a: float, b: float, rtol: float, atol: float = 1e-12) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= max(atol, rtol * max(abs(a), abs(b)))


def _fmt(v: float) -> str:
    return f"{v:.6g}"


def _undefined(parsed: Parsed) -> str | None:
    """Why a typed number is undefined although SymPy folded it to a value (e^(ln(-1)) is -1)."""
    for c in parsed.conditions:
        if not c.expr.free_symbols and c.expr.is_comparable and ((c.expr <= 0) if c.strict else (c.expr < 0)):
            return "not a real number (a logarithm, root or inverse function outside its domain)"
    return None


def _check_number(answer: Answer, parsed: Parsed) -> str:
    response, decimal = _scalar(parsed.value, "a number"), parsed.decimal
    if response.free_symbols:
        raise _Wrong(f"expected a number, got an expression in {', '.join(sorted(map(str, response.free_symbols)))}")
    key = _expected(answer).value
    if key.is_infinite or response.is_infinite:
        if response == key:
            return "equivalent"
        if response == -key:
            raise _Wrong("off by a sign")
        raise _Wrong(f"{sympy.sstr(response)} is not {sympy.sstr(key)}" if response.is_infinite or len(sympy.sstr(response)) < 30
                     else f"a finite number is not {sympy.sstr(key)}")
    r, k = to_float(response), to_float(key)
    undefined = _undefined(parsed)
    if math.isnan(r) or undefined:
        raise _Wrong(undefined or "not a real number")
    if _close(r, k, EXACT_RTOL):
        if decimal and answer.exact_form and not _is_terminating(key):
            raise _Wrong("not exact: give the exact value (a fraction or a surd), not a decimal")
        return "equivalent"
    if decimal and not answer.exact_form and _close(r, k, DECIMAL_FOR_EXACT_RTOL):
        return "equivalent (as a decimal)"
    if decimal and _close(r, k, ROUGH_RTOL):
        raise _Wrong("not exact: give the exact value (a fraction or a surd), not a decimal" if answer.exact_form
                     else "rounded too much: give at least four significant figures or the exact value")
    raise _Wrong(diagnose([r], [k]))


def _is_terminating(value: Any) -> bool:
    """A rational whose decimal expansion ends (1/4 = 0.25): typing it as a decimal is exact."""
    if not isinstance(value, sympy.Rational):
        return False
    q = int(value.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def _check_decimal(answer: Answer, parsed: Parsed) -> str:
    response = _scalar(parsed.value, "a number")
    if response.free_symbols:
        raise _Wrong("expected a number")
    r, k = to_float(response), float(answer.value)
    if math.isnan(r):
        raise _Wrong("not a real number")
    tolerance = answer.abs_tol if answer.abs_tol is not None else (answer.rel_tol or 1e-3) * abs(k)
    if abs(r - k) <= tolerance * (1 + 1e-9):
        return "within tolerance"
    if abs(r + k) <= tolerance and abs(k) > tolerance:
        raise _Wrong("off by a sign")
    raise _Wrong(f"outside the tolerance (off by {abs(r - k):.4g})")


def _check_expression(answer: Answer, parsed: Parsed) -> str | _Partial:
    response = _scalar(parsed.value)
    key = _expected(answer)
    names = sorted(set(answer.variables) | {str(s) for s in key.value.free_symbols})
    antiderivative = answer.equivalence == "constant"
    constants = sorted({str(s) for s in response.free_symbols if antiderivative and is_constant_name(str(s), names)})
    unknown = sorted({str(s) for s in response.free_symbols} - set(names) - set(constants))
    if unknown:
        raise _Wrong(_unknown_names(unknown, antiderivative))
    decimal = parsed.decimal
    loose = decimal and not answer.exact_form
    mine, theirs = Expression(response, parsed.conditions), Expression.of(key)

    def compare(rtol: float) -> tuple[str, bool]:
        if antiderivative:
            found = compare_antiderivatives(mine, theirs, names, constants, rtol=rtol)
            return found.reason, found.has_constant
        return compare_expressions(mine, theirs, names, rtol=rtol, exact=not decimal), True

    try:
        reason, has_constant = compare(DECIMAL_FOR_EXACT_RTOL if loose else EXPRESSION_RTOL)
    except _Wrong:
        if decimal and answer.exact_form:
            compare(ROUGH_RTOL)   # still wrong at 2 %: the original reason stands
            raise _Wrong("not exact: use exact values (fractions, pi, sqrt), not decimals") from None
        raise
    if decimal and answer.exact_form and not _exact_decimals(mine, theirs, names, antiderivative):
        raise _Wrong("not exact: use exact values (fractions, pi, sqrt), not decimals")
    if loose and reason == "equivalent" and response != key.value:
        reason = "equivalent (with decimals)"
    if answer.exact_form and sympy.count_ops(response) > sympy.count_ops(key.value) + 3:
        raise _Wrong("not simplified")
    if antiderivative and not has_constant:
        if answer.constant_penalty:
            share = 1 - answer.constant_penalty
            return _Partial(f"{reason}, but the constant of integration is missing", share)
        reason += "; remember the constant of integration"
    return reason


def _exact_decimals(response: Expression, key: Expression, names: Sequence[str], antiderivative: bool) -> bool:
    """Decimals are exact when the response is the key's exact value (0.5x^2 for x^2/2); for an
    antiderivative, when its derivative is the integrand's exact value."""
    if antiderivative:
        x = sympy.Symbol(integration_variable(names) or "x", real=True)
        response = Expression(sympy.diff(response.value, x), response.conditions)
        key = Expression(sympy.diff(key.value, x), key.conditions)
    return exactly_equal(response, key, names)


def _unknown_names(unknown: Sequence[str], antiderivative: bool) -> str:
    """"uses y, which the question does not define" (and, for an antiderivative, the constants' names)."""
    reason = f"uses {', '.join(unknown)}, which the question does not define"
    return reason + (f" (a constant of integration may be called {', '.join(CONSTANT_LETTERS)})"
                     if antiderivative else "")


def _entries_equal(r: Any, k: Any, variables: Sequence[str], loose: bool = False) -> bool:
    """One entry of a vector, matrix, set or interval; `loose` when the response was typed with
    decimals and exact form is not required (then 4 significant figures suffice)."""
    rtol = DECIMAL_FOR_EXACT_RTOL if loose else EXACT_RTOL
    try:
        r = _scalar(r)
        if r.free_symbols or k.free_symbols:
            compare_expressions(Expression(r), Expression(k), variables, rtol=max(rtol, EXPRESSION_RTOL))
            return True
        if r.is_infinite or k.is_infinite:
            return r == k
        return _close(to_float(r), to_float(k), rtol)
    except _Wrong:
        return False


# ---------------------------------------------------------------- containers


def _as_list(parsed: Any, what: str) -> list[Any]:
    if isinstance(parsed, Bracketed) and parsed.open != "{":
        return list(parsed.items)
    raise _Wrong(f"expected {what} such as (1, 2, 3)")


def _check_vector(answer: Answer, parsed: Parsed) -> str:
    parsed, decimal = parsed.value, parsed.decimal
    loose = decimal and not answer.exact_form
    items = _as_list(parsed, "a vector")
    if any(isinstance(i, (Bracketed, Union)) for i in items):
        raise _Wrong("expected a vector, got nested brackets")
    key = list(_expected(answer).value.items)
    if len(items) != len(key):
        raise _Wrong(f"expected {len(key)} entries, got {len(items)}")
    if answer.equivalence in ("scale", "sign"):
        r = [to_float(_scalar(i)) for i in items]
        k = [to_float(v) for v in key]
        if any(math.isnan(v) for v in r + k):
            raise _Wrong("entries must be numbers")
        if all(abs(v) < 1e-12 for v in r):
            raise _Wrong("the zero vector is never accepted here")
        pivot = max(range(len(k)), key=lambda i: abs(k[i]))
        factor = r[pivot] / k[pivot]
        tolerance = DECIMAL_FOR_EXACT_RTOL if loose else 1e-9
        if not all(_close(a, factor * b, tolerance, tolerance) for a, b in zip(r, k)) or abs(factor) < 1e-12:
            raise _Wrong("not parallel to the answer" if answer.equivalence == "scale" else "not the answer up to sign")
        if answer.equivalence == "sign" and not _close(abs(factor), 1, tolerance):
            raise _Wrong("right direction, wrong length")
        return "equivalent" if _close(factor, 1, tolerance) else (
            "equivalent (a multiple of the answer)" if answer.equivalence == "scale" else "equivalent (up to sign)")
    wrong = [i + 1 for i, (r, k) in enumerate(zip(items, key)) if not _entries_equal(r, k, answer.variables, loose)]
    if wrong:
        if all(_entries_equal(-_scalar(r), k, answer.variables, loose) for r, k in zip(items, key)):
            raise _Wrong("off by a sign")
        raise _Wrong(f"entr{'y' if len(wrong) == 1 else 'ies'} {', '.join(map(str, wrong))} wrong")
    return "equivalent"


def _check_matrix(answer: Answer, parsed: Parsed) -> str:
    parsed, decimal = parsed.value, parsed.decimal
    loose = decimal and not answer.exact_form
    rows = _as_list(parsed, "a matrix")
    if not all(isinstance(r, Bracketed) for r in rows):
        raise _Wrong("expected a matrix as rows, such as [[1, 2], [3, 4]]")
    rows = [list(r.items) for r in rows]
    key = [list(r.items) for r in _expected(answer).value.items]
    shape = (len(rows), len(rows[0]) if rows else 0)
    if any(len(r) != shape[1] for r in rows):
        raise _Wrong("rows of different lengths")
    if shape != (len(key), len(key[0])):
        raise _Wrong(f"expected a {len(key)}x{len(key[0])} matrix, got {shape[0]}x{shape[1]}")
    wrong = [(i + 1, j + 1) for i, (rr, kr) in enumerate(zip(rows, key)) for j, (r, k) in enumerate(zip(rr, kr))
             if not _entries_equal(r, k, answer.variables, loose)]
    if wrong:
        transposed = [[rows[j][i] for j in range(shape[0])] for i in range(shape[1])] if shape[0] == shape[1] else None
        if transposed and all(_entries_equal(r, k, answer.variables, loose)
                              for rr, kr in zip(transposed, key) for r, k in zip(rr, kr)):
            raise _Wrong("this is the transpose of the answer")
        shown = ", ".join(f"({i},{j})" for i, j in wrong[:4])
        raise _Wrong(f"entr{'y' if len(wrong) == 1 else 'ies'} {shown}{'…' if len(wrong) > 4 else ''} wrong")
    return "equivalent"


def _elements_equal(r: Any, k: Any, variables: Sequence[str], loose: bool) -> bool:
    """Set elements: numbers or expressions, or tuples such as points (1, 2) compared entry by entry."""
    if isinstance(k, Bracketed) or isinstance(r, Bracketed):
        return (isinstance(r, Bracketed) and isinstance(k, Bracketed) and len(r.items) == len(k.items)
                and all(_entries_equal(a, b, variables, loose) for a, b in zip(r.items, k.items)))
    return _entries_equal(r, k, variables, loose)


def _set_items(parsed: Any) -> list[Any]:
    if isinstance(parsed, Bracketed):
        return list(parsed.items)
    if isinstance(parsed, Union):
        raise _Wrong("expected a set such as {1, 2}")
    return [parsed]


def _check_set(answer: Answer, parsed: Parsed) -> str:
    parsed, decimal = parsed.value, parsed.decimal
    loose = decimal and not answer.exact_form
    items = [i if isinstance(i, Bracketed) else _scalar(i) for i in _set_items(parsed)]
    key = list(_expected(answer).value.items)
    missing = [k for k in key if not any(_elements_equal(r, k, answer.variables, loose) for r in items)]
    extra = [r for r in items if not any(_elements_equal(r, k, answer.variables, loose) for k in key)]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(_show(m) for m in missing[:3]))
        if extra:
            parts.append(", ".join(_show(e) for e in extra[:3]) + (" is" if len(extra) == 1 else " are") + " not in the set")
        raise _Wrong("; ".join(parts))
    return "equivalent"


def _show(value: Any) -> str:
    if isinstance(value, Bracketed):
        return value.open + ", ".join(_show(v) for v in value.items) + value.close
    return sympy.sstr(value)


def _intervals(parsed: Any) -> list[tuple[str, Any, Any, str]]:
    parts = parsed.parts if isinstance(parsed, Union) else (parsed,)
    out = []
    for p in parts:
        if not (isinstance(p, Bracketed) and p.open in "([" and p.open and len(p.items) == 2):
            raise _Wrong("expected an interval such as [0, 1) (or several joined with U)")
        out.append((p.open, _scalar(p.items[0]), _scalar(p.items[1]), p.close))
    return out


def _as_sympy_set(pieces: list[tuple[str, Any, Any, str]]) -> Any:
    return sympy.Union(*[sympy.Interval(a, b, o == "(", c == ")") for o, a, b, c in pieces])


def _check_interval(answer: Answer, parsed: Parsed) -> str:
    parsed, decimal = parsed.value, parsed.decimal
    response = _intervals(parsed)
    key = _intervals(_expected(answer).value)
    try:
        if _as_sympy_set(response) == _as_sympy_set(key):  # the same set, however it is cut into pieces
            return "equivalent"
    except (TypeError, ValueError):
        pass
    if len(response) != len(key):
        raise _Wrong(f"expected {len(key)} interval(s), got {len(response)}")
    response.sort(key=lambda i: to_float(i[1]))
    for (ro, ra, rb, rc), (ko, ka, kb, kc) in zip(response, key):
        for r, k in ((ra, ka), (rb, kb)):
            if not _entries_equal(r, k, (), decimal):
                raise _Wrong(f"endpoint {sympy.sstr(r)} should be {sympy.sstr(k)}")
        if ro != ko and ka != -sympy.oo:
            raise _Wrong(f"the left end {sympy.sstr(ka)} should be {'open (' if ko == '(' else 'closed ['}")
        if rc != kc and kb != sympy.oo:
            raise _Wrong(f"the right end {sympy.sstr(kb)} should be {'open )' if kc == ')' else 'closed ]'}")
    return "equivalent"


NONE_WORDS = {"none", "no option", "no options", "nothing", "-", "{}", "∅"}


def _letters(text: str, count: int) -> list[int]:
    if text.strip().lower() in NONE_WORDS:
        return []
    cleaned = re.sub(r"(?i)\b(and|or|option|options|answer)\b", " ", text)
    tokens = re.findall(r"[A-Za-z]+", cleaned)
    if not tokens:
        raise ParseError("no option letter")
    letters: list[int] = []
    for token in tokens:
        token = token.upper()
        if len(token) > 1 and len(tokens) > 1:
            raise ParseError(f"unexpected {token!r}")
        for ch in token:
            index = LETTERS.index(ch)
            if index >= count:
                raise ParseError(f"there is no option {ch}")
            if index not in letters:
                letters.append(index)
    return sorted(letters)


def _check_choice(answer: Answer, text: str) -> str:
    chosen = _letters(text, len(answer.options) or 26)
    if not chosen and answer.kind == "multichoice" and not answer.correct:
        return "correct: none of the options applies"
    if answer.kind == "choice":
        if len(chosen) != 1:
            raise _Wrong("choose exactly one option")
        if chosen[0] in answer.correct:
            return "correct option"
        raise _Wrong(f"({LETTERS[chosen[0]]}) is not the correct option")
    missing = [LETTERS[i] for i in answer.correct if i not in chosen]
    wrong = [LETTERS[i] for i in chosen if i not in answer.correct]
    if missing or wrong:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(f"({m})" for m in missing))
        if wrong:
            parts.append(", ".join(f"({w})" for w in wrong) + (" is" if len(wrong) == 1 else " are") + " not correct")
        raise _Wrong("; ".join(parts))
    return "all the correct options"


def _check_truefalse(answer: Answer, text: str) -> str:
    word = text.strip().strip(".").lower()
    if word in TRUE_WORDS:
        given = "true"
    elif word in FALSE_WORDS:
        given = "false"
    else:
        raise ParseError("answer true or false")
    if given == answer.value:
        return "correct"
    raise _Wrong("the statement is " + answer.value)


# ---------------------------------------------------------------- expected values


@lru_cache(maxsize=2048)
def _expected_cached(value: str, variables: tuple[str, ...]) -> Parsed:
    return parse(value, variables=frozenset(variables))


def _expected(answer: Answer) -> Parsed:
    return _expected_cached(answer.value, answer.variables)


_CHECKERS = {
    "number": _check_number, "decimal": _check_decimal, "expression": _check_expression,
    "vector": _check_vector, "matrix": _check_matrix, "set": _check_set, "interval": _check_interval,
}
_PART_LABEL = re.compile(r"^\s*\(?([a-z])[).:]\s*(.*)$", re.IGNORECASE | re.DOTALL)


def _strip_label(text: str, label: str) -> str:
    """'b) 3/4' -> '3/4' for part b; a lone '(c)' stays, it may be the answer to a choice."""
    m = _PART_LABEL.match(text)
    if m and m.group(1).lower() == label.lower() and m.group(2).strip():
        return m.group(2)
    return text


def _split_parts(answer: Answer, response: Any) -> list[str]:
    labels = [p.label for p in answer.parts]
    if response is None:
        return [""] * len(labels)
    if isinstance(response, Mapping):
        return ["" if response.get(label) is None else str(response.get(label)) for label in labels]
    if isinstance(response, (list, tuple)):
        items = ["" if r is None else str(r) for r in response]
    else:
        items = re.split(r"[;\n]", str(response))
    items = (items + [""] * len(labels))[: len(labels)]
    return [_strip_label(i, label) if i.strip() else "" for i, label in zip(items, labels)]


def _judge_one(answer: Answer, text: str, max_points: float) -> Verdict:
    if not text.strip():
        return Verdict(False, 0.0, max_points, "no answer")
    if len(text) > MAX_CHARS:
        return Verdict(False, 0.0, max_points, f"not understood: input longer than {MAX_CHARS} characters")
    try:
        if answer.kind in ("choice", "multichoice"):
            reason = _check_choice(answer, text)
        elif answer.kind == "truefalse":
            reason = _check_truefalse(answer, text)
        else:
            parsed = parse(text, variables=frozenset(answer.variables))
            reason = _CHECKERS[answer.kind](answer, parsed)
    except ParseError as exc:
        return Verdict(False, 0.0, max_points, f"not understood: {exc}")
    except _Wrong as exc:
        return Verdict(False, 0.0, max_points, str(exc))
    if isinstance(reason, _Partial):
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
    parts separated by ';') against an answer. Always returns a Verdict, within about 1.5 s."""
    max_points = _max_points(answer)
    try:
        with time_limit(CHECK_SECONDS):
            if answer.kind == "multi":
                texts = _split_parts(answer, response)
                parts = tuple(_judge_one(p, t, float(p.points or 1)) for p, t in zip(answer.parts, texts))
                scale = max_points / sum(p.max_points for p in parts)
                earned = round(sum(p.points for p in parts) * scale, 6)
                right = sum(p.correct for p in parts)
                return Verdict(right == len(parts), earned, max_points,
                               f"{right} of {len(parts)} parts correct", parts)
            return _judge_one(answer, "" if response is None else str(response), max_points)
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
    from .answers import AnswerError, make_answer
    from .errors import MathExamsError

    if options is not None and not 1 <= options <= len(LETTERS):
        raise MathExamsError(f"--options must be 1..{len(LETTERS)} (one letter per option), got {options}")
    for name, tol in (("--abs-tol", abs_tol), ("--rel-tol", rel_tol)):
        if tol is not None and not (math.isfinite(tol) and tol > 0):
            raise MathExamsError(f"{name} must be a finite number above 0, got {tol}")
    try:
        if kind in ("choice", "multichoice"):
            count = options or max(4, max(_letters(expected, 26)) + 1)
            return make_answer(kind, options=[""] * count, correct=_letters(expected, count))
        if kind == "truefalse":
            word = expected.strip().lower()
            if word not in TRUE_WORDS | FALSE_WORDS:
                raise ParseError("expected true or false")
            return make_answer(kind, word in TRUE_WORDS)
        parsed = parse(expected, variables=frozenset(variables or ())).value
        if kind == "vector":
            value: Any = [_scalar(v) for v in _as_list(parsed, "a vector")]
        elif kind == "matrix":
            value = sympy.Matrix([[_scalar(v) for v in row.items] for row in _as_list(parsed, "a matrix")])
        elif kind == "set":
            value = [_scalar(v) for v in _set_items(parsed)]
        elif kind == "interval":
            pieces = [sympy.Interval(a, b, o == "(", c == ")") for o, a, b, c in _intervals(parsed)]
            value = pieces[0] if len(pieces) == 1 else sympy.Union(*pieces)
        else:
            value = _scalar(parsed)
            if equivalence == "constant":
                value = _without_added_constant(value, variables or ())
        answer = make_answer(kind, value, abs_tol=abs_tol, rel_tol=rel_tol, exact_form=exact_form,
                             equivalence=equivalence, constant_penalty=constant_penalty)
        if variables is not None and kind == "expression":
            answer = dataclasses.replace(answer, variables=tuple(sorted(set(variables) | set(answer.variables))))
        return answer
    except (ParseError, _Wrong, AnswerError, TypeError, ValueError) as exc:
        raise MathExamsError(f"--expected {expected!r}: {exc}") from None


def _without_added_constant(value: Any, declared: Sequence[str]) -> Any:
    """x^3/3 + C -> x^3/3: a lone constant name added to an antiderivative key (unless declared)."""
    terms = sympy.Add.make_args(value)
    kept = [t for t in terms if not (t.is_Symbol and t.name in CONSTANT_KEY_NAMES and t.name not in declared)]
    return sympy.Add(*kept) if len(kept) < len(terms) else value
