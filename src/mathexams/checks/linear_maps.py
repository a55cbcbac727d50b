"""Plane maps, checked geometrically: rotations and reflections as complex numbers, areas by the shoelace formula.

The maps are named as in the course's `linear_maps` macros; here each is re-implemented from its
geometric definition, not from its matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..api import CheckFailed, check, to_float
from .comparisons import as_array, vector_of

# Each plane map by name, on points z = x + i y of the complex plane (k is the factor of a stretch or shear).
_ROTATIONS = {"rotate_90": 1, "rotate_180": 2, "rotate_270": 3}                # quarter turns
_REFLECTIONS = {"reflect_x_axis": 0.0, "reflect_y_axis": np.pi / 2,            # angle of the mirror line
                "reflect_y_eq_x": np.pi / 4, "reflect_y_eq_minus_x": -np.pi / 4}


def _image(name: str, k: float, z: np.ndarray) -> np.ndarray:
    if name in _ROTATIONS:                 # multiply by e^{i theta}
        return z * np.exp(1j * _ROTATIONS[name] * np.pi / 2)
    if name in _REFLECTIONS:               # across the line at angle phi: e^{2 i phi} conj(z)
        return np.exp(2j * _REFLECTIONS[name]) * np.conj(z)
    if name == "stretch_x":
        return k * z.real + 1j * z.imag
    if name == "stretch_y":
        return z.real + 1j * k * z.imag
    if name == "shear_x":
        return (z.real + k * z.imag) + 1j * z.imag
    if name == "shear_y":
        return z.real + 1j * (z.imag + k * z.real)
    if name in ("rotate", "rotate_cw"):    # by k degrees
        return z * np.exp((1j if name == "rotate" else -1j) * np.radians(k))
    if name == "scale":
        return k * z
    if name == "project_x_axis":
        return z.real + 0j
    if name == "project_y_axis":
        return 1j * z.imag
    raise CheckFailed(f"unknown plane map {name!r}")


@check(strings_ok=True)
def np_transform(name: Any, k: Any, points: Any) -> np.ndarray:
    """Apply a plane map by name (as in transformation_matrix) to points (a vector or a 2 x N array of columns) geometrically."""
    given = as_array(points)
    pts = given.reshape(2, 1) if given.ndim == 1 else given
    if pts.shape[0] != 2:
        raise CheckFailed("points must be 2-vectors (columns)")
    w = _image(str(name), to_float(k), pts[0] + 1j * pts[1])
    out = np.vstack([w.real, w.imag])
    return out.reshape(-1) if given.ndim == 1 else out


@check()
def np_apply(A: Any, points: Sequence[Any]) -> list:
    """The images A p of a list of points, each computed with NumPy."""
    a = as_array(A)
    return [a @ vector_of(p) for p in points]


@check()
def np_shoelace(points: Sequence[Any]) -> float:
    """Signed area of the polygon with these vertices in order (shoelace formula; > 0 counter-clockwise)."""
    pts = np.array([vector_of(p) for p in points], dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 2 or len(pts) < 3:
        raise CheckFailed("np_shoelace() needs at least three points in the plane")
    x, y = pts[:, 0], pts[:, 1]
    return float(0.5 * (x @ np.roll(y, -1) - y @ np.roll(x, -1)))


@check(strings_ok=True)
def affine_steps_apply(names: Sequence[Any], amounts: Sequence[Any], point: Any) -> np.ndarray:
    """Apply the steps one at a time to a point (x, y), geometrically: scale k z, translate z + t, or a named plane map."""
    p = vector_of(point)
    z = complex(p[0], p[1])
    for name, amount in zip(names, amounts):
        a, b = to_float(amount[0]), to_float(amount[1])
        if name == "scale":
            z = a * z
        elif name == "translate":
            z = z + complex(a, b)
        else:
            z = complex(_image(str(name), 1.0, np.array([z]))[0])
    return np.array([z.real, z.imag])


@check(strings_ok=True)
def homogeneous_matches(M: Any, names: Sequence[Any], amounts: Sequence[Any]) -> bool:
    """M is the 3x3 homogeneous matrix of the steps: bottom row (0, 0, 1) and M (x, y, 1) agrees with the steps at five points."""
    m = as_array(M)
    if m.shape != (3, 3) or not np.allclose(m[2], [0, 0, 1]):
        raise CheckFailed(f"the bottom row of a homogeneous matrix is (0, 0, 1), not {m[2] if m.shape == (3, 3) else m.shape}")
    for x, y in ((0, 0), (1, 0), (0, 1), (2.5, -1.5), (-3, 4)):
        want = affine_steps_apply(names, amounts, [x, y])
        got = m @ np.array([x, y, 1.0])
        if not np.allclose(got[:2], want, atol=1e-9):
            raise CheckFailed(f"M maps ({x}, {y}) to {got[:2]}, the steps to {want}")
    return True


def _data_with(rng: np.random.Generator, cov: np.ndarray, mean: np.ndarray, n: int = 40) -> np.ndarray:
    """n rows whose sample mean and sample covariance (ddof 1) are exactly `mean` and `cov` (up to rounding)."""
    z = rng.standard_normal((n, cov.shape[0]))
    z -= z.mean(axis=0)
    w = np.linalg.cholesky(np.atleast_2d(np.cov(z, rowvar=False)))
    white = z @ np.linalg.inv(w).T                                   # sample covariance exactly I
    return white @ np.linalg.cholesky(cov).T + mean


def _claim_holds(rng: np.random.Generator, kind: str, v: list[float]) -> bool:
    if kind == "scale_variance":                     # [V, c, claimed]
        x = _data_with(rng, np.array([[v[0]]]), np.array([0.0]))[:, 0]
        return bool(np.isclose(np.var(v[1] * x, ddof=1), v[2], rtol=1e-9))
    if kind == "centre_covariance":                  # [a, b, d, m1, m2, says_changes]
        S = np.array([[v[0], v[1]], [v[1], v[2]]])
        X = _data_with(rng, S, np.array([v[3], v[4]]))
        same = np.allclose(np.cov(X - X.mean(axis=0), rowvar=False), np.cov(X, rowvar=False))
        return same if v[5] == 0 else not same
    if kind == "rotation_total_variance":            # [a, b, d, cos, sin, says_first_kept]
        S = np.array([[v[0], v[1]], [v[1], v[2]]])
        Q = np.array([[v[3], -v[4]], [v[4], v[3]]])
        Y = _data_with(rng, S, np.zeros(2)) @ Q.T
        C = np.cov(Y, rowvar=False)
        return bool(np.isclose(np.trace(C), v[0] + v[2])) if v[5] == 0 else bool(np.isclose(C[0, 0], v[0]))
    if kind == "rotation_distance":                  # [p1, p2, q1, q2, m00, m01, m10, m11, distance]
        M = np.array([[v[4], v[5]], [v[6], v[7]]])
        p, q = np.array(v[0:2]), np.array(v[2:4])
        return bool(np.isclose(np.linalg.norm(M @ p - M @ q), v[8]))
    if kind == "knn_scaling":                        # [x0, y0, xa, ya, xb, yb, c]: is A still nearer?
        s = np.array([1.0, v[6]])
        q, a, b = np.array(v[0:2]) * s, np.array(v[2:4]) * s, np.array(v[4:6]) * s
        return bool(np.linalg.norm(a - q) < np.linalg.norm(b - q))
    if kind == "rotation_angle":                     # [u1, u2, v1, v2, m00, m01, m10, m11]
        M = np.array([[v[4], v[5]], [v[6], v[7]]])
        u, w = np.array(v[0:2]), np.array(v[2:4])
        cos = lambda a, b: a @ b / (np.linalg.norm(a) * np.linalg.norm(b))  # noqa: E731
        return bool(np.isclose(cos(M @ u, M @ w), cos(u, w)))
    if kind == "unit_correlation":                   # [r, a, b, claimed]
        X = _data_with(rng, np.array([[1.0, v[0]], [v[0], 1.0]]), np.zeros(2))
        X[:, 0] = v[1] * X[:, 0] + v[2]
        return bool(np.isclose(np.corrcoef(X, rowvar=False)[0, 1], v[3]))
    if kind == "standardise_covariance":             # [r, says_identity]
        X = _data_with(rng, np.array([[4.0, 2 * v[0] * 3], [2 * v[0] * 3, 9.0]]), np.array([5.0, -2.0]))
        Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
        claimed = np.eye(2) if v[1] else np.array([[1.0, v[0]], [v[0], 1.0]])
        return bool(np.allclose(np.cov(Z, rowvar=False), claimed))
    raise CheckFailed(f"unknown claim {kind!r}")


@check(needs_rng=True, strings_ok=True)
def invariance_claim_matches(rng: np.random.Generator, kind: Any, numbers: Sequence[Any], truth: Any) -> bool:
    """The claim `kind` with its numbers holds exactly when `truth` says so: recomputed on synthetic data in NumPy."""
    holds = _claim_holds(rng, str(kind), [to_float(x) for x in numbers])
    if holds != bool(truth):
        raise CheckFailed(f"claim {kind} with {list(numbers)} {'holds' if holds else 'fails'} numerically, the key says {bool(truth)}")
    return True


@check(needs_rng=True)
def np_transformed_moments(rng: np.random.Generator, S: Any, mean: Any, A: Any, b: Any) -> np.ndarray:
    """[mean of y..., entries of cov(y) row by row] for y = A x + b, from synthetic data x with mean `mean` and covariance S."""
    cov, m = as_array(S), vector_of(mean)
    X = _data_with(rng, cov, m)
    Y = X @ as_array(A).T + vector_of(b)
    return np.concatenate([Y.mean(axis=0), np.atleast_2d(np.cov(Y, rowvar=False)).reshape(-1)])
