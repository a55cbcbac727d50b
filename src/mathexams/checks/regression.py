"""Least squares, checked with NumPy (lstsq, polyfit, corrcoef, pinv) and with exact fractions (normal equations)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..api import CheckFailed, check, to_float, to_fraction
from .comparisons import as_array
from .multivariable import floats


@check()
def np_polyfit(xs: Sequence[Any], ys: Sequence[Any], degree: Any = 1, intercept: Any = True) -> np.ndarray:
    """Least-squares polynomial coefficients by numpy.linalg.lstsq, constant term first.

    With intercept false the fit has no constant term: [w] for y ~ w x (degree 1).
    """
    x, y = np.array(floats(list(xs))), np.array(floats(list(ys)))
    powers = range(0 if bool(intercept) else 1, int(degree) + 1)
    X = np.column_stack([x**k for k in powers])
    return np.linalg.lstsq(X, y, rcond=None)[0]


@check()
def np_ls_predict(xs: Sequence[Any], ys: Sequence[Any], x0: Any) -> float:
    """Prediction at x0 of the least-squares line fitted by numpy.polyfit (degree 1)."""
    x, y = np.array(floats(list(xs))), np.array(floats(list(ys)))
    return float(np.polyval(np.polyfit(x, y, 1), to_float(x0)))


@check()
def np_r_squared(xs: Sequence[Any], ys: Sequence[Any]) -> float:
    """R^2 of the least-squares line as the squared Pearson correlation (numpy.corrcoef)."""
    x, y = np.array(floats(list(xs))), np.array(floats(list(ys)))
    return float(np.corrcoef(x, y)[0, 1] ** 2)


@check()
def np_residual_sd(xs: Sequence[Any], ys: Sequence[Any], ddof: Any = 2) -> float:
    """sqrt(SSE / (n - ddof)) of the least-squares line fitted by numpy.polyfit."""
    x, y = np.array(floats(list(xs))), np.array(floats(list(ys)))
    resid = y - np.polyval(np.polyfit(x, y, 1), x)
    return float(math.sqrt(np.sum(resid**2) / (len(x) - int(ddof))))


@check()
def normal_equations_hold(X: Any, y: Any, beta: Any) -> bool:
    """X^T (y - X beta) = 0 exactly, in plain Python fractions (the residual is orthogonal to every column)."""
    m = sympy.Matrix(X)
    yv = [to_fraction(v) for v in (list(y) if not isinstance(y, sympy.MatrixBase) else list(y))]
    b = [to_fraction(v) for v in (list(beta) if not isinstance(beta, sympy.MatrixBase) else list(beta))]
    rows = [[to_fraction(m[i, j]) for j in range(m.cols)] for i in range(m.rows)]
    if len(b) != m.cols or len(yv) != m.rows:
        raise CheckFailed("sizes of X, y and the coefficients do not match")
    resid = [yv[i] - sum(rows[i][j] * b[j] for j in range(m.cols)) for i in range(m.rows)]
    for j in range(m.cols):
        s = sum(rows[i][j] * resid[i] for i in range(m.rows))
        if s != 0:
            raise CheckFailed(f"column {j} of X is not orthogonal to the residual (dot = {s})")
    return True


@check()
def np_projector(A: Any) -> np.ndarray:
    """Orthogonal projector onto the column space of A, as A @ pinv(A) (NumPy SVD)."""
    a = as_array(A)
    return a @ np.linalg.pinv(a)


@check()
def np_lstsq_fitted(A: Any, b: Any) -> np.ndarray:
    """The projection of b onto Col(A) as A @ x with x from numpy.linalg.lstsq."""
    a, vec = as_array(A), as_array(b).reshape(-1)
    x = np.linalg.lstsq(a, vec, rcond=None)[0]
    return a @ x


@check()
def np_residual_norm(A: Any, b: Any) -> float:
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
def np_residuals(xs: Sequence[Any], ys: Sequence[Any]) -> np.ndarray:
    """Residuals y - X beta of the least-squares line, with beta from numpy.linalg.lstsq."""
    x, y = np.array(floats(list(xs))), np.array(floats(list(ys)))
    X = np.column_stack([np.ones_like(x), x])
    return y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
