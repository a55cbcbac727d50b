"""NumPy snippets: a short program drawn from random numbers, written as LaTeX, and what NumPy really prints.

Each `numpy_*_item` macro draws the parameters of one snippet, writes it as escaped typewriter
lines (no verbatim environment) and computes its output by really running the NumPy operations
here, in Python. Templates never contain code that runs; the snippet is text built from drawn
numbers. Each item is a record whose operations are named by strings (`REDUCTIONS`, `MASK_FORMS`,
`RESHAPE_STEPS`, `JOIN_STEPS`, `DIVISIONS`); the checks re-implement those operations in plain
Python under the same names.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import Record, SandboxError, as_ints, macro

_ATTEMPTS = 200

# Reductions A.op(axis=...) and their names.
REDUCTIONS = ("sum", "max", "min", "argmax", "argmin")
# Boolean-mask lines: & and | with parentheses, Python's `and`, & without parentheses, np.where.
MASK_FORMS = ("and", "or", "python_and", "no_parentheses", "where")
# The second step of a shape chain, applied to a; the third, joining b with copies of itself.
RESHAPE_STEPS = ("transpose", "new_axis_1", "new_axis_0", "new_axis_last", "drop_first", "every_other_column",
                 "first_index", "sum_axis_0")
JOIN_STEPS = ("stack_2", "stack_3_last", "concatenate_0", "concatenate_last", "stack_2_axis_1")
# Integer division and friends: a // k, a % k, (a / k).astype(int).
DIVISIONS = ("floor_divide", "remainder", "truncate")
# The dtypes of a / k and a // k that the dtype question offers.
DTYPE_PAIRS = (("float64", "int64"), ("int64", "int64"), ("float64", "float64"), ("int64", "float64"))


class BroadcastItem(Record):
    """print((a + b).shape) for two shapes: the options' texts and outcomes (a shape, or None for ValueError)."""

    listing: str
    shape_a: list
    shape_b: list
    options: list       # LaTeX texts; option 0 is what NumPy really does
    outcomes: list      # the shape each option claims, or None for "raises ValueError"
    note: str           # the padded shapes and where they clash, for the solution


class ShapeItem(Record):
    """A reshape with -1, a second step (RESHAPE_STEPS) and a join (JOIN_STEPS), and the shapes they give."""

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
    printed: list
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
    options: list       # LaTeX texts
    outcomes: list      # the list each option claims, or None for "raises ValueError"


class DivisionItem(Record):
    """Floor division, remainder and truncation of an int64 array, and the dtype options."""

    listing: str
    values: list
    k: int
    floor_divide: list
    remainder: list
    truncate: list
    options: list       # dtype option texts; option 0 is NumPy's real answer
    outcomes: list      # the dtype pair (of a / k, of a // k) each option claims


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
    """A short piece of code in typewriter type."""
    return r"{\ttfamily " + latex_code(text) + "}"


def _listing(lines: Sequence[str]) -> str:
    if not lines or len(lines) > 12:
        raise SandboxError("a listing has 1 to 12 lines")
    body = r"\\{}".join(latex_code(str(line)) for line in lines)
    out = r"\par\smallskip\noindent{\ttfamily " + body + r"}\par\smallskip" + "\n"
    if len(out) > 1000:
        raise SandboxError("listing longer than 1000 characters")
    return out


@macro(strings_ok=True)
def numpy_listing(lines: Any) -> str:
    """LaTeX for a code listing: escaped typewriter lines joined by line breaks (no verbatim)."""
    if not isinstance(lines, (list, tuple)) or not all(isinstance(s, str) for s in lines):
        raise SandboxError("numpy_listing() needs a list of text lines")
    return _listing(lines)


def _printed(arr: np.ndarray) -> str:
    """What print(arr) shows, with NumPy's alignment padding collapsed to single spaces."""
    text = " ".join(str(arr).split())
    return text.replace("[ ", "[").replace(" ]", "]")


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


@macro(needs_rng=True)
def numpy_broadcast_item(rng: Any) -> BroadcastItem:
    """BroadcastItem (listing, shape_a, shape_b, options, outcomes, note): print((a + b).shape) for two drawn shapes.

    Half of the pairs broadcast, half do not. Option 0 is what NumPy really does (the shape,
    or None for a ValueError); options 1-3 come from typical mistakes: aligning shapes on
    the left, "different ndim is always an error", adding or maximising dimensions without
    checking, taking an operand's shape, concatenating the shapes.
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
        if rng.below(2):  # make the pair incompatible at one overlapping axis
            t = rng.integer(1, min(len(a), len(b)))
            x = rng.integer(2, 6)
            y = rng.choice([v for v in range(2, 7) if v != x])
            a[-t], b[-t] = x, y
        if a == b or 1 not in a + b and len(a) == len(b):
            continue
        try:
            key: list[int] | None = list((np.ones(tuple(a)) + np.ones(tuple(b))).shape)
        except ValueError:
            key = None
        candidates: list[list[int] | None] = [_stretch(_left_aligned(a, b))]
        if key is not None:
            candidates.append(None)
        else:
            candidates.append([max(x, y) for x, y in _right_aligned(a, b)])
        candidates += [
            [x + y for x, y in _right_aligned(a, b)],
            list(a), list(b), list(a) + list(b), list(b) + list(a),
        ]
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
        listing = _listing([
            "import numpy as np",
            f"a = np.ones({_shape_text(a)})",
            f"b = np.ones({_shape_text(b)})",
            "print((a + b).shape)",
        ])
        pairs = _right_aligned(a, b)
        padded = (rf"Padded with leading 1s they read ${_tuple_tex([x for x, _ in pairs])}$ and "
                  rf"${_tuple_tex([y for _, y in pairs])}$")
        clash = next(((i, x, y) for i, (x, y) in enumerate(pairs) if x != y and 1 not in (x, y)), None)
        if clash is None:
            note = padded + "; on every axis the sizes are equal or one of them is 1."
        else:
            note = padded + rf"; on axis {clash[0]} the sizes {clash[1]} and {clash[2]} differ and neither is 1."
        return BroadcastItem(listing, a, b, texts, options, note)
    raise SandboxError("numpy_broadcast_item() could not build four distinct options")


@macro(strings_ok=True)
def shape_text(shape: Any) -> str:
    """A shape written as Python prints it, in typewriter type: (3, 1, 4), (5,)."""
    if shape is None:
        return code_inline("ValueError")
    return code_inline(_shape_text(as_ints(shape, "shape_text")))


# the second step as Python text, by its index in RESHAPE_STEPS
_SHAPE_STEP2 = {
    0: "a.T",
    1: "a[:, None]",
    2: "a[np.newaxis]",
    3: "a[..., None]",
    4: "a[1:]",
    5: "a[:, ::2]",
    6: "a[0]",
    7: "a.sum(axis=0)",
}


_SHAPE_STEP3 = {
    0: "np.stack([b, b])",
    1: "np.stack([b, b, b], axis=-1)",
    2: "np.concatenate([b, b])",
    3: "np.concatenate([b, b], axis=-1)",
    4: "np.stack([b, b], axis=1)",
}


@macro(needs_rng=True)
def numpy_shape_item(rng: Any) -> ShapeItem:
    """ShapeItem: reshape with -1, then an indexing or transposing step, then a stack or concatenate.

    The reshape arguments, the size and the two steps' names let a check recompute the shapes with
    plain arithmetic; the notes are LaTeX lines for the solution.
    """
    for _ in range(_ATTEMPTS):
        if rng.below(2):
            dims = [rng.integer(2, 6), rng.integer(2, 6)]
        else:
            dims = [rng.integer(2, 4), rng.integer(2, 4), rng.integer(2, 4)]
        n_total = math.prod(dims)
        hole = rng.below(len(dims))
        call = [(-1 if i == hole else d) for i, d in enumerate(dims)]
        op2 = rng.below(len(_SHAPE_STEP2))
        op3 = rng.below(len(_SHAPE_STEP3))
        a = np.arange(n_total).reshape(*call)
        b = {
            0: lambda: a.T, 1: lambda: a[:, None], 2: lambda: a[np.newaxis], 3: lambda: a[..., None],
            4: lambda: a[1:], 5: lambda: a[:, ::2], 6: lambda: a[0], 7: lambda: a.sum(axis=0),
        }[op2]()
        if b.ndim < 2:
            continue  # keep every shape at least 2-D, so no answer is a 1-tuple
        c = {
            0: lambda: np.stack([b, b]), 1: lambda: np.stack([b, b, b], axis=-1),
            2: lambda: np.concatenate([b, b]), 3: lambda: np.concatenate([b, b], axis=-1),
            4: lambda: np.stack([b, b], axis=1),
        }[op3]()
        call_text = ", ".join(str(v) for v in call)
        lines = [
            "import numpy as np",
            f"a = np.arange({n_total}).reshape({call_text})",
            f"b = {_SHAPE_STEP2[op2]}",
            f"c = {_SHAPE_STEP3[op3]}",
            "print(a.shape)",
            "print(b.shape)",
            "print(c.shape)",
        ]
        known = math.prod(d for i, d in enumerate(dims) if i != hole)
        notes = [
            rf"\texttt{{np.arange({n_total})}} has {n_total} elements, so the $-1$ becomes "
            rf"${n_total}/{known} = {dims[hole]}$: \texttt{{a.shape}} is {code_inline(_shape_text(a.shape))}.",
            _STEP2_NOTES[op2] + rf": \texttt{{b.shape}} is {code_inline(_shape_text(b.shape))}.",
            _STEP3_NOTES[op3] + rf": \texttt{{c.shape}} is {code_inline(_shape_text(c.shape))}.",
        ]
        return ShapeItem(_listing(lines), list(a.shape), list(b.shape), list(c.shape), list(call), n_total,
                         RESHAPE_STEPS[op2], JOIN_STEPS[op3], notes)
    raise SandboxError("numpy_shape_item() could not build a chain")


_STEP2_NOTES = {
    0: r"\texttt{.T} reverses the order of all axes",
    1: r"\texttt{[:, None]} inserts a new axis of length 1 at position 1",
    2: r"\texttt{[np.newaxis]} inserts a new axis of length 1 in front",
    3: r"\texttt{[..., None]} appends a new axis of length 1 at the end",
    4: r"\texttt{[1:]} drops the first row along axis 0 (one fewer along axis 0)",
    5: r"\texttt{[:, ::2]} keeps every other index along axis 1 (length $\lceil n/2\rceil$)",
    6: r"the integer index \texttt{[0]} removes axis 0",
    7: r"\texttt{sum(axis=0)} reduces axis 0 away",
}


_STEP3_NOTES = {
    0: r"\texttt{np.stack} of two arrays adds a new axis 0 of length 2",
    1: r"\texttt{np.stack} of three arrays with \texttt{axis=-1} adds a new last axis of length 3",
    2: r"\texttt{np.concatenate} joins along the existing axis 0, doubling it",
    3: r"\texttt{np.concatenate} with \texttt{axis=-1} doubles the last axis",
    4: r"\texttt{np.stack} with \texttt{axis=1} inserts a new axis of length 2 at position 1",
}




@macro(needs_rng=True)
def numpy_axis_item(rng: Any) -> AxisItem:
    """AxisItem: one reduction A.op(axis=…) (op from REDUCTIONS) of a small integer array; arg-reductions meet no tie."""
    for _ in range(_ATTEMPTS):
        m, n = rng.choice(((2, 3), (3, 4), (3, 3), (2, 4), (4, 3)))
        values = [[rng.integer(0, 9) for _ in range(n)] for _ in range(m)]
        op, axis = rng.below(5), rng.below(2)
        arr = np.array(values, dtype=np.int64)
        lines_of = [list(arr[:, j]) for j in range(n)] if axis == 0 else [list(arr[i, :]) for i in range(m)]
        if op in (3, 4) and any(line.count(max(line) if op == 3 else min(line)) > 1 for line in lines_of):
            continue
        result = getattr(arr, REDUCTIONS[op])(axis=axis)
        call = f"A.{REDUCTIONS[op]}(axis={axis})"
        rows_text = [", ".join(str(v) for v in r) for r in values]
        lines = ["import numpy as np", f"A = np.array([[{rows_text[0]}],"]
        lines += [f"              [{t}]," for t in rows_text[1:-1]]
        lines += [f"              [{rows_text[-1]}]])", f"print({call})"]
        what = "column" if axis == 0 else "row"
        parts = []
        for idx, line in enumerate(lines_of):
            if op == 0:
                parts.append(" + ".join(str(v) for v in line) + f" = {sum(line)}")
            elif op in (1, 2):
                parts.append(("\\max" if op == 1 else "\\min") + "(" + ", ".join(str(v) for v in line) + f") = {max(line) if op == 1 else min(line)}")
            else:
                target = max(line) if op == 3 else min(line)
                parts.append(f"({', '.join(str(v) for v in line)}) \\to {line.index(target)}")
        how = "the row index, i.e. down each column" if axis == 0 else "the column index, i.e. along each row"
        note = (rf"\texttt{{axis={axis}}} reduces over {how}, giving one value per {what}: "
                + ", ".join("$" + part + "$" for part in parts) + ".")
        return AxisItem(_listing(lines), sympy.Matrix(values), [int(v) for v in result], REDUCTIONS[op], axis,
                        code_inline(call), note)
    raise SandboxError("numpy_axis_item() could not avoid ties")


_MASK_CODES = (0, 0, 1, 2, 3, 4)


@macro(needs_rng=True)
def numpy_mask_item(rng: Any) -> MaskItem:
    """MaskItem: a boolean-mask line (form from MASK_FORMS); option 0 is NumPy's real output.

    Forms: and a[(a > k) & (a % m == 0)], or the same with |, python_and with `and` (ValueError),
    no_parentheses with & but no parentheses (ValueError: chained comparison), where
    np.where(a > k, a, 0). Outcomes are the printed lists, or None for a ValueError.
    """
    for _ in range(_ATTEMPTS):
        size = rng.integer(6, 9)
        values = [rng.integer(0, 20) for _ in range(size)]
        k = rng.integer(4, 14)
        m = rng.choice((2, 2, 3))
        code = rng.choice(_MASK_CODES)
        a = np.array(values, dtype=np.int64)

        def run(which: int) -> list[int] | None:
            try:
                if which == 0:
                    out = a[(a > k) & (a % m == 0)]
                elif which == 1:
                    out = a[(a > k) | (a % m == 0)]
                elif which == 2:
                    out = a[(a > k) and (a % m == 0)]
                elif which == 3:
                    out = a[a > k & a % m == 0]
                else:
                    out = np.where(a > k, a, 0)
            except ValueError:
                return None
            return [int(v) for v in out]

        key = run(code)
        if key is not None and (not key or key == values):
            continue
        first_only = [int(v) for v in a[a > k]]
        second_only = [int(v) for v in a[a % m == 0]]
        indices = [int(i) for i in np.nonzero((a > k) & (a % m == 0))[0]]
        if code == 0:
            cands = [first_only, run(1), None, second_only, indices]
        elif code == 1:
            cands = [run(0), first_only, None, [int(i) for i in np.nonzero((a > k) | (a % m == 0))[0]]]
        elif code in (2, 3):
            cands = [run(0), first_only, run(1), second_only]
        else:
            cands = [first_only, [int(i) for i in np.nonzero(a > k)[0]],
                     [int(v) for v in np.where(a > k, 0, a)], None]
        options: list[list[int] | None] = [key]
        for c in cands:
            if c not in options and (c is None or c):
                options.append(c)
            if len(options) == 4:
                break
        if len(options) < 4:
            continue
        cond = {0: f"(a > {k}) & (a % {m} == 0)", 1: f"(a > {k}) | (a % {m} == 0)",
                2: f"(a > {k}) and (a % {m} == 0)", 3: f"a > {k} & a % {m} == 0"}
        last = f"print(np.where(a > {k}, a, 0))" if code == 4 else f"print(a[{cond[code]}])"
        lines = ["import numpy as np", f"a = np.array([{', '.join(str(v) for v in values)}])", last]
        texts = [(r"it raises " + code_inline("ValueError")) if o is None
                 else code_inline(_printed(np.array(o, dtype=np.int64))) for o in options]
        return MaskItem(_listing(lines), values, k, m, MASK_FORMS[code], texts, options)
    raise SandboxError("numpy_mask_item() could not build four distinct options")


@macro(needs_rng=True)
def numpy_division_item(rng: Any) -> DivisionItem:
    """DivisionItem: a // k, a % k and (a / k).astype(int) of an int64 array, and the dtype options.

    At least two quotients a/k are negative non-integers, so floor division, the sign of % and
    truncation by astype(int) all matter. Dtype option 0 is NumPy's real answer.
    """
    for _ in range(_ATTEMPTS):
        values = rng.sample(list(range(-9, 10)), 5)
        k = rng.choice((2, 3, 4, 5, 3, -2, -3))
        negative_quotients = [v for v in values if v * k < 0 and v % k]  # floor and truncation differ
        if len(negative_quotients) < 2 or sum(1 for v in values if v % k) < 3 or not any(v < 0 for v in values):
            continue
        a = np.array(values, dtype=np.int64)
        floor_div = [int(v) for v in a // k]
        mod = [int(v) for v in a % k]
        trunc = [int(v) for v in (a / k).astype(int)]
        real = f"{(a / k).dtype} {(a // k).dtype}"
        outcomes = [list(pair) for pair in DTYPE_PAIRS]
        texts = [code_inline(f"{a} {b}") for a, b in DTYPE_PAIRS]
        if real != " ".join(DTYPE_PAIRS[0]):
            raise SandboxError(f"unexpected NumPy dtypes {real}")
        lines = [
            "import numpy as np",
            f"a = np.array([{', '.join(str(v) for v in values)}], dtype=np.int64)",
            f"print(a // {k})",
            f"print(a % {k})",
            f"print((a / {k}).astype(int))",
            f"print((a / {k}).dtype, (a // {k}).dtype)",
        ]
        return DivisionItem(_listing(lines), values, k, floor_div, mod, trunc, texts, outcomes)
    raise SandboxError("numpy_division_item() could not draw values")
