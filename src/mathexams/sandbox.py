"""Parse and evaluate template expressions against an allow-list; nothing else.

A bank file is data: its expressions are parsed by Python's `ast` module (parsing runs
no code) and then interpreted node by node here. Only literals, arithmetic, comparisons,
conditionals, indexing, names defined earlier, calls to allow-listed functions, the lazy
`cases(...)` and reading a declared field of a macro's named `Record` (`m.shape`) exist;
there is no other attribute access, no dunder name, no comprehension, no lambda. Sizes are
bounded before work is done, so `2**2**2**40` is refused rather than computed.
Imports nothing from the package (the function table is handed in).
"""

from __future__ import annotations

import ast
import dataclasses
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import sympy

MAX_SOURCE_CHARS = 2000
MAX_NODES = 400
MAX_DEPTH = 40
MAX_LITERAL = 10**30
MAX_INT_BITS = 4096           # any integer result beyond ~1233 digits is refused
MAX_SEQUENCE = 1000           # list and tuple results, string literals
MAX_TEXT = 200_000            # text results (a macro's TikZ figure can be long)
MAX_SYMBOLIC_POWER = 64       # (x + 1)**n with symbolic base
MAX_MATRIX_POWER = 64
MAX_NESTED_ITEMS = 10_000     # all items of a list of lists (a list of itself, repeated, prints 2**n)
MAX_TERMS = 2000              # terms of a sum or factors of a product (expand(p*p), repeated)
MAX_FORMAT_WIDTH = 100        # '%500d' % x


class SandboxError(Exception):
    """Raised for anything the evaluator refuses; the caller adds file and field."""


@dataclass(frozen=True)
class Fn:
    """An allow-listed callable and how it may be called."""

    func: Callable[..., Any]
    needs_rng: bool = False          # receives the question's generator as first argument
    strings_ok: bool = False         # may receive string arguments (SymPy functions may not:
                                     # they would sympify, i.e. evaluate, the string)
    doc: str = ""
    simulation: bool = False         # a Monte Carlo check (its misses reject the draw)


class Record:
    """A macro's result with several named parts; templates read its fields by name (`m.shape`).

    Subclasses declare fields as annotations and become frozen dataclasses. Only those
    declared fields are readable from a template (never methods, never underscore names),
    and a record is not a value of its own: printing it or handing it to SymPy is an error
    that names its fields.
    """

    FIELDS: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclass(frozen=True)(cls)
        names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        bad = [n for n in names if n.startswith("_")]
        if bad:
            raise TypeError(f"record {cls.__name__}: field names must not start with '_': {bad}")
        cls.FIELDS = frozenset(names)

    def _hint(self) -> str:
        return f"{type(self).__name__} is a record: use one of its fields ({', '.join(sorted(self.FIELDS))})"

    def _sympy_(self) -> Any:
        raise sympy.SympifyError(self._hint())

    def _latex(self, printer: Any = None) -> str:
        raise TypeError(self._hint())


def record_field(value: Any, name: str) -> Any:
    """`value.name` when value is a Record and name one of its declared fields; SandboxError otherwise."""
    if not isinstance(value, Record):
        raise SandboxError(f"attribute access works only on a macro's record, not on a {type(value).__name__} "
                           f"(.{name}); write it as a call, e.g. transpose(A) for A.T")
    if name not in value.FIELDS:
        raise SandboxError(f"{type(value).__name__} has no field {name!r} (fields: {', '.join(sorted(value.FIELDS))})")
    return getattr(value, name)


_BINOPS: dict[type, str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
    ast.Mod: "%", ast.FloorDiv: "//",
}
_CMPOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}
_ALLOWED_NODES = (
    ast.Expression, ast.Constant, ast.Name, ast.Load, ast.BinOp, ast.UnaryOp, ast.BoolOp,
    ast.Compare, ast.IfExp, ast.Call, ast.keyword, ast.List, ast.Tuple, ast.Subscript,
    ast.Slice, ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, ast.Attribute,
    *_BINOPS, *_CMPOPS,
)


@dataclass(frozen=True)
class Expr:
    """A validated expression, ready to evaluate many times."""

    text: str
    tree: ast.Expression
    names: frozenset[str] = field(default_factory=frozenset)   # free names it reads


# The lazy conditional: cases(cond1, value1, cond2, value2, ..., otherwise). Only the value of
# the first true condition is evaluated (like a chain of `a if c else ...`, which it replaces).
CASES = "cases"


def _describe(node: ast.AST) -> str:
    return {
        ast.Lambda: "lambda", ast.ListComp: "comprehension",
        ast.SetComp: "comprehension", ast.DictComp: "comprehension",
        ast.GeneratorExp: "generator expression", ast.NamedExpr: "assignment expression",
        ast.Starred: "a star argument", ast.JoinedStr: "f-string", ast.Await: "await",
        ast.Yield: "yield", ast.Dict: "dict literal", ast.Set: "set literal",
    }.get(type(node), type(node).__name__)


def parse_expression(text: Any, *, known: Iterable[str], functions: Mapping[str, Fn]) -> Expr:
    """Validate `text` as a template expression; raise SandboxError saying why not."""
    if isinstance(text, (bool, int, float)):
        text = repr(text)
    if not isinstance(text, str):
        raise SandboxError(f"expected an expression, got {type(text).__name__}")
    if len(text) > MAX_SOURCE_CHARS:
        raise SandboxError(f"expression longer than {MAX_SOURCE_CHARS} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        shown = text.strip() if len(text.strip()) <= 60 else text.strip()[:57] + "..."
        raise SandboxError(f"syntax error: {exc.msg} in {shown!r}") from None
    except (ValueError, MemoryError, RecursionError) as exc:
        raise SandboxError(f"unreadable expression: {exc}") from None
    known = frozenset(known)
    free: set[str] = set()
    count = 0

    def visit(node: ast.AST, depth: int) -> None:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise SandboxError(f"expression has more than {MAX_NODES} parts")
        if depth > MAX_DEPTH:
            raise SandboxError(f"expression nested deeper than {MAX_DEPTH}")
        if not isinstance(node, _ALLOWED_NODES):
            raise SandboxError(f"{_describe(node)} is not allowed")
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or v is None:
                pass
            elif isinstance(v, int):
                if abs(v) > MAX_LITERAL:
                    raise SandboxError("integer literal too large")
            elif isinstance(v, float):
                if not abs(v) <= MAX_LITERAL:
                    raise SandboxError("number literal out of range")
            elif isinstance(v, str):
                if len(v) > MAX_SEQUENCE:
                    raise SandboxError("string literal too long")
            else:
                raise SandboxError(f"{type(v).__name__} literals are not allowed")
        elif isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise SandboxError(f"name {node.id!r} is not allowed (leading underscore)")
            if node.id not in known and node.id not in functions:
                raise SandboxError(f"unknown name {node.id!r}")
            free.add(node.id)
        elif isinstance(node, ast.Attribute):
            if node.attr.startswith("_"):
                raise SandboxError(f"attribute {node.attr!r} is not allowed (leading underscore)")
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise SandboxError("only allow-listed functions can be called, by name")
            if node.func.id == CASES:
                if node.keywords or len(node.args) < 2:
                    raise SandboxError("cases() takes condition, value pairs and an optional last value "
                                       "(otherwise), without keywords")
                for child in node.args:
                    visit(child, depth + 1)
                return
            if node.func.id not in functions:
                raise SandboxError(f"function {node.func.id!r} is not allowed")
            for kw in node.keywords:
                if kw.arg is None:
                    raise SandboxError("** arguments are not allowed")
                if kw.arg.startswith("_"):
                    raise SandboxError(f"keyword {kw.arg!r} is not allowed")
        for inner in ast.iter_child_nodes(node):
            visit(inner, depth + 1)

    try:
        visit(tree, 0)
    except RecursionError:
        raise SandboxError(f"expression nested deeper than {MAX_DEPTH}") from None
    return Expr(text=text, tree=tree, names=frozenset(free))


# ---------------------------------------------------------------- evaluation


def _is_int(v: Any) -> bool:
    return (isinstance(v, int) and not isinstance(v, bool)) or isinstance(v, sympy.Integer)


def _bits(v: Any) -> int:
    if isinstance(v, bool):
        return 1
    if isinstance(v, int):
        return v.bit_length()
    if isinstance(v, sympy.Rational):
        return max(int(v.p).bit_length(), int(v.q).bit_length())
    return 0


def _leaves(v: Any, seen: dict[int, int]) -> int:
    """Items in a nested list, counting shared sublists each time they appear (as printing does)."""
    if not isinstance(v, (list, tuple)):
        return 1
    if id(v) not in seen:
        seen[id(v)] = 0  # a list holding itself counts once
        seen[id(v)] = sum(_leaves(x, seen) for x in v) or 1
    return seen[id(v)]


def _check_size(v: Any) -> Any:
    if _bits(v) > MAX_INT_BITS:
        raise SandboxError(f"number larger than {MAX_INT_BITS} bits")
    if isinstance(v, (list, tuple)):
        if len(v) > MAX_SEQUENCE:
            raise SandboxError(f"result longer than {MAX_SEQUENCE} items")
        if any(isinstance(x, (list, tuple)) for x in v) and _leaves(v, {}) > MAX_NESTED_ITEMS:
            raise SandboxError(f"nested lists with more than {MAX_NESTED_ITEMS} items")
    if isinstance(v, (sympy.Add, sympy.Mul)) and len(v.args) > MAX_TERMS:
        raise SandboxError(f"expression with more than {MAX_TERMS} terms")
    if isinstance(v, str) and len(v) > MAX_TEXT:
        raise SandboxError(f"text longer than {MAX_TEXT} characters")
    if isinstance(v, sympy.MatrixBase) and v.rows * v.cols > MAX_SEQUENCE:
        raise SandboxError("matrix too large")
    return v


def checked_binop(op: str, a: Any, b: Any) -> Any:
    """An arithmetic operation with the evaluator's limits on operands and result."""
    return _check_size(_binop(op, a, b))


def checked_size(v: Any) -> Any:
    """`v` unchanged, or SandboxError when it is larger than a template value may be."""
    return _check_size(v)


def _is_number(v: Any) -> bool:
    return _is_int(v) or isinstance(v, (float, sympy.Number))


def _power(a: Any, b: Any) -> Any:
    if _is_number(b) and not isinstance(b, bool):
        e = abs(float(b)) if not _is_int(b) else abs(int(b))
        if isinstance(a, sympy.MatrixBase):
            if e > MAX_MATRIX_POWER:
                raise SandboxError(f"matrix power above {MAX_MATRIX_POWER}")
        elif _is_number(a) and not (_is_int(a) and abs(int(a)) <= 1):
            magnitude = max(_bits(a) - 1, 1) if _bits(a) else 64  # log2 of the base, roughly
            if magnitude * e > MAX_INT_BITS:
                raise SandboxError(f"power too large ({a}**{b})")
        elif e > MAX_SYMBOLIC_POWER:
            raise SandboxError(f"symbolic power above {MAX_SYMBOLIC_POWER}")
    elif isinstance(b, sympy.Basic) and b.free_symbols:
        pass  # a symbolic exponent stays symbolic
    if _is_int(a) and _is_int(b):
        a, b = int(a), int(b)
        return sympy.Integer(a) ** b if b < 0 else a**b
    return a**b


_FORMAT_FIELD = re.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_format(template: str) -> None:
    """'%s' formatting: widths and precisions are bounded, `*` (a width from the data) refused."""
    for width, precision in _FORMAT_FIELD.findall(template):
        for part in (width, precision):
            if part == "*" or (part and int(part) > MAX_FORMAT_WIDTH):
                raise SandboxError(f"format width or precision above {MAX_FORMAT_WIDTH}")


def _operand(v: Any) -> Any:
    """v itself; a record is not a value: arithmetic on it names its fields instead."""
    if isinstance(v, Record):
        raise SandboxError(v._hint())
    return v


def _binop(op: str, a: Any, b: Any) -> Any:
    _operand(a), _operand(b)
    if op == "%" and isinstance(a, str):
        _check_format(a)
    if op == "*" and (isinstance(a, (str, list, tuple)) or isinstance(b, (str, list, tuple))):
        raise SandboxError("repeating a sequence with * is not allowed")
    if op == "/" and _is_int(a) and _is_int(b) and not isinstance(a, bool):
        if int(b) == 0:
            raise SandboxError("division by zero")
        return sympy.Rational(int(a), int(b))
    if op == "**":
        return _power(a, b)
    if op in ("/", "//", "%") and _is_number(b) and b == 0:
        raise SandboxError("division by zero")
    return {
        "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
        "%": operator.mod, "//": operator.floordiv,
    }[op](a, b)


def _truth(v: Any) -> bool:
    try:
        return bool(v)
    except TypeError:
        raise SandboxError(f"cannot decide the truth of {v}") from None


def _has_string(v: Any) -> bool:
    if isinstance(v, str):
        return True
    if isinstance(v, (list, tuple)):
        return any(_has_string(x) for x in v)
    return False


class Interpreter:
    """Evaluate validated expressions with a namespace, a function table and an rng."""

    def __init__(self, functions: Mapping[str, Fn], rng: Any = None):
        self.functions = functions
        self.rng = rng

    def evaluate(self, expr: Expr, namespace: Mapping[str, Any]) -> Any:
        try:
            return self._eval(expr.tree.body, namespace)
        except SandboxError:
            raise
        except RecursionError:
            raise SandboxError("evaluation nested too deeply") from None
        except MemoryError:
            raise SandboxError("evaluation ran out of memory") from None
        except (ArithmeticError, TypeError, ValueError, IndexError, KeyError,
                NotImplementedError, AttributeError, sympy.SympifyError) as exc:
            message = str(exc).splitlines()[0] if str(exc) else ""
            raise SandboxError(f"{type(exc).__name__}: {message}" if message else type(exc).__name__) from None

    def _eval(self, node: ast.AST, ns: Mapping[str, Any]) -> Any:
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, float):
                return sympy.Rational(repr(v))  # 0.1 means exactly 1/10
            return v
        if isinstance(node, ast.Name):
            if node.id in ns:
                return ns[node.id]
            if node.id in self.functions:
                raise SandboxError(f"function {node.id!r} must be called")
            raise SandboxError(f"name {node.id!r} is not defined yet")
        if isinstance(node, ast.BinOp):
            a = self._eval(node.left, ns)
            b = self._eval(node.right, ns)
            return _check_size(_binop(_BINOPS[type(node.op)], a, b))
        if isinstance(node, ast.UnaryOp):
            v = self._eval(node.operand, ns)
            if isinstance(node.op, ast.Not):
                return not _truth(v)
            return -_operand(v) if isinstance(node.op, ast.USub) else +_operand(v)
        if isinstance(node, ast.BoolOp):
            is_and = isinstance(node.op, ast.And)
            result: Any = True
            for value in node.values:
                result = self._eval(value, ns)
                if _truth(result) != is_and:
                    return result
            return result
        if isinstance(node, ast.Compare):
            left = self._eval(node.left, ns)
            for op, right_node in zip(node.ops, node.comparators):
                right = self._eval(right_node, ns)
                if not _truth(_CMPOPS[type(op)](left, right)):
                    return False
                left = right
            return True
        if isinstance(node, ast.IfExp):
            branch = node.body if _truth(self._eval(node.test, ns)) else node.orelse
            return self._eval(branch, ns)
        if isinstance(node, ast.List):
            return _check_size([self._eval(e, ns) for e in node.elts])
        if isinstance(node, ast.Tuple):
            return _check_size(tuple(self._eval(e, ns) for e in node.elts))
        if isinstance(node, ast.Subscript):
            container = self._eval(node.value, ns)
            if isinstance(container, str) or not hasattr(type(container), "__getitem__"):
                raise SandboxError(f"cannot index a {type(container).__name__}")
            if isinstance(container, dict):
                raise SandboxError("cannot index a mapping")
            return container[self._index(node.slice, ns)]
        if isinstance(node, ast.Attribute):
            return record_field(self._eval(node.value, ns), node.attr)
        if isinstance(node, ast.Call):
            if node.func.id == CASES:  # type: ignore[attr-defined]
                return self._cases(node.args, ns)
            return self._call(node, ns)
        raise SandboxError(f"{_describe(node)} is not allowed")  # unreachable after validation

    def _cases(self, args: list[ast.expr], ns: Mapping[str, Any]) -> Any:
        """The value after the first true condition, else the last (odd) argument; nothing else is evaluated."""
        for i in range(0, len(args) - 1, 2):
            if _truth(self._eval(args[i], ns)):
                return self._eval(args[i + 1], ns)
        if len(args) % 2:
            return self._eval(args[-1], ns)
        raise SandboxError("cases(): no condition holds and no last value (otherwise) is given")

    def _index(self, node: ast.AST, ns: Mapping[str, Any]) -> Any:
        if isinstance(node, ast.Slice):
            parts = [None if p is None else self._eval(p, ns) for p in (node.lower, node.upper, node.step)]
            if not all(p is None or _is_int(p) for p in parts):
                raise SandboxError("slice bounds must be integers")
            return slice(*[None if p is None else int(p) for p in parts])
        if isinstance(node, ast.Tuple):
            return tuple(self._index(e, ns) for e in node.elts)
        value = self._eval(node, ns)
        if not _is_int(value):
            raise SandboxError("index must be an integer")
        return int(value)

    def _call(self, node: ast.Call, ns: Mapping[str, Any]) -> Any:
        name = node.func.id  # type: ignore[attr-defined]
        fn = self.functions[name]
        args = [self._eval(a, ns) for a in node.args]
        kwargs = {kw.arg: self._eval(kw.value, ns) for kw in node.keywords if kw.arg is not None}  # ** refused at compile
        if not fn.strings_ok and (_has_string(args) or _has_string(list(kwargs.values()))):
            raise SandboxError(f"{name}() does not take text arguments")
        if fn.needs_rng:
            if self.rng is None:
                raise SandboxError(f"{name}() draws at random and is only allowed in params")
            args.insert(0, self.rng)
        try:
            result = fn.func(*args, **kwargs)
        except SandboxError:
            raise
        except Exception as exc:  # a macro's own failure becomes the template's error, not a traceback
            if getattr(exc, "passthrough", False):  # e.g. a check reporting a disagreement
                raise
            detail = str(exc).splitlines()[0] if str(exc) else ""
            raise SandboxError(f"{name}() failed: {type(exc).__name__}" + (f": {detail}" if detail else "")) from None
        return _check_size(result)
