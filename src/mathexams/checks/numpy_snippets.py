"""NumPy snippets, re-run in plain Python: broadcasting by right-aligning shapes, reductions by loops,
masks by list comprehensions, integer division with exact fractions, and shape arithmetic by hand.

Operations carry the names of the course's `numpy_snippets` macros (REDUCTIONS, MASK_FORMS,
RESHAPE_STEPS, JOIN_STEPS, DIVISIONS); no NumPy call is used to recompute a key.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Sequence

import sympy

from ..api import CheckFailed, Record, check, option_flags


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


@check(strings_ok=True)
def mask_options_match(flags: Any, values: Any, k: Any, m: Any, form: Any, outcomes: Sequence[Any]) -> bool:
    """The marked option is the list comprehension's result (None for the ValueError of `and` or of missing
    parentheses), and no other option is."""
    expected = _mask_rule(_int_list(values), int(k), int(m), str(form))
    for i, (mark, p) in enumerate(zip(_marked(flags, len(outcomes)), outcomes)):
        if (_outcome(p) == expected) != mark:
            raise CheckFailed(f"option {i} ({p}) vs the rule's {expected}")
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
def dtype_options_match(flags: Any, outcomes: Sequence[Any]) -> bool:
    """The marked dtype option is (float64, int64): true division of int64 gives float64, floor division stays int64."""
    for i, (mark, p) in enumerate(zip(_marked(flags, len(outcomes)), outcomes)):
        if (list(p) == ["float64", "int64"]) != mark:
            raise CheckFailed(f"dtype option {i} ({p}) is marked {mark}")
    return True
