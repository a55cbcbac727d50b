"""Check a typed response against a typed answer: one verdict, never an exception.

Equivalence by answer kind:
- expressions are equal when SymPy proves the difference zero or, failing that, when they
  agree at random points (relative tolerance 1e-8) of the key's domain: points where the key
  is undefined are skipped, and a response undefined where the key is defined is wrong.
  With `equivalence: constant` (antiderivatives) the difference may be any constant; a
  constant named C, c or K in the response is allowed.
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

from .model import Answer
from .numeric import float_function, to_float
from .parse import Bracketed, ParseError, Union, parse
from .timelimit import TimeLimitExceeded, time_limit

CHECK_SECONDS = 1.5
EXPRESSION_RTOL = 1e-8
EXACT_RTOL = 1e-9
DECIMAL_FOR_EXACT_RTOL = 5e-4
ROUGH_RTOL = 2e-2
CONSTANT_NAMES = ("C", "c", "K")
TRUE_WORDS = {"true", "t", "yes", "y", "1", "correct", "vrai"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "incorrect", "faux"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


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


class _Wrong(Exception):
    """A response that is understood but wrong (or malformed for the kind); carries the reason."""


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


@lru_cache(maxsize=512)
def _sample_points(names: tuple[str, ...], salt: str) -> tuple[tuple[float, ...], ...]:
    """Deterministic, irrational-looking points: half in [-3, 3], half in (0, 4]."""
    import random

    rng = random.Random(f"{salt}/{names}")
    points = []
    for k in range(40):
        if k % 2:
            points.append(tuple(rng.uniform(0.05, 4.0) for _ in names))
        else:
            points.append(tuple(rng.uniform(-3.0, 3.0) for _ in names))
    return tuple(points)


def _values(expr: Any, symbols: Sequence[sympy.Symbol], points: Sequence[tuple[float, ...]]) -> list[float]:
    fn = float_function(expr, symbols)
    return [fn(*p) for p in points]


def _compare_expressions(response: Any, key: Any, variables: Sequence[str], *,
                         up_to_constant: bool = False) -> str:
    """Return the reason a response is equivalent, or raise _Wrong with the reason it is not."""
    names = tuple(sorted(set(variables)))
    symbols = [sympy.Symbol(n, real=True) for n in names]
    if up_to_constant:
        response = response.subs({sympy.Symbol(c, real=True): 0 for c in CONSTANT_NAMES})
    difference = response - key
    if difference == 0:
        return "equivalent"
    if not names:
        r, k = to_float(response), to_float(key)
        if _close(r, k, EXPRESSION_RTOL):
            return "equivalent"
        if up_to_constant:
            return "equivalent (up to a constant)"
        raise _Wrong(_diagnose([r], [k]))
    points = _sample_points(names, str(key))
    key_values = _values(key, symbols, points)
    usable = [(p, v) for p, v in zip(points, key_values) if math.isfinite(v)]
    if len(usable) < 6:
        # the key is undefined almost everywhere we looked: fall back on SymPy
        if sympy.simplify(difference) == 0:
            return "equivalent"
        raise _Wrong("not equivalent")
    usable = usable[:12]
    resp_values = _values(response, symbols, [p for p, _ in usable])
    kv = [v for _, v in usable]
    if any(not math.isfinite(r) for r in resp_values):
        raise _Wrong("not defined everywhere the answer is")
    if up_to_constant:
        shifts = [r - k for r, k in zip(resp_values, kv)]
        if all(_close(s, shifts[0], 1e-7, 1e-7) for s in shifts):
            return "equivalent (up to a constant)"
        raise _Wrong(_diagnose(resp_values, kv, derivative_hint=True))
    if all(_close(r, k, EXPRESSION_RTOL) for r, k in zip(resp_values, kv)):
        return "equivalent"
    raise _Wrong(_diagnose(resp_values, kv))


def _diagnose(resp: Sequence[float], key: Sequence[float], derivative_hint: bool = False) -> str:
    if all(_close(r, -k, 1e-8) for r, k in zip(resp, key)) and any(abs(k) > 1e-12 for k in key):
        return "off by a sign"
    shifts = [r - k for r, k in zip(resp, key)]
    if len(resp) > 1 and all(_close(s, shifts[0], 1e-8, 1e-9) for s in shifts) and not derivative_hint:
        return f"off by a constant ({shifts[0]:+.4g})"
    ratios = [r / k for r, k in zip(resp, key) if abs(k) > 1e-12]
    if len(ratios) > 1 and all(_close(q, ratios[0], 1e-8) for q in ratios) and not _close(ratios[0], 1, 1e-8):
        return f"off by a factor of {ratios[0]:.4g}"
    return "not equivalent" if len(resp) > 1 else f"{_fmt(resp[0])} is not {_fmt(key[0])}"


def _fmt(v: float) -> str:
    return f"{v:.6g}"


def _check_number(answer: Answer, parsed: Any, decimal: bool) -> str:
    response = _scalar(parsed, "a number")
    if response.free_symbols:
        raise _Wrong(f"expected a number, got an expression in {', '.join(sorted(map(str, response.free_symbols)))}")
    key = _expected(answer).value
    r, k = to_float(response), to_float(key)
    if math.isnan(r):
        raise _Wrong("not a real number")
    if _close(r, k, EXACT_RTOL):
        if decimal and answer.exact_form and not _is_terminating(key):
            raise _Wrong("not exact: give the exact value (a fraction or a surd), not a decimal")
        return "equivalent"
    if decimal and not answer.exact_form and _close(r, k, DECIMAL_FOR_EXACT_RTOL):
        return "equivalent (as a decimal)"
    if decimal and _close(r, k, ROUGH_RTOL):
        raise _Wrong("not exact: give the exact value (a fraction or a surd), not a decimal" if answer.exact_form
                     else "rounded too much: give at least four significant figures or the exact value")
    raise _Wrong(_diagnose([r], [k]))


def _is_terminating(value: Any) -> bool:
    """A rational whose decimal expansion ends (1/4 = 0.25): typing it as a decimal is exact."""
    if not isinstance(value, sympy.Rational):
        return False
    q = int(value.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def _check_decimal(answer: Answer, parsed: Any) -> str:
    response = _scalar(parsed, "a number")
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


def _check_expression(answer: Answer, parsed: Any) -> str:
    response = _scalar(parsed)
    allowed = set(answer.variables) | (set(CONSTANT_NAMES) if answer.equivalence == "constant" else set())
    unknown = sorted(str(s) for s in response.free_symbols if str(s) not in allowed)
    if unknown:
        raise _Wrong(f"uses {', '.join(unknown)}, which the question does not define")
    key = _expected(answer).value
    reason = _compare_expressions(response, key, answer.variables, up_to_constant=answer.equivalence == "constant")
    if answer.exact_form and sympy.count_ops(response) > sympy.count_ops(key) + 3:
        raise _Wrong("not simplified")
    if (answer.equivalence == "constant" and reason == "equivalent"
            and not response.free_symbols & {sympy.Symbol(c, real=True) for c in CONSTANT_NAMES}):
        reason += "; remember the constant of integration"
    return reason


def _entries_equal(r: Any, k: Any, variables: Sequence[str]) -> bool:
    try:
        r = _scalar(r)
        if r.free_symbols or k.free_symbols:
            _compare_expressions(r, k, variables)
            return True
        return _close(to_float(r), to_float(k), EXACT_RTOL) or (
            not isinstance(r, sympy.Rational) and _close(to_float(r), to_float(k), DECIMAL_FOR_EXACT_RTOL))
    except _Wrong:
        return False


# ---------------------------------------------------------------- containers


def _as_list(parsed: Any, what: str) -> list[Any]:
    if isinstance(parsed, Bracketed) and parsed.open != "{":
        return list(parsed.items)
    raise _Wrong(f"expected {what} such as (1, 2, 3)")


def _check_vector(answer: Answer, parsed: Any) -> str:
    items = _as_list(parsed, "a vector")
    if any(isinstance(i, (Bracketed, Union)) for i in items):
        raise _Wrong("expected a vector, got nested brackets")
    key = list(_expected(answer).value.items)
    if len(items) != len(key):
        raise _Wrong(f"expected {len(key)} entries, got {len(items)}")
    if answer.equivalence in ("scale", "sign"):
        r = [to_float(_scalar(i)) for i in items]
        k = [to_float(v) for v in key]
        if all(abs(v) < 1e-12 for v in r):
            raise _Wrong("the zero vector is never accepted here")
        pivot = max(range(len(k)), key=lambda i: abs(k[i]))
        factor = r[pivot] / k[pivot]
        if not all(_close(a, factor * b, 1e-9, 1e-9) for a, b in zip(r, k)) or abs(factor) < 1e-12:
            raise _Wrong("not parallel to the answer" if answer.equivalence == "scale" else "not the answer up to sign")
        if answer.equivalence == "sign" and not _close(abs(factor), 1, 1e-9):
            raise _Wrong("right direction, wrong length")
        return "equivalent" if _close(factor, 1, 1e-12) else (
            "equivalent (a multiple of the answer)" if answer.equivalence == "scale" else "equivalent (up to sign)")
    wrong = [i + 1 for i, (r, k) in enumerate(zip(items, key)) if not _entries_equal(r, k, answer.variables)]
    if wrong:
        if all(_entries_equal(-_scalar(r), k, answer.variables) for r, k in zip(items, key)):
            raise _Wrong("off by a sign")
        raise _Wrong(f"entr{'y' if len(wrong) == 1 else 'ies'} {', '.join(map(str, wrong))} wrong")
    return "equivalent"


def _check_matrix(answer: Answer, parsed: Any) -> str:
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
             if not _entries_equal(r, k, answer.variables)]
    if wrong:
        transposed = [[rows[j][i] for j in range(shape[0])] for i in range(shape[1])] if shape[0] == shape[1] else None
        if transposed and all(_entries_equal(r, k, answer.variables)
                              for rr, kr in zip(transposed, key) for r, k in zip(rr, kr)):
            raise _Wrong("this is the transpose of the answer")
        shown = ", ".join(f"({i},{j})" for i, j in wrong[:4])
        raise _Wrong(f"entr{'y' if len(wrong) == 1 else 'ies'} {shown}{'…' if len(wrong) > 4 else ''} wrong")
    return "equivalent"


def _elements_equal(r: Any, k: Any, variables: Sequence[str]) -> bool:
    """Set elements: numbers or expressions, or tuples such as points (1, 2) compared entry by entry."""
    if isinstance(k, Bracketed) or isinstance(r, Bracketed):
        return (isinstance(r, Bracketed) and isinstance(k, Bracketed) and len(r.items) == len(k.items)
                and all(_entries_equal(a, b, variables) for a, b in zip(r.items, k.items)))
    return _entries_equal(r, k, variables)


def _set_items(parsed: Any) -> list[Any]:
    if isinstance(parsed, Bracketed):
        return list(parsed.items)
    if isinstance(parsed, Union):
        raise _Wrong("expected a set such as {1, 2}")
    return [parsed]


def _check_set(answer: Answer, parsed: Any) -> str:
    items = [i if isinstance(i, Bracketed) else _scalar(i) for i in _set_items(parsed)]
    key = list(_expected(answer).value.items)
    missing = [k for k in key if not any(_elements_equal(r, k, answer.variables) for r in items)]
    extra = [r for r in items if not any(_elements_equal(r, k, answer.variables) for k in key)]
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


def _check_interval(answer: Answer, parsed: Any) -> str:
    response = _intervals(parsed)
    key = _intervals(_expected(answer).value)
    if len(response) != len(key):
        raise _Wrong(f"expected {len(key)} interval(s), got {len(response)}")
    response.sort(key=lambda i: to_float(i[1]))
    for (ro, ra, rb, rc), (ko, ka, kb, kc) in zip(response, key):
        for r, k in ((ra, ka), (rb, kb)):
            if not _entries_equal(r, k, ()):
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
def _expected_cached(value: str, variables: tuple[str, ...]) -> Any:
    return parse(value, variables=frozenset(variables))


def _expected(answer: Answer) -> Any:
    return _expected_cached(answer.value, answer.variables)


_CHECKERS = {
    "number": _check_number, "decimal": _check_decimal, "expression": _check_expression,
    "vector": _check_vector, "matrix": _check_matrix, "set": _check_set, "interval": _check_interval,
}
_PART_LABEL = re.compile(r"^\s*\(?([a-z])[).:]\s*", re.IGNORECASE)


def _split_parts(answer: Answer, response: Any) -> list[str]:
    labels = [p.label for p in answer.parts]
    if isinstance(response, Mapping):
        return [str(response.get(label, "")) for label in labels]
    if isinstance(response, (list, tuple)):
        items = [str(r) for r in response]
    else:
        items = [s for s in re.split(r"[;\n]", str(response))]
    if len(items) != len(labels):
        items = (items + [""] * len(labels))[: len(labels)]
    return [_PART_LABEL.sub("", i, count=1) if i.strip() else "" for i in items]


def _judge_one(answer: Answer, text: str, max_points: float) -> Verdict:
    if not text.strip():
        return Verdict(False, 0.0, max_points, "no answer")
    try:
        if answer.kind in ("choice", "multichoice"):
            reason = _check_choice(answer, text)
        elif answer.kind == "truefalse":
            reason = _check_truefalse(answer, text)
        else:
            parsed = parse(text, variables=frozenset(answer.variables) | (
                frozenset(CONSTANT_NAMES) if answer.equivalence == "constant" else frozenset()))
            checker = _CHECKERS[answer.kind]
            reason = (checker(answer, parsed.value, parsed.decimal) if answer.kind == "number"
                      else checker(answer, parsed.value))
    except ParseError as exc:
        return Verdict(False, 0.0, max_points, f"not understood: {exc}")
    except _Wrong as exc:
        return Verdict(False, 0.0, max_points, str(exc))
    return Verdict(True, max_points, max_points, reason)


def check_answer(answer: Answer, response: Any) -> Verdict:
    """Judge a response (text; for multi-part answers a list, a mapping by part label, or text with
    parts separated by ';') against an answer. Always returns a Verdict, within about 1.5 s."""
    max_points = float(answer.points or 1)
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
    except Exception as exc:  # the promise is a verdict for any input: report, never crash
        return Verdict(False, 0.0, max_points, f"not understood: {type(exc).__name__}")


def answer_from_text(kind: str, expected: str, *, abs_tol: float | None = None, rel_tol: float | None = None,
                     exact_form: bool = False, equivalence: str = "", variables: Sequence[str] | None = None,
                     options: int | None = None) -> Answer:
    """Build a typed answer from a key typed like a response (for `mathexams judge`)."""
    from .answers import AnswerError, make_answer
    from .errors import MathExamsError

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
        answer = make_answer(kind, value, abs_tol=abs_tol, rel_tol=rel_tol, exact_form=exact_form,
                             equivalence=equivalence)
        if variables is not None and kind == "expression":
            answer = dataclasses.replace(answer, variables=tuple(sorted(set(variables))))
        return answer
    except (ParseError, _Wrong, AnswerError, TypeError, ValueError) as exc:
        raise MathExamsError(f"--expected {expected!r}: {exc}") from None
