"""Table-driven tests of the answer checker: (key, response) -> (correct, reason, points).

Every row builds its key with `make_answer` from a SymPy value (symbols are real, as in the
templates) and feeds `check_answer` a response typed the way a person would type it. Rows
cover every answer kind, the notation variants the parser promises, near misses (a sign, a
constant, a factor, an endpoint, one entry) and wrong answers that agree with the key at a
few points. Rows marked `BUG:` are genuine defects of the checker, kept as strict xfails so
they turn into failures the day they are fixed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
import sympy

from mathexams.answers import make_answer
from mathexams.judge import Verdict, check_answer

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", real=True)
c_sym = sympy.Symbol("c", real=True)
R = sympy.Rational
oo = sympy.oo
Interval = sympy.Interval


def case(kind: str, name: str, answer, response, correct: bool, reason: str | None = None, *,
         points: float | None = None, parts: tuple[bool, ...] | None = None, bug: str | None = None):
    """One row. `reason` is a substring of the verdict's reason; `bug` marks a known defect."""
    marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {bug}")] if bug else []
    return pytest.param(answer, response, correct, reason, points, parts, id=f"{kind}-{name}", marks=marks)


# ---------------------------------------------------------------- keys

def E(value, **kw):
    return make_answer("expression", value, **kw)


def N(value, **kw):
    return make_answer("number", value, **kw)


POLY = E(3 * x**2 + 3 * x + 3)
X = E(x)
X2 = E(x**2)
LIN = E(3 * (x + 1))
XSIN = E(x * sympy.sin(x))
EXP = E(sympy.exp(x))
EXP2 = E(sympy.exp(2 * x))
XEXP = E(x * sympy.exp(x))
LOG = E(sympy.log(x))
SQRT = E(sympy.sqrt(x))
PIX = E(sympy.pi * x)
SIN2X = E(sympy.sin(2 * x))
XY = E(x * y)
RECIP = E(1 / (x - 1))
X3 = E(x**3)
# the answer is 0 in a question about a function of x (e.g. the derivative of a constant)
ZERO_IN_X = dataclasses.replace(E(sympy.Integer(0)), variables=("x",))
ANTI_X2 = E(x**3 / 3, equivalence="constant")
ANTI_COS = E(sympy.sin(x), equivalence="constant")
ANTI_INV = E(sympy.log(x), equivalence="constant")
ANTI_PARAM_C = E(c_sym * x**2 / 2, equivalence="constant")
SQUARE_EXACT = E((x + 1) ** 2, exact_form=True)
EXPANDED_EXACT = E(x**2 + 2 * x + 1, exact_form=True)
PIX_EXACT = E(sympy.pi * x, exact_form=True)

EXPRESSION_CASES = [
    # notation variants that are right
    case("expression", "implicit-mult-3(x+1)", POLY, "3x^2+3(x+1)", True, "equivalent"),
    case("expression", "double-star-power", POLY, "3*x**2 + 3*x + 3", True, "equivalent"),
    case("expression", "superscript-two", POLY, "3x²+3x+3", True, "equivalent"),
    case("expression", "middle-dot", POLY, "3·x^2 + 3x + 3", True, "equivalent"),
    case("expression", "unicode-minus", POLY, "3x^2+3x−3+6", True, "equivalent"),
    case("expression", "caret", X2, "x^2", True, "equivalent"),
    case("expression", "double-star", X2, "x**2", True, "equivalent"),
    case("expression", "spaces-around-caret", X2, "x ^ 2", True, "equivalent"),
    case("expression", "x-times-x", X2, "x*x", True, "equivalent"),
    case("expression", "x-dot-x", X2, "x·x", True, "equivalent"),
    case("expression", "neg-x-squared-in-parens", X2, "(-x)^2", True, "equivalent"),
    case("expression", "3x+3", LIN, "3x+3", True, "equivalent"),
    case("expression", "3(x+1)", LIN, "3(x+1)", True, "equivalent"),
    case("expression", "(x+1)3", LIN, "(x+1)3", True, "equivalent"),
    case("expression", "times-sign", LIN, "3×(x+1)", True, "equivalent"),
    case("expression", "division-sign", LIN, "(6x+6)÷2", True, "equivalent"),
    case("expression", "x-sin-x", XSIN, "x sin x", True, "equivalent"),
    case("expression", "xsinx-no-spaces", XSIN, "xsinx", True, "equivalent"),
    case("expression", "sin(x)x", XSIN, "sin(x)x", True, "equivalent"),
    case("expression", "sin-x-times-x", XSIN, "sin x * x", True, "equivalent"),
    case("expression", "e^x", EXP, "e^x", True, "equivalent"),
    case("expression", "exp(x)", EXP, "exp(x)", True, "equivalent"),
    case("expression", "exp-x-no-parens", EXP, "exp x", True, "equivalent"),
    case("expression", "E^x", EXP, "E^x", True, "equivalent"),
    case("expression", "e**x", EXP, "e**x", True, "equivalent"),
    case("expression", "e^(2x)", EXP2, "e^(2x)", True, "equivalent"),
    case("expression", "(e^x)^2", EXP2, "(e^x)^2", True, "equivalent"),
    case("expression", "e^x-e^x", EXP2, "e^x e^x", True, "equivalent"),
    case("expression", "x-e^x", XEXP, "x e^x", True, "equivalent"),
    case("expression", "xe^x", XEXP, "xe^x", True, "equivalent"),
    case("expression", "ln-x", LOG, "ln x", True, "equivalent"),
    case("expression", "log(x)", LOG, "log(x)", True, "equivalent"),
    case("expression", "ln(x^2)/2", LOG, "ln(x^2)/2", True, "equivalent"),
    case("expression", "2ln(sqrt-x)", LOG, "2 ln(sqrt x)", True, "equivalent"),
    case("expression", "log_e(x)", LOG, "log_e(x)", True, "equivalent"),
    case("expression", "ln-abs-x-same-on-key-domain", LOG, "log(abs(x))", True, "equivalent"),
    case("expression", "sqrt(x)", SQRT, "sqrt(x)", True, "equivalent"),
    case("expression", "sqrt-x-no-parens", SQRT, "sqrt x", True, "equivalent"),
    case("expression", "radical-sign", SQRT, "√x", True, "equivalent"),
    case("expression", "x^(1/2)", SQRT, "x^(1/2)", True, "equivalent"),
    case("expression", "x^0.5", SQRT, "x^0.5", True, "equivalent"),
    case("expression", "pi-x", PIX, "pi x", True, "equivalent"),
    case("expression", "unicode-pi", PIX, "πx", True, "equivalent"),
    case("expression", "xpi", PIX, "xpi", True, "equivalent"),
    case("expression", "2-sin-x-cos-x", SIN2X, "2 sin x cos x", True, "equivalent"),
    case("expression", "2sinxcosx", SIN2X, "2sinxcosx", True, "equivalent"),
    case("expression", "sin-2x", SIN2X, "sin 2x", True, "equivalent"),
    case("expression", "xy", XY, "xy", True, "equivalent"),
    case("expression", "y-times-x", XY, "y*x", True, "equivalent"),
    case("expression", "cancelled-hole", RECIP, "(x+1)/(x^2-1)", True, "equivalent"),
    case("expression", "double-negative", RECIP, "-1/(1-x)", True, "equivalent"),
    # near misses
    case("expression", "off-by-sign", XSIN, "-x sin x", False, "off by a sign"),
    case("expression", "off-by-constant", XSIN, "x sin x + 1", False, "off by a constant (+1)"),
    case("expression", "off-by-factor", XSIN, "2x sin x", False, "off by a factor of 2"),
    case("expression", "off-by-constant-linear", LIN, "3x+1", False, "off by a constant (-2)"),
    case("expression", "minus-x-squared", X2, "-x^2", False, "off by a sign"),
    case("expression", "1/(1-x)", RECIP, "1/(1-x)", False, "off by a sign"),
    case("expression", "log-base-10", LOG, "log(x, 10)", False, "off by a factor of 0.4343"),
    case("expression", "sin(x)^2-not-sin-2x", SIN2X, "sin(x)^2", False, "not equivalent"),
    case("expression", "2sin(x)", SIN2X, "2sin(x)", False, "not equivalent"),
    case("expression", "e^(x^2)", EXP2, "e^(x^2)", False, "not equivalent"),
    case("expression", "product-rule-extra-term", XEXP, "x e^x + e^x", False, "not equivalent"),
    case("expression", "x+y", XY, "x+y", False, "not equivalent"),
    case("expression", "tiny-constant-still-wrong", XY, "x y + 10^(-9)", False, "off by a constant"),
    case("expression", "decimal-within-4-figures", XY, "x y + 0.000000001", True, "with decimals"),
    case("expression", "abs-x", X, "abs(x)", False, "not equivalent"),
    case("expression", "sqrt(x^2)", X, "sqrt(x^2)", False, "not equivalent"),
    case("expression", "ln(-x)-undefined-where-key-defined", LOG, "ln(-x)", False,
         "not defined everywhere the answer is"),
    # wrong answers that agree with the key at a few points
    case("expression", "x^3-vs-x-agree-at-0-and-pm1", X, "x^3", False, "not equivalent"),
    case("expression", "x-vs-x^3", X3, "x", False, "not equivalent"),
    case("expression", "x+sin(pi-x)-agrees-at-integers", X, "x + sin(pi x)", False, "not equivalent"),
    case("expression", "sin(pi-x)-vs-0", ZERO_IN_X, "sin(pi x)", False, "not equivalent"),
    case("expression", "sin(2pi-x)-vs-0", ZERO_IN_X, "sin(2 pi x)", False, "not equivalent"),
    case("expression", "cubic-vanishing-at-0-1-2", X, "x*(x-1)*(x-2) + x", False, "not equivalent"),
    case("expression", "x(x-1)(x+1)-vs-0", ZERO_IN_X, "x(x-1)(x+1)", False, "not equivalent"),
    case("expression", "zero-written-as-x-x", ZERO_IN_X, "x-x", True, "equivalent"),
    case("expression", "piecewise-agrees-on-sample-box", X, "abs(x+10) - 10", False),
    # SymPy folds exp(log(x)) to x as it parses, but the parser records that ln x needs x > 0
    case("expression", "e^(ln-x)-undefined-for-x<=0", X, "e^(ln x)", False, "not defined everywhere the answer is"),
    # malformed or foreign
    case("expression", "unbalanced-paren-column", X, "3x + 1)", False, "not understood: unexpected ')' at 7"),
    case("expression", "unclosed-paren", X, "(x", False, "not understood: unexpected end of input"),
    case("expression", "dangling-operator", X, "x +", False, "not understood: unexpected end of input"),
    case("expression", "two-operators", X, "3 + * x", False, "not understood: unexpected '*' at 5"),
    case("expression", "double-caret", X, "x^^2", False, "not understood: unexpected '^' at 3"),
    case("expression", "equation", X, "2x = 3", False, "not understood: unexpected '=' at 4"),
    case("expression", "empty-call", X, "sin()", False, "not understood: unexpected ')' at 5"),
    case("expression", "bare-function", X, "sin", False, "not understood: sin at 1 needs an argument"),
    case("expression", "unknown-variable", X, "y", False, "uses y, which the question does not define"),
    case("expression", "uppercase-variable", XEXP, "X e^X", False, "uses X, which the question does not define"),
    case("expression", "bracketed-list", X, "[x]", False, "expected a number or expression, not a bracketed list"),
    case("expression", "division-by-zero", X, "x/0", False, "undefined (division by zero)"),
    case("expression", "empty", X, "", False, "no answer"),
    case("expression", "none", X, None, False, "no answer"),
    # antiderivatives: equivalence="constant"
    case("expression", "antideriv-without-C", ANTI_X2, "x^3/3", True, "remember the constant of integration"),
    case("expression", "antideriv-with-C", ANTI_X2, "x^3/3 + C", True, "equivalent"),
    case("expression", "antideriv-with-c", ANTI_X2, "x^3/3 + c", True, "equivalent"),
    case("expression", "antideriv-with-K", ANTI_X2, "x^3/3+K", True, "equivalent"),
    case("expression", "antideriv-other-constant", ANTI_X2, "x^3/3 + 5", True, "equivalent (up to a constant)"),
    case("expression", "antideriv-constant-inside", ANTI_X2, "(x^3+1)/3", True, "equivalent (up to a constant)"),
    case("expression", "antideriv-forgot-divide", ANTI_X2, "x^3", False, "off by a factor of 3"),
    case("expression", "antideriv-is-integrand", ANTI_X2, "x^2", False, "this is the integrand itself"),
    case("expression", "antideriv-sign", ANTI_X2, "-x^3/3 + C", False, "off by a sign"),
    case("expression", "antideriv-constant-named-D", ANTI_X2, "x^3/3 + D", True, "equivalent"),
    case("expression", "antideriv-unknown-name-y", ANTI_X2, "x^3/3 + y", False, "uses y"),
    case("expression", "C-not-allowed-without-constant-equivalence", E(x**3 / 3), "x^3/3 + C", False, "uses C"),
    case("expression", "antideriv-sin", ANTI_COS, "sin x + C", True, "equivalent"),
    case("expression", "antideriv-sin-wrong-sign", ANTI_COS, "-sin x + C", False, "off by a sign"),
    case("expression", "antideriv-cos-instead", ANTI_COS, "cos x + C", False, "this is the integrand itself"),
    case("expression", "antideriv-derivative-instead", ANTI_COS, "-cos x", False, "not equivalent"),
    case("expression", "antideriv-extra-x", ANTI_COS, "sin x + x + C", False, "not equivalent"),
    case("expression", "antideriv-ln", ANTI_INV, "ln x + C", True, "equivalent"),
    case("expression", "antideriv-ln(2x)", ANTI_INV, "ln(2x) + C", True, "equivalent (up to a constant)"),
    case("expression", "antideriv-ln-abs", ANTI_INV, "ln(abs(x)) + C", True, "equivalent"),
    case("expression", "antideriv-C-times-x", ANTI_X2, "x^3/3 + C x", False),
    case("expression", "antideriv-huge-constant-x", ANTI_X2, "x + 10^9", False),
    case("expression", "antideriv-huge-constant-cos", ANTI_COS, "cos(x) + 10^8", False),
    case("expression", "antideriv-param-named-c", ANTI_PARAM_C, "c x^2/2 + C", True),
    # exact_form: "not simplified"
    case("expression", "exact-expanded-ok", SQUARE_EXACT, "x^2+2x+1", True, "equivalent"),
    case("expression", "exact-factored-ok", SQUARE_EXACT, "(x+1)^2", True, "equivalent"),
    case("expression", "exact-not-simplified", SQUARE_EXACT, "(x^3+3x^2+3x+1)/(x+1)", False, "not simplified"),
    case("expression", "exact-product-ok", EXPANDED_EXACT, "(x+1)(x+1)", True, "equivalent"),
    case("expression", "exact-pythagoras-padding", EXPANDED_EXACT, "x^2 + 2x + 1 + sin(x)^2 + cos(x)^2 - 1",
         False, "not simplified"),
    case("expression", "exact-wrong-is-wrong-first", EXPANDED_EXACT, "(x+1)^3/(x+2)", False, "not equivalent"),
    case("expression", "exact-decimal-pi", PIX_EXACT, "3.14159265358979x", False, "not exact"),
]

# ---------------------------------------------------------------- numbers

THIRD = N(R(1, 3))
THIRD_EXACT = N(R(1, 3), exact_form=True)
QUARTER = N(R(1, 4))
QUARTER_EXACT = N(R(1, 4), exact_form=True)
SURD = N(sympy.sqrt(8))
SURD_EXACT = N(sympy.sqrt(8), exact_form=True)
INF = N(oo)
NEG_INF = N(-oo)
HALF_PI = N(sympy.pi / 2)
THREE = N(3)
NEG_3_4 = N(R(-3, 4))
EULER = N(sympy.E)
FACT52 = N(sympy.factorial(52))

NUMBER_CASES = [
    case("number", "degree-sign", make_answer("number", 45), "45°", True, "equivalent"),
    case("number", "degrees-word", make_answer("number", 45), "45 degrees", True, "equivalent"),
    case("number", "deg", make_answer("number", 45), "45 deg", True, "equivalent"),
    case("number", "degree-sign-wrong", make_answer("number", 45), "30°", False),
    case("number", "fraction", THIRD, "1/3", True, "equivalent"),
    case("number", "unreduced-fraction", THIRD, "2/6", True, "equivalent"),
    case("number", "spaced-fraction", THIRD, "1 / 3", True, "equivalent"),
    case("number", "decimal-4-sig-figs", THIRD, "0.3333", True, "equivalent (as a decimal)"),
    case("number", "decimal-12-digits", THIRD, "0.333333333333", True, "equivalent"),
    case("number", "percent-decimal", THIRD, "33.33%", True, "equivalent (as a decimal)"),
    case("number", "rounded-too-much", THIRD, "0.33", False, "rounded too much"),
    case("number", "rounded-3-digits", THIRD, "0.333", False, "rounded too much"),
    case("number", "far-decimal", THIRD, "0.3", False, "0.3 is not 0.333333"),
    case("number", "negative", THIRD, "-1/3", False, "off by a sign"),
    case("number", "wrong-fraction", THIRD, "2/3", False, "0.666667 is not 0.333333"),
    case("number", "expression-not-number", THIRD, "x", False, "expected a number, got an expression in x"),
    case("number", "exact-fraction", THIRD_EXACT, "1/3", True, "equivalent"),
    case("number", "exact-negative-power", THIRD_EXACT, "3^-1", True, "equivalent"),
    case("number", "exact-decimal-not-exact", THIRD_EXACT, "0.3333", False, "not exact"),
    case("number", "exact-long-decimal-not-exact", THIRD_EXACT, "0.333333333333333", False, "not exact"),
    case("number", "exact-percent-not-exact", THIRD_EXACT, "33.33%", False, "not exact"),
    case("number", "exact-far-decimal", THIRD_EXACT, "0.3", False, "0.3 is not 0.333333"),
    case("number", "percent", QUARTER, "25%", True, "equivalent"),
    case("number", "percent-with-space", QUARTER, "25 %", True, "equivalent"),
    case("number", "terminating-decimal", QUARTER, "0.25", True, "equivalent"),
    case("number", "scientific", QUARTER, "2.5e-1", True, "equivalent"),
    case("number", "power", QUARTER, "1/2^2", True, "equivalent"),
    case("number", "percent-of-percent", QUARTER, "0.25%", False, "0.0025 is not 0.25"),
    case("number", "negative-percent", QUARTER, "-25%", False, "off by a sign"),
    case("number", "exact-terminating-decimal-is-exact", QUARTER_EXACT, "0.25", True, "equivalent"),
    case("number", "exact-percent-is-exact", QUARTER_EXACT, "25%", True, "equivalent"),
    case("number", "surd-simplified", SURD, "2sqrt(2)", True, "equivalent"),
    case("number", "surd-radical-sign", SURD, "2√2", True, "equivalent"),
    case("number", "surd-unsimplified", SURD, "sqrt(8)", True, "equivalent"),
    case("number", "surd-power", SURD, "8^(1/2)", True, "equivalent"),
    case("number", "surd-no-parens", SURD, "2 sqrt 2", True, "equivalent"),
    case("number", "surd-as-decimal", SURD, "2.8284", True, "equivalent (as a decimal)"),
    case("number", "surd-rounded-too-much", SURD, "2.83", False, "rounded too much"),
    case("number", "surd-sign", SURD, "-2sqrt2", False, "off by a sign"),
    case("number", "surd-factor-missing", SURD, "sqrt(2)", False, "1.41421 is not 2.82843"),
    case("number", "exact-surd", SURD_EXACT, "2sqrt 2", True, "equivalent"),
    case("number", "exact-surd-decimal", SURD_EXACT, "2.8284271247", False, "not exact"),
    case("number", "infinity-oo", INF, "oo", True, "equivalent"),
    case("number", "infinity-symbol", INF, "∞", True, "equivalent"),
    case("number", "infinity-word", INF, "infinity", True, "equivalent"),
    case("number", "infinity-inf", INF, "inf", True, "equivalent"),
    case("number", "infinity-plus", INF, "+oo", True, "equivalent"),
    case("number", "infinity-sign", INF, "-oo", False, "off by a sign"),
    case("number", "infinity-large-finite", INF, "10^300", False, "is not oo"),
    case("number", "infinity-huge-finite", INF, "10^400", False),
    case("number", "minus-infinity-unicode", NEG_INF, "−∞", True, "equivalent"),
    case("number", "minus-infinity-sign", NEG_INF, "oo", False, "off by a sign"),
    case("number", "pi-over-2", HALF_PI, "π/2", True, "equivalent"),
    case("number", "half-pi-implicit", HALF_PI, "(1/2)π", True, "equivalent"),
    case("number", "pi-decimal", HALF_PI, "1.5708", True, "equivalent (as a decimal)"),
    case("number", "pi-rounded", HALF_PI, "1.57", False, "rounded too much"),
    case("number", "degrees-not-radians", HALF_PI, "90", False, "90 is not 1.5708"),
    case("number", "integer", THREE, "3", True, "equivalent"),
    case("number", "integer-as-decimal", THREE, "3.0", True, "equivalent"),
    case("number", "arithmetic", THREE, "2+1", True, "equivalent"),
    case("number", "off-by-one", THREE, "4", False, "4 is not 3"),
    case("number", "factorial-not-3", THREE, "3!", False, "6 is not 3"),
    case("number", "one-over-zero", THREE, "1/0", False, "undefined (division by zero)"),
    case("number", "not-real", THREE, "sqrt(-9)", False, "not a real number"),
    case("number", "unicode-minus-fraction", NEG_3_4, "−3/4", True, "equivalent"),
    case("number", "negative-denominator", NEG_3_4, "3/-4", True, "equivalent"),
    case("number", "negative-decimal", NEG_3_4, "-0.75", True, "equivalent"),
    case("number", "positive-instead", NEG_3_4, "3/4", False, "off by a sign"),
    case("number", "e", EULER, "e", True, "equivalent"),
    case("number", "exp(1)", EULER, "exp(1)", True, "equivalent"),
    case("number", "e-decimal", EULER, "2.71828", True, "equivalent (as a decimal)"),
    case("number", "factorial", N(120), "5!", True, "equivalent"),
    case("number", "scientific-integer", N(120), "1.2e2", True, "equivalent"),
    case("number", "52-factorial-key-over-60-digits", FACT52, "52!", True),
]

# ---------------------------------------------------------------- decimals

TWO_THIRDS_ABS = make_answer("decimal", R(2, 3), places=3, abs_tol=0.001)
REL_1PCT = make_answer("decimal", R(1234, 10), rel_tol=0.01)
ROOT2_DEFAULT = make_answer("decimal", sympy.sqrt(2))
NEG_ABS = make_answer("decimal", R(-5, 2), abs_tol=0.05)
ZERO_DEC = make_answer("decimal", sympy.Integer(0))

DECIMAL_CASES = [
    case("decimal", "abs-rounded", TWO_THIRDS_ABS, "0.667", True, "within tolerance"),
    case("decimal", "abs-truncated", TWO_THIRDS_ABS, "0.666", True, "within tolerance"),
    case("decimal", "abs-fraction", TWO_THIRDS_ABS, "2/3", True, "within tolerance"),
    case("decimal", "abs-percent", TWO_THIRDS_ABS, "66.7%", True, "within tolerance"),
    case("decimal", "abs-just-outside", TWO_THIRDS_ABS, "0.668", False, "outside the tolerance (off by 0.001333)"),
    case("decimal", "abs-two-places", TWO_THIRDS_ABS, "0.67", False, "outside the tolerance"),
    case("decimal", "abs-sign", TWO_THIRDS_ABS, "-0.667", False, "off by a sign"),
    case("decimal", "abs-symbol", TWO_THIRDS_ABS, "x", False, "expected a number"),
    case("decimal", "rel-exact", REL_1PCT, "123.4", True, "within tolerance"),
    case("decimal", "rel-low-edge", REL_1PCT, "122.2", True, "within tolerance"),
    case("decimal", "rel-high-edge", REL_1PCT, "124.6", True, "within tolerance"),
    case("decimal", "rel-exactly-on-boundary", REL_1PCT, "124.634", True, "within tolerance"),
    case("decimal", "rel-just-over-boundary", REL_1PCT, "124.64", False, "outside the tolerance"),
    case("decimal", "rel-outside", REL_1PCT, "121", False, "outside the tolerance (off by 2.4)"),
    case("decimal", "rel-scientific", REL_1PCT, "1.234e2", True, "within tolerance"),
    case("decimal", "rel-sign", REL_1PCT, "-123.4", False, "off by a sign"),
    case("decimal", "default-tol-4-sig", ROOT2_DEFAULT, "1.414", True, "within tolerance"),
    case("decimal", "default-tol-exact-surd", ROOT2_DEFAULT, "sqrt 2", True, "within tolerance"),
    case("decimal", "default-tol-too-rough", ROOT2_DEFAULT, "1.41", False, "outside the tolerance"),
    case("decimal", "negative-key-inside", NEG_ABS, "-2.55", True, "within tolerance"),
    case("decimal", "negative-key-outside", NEG_ABS, "-2.56", False, "outside the tolerance (off by 0.06)"),
    case("decimal", "negative-key-sign", NEG_ABS, "2.5", False, "off by a sign"),
    case("decimal", "zero", ZERO_DEC, "0.0", True, "within tolerance"),
    case("decimal", "minus-zero", ZERO_DEC, "-0", True, "within tolerance"),
    case("decimal", "garbage", NEG_ABS, "-2.5.", False, "not understood"),
]

# ---------------------------------------------------------------- vectors

VEC = make_answer("vector", sympy.Matrix([1, -2, R(1, 2)]))
VEC_SCALE = make_answer("vector", [1, 2, 3], equivalence="scale")
VEC_AXIS = make_answer("vector", [0, 1], equivalence="scale")
VEC_SIGN = make_answer("vector", [3, -4], equivalence="sign")
VEC_SYMBOLIC = make_answer("vector", [x, x**2])
VEC_ROOT = make_answer("vector", [sympy.sqrt(2) / 2, sympy.sqrt(2) / 2])
VEC_22_7 = make_answer("vector", [R(22, 7), 0])

VECTOR_CASES = [
    case("vector", "numpy-printed", VEC, "[ 1.  -2.   0.5]", True, "equivalent"),
    case("vector", "numpy-printed-ints", make_answer("vector", [2, 1, 0]), "[2 1 0]", True, "equivalent"),
    case("vector", "numpy-printed-wrong-entry", make_answer("vector", [2, 1, 0]), "[2 1 1]", False, "entry 3 wrong"),
    case("vector", "scalar-times", VEC, "(1/2)*[2, -4, 1]", True, "equivalent"),
    case("vector", "divided-by-scalar", VEC, "[2, -4, 1]/2", True, "equivalent"),
    case("vector", "scalar-times-wrong", VEC, "2*[2, -4, 1]", False),
    case("vector", "parentheses", VEC, "(1, -2, 1/2)", True, "equivalent"),
    case("vector", "brackets-decimal", VEC, "[1,-2,0.5]", True, "equivalent"),
    case("vector", "bare-list", VEC, "1, -2, 1/2", True, "equivalent"),
    case("vector", "semicolons", VEC, "(1;-2;1/2)", True, "equivalent"),
    case("vector", "sign", VEC, "(-1, 2, -1/2)", False, "off by a sign"),
    case("vector", "one-wrong-entry", VEC, "(1, 2, 1/2)", False, "entry 2 wrong"),
    case("vector", "two-wrong-entries", VEC, "(3, -2, 5)", False, "entries 1, 3 wrong"),
    case("vector", "too-short", VEC, "(1, -2)", False, "expected 3 entries, got 2"),
    case("vector", "too-long", VEC, "(1,-2,1/2,0)", False, "expected 3 entries, got 4"),
    case("vector", "multiple-without-scale", VEC, "(2,-4,1)", False, "entries 1, 2, 3 wrong"),
    case("vector", "set-braces", VEC, "{1,-2,1/2}", False, "expected a vector"),
    case("vector", "nested", VEC, "[[1],[-2],[1/2]]", False, "expected a vector, got nested brackets"),
    case("vector", "scalar", VEC, "1", False, "expected a vector"),
    case("vector", "no-commas", VEC, "(1 -2 1/2)", False, "expected a vector"),
    case("vector", "unclosed", VEC, "(1, -2, 1/2", False, "not understood: unexpected end of input"),
    case("vector", "angle-brackets", VEC, "<1, -2, 1/2>", False, "not understood: unexpected '<' at 1"),
    case("vector", "scale-same", VEC_SCALE, "(1,2,3)", True, "equivalent"),
    case("vector", "scale-double", VEC_SCALE, "(2,4,6)", True, "equivalent (a multiple of the answer)"),
    case("vector", "scale-negative", VEC_SCALE, "(-1,-2,-3)", True, "a multiple of the answer"),
    case("vector", "scale-half-decimal", VEC_SCALE, "(0.5, 1, 1.5)", True, "a multiple of the answer"),
    case("vector", "scale-zero-vector", VEC_SCALE, "(0,0,0)", False, "the zero vector is never accepted here"),
    case("vector", "scale-one-entry-off", VEC_SCALE, "(1,2,4)", False, "not parallel to the answer"),
    case("vector", "scale-reversed", VEC_SCALE, "(3,2,1)", False, "not parallel to the answer"),
    case("vector", "scale-axis-multiple", VEC_AXIS, "(0, 5)", True, "a multiple of the answer"),
    case("vector", "scale-axis-tilted", VEC_AXIS, "(0.001, 1)", False, "not parallel to the answer"),
    case("vector", "sign-same", VEC_SIGN, "(3,-4)", True, "equivalent"),
    case("vector", "sign-flipped", VEC_SIGN, "(-3,4)", True, "equivalent (up to sign)"),
    case("vector", "sign-doubled", VEC_SIGN, "(6,-8)", False, "right direction, wrong length"),
    case("vector", "sign-unit", VEC_SIGN, "(0.6, -0.8)", False, "right direction, wrong length"),
    case("vector", "sign-one-entry-flipped", VEC_SIGN, "(-3, -4)", False, "not the answer up to sign"),
    case("vector", "sign-swapped", VEC_SIGN, "(4,-3)", False, "not the answer up to sign"),
    case("vector", "symbolic", VEC_SYMBOLIC, "(x, x^2)", True, "equivalent"),
    case("vector", "symbolic-one-wrong", VEC_SYMBOLIC, "(x, x^3)", False, "entry 2 wrong"),
    case("vector", "symbolic-sign", VEC_SYMBOLIC, "(-x, -x^2)", False, "off by a sign"),
    case("vector", "surds", VEC_ROOT, "(√2/2, √2/2)", True, "equivalent"),
    case("vector", "surds-reciprocal", VEC_ROOT, "(1/sqrt 2, 1/sqrt(2))", True, "equivalent"),
    case("vector", "symbolic-entry-written-differently", VEC_SYMBOLIC, "(x, x(x+1)-x)", True),
    case("vector", "surds-as-4-digit-decimals", VEC_ROOT, "(0.7071, 0.7071)", True),
    case("vector", "pi-for-22/7", VEC_22_7, "(pi, 0)", False),
]

# ---------------------------------------------------------------- matrices

MAT = make_answer("matrix", sympy.Matrix([[1, 2], [3, 4]]))
MAT23 = make_answer("matrix", [[1, 2, 3], [4, 5, 6]])
MAT_SURD = make_answer("matrix", [[R(1, 2), 0], [0, sympy.sqrt(2)]])
MAT_SYMBOLIC = make_answer("matrix", [[x, 1], [0, x**2]])
MAT33 = make_answer("matrix", [[1, 2, 3], [4, 5, 6], [7, 8, 9]])

MATRIX_CASES = [
    case("matrix", "numpy-printed", MAT, "[[1 2]\n [3 4]]", True, "equivalent"),
    case("matrix", "numpy-printed-padded", MAT, "[[ 1  2]\n [ 3  4]]", True, "equivalent"),
    case("matrix", "scalar-times-matrix", make_answer("matrix", sympy.Matrix([[R(4, 5), R(2, 5), 0], [R(2, 5), R(1, 5), 0],
                                                                           [0, 0, 1]])),
         "(1/5)*[[4,2,0],[2,1,0],[0,0,5]]", True, "equivalent"),
    case("matrix", "scalar-times-matrix-wrong", MAT, "2*[[1,2],[3,4]]", False),
    case("matrix", "numpy-printed-not-an-array", MAT, "[[1 2] [3 4] x]", False, "not understood"),
    case("matrix", "nested-brackets", MAT, "[[1,2],[3,4]]", True, "equivalent"),
    case("matrix", "nested-parens", MAT, "((1,2),(3,4))", True, "equivalent"),
    case("matrix", "rows-without-outer", MAT, "[1,2],[3,4]", True, "equivalent"),
    case("matrix", "semicolon-rows", MAT, "[[1,2];[3,4]]", True, "equivalent"),
    case("matrix", "decimal-entry", MAT, "[[1, 2], [3, 4.0]]", True, "equivalent"),
    case("matrix", "arithmetic-entry", MAT, "[[1,2],[3,2+2]]", True, "equivalent"),
    case("matrix", "transposed", MAT, "[[1,3],[2,4]]", False, "transpose"),
    case("matrix", "one-wrong-entry", MAT, "[[1,2],[3,5]]", False, "entry (2,2) wrong"),
    case("matrix", "negated", MAT, "[[-1,-2],[-3,-4]]", False, "entries (1,1), (1,2), (2,1), (2,2) wrong"),
    case("matrix", "wrong-shape-columns", MAT, "[[1,2,0],[3,4,0]]", False, "expected a 2x2 matrix, got 2x3"),
    case("matrix", "wrong-shape-rows", MAT, "[[1,2],[3,4],[5,6]]", False, "expected a 2x2 matrix, got 3x2"),
    case("matrix", "single-row", MAT, "[[1,2]]", False, "expected a 2x2 matrix, got 1x2"),
    case("matrix", "ragged", MAT, "[[1,2],[3]]", False, "rows of different lengths"),
    case("matrix", "flat-list", MAT, "[1,2,3,4]", False, "expected a matrix as rows"),
    case("matrix", "empty-brackets", MAT, "[]", False, "not understood: unexpected ']' at 2"),
    case("matrix", "rectangular", MAT23, "[[1,2,3],[4,5,6]]", True, "equivalent"),
    case("matrix", "rectangular-transposed-is-wrong-shape", MAT23, "[[1,4],[2,5],[3,6]]", False,
         "expected a 2x3 matrix, got 3x2"),
    case("matrix", "rectangular-one-wrong", MAT23, "[[1,2,3],[4,5,7]]", False, "entry (2,3) wrong"),
    case("matrix", "surd-entries", MAT_SURD, "[[0.5,0],[0,√2]]", True, "equivalent"),
    case("matrix", "symbolic", MAT_SYMBOLIC, "[[x,1],[0,x^2]]", True, "equivalent"),
    case("matrix", "symbolic-transposed", MAT_SYMBOLIC, "[[x,0],[1,x^2]]", False, "transpose"),
    case("matrix", "3x3-one-wrong", MAT33, "[[1,2,3],[4,5,6],[7,8,0]]", False, "entry (3,3) wrong"),
    case("matrix", "3x3-many-wrong-truncated", MAT33, "[[9,8,7],[6,5,4],[3,2,1]]", False, "(2,1)… wrong"),
    case("matrix", "surd-as-decimal", MAT_SURD, "[[0.5,0],[0,1.4142]]", True),
]

# ---------------------------------------------------------------- sets

SET3 = make_answer("set", sympy.FiniteSet(3, -1, R(1, 2)))
EMPTY = make_answer("set", [])
SINGLE = make_answer("set", [2])
ROOTS = make_answer("set", [-sympy.sqrt(2), sympy.sqrt(2)])
SYMSET = make_answer("set", [x, 2 * x])
POINTS = make_answer("set", [(1, 2), (3, -4)])
ONE_POINT = make_answer("set", [(2, 5)])

SET_CASES = [
    case("set", "same-order", SET3, "{-1, 1/2, 3}", True, "equivalent"),
    case("set", "other-order", SET3, "{3, -1, 1/2}", True, "equivalent"),
    case("set", "bare-list", SET3, "-1, 1/2, 3", True, "equivalent"),
    case("set", "decimal-element", SET3, "{-1, 0.5, 3}", True, "equivalent"),
    case("set", "repeated-element", SET3, "{-1,-1,1/2,3}", True, "equivalent"),
    case("set", "missing-element", SET3, "{-1, 3}", False, "missing 1/2"),
    case("set", "extra-element", SET3, "{-1, 1/2, 3, 4}", False, "4 is not in the set"),
    case("set", "two-extra", SET3, "{-1, 1/2, 2, 3, 5}", False, "2, 5 are not in the set"),
    case("set", "one-wrong-element", SET3, "{1, 1/2, 3}", False, "missing -1; 1 is not in the set"),
    case("set", "empty-for-nonempty", SET3, "{}", False, "missing -1, 1/2, 3"),
    case("set", "union-of-sets", SET3, "{-1, 1/2, 3} U {4}", False, "expected a set such as {1, 2}"),
    case("set", "empty-braces", EMPTY, "{}", True, "equivalent"),
    case("set", "empty-braces-spaced", EMPTY, " { } ", True, "equivalent"),
    case("set", "empty-set-symbol", EMPTY, "∅", True, "equivalent"),
    case("set", "empty-key-zero-set", EMPTY, "{0}", False, "0 is not in the set"),
    case("set", "singleton-bare", SINGLE, "2", True, "equivalent"),
    case("set", "singleton-repeated", SINGLE, "{2, 2}", True, "equivalent"),
    case("set", "singleton-sign", SINGLE, "{-2}", False, "missing 2; -2 is not in the set"),
    case("set", "singleton-extra-root", SINGLE, "{2, -2}", False, "-2 is not in the set"),
    case("set", "surds-radical", ROOTS, "{√2, -√2}", True, "equivalent"),
    case("set", "surds-power", ROOTS, "{2^(1/2), -2^(1/2)}", True, "equivalent"),
    case("set", "plus-minus-unsupported", ROOTS, "{±√2}", False, "not understood: unexpected '±' at 2"),
    case("set", "symbolic", SYMSET, "{2x, x}", True, "equivalent"),
    case("set", "points-any-order", POINTS, "{(3,-4),(1,2)}", True, "equivalent"),
    case("set", "points-bare", POINTS, "(1,2),(3,-4)", True, "equivalent"),
    case("set", "points-swapped-coordinates", POINTS, "{(2,1),(3,-4)}", False,
         "missing (1, 2); (2, 1) is not in the set"),
    case("set", "points-missing", POINTS, "{(1,2)}", False, "missing (3, -4)"),
    case("set", "points-wrong-length", POINTS, "{(1,2,0),(3,-4)}", False, "(1, 2, 0) is not in the set"),
    case("set", "points-flattened", POINTS, "{1,2,3,-4}", False, "missing (1, 2), (3, -4)"),
    case("set", "surds-as-decimals", ROOTS, "{1.4142, -1.4142}", True),
    case("set", "one-point-bare", ONE_POINT, "(2, 5)", True, "equivalent"),
    case("set", "one-point-braces", ONE_POINT, "{(2, 5)}", True, "equivalent"),
    case("set", "one-point-swapped", ONE_POINT, "(5, 2)", False, "missing (2, 5); (5, 2) is not in the set"),
    case("set", "one-point-of-two", POINTS, "(1, 2)", False, "missing (3, -4)"),
    case("set", "one-point-numbers-in-braces", ONE_POINT, "{2, 5}", False, "missing (2, 5)"),
]

# ---------------------------------------------------------------- intervals

HALF_OPEN = make_answer("interval", Interval(0, 1, False, True))
TWO_RAYS = make_answer("interval", sympy.Union(Interval(-oo, 1, True, True), Interval(2, oo)))
REALS = make_answer("interval", sympy.S.Reals)
IRRATIONAL_ENDS = make_answer("interval", Interval(sympy.sqrt(2), sympy.pi))
OPEN = make_answer("interval", Interval(-3, 3, True, True))

INTERVAL_CASES = [
    case("interval", "half-open", HALF_OPEN, "[0, 1)", True, "equivalent"),
    case("interval", "half-open-no-space", HALF_OPEN, "[0,1)", True, "equivalent"),
    case("interval", "decimal-ends", HALF_OPEN, "[0.0, 1.0)", True, "equivalent"),
    case("interval", "computed-end", HALF_OPEN, "[0, 2/2)", True, "equivalent"),
    case("interval", "left-should-be-closed", HALF_OPEN, "(0, 1)", False, "the left end 0 should be closed ["),
    case("interval", "right-should-be-open", HALF_OPEN, "[0, 1]", False, "the right end 1 should be open )"),
    case("interval", "both-ends-swapped", HALF_OPEN, "(0, 1]", False, "the left end 0 should be closed ["),
    case("interval", "wrong-endpoint", HALF_OPEN, "[0, 2)", False, "endpoint 2 should be 1"),
    case("interval", "reversed-endpoints", HALF_OPEN, "[1, 0)", False, "endpoint 1 should be 0"),
    case("interval", "extra-piece", HALF_OPEN, "[0, 1) U [2, 3]", False, "expected 1 interval(s), got 2"),
    case("interval", "set-not-interval", HALF_OPEN, "{0, 1}", False, "expected an interval"),
    case("interval", "three-items", HALF_OPEN, "[0, 1, 2)", False, "expected an interval"),
    case("interval", "number-not-interval", HALF_OPEN, "0", False, "expected an interval"),
    case("interval", "unclosed", HALF_OPEN, "[0, 1", False, "not understood: unexpected end of input"),
    case("interval", "french-notation", OPEN, "]-3, 3[", False, "not understood: unexpected ']' at 1"),
    case("interval", "union-U", TWO_RAYS, "(-oo, 1) U [2, oo)", True, "equivalent"),
    case("interval", "union-cup-infinity-symbols", TWO_RAYS, "(-∞, 1) ∪ [2, ∞)", True, "equivalent"),
    case("interval", "union-inf-no-spaces", TWO_RAYS, "(-inf,1)U[2,inf)", True, "equivalent"),
    case("interval", "union-other-order", TWO_RAYS, "[2, oo) U (-oo, 1)", True, "equivalent"),
    case("interval", "union-plus-infinity", TWO_RAYS, "(-oo, 1) ∪ [2, +∞)", True, "equivalent"),
    case("interval", "closed-bracket-at-infinity-tolerated", TWO_RAYS, "[-oo, 1) U [2, oo]", True, "equivalent"),
    case("interval", "union-right-end-closed", TWO_RAYS, "(-oo, 1] U [2, oo)", False,
         "the right end 1 should be open )"),
    case("interval", "union-left-end-open", TWO_RAYS, "(-oo, 1) U (2, oo)", False, "the left end 2 should be closed ["),
    case("interval", "union-missing-piece", TWO_RAYS, "(-oo, 1)", False, "expected 2 interval(s), got 1"),
    case("interval", "union-wrong-endpoint", TWO_RAYS, "(-oo, 1) U [3, oo)", False, "endpoint 3 should be 2"),
    case("interval", "union-lowercase-u", TWO_RAYS, "(-oo,1) u [2,oo)", False, "not understood"),
    case("interval", "inequality-notation", TWO_RAYS, "x < 1 or x >= 2", False, "not understood: unexpected '<' at 3"),
    case("interval", "reals", REALS, "(-oo, oo)", True, "equivalent"),
    case("interval", "reals-unicode", REALS, "(-∞, ∞)", True, "equivalent"),
    case("interval", "reals-half-line", REALS, "(-oo, 0)", False, "endpoint 0 should be oo"),
    case("interval", "irrational-ends", IRRATIONAL_ENDS, "[√2, π]", True, "equivalent"),
    case("interval", "irrational-ends-words", IRRATIONAL_ENDS, "[sqrt 2, pi]", True, "equivalent"),
    case("interval", "irrational-ends-open", IRRATIONAL_ENDS, "(sqrt(2), pi]", False,
         "the left end sqrt(2) should be closed ["),
    case("interval", "open-unicode-minus", OPEN, "(−3, 3)", True, "equivalent"),
    case("interval", "open-reversed", OPEN, "(3, -3)", False, "endpoint 3 should be -3"),
]

# ---------------------------------------------------------------- choices and true/false

CHOICE = make_answer("choice", options=["a", "b", "c", "d"], correct=[1])
CHOICE_3PTS = make_answer("choice", options=["a", "b", "c", "d"], correct=[1], points=3)
MULTI_CHOICE = make_answer("multichoice", options=["a", "b", "c", "d"], correct=[0, 2])
NONE_CORRECT = make_answer("multichoice", options=["a", "b", "c"], correct=[])
TRUE = make_answer("truefalse", True)
FALSE = make_answer("truefalse", False)

CHOICE_CASES = [
    case("choice", "letter", CHOICE, "B", True, "correct option"),
    case("choice", "lowercase", CHOICE, "b", True, "correct option"),
    case("choice", "parenthesised", CHOICE, "(b)", True, "correct option"),
    case("choice", "closing-paren", CHOICE, "b)", True, "correct option"),
    case("choice", "full-stop", CHOICE, "B.", True, "correct option"),
    case("choice", "option-word", CHOICE, "option B", True, "correct option"),
    case("choice", "points", CHOICE_3PTS, "B", True, "correct option", points=3.0),
    case("choice", "wrong-letter", CHOICE, "A", False, "(A) is not the correct option"),
    case("choice", "wrong-parenthesised", CHOICE, "(d)", False, "(D) is not the correct option"),
    case("choice", "wrong-letter-points", CHOICE_3PTS, "C", False, "(C) is not the correct option", points=0.0),
    case("choice", "no-such-option", CHOICE, "E", False, "not understood: there is no option E"),
    case("choice", "two-letters", CHOICE, "B, C", False, "choose exactly one option"),
    case("choice", "two-letters-run", CHOICE, "BC", False, "choose exactly one option"),
    case("choice", "two-letters-and", CHOICE, "b and c", False, "choose exactly one option"),
    case("choice", "digit", CHOICE, "2", False, "not understood: no option letter"),
    case("choice", "sentence", CHOICE, "the answer is B", False, "not understood"),
    case("choice", "blank", CHOICE, "  ", False, "no answer"),
    case("multichoice", "comma", MULTI_CHOICE, "A,C", True, "all the correct options"),
    case("multichoice", "run", MULTI_CHOICE, "AC", True, "all the correct options"),
    case("multichoice", "and", MULTI_CHOICE, "a and c", True, "all the correct options"),
    case("multichoice", "reversed", MULTI_CHOICE, "C, A", True, "all the correct options"),
    case("multichoice", "parenthesised", MULTI_CHOICE, "(a), (c)", True, "all the correct options"),
    case("multichoice", "spaces", MULTI_CHOICE, "A C", True, "all the correct options"),
    case("multichoice", "missing-one", MULTI_CHOICE, "A", False, "missing (C)"),
    case("multichoice", "one-extra", MULTI_CHOICE, "A, B, C", False, "(B) is not correct"),
    case("multichoice", "all-four", MULTI_CHOICE, "ABCD", False, "(B), (D) are not correct"),
    case("multichoice", "missing-and-wrong", MULTI_CHOICE, "A and B", False, "missing (C); (B) is not correct"),
    case("multichoice", "nonexistent", MULTI_CHOICE, "A,C,E", False, "not understood: there is no option E"),
    case("multichoice", "empty", MULTI_CHOICE, "", False, "no answer"),
    case("multichoice", "none-correct-answered-none", NONE_CORRECT, "none", True, "none of the options applies"),
    case("multichoice", "none-correct-answered-nothing", NONE_CORRECT, "nothing", True, "none of the options applies"),
    case("multichoice", "none-correct-answered-empty-set", NONE_CORRECT, "∅", True, "none of the options applies"),
    case("multichoice", "none-correct-left-blank", NONE_CORRECT, "", True, "no option ticked, and none applies"),
    case("multichoice", "none-correct-answered-letter", NONE_CORRECT, "A", False, "(A) is not correct"),
    case("multichoice", "none-for-some-correct", MULTI_CHOICE, "none", False, "missing (A), (C)"),
    case("truefalse", "true", TRUE, "true", True, "correct"),
    case("truefalse", "True", TRUE, "True", True, "correct"),
    case("truefalse", "T", TRUE, "T", True, "correct"),
    case("truefalse", "yes", TRUE, "yes", True, "correct"),
    case("truefalse", "one", TRUE, "1", True, "correct"),
    case("truefalse", "vrai", TRUE, "Vrai", True, "correct"),
    case("truefalse", "full-stop-and-spaces", TRUE, " true. ", True, "correct"),
    case("truefalse", "false-for-true", TRUE, "false", False, "the statement is true"),
    case("truefalse", "no-for-true", TRUE, "no", False, "the statement is true"),
    case("truefalse", "maybe", TRUE, "maybe", False, "not understood: answer true or false"),
    case("truefalse", "typo", TRUE, "truee", False, "not understood: answer true or false"),
    case("truefalse", "false", FALSE, "false", True, "correct"),
    case("truefalse", "F", FALSE, "F", True, "correct"),
    case("truefalse", "zero", FALSE, "0", True, "correct"),
    case("truefalse", "faux", FALSE, "Faux", True, "correct"),
    case("truefalse", "true-for-false", FALSE, "yes", False, "the statement is false"),
    case("truefalse", "not-true", FALSE, "not true", False, "not understood"),
]

# ---------------------------------------------------------------- multi-part

MULTI = make_answer("multi", parts=(
    make_answer("number", 2, label="a", points=1),
    make_answer("expression", 2 * x, label="b", points=2),
    make_answer("interval", Interval(0, 1), label="c", points=1),
), points=8)
MULTI_MIXED = make_answer("multi", parts=(
    make_answer("number", 2, label="a"),
    make_answer("truefalse", True, label="b"),
    make_answer("choice", options=["p", "q", "r"], correct=[2], label="c"),
))
MULTI_CONTAINERS = make_answer("multi", parts=(
    make_answer("set", [1, 2], label="a", points=1),
    make_answer("vector", [1, 2], label="b", points=3),
))

MULTI_CASES = [
    case("multi", "list", MULTI, ["2", "2x", "[0,1]"], True, "3 of 3 parts correct", points=8.0,
         parts=(True, True, True)),
    case("multi", "tuple", MULTI, ("2", "2x", "[0,1]"), True, "3 of 3", points=8.0),
    case("multi", "dict-by-label", MULTI, {"a": "2", "b": "2x", "c": "[0,1]"}, True, "3 of 3", points=8.0),
    case("multi", "dict-any-order", MULTI, {"c": "[0,1]", "b": "2x", "a": "2"}, True, "3 of 3", points=8.0),
    case("multi", "semicolons", MULTI, "2; 2x; [0,1]", True, "3 of 3", points=8.0),
    case("multi", "labelled-parens", MULTI, "(a) 2; (b) 2x; (c) [0, 1]", True, "3 of 3", points=8.0),
    case("multi", "labelled-mixed", MULTI, "a: 2; b. 2x; c) [0,1]", True, "3 of 3", points=8.0),
    case("multi", "newlines", MULTI, "2\n2x\n[0,1]", True, "3 of 3", points=8.0),
    case("multi", "non-string-item", MULTI, [2, "2*x", "[0,1]"], True, "3 of 3", points=8.0),
    case("multi", "heavy-part-wrong", MULTI, ["2", "x^2", "[0,1]"], False, "2 of 3 parts correct", points=4.0,
         parts=(True, False, True)),
    case("multi", "light-part-wrong", MULTI, ["3", "2x", "[0,1]"], False, "2 of 3", points=6.0,
         parts=(False, True, True)),
    case("multi", "endpoint-wrong", MULTI, ["2", "2x", "(0,1)"], False, "2 of 3", points=6.0,
         parts=(True, True, False)),
    case("multi", "dict-missing-parts", MULTI, {"b": "2x"}, False, "1 of 3", points=4.0,
         parts=(False, True, False)),
    case("multi", "dict-wrong-label-case", MULTI, {"A": "2", "b": "2x", "c": "[0,1]"}, False, "2 of 3",
         points=6.0, parts=(False, True, True)),
    case("multi", "text-too-few-parts", MULTI, "2; 2x", False, "2 of 3", points=6.0, parts=(True, True, False)),
    case("multi", "text-empty-middle", MULTI, "2;;[0,1]", False, "2 of 3", points=4.0, parts=(True, False, True)),
    case("multi", "commas-are-not-separators", MULTI, "2, 2x, [0,1]", False, "0 of 3", points=0.0),
    case("multi", "all-blank", MULTI, ["", "", ""], False, "0 of 3 parts correct", points=0.0),
    case("multi", "mixed-kinds-right", MULTI_MIXED, "2; T; c", True, "3 of 3", points=1.0),
    case("multi", "mixed-kinds-tf-wrong", MULTI_MIXED, ["2", "false", "C"], False, "2 of 3", points=0.666667,
         parts=(True, False, True)),
    case("multi", "mixed-kinds-choice-wrong", MULTI_MIXED, ["2", "true", "B"], False, "2 of 3", points=0.666667),
    case("multi", "weighted-parts-default-total", MULTI_CONTAINERS, ["{2,1}", "(1,2)"], True, "2 of 2", points=1.0),
    case("multi", "weighted-parts-heavy-wrong", MULTI_CONTAINERS, ["{1,2}", "(2,1)"], False, "1 of 2", points=0.25,
         parts=(True, False)),
    case("multi", "choice-part-in-parens", MULTI_MIXED, ["2", "yes", "(c)"], True, "3 of 3", points=1.0),
    case("multi", "choice-part-with-full-stop", MULTI_MIXED, "2; true; C.", True, "3 of 3", points=1.0),
    case("multi", "none-response", MULTI, None, False, "0 of 3", points=0.0, parts=(False, False, False)),
]

CASES = (EXPRESSION_CASES + NUMBER_CASES + DECIMAL_CASES + VECTOR_CASES + MATRIX_CASES + SET_CASES
         + INTERVAL_CASES + CHOICE_CASES + MULTI_CASES)


def _reason_of(verdict: Verdict) -> str:
    """The verdict's reason plus its parts' reasons (for multi-part rows)."""
    return " | ".join([verdict.reason] + [p.reason for p in verdict.parts])


@pytest.mark.parametrize("answer, response, correct, reason, points, parts", CASES)
def test_check_answer_table(answer, response, correct, reason, points, parts):
    verdict = check_answer(answer, response)
    assert isinstance(verdict, Verdict)
    assert verdict.correct is correct, verdict
    if reason is not None:
        assert reason in _reason_of(verdict), verdict
    expected_points = points if points is not None else (verdict.max_points if correct else 0.0)
    assert verdict.points == pytest.approx(expected_points, abs=1e-6), verdict
    assert 0.0 <= verdict.points <= verdict.max_points
    if parts is not None:
        assert tuple(p.correct for p in verdict.parts) == parts, verdict


def test_table_is_large_and_covers_every_kind():
    kinds = Counter(p.id.split("-", 1)[0] for p in CASES)
    assert len(CASES) >= 150
    assert set(kinds) >= {"expression", "number", "decimal", "vector", "matrix", "set", "interval",
                          "choice", "multichoice", "truefalse", "multi"}
    ids = [p.id for p in CASES]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_multi_none_response_is_no_answer():
    verdict = check_answer(MULTI, None)
    assert [p.reason for p in verdict.parts] == ["no answer"] * 3


def test_verdict_is_deterministic_and_serialisable():
    first = check_answer(MULTI, ["2", "x^2", "(0,1]"])
    second = check_answer(MULTI, ["2", "x^2", "(0,1]"])
    assert first == second
    data = first.to_dict()
    assert data["max_points"] == 8.0 and len(data["parts"]) == 3
    assert [p["correct"] for p in data["parts"]] == [True, False, False]
