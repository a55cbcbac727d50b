"""Fill `\\VAR{…}` placeholders in a template's LaTeX through Jinja2's sandbox.

The environment allows no calls except our filters and no attribute access except a
loop's counters and a macro record's declared fields (`\\VAR{m.shape}`), intercepts
every arithmetic operator with the evaluator's size limits, and prints values as LaTeX.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

from .answers import format_decimal, latex_of, vector_latex
from .coerce import NotANumber, to_sympy
from .sandbox import Record, SandboxError, checked_binop


class PlaceholderError(Exception):
    """A placeholder could not be rendered; the caller adds file and field."""


def _dec(value: Any, places: int = 2) -> str:
    return format_decimal(value, int(places))


def _pct(value: Any, places: int = 1) -> str:
    return format_decimal(to_sympy(value) * 100, int(places)) + r"\%"


def _signed(value: Any) -> str:
    """ '+ 3' or '- 3', for writing a term after another one."""
    v = to_sympy(value)
    return ("- " + latex_of(-v)) if (v.is_number and v.is_negative) else ("+ " + latex_of(v))


def _items(values: Any, sep: str = ", ") -> str:
    return sep.join(latex_of(v) for v in values)


def _vec(values: Any) -> str:
    return vector_latex(list(values))


def _int(value: Any) -> str:
    return str(int(value))


_LOOP_ATTRIBUTES = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0"})


MAX_OUTPUT = 200_000   # characters one field may render to (figures included)


class _BoundedConcat(CodeGenerator):
    """Compiles Jinja's `a ~ b` to a join that refuses over-long text: a `set s = s ~ s` in a
    loop doubles its text every time round and would otherwise fill the memory."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _LatexSandbox(SandboxedEnvironment):
    code_generator_class = _BoundedConcat
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    intercepted_unops = frozenset({"+", "-"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # templates read values, never their attributes or methods; only a loop's own
        # counters (loop.index, loop.first, loop.last) and a record's declared fields are readable
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRIBUTES
        return isinstance(obj, Record) and attr in obj.FIELDS

    def is_safe_callable(self, obj: Any) -> bool:
        return False  # filters are applied by Jinja itself; nothing else may be called

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        try:
            return checked_binop(operator, left, right)
        except SandboxError as exc:
            raise PlaceholderError(str(exc)) from None

    def bounded_join(self, parts: tuple) -> str:
        texts = [str(p) for p in parts]
        if sum(map(len, texts)) > MAX_OUTPUT:
            raise PlaceholderError(f"text joined with ~ longer than {MAX_OUTPUT} characters")
        return "".join(texts)

    def call_unop(self, context: Any, operator: str, arg: Any) -> Any:
        if isinstance(arg, str):
            # filters bind tighter than a sign: -x|signed means -(x|signed)
            raise PlaceholderError(f"a sign cannot apply to text; write ({operator}x)|filter, not {operator}x|filter")
        return -arg if operator == "-" else +arg


def _finalize(value: Any) -> str:
    return latex_of(value)


@lru_cache(maxsize=1)
def _environment() -> _LatexSandbox:
    env = _LatexSandbox(
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        line_statement_prefix=None, line_comment_prefix=None,
        trim_blocks=True, lstrip_blocks=True, autoescape=False,
        undefined=StrictUndefined, finalize=_finalize, keep_trailing_newline=False,
    )
    env.globals.clear()
    env.filters = {"dec": _dec, "pct": _pct, "signed": _signed, "items": _items, "vec": _vec,
                   "int": _int, "latex": latex_of}
    env.tests = {name: env.tests[name] for name in ("defined", "none", "even", "odd", "divisibleby", "in")}
    return env


# Jinja reads a '-' or '+' right after an opening delimiter as whitespace control, so
# \VAR{-m} would silently print m: refuse it and ask for \VAR{(-m)}.
_SIGN_AFTER_DELIMITER = re.compile(r"\\(VAR|BLOCK)\{\s*([-+])")


@lru_cache(maxsize=4096)
def compile_placeholders(text: str) -> Any:
    """Compile LaTeX with placeholders once; raise PlaceholderError if it does not parse."""
    bad = _SIGN_AFTER_DELIMITER.search(text)
    if bad:
        raise PlaceholderError(f"a '{bad.group(2)}' right after \\{bad.group(1)}{{ is read as Jinja whitespace "
                               f"control and dropped: write \\{bad.group(1)}{{({bad.group(2)}...)}} instead")
    try:
        return _environment().from_string(text)
    except TemplateError as exc:
        raise PlaceholderError(f"placeholder syntax: {exc.message}") from None


def render_placeholders(text: str, values: Mapping[str, Any]) -> str:
    """Render LaTeX with placeholders filled from `values`."""
    template = compile_placeholders(text)
    try:
        # rendered piece by piece so that loops printing without end stop at the size limit
        pieces, size = [], 0
        for piece in template.generate(**values):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise PlaceholderError(f"renders to more than {MAX_OUTPUT} characters")
            pieces.append(piece)
        return "".join(pieces)
    except PlaceholderError:
        raise
    except NotANumber as exc:
        raise PlaceholderError(str(exc)) from None
    except TemplateError as exc:
        raise PlaceholderError(str(exc.message).splitlines()[0]) from None
    except (ArithmeticError, TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
        raise PlaceholderError(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None
