"""NumPy snippets: a short program built from drawn numbers, shown as LaTeX, and what NumPy really prints.

Each `numpy_*_item` macro draws the parameters of one program, writes the program's lines (trusted
Python text built here, never taken from a bank file), runs it in the sandboxed snippet worker
(`run_program`: the pinned NumPy really prints it) and reads the key off the printed text. Options
that claim other outputs are printed by NumPy too (`printed_values`), so every output shown is byte
for byte what NumPy prints, alignment spaces included. Operations are named by strings
(`REDUCTIONS`, `MASK_FORMS`, `SHAPE_FORMS`, ...); the checks re-implement them in plain Python
under the same names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, as_ints, macro, run_program

_ATTEMPTS = 200

# Reductions A.op(axis=...) and their names.
REDUCTIONS = ("sum", "max", "min", "argmax", "argmin")
# Boolean-mask lines: & and | with parentheses, Python's `and`, & without parentheses, np.where.
MASK_FORMS = ("and", "or", "python_and", "no_parentheses", "where")
# The second step of a shape chain, applied to a; the third, joining b with copies of itself.
RESHAPE_STEPS = ("transpose", "new_axis_1", "new_axis_0", "new_axis_last", "drop_first", "every_other_column",
                 "first_index", "sum_axis_0")
JOIN_STEPS = ("stack_2", "stack_3_last", "concatenate_0", "concatenate_last", "stack_2_axis_1")
# Forms of the shape chain, each with a fixed number of axes for a, b and c (steps and joins that keep it).
SHAPE_FORMS = {
    "plane": (2, ("transpose", "drop_first", "every_other_column"), ("stack_2", "stack_3_last", "stack_2_axis_1")),
    "new_axis": (2, ("new_axis_1", "new_axis_0", "new_axis_last"), ("concatenate_0", "concatenate_last")),
    "cube": (3, ("first_index", "sum_axis_0"), ("stack_2", "stack_3_last", "stack_2_axis_1")),
}
# Integer division and friends: a // k, a % k, (a / k).astype(int).
DIVISIONS = ("floor_divide", "remainder", "truncate")
# What the last line of the division snippet may print instead of a // k.0, by mistake.
FLOAT_FLOOR_MISTAKES = ("integer_dtype", "truncate", "true_divide")


class BroadcastItem(Record):
    """print((a + b).shape) for two shapes: the options' texts and outcomes (a shape, or None for ValueError)."""

    listing: str
    shape_a: list
    shape_b: list
    options: list       # LaTeX texts; option 0 is what NumPy really does
    outcomes: list      # the shape each option claims, or None for "raises ValueError"
    note: str           # the padded shapes and where they clash, for the solution


class ShapeItem(Record):
    """A reshape with -1, a second step (RESHAPE_STEPS) and a join (JOIN_STEPS), and the shapes NumPy prints."""

    listing: str
    shape_a: list
    shape_b: list
    shape_c: list
    reshape: list       # the arguments of reshape, with -1 for the inferred size
    size: int           # the number of elements of np.arange(size)
    step: str           # from RESHAPE_STEPS
    join: str           # from JOIN_STEPS
    notes: list         # one LaTeX line per shape, for the solution


class AxisItem(Record):
    """One reduction A.op(axis=...) of a small integer array and what it prints."""

    listing: str
    matrix: sympy.Matrix
    printed: list       # the printed entries
    output: str         # the printed line, in typewriter type
    operation: str      # from REDUCTIONS
    axis: int
    call: str           # the call in typewriter type
    note: str


class MaskItem(Record):
    """A boolean-mask line on an integer array; option 0 is NumPy's real output."""

    listing: str
    values: list
    k: int
    m: int
    form: str           # from MASK_FORMS
    options: list       # LaTeX texts, each printed by NumPy
    outcomes: list      # the list each option claims, or None for "raises ValueError"


class DivisionItem(Record):
    """Floor division, remainder and truncation of an int64 array, and what a // k.0 prints."""

    listing: str
    values: list
    k: int
    floor_divide: list
    remainder: list
    truncate: list
    outputs: list       # the printed lines of the four print calls, in typewriter type
    options: list       # what line 6 may print; option 0 is NumPy's real output
    outcomes: list      # what each option is: 'float_floor' (the key) or a FLOAT_FLOOR_MISTAKES name


# ---------------------------------------------------------------- program text as LaTeX

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}",
}


def latex_code(text: str) -> str:
    """Escape one line of code for LaTeX; runs of spaces are kept with control spaces."""
    out = [r"\mbox{}"] if text.startswith(" ") else []  # keeps leading spaces after a line break
    for i, ch in enumerate(text):
        if ch == " ":
            # a space after a space (or at the start of the line) would be swallowed by TeX
            out.append("\\ " if i == 0 or text[i - 1] == " " else " ")
        else:
            out.append(_LATEX_SPECIALS.get(ch, ch))
    return "".join(out)


def code_inline(text: str) -> str:
    """A short piece of code (or one printed line) in typewriter type, every space kept."""
    return r"{\ttfamily " + latex_code(text) + "}"


def code_block(lines: Sequence[str], *, limit: int = 40) -> str:
    """Program lines or printed output as a \\mxcode block: escaped lines joined by line breaks."""
    if not lines or len(lines) > limit:
        raise SandboxError(f"a code block has 1 to {limit} lines")
    # a line opening with [ or * after \\ would be read as the break's optional argument: {} ends it
    out = r"\mxcode{" + r"\\".join(("{}" if str(line).startswith(("[", "*")) else "") + latex_code(str(line))
                                     if line else r"\mbox{}" for line in lines) + "}\n"
    if len(out) > 4000:
        raise SandboxError("code block longer than 4000 characters")
    return out


def _listing(lines: Sequence[str]) -> str:
    if not lines or len(lines) > 12:
        raise SandboxError("a listing has 1 to 12 lines")
    return code_block(lines, limit=12)


@macro(strings_ok=True)
def numpy_listing(lines: Any) -> str:
    """LaTeX for a code listing: escaped typewriter lines joined by line breaks (no verbatim)."""
    if not isinstance(lines, (list, tuple)) or not all(isinstance(s, str) for s in lines):
        raise SandboxError("numpy_listing() needs a list of text lines")
    return _listing(lines)


# ---------------------------------------------------------------- running programs


def run_lines(lines: Sequence[str], *, figure: bool = False, pgf: bool = False) -> Any:
    """Run a macro-built program in the snippet worker; a worker failure or a warning is a SandboxError
    (a program that warns leans on behaviour the libraries are changing)."""
    result = run_program("\n".join(lines), figure=figure, pgf=pgf)   # a SnippetError is a SandboxError
    if result.warnings:
        raise SandboxError(f"the snippet warned: {result.warnings[0]}")
    return result


def printed_lines(lines: Sequence[str]) -> list[str]:
    """What a program printed, line by line; an exception it raised is a SandboxError."""
    result = run_lines(lines)
    if result.error:
        raise SandboxError(f"the snippet raised {result.error}: {result.message}")
    return result.stdout.rstrip("\n").split("\n")


_SEPARATOR = "@@mathexams@@"


def printed_values(setup: Sequence[str], expressions: Sequence[str]) -> list[list[str]]:
    """What print(expression) prints for each expression after the setup lines, each as its lines
    (one program: the expressions are separated by a marker line)."""
    program = list(setup)
    for e in expressions:
        program += [f"print({e})", f"print({_SEPARATOR!r})"]
    out = "\n".join(printed_lines(program))
    chunks = out.split(_SEPARATOR)[:-1]
    return [chunk.strip("\n").split("\n") for chunk in chunks]


_INT = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|nan|-?inf")


def ints_in(text: str) -> list[int]:
    """The integers in a printed line, in order."""
    return [int(t) for t in _INT.findall(text)]


def numbers_in(text: str) -> list[sympy.Rational]:
    """The numbers in printed text, as exact rationals of their decimal digits (NumPy prints floats
    with just enough digits; `1.` and `0.5` are read as written)."""
    out = []
    for token in _NUMBER.findall(text):
        if token in ("nan", "inf", "-inf"):
            raise SandboxError(f"the snippet printed {token}")
        f = Fraction(token.rstrip(".") if token.endswith(".") else token)
        out.append(sympy.Rational(f.numerator, f.denominator))
    return out


def _array(values: Sequence[int]) -> str:
    return "np.array([" + ", ".join(str(int(v)) for v in values) + "])"


# ---------------------------------------------------------------- broadcasting


def _shape_text(shape: Sequence[int]) -> str:
    return repr(tuple(int(d) for d in shape))


def _right_aligned(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    n = max(len(a), len(b))
    pa = [1] * (n - len(a)) + list(a)
    pb = [1] * (n - len(b)) + list(b)
    return list(zip(pa, pb))


def _left_aligned(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    n = max(len(a), len(b))
    pa = list(a) + [1] * (n - len(a))
    pb = list(b) + [1] * (n - len(b))
    return list(zip(pa, pb))


def _stretch(pairs: list[tuple[int, int]]) -> list[int] | None:
    out = []
    for x, y in pairs:
        if x != y and 1 not in (x, y):
            return None
        out.append(max(x, y))
    return out


def _tuple_tex(values: Sequence[int]) -> str:
    return "(" + ", ".join(str(v) for v in values) + ")"


def _parse_shape(line: str) -> list[int]:
    if not re.fullmatch(r"\((\d+, )*\d*,?\)", line.strip()):
        raise SandboxError(f"the snippet printed {line!r}, not a shape")
    return ints_in(line)


@macro(needs_rng=True)
def numpy_broadcast_item(rng: Any) -> BroadcastItem:
    """BroadcastItem (listing, shape_a, shape_b, options, outcomes, note): print((a + b).shape) for two drawn shapes.

    About a fifth of the pairs do not broadcast (so "it raises ValueError" is the key in no more
    than a quarter of the draws). Option 0 is what NumPy printed (the shape, or None for its
    ValueError); options 1-3 come from typical mistakes: aligning the shapes on the left, "a different
    number of axes is always an error", taking the larger size on every axis without checking the
    rule, taking the longer operand's shape, writing the two shapes one after the other.
    """
    for _ in range(_ATTEMPTS):
        nd = rng.integer(2, 4)
        full = [rng.integer(2, 6) for _ in range(nd)]
        short = rng.integer(1, nd)
        a, b = list(full), list(full[nd - short:])
        if rng.below(2):
            a, b = b, a
        # put 1s in one operand or the other, position by position, on the right-aligned overlap
        for t in range(1, min(len(a), len(b)) + 1):
            r = rng.below(3)
            if r == 1:
                a[-t] = 1
            elif r == 2:
                b[-t] = 1
        for t in range(min(len(a), len(b)) + 1, max(len(a), len(b)) + 1):
            longer = a if len(a) > len(b) else b
            if rng.below(4) == 0:
                longer[-t] = 1
        if rng.below(100) < 22:  # make the pair incompatible at one overlapping axis
            t = rng.integer(1, min(len(a), len(b)))
            x = rng.integer(2, 6)
            y = rng.choice([v for v in range(2, 7) if v != x])
            a[-t], b[-t] = x, y
        if a == b or 1 not in a + b and len(a) == len(b):
            continue
        lines = [
            "import numpy as np",
            f"a = np.ones({_shape_text(a)})",
            f"b = np.ones({_shape_text(b)})",
            "print((a + b).shape)",
        ]
        result = run_lines(lines)
        if result.error not in (None, "ValueError"):
            raise SandboxError(f"numpy_broadcast_item(): unexpected {result.error}")
        key: list[int] | None = None if result.error else _parse_shape(result.stdout)
        longer = list(a) if len(a) >= len(b) else list(b)
        candidates: list[list[int] | None] = [_stretch(_left_aligned(a, b))]
        if key is not None:
            candidates.append(None)
        else:
            candidates.append([max(x, y) for x, y in _right_aligned(a, b)])
        candidates += [longer, list(a) + list(b), list(b) + list(a)]
        options: list[list[int] | None] = [key]
        for c in candidates:
            if c not in options:
                options.append(c)
            if len(options) == 4:
                break
        if len(options) < 4:
            continue
        texts = [(r"it raises " + code_inline("ValueError")) if o is None else code_inline(_shape_text(o))
                 for o in options]
        pairs = _right_aligned(a, b)
        padded = (rf"Padded with leading 1s they read ${_tuple_tex([x for x, _ in pairs])}$ and "
                  rf"${_tuple_tex([y for _, y in pairs])}$")
        clash = next(((i, x, y) for i, (x, y) in enumerate(pairs) if x != y and 1 not in (x, y)), None)
        if clash is None:
            note = padded + "; on every axis the sizes are equal or one of them is 1."
        else:
            note = padded + rf"; on axis {clash[0]} the sizes {clash[1]} and {clash[2]} differ and neither is 1."
        return BroadcastItem(_listing(lines), a, b, texts, options, note)
    raise SandboxError("numpy_broadcast_item() could not build four distinct options")


@macro(strings_ok=True)
def shape_text(shape: Any) -> str:
    """A shape written as Python prints it, in typewriter type: (3, 1, 4), (5,)."""
    if shape is None:
        return code_inline("ValueError")
    return code_inline(_shape_text(as_ints(shape, "shape_text")))


# ---------------------------------------------------------------- shapes after reshaping, indexing, joining

_SHAPE_STEP2 = {
    "transpose": "a.T", "new_axis_1": "a[:, None]", "new_axis_0": "a[np.newaxis]", "new_axis_last": "a[..., None]",
    "drop_first": "a[1:]", "every_other_column": "a[:, ::2]", "first_index": "a[0]", "sum_axis_0": "a.sum(axis=0)",
}
_SHAPE_STEP3 = {
    "stack_2": "np.stack([b, b])", "stack_3_last": "np.stack([b, b, b], axis=-1)",
    "concatenate_0": "np.concatenate([b, b])", "concatenate_last": "np.concatenate([b, b], axis=-1)",
    "stack_2_axis_1": "np.stack([b, b], axis=1)",
}
_STEP2_NOTES = {
    "transpose": r"\texttt{.T} reverses the order of all axes",
    "new_axis_1": r"\texttt{[:, None]} inserts a new axis of length 1 at position 1",
    "new_axis_0": r"\texttt{[np.newaxis]} inserts a new axis of length 1 in front",
    "new_axis_last": r"\texttt{[..., None]} appends a new axis of length 1 at the end",
    "drop_first": r"\texttt{[1:]} drops the first row along axis 0 (one fewer along axis 0)",
    "every_other_column": r"\texttt{[:, ::2]} keeps every other index along axis 1 (length $\lceil n/2\rceil$)",
    "first_index": r"the integer index \texttt{[0]} removes axis 0",
    "sum_axis_0": r"\texttt{sum(axis=0)} reduces axis 0 away",
}
_STEP3_NOTES = {
    "stack_2": r"\texttt{np.stack} of two arrays adds a new axis 0 of length 2",
    "stack_3_last": r"\texttt{np.stack} of three arrays with \texttt{axis=-1} adds a new last axis of length 3",
    "concatenate_0": r"\texttt{np.concatenate} joins along the existing axis 0, doubling it",
    "concatenate_last": r"\texttt{np.concatenate} with \texttt{axis=-1} doubles the last axis",
    "stack_2_axis_1": r"\texttt{np.stack} with \texttt{axis=1} inserts a new axis of length 2 at position 1",
}


@macro(needs_rng=True, strings_ok=True)
def numpy_shape_item(rng: Any, form: Any = "plane") -> ShapeItem:
    """ShapeItem: reshape with -1, then an indexing or transposing step, then a stack or concatenate.

    `form` (SHAPE_FORMS) fixes how many axes a, b and c have: 'plane' (2, 2, 3: a transpose or a
    slice, then a stack), 'new_axis' (2, 3, 3: a new axis, then a concatenate), 'cube' (3, 2, 3: an
    integer index or a sum, then a stack). The shapes are what NumPy prints; the reshape arguments,
    the size and the two steps' names let a check redo the shapes by arithmetic alone.
    """
    if form not in SHAPE_FORMS:
        raise SandboxError(f"numpy_shape_item() form must be one of {', '.join(SHAPE_FORMS)}")
    ndim, steps, joins = SHAPE_FORMS[form]
    for _ in range(_ATTEMPTS):
        dims = [rng.integer(2, 6) for _ in range(2)] if ndim == 2 else [rng.integer(2, 4) for _ in range(3)]
        n_total = math.prod(dims)
        hole = rng.below(len(dims))
        call = [(-1 if i == hole else d) for i, d in enumerate(dims)]
        step, join = rng.choice(steps), rng.choice(joins)
        call_text = ", ".join(str(v) for v in call)
        lines = [
            "import numpy as np",
            f"a = np.arange({n_total}).reshape({call_text})",
            f"b = {_SHAPE_STEP2[step]}",
            f"c = {_SHAPE_STEP3[join]}",
            "print(a.shape)",
            "print(b.shape)",
            "print(c.shape)",
        ]
        printed = printed_lines(lines)
        sa, sb, sc = (_parse_shape(line) for line in printed)
        known = math.prod(d for i, d in enumerate(dims) if i != hole)
        notes = [
            rf"\texttt{{np.arange({n_total})}} has {n_total} elements, so the $-1$ becomes "
            rf"${n_total}/{known} = {dims[hole]}$: \texttt{{a.shape}} is {code_inline(printed[0])}.",
            _STEP2_NOTES[step] + rf": \texttt{{b.shape}} is {code_inline(printed[1])}.",
            _STEP3_NOTES[join] + rf": \texttt{{c.shape}} is {code_inline(printed[2])}.",
        ]
        return ShapeItem(_listing(lines), sa, sb, sc, list(call), n_total, step, join, notes)
    raise SandboxError("numpy_shape_item() could not build a chain")  # pragma: no cover


# ---------------------------------------------------------------- reductions along an axis


@macro(needs_rng=True)
def numpy_axis_item(rng: Any, axis: Any = 0) -> AxisItem:
    """AxisItem: one reduction A.op(axis=...) (op from REDUCTIONS) of a 3x4 integer array, along `axis`
    (so the printed vector has 4 entries for axis 0 and 3 for axis 1); arg-reductions meet no tie."""
    axis = int(axis)
    if axis not in (0, 1):
        raise SandboxError("numpy_axis_item() axis must be 0 or 1")
    m, n = 3, 4
    for _ in range(_ATTEMPTS):
        values = [[rng.integer(0, 9) for _ in range(n)] for _ in range(m)]
        op = rng.below(5)
        lines_of = [[values[i][j] for i in range(m)] for j in range(n)] if axis == 0 else values
        if op in (3, 4) and any(line.count(max(line) if op == 3 else min(line)) > 1 for line in lines_of):
            continue
        call = f"A.{REDUCTIONS[op]}(axis={axis})"
        rows_text = [", ".join(str(v) for v in r) for r in values]
        lines = ["import numpy as np", f"A = np.array([[{rows_text[0]}],"]
        lines += [f"              [{t}]," for t in rows_text[1:-1]]
        lines += [f"              [{rows_text[-1]}]])", f"print({call})"]
        printed = printed_lines(lines)
        if len(printed) != 1:
            continue
        what = "column" if axis == 0 else "row"
        parts = []
        for line in lines_of:
            if op == 0:
                parts.append(" + ".join(str(v) for v in line) + f" = {sum(line)}")
            elif op in (1, 2):
                parts.append(("\\max" if op == 1 else "\\min") + "(" + ", ".join(str(v) for v in line)
                             + f") = {max(line) if op == 1 else min(line)}")
            else:
                target = max(line) if op == 3 else min(line)
                parts.append(f"({', '.join(str(v) for v in line)}) \\to {line.index(target)}")
        how = "the row index, i.e. down each column" if axis == 0 else "the column index, i.e. along each row"
        note = (rf"\texttt{{axis={axis}}} reduces over {how}, giving one value per {what}: "
                + ", ".join("$" + part + "$" for part in parts) + ".")
        return AxisItem(_listing(lines), sympy.Matrix(values), ints_in(printed[0]), code_inline(printed[0]),
                        REDUCTIONS[op], axis, code_inline(call), note)
    raise SandboxError("numpy_axis_item() could not avoid ties")  # pragma: no cover


# ---------------------------------------------------------------- boolean masks

# how often each form is drawn (its index in MASK_FORMS): the two ValueError forms one in five
_MASK_CODES = (0, 0, 0, 1, 1, 4, 4, 4, 2, 3)


@macro(needs_rng=True)
def numpy_mask_item(rng: Any) -> MaskItem:
    """MaskItem: a boolean-mask line (form from MASK_FORMS); option 0 is NumPy's real output.

    Forms: and a[(a > k) & (a % m == 0)], or the same with |, python_and with `and` (ValueError),
    no_parentheses with & but no parentheses (ValueError: chained comparison), where
    np.where(a > k, a, 0); the two error forms are drawn one time in five. Outcomes are the printed
    lists, or None for a ValueError; every option's text is what print() of that array shows.
    """
    for _ in range(_ATTEMPTS):
        size = rng.integer(6, 9)
        values = [rng.integer(0, 20) for _ in range(size)]
        k = rng.integer(4, 14)
        m = rng.choice((2, 2, 3))
        code = rng.choice(_MASK_CODES)
        cond = {0: f"(a > {k}) & (a % {m} == 0)", 1: f"(a > {k}) | (a % {m} == 0)",
                2: f"(a > {k}) and (a % {m} == 0)", 3: f"a > {k} & a % {m} == 0"}
        last = f"print(np.where(a > {k}, a, 0))" if code == 4 else f"print(a[{cond[code]}])"
        lines = ["import numpy as np", f"a = {_array(values)}", last]
        result = run_lines(lines)
        if result.error not in (None, "ValueError"):
            raise SandboxError(f"numpy_mask_item(): unexpected {result.error}")
        key = None if result.error else ints_in(result.stdout)
        if key is not None and (not key or key == values):
            continue
        both = [v for v in values if v > k and v % m == 0]
        either = [v for v in values if v > k or v % m == 0]
        first_only = [v for v in values if v > k]
        second_only = [v for v in values if v % m == 0]
        indices = [i for i, v in enumerate(values) if v > k and v % m == 0]
        if code == 0:
            cands = [first_only, either, None, second_only, indices]
        elif code == 1:
            cands = [both, first_only, None, [i for i, v in enumerate(values) if v > k or v % m == 0]]
        elif code in (2, 3):
            cands = [both, first_only, either, second_only]
        else:
            cands = [first_only, [i for i, v in enumerate(values) if v > k], [0 if v > k else v for v in values], None]
        options: list[list[int] | None] = [key]
        for c in cands:
            if c not in options and (c is None or c):
                options.append(c)
            if len(options) == 4:
                break
        if len(options) < 4:
            continue
        arrays = [o for o in options if o is not None]
        shown = dict(zip(map(tuple, arrays), printed_values(["import numpy as np"], [_array(o) for o in arrays])))
        texts = []
        for i, o in enumerate(options):
            if o is None:
                texts.append(r"it raises " + code_inline("ValueError"))
            else:
                text = result.stdout.rstrip("\n") if i == 0 else shown[tuple(o)][0]
                texts.append(code_inline(text))
        return MaskItem(_listing(lines), values, k, m, MASK_FORMS[code], texts, options)
    raise SandboxError("numpy_mask_item() could not build four distinct options")  # pragma: no cover


# ---------------------------------------------------------------- integer division


@macro(needs_rng=True)
def numpy_division_item(rng: Any) -> DivisionItem:
    """DivisionItem: a // k, a % k, (a / k).astype(int) and a // k.0 of an int64 array, as NumPy prints them.

    At least two quotients a/k are negative non-integers, so floor division, the sign of % and
    truncation by astype(int) all matter. The last line floor-divides by the float k.0: the options
    are NumPy's real output (floats, rounded down) and the same values printed as integers (the
    dtype mistake), truncated towards zero, and the true quotients.
    """
    for _ in range(_ATTEMPTS):
        values = rng.sample(list(range(-9, 10)), 5)
        k = rng.choice((2, 3, 4, 5, 3, -2, -3))
        negative_quotients = [v for v in values if v * k < 0 and v % k]  # floor and truncation differ
        if len(negative_quotients) < 2 or sum(1 for v in values if v % k) < 3 or not any(v < 0 for v in values):
            continue
        lines = [
            "import numpy as np",
            f"a = np.array([{', '.join(str(v) for v in values)}], dtype=np.int64)",
            f"print(a // {k})",
            f"print(a % {k})",
            f"print((a / {k}).astype(int))",
            f"print(a // {k}.0)",
        ]
        printed = printed_lines(lines)
        if len(printed) != 4:
            continue
        floor_div, mod, trunc = (ints_in(line) for line in printed[:3])
        mistakes = printed_values(["import numpy as np", f"a = np.array([{', '.join(str(v) for v in values)}])"],
                                  [f"a // {k}", f"np.trunc(a / {k})", f"a / {k}"])
        texts = [printed[3]] + [m[0] if len(m) == 1 else " ".join(m) for m in mistakes]
        if len(set(texts)) < 4:
            continue
        return DivisionItem(_listing(lines), values, k, floor_div, mod, trunc, [code_inline(t) for t in printed],
                            [code_inline(t) for t in texts], ["float_floor", *FLOAT_FLOOR_MISTAKES])
    raise SandboxError("numpy_division_item() could not draw values")  # pragma: no cover


# ---------------------------------------------------------------- printing slices, fancy indexing, cumsum


class PrintItem(Record):
    """np.arange, a negative-step slice and a fancy index with cumsum or a reversed sort, and what they print."""

    listing: str
    start: int
    stop: int
    step: int
    last: int           # the printed a[-1]
    sliced: list        # the printed slice (3 entries)
    fancy: list         # the printed last line (3 entries)
    slice_text: str     # the slice as written, e.g. a[7:1:-2]
    picks: list         # the fancy index
    finish: str         # 'cumsum' or 'sorted_desc'
    outputs: list       # the three printed lines, in typewriter type


PRINT_FINISHES = ("cumsum", "sorted_desc")


@macro(needs_rng=True)
def numpy_print_item(rng: Any) -> PrintItem:
    """PrintItem: a = np.arange(start, stop, step) with 6-10 entries (stop on the grid half the time, so an
    inclusive stop is a visible mistake), a[-1], a slice with step -1, -2 or -3 and three entries
    (its start written as a negative index half the time), and np.cumsum or np.sort(...)[::-1] of a
    fancy index with three picks (one repeated or negative at times), printed by NumPy."""
    for _ in range(_ATTEMPTS):
        n, step, start = rng.integer(6, 10), rng.integer(1, 3), rng.integer(-4, 8)
        on_grid = rng.below(2) == 0 or step == 1
        stop = start + step * n if on_grid else start + step * (n - 1) + rng.integer(1, step - 1)
        s = -rng.integer(1, min(3, (n - 1) // 3))
        i = rng.integer(-3 * s, n - 1)           # i + 3s >= 0: the stop index is never negative
        j = i + 3 * s
        i_text = str(i - n) if rng.below(2) else str(i)
        slice_text = f"a[{i_text}:{j}:{s}]"
        picks = [rng.integer(0, n - 1) for _ in range(3)]
        if rng.below(3) == 0:
            picks[rng.below(3)] = -rng.integer(1, 3)
        if len(set(picks)) == 1:
            continue
        finish = rng.choice(PRINT_FINISHES)
        pick_text = ", ".join(str(p) for p in picks)
        last_line = (f"print(np.cumsum(a[[{pick_text}]]))" if finish == "cumsum"
                     else f"print(np.sort(a[[{pick_text}]])[::-1])")
        lines = ["import numpy as np", f"a = np.arange({start}, {stop}, {step})", "print(a[-1])",
                 f"print({slice_text})", last_line]
        printed = printed_lines(lines)
        if len(printed) != 3:
            continue
        last, sliced, fancy = ints_in(printed[0]), ints_in(printed[1]), ints_in(printed[2])
        if len(last) != 1 or len(sliced) != 3 or len(fancy) != 3:
            continue
        return PrintItem(_listing(lines), start, stop, step, last[0], sliced, fancy, slice_text, picks, finish,
                         [code_inline(p) for p in printed])
    raise SandboxError("numpy_print_item() could not build a snippet")  # pragma: no cover


# ---------------------------------------------------------------- elementwise versus matrix products


class MatmulItem(Record):
    """A * B, A @ B, a dot product and v * w of small integer arrays, as NumPy prints them."""

    listing: str
    A: sympy.Matrix
    B: sympy.Matrix
    v: list
    w: list
    hadamard: sympy.Matrix   # printed A * B
    product: sympy.Matrix    # printed A @ B
    dot: int                 # printed v @ w or np.dot(v, w)
    elementwise: list        # printed v * w
    dot_call: str            # 'v @ w' or 'np.dot(v, w)'
    output_block: str        # the printed output as a code block


def _matrix_lines(lines: Sequence[str]) -> sympy.Matrix:
    rows = [ints_in(line) for line in lines]
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        raise SandboxError(f"the snippet printed {lines!r}, not a matrix")
    return sympy.Matrix(rows)


@macro(needs_rng=True)
def numpy_matmul_item(rng: Any) -> MatmulItem:
    """MatmulItem: 2x2 integer matrices A, B (entries -3..5, A @ B differing from A * B and from B @ A) and
    length-3 vectors v, w (entries -3..4); the program prints A * B, A @ B, v @ w (or np.dot(v, w)) and
    v * w, and the record holds what NumPy printed."""
    for _ in range(_ATTEMPTS):
        A = sympy.Matrix(2, 2, [rng.integer(-3, 5) for _ in range(4)])
        B = sympy.Matrix(2, 2, [rng.integer(-3, 5) for _ in range(4)])
        v = [rng.integer(-3, 4) for _ in range(3)]
        w = [rng.integer(-3, 4) for _ in range(3)]
        if A * B == B * A or A * B == A.multiply_elementwise(B) or 0 in v + w or v == w:
            continue
        dot_call = rng.choice(("v @ w", "np.dot(v, w)"))

        def literal(M: sympy.Matrix) -> str:
            return "np.array([" + ", ".join("[" + ", ".join(str(int(x)) for x in M.row(i)) + "]" for i in range(2)) + "])"

        lines = ["import numpy as np", f"A = {literal(A)}", f"B = {literal(B)}", f"v = {_array(v)}",
                 f"w = {_array(w)}", "print(A * B)", "print(A @ B)", f"print({dot_call})", "print(v * w)"]
        printed = printed_lines(lines)
        if len(printed) != 6:
            continue
        hadamard, product = _matrix_lines(printed[0:2]), _matrix_lines(printed[2:4])
        dot, elementwise = ints_in(printed[4]), ints_in(printed[5])
        return MatmulItem(_listing(lines), A, B, v, w, hadamard, product, dot[0], elementwise, dot_call,
                          code_block(printed))
    raise SandboxError("numpy_matmul_item() could not draw matrices")  # pragma: no cover


# ---------------------------------------------------------------- views and copies

# How b is taken from a: basic slices give views; fancy indexing, masks and .copy() give copies.
SELECTIONS = ("slice", "step_slice", "fancy", "mask", "copy")
VIEW_SELECTIONS = ("slice", "step_slice")
# How b is changed afterwards.
CHANGES = ("set_first", "add_all")


class ViewItem(Record):
    """b taken from a by a slice (a view) or by fancy indexing, a mask or .copy() (a copy), then changed."""

    listing: str
    values: list        # a before the change
    selection: str      # from SELECTIONS
    change: str         # from CHANGES
    taken: list         # the indices of a that b holds
    printed_a: list
    printed_b: list
    selection_text: str
    outputs: list


@macro(needs_rng=True)
def numpy_view_item(rng: Any) -> ViewItem:
    """ViewItem: a holds 5 distinct integers 1..9; b = a[i:i+2], a[i:i+3:2] (views), a[[i, j]], a[a > t]
    (exactly two entries) or a[i:i+2].copy() (copies); then b[0] = 99 or b += 10; the program prints a
    and b, and the record holds what NumPy printed."""
    for _ in range(_ATTEMPTS):
        values = rng.sample(list(range(1, 10)), 5)
        selection = rng.choice(SELECTIONS)
        if selection == "slice":
            i = rng.integer(0, 3)
            taken, text = [i, i + 1], f"a[{i}:{i + 2}]"
        elif selection == "step_slice":
            i = rng.integer(0, 2)
            taken, text = [i, i + 2], f"a[{i}:{i + 3}:2]"
        elif selection == "fancy":
            i, j = rng.sample(list(range(5)), 2)
            taken, text = [i, j], f"a[[{i}, {j}]]"
        elif selection == "mask":
            t = sorted(values)[2]
            taken, text = [k for k, v in enumerate(values) if v > t], f"a[a > {t}]"
        else:
            i = rng.integer(0, 3)
            taken, text = [i, i + 1], f"a[{i}:{i + 2}].copy()"
        change = rng.choice(CHANGES)
        lines = ["import numpy as np", f"a = {_array(values)}", f"b = {text}",
                 "b[0] = 99" if change == "set_first" else "b += 10", "print(a)", "print(b)"]
        printed = printed_lines(lines)
        if len(printed) != 2:
            continue
        return ViewItem(_listing(lines), values, selection, change, taken, ints_in(printed[0]), ints_in(printed[1]),
                        code_inline(text), [code_inline(p) for p in printed])
    raise SandboxError("numpy_view_item() could not build a snippet")  # pragma: no cover


# ---------------------------------------------------------------- choosing the linear-algebra routine

# Each task's lines of code, by name: the first is the right call, the others come from typical mistakes.
LINALG_CALLS = {
    "solve": {
        "solve": "print(np.linalg.solve({M}, {v}))",
        "inv_elementwise": "print(np.linalg.inv({M}) * {v})",
        "solve_swapped": "print(np.linalg.solve({v}, {M}))",
        "matvec": "print({M} @ {v})",
        "row_solve": "print({v} @ np.linalg.inv({M}))",
    },
    "lstsq": {
        "lstsq": "print(np.linalg.lstsq({M}, {v}, rcond=None)[0])",
        "solve_rectangular": "print(np.linalg.solve({M}, {v}))",
        "lstsq_residuals": "print(np.linalg.lstsq({M}, {v}, rcond=None)[1])",
        "normal_without_transpose": "print(np.linalg.inv({M}.T @ {M}) @ {v})",
        "polyfit_order": "print(np.polyfit({M}[:, 1], {v}, 1))",
    },
    "eigh": {
        "eigh_values": "print(np.linalg.eigh({M})[0])",
        "eigh_vectors": "print(np.linalg.eigh({M})[1])",
        "svd_values": "print(np.linalg.svd({M})[1])",
        "diagonal": "print(np.diag({M}))",
    },
    "norm": {
        "row_norms": "print(np.linalg.norm({M}, axis=1))",
        "column_norms": "print(np.linalg.norm({M}, axis=0))",
        "frobenius": "print(np.linalg.norm({M}))",
        "squares_no_root": "print(np.sum({M} ** 2, axis=1))",
        "row_abs_sums": "print(np.abs({M}).sum(axis=1))",
    },
}
# the names the arrays of each task may have (matrix, vector)
LINALG_NAMES = {
    "solve": (("A", "b"), ("K", "f"), ("M", "v"), ("W", "t")),
    "lstsq": (("X", "y"), ("A", "b"), ("D", "t"), ("F", "z")),
    "eigh": (("S", ""), ("C", ""), ("Q", ""), ("H", "")),
    "norm": (("M", ""), ("W", ""), ("P", ""), ("R", "")),
}


class LinalgItem(Record):
    """A task (solve, lstsq, eigh or norm), its data as code, four candidate lines and what the right one prints."""

    listing: str        # the data lines
    task: str
    names: list         # the candidate lines' names in LINALG_CALLS[task]; the first is the right one
    options: list       # the candidate lines in typewriter type
    printed: list       # the numbers the right line prints
    output: str         # the right line's printed output, in typewriter type
    data: list          # the data as lists of numbers: [A, b], [X, y], [S] or [M]
    matrix_name: str    # what the program calls the matrix (A, K, X, S, ...)
    vector_name: str    # ... and the vector ("" when there is none)
    task_text: str      # what the right line does, as LaTeX: "prints the solution ..."


def _rows_literal(rows: Sequence[Sequence[int]]) -> str:
    return "np.array([" + ", ".join("[" + ", ".join(str(int(x)) for x in r) + "]" for r in rows) + "])"


def _linalg_data(rng: Any, task: str, M: str, v: str) -> tuple[list[str], list]:
    if task == "solve":
        while True:
            A = [[rng.integer(-3, 5) for _ in range(2)] for _ in range(2)]
            det = A[0][0] * A[1][1] - A[0][1] * A[1][0]
            if det in (-2, -1, 1, 2) and A[0][1] != A[1][0]:
                break
        x = [rng.choice((-4, -3, -2, -1, 1, 2, 3, 4)) for _ in range(2)]
        b = [A[0][0] * x[0] + A[0][1] * x[1], A[1][0] * x[0] + A[1][1] * x[1]]
        return [f"{M} = {_rows_literal(A)}", f"{v} = {_array(b)}"], [A, b]
    if task == "lstsq":
        a, d = rng.integer(0, 3), rng.integer(1, 2)
        beta = [rng.choice((-3, -2, -1, 1, 2, 3, 4, 5)), rng.choice((-3, -2, -1, 1, 2, 3))]
        c = rng.choice((-2, -1, 1, 2))
        xs = [a + k * d for k in range(4)]
        ys = [beta[0] + beta[1] * x + c * r for x, r in zip(xs, (1, -1, -1, 1))]  # the residuals are orthogonal
        X = [[1, x] for x in xs]
        return [f"{M} = {_rows_literal(X)}", f"{v} = {_array(ys)}"], [X, ys]
    if task == "eigh":
        while True:
            a, d, b = rng.integer(-3, 6), rng.integer(-3, 6), rng.integer(1, 4)
            disc = (a - d) ** 2 + 4 * b * b
            root = math.isqrt(disc)
            l1, l2 = (a + d - root) / 2, (a + d + root) / 2
            if root * root == disc and (a + d + root) % 2 == 0 and l1 != 0 and l2 != 0 and abs(l1) != abs(l2):
                break
        return [f"{M} = {_rows_literal([[a, b], [b, d]])}"], [[[a, b], [b, d]]]
    name = M
    pairs = ((3, 4), (4, 3), (6, 8), (8, 6), (5, 12), (12, 5), (0, 5), (5, 0), (0, 3))
    while True:
        rows = [list(rng.choice(pairs)) for _ in range(2)]
        M = [[v * rng.choice((-1, 1)) for v in row] for row in rows]
        columns = [M[0][j] ** 2 + M[1][j] ** 2 for j in range(2)]
        if rows[0] != rows[1] and M[0][0] * M[1][1] != M[0][1] * M[1][0] and all(math.isqrt(c) ** 2 != c for c in columns):
            return [f"{name} = {_rows_literal(M)}"], [M]


@macro(needs_rng=True, strings_ok=True)
def numpy_linalg_item(rng: Any, task: Any) -> LinalgItem:
    """LinalgItem for a task in LINALG_CALLS: solve (a 2x2 system with an integer solution), lstsq (a line
    through four equally spaced points, residuals orthogonal to the columns, integer coefficients),
    eigh (a symmetric 2x2 matrix with integer eigenvalues of different sizes) or norm (the lengths of
    the rows of a 2x2 matrix whose rows are Pythagorean pairs, its columns not). The right line and three of the
    mistaken ones are offered; the right line's output is what NumPy prints."""
    if task not in LINALG_CALLS:
        raise SandboxError(f"numpy_linalg_item() task must be one of {', '.join(LINALG_CALLS)}")
    calls = LINALG_CALLS[task]
    for _ in range(_ATTEMPTS):
        M, v = rng.choice(LINALG_NAMES[task])
        data_lines, data = _linalg_data(rng, task, M, v)
        right = next(iter(calls))
        names = [right] + rng.sample([n for n in calls if n != right], 3)
        lines = {n: calls[n].replace("{M}", M).replace("{v}", v) for n in names}
        printed = printed_lines(["import numpy as np", *data_lines, lines[right]])
        numbers = numbers_in(" ".join(printed))
        tm, tv = code_inline(M), code_inline(v)
        task_text = {
            "solve": rf"prints the solution $\mathbf{{x}}$ of the system with matrix {tm} and right-hand side {tv}",
            "lstsq": (rf"prints the least-squares intercept and slope, in this order, of the line through the points "
                      rf"$(x_i, y_i)$ with $x_i$ in the second column of {tm} and $y_i$ in {tv}"),
            "eigh": rf"prints the eigenvalues of the symmetric matrix {tm} in increasing order",
            "norm": rf"prints the (Euclidean) length of each row of {tm}",
        }[task]
        return LinalgItem(_listing(["import numpy as np", *data_lines]), task, names,
                          [code_inline(lines[n]) for n in names], numbers, code_block(printed), data, M, v, task_text)
    raise SandboxError("numpy_linalg_item() could not draw data")  # pragma: no cover
