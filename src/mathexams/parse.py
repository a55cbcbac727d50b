"""Parse what people type (`2x^2 + 3(x+1)`, `asinh x`, `w_1 x_1 + b`, `[[1,2],[3,4]]`, `[0, 1)`) into SymPy values.

A recursive-descent parser of our own: no `eval`, no `sympify` (which runs Python code). The notation
(functions with their usual spellings, subscripts, Greek letters, `|x|`, `n!`, `log_2 x`, `sin^2 x`, a
leading `y =` label) is listed in docs/CHECKING.md. Input length, token count, nesting depth and number
sizes are bounded, and every problem is a `ParseError` that says what and where ("unexpected ')' at 7",
"unknown function 'foo' at 1").

Besides the value, a parse records the conditions under which the typed form is defined (`ln u` needs
u > 0, `sqrt u` needs u >= 0): SymPy folds `e^(ln x)` to `x` as it builds the value, and the checker
must still know that what was typed is undefined for x <= 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy

MAX_CHARS = 1000
MAX_TOKENS = 400
MAX_DEPTH = 40
MAX_DIGITS = 400
MAX_INTEGER_VALUED = 1e15   # floor/ceiling of a larger number would build a huge integer
MAX_RESULT_BITS = 20_000
MAX_SYMBOLIC_POWER = 100
MAX_FACTORIAL = 200
MAX_BINOMIAL = 1000         # binomial(n, k) and nPr(n, k) with a number n up to this
MAX_SUM_TERMS = 200         # sum(f, k, a, b) and product(...) are expanded term by term
MAX_EXPONENT = 10_000       # e^t, sinh t, cosh t of a number t larger than this is refused (towers hang mpmath)
EXPONENTIAL = ("exp", "sinh", "cosh", "sigmoid", "softplus")


@dataclass(frozen=True)
class Condition:
    """`expr > 0` (strict) or `expr >= 0`: where the typed form is defined."""

    expr: Any
    strict: bool


def _positive(u: Any) -> tuple[Condition, ...]:
    return (Condition(u, True),)


def _nonnegative(u: Any) -> tuple[Condition, ...]:
    return (Condition(u, False),)


def _within_one(u: Any) -> tuple[Condition, ...]:
    return (Condition(1 - u**2, False),)


def _outside_one(u: Any) -> tuple[Condition, ...]:
    return (Condition(u**2 - 1, False),)


@dataclass(frozen=True)
class Function:
    """A function of the course's vocabulary: how to build it and where it is defined."""

    build: Callable[..., Any]
    min_args: int = 1
    max_args: int = 1
    domain: Callable[..., tuple[Condition, ...]] | None = None


def _log(x: Any, base: Any = None) -> Any:
    return sympy.log(x) if base is None else sympy.log(x) / sympy.log(base)


def _log_domain(x: Any, base: Any = None) -> tuple[Condition, ...]:
    return _positive(x) + (_positive(base) if base is not None else ())


def _round(x: Any, places: Any = None) -> Any:
    """Round half away from zero (as people do, not Python's banker's rounding), to `places` decimals."""
    scale = sympy.Integer(10) ** places if places is not None else sympy.Integer(1)
    return sympy.sign(x) * sympy.floor(sympy.Abs(x) * scale + sympy.Rational(1, 2)) / scale


FUNCTIONS: dict[str, Function] = {}


def _define(names: str, build: Callable[..., Any], min_args: int = 1, max_args: int = 1,
            domain: Callable[..., tuple[Condition, ...]] | None = None) -> None:
    for name in names.split():
        FUNCTIONS[name] = Function(build, min_args, max_args, domain)


_define("sin", sympy.sin)
_define("cos", sympy.cos)
_define("tan", sympy.tan)
_define("sec", sympy.sec)
_define("csc cosec", sympy.csc)
_define("cot cotan", sympy.cot)
_define("asin arcsin", sympy.asin, domain=_within_one)
_define("acos arccos", sympy.acos, domain=_within_one)
_define("atan arctan", sympy.atan)
_define("asec arcsec", sympy.asec, domain=_outside_one)
_define("acsc arccsc acosec arccosec", sympy.acsc, domain=_outside_one)
_define("acot arccot", sympy.acot)
_define("atan2 arctan2", sympy.atan2, 2, 2)
_define("sinh", sympy.sinh)
_define("cosh", sympy.cosh)
_define("tanh", sympy.tanh)
_define("sech", sympy.sech)
_define("csch cosech", sympy.csch)
_define("coth", sympy.coth)
_define("asinh arsinh arcsinh", sympy.asinh)
_define("acosh arcosh arccosh", sympy.acosh, domain=lambda u: _nonnegative(u - 1))
_define("atanh artanh arctanh", sympy.atanh, domain=lambda u: (Condition(1 - u**2, True),))
_define("asech arsech arcsech", sympy.asech, domain=lambda u: _positive(u) + _nonnegative(1 - u))
_define("acsch arcsch arccsch acosech arcosech", sympy.acsch)
_define("acoth arcoth arccoth", sympy.acoth, domain=lambda u: (Condition(u**2 - 1, True),))
_define("exp", sympy.exp)
_define("ln", sympy.log, domain=_positive)
_define("log", _log, 1, 2, domain=_log_domain)
_TEN, _TWO = sympy.Integer(10), sympy.Integer(2)
_define("lg", lambda x, base=_TEN: _log(x, base), 1, 2, domain=lambda x, base=_TEN: _log_domain(x, base))
_define("log10", lambda x: _log(x, _TEN), domain=_positive)
_define("log2", lambda x: _log(x, _TWO), domain=_positive)
_define("abs Abs", sympy.Abs)
_define("sign sgn", sympy.sign)
_define("floor", sympy.floor)
_define("ceil ceiling", sympy.ceiling)
_define("round", _round, 1, 2)
_define("erf", sympy.erf)
_define("erfc", sympy.erfc)
_define("factorial", sympy.factorial)
_define("binomial nCr", sympy.binomial, 2, 2)
_define("nPr", sympy.ff, 2, 2)
_define("min Min", sympy.Min, 1, 20)
_define("max Max", sympy.Max, 1, 20)
_define("sigmoid", lambda z: 1 / (1 + sympy.exp(-z)))
_define("relu ReLU", lambda z: sympy.Max(0, z))
_define("softplus", lambda z: sympy.log(1 + sympy.exp(z)))
# sqrt, cbrt and root go through the parser's power rule (real roots of odd order); sum and
# product bind an index: both are handled by _Parser.call
ROOTS = {"sqrt": sympy.Integer(2), "cbrt": sympy.Integer(3), "root": None}
BINDERS = {"sum": sympy.Add, "product": sympy.Mul, "prod": sympy.Mul}
FUNCTION_NAMES = frozenset(FUNCTIONS) | frozenset(ROOTS) | frozenset(BINDERS)

CONSTANTS: dict[str, Any] = {
    "pi": sympy.pi, "e": sympy.E, "E": sympy.E, "oo": sympy.oo, "inf": sympy.oo, "infinity": sympy.oo,
    "Infinity": sympy.oo,
}
GREEK = tuple(
    ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"])
_GREEK_LETTERS = dict(zip(
    "αβγδεζηθικλμνξρστυφχψωΓΔΘΛΞΠΣΥΦΨΩ",
    ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"]))
_GREEK_LETTERS.update({"ϵ": "epsilon", "ϑ": "theta", "ϕ": "phi", "ς": "sigma", "µ": "mu"})
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_UNICODE = {
    "·": "*", "×": "*", "⋅": "*", "∗": "*", "−": "-", "–": "-", "÷": "/", "√": "sqrt", "∛": "cbrt", "π": "pi",
    "∞": "oo", "∪": " U ", "∅": "{}", "（": "(", "）": ")", "，": ",", "′": "'", "″": "''", "’": "'",
    "≤": "<=", "≥": ">=", "≠": "!=", "∣": "|", **_GREEK_LETTERS,
}
_NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_LETTERS = re.compile(r"[A-Za-z]+")
# names that end in digits are functions only right before '(' (log2(x)); elsewhere log2 x is log of 2x
_DIGIT_FUNCTION = re.compile(r"(log10|log2|atan2|arctan2)(?=\s*\()")


def _matched(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str]:
    """The match of a token pattern the tokenizer has already seen start at `pos`."""
    found = pattern.match(text, pos)
    if found is None:   # the character tests before each call rule this out
        raise ParseError(f"unexpected {text[pos]!r}")
    return found
_SUBSCRIPT = re.compile(r"_(?:\{([A-Za-z0-9]+)\}|([0-9]+)|([A-Za-z]))")
_OPERATORS = ("**", "<=", ">=", "!=", "==") + tuple("-+*/^(),;[]{}!%_|=<>")
# a label before the answer: `y =`, `f(x) =`, `f'(x) =`, `x_1 =`, `P(A) =`, `dy/dx =`
_LABEL = re.compile(r"\s*(?:[A-Za-z]+(?:_(?:\{[A-Za-z0-9]+\}|[0-9]+|[A-Za-z]))?'*\s*(?:\([^()]*\))?"
                    r"|d[A-Za-z]*\s*/\s*d[A-Za-z]+(?:_[A-Za-z0-9]+)?)\s*$")


class ParseError(ValueError):
    """Input we cannot read; `str()` is the short reason with a 1-based column."""


@dataclass(frozen=True)
class Bracketed:
    """A bracketed list as typed: `(1, 2)`, `[0, 1)`, `{1, 2}`, `[[1, 2], [3, 4]]`."""

    open: str
    close: str
    items: tuple


@dataclass(frozen=True)
class Union:
    """Intervals joined with U or ∪."""

    parts: tuple


@dataclass(frozen=True)
class Parsed:
    value: Any
    decimal: bool                          # the person typed a decimal number somewhere
    names: frozenset[str]                  # variable names used
    conditions: tuple[Condition, ...] = ()  # where the typed form is defined (see Condition)


@dataclass(frozen=True)
class Token:
    kind: str    # number, name, function, constant, op, end
    text: str
    col: int


def _normalise(text: str) -> tuple[str, list[int]]:
    """ASCII text and, for each of its characters, the 1-based column it came from."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺" or ch in "₀₁₂₃₄₅₆₇₈₉":
            superscript = ch in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"
            alphabet = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺" if superscript else "₀₁₂₃₄₅₆₇₈₉"
            j = i
            while j < len(text) and text[j] in alphabet:
                j += 1
            run = text[i:j].translate(_SUPERSCRIPTS if superscript else _SUBSCRIPTS)
            replacement = f"^({run})" if superscript else "_{" + run + "}"
            out.append(replacement)
            origin.extend([i + 1] * len(replacement))
            i = j
            continue
        replacement = _UNICODE.get(ch, ch)
        out.append(replacement)
        origin.extend([i + 1] * len(replacement))
        i += 1
    origin.append(len(text) + 1)
    return "".join(out), origin


@lru_cache(maxsize=256)
def _vocabulary(variables: frozenset[str]) -> re.Pattern:
    """A regex matching the longest known word at a position (functions, constants, Greek names and
    the question's own names of several letters)."""
    words = set(FUNCTION_NAMES) | set(CONSTANTS) | set(GREEK) | {v for v in variables if len(v) > 1 and v.isalpha()}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _piece_kind(word: str, variables: frozenset[str]) -> str:
    if word in variables:
        return "name"
    if word in FUNCTION_NAMES:
        return "function"
    if word in CONSTANTS:
        return "constant"
    return "name"


def _split_run(run: str, variables: frozenset[str]) -> list[tuple[str, int]]:
    """Cut a run of letters into known words and single letters: 'xsinx' -> x, sin, x.

    Longest match first; a Greek name the question does not use gives way to single letters the
    question does use ('xi' is x times i in a question about x and i, the letter xi otherwise).
    """
    pattern = _vocabulary(variables)
    out, i = [], 0
    while i < len(run):
        m = pattern.match(run, i)
        word = m.group() if m else run[i]
        if word in GREEK and word not in variables and all(ch in variables for ch in word):
            word = run[i]
        out.append((word, i))
        i += len(word)
    return out


def tokenize(text: str, variables: frozenset[str] = frozenset()) -> list[Token]:
    if len(text) > MAX_CHARS:
        raise ParseError(f"input longer than {MAX_CHARS} characters")
    text, origin = _normalise(text)
    return _tokens(text, origin, 0, len(text), variables)


def _declared_at(text: str, pos: int, variables: frozenset[str]) -> tuple[str, int] | None:
    """The longest question variable written with digits, '_' or primes (x1, w_12, x') starting at pos,
    and the length typed; a question's w_1 may be typed w1 (a digit subscript without its '_')."""
    best = None
    for v in variables:
        if v.isalpha():
            continue
        for spelling in {v, _without_underscore(v)}:
            end = pos + len(spelling)
            if (best is None or len(spelling) > best[1]) and text.startswith(spelling, pos) \
                    and not (spelling[-1].isdigit() and text[end:end + 1].isdigit()):
                best = (v, len(spelling))
    return best


def _without_underscore(name: str) -> str:
    """w_1 -> w1 when the subscript is digits (the two spellings of one name)."""
    base, _, subscript = name.partition("_")
    return base + subscript if subscript.isdigit() else name


def _tokens(text: str, origin: list[int], start: int, stop: int, variables: frozenset[str]) -> list[Token]:
    tokens: list[Token] = []
    pos = start
    while pos < stop:
        ch = text[pos]
        col = origin[pos]
        if ch.isspace():
            pos += 1
            continue
        declared = _declared_at(text, pos, variables)
        if ch.isdigit() or (ch == "." and pos + 1 < stop and text[pos + 1].isdigit()):
            m = _matched(_NUMBER, text, pos)
            if len(m.group()) > MAX_DIGITS:
                raise ParseError(f"number too long at {col}")
            tokens.append(Token("number", m.group(), col))
            pos = m.end()
        elif declared is not None:
            tokens.append(Token("name", declared[0], col))
            pos += declared[1]
        elif _DIGIT_FUNCTION.match(text, pos) and (pos == 0 or not text[pos - 1].isalpha()):
            word = _matched(_DIGIT_FUNCTION, text, pos).group()
            tokens.append(Token("function", word, col))
            pos += len(word)
        elif ch.isascii() and ch.isalpha():
            run = _matched(_LETTERS, text, pos).group()
            pieces = _split_run(run, variables)
            after = pos + len(run)
            _refuse_unknown_function(run, pieces, text, after, col, variables)
            for word, offset in pieces:
                tokens.append(Token(_piece_kind(word, variables), word, origin[pos + offset]))
            pos = after
            if pieces[-1][0] == "log" and pos < stop and text[pos].isdigit():
                digits = _matched(_NUMBER, text, pos).group()
                raise ParseError(f"log{digits} at {origin[pos - 3]} is ambiguous: write log_{digits}(x) for base "
                                 f"{digits} or log({digits}x)")
            last = tokens[-1]
            if last.kind in ("name", "constant") and last.text != "U":
                pos = _decorate(tokens, text, pos, origin, variables)
        else:
            op = next((o for o in _OPERATORS if text.startswith(o, pos)), None)
            if op is None:
                raise ParseError(f"unexpected {ch!r} at {col}")
            tokens.append(Token("op", op, col))
            pos += len(op)
        if len(tokens) > MAX_TOKENS:
            raise ParseError(f"more than {MAX_TOKENS} symbols")
    tokens.append(Token("end", "", origin[stop] if stop < len(origin) else origin[-1]))
    return tokens


def _refuse_unknown_function(run: str, pieces: list[tuple[str, int]], text: str, after: int, col: int,
                             variables: frozenset[str]) -> None:
    """A word of two or more letters right before '(' must be a function or a product of known names:
    'foo(x)' is an unknown function, never f*o*o*x."""
    if len(run) < 2:
        return
    rest = text[after:].lstrip()
    if not rest.startswith("("):
        return
    last = pieces[-1][0]
    if last in FUNCTION_NAMES and last not in variables:
        return
    if all(word in variables or word in CONSTANTS for word, _ in pieces):
        return
    raise ParseError(f"unknown function {run!r} at {col}")


def _decorate(tokens: list[Token], text: str, pos: int, origin: list[int], variables: frozenset[str]) -> int:
    """Attach a subscript (x_1, w_{12}, theta_0, x_i) and primes (y', f'') to the name just read."""
    last = tokens[-1]
    name = last.text
    m = _SUBSCRIPT.match(text, pos)
    if m:
        name += "_" + next(g for g in m.groups() if g)
        pos = m.end()
    primes = 0
    while pos < len(text) and text[pos] == "'":
        primes += 1
        pos += 1
    name += "'" * primes
    if name not in variables and _without_underscore(name) in variables:
        name = _without_underscore(name)   # the question's w1, typed w_1
    if name != last.text:
        if primes and text[pos:].lstrip().startswith("("):
            raise ParseError(f"{name}(…) at {last.col}: write the derivative itself, not {name}(x)")
        tokens[-1] = Token("name", name, last.col)
    return pos


def _bits(v: Any) -> float:
    if isinstance(v, sympy.Integer):
        return abs(int(v)).bit_length()
    if isinstance(v, sympy.Rational):
        return max(abs(int(v.p)).bit_length(), int(v.q).bit_length())
    return 0


def _is_list(v: Any) -> bool:
    return isinstance(v, (Bracketed, Union))


class _Parser:
    def __init__(self, tokens: list[Token], variables: frozenset[str]):
        self.tokens, self.i, self.depth = tokens, 0, 0
        self.variables = variables
        self.decimal = False
        self.names: set[str] = set()
        self.conditions: dict[tuple[Any, bool], None] = {}
        self.bars = 0   # how many |...| are open: inside one, '|' closes rather than opens
        self.bound: dict[str, Any] = {}   # the index of a sum or product, with its current value

    # -- helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def expect(self, *texts: str) -> Token:
        if self.tok.text not in texts or self.tok.kind == "end":
            raise self.unexpected()
        return self.take()

    def unexpected(self) -> ParseError:
        t = self.tok
        if t.kind == "end":
            return ParseError("unexpected end of input")
        if t.text == "_":
            return ParseError(f"unexpected '_' at {t.col}: a subscript is digits, one letter or {{letters and "
                              "digits} right after a name (x_1, x_i, w_{12})")
        if t.text in ("<", ">", "<=", ">="):
            return ParseError(f"unexpected {t.text!r} at {t.col}: inequalities are not read here; write a "
                              "solution set as an interval, such as (-oo, 1]")
        if t.text in ("=", "==", "!="):
            return ParseError(f"unexpected {t.text!r} at {t.col}: give the value or expression itself, "
                              "not an equation")
        return ParseError(f"unexpected {t.text!r} at {t.col}")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH} at {self.tok.col}")

    def require(self, conditions: tuple[Condition, ...]) -> None:
        for c in conditions:
            if c.expr.is_number and c.expr.is_comparable and ((c.expr > 0) if c.strict else (c.expr >= 0)):
                continue
            self.conditions[(c.expr, c.strict)] = None

    # -- grammar
    def top(self) -> Any:
        items = [self.union()]
        while self.tok.text in (",", ";"):
            self.take()
            items.append(self.union())
        if self.tok.kind != "end":
            raise self.unexpected()
        return items[0] if len(items) == 1 else Bracketed("", "", tuple(items))

    def union(self) -> Any:
        first = self.expr()
        if self.tok.text != "U":
            return first
        parts = [first]
        while self.tok.text == "U":
            self.take()
            parts.append(self.expr())
        return Union(tuple(parts))

    def expr(self) -> Any:
        self.enter()
        value = self.term()
        while self.tok.text in ("+", "-"):
            op = self.take()
            right = self.term()
            value = _arith(value, right, op.text, op.col)
        self.depth -= 1
        return value

    def starts_factor(self) -> bool:
        t = self.tok
        return (t.kind in ("number", "name", "function", "constant") and t.text != "U") or t.text == "(" \
            or (t.text == "|" and not self.bars)

    def term(self) -> Any:
        value = self.signed()
        while True:
            if self.tok.text in ("*", "/"):
                op = self.take()
                value = _arith(value, self.signed(), op.text, op.col)
            elif self.starts_factor():
                col = self.tok.col
                value = _arith(value, self.power(), "*", col)
            else:
                return value

    def signed(self) -> Any:
        if self.tok.text in ("-", "+"):
            op = self.take()
            self.enter()
            value = self.signed()
            self.depth -= 1
            return _arith(sympy.Integer(-1), value, "*", op.col) if op.text == "-" else value
        return self.power()

    def power(self) -> Any:
        base = self.postfix()
        if self.tok.text in ("^", "**"):
            op = self.take()
            self.enter()
            exponent = self.signed()
            self.depth -= 1
            return self.raise_to(base, exponent, op.col)
        return base

    def raise_to(self, base: Any, exponent: Any, col: int) -> Any:
        """base^exponent with the course's real semantics: an odd root of a negative number is real
        ((-8)^(1/3) = -2); an even root needs a non-negative base; a variable exponent a positive one."""
        _check_scalar(base, "^", col)
        _check_scalar(exponent, "^", col)
        if exponent.is_number and exponent.is_real:
            size = abs(float(exponent)) if exponent.is_finite else math.inf
            if base.is_number:
                if base.is_Rational and abs(base) not in (0, 1) and size * max(_bits(base), 1) > MAX_RESULT_BITS:
                    raise ParseError(f"number too large at {col}")
                if not base.is_Rational and size > MAX_EXPONENT:
                    raise ParseError(f"exponent too large at {col}")
            elif size > MAX_SYMBOLIC_POWER:
                raise ParseError(f"exponent above {MAX_SYMBOLIC_POWER} at {col}")
        if exponent.is_Rational and not exponent.is_Integer and not base.is_nonnegative:
            if exponent.q % 2:
                magnitude = sympy.Pow(sympy.Abs(base), exponent)
                return magnitude if exponent.p % 2 == 0 else sympy.sign(base) * magnitude
            self.require(_positive(base) if exponent < 0 else _nonnegative(base))
        elif not exponent.is_number and not base.is_positive:
            self.require(_positive(base))
        return sympy.Pow(base, exponent)

    def postfix(self) -> Any:
        value = self.atom()
        while self.tok.text in ("!", "%"):
            op = self.take()
            if op.text == "!":
                value = self.factorial(value, op.col)
            else:
                value = _arith(value, sympy.Integer(100), "/", op.col)
        return value

    def factorial(self, value: Any, col: int) -> Any:
        _check_scalar(value, "!", col)
        if value.is_number and not (isinstance(value, sympy.Integer) and 0 <= value <= MAX_FACTORIAL):
            raise ParseError(f"factorial at {col} needs a whole number up to {MAX_FACTORIAL}")
        return sympy.factorial(value)

    def atom(self) -> Any:
        t = self.tok
        if t.kind == "number":
            self.take()
            return self.number(t.text, t.col)
        if t.kind == "function":
            self.take()
            return self.call(t.text, t.col)
        if t.kind in ("name", "constant"):
            return self.name()
        if t.text in ("(", "["):
            return self.bracket()
        if t.text == "|":
            return self.absolute()
        if t.text == "{":
            self.take()
            self.enter()
            items = [] if self.tok.text == "}" else self.items()
            self.expect("}")
            self.depth -= 1
            return Bracketed("{", "}", tuple(items))
        raise self.unexpected()

    def absolute(self) -> Any:
        col = self.take().col
        self.enter()
        self.bars += 1
        value = self.expr()
        self.bars -= 1
        self.expect("|")
        self.depth -= 1
        _check_scalar(value, "|…|", col)
        return sympy.Abs(value)

    def items(self) -> list[Any]:
        items = [self.expr()]
        while self.tok.text in (",", ";"):
            self.take()
            items.append(self.expr())
        return items

    def bracket(self) -> Any:
        open_ = self.take().text
        self.enter()
        bars, self.bars = self.bars, 0
        items = self.items()
        self.bars = bars
        if len(items) == 1 and open_ == "(" and self.tok.text == ")":
            self.take()
            self.depth -= 1
            return items[0]
        close = self.expect(")", "]").text
        self.depth -= 1
        return Bracketed(open_, close, tuple(items))

    def number(self, text: str, col: int) -> Any:
        if re.fullmatch(r"\d+", text):
            return sympy.Integer(int(text))
        self.decimal = True
        mantissa, _, exp = text.lower().partition("e")
        if exp and abs(int(exp)) > 300:
            raise ParseError(f"number out of range at {col}")
        return sympy.Rational(mantissa or "0") * sympy.Integer(10) ** int(exp or 0)

    def name(self) -> Any:
        t = self.take()
        word = t.text
        if word in self.bound:
            return self.bound[word]
        if word == "C" and self.tok.text == "(" and self.top_level_commas() == 1:
            return self.call("binomial", t.col)   # C(n, k), even where C may be a constant of integration
        if word in self.variables:
            self.names.add(word)
            return sympy.Symbol(word, real=True)
        if word in CONSTANTS:
            return CONSTANTS[word]
        if word == "U":
            raise ParseError(f"unexpected 'U' at {t.col}")
        self.names.add(word)
        return sympy.Symbol(word, real=True)

    def top_level_commas(self) -> int:
        """Commas directly inside the bracket that starts at the current token."""
        depth, commas = 0, 0
        for t in self.tokens[self.i:]:
            if t.text in ("(", "[", "{"):
                depth += 1
            elif t.text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return commas
            elif t.text == "," and depth == 1:
                commas += 1
            elif t.kind == "end":
                break
        return commas

    def call(self, word: str, col: int) -> Any:
        if word in BINDERS:
            return self.binder(word, col)
        power = None
        if self.tok.text == "^":   # sin^2 x means (sin x)^2
            self.take()
            if self.tok.kind != "number" or not re.fullmatch(r"\d+", self.tok.text):
                raise ParseError(f"{word}^ at {col}: only a whole power such as {word}^2 x is read; write "
                                 f"a{word}(x) for the inverse or 1/{word}(x) for the reciprocal"
                                 if self.tok.text == "-" else f"{word}^ at {col} needs a whole number power")
            power = self.number(self.take().text, col)
        base = None
        if word == "log" and self.tok.text == "_":
            self.take()
            if self.tok.text == "{":
                self.take()
                base = self.expr()
                self.expect("}")
            else:
                base = self.atom()
            if _is_list(base):
                raise ParseError(f"log at {col} needs a number as its base")
        if self.tok.text == "(":
            self.take()
            self.enter()
            bars, self.bars = self.bars, 0
            args = self.items()
            self.bars = bars
            self.expect(")")
            self.depth -= 1
        elif self.starts_factor() or self.tok.text in ("-", "+"):
            # sin x, ln 2x, sqrt x: the argument is the following run of implicit products
            self.enter()
            args = [self.signed_run()]
            self.depth -= 1
        else:
            raise ParseError(f"{word} at {col} needs an argument")
        if any(_is_list(a) for a in args):
            raise ParseError(f"{word} at {col} takes numbers or expressions, not a bracketed list")
        if base is not None:
            args = args + [base] if len(args) == 1 else args
        value = self.apply(word, args, col)
        return self.raise_to(value, power, col) if power is not None else value

    def apply(self, word: str, args: list[Any], col: int) -> Any:
        if word in ROOTS:
            order = ROOTS[word]
            if word == "root" and len(args) == 2:
                order = args[1]
            elif len(args) != 1 or (word == "root" and len(args) > 2):
                raise ParseError(f"{word} at {col} takes {'one argument' if word != 'root' else '1 or 2 arguments'}")
            if order is None:
                order = sympy.Integer(2)
            if order.is_number and (order == 0 or not order.is_real):
                raise ParseError(f"root at {col} needs a non-zero order")
            return self.raise_to(args[0], 1 / order, col)
        fn = FUNCTIONS[word]
        if not fn.min_args <= len(args) <= fn.max_args:
            wanted = (f"{fn.min_args}" if fn.min_args == fn.max_args else
                      f"{fn.min_args} to {fn.max_args}" if fn.max_args < 20 else f"at least {fn.min_args}")
            raise ParseError(f"{word} at {col} takes {wanted} argument{'s' if wanted != '1' else ''}, "
                             f"not {len(args)}")
        if word in ("floor", "ceil", "ceiling", "round") and args[0].is_number \
                and _magnitude(args[0]) > MAX_INTEGER_VALUED:
            raise ParseError(f"number too large for {word} at {col}")
        if word in EXPONENTIAL and args[0].is_number and _magnitude(args[0]) > MAX_EXPONENT:
            raise ParseError(f"number too large for {word} at {col}")
        if word == "factorial":
            return self.factorial(args[0], col)
        if word in ("binomial", "nCr", "nPr") and args[0].is_number and (
                not args[0].is_real or _magnitude(args[0]) > MAX_BINOMIAL):
            raise ParseError(f"{word} at {col} needs numbers up to {MAX_BINOMIAL}")
        if fn.domain is not None:
            self.require(fn.domain(*args))
        value = fn.build(*args)
        if _bits(value) > MAX_RESULT_BITS:
            raise ParseError(f"number too large at {col}")
        return value

    def binder(self, word: str, col: int) -> Any:
        """sum(f, k, a, b) and product(f, k, a, b) over whole numbers a..b: the body is read again for
        each k, so that every term gets its own value and domain (x^k at k = 2 is just x^2)."""
        usage = f"{word} at {col} is written {word}(expression, k, first, last)"
        if self.tok.text != "(":
            raise ParseError(usage)
        self.take()
        self.enter()
        names, conditions = set(self.names), dict(self.conditions)
        body_start = self.i
        body = self.expr()
        self.expect(",")
        index = self.expr()
        self.expect(",")
        first = self.expr()
        self.expect(",")
        last = self.expr()
        self.expect(")")
        self.depth -= 1
        end = self.i
        if not isinstance(index, sympy.Symbol) or index.name in self.bound:
            raise ParseError(usage)
        if _is_list(body) or not all(isinstance(v, sympy.Integer) for v in (first, last)):
            raise ParseError(f"{word} at {col} needs whole numbers as its first and last index")
        if int(last) - int(first) + 1 > MAX_SUM_TERMS:
            raise ParseError(f"{word} at {col} has more than {MAX_SUM_TERMS} terms")
        self.names, self.conditions = names, conditions
        terms = []
        for k in range(int(first), int(last) + 1):
            self.i = body_start
            self.bound[index.name] = sympy.Integer(k)
            terms.append(self.expr())
        self.bound.pop(index.name, None)
        self.i = end
        result = BINDERS[word](*terms) if terms else (sympy.Integer(0) if word == "sum" else sympy.Integer(1))
        if _bits(result) > MAX_RESULT_BITS:
            raise ParseError(f"number too large at {col}")
        return result

    def signed_run(self) -> Any:
        if self.tok.text in ("-", "+"):
            op = self.take()
            value = self.signed_run()
            return _arith(sympy.Integer(-1), value, "*", op.col) if op.text == "-" else value
        value = self.power()
        while self.starts_factor() and self.tok.kind != "function":
            col = self.tok.col
            value = _arith(value, self.power(), "*", col)
        return value


def _magnitude(value: Any) -> float:
    """|value| as a float (inf when it overflows), evaluated with mpmath's big exponents."""
    try:
        return abs(complex(sympy.N(value, 15)))
    except (OverflowError, TypeError, ValueError):
        return math.inf


_OPERATION_NAMES = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "^": "raise to a power",
                    "!": "take a factorial of", "|…|": "take the absolute value of"}


def _check_scalar(v: Any, op: str, col: int) -> Any:
    if _is_list(v):
        raise ParseError(f"cannot {_OPERATION_NAMES.get(op, 'use ' + op)} a bracketed list (at {col})")
    return v


def _scaled(items: Bracketed, factor: Any, op: str, col: int) -> Bracketed:
    """A vector or matrix times (or divided by) a number, entry by entry: `(1/5)*[[4, 2], [2, 1]]`."""
    def entry(v: Any) -> Any:
        if isinstance(v, Bracketed):
            return _scaled(v, factor, op, col)
        _check_scalar(v, op, col)
        return _arith(factor, v, "*", col) if op == "*" else _arith(v, factor, "/", col)
    return Bracketed(items.open, items.close, tuple(entry(v) for v in items.items))


def _is_array(v: Any) -> bool:
    """A square-bracketed list (a vector or matrix as typed), which a number may scale."""
    return isinstance(v, Bracketed) and v.open == "[" and v.close == "]"


def _arith(a: Any, b: Any, op: str, col: int) -> Any:
    if op == "*" and _is_array(b) and not _is_list(a):
        return _scaled(b, a, op, col)
    if op in ("*", "/") and _is_array(a) and not _is_list(b):
        return _scaled(a, b, op, col)
    _check_scalar(a, op, col)
    _check_scalar(b, op, col)
    if op == "+":
        out = a + b
    elif op == "-":
        out = a - b
    elif op == "*":
        out = a * b
    else:
        out = a / b
    if _bits(out) > MAX_RESULT_BITS:
        raise ParseError(f"number too large at {col}")
    return out


def _answer_start(text: str) -> int:
    """Where the answer starts: after a label such as `y =` or `f'(x) =`; 0 when there is none."""
    depth, equals = 0, []
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "=" and depth == 0 and text[i - 1:i] not in ("<", ">", "!", "=") and text[i + 1:i + 2] != "=":
            equals.append(i)
    if len(equals) == 1 and _LABEL.fullmatch(text[:equals[0]]):
        return equals[0] + 1
    return 0


_NUMPY_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_NUMPY_ARRAY = re.compile(rf"\s*\[[\[\]\s]*{_NUMPY_NUMBER}(?:[\[\]\s]+{_NUMPY_NUMBER})*[\[\]\s]*\]\s*")
_NUMPY_GAP = re.compile(r"(?<=[\d.\]])\s+(?=[+-]?[\d.\[])")
_DEGREES = re.compile(r"^(.*?\S)\s*(?:°|\^\s*\\?circ|\bdeg(?:rees?)?\.?)\s*$", re.IGNORECASE)


def numpy_printed(text: str) -> str:
    """An array as NumPy prints it (`[2 1 0]`, `[[1 2]\\n [3 4]]`, `[ 0.5 -1. ]`) with commas, so it
    reads like `[2, 1, 0]`; any other text unchanged (a comma anywhere means it was typed as a list)."""
    if "," in text or not _NUMPY_ARRAY.fullmatch(text):
        return text
    return _NUMPY_GAP.sub(", ", text.strip())


def without_degrees(text: str) -> str:
    """An angle typed with its unit, `45°`, `45 degrees`, `45 deg`, as the number `45`; text without
    one unchanged."""
    match = _DEGREES.match(text)
    return match.group(1) if match else text


def parse(text: str, *, variables: frozenset[str] | set[str] = frozenset()) -> Parsed:
    """Parse a typed response; raise ParseError saying what and where."""
    if not isinstance(text, str):
        raise ParseError("not text")
    if len(text) > MAX_CHARS:
        raise ParseError(f"input longer than {MAX_CHARS} characters")
    text = without_degrees(numpy_printed(text))
    variables = frozenset(variables)
    normal, origin = _normalise(text)
    start = _answer_start(normal)
    tokens = _tokens(normal, origin, start, len(normal), variables)
    if tokens[0].kind == "end":
        raise ParseError("empty answer" if not start else f"nothing after '=' at {origin[start - 1]}")
    parser = _Parser(tokens, variables)
    try:
        value = parser.top()
    except RecursionError:
        raise ParseError(f"nested deeper than {MAX_DEPTH}") from None
    except ParseError:
        raise
    except (TypeError, ValueError, ArithmeticError, AttributeError, sympy.SympifyError):
        # SymPy refused a combination the grammar allowed (a function of a huge number, a power of a list…)
        raise ParseError(f"cannot compute a value from this (near column {parser.tok.col})") from None
    conditions = tuple(Condition(e, s) for e, s in parser.conditions)
    return Parsed(value, parser.decimal, frozenset(parser.names), conditions)
