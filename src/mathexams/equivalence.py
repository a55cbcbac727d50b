"""Decide whether a typed expression is the key's function, and say why not.

The order (docs/CHECKING.md gives the policy and its tests):
1. exact: the two are identical in SymPy's canonical form, or their difference is a polynomial
   that expands to zero (cheap, bounded by size);
2. numeric: both are evaluated at up to 15 seeded points where the key is defined and well
   conditioned (moderate values, away from its poles), with every free symbol of the key and the
   response given a value; the response must be defined wherever the key is (including the
   domain of what was typed, so `e^(ln x)` is not `x`) and agree within a relative tolerance.
   Any disagreement in double precision is re-evaluated with SymPy's adaptive multiprecision
   evaluation before it counts, so a large argument (sin of 10^9) or cancellation cannot fake one;
3. where the key is defined at too few sample points, SymPy's `simplify` decides, under the
   caller's time limit.

Antiderivatives compare derivatives with respect to the integration variable, so any
constant, named or not and even one that changes between intervals (atan((x-1)/(x+1)) for
atan x), is accepted; constants may be named by the response (C, k, ...).

A kind module (expression, vector, set...) calls `compare_expressions` or
`compare_antiderivatives`; both raise NotEquivalent with a short reason.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy

from .numeric import float_function
from .parse import Condition, Parsed

EXPRESSION_RTOL = 1e-8
SAMPLE_POINTS = 15
MIN_POINTS = 6
PRECISE_DIGITS = 30
DIAGNOSIS_POINTS = 6           # precise values at this many points when double precision cannot say why
MAX_EXPANDED_TERMS = 400       # the exact polynomial check only expands differences this small
ILL_CONDITIONED = 1e6          # a key value this many times its median size is next to a pole
MAX_EXPONENT = 1e5             # beyond this exponent a value is "too large", not evaluated precisely
# letters a response may use for a constant of integration, plain or subscripted (C_1)
CONSTANT_LETTERS = ("C", "c", "K", "k", "A", "B", "D")
# the integration variable, when the key has several names: the first of these present
INTEGRATION_VARIABLES = ("x", "t", "u", "s", "z", "y", "w", "v", "r", "theta")
STEP_FUNCTIONS = (sympy.floor, sympy.ceiling, sympy.sign, sympy.Heaviside)

_CANDIDATE_RANGES = ((-3.0, 3.0), (0.05, 4.0), (-25.0, 25.0))


class NotEquivalent(Exception):
    """The response was understood but is not the key; `str()` is the reason shown to the student."""


@dataclass(frozen=True)
class Expression:
    """What was typed, as a function: its value and where the typed form is defined."""

    value: Any
    conditions: tuple[Condition, ...] = ()

    @classmethod
    def of(cls, parsed: Parsed) -> Expression:
        return cls(parsed.value, parsed.conditions)

    @property
    def free_symbols(self) -> set:
        out = set(self.value.free_symbols)
        for c in self.conditions:
            out |= c.expr.free_symbols
        return out


@dataclass(frozen=True)
class Antiderivative:
    """An accepted antiderivative: the reason, and whether it carries an arbitrary constant."""

    reason: str
    has_constant: bool


# ---------------------------------------------------------------- evaluation


class _Evaluator:
    """Float evaluation of an expression and of its conditions: nan where the typed form is undefined."""

    def __init__(self, expression: Expression, symbols: Sequence[sympy.Symbol]):
        self.expression = expression
        self.symbols = tuple(symbols)
        self.value = float_function(expression.value, symbols)
        self.conditions = [(float_function(c.expr, symbols), c.strict) for c in expression.conditions]
        self._exponents: list[Callable[..., float]] | None = None

    def __call__(self, point: Sequence[float]) -> float:
        for fn, strict in self.conditions:
            g = fn(*point)
            if not (g > 0 or (g == 0 and not strict)):
                return math.nan
        return self.value(*point)

    def precise(self, point: Sequence[float]) -> Any:
        """The value at the exact binary point, by SymPy's adaptive multiprecision evaluation; None
        where the typed form is undefined, oo where it is too large to evaluate (e^(e^(e^25)))."""
        if self._overflows(point):
            return sympy.oo
        subs = {s: sympy.Rational(v) for s, v in zip(self.symbols, point)}
        try:
            for c in self.expression.conditions:
                g = c.expr.evalf(PRECISE_DIGITS, subs=subs)
                if not (g.is_Number and g.is_real) or g < 0 or (c.strict and g == 0):
                    return None
            v = self.expression.value.evalf(PRECISE_DIGITS, subs=subs)
        except (TypeError, ValueError, ArithmeticError, AttributeError):
            return None
        if not (v.is_Number and v.is_real and v.is_finite):
            return None
        return v


    def _overflows(self, point: Sequence[float]) -> bool:
        """Whether an exponent in the expression is beyond MAX_EXPONENT at the point: mpmath would
        spend minutes on e^(e^(e^25)), whose size alone says it is not a moderate key value."""
        if self._exponents is None:
            powers = [a.exp for a in self.expression.value.atoms(sympy.Pow, sympy.exp) if isinstance(a, sympy.Pow)]
            powers += [a.args[0] for a in self.expression.value.atoms(sympy.exp)]
            self._exponents = [float_function(e, self.symbols) for e in powers if e.free_symbols]
        for exponent in self._exponents:
            v = exponent(*point)
            if not _finite(v) or abs(v) > MAX_EXPONENT:
                return True
        return False


def _finite(v: float) -> bool:
    return isinstance(v, float) and math.isfinite(v)


@lru_cache(maxsize=512)
def _candidates(names: tuple[str, ...], salt: str) -> tuple[tuple[float, ...], ...]:
    """Deterministic, irrational-looking points: 60 taken in turn from [-3, 3], (0, 4] and [-25, 25]
    (the wide range catches answers that agree with the key only near the origin), then 60 with
    magnitudes spread from 0.01 to 1000 for keys defined only far out (log(sqrt(t) - 5))."""
    rng = random.Random(f"{salt}/{names}")
    moderate = [tuple(rng.uniform(*_CANDIDATE_RANGES[k % 3]) for _ in names) for k in range(60)]
    wide = [tuple(rng.choice((-1, 1)) * 10 ** rng.uniform(-2, 3) for _ in names) for _ in range(60)]
    return tuple(moderate + wide)


@dataclass
class _Probe:
    """The key evaluated where it is defined and well conditioned (cached per key)."""

    symbols: tuple[sympy.Symbol, ...]
    key: _Evaluator
    points: list[tuple[float, ...]]
    values: list[float]
    scale: float
    precise: dict[int, Any]

    def precise_value(self, i: int) -> Any:
        if i not in self.precise:
            self.precise[i] = self.key.precise(self.points[i])
        return self.precise[i]


def _symbols(names: Sequence[str]) -> tuple[sympy.Symbol, ...]:
    return tuple(sympy.Symbol(n, real=True) for n in names)


@lru_cache(maxsize=512)
def _probe(key: Expression, names: tuple[str, ...], fixed: tuple[tuple[str, float], ...] = ()) -> _Probe:
    """Points for `names` (plus symbols held at fixed values, such as constants of integration)."""
    symbols = _symbols(names) + _symbols([n for n, _ in fixed])
    evaluator = _Evaluator(key, symbols)
    tail = tuple(v for _, v in fixed)
    points: list[tuple[float, ...]] = []
    values: list[float] = []
    for k, base in enumerate(_candidates(names, sympy.srepr(key.value))):
        if k == 60 and len(points) >= SAMPLE_POINTS:
            break
        point = base + tail
        v = evaluator(point)
        if _finite(v):
            points.append(point)
            values.append(v)
    if values:
        median = statistics.median(abs(v) for v in values)
        calm = [i for i, v in enumerate(values) if abs(v) <= ILL_CONDITIONED * max(median, 1e-300)]
        if len(calm) >= MIN_POINTS:
            points, values = [points[i] for i in calm], [values[i] for i in calm]
    points, values = points[:SAMPLE_POINTS], values[:SAMPLE_POINTS]
    scale = statistics.median(abs(v) for v in values) if values else 0.0
    return _Probe(symbols, evaluator, points, values, scale, {})


def _close(a: float, b: float, rtol: float, atol: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= max(atol, rtol * max(abs(a), abs(b)))


def _show_point(symbols: Sequence[sympy.Symbol], point: Sequence[float], count: int) -> str:
    return ", ".join(f"{s} = {v:.3g}" for s, v in list(zip(symbols, point))[:count])


# ---------------------------------------------------------------- comparing values


def _defined_values(response: _Evaluator, probe: _Probe, *, shown: int, what: str = "not defined",
                    retry: Callable[[tuple[float, ...]], tuple[float, ...]] | None = None,
                    ) -> tuple[list[float], list[tuple[float, ...]]]:
    """The response's values at the probe's points (and the points used: `retry` may move a point to
    other values of the response's constants); NotEquivalent where it is undefined, confirmed precisely."""
    values, points = [], []
    for point in probe.points:
        r = response(point)
        if not _finite(r):
            exact = response.precise(point)
            if exact is None and retry is not None:
                moved = retry(point)
                r = response(moved)
                exact = r if _finite(r) else response.precise(moved)
                point = moved if exact is not None else point
            if exact is None:
                raise NotEquivalent(f"{what} everywhere the answer is (for example at "
                                    f"{_show_point(probe.symbols, point, shown)})")
            r = float(exact)
        values.append(r)
        points.append(point)
    return values, points


@dataclass(frozen=True)
class _Mismatch:
    """Where a response first disagrees with the key, and whether double precision was right there."""

    index: int
    reliable: bool


def _first_mismatch(response: _Evaluator, values: list[float], points: list[tuple[float, ...]],
                    key_values: list[float], precise_key: Callable[[int], Any], rtol: float) -> _Mismatch | None:
    """None when the response agrees with the key at every point, relative to the values' scale; a
    disagreement in double precision counts only if the precise values disagree too."""
    sizes = [max(abs(r), abs(k)) for r, k in zip(values, key_values) if _finite(r) and _finite(k)]
    atol = 1e-3 * rtol * (statistics.median(sizes) if sizes else 0.0)
    for i, (r, k) in enumerate(zip(values, key_values)):
        if _finite(k) and _finite(r) and _close(r, k, rtol, atol):
            continue
        exact_r, exact_k = response.precise(points[i]), precise_key(i)
        if exact_r is None or exact_k is None or not _close(float(exact_r), float(exact_k), rtol, atol):
            reliable = exact_r is not None and exact_k is not None and _finite(r) and _finite(k) \
                and _close(r - k, float(exact_r - exact_k), 1e-6, 0)
            return _Mismatch(i, reliable)
    return None


def diagnose(resp: Sequence[float], key: Sequence[float], *, constant_allowed: bool = False) -> str:
    """Say how a wrong response relates to the key: a sign, a constant, a factor, or just different."""
    pairs = [(r, k) for r, k in zip(resp, key) if _finite(r) and _finite(k)]
    if not pairs:
        return "not equivalent"
    resp, key = [r for r, _ in pairs], [k for _, k in pairs]
    if all(_close(r, -k, 1e-8, 1e-12) for r, k in zip(resp, key)) and any(abs(k) > 1e-12 for k in key):
        return "off by a sign"
    shifts = [r - k for r, k in zip(resp, key)]
    if len(resp) > 1 and all(_close(s, shifts[0], 1e-8, 1e-9) for s in shifts) and not constant_allowed:
        return f"off by a constant ({shifts[0]:+.4g})"
    ratios = [r / k for r, k in zip(resp, key) if abs(k) > 1e-12]
    if len(ratios) > 1 and all(_close(q, ratios[0], 1e-8, 0) for q in ratios) and not _close(ratios[0], 1, 1e-8, 0):
        if _close(ratios[0], 1, 1e-2, 0):
            return "close, but not equal: a rounded value where an exact one is needed?"
        return f"off by a factor of {ratios[0]:.4g}"
    return "not equivalent" if len(resp) > 1 else f"{resp[0]:.6g} is not {key[0]:.6g}"


def exact_difference(response: Expression, key: Expression) -> Any:
    """response - key in SymPy's canonical form, expanded when it is a polynomial whose expansion
    stays small (so (2x+5)^7 (5x-1)^5 against its expanded form is exactly 0, or exactly 1 off)."""
    difference = response.value - key.value
    if difference != 0 and difference.is_polynomial() and _expanded_terms(difference) <= MAX_EXPANDED_TERMS:
        return sympy.expand(difference)
    return difference


def _expanded_terms(expr: Any) -> int:
    """An upper bound on the number of terms of expr once expanded (without expanding it)."""
    if expr.is_Add:
        return sum(_expanded_terms(a) for a in expr.args)
    if expr.is_Mul:
        return math.prod(_expanded_terms(a) for a in expr.args)
    if expr.is_Pow and expr.base.is_Add and expr.exp.is_Integer and expr.exp > 0:
        m, e = _expanded_terms(expr.base), int(expr.exp)
        return math.comb(e + m - 1, m - 1) if m < 50 and e < 200 else MAX_EXPANDED_TERMS + 1
    return 1


def identical(response: Expression, key: Expression) -> bool:
    """Exact and cheap: zero difference in SymPy's canonical form or after a small expansion."""
    return exact_difference(response, key) == 0


def _names(response: Expression, key: Expression, names: Sequence[str], exclude: Sequence[str] = ()) -> tuple[str, ...]:
    """Every free symbol gets a value: the question's names, the key's and the response's."""
    found = {str(s) for s in response.free_symbols | key.free_symbols}
    return tuple(sorted((set(names) | found) - set(exclude)))


def _undecided(response: Expression, key: Expression) -> str:
    """Too few points where the key is defined: let SymPy decide (under the caller's time limit)."""
    if sympy.simplify(response.value - key.value) == 0:
        return "equivalent"
    raise NotEquivalent("not equivalent")


def compare_expressions(response: Expression, key: Expression, names: Sequence[str] = (), *,
                        rtol: float = EXPRESSION_RTOL, exact: bool = False) -> str:
    """Return why the response is the key's function ("equivalent"), or raise NotEquivalent.

    `exact`: the response was typed without decimals, so a difference that is a non-zero number
    (x y + 10^-9 for x y) is a difference however small it is."""
    names = _names(response, key, names)
    difference = exact_difference(response, key)
    same = difference == 0
    if same and set(response.conditions) <= set(key.conditions):
        return "equivalent"
    if exact and not same:
        _refuse_constant_difference(difference)
    if not names:
        return _compare_numbers(response, key, rtol)
    probe = _probe(key, names)
    if len(probe.points) < MIN_POINTS:
        return _undecided(response, key)
    evaluator = _Evaluator(response, probe.symbols)
    values, points = _defined_values(evaluator, probe, shown=len(names))
    mismatch = _first_mismatch(evaluator, values, points, probe.values, probe.precise_value, rtol)
    if same or mismatch is None:
        return "equivalent"
    reason = diagnose(values, probe.values)
    if reason == "not equivalent" and not mismatch.reliable:
        # double precision hid how they differ (a sign, a constant, a factor): look again, precisely
        precise = [(evaluator.precise(p), probe.precise_value(i)) for i, p in enumerate(points[:DIAGNOSIS_POINTS])]
        pairs = [(float(r), float(k)) for r, k in precise if r is not None and k is not None]
        reason = diagnose([r for r, _ in pairs], [k for _, k in pairs])
    raise NotEquivalent(reason)


def _refuse_constant_difference(difference: Any) -> None:
    if difference.is_number and difference.is_comparable:
        shift = difference.evalf(PRECISE_DIGITS)
        if shift.is_Number and abs(shift) > sympy.Float(10) ** (10 - PRECISE_DIGITS):
            raise NotEquivalent(f"off by a constant ({float(shift):+.4g})")


def _compare_numbers(response: Expression, key: Expression, rtol: float) -> str:
    r, k = _Evaluator(response, ())(()), _Evaluator(key, ())(())
    if not _finite(r):
        precise = _Evaluator(response, ()).precise(())
        if precise is None:
            raise NotEquivalent("not a real number")
        r = float(precise)
    if not _finite(k):
        precise = _Evaluator(key, ()).precise(())
        k = float(precise) if precise is not None else math.nan
    if _close(r, k, rtol, 1e-300):
        return "equivalent"
    raise NotEquivalent(diagnose([r], [k]))


def exactly_equal(response: Expression, key: Expression, names: Sequence[str] = ()) -> bool:
    """Equal to 30 significant digits at the sample points: a decimal that is the key's exact value
    (0.5 for 1/2) passes, a rounded one (3.14159265358979 for pi) does not."""
    if identical(response, key):
        return True
    names = _names(response, key, names)
    probe = _probe(key, names)
    evaluator = _Evaluator(response, probe.symbols)
    if names and not probe.points:
        return False
    points = range(min(3, len(probe.points))) if names else [None]
    for i in points:
        point = probe.points[i] if i is not None else ()
        r = evaluator.precise(point)
        k = probe.precise_value(i) if i is not None else _Evaluator(key, ()).precise(())
        if r is None or k is None or abs(r - k) > sympy.Float(10) ** (5 - PRECISE_DIGITS) * max(abs(k), 1):
            return False
    return True


# ---------------------------------------------------------------- antiderivatives


def constant_names(variables: Sequence[str]) -> frozenset[str]:
    """Letters (and their subscripted forms C_1, k_0) a response may use as constants of
    integration; names the question uses stay its own."""
    return frozenset(c for c in CONSTANT_LETTERS if c not in variables)


def is_constant_name(name: str, variables: Sequence[str]) -> bool:
    letter, _, subscript = name.partition("_")
    return name not in variables and letter in constant_names(variables) and (not subscript or subscript.isalnum())


def integration_variable(names: Sequence[str]) -> str | None:
    """The variable an antiderivative is taken with respect to: x, else t, u, s, z, y..., else the first."""
    for name in INTEGRATION_VARIABLES:
        if name in names:
            return name
    return sorted(names)[0] if names else None


def _constant_values(constants: Sequence[str]) -> tuple[tuple[str, float], ...]:
    """Fixed, irrational-looking positive values for the response's constants (the same at every point)."""
    rng = random.Random(f"constants/{sorted(constants)}")
    return tuple((c, rng.uniform(0.4, 2.5)) for c in sorted(constants))


def compare_antiderivatives(response: Expression, key: Expression, names: Sequence[str], constants: Sequence[str],
                            *, rtol: float = EXPRESSION_RTOL) -> Antiderivative:
    """Accept a response whose derivative is the key's derivative (the integrand) wherever the key
    is defined; `constants` are the response's names for arbitrary constants."""
    constants = sorted({str(s) for s in response.free_symbols} & set(constants))
    has_constant = bool(constants)
    steps = {f.__name__ for f in STEP_FUNCTIONS if response.value.has(f) and not key.value.has(f)}
    if steps:
        raise NotEquivalent(f"a step function ({', '.join(sorted(steps))}) is not a constant of integration")
    names = _names(response, key, names, exclude=constants)
    variable = integration_variable(names)
    if variable is None:   # no variable at all: any number is an antiderivative of 0
        return Antiderivative("equivalent (up to a constant)" if not identical(response, key) else "equivalent",
                              has_constant)
    difference = response.value - key.value
    arbitrary = {sympy.Symbol(c, real=True) for c in constants}
    if not (difference.free_symbols - arbitrary) and set(response.conditions) <= set(key.conditions):
        exact = difference.subs({c: 0 for c in arbitrary}) == 0
        return Antiderivative("equivalent" if exact else "equivalent (up to a constant)", has_constant)
    fixed = _constant_values(constants)
    probe = _probe(key, names, fixed)
    if len(probe.points) < MIN_POINTS:
        return Antiderivative(_undecided_up_to_constant(response, key, variable), has_constant)
    evaluator = _Evaluator(response, probe.symbols)

    def flip(point: tuple[float, ...]) -> tuple[float, ...]:
        # the response's constants may need the other sign (ln(k x) for x < 0 needs k < 0)
        return point[:len(names)] + tuple(-v for v in point[len(names):])

    values, points = _defined_values(evaluator, probe, shown=len(names), retry=flip)
    x = sympy.Symbol(variable, real=True)
    slope = _Evaluator(Expression(sympy.diff(response.value, x), response.conditions), probe.symbols)
    integrand = _key_derivative(key, names, fixed, variable)
    usable = [i for i, v in enumerate(integrand.values) if _finite(v)]
    if len(usable) < MIN_POINTS:
        return Antiderivative(_undecided_up_to_constant(response, key, variable), has_constant)
    slopes = [slope(points[i]) for i in usable]
    for i, v in zip(usable, slopes):
        if not _finite(v) and slope.precise(points[i]) is None:
            raise NotEquivalent("its derivative is not defined everywhere the integrand is (for example at "
                                f"{_show_point(probe.symbols, points[i], len(names))})")
    if _first_mismatch(slope, slopes, [points[i] for i in usable], [integrand.values[i] for i in usable],
                       lambda j: integrand.key.precise(points[usable[j]]), rtol) is None:
        exact = _equal_without_constants(response, key, probe, constants) if has_constant else all(
            _close(r, k, 1e-9, 1e-9 * max(1.0, probe.scale)) for r, k in zip(values, probe.values))
        return Antiderivative("equivalent" if exact else "equivalent (up to a constant)", has_constant)
    raise NotEquivalent(_antiderivative_diagnosis(response, key, constants, values, probe, slopes,
                                                  [integrand.values[i] for i in usable], usable, x))


@dataclass
class _KeyDerivative:
    key: _Evaluator
    values: list[float]
    scale: float


@lru_cache(maxsize=256)
def _key_derivative(key: Expression, names: tuple[str, ...], fixed: tuple[tuple[str, float], ...],
                    variable: str) -> _KeyDerivative:
    probe = _probe(key, names, fixed)
    derivative = Expression(sympy.diff(key.value, sympy.Symbol(variable, real=True)), key.conditions)
    evaluator = _Evaluator(derivative, probe.symbols)
    values = [evaluator(p) for p in probe.points]
    finite = [abs(v) for v in values if _finite(v)]
    return _KeyDerivative(evaluator, values, statistics.median(finite) if finite else 0.0)


def _equal_without_constants(response: Expression, key: Expression, probe: _Probe, constants: Sequence[str]) -> bool:
    """Whether the response with its constants set to 0 is the key itself ("equivalent" rather than
    "equivalent (up to a constant)"); False when the constants cannot be 0 (ln(k x))."""
    zero = {sympy.Symbol(c, real=True): 0 for c in constants}
    plain = response.value.subs(zero)
    if plain.has(sympy.zoo, sympy.nan):
        return False
    evaluator = _Evaluator(Expression(plain), probe.symbols)
    return all(_close(evaluator(p), k, 1e-9, 1e-9 * max(1.0, probe.scale)) for p, k in zip(probe.points, probe.values))


def _antiderivative_diagnosis(response: Expression, key: Expression, constants: Sequence[str],
                              values: list[float], probe: _Probe, slopes: list[float], integrand: list[float],
                              usable: list[int], x: sympy.Symbol) -> str:
    """Why a response is not an antiderivative: a multiplied constant, the integrand itself, its
    derivative, or how its derivative differs from the integrand (a factor, a sign)."""
    if {str(s) for s in sympy.diff(response.value, x).free_symbols} & set(constants):
        return "the constant of integration must be added, not multiplied"
    reason = diagnose(slopes, integrand, constant_allowed=True)
    if reason != "not equivalent":
        return reason
    plain = response.value.subs({sympy.Symbol(c, real=True): 0 for c in constants})
    if constants and not plain.has(sympy.zoo, sympy.nan):   # compare the response without its + C
        evaluator = _Evaluator(Expression(plain, response.conditions), probe.symbols)
        values = [evaluator(p) for p in probe.points]
    tolerance = 1e-9 * max(1.0, statistics.median(abs(v) for v in integrand))
    if all(_close(values[i], k, 1e-8, tolerance) for i, k in zip(usable, integrand)):
        return "this is the integrand itself, not an antiderivative"
    second = _Evaluator(Expression(sympy.diff(key.value, x, 2)), probe.symbols)
    curvature = [second(probe.points[i]) for i in usable]
    if all(_close(values[i], k, 1e-8, tolerance) for i, k in zip(usable, curvature) if _finite(k)):
        return "this is the derivative of the integrand: integrate instead"
    return reason


def _undecided_up_to_constant(response: Expression, key: Expression, variable: str) -> str:
    x = sympy.Symbol(variable, real=True)
    if sympy.simplify(sympy.diff(response.value - key.value, x)) == 0:
        return "equivalent (up to a constant)"
    raise NotEquivalent("not equivalent")
