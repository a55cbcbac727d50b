"""General-purpose independent checks: numerical calculus, NumPy linear algebra, statistics.

None of these calls the SymPy routine that computed a key: derivatives are checked with
finite differences, integrals with Gauss-Legendre quadrature, inverses and eigenpairs
with NumPy, statistics with NumPy's own reductions.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import float_function, to_float
from ..api import CheckFailed
from ..api import check

# Sample points for checks in one variable: irrational-looking so that a wrong answer
# does not agree by coincidence, spread over [-2.3, 2.7].
DEFAULT_POINTS = (-2.31, -1.37, -0.52, 0.29, 0.83, 1.41, 2.17, 2.73)


def as_array(value: Any) -> np.ndarray:
    """A SymPy matrix, list, set or number as a float array."""
    if isinstance(value, np.ndarray):
        return value.astype(float)
    if isinstance(value, sympy.MatrixBase):
        return np.array([[to_float(v) for v in value.row(i)] for i in range(value.rows)], dtype=float)
    if isinstance(value, (sympy.FiniteSet, set, frozenset)):
        return np.array(sorted(to_float(v) for v in value), dtype=float)
    if isinstance(value, (list, tuple)):
        return np.array([as_array(v) for v in value], dtype=float)
    return np.array(to_float(value), dtype=float)


def _squeeze_pair(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if a.shape != b.shape and a.size == b.size:
        return a.reshape(-1), b.reshape(-1)
    return a, b


@check()
def close(a: Any, b: Any, tol: Any = 1e-9, rel: Any = 1e-9) -> bool:
    """a and b agree entry by entry within an absolute or relative tolerance."""
    x, y = _squeeze_pair(as_array(a), as_array(b))
    if x.shape != y.shape:
        raise CheckFailed(f"shapes differ: {x.shape} vs {y.shape}")
    if not np.all(np.isfinite(x)) or not np.all(np.isfinite(y)):
        if np.array_equal(x, y):
            return True
        raise CheckFailed(f"non-finite values: {x} vs {y}")
    if not np.allclose(x, y, rtol=float(rel), atol=float(tol)):
        raise CheckFailed(f"{np.array2string(x, precision=10)} != {np.array2string(y, precision=10)}")
    return True


@check()
def same_set(a: Any, b: Any, tol: Any = 1e-9) -> bool:
    """Two finite collections hold the same numbers, ignoring order and repeats."""
    x = sorted(set(round(to_float(v), 9) for v in a))
    y = sorted(set(round(to_float(v), 9) for v in b))
    if len(x) != len(y) or any(abs(p - q) > float(tol) for p, q in zip(x, y)):
        raise CheckFailed(f"sets differ: {x} vs {y}")
    return True


def _points(f: Any, x: Any, points: Sequence[Any] | None, need: int = 3) -> list[float]:
    fn = float_function(f, [x])
    candidates = [to_float(p) for p in points] if points else list(DEFAULT_POINTS)
    usable = [p for p in candidates if math.isfinite(fn(p)) and math.isfinite(fn(p + 1e-3)) and math.isfinite(fn(p - 1e-3))]
    if len(usable) < min(need, len(candidates)):
        raise CheckFailed(f"the function is undefined at most check points {candidates}")
    return usable


@check()
def derivative_matches(f: Any, df: Any, x: Any, points: Sequence[Any] | None = None) -> bool:
    """df is f' : compare with central finite differences (h = 1e-5) at several points."""
    fn, dfn = float_function(f, [x]), float_function(df, [x])
    for p in _points(f, x, points):
        h = 1e-5 * max(1.0, abs(p))
        fd = (fn(p + h) - fn(p - h)) / (2 * h)
        exact = dfn(p)
        if not math.isclose(fd, exact, rel_tol=1e-5, abs_tol=1e-5):
            raise CheckFailed(f"at {x} = {p:g}: finite difference {fd:.8g} vs key {exact:.8g}")
    return True


@check()
def second_derivative_matches(f: Any, d2f: Any, x: Any, points: Sequence[Any] | None = None) -> bool:
    """d2f is f'' : compare with second central differences (h = 1e-4)."""
    fn, d2 = float_function(f, [x]), float_function(d2f, [x])
    for p in _points(f, x, points):
        h = 1e-4 * max(1.0, abs(p))
        fd = (fn(p + h) - 2 * fn(p) + fn(p - h)) / (h * h)
        exact = d2(p)
        if not math.isclose(fd, exact, rel_tol=1e-4, abs_tol=1e-3):
            raise CheckFailed(f"at {x} = {p:g}: second difference {fd:.8g} vs key {exact:.8g}")
    return True


@check()
def antiderivative_matches(F: Any, f: Any, x: Any, points: Sequence[Any] | None = None) -> bool:
    """F' = f : differentiate the key numerically and compare with the integrand."""
    return derivative_matches(F, f, x, points)


@check()
def partials_match(f: Any, gradient: Sequence[Any], variables: Sequence[Any], point: Sequence[Any] | None = None) -> bool:
    """gradient lists the partial derivatives of f: compare each with central differences at points."""
    variables = list(variables)
    grad = list(gradient) if not isinstance(gradient, sympy.MatrixBase) else list(gradient)
    if len(grad) != len(variables):
        raise CheckFailed("gradient and variable list differ in length")
    fn = float_function(f, variables)
    grad_fns = [float_function(g, variables) for g in grad]
    points = [[to_float(v) for v in point]] if point is not None else [
        [DEFAULT_POINTS[(i + 3 * k) % len(DEFAULT_POINTS)] / 2 for i in range(len(variables))] for k in range(3)
    ]
    for p in points:
        for i, gfn in enumerate(grad_fns):
            h = 1e-5 * max(1.0, abs(p[i]))
            up, down = list(p), list(p)
            up[i] += h
            down[i] -= h
            fd = (fn(*up) - fn(*down)) / (2 * h)
            exact = gfn(*p)
            if not math.isclose(fd, exact, rel_tol=1e-5, abs_tol=1e-5):
                raise CheckFailed(f"d/d{variables[i]} at {p}: finite difference {fd:.8g} vs key {exact:.8g}")
    return True


_GAUSS_NODES, _GAUSS_WEIGHTS = np.polynomial.legendre.leggauss(24)


def quadrature(f: Any, x: Any, a: Any, b: Any, panels: int = 16) -> float:
    """Composite 24-point Gauss-Legendre quadrature of f over [a, b]."""
    fn = float_function(f, [x])
    lo, hi = to_float(a), to_float(b)
    edges = np.linspace(lo, hi, panels + 1)
    total = 0.0
    for left, right in zip(edges[:-1], edges[1:]):
        mid, half = (left + right) / 2, (right - left) / 2
        total += half * sum(w * fn(mid + half * t) for t, w in zip(_GAUSS_NODES, _GAUSS_WEIGHTS))
    return total


@check()
def integral_matches(f: Any, x: Any, a: Any, b: Any, value: Any, rel: Any = 1e-7) -> bool:
    """value = integral of f from a to b: compare with Gauss-Legendre quadrature."""
    numeric = quadrature(f, x, a, b)
    key = to_float(value)
    if not math.isclose(numeric, key, rel_tol=float(rel), abs_tol=1e-8):
        raise CheckFailed(f"quadrature gives {numeric:.10g}, key {key:.10g}")
    return True


@check("quad")
def quad_value(f: Any, x: Any, a: Any, b: Any) -> float:
    """Gauss-Legendre quadrature of f over [a, b], as a float to compare with close()."""
    return quadrature(f, x, a, b)


@check()
def limit_matches(f: Any, x: Any, a: Any, value: Any, direction: Any = 0) -> bool:
    """value = limit of f at a: evaluate f ever closer to a (from the side(s) given: -1, 0, +1)."""
    fn = float_function(f, [x])
    key = to_float(value)
    if a in (sympy.oo, -sympy.oo):
        sign = 1 if a == sympy.oo else -1
        samples = [fn(sign * 10.0**k) for k in (6, 7, 8)]
    else:
        at = to_float(a)
        sides = (-1, 1) if int(direction) == 0 else (int(direction),)
        samples = [fn(at + s * 10.0**-k) for s in sides for k in (6, 7)]
    if value in (sympy.oo, -sympy.oo):
        if all(math.copysign(1, v) == math.copysign(1, key) and abs(v) > 1e5 for v in samples):
            return True
        raise CheckFailed(f"values near the point {samples} do not grow to {value}")
    for v in samples:
        if not math.isclose(v, key, rel_tol=1e-4, abs_tol=1e-4):
            raise CheckFailed(f"values near the point {samples} vs key {key:.8g}")
    return True


@check()
def value_at(f: Any, variables: Any, point: Any) -> float:
    """f evaluated in floating point at a point (one value or a list)."""
    vs = list(variables) if isinstance(variables, (list, tuple)) else [variables]
    ps = list(point) if isinstance(point, (list, tuple)) else [point]
    return float_function(f, vs)(*[to_float(p) for p in ps])


@check()
def vanishes_at(f: Any, x: Any, points: Sequence[Any], tol: Any = 1e-9) -> bool:
    """f(p) = 0 at every point given (roots, critical points)."""
    fn = float_function(f, [x])
    for p in points:
        v = fn(to_float(p))
        if not abs(v) <= float(tol):
            raise CheckFailed(f"f({p}) = {v:.3g}, not 0")
    return True


# --- linear algebra with NumPy -------------------------------------------------------


@check()
def np_matmul(A: Any, B: Any) -> np.ndarray:
    """A @ B in floating point."""
    return as_array(A) @ as_array(B)


@check()
def np_solve(A: Any, b: Any) -> np.ndarray:
    """Solution of A x = b by NumPy's LU solver."""
    return np.linalg.solve(as_array(A), as_array(b))


@check()
def np_inv(A: Any) -> np.ndarray:
    """Inverse by NumPy."""
    return np.linalg.inv(as_array(A))


@check()
def np_det(A: Any) -> float:
    """Determinant by NumPy (LU)."""
    return float(np.linalg.det(as_array(A)))


@check()
def np_eigvals(A: Any) -> np.ndarray:
    """Eigenvalues by NumPy, sorted by real part then imaginary part."""
    vals = np.linalg.eigvals(as_array(A))
    if np.max(np.abs(vals.imag)) < 1e-9:
        return np.sort(vals.real)
    return np.sort_complex(vals)


@check()
def np_norm(v: Any) -> float:
    """Euclidean (Frobenius) norm by NumPy."""
    return float(np.linalg.norm(as_array(v)))


@check()
def np_transpose(A: Any) -> np.ndarray:
    """Transpose by NumPy."""
    return as_array(A).T


@check()
def inverse_matches(A: Any, B: Any) -> bool:
    """B is the inverse of A: A @ B and B @ A are the identity in floating point."""
    a, b = as_array(A), as_array(B)
    n = a.shape[0]
    if not (np.allclose(a @ b, np.eye(n), atol=1e-9) and np.allclose(b @ a, np.eye(n), atol=1e-9)):
        raise CheckFailed("A @ key is not the identity")
    return True


@check()
def eigenpair_matches(A: Any, v: Any, lam: Any) -> bool:
    """v is a non-zero vector with A v = lam v (checked in NumPy)."""
    a, vec, l = as_array(A), as_array(v).reshape(-1), to_float(lam)
    if np.linalg.norm(vec) < 1e-12:
        raise CheckFailed("the eigenvector is zero")
    if not np.allclose(a @ vec, l * vec, atol=1e-9):
        raise CheckFailed(f"A v = {a @ vec} is not {l} v = {l * vec}")
    return True


@check()
def eigenvalues_match(A: Any, values: Sequence[Any]) -> bool:
    """The eigenvalues of A (with multiplicity, by NumPy) are exactly `values`."""
    numeric = np_eigvals(A)
    key = np.sort(np.array([to_float(v) for v in values]))
    if numeric.shape != key.shape or not np.allclose(numeric, key, atol=1e-7):
        raise CheckFailed(f"NumPy eigenvalues {numeric} vs key {key}")
    return True


# --- statistics with NumPy ------------------------------------------------------------


@check()
def np_mean(values: Sequence[Any]) -> float:
    """Mean by NumPy."""
    return float(np.mean(as_array(list(values))))


@check()
def np_var(values: Sequence[Any], ddof: Any = 1) -> float:
    """Variance by NumPy with the given ddof."""
    return float(np.var(as_array(list(values)), ddof=int(ddof)))


@check()
def np_std(values: Sequence[Any], ddof: Any = 1) -> float:
    """Standard deviation by NumPy with the given ddof."""
    return float(np.std(as_array(list(values)), ddof=int(ddof)))


@check()
def np_median(values: Sequence[Any]) -> float:
    """Median by NumPy."""
    return float(np.median(as_array(list(values))))


@check()
def np_percentile(values: Sequence[Any], q: Any, method: Any = 0) -> float:
    """Percentile by NumPy; method 0 = linear interpolation (NumPy's default)."""
    methods = ("linear", "lower", "higher", "midpoint", "nearest")
    return float(np.percentile(as_array(list(values)), to_float(q), method=methods[int(method)]))
