"""Independent checks used mainly by the linear algebra templates of weeks 7-10 and the NumPy/pandas coding templates of weeks 11-12.

Linear algebra keys (built in SymPy from chosen eigenvalues, normal equations, exact
covariances) are recomputed in floating point with NumPy (`eigvalsh`, `lstsq`, `polyfit`,
`pinv`, `cov`, `matrix_power`). The coding keys (computed by running NumPy in the
`numpy_*_item` macros) are recomputed in plain Python: the broadcasting rule by
right-aligning shapes, reductions by explicit loops, masks by list comprehensions, integer
division with exact fractions, and shape arithmetic by hand.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import to_fraction as _fraction
from ..api import to_float
from ..api import CheckFailed
from ..api import check
from .generic import as_array


def _flag(f: Any) -> bool:
    return f is not None and bool(f)


def _flags(flags: Any, n: int) -> list[bool]:
    if not isinstance(flags, (list, tuple)) or len(flags) != n:
        raise CheckFailed(f"expected {n} option flags, got {flags!r}")
    return [_flag(f) for f in flags]


def _int_list(values: Any) -> list[int]:
    if isinstance(values, sympy.MatrixBase):
        values = list(values)
    return [int(v) for v in values]


# =============================================================== generic


@check()
def flagged_options_match(flags: Any, options: Sequence[Any], reference: Any, tol: Any = 1e-9) -> bool:
    """The options marked correct are exactly those equal (entry by entry, flattened) to an independently computed reference."""
    options = list(options)
    marks = _flags(flags, len(options))
    ref = as_array(reference).reshape(-1)
    for i, (mark, option) in enumerate(zip(marks, options)):
        arr = as_array(option).reshape(-1)
        equal = arr.shape == ref.shape and bool(np.allclose(arr, ref, rtol=float(tol), atol=float(tol)))
        if equal != mark:
            state = "marked correct but differs from" if mark else "is a distractor but equals"
            raise CheckFailed(f"option {i} {state} the reference {np.array2string(ref, precision=8)}")
    if not any(marks):
        raise CheckFailed("no option is marked correct")
    return True


@check()
def fast_close(a: Any, b: Any, tol: Any = 1e-9) -> bool:
    """Like close(): a and b agree entry by entry (flattened) within tol, converting rational SymPy entries without evalf."""
    x, y = as_array(a).reshape(-1), as_array(b).reshape(-1)
    if x.shape != y.shape:
        raise CheckFailed(f"sizes differ: {x.shape} vs {y.shape}")
    if not np.all(np.isfinite(x)) or not np.allclose(x, y, rtol=float(tol), atol=float(tol)):
        raise CheckFailed(f"{np.array2string(x, precision=10)} != {np.array2string(y, precision=10)}")
    return True


# =============================================================== eigenvalues, weeks 7-8


@check()
def simple_eigenvalue_numpy(A: Any, lam: Any) -> bool:
    """lam is an eigenvalue of A whose eigenspace is one-dimensional: rank(A - lam I) = n - 1 by NumPy's SVD."""
    a = as_array(A)
    n = a.shape[0]
    r = int(np.linalg.matrix_rank(a - to_float(lam) * np.eye(n), tol=1e-8))
    if r != n - 1:
        raise CheckFailed(f"rank(A - {lam} I) = {r}, not {n - 1}")
    return True


@check()
def trace_numpy(A: Any) -> float:
    """Trace by NumPy."""
    return float(np.trace(as_array(A)))


@check()
def det_numpy(A: Any) -> float:
    """Determinant by NumPy (LU), with a fast conversion of rational entries."""
    return float(np.linalg.det(as_array(A)))


@check()
def eigvals_numpy(A: Any, power: Any = 1, shift: Any = 0) -> np.ndarray:
    """Sorted real eigenvalues of A**power + shift*I by NumPy (power -1: the inverse; 2: the square)."""
    a = as_array(A)
    k = int(power)
    m = np.linalg.inv(a) if k == -1 else np.linalg.matrix_power(a, k)
    m = m + to_float(shift) * np.eye(a.shape[0])
    vals = np.linalg.eigvals(m)
    if np.max(np.abs(vals.imag)) > 1e-9:
        raise CheckFailed(f"complex eigenvalues {vals}")
    return np.sort(vals.real)


@check()
def matrix_power_numpy(A: Any, k: Any) -> np.ndarray:
    """A**k by NumPy's matrix_power on exact Python integers (object dtype, no overflow); A must be an integer matrix."""
    m = sympy.Matrix(A)
    if not all(v.is_Integer for v in m):
        raise CheckFailed("matrix_power_numpy() needs an integer matrix")
    arr = np.array([[int(v) for v in m.row(i)] for i in range(m.rows)], dtype=object)
    result = np.linalg.matrix_power(arr, int(k))
    return np.array(result, dtype=float)


def _eigvalsh_desc(S: Any) -> np.ndarray:
    a = as_array(S)
    if not np.allclose(a, a.T):
        raise CheckFailed("the covariance matrix is not symmetric")
    return np.sort(np.linalg.eigvalsh(a))[::-1]


@check()
def pca_share_numpy(S: Any, k: Any) -> float:
    """Share of total variance explained by the first k principal components (NumPy eigvalsh of the covariance S)."""
    lam = _eigvalsh_desc(S)
    return float(np.sum(lam[: int(k)]) / np.sum(lam))


@check()
def pca_k_numpy(S: Any, share: Any) -> int:
    """Smallest number of principal components of S (NumPy eigvalsh, cumsum) reaching at least `share` of the variance."""
    lam = _eigvalsh_desc(S)
    cum = np.cumsum(lam) / np.sum(lam)
    return int(np.argmax(cum >= to_float(share) - 1e-12) + 1)


# =============================================================== data, weeks 9-10


@check()
def polyfit_numpy(xs: Any, ys: Any, degree: Any = 1) -> np.ndarray:
    """Least-squares polynomial coefficients by numpy.polyfit, constant term first."""
    x = np.array([to_float(v) for v in xs])
    y = np.array([to_float(v) for v in ys])
    return np.polyfit(x, y, int(degree))[::-1]


@check()
def normal_equations_hold(X: Any, y: Any, beta: Any) -> bool:
    """X^T (y - X beta) = 0 exactly, in plain Python fractions (the residual is orthogonal to every column)."""
    m = sympy.Matrix(X)
    yv = [_fraction(v) for v in (list(y) if not isinstance(y, sympy.MatrixBase) else list(y))]
    b = [_fraction(v) for v in (list(beta) if not isinstance(beta, sympy.MatrixBase) else list(beta))]
    rows = [[_fraction(m[i, j]) for j in range(m.cols)] for i in range(m.rows)]
    if len(b) != m.cols or len(yv) != m.rows:
        raise CheckFailed("sizes of X, y and the coefficients do not match")
    resid = [yv[i] - sum(rows[i][j] * b[j] for j in range(m.cols)) for i in range(m.rows)]
    for j in range(m.cols):
        s = sum(rows[i][j] * resid[i] for i in range(m.rows))
        if s != 0:
            raise CheckFailed(f"column {j} of X is not orthogonal to the residual (dot = {s})")
    return True


@check()
def cov_matrix_numpy(X: Any, ddof: Any = 1) -> np.ndarray:
    """Covariance matrix of the columns of a data matrix by numpy.cov(rowvar=False) with the given ddof."""
    return np.atleast_2d(np.cov(as_array(X), rowvar=False, ddof=int(ddof)))


@check()
def projector_numpy(A: Any) -> np.ndarray:
    """Orthogonal projector onto the column space of A, as A @ pinv(A) (NumPy SVD)."""
    a = as_array(A)
    return a @ np.linalg.pinv(a)


@check()
def lstsq_fitted_numpy(A: Any, b: Any) -> np.ndarray:
    """The projection of b onto Col(A) as A @ x with x from numpy.linalg.lstsq."""
    a, vec = as_array(A), as_array(b).reshape(-1)
    x = np.linalg.lstsq(a, vec, rcond=None)[0]
    return a @ x


@check()
def residual_norm_numpy(A: Any, b: Any) -> float:
    """Distance from b to Col(A): norm of b - A x with x from numpy.linalg.lstsq."""
    a, vec = as_array(A), as_array(b).reshape(-1)
    x = np.linalg.lstsq(a, vec, rcond=None)[0]
    return float(np.linalg.norm(vec - a @ x))


@check()
def orthogonal_to_columns(A: Any, r: Any) -> bool:
    """A^T r = 0 in floating point: r is orthogonal to every column of A."""
    a, vec = as_array(A), as_array(r).reshape(-1)
    if not np.allclose(a.T @ vec, 0, atol=1e-9):
        raise CheckFailed(f"A^T r = {a.T @ vec}, not 0")
    return True


@check()
def spectrum_share_numpy(values: Sequence[Any], k: Any) -> float:
    """Share of the total of a spectrum held by its k largest values (NumPy sort and cumsum)."""
    v = np.sort(np.array([to_float(x) for x in values]))[::-1]
    return float(np.cumsum(v)[int(k) - 1] / np.sum(v)) if int(k) > 0 else 0.0


@check()
def spectrum_k_numpy(values: Sequence[Any], share: Any) -> int:
    """Smallest k whose k largest integer values hold at least `share` (a fraction such as 9/10) of the total (NumPy cumsum, integer comparison)."""
    v = np.sort(np.array([int(x) for x in values], dtype=np.int64))[::-1]
    cum = np.cumsum(v)
    p = _fraction(share)
    ok = cum * p.denominator >= p.numerator * int(np.sum(v))
    return int(np.argmax(ok) + 1)


# =============================================================== coding, weeks 11-12


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


def _payload(p: Any) -> list[int] | None:
    return None if p is None else _int_list(p)


@check()
def broadcast_options_match(flags: Any, shape_a: Any, shape_b: Any, payloads: Sequence[Any]) -> bool:
    """The marked option is the shape (or the error, None) given by the broadcasting rule applied by hand, and no other option is."""
    expected = _broadcast_rule(_int_list(shape_a), _int_list(shape_b))
    marks = _flags(flags, len(payloads))
    for i, (mark, p) in enumerate(zip(marks, payloads)):
        if (_payload(p) == expected) != mark:
            raise CheckFailed(f"option {i} ({p}) vs the broadcasting rule's {expected}")
    return True


@check()
def broadcast_shape_plain(shape_a: Any, shape_b: Any) -> list[int]:
    """Broadcast shape of two shapes by right-aligning them in plain Python ([] if they do not broadcast)."""
    out = _broadcast_rule(_int_list(shape_a), _int_list(shape_b))
    return out if out is not None else []


@check()
def shape_chain_plain(spec: Any, which: Any) -> list[int]:
    """Shape of a, b or c (which = 0, 1, 2) in the numpy_shape_item chain, by shape arithmetic only.

    spec = reshape arguments with 0 for -1, then N, the step-2 code and the step-3 code.
    """
    s = _int_list(spec)
    call, n_total, op2, op3 = s[:-3], s[-3], s[-2], s[-1]
    known = 1
    for d in call:
        known *= d if d else 1
    if n_total % known:
        raise CheckFailed("the reshape cannot infer -1")
    a = [d if d else n_total // known for d in call]
    which = int(which)
    if which == 0:
        return a
    if op2 == 0:
        b = a[::-1]
    elif op2 == 1:
        b = a[:1] + [1] + a[1:]
    elif op2 == 2:
        b = [1] + a
    elif op2 == 3:
        b = a + [1]
    elif op2 == 4:
        b = [a[0] - 1] + a[1:]
    elif op2 == 5:
        b = [a[0], (a[1] + 1) // 2] + a[2:]
    elif op2 in (6, 7):
        b = a[1:]
    else:
        raise CheckFailed(f"unknown step code {op2}")
    if which == 1:
        return b
    if op3 == 0:
        return [2] + b
    if op3 == 1:
        return b + [3]
    if op3 == 2:
        return [2 * b[0]] + b[1:]
    if op3 == 3:
        return b[:-1] + [2 * b[-1]]
    if op3 == 4:
        return b[:1] + [2] + b[1:]
    raise CheckFailed(f"unknown step code {op3}")


@check()
def reduce_by_loops(A: Any, op: Any, axis: Any) -> list[int]:
    """A.sum/max/min/argmax/argmin(axis=…) (op 0..4) with explicit loops over a list of rows."""
    m = sympy.Matrix(A)
    rows = [[int(m[i, j]) for j in range(m.cols)] for i in range(m.rows)]
    op, axis = int(op), int(axis)
    if axis == 0:
        lines = [[rows[i][j] for i in range(len(rows))] for j in range(len(rows[0]))]
    else:
        lines = rows
    out = []
    for line in lines:
        if op == 0:
            acc = 0
            for v in line:
                acc += v
            out.append(acc)
        elif op in (1, 2):
            best = line[0]
            for v in line[1:]:
                if (v > best) if op == 1 else (v < best):
                    best = v
            out.append(best)
        elif op in (3, 4):
            best_i = 0
            for i, v in enumerate(line):
                if (v > line[best_i]) if op == 3 else (v < line[best_i]):
                    best_i = i
            out.append(best_i)
        else:
            raise CheckFailed(f"unknown reduction code {op}")
    return out


def _mask_rule(values: list[int], k: int, m: int, code: int) -> list[int] | None:
    if code == 0:
        return [v for v in values if v > k and v % m == 0]
    if code == 1:
        return [v for v in values if v > k or v % m == 0]
    if code in (2, 3):
        # `and` / a chained comparison ask for the truth value of a whole array: ValueError
        return None if len(values) > 1 else values
    if code == 4:
        return [v if v > k else 0 for v in values]
    raise CheckFailed(f"unknown mask code {code}")


@check()
def mask_options_match(flags: Any, values: Any, k: Any, m: Any, code: Any, payloads: Sequence[Any]) -> bool:
    """The marked option is the list comprehension's result (None for the ValueError of `and`/missing parentheses), and no other option is."""
    expected = _mask_rule(_int_list(values), int(k), int(m), int(code))
    marks = _flags(flags, len(payloads))
    for i, (mark, p) in enumerate(zip(marks, payloads)):
        if (_payload(p) == expected) != mark:
            raise CheckFailed(f"option {i} ({p}) vs the rule's {expected}")
    return True


@check()
def division_by_rule(values: Any, k: Any, which: Any) -> list[int]:
    """a // k (which 0), a % k (1) or (a / k).astype(int) (2) with exact fractions: floor, remainder with the sign of k, truncation."""
    out = []
    for v in _int_list(values):
        q = Fraction(v, int(k))
        if int(which) == 0:
            out.append(math.floor(q))
        elif int(which) == 1:
            out.append(v - int(k) * math.floor(q))
        else:
            out.append(math.trunc(q))
    return out


@check()
def dtype_options_match(flags: Any, payloads: Sequence[Any]) -> bool:
    """The marked dtype option is [1, 0]: true division of integers gives float64, floor division of int64 stays int64."""
    marks = _flags(flags, len(payloads))
    for i, (mark, p) in enumerate(zip(marks, payloads)):
        if (_int_list(p) == [1, 0]) != mark:
            raise CheckFailed(f"dtype option {i} ({p}) is marked {mark}")
    return True
