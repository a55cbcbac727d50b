"""NumPy snippets, re-run in plain Python: broadcasting by right-aligning shapes, reductions by loops,
masks by list comprehensions, integer division with exact fractions, and shape arithmetic by hand.

Operations carry the names of the course's `numpy_snippets` macros (REDUCTIONS, MASK_FORMS,
RESHAPE_STEPS, JOIN_STEPS, DIVISIONS); no NumPy call is used to recompute a key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import CheckFailed, Record, check, option_flags, run_program


def _int_list(values: Any) -> list[int]:
    if isinstance(values, sympy.MatrixBase):
        values = list(values)
    return [int(v) for v in values]


def _outcome(p: Any) -> list[int] | None:
    return None if p is None else _int_list(p)


def _marked(flags: Any, n: int) -> list[bool]:
    marks = option_flags(flags)
    if len(marks) != n:
        raise CheckFailed(f"expected {n} option flags, got {len(marks)}")
    return marks


def _broadcast_rule(a: Sequence[int], b: Sequence[int]) -> list[int] | None:
    """NumPy's broadcasting rule, by hand: right-align the shapes; equal sizes or a 1 stretch."""
    a, b = list(a), list(b)
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + a
    b = [1] * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            return None
    return out


@check()
def broadcast_options_match(flags: Any, shape_a: Any, shape_b: Any, outcomes: Sequence[Any]) -> bool:
    """The marked option is the shape (or the error, None) the broadcasting rule gives by hand, and no other option is."""
    expected = _broadcast_rule(_int_list(shape_a), _int_list(shape_b))
    for i, (mark, p) in enumerate(zip(_marked(flags, len(outcomes)), outcomes)):
        if (_outcome(p) == expected) != mark:
            raise CheckFailed(f"option {i} ({p}) vs the broadcasting rule's {expected}")
    return True


class ShapeChain(Record):
    """The shapes of a, b and c in a reshape / step / join chain."""

    a: list
    b: list
    c: list


# Shape arithmetic for each step by name (RESHAPE_STEPS of the macros), on the shape of a.
_STEPS: dict[str, Callable[[list[int]], list[int]]] = {
    "transpose": lambda a: a[::-1],
    "new_axis_1": lambda a: a[:1] + [1] + a[1:],
    "new_axis_0": lambda a: [1] + a,
    "new_axis_last": lambda a: a + [1],
    "drop_first": lambda a: [a[0] - 1] + a[1:],
    "every_other_column": lambda a: [a[0], (a[1] + 1) // 2] + a[2:],
    "first_index": lambda a: a[1:],
    "sum_axis_0": lambda a: a[1:],
}
# ... and for each join by name (JOIN_STEPS), on the shape of b.
_JOINS: dict[str, Callable[[list[int]], list[int]]] = {
    "stack_2": lambda b: [2] + b,
    "stack_3_last": lambda b: b + [3],
    "concatenate_0": lambda b: [2 * b[0]] + b[1:],
    "concatenate_last": lambda b: b[:-1] + [2 * b[-1]],
    "stack_2_axis_1": lambda b: b[:1] + [2] + b[1:],
}


@check(strings_ok=True)
def shape_chain_plain(reshape: Any, size: Any, step: Any, join: Any) -> ShapeChain:
    """ShapeChain (a, b, c) of the numpy_shape_item chain by shape arithmetic alone: the -1 of the reshape, then the step and the join by name."""
    call, n_total = _int_list(reshape), int(size)
    known = math.prod(d for d in call if d != -1)
    if call.count(-1) > 1 or n_total % known:
        raise CheckFailed("the reshape cannot infer -1")
    a = [n_total // known if d == -1 else d for d in call]
    if step not in _STEPS or join not in _JOINS:
        raise CheckFailed(f"unknown step {step!r} or join {join!r}")
    b = _STEPS[step](list(a))
    return ShapeChain(a, b, _JOINS[join](list(b)))


def _reduce(line: list[int], operation: str) -> int:
    """One reduction of a list of ints by an explicit loop."""
    if operation == "sum":
        acc = 0
        for v in line:
            acc += v
        return acc
    if operation in ("max", "min"):
        best = line[0]
        for v in line[1:]:
            if (v > best) if operation == "max" else (v < best):
                best = v
        return best
    if operation in ("argmax", "argmin"):
        best_i = 0
        for i, v in enumerate(line):
            if (v > line[best_i]) if operation == "argmax" else (v < line[best_i]):
                best_i = i
        return best_i
    raise CheckFailed(f"unknown reduction {operation!r}")


@check(strings_ok=True)
def reduce_by_loops(A: Any, operation: Any, axis: Any) -> list[int]:
    """A.operation(axis=…) for sum, max, min, argmax, argmin with explicit loops over a list of rows."""
    m = sympy.Matrix(A)
    rows = [[int(m[i, j]) for j in range(m.cols)] for i in range(m.rows)]
    lines = [[rows[i][j] for i in range(len(rows))] for j in range(len(rows[0]))] if int(axis) == 0 else rows
    return [_reduce(line, str(operation)) for line in lines]


def _mask_rule(values: list[int], k: int, m: int, form: str) -> list[int] | None:
    if form == "and":
        return [v for v in values if v > k and v % m == 0]
    if form == "or":
        return [v for v in values if v > k or v % m == 0]
    if form in ("python_and", "no_parentheses"):
        # `and` / a chained comparison ask for the truth value of a whole array: ValueError
        return None if len(values) > 1 else values
    if form == "where":
        return [v if v > k else 0 for v in values]
    raise CheckFailed(f"unknown mask form {form!r}")


_INT = re.compile(r"-?\d+")


def _printed_ints(text: Any) -> list[int]:
    """The integers of an option's printed text (LaTeX of typewriter text: control spaces are spaces)."""
    body = str(text).replace(r"{\ttfamily ", "").replace("\\ ", " ")
    return [int(t) for t in _INT.findall(body)]


@check(strings_ok=True)
def mask_options_match(flags: Any, values: Any, k: Any, m: Any, form: Any, outcomes: Sequence[Any],
                       texts: Sequence[Any] = ()) -> bool:
    """The marked option is the list comprehension's result (None for the ValueError of `and` or of missing
    parentheses), and no other option is; each option's printed text shows the integers it claims."""
    expected = _mask_rule(_int_list(values), int(k), int(m), str(form))
    for i, (mark, p) in enumerate(zip(_marked(flags, len(outcomes)), outcomes)):
        if (_outcome(p) == expected) != mark:
            raise CheckFailed(f"option {i} ({p}) vs the rule's {expected}")
        if texts and p is not None and _printed_ints(texts[i]) != _int_list(p):
            raise CheckFailed(f"option {i} prints {texts[i]!r}, not {p}")
    return True


@check(strings_ok=True)
def division_by_rule(values: Any, k: Any, division: Any) -> list[int]:
    """a // k ('floor_divide'), a % k ('remainder') or (a / k).astype(int) ('truncate') with exact fractions."""
    if division not in ("floor_divide", "remainder", "truncate"):
        raise CheckFailed(f"unknown division {division!r}")
    out = []
    for v in _int_list(values):
        q = Fraction(v, int(k))
        if division == "floor_divide":
            out.append(math.floor(q))
        elif division == "remainder":           # the sign of k, as Python's and NumPy's %
            out.append(v - int(k) * math.floor(q))
        else:
            out.append(math.trunc(q))
    return out


@check(strings_ok=True)
def float_floor_options_match(flags: Any, values: Any, k: Any, texts: Sequence[Any]) -> bool:
    """The marked option prints floor(a_i / k) as floats (a dot after each whole number: floor division by
    the float k.0 gives float64), computed with exact fractions; no other option prints that."""
    expected = [math.floor(Fraction(v, int(k))) for v in _int_list(values)]
    marks = _marked(flags, len(texts))
    for i, (mark, text) in enumerate(zip(marks, texts)):
        body = str(text).replace(r"{\ttfamily ", "").replace("\\ ", " ").rstrip("}")
        numbers = re.findall(r"-?\d+\.\d*", body)
        right = len(numbers) == len(expected) and all(float(t) == e for t, e in zip(numbers, expected)) \
            and len(re.findall(r"-?\d+\.?\d*", body)) == len(expected)
        if right != mark:
            raise CheckFailed(f"option {i} prints {body!r}; floor division by a float gives {expected} as floats")
    return True


# ---------------------------------------------------------------- printing, products, views (bank-code, issue 11)


class PrintedByLists(Record):
    """What the numpy_print_item program prints, by Python lists: a[-1], the slice, the last line."""

    last: int
    sliced: list
    fancy: list


@check(strings_ok=True)
def print_by_lists(start: Any, stop: Any, step: Any, slice_text: Any, picks: Any, finish: Any) -> PrintedByLists:
    """np.arange as range(), the slice by Python's own list slicing (the same rules as NumPy's basic
    slicing of a 1-D array), the fancy index by a loop, cumsum by a running total."""
    a = list(range(int(start), int(stop), int(step)))
    match = re.fullmatch(r"a\[(-?\d+):(-?\d+):(-?\d+)\]", str(slice_text))
    if not match:
        raise CheckFailed(f"unexpected slice {slice_text!r}")
    i, j, s = (int(g) for g in match.groups())
    sliced = a[i:j:s]
    picked = [a[p] for p in _int_list(picks)]
    if finish == "cumsum":
        fancy, total = [], 0
        for v in picked:
            total += v
            fancy.append(total)
    elif finish == "sorted_desc":
        fancy = sorted(picked, reverse=True)
    else:
        raise CheckFailed(f"unknown finish {finish!r}")
    return PrintedByLists(a[-1], sliced, fancy)


class Products(Record):
    """A * B, A @ B, v . w and v * w by explicit loops."""

    hadamard: sympy.Matrix
    product: sympy.Matrix
    dot: int
    elementwise: list


@check()
def products_by_loops(A: Any, B: Any, v: Any, w: Any) -> Products:
    """The elementwise and the matrix product of two matrices, the dot and elementwise products of two
    vectors, each by loops over entries (no matrix library)."""
    A, B = sympy.Matrix(A), sympy.Matrix(B)
    n, m, p = A.rows, A.cols, B.cols
    hadamard = [[A[i, j] * B[i, j] for j in range(m)] for i in range(n)]
    product = [[sum(A[i, k] * B[k, j] for k in range(m)) for j in range(p)] for i in range(n)]
    v, w = _int_list(v), _int_list(w)
    return Products(sympy.Matrix(hadamard), sympy.Matrix(product), sum(x * y for x, y in zip(v, w)),
                    [x * y for x, y in zip(v, w)])


class ViewOutcome(Record):
    """a and b after the change, by the view/copy rule."""

    a: list
    b: list


_VIEWS = {"slice": True, "step_slice": True, "fancy": False, "mask": False, "copy": False}


@check(strings_ok=True)
def view_by_rule(values: Any, selection: Any, change: Any, taken: Any) -> ViewOutcome:
    """The rule table: a basic slice is a view (changing b changes a), fancy indexing, a boolean mask and
    .copy() make copies; b holds a's entries at `taken`; b[0] = 99 or b += 10 changes b, and a too
    through a view."""
    if selection not in _VIEWS or change not in ("set_first", "add_all"):
        raise CheckFailed(f"unknown selection {selection!r} or change {change!r}")
    a, where = _int_list(values), _int_list(taken)
    b = [a[k] for k in where]
    b = [99] + b[1:] if change == "set_first" else [x + 10 for x in b]
    if _VIEWS[selection]:
        for k, x in zip(where, b):
            a[k] = x
    return ViewOutcome(a, b)


# ---------------------------------------------------------------- linear-algebra routines, run on test problems

# The same lines as the macros offer, written here again: each is run on the check's own test problem.
_LINALG_LINES = {
    "solve": {"solve": "np.linalg.solve(A, b)", "inv_elementwise": "np.linalg.inv(A) * b",
              "solve_swapped": "np.linalg.solve(b, A)", "matvec": "A @ b", "row_solve": "b @ np.linalg.inv(A)"},
    "lstsq": {"lstsq": "np.linalg.lstsq(X, y, rcond=None)[0]", "solve_rectangular": "np.linalg.solve(X, y)",
              "lstsq_residuals": "np.linalg.lstsq(X, y, rcond=None)[1]",
              "normal_without_transpose": "np.linalg.inv(X.T @ X) @ y", "polyfit_order": "np.polyfit(X[:, 1], y, 1)"},
    "eigh": {"eigh_values": "np.linalg.eigh(S)[0]", "eigh_vectors": "np.linalg.eigh(S)[1]",
             "svd_values": "np.linalg.svd(S)[1]", "diagonal": "np.diag(S)"},
    "norm": {"row_norms": "np.linalg.norm(M, axis=1)", "column_norms": "np.linalg.norm(M, axis=0)",
             "frobenius": "np.linalg.norm(M)", "squares_no_root": "np.sum(M ** 2, axis=1)",
             "row_abs_sums": "np.abs(M).sum(axis=1)"},
}
_TEST_DATA = {
    "solve": "A = np.array([[2.0, 1.0], [-1.0, 3.0]])\nb = np.array([4.0, 5.0])",
    "lstsq": "X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 3.0], [1.0, 4.0]])\ny = np.array([1.0, 4.0, 4.0, 9.0])",
    "eigh": "S = np.array([[2.0, -3.0], [-3.0, -6.0]])",
    "norm": "M = np.array([[1.0, -2.0], [3.0, 5.0]])",
}


def _property_holds(task: str, numbers: list[float]) -> bool:
    """Whether printed numbers answer the task on the test problem, checked by the defining property."""
    close = lambda u, v: abs(u - v) < 1e-6  # noqa: E731
    if task == "solve":   # A x = b
        return len(numbers) == 2 and close(2 * numbers[0] + numbers[1], 4) and close(-numbers[0] + 3 * numbers[1], 5)
    if task == "lstsq":   # intercept and slope: the residuals are orthogonal to both columns
        if len(numbers) != 2:
            return False
        xs, ys = (0, 1, 3, 4), (1, 4, 4, 9)
        r = [y - numbers[0] - numbers[1] * x for x, y in zip(xs, ys)]
        return close(sum(r), 0) and close(sum(x * e for x, e in zip(xs, r)), 0)
    if task == "eigh":    # roots of t^2 - tr t + det, increasing
        tr, det = 2 - 6, 2 * -6 - 9
        root = math.sqrt(tr * tr - 4 * det)
        return len(numbers) == 2 and close(numbers[0], (tr - root) / 2) and close(numbers[1], (tr + root) / 2)
    return len(numbers) == 2 and close(numbers[0], math.sqrt(1 + 4)) and close(numbers[1], math.sqrt(9 + 25))


@check(strings_ok=True)
def linalg_options_match(flags: Any, task: Any, names: Sequence[Any]) -> bool:
    """Run each offered line on the check's own test problem (in the snippet worker) and test the
    task's defining property (A x = b; residuals orthogonal to the columns; the characteristic
    polynomial's roots in increasing order; each row's length): exactly the
    marked options satisfy it. An option that raises answers nothing."""
    if task not in _LINALG_LINES or any(n not in _LINALG_LINES[task] for n in names):
        raise CheckFailed(f"unknown task {task!r} or lines {list(names)}")
    marks = _marked(flags, len(names))
    for mark, name in zip(marks, names):
        result = run_program(f"import numpy as np\n{_TEST_DATA[task]}\nprint({_LINALG_LINES[task][name]})")
        numbers = [] if result.error else [float(t) for t in re.findall(r"-?\d+\.?\d*(?:e[-+]?\d+)?", result.stdout)]
        if _property_holds(str(task), numbers) != mark:
            raise CheckFailed(f"line {name!r} on the test problem printed {result.stdout.strip() or result.error}")
    return True


@check(strings_ok=True)
def linalg_by_hand(task: Any, data: Any) -> list:
    """What the right line prints, by hand: Cramer's rule; the 2x2 normal equations; the quadratic
    formula for the eigenvalues, increasing; the square root of each row's sum of squares (exact fractions)."""
    if task == "solve":
        (a, b), (c, d) = data[0]
        e, f = data[1]
        det = Fraction(a * d - b * c)
        return [(e * d - b * f) / det, (a * f - e * c) / det]
    if task == "lstsq":
        xs, ys = [r[1] for r in data[0]], list(data[1])
        n, sx, sy = len(xs), sum(xs), sum(ys)
        sxx, sxy = sum(x * x for x in xs), sum(x * y for x, y in zip(xs, ys))
        slope = Fraction(n * sxy - sx * sy, n * sxx - sx * sx)
        return [Fraction(sy, n) - slope * Fraction(sx, n), slope]
    if task == "eigh":
        (a, b), (_, d) = data[0]
        root = math.isqrt((a - d) ** 2 + 4 * b * b)
        return [Fraction(a + d - root, 2), Fraction(a + d + root, 2)]
    if task == "norm":
        out = []
        for row in data[0]:
            squares = sum(v * v for v in row)
            if math.isqrt(squares) ** 2 != squares:
                raise CheckFailed("a row length is not whole")
            out.append(math.isqrt(squares))
        return out
    raise CheckFailed(f"unknown task {task!r}")
