"""Parse what people type (`2x^2 + 3(x+1)`, `[[1,2],[3,4]]`, `[0, 1)`, `B, D`) into SymPy values.

A recursive-descent parser of our own: no `eval`, no `sympify` (which runs Python code).
It accepts `^` and `**`, implicit multiplication (`2x`, `3(x+1)`, `x sin x`), function
application without parentheses (`sin x`, `ln 2x`), `e^x`, `sqrt`, `pi`, `%`, `!`, common
Unicode (`·`, `×`, `−`, `√`, `π`, `∞`, `²`, `∪`), brackets for vectors, matrices, sets and
intervals. Input length, token count, nesting depth and number sizes are bounded, and every
problem is a `ParseError` with a column ("unexpected ')' at 7").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
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

FUNCTIONS: dict[str, Any] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "cot": sympy.cot, "sec": sympy.sec, "csc": sympy.csc,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan, "arcsin": sympy.asin, "arccos": sympy.acos,
    "arctan": sympy.atan, "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "exp": sympy.exp, "ln": sympy.log, "log": sympy.log, "sqrt": sympy.sqrt, "abs": sympy.Abs,
    "Abs": sympy.Abs, "erf": sympy.erf, "floor": sympy.floor, "ceil": sympy.ceiling, "ceiling": sympy.ceiling,
    "sign": sympy.sign,
}
CONSTANTS: dict[str, Any] = {
    "pi": sympy.pi, "e": sympy.E, "E": sympy.E, "oo": sympy.oo, "inf": sympy.oo, "infinity": sympy.oo,
    "Infinity": sympy.oo,
}
_UNICODE = {
    "·": "*", "×": "*", "⋅": "*", "−": "-", "–": "-", "÷": "/", "√": "sqrt", "π": "pi", "∞": "oo",
    "²": "^2", "³": "^3", "∪": " U ", "∅": "{}", "（": "(", "）": ")", "，": ",",
}
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z]+)
  | (?P<op>\*\*|[-+*/^(),;\[\]{}!%_])
""", re.VERBOSE)


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
    decimal: bool            # the person typed a decimal number somewhere
    names: frozenset[str]    # variable names used


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    col: int


def _normalise(text: str) -> str:
    for src, dst in _UNICODE.items():
        text = text.replace(src, dst)
    return text


def _split_name(word: str, col: int, variables: frozenset[str]) -> list[Token]:
    """Cut a run of letters into known words and single-letter variables: 'xsinx' -> x, sin, x."""
    known = sorted(set(FUNCTIONS) | set(CONSTANTS) | {v for v in variables if len(v) > 1} | {"U"},
                   key=len, reverse=True)
    out, i = [], 0
    while i < len(word):
        for candidate in known:
            if word.startswith(candidate, i) and (len(candidate) > 1 or candidate == "U"):
                if candidate == "U" and len(word) > 1:
                    continue
                out.append(Token("name", candidate, col + i))
                i += len(candidate)
                break
        else:
            out.append(Token("name", word[i], col + i))
            i += 1
    return out


def tokenize(text: str, variables: frozenset[str] = frozenset()) -> list[Token]:
    if len(text) > MAX_CHARS:
        raise ParseError(f"input longer than {MAX_CHARS} characters")
    text = _normalise(text)
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ParseError(f"unexpected {text[pos]!r} at {pos + 1}")
        kind = m.lastgroup
        if kind == "name":
            tokens.extend(_split_name(m.group(), pos + 1, variables))
        elif kind != "space":
            if kind == "number" and len(m.group()) > MAX_DIGITS:
                raise ParseError(f"number too long at {pos + 1}")
            tokens.append(Token(kind, m.group(), pos + 1))
        pos = m.end()
        if len(tokens) > MAX_TOKENS:
            raise ParseError(f"more than {MAX_TOKENS} symbols")
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _bits(v: Any) -> float:
    if isinstance(v, sympy.Integer):
        return abs(int(v)).bit_length()
    if isinstance(v, sympy.Rational):
        return max(abs(int(v.p)).bit_length(), int(v.q).bit_length())
    return 0


class _Parser:
    def __init__(self, tokens: list[Token], variables: frozenset[str]):
        self.tokens, self.i, self.depth = tokens, 0, 0
        self.variables = variables
        self.decimal = False
        self.names: set[str] = set()

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
        return ParseError("unexpected end of input" if t.kind == "end" else f"unexpected {t.text!r} at {t.col}")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH}")

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
            op = self.take().text
            right = self.term()
            value = _arith(value, right, op)
        self.depth -= 1
        return value

    def starts_factor(self) -> bool:
        t = self.tok
        return t.kind == "number" or (t.kind == "name" and t.text != "U") or t.text == "("

    def term(self) -> Any:
        value = self.signed()
        while True:
            if self.tok.text in ("*", "/"):
                op = self.take().text
                value = _arith(value, self.signed(), op)
            elif self.starts_factor():
                value = _arith(value, self.power(), "*")
            else:
                return value

    def signed(self) -> Any:
        if self.tok.text in ("-", "+"):
            op = self.take().text
            self.enter()
            value = self.signed()
            self.depth -= 1
            return _arith(sympy.Integer(-1), value, "*") if op == "-" else value
        return self.power()

    def power(self) -> Any:
        base = self.postfix()
        if self.tok.text in ("^", "**"):
            self.take()
            self.enter()
            exponent = self.signed()
            self.depth -= 1
            return _power(base, exponent)
        return base

    def postfix(self) -> Any:
        value = self.atom()
        while self.tok.text in ("!", "%"):
            op = self.take().text
            if op == "!":
                if not (isinstance(value, sympy.Integer) and 0 <= value <= MAX_FACTORIAL):
                    raise ParseError(f"factorial needs a whole number up to {MAX_FACTORIAL}")
                value = sympy.factorial(value)
            else:
                value = _arith(value, sympy.Integer(100), "/")
        return value

    def atom(self) -> Any:
        t = self.tok
        if t.kind == "number":
            self.take()
            return self.number(t.text)
        if t.kind == "name":
            return self.name()
        if t.text in ("(", "["):
            return self.bracket()
        if t.text == "{":
            self.take()
            self.enter()
            items = [] if self.tok.text == "}" else self.items()
            self.expect("}")
            self.depth -= 1
            return Bracketed("{", "}", tuple(items))
        raise self.unexpected()

    def items(self) -> list[Any]:
        items = [self.expr()]
        while self.tok.text in (",", ";"):
            self.take()
            items.append(self.expr())
        return items

    def bracket(self) -> Any:
        open_ = self.take().text
        self.enter()
        items = self.items()
        if len(items) == 1 and open_ == "(" and self.tok.text == ")":
            self.take()
            self.depth -= 1
            return items[0]
        close = self.expect(")", "]").text
        self.depth -= 1
        return Bracketed(open_, close, tuple(items))

    def number(self, text: str) -> Any:
        if re.fullmatch(r"\d+", text):
            return sympy.Integer(int(text))
        self.decimal = True
        mantissa, _, exp = text.lower().partition("e")
        if exp and abs(int(exp)) > 300:
            raise ParseError("number out of range")
        return sympy.Rational(mantissa or "0") * sympy.Integer(10) ** int(exp or 0)

    def name(self) -> Any:
        word = self.take().text
        if word in FUNCTIONS:
            return self.call(word)
        if word in self.variables:
            self.names.add(word)
            return sympy.Symbol(word, real=True)
        if word in CONSTANTS:
            return CONSTANTS[word]
        if word == "U":
            raise ParseError(f"unexpected 'U' at {self.tokens[self.i - 1].col}")
        self.names.add(word)
        return sympy.Symbol(word, real=True)

    def call(self, word: str) -> Any:
        col = self.tokens[self.i - 1].col
        base = None
        if word == "log" and self.tok.text == "_":
            self.take()
            base = self.atom()
        if self.tok.text == "(":
            self.take()
            self.enter()
            args = self.items()
            self.expect(")")
            self.depth -= 1
        elif self.starts_factor() or self.tok.text in ("-", "+"):
            # sin x, ln 2x, sqrt x: the argument is the following run of implicit products
            self.enter()
            arg = self.signed_run()
            self.depth -= 1
            args = [arg]
        else:
            raise ParseError(f"{word} at {col} needs an argument")
        if any(isinstance(a, (Bracketed, Union)) for a in args):
            raise ParseError(f"{word} at {col} takes numbers or expressions")
        if word == "log" and len(args) == 2:
            args, base = [args[0]], args[1]
        if len(args) != 1:
            raise ParseError(f"{word} at {col} takes one argument")
        if isinstance(base, (Bracketed, Union)):
            raise ParseError(f"log at {col} needs a number as its base")
        if word in ("floor", "ceil", "ceiling") and args[0].is_number and _magnitude(args[0]) > MAX_INTEGER_VALUED:
            raise ParseError(f"number too large for {word} at {col}")
        value = FUNCTIONS[word](args[0])
        return value / sympy.log(base) if base is not None else value

    def signed_run(self) -> Any:
        if self.tok.text in ("-", "+"):
            op = self.take().text
            value = self.signed_run()
            return -value if op == "-" else value
        value = self.power()
        while self.starts_factor() and not (self.tok.kind == "name" and self.tok.text in FUNCTIONS):
            value = _arith(value, self.power(), "*")
        return value


def _magnitude(value: Any) -> float:
    """|value| as a float (inf when it overflows), evaluated with mpmath's big exponents."""
    try:
        return abs(complex(sympy.N(value, 15)))
    except (OverflowError, TypeError, ValueError):
        return math.inf


def _check_scalar(v: Any, op: str) -> Any:
    if isinstance(v, (Bracketed, Union)):
        raise ParseError(f"cannot use {op} with a bracketed list")
    return v


def _arith(a: Any, b: Any, op: str) -> Any:
    _check_scalar(a, op)
    _check_scalar(b, op)
    if op == "+":
        out = a + b
    elif op == "-":
        out = a - b
    elif op == "*":
        out = a * b
    else:
        out = a / b
    if _bits(out) > MAX_RESULT_BITS:
        raise ParseError("number too large")
    return out


def _power(base: Any, exponent: Any) -> Any:
    _check_scalar(base, "^")
    _check_scalar(exponent, "^")
    if exponent.is_number and exponent.is_real:
        size = abs(float(exponent)) if exponent.is_finite else math.inf
        if base.is_number:
            if base.is_Rational and abs(base) not in (0, 1) and size * max(_bits(base), 1) > MAX_RESULT_BITS:
                raise ParseError("number too large")
            if not base.is_Rational and size > 10_000:
                raise ParseError("exponent too large")
        elif size > MAX_SYMBOLIC_POWER:
            raise ParseError(f"exponent above {MAX_SYMBOLIC_POWER}")
    elif not exponent.is_number and base.is_number and base.is_Rational and abs(base) > 1:
        pass  # 2^x stays symbolic
    return sympy.Pow(base, exponent)


def parse(text: str, *, variables: frozenset[str] | set[str] = frozenset()) -> Parsed:
    """Parse a typed response; raise ParseError saying what and where."""
    if not isinstance(text, str):
        raise ParseError("not text")
    variables = frozenset(variables)
    tokens = tokenize(text, variables)
    if tokens[0].kind == "end":
        raise ParseError("empty answer")
    parser = _Parser(tokens, variables)
    try:
        value = parser.top()
    except RecursionError:
        raise ParseError(f"nested deeper than {MAX_DEPTH}") from None
    except ParseError:
        raise
    except (TypeError, ValueError, ArithmeticError, AttributeError, sympy.SympifyError) as exc:
        # SymPy refused a combination the grammar allowed (a function of a list, a huge power…)
        raise ParseError(f"cannot read this as mathematics ({type(exc).__name__})") from None
    return Parsed(value, parser.decimal, frozenset(parser.names))
