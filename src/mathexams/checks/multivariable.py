"""Functions of several variables: gradients, directional derivatives, Hessians, tangent planes, critical points.

Everything comes from central finite differences of f itself (vectorised over many points with
NumPy where it pays): critical points by Newton's method from a grid of starts, their type from
the eigenvalues of the finite-difference Hessian.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..api import CheckFailed, array_function, check, float_function, option_flags, to_float
from .derivatives import DEFAULT_POINTS


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


def floats(values: Any) -> list[float]:
    """A point, vector or list of numbers as a list of floats."""
    if isinstance(values, sympy.MatrixBase):
        return [to_float(v) for v in values]
    if isinstance(values, (list, tuple, sympy.Tuple)):
        return [to_float(v) for v in values]
    return [to_float(values)]


def point_function(f: Any, variables: Sequence[Any]) -> Any:
    """f as a function of one point (a list of coordinates), in floats."""
    variables = list(variables)
    g = float_function(f, variables)
    return lambda p: g(*p)


def fd_gradient_at(fn: Any, p: Sequence[float], h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a point function at p, with steps h * max(1, |coordinate|)."""
    out = []
    for i in range(len(p)):
        step = h * max(1.0, abs(p[i]))
        up, down = list(p), list(p)
        up[i] += step
        down[i] -= step
        out.append((fn(up) - fn(down)) / (2 * step))
    return np.array(out)


def fd_hessian_at(fn: Any, p: Sequence[float], h: float = 1e-3) -> np.ndarray:
    """Central-difference Hessian of a point function at p."""
    n = len(p)
    H = np.zeros((n, n))
    f0 = fn(list(p))
    for i in range(n):
        up, down = list(p), list(p)
        up[i] += h
        down[i] -= h
        H[i, i] = (fn(up) - 2 * f0 + fn(down)) / (h * h)
        for j in range(i + 1, n):
            pp, pm, mp, mm = list(p), list(p), list(p), list(p)
            pp[i] += h
            pp[j] += h
            pm[i] += h
            pm[j] -= h
            mp[i] -= h
            mp[j] += h
            mm[i] -= h
            mm[j] -= h
            H[i, j] = H[j, i] = (fn(pp) - fn(pm) - fn(mp) + fn(mm)) / (4 * h * h)
    return H


@check()
def fd_gradient_nd(f: Any, variables: Sequence[Any], point: Sequence[Any]) -> np.ndarray:
    """Gradient of f at a point by central finite differences (h = 1e-5), as floats."""
    p = floats(point)
    g = fd_gradient_at(point_function(f, variables), p)
    if not np.all(np.isfinite(g)):
        raise CheckFailed(f"f is not defined near {p}")
    return g


@check()
def fd_directional_nd(f: Any, variables: Sequence[Any], point: Sequence[Any], direction: Sequence[Any]) -> float:
    """Directional derivative (f(P + h u) - f(P - h u)) / 2h along the unit vector u of `direction`."""
    p, d = np.array(floats(point)), np.array(floats(direction))
    if np.linalg.norm(d) == 0:
        raise CheckFailed("the direction is the zero vector")
    u = d / np.linalg.norm(d)
    fn = point_function(f, variables)
    h = 1e-5 * max(1.0, float(np.max(np.abs(p))))
    return (fn(list(p + h * u)) - fn(list(p - h * u))) / (2 * h)


@check()
def fd_hessian_nd(f: Any, variables: Sequence[Any], point: Sequence[Any]) -> np.ndarray:
    """Hessian of f at a point by second central differences (h = 1e-3), as a float matrix."""
    H = fd_hessian_at(point_function(f, variables), floats(point))
    if not np.all(np.isfinite(H)):
        raise CheckFailed("f is not defined near the point")
    return H


def fd_gradients(F: Any, P: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradients at each row of P, with steps h * max(1, |coordinate|)."""
    n = P.shape[1]
    G = np.empty_like(P)
    for i in range(n):
        step = h * np.maximum(1.0, np.abs(P[:, i]))
        E = np.zeros_like(P)
        E[:, i] = step
        G[:, i] = (F(P + E) - F(P - E)) / (2 * step)
    return G


def fd_hessians(F: Any, P: np.ndarray, h: float = 1e-3) -> np.ndarray:
    """Central-difference Hessians at each row of P (one n x n matrix per point)."""
    m, n = P.shape
    H = np.empty((m, n, n))
    f0 = F(P)
    for i in range(n):
        Ei = np.zeros(n)
        Ei[i] = h
        H[:, i, i] = (F(P + Ei) - 2 * f0 + F(P - Ei)) / (h * h)
        for j in range(i + 1, n):
            Ej = np.zeros(n)
            Ej[j] = h
            H[:, i, j] = H[:, j, i] = (F(P + Ei + Ej) - F(P + Ei - Ej) - F(P - Ei + Ej) + F(P - Ei - Ej)) / (4 * h * h)
    return H


@check()
def critical_points_match(f: Any, variables: Sequence[Any], points: Any, lo: Any, hi: Any) -> bool:
    """points are all critical points of f in [lo, hi]^n: Newton from a grid finds exactly these.

    Newton's method runs on the finite-difference gradient and Hessian of f, from a 7^n grid
    of starts (vectorised over the starts with NumPy).
    """
    variables = list(variables)
    n = len(variables)
    F = array_function(f, variables)
    key = [np.array(floats(p)) for p in points]
    a, b = to_float(lo), to_float(hi)
    offsets = np.linspace(a, b, 7) + 0.137  # off the lattice: avoids singular Hessians at symmetric points
    Z = np.array(np.meshgrid(*[offsets] * n)).reshape(n, -1).T.astype(float)
    with np.errstate(all="ignore"):
        for _ in range(40):
            G = fd_gradients(F, Z)
            H = fd_hessians(F, Z)
            ok = np.abs(np.linalg.det(H)) > 1e-12
            step = np.zeros_like(Z)
            step[ok] = np.linalg.solve(H[ok], G[ok][..., None])[..., 0]
            Z = Z - step
            Z[~np.isfinite(Z)] = 1e9
            if np.all((np.linalg.norm(step, axis=1) < 1e-9) | (np.abs(Z) > 1e6).any(axis=1)):
                break
        G = fd_gradients(F, Z)
    found: list[np.ndarray] = []
    inside = np.all((Z >= a - 1e-6) & (Z <= b + 1e-6), axis=1) & (np.linalg.norm(G, axis=1) < 1e-6)
    for z in Z[inside]:
        if not any(np.linalg.norm(z - q) < 1e-5 for q in found):
            found.append(z)
    if key:
        Gk = fd_gradients(F, np.array(key))
        for q, g in zip(key, Gk):
            if np.linalg.norm(g) > 1e-6:
                raise CheckFailed(f"the gradient does not vanish at {tuple(q)}")
    if len(found) != len(key) or not all(any(np.linalg.norm(q - z) < 1e-5 for z in found) for q in key):
        raise CheckFailed(f"Newton's method finds {[tuple(np.round(z, 6)) for z in found]}, key {[tuple(q) for q in key]}")
    return True


@check()
def classification_matches(f: Any, variables: Sequence[Any], point: Sequence[Any], flags: Sequence[Any]) -> bool:
    """flags = truths of (local min, local max, saddle, inconclusive) agree with the FD Hessian's eigenvalues.

    The Hessian comes from second central differences; NumPy's eigvalsh gives the signs.
    """
    H = fd_hessian_at(point_function(f, variables), floats(point))
    ev = np.linalg.eigvalsh((H + H.T) / 2)
    tol = 1e-4 * max(1.0, float(np.max(np.abs(ev))))
    if np.all(ev > tol):
        kind = 0
    elif np.all(ev < -tol):
        kind = 1
    elif np.min(ev) < -tol and np.max(ev) > tol:
        kind = 2
    else:
        kind = 3  # degenerate: the second-derivative test says nothing
    truths = [v for v in option_flags(flags)]
    expected = [i == kind for i in range(len(truths))]
    if truths != expected:
        raise CheckFailed(f"Hessian eigenvalues {ev} give class {kind}, key flags {truths}")
    return True


@check()
def tangent_plane_option(f: Any, variables: Sequence[Any], point: Sequence[Any], candidates: Sequence[Any],
                         flags: Sequence[Any]) -> bool:
    """Exactly the candidate z = g(x, y) flagged correct is tangent to f at the point (FD test).

    Tangent plane means: g is affine (zero second differences), has the value and the
    finite-difference partials of f at the point, and f - g shrinks like h^2 nearby.
    """
    variables = list(variables)
    fn = point_function(f, variables)
    p = floats(point)
    truths = [v for v in option_flags(flags)]
    f0, grad = fn(p), fd_gradient_at(fn, p)
    for cand, truth in zip(candidates, truths):
        gn = point_function(cand, variables)
        ok = math.isclose(gn(p), f0, rel_tol=1e-9, abs_tol=1e-9) and np.allclose(fd_gradient_at(gn, p), grad, atol=1e-5)
        # a plane: g is affine, so its second differences vanish at a few points
        for shift in ([0.3, -0.7], [-1.1, 0.4], [0.0, 0.0]):
            if np.max(np.abs(fd_hessian_at(gn, [p[0] + shift[0], p[1] + shift[1]], h=0.5))) > 1e-6:
                ok = False
        if ok:  # second order contact in two random directions
            for d in ([0.6, 0.8], [-0.28, 0.96]):
                errs = [abs(fn([p[0] + h * d[0], p[1] + h * d[1]]) - gn([p[0] + h * d[0], p[1] + h * d[1]]))
                        for h in (1e-2, 5e-3)]
                if errs[0] > 1e-12 and not errs[0] / max(errs[1], 1e-300) > 2.5:  # o(h): quadratic or better
                    ok = False
        if ok != truth:
            raise CheckFailed(f"candidate {cand}: tangent by finite differences {ok}, key says {truth}")
    return True


# ---------------------------------------------------------------- partials, Jacobians, steepest ascent,
# curves and regions (weeks 7-10 calculus templates)


def _usable_points(fn: Any, candidates: Sequence[Sequence[float]], h: float) -> list[list[float]]:
    """The candidate points where fn is finite at the point and at a small box around it."""
    out = []
    for p in candidates:
        box = [list(p)] + [[c + s * h * (i == j) for j, c in enumerate(p)] for i in range(len(p)) for s in (-2, 2)]
        if all(math.isfinite(fn(q)) for q in box):
            out.append(list(p))
    return out


# Points in the plane for checks of two-variable expressions: irrational-looking, spread over
# the four quadrants, with most of them in the first quadrant, where logarithms of positive
# combinations are defined.
PLANE_POINTS = ((0.83, 1.41), (1.37, 0.52), (2.17, 1.29), (0.61, 2.73), (-0.52, 1.83), (1.91, -0.37),
                (-1.37, -0.83), (0.29, 0.47))


@check()
def mixed_partial_matches(f: Any, fxy: Any, x: Any, y: Any) -> bool:
    """fxy is the mixed partial of f: compare with the four-point stencil of f itself at several points.

    (f(x+h, y+h) - f(x+h, y-h) - f(x-h, y+h) + f(x-h, y-h)) / 4h^2 at h = 2e-3 and 1e-3, combined
    by Richardson extrapolation (error of order h^4), so neither first partial of f is used: a key
    built from a wrong f_x cannot agree.
    """
    fn, gn = point_function(f, [x, y]), point_function(fxy, [x, y])

    def stencil(a: float, b: float, h: float) -> float:
        return (fn([a + h, b + h]) - fn([a + h, b - h]) - fn([a - h, b + h]) + fn([a - h, b - h])) / (4 * h * h)

    points = [p for p in _usable_points(fn, PLANE_POINTS, 2e-3) if math.isfinite(gn(p))]
    if len(points) < 3:
        raise CheckFailed("f or the key is undefined at most check points")
    for p in points:
        fd = (4 * stencil(*p, 1e-3) - stencil(*p, 2e-3)) / 3
        exact = gn(p)
        if not math.isclose(fd, exact, rel_tol=1e-6, abs_tol=1e-6):
            raise CheckFailed(f"mixed partial at {p}: finite difference {fd:.8g} vs key {exact:.8g}")
    return True


@check()
def partials_match_in_plane(f: Any, gradient: Sequence[Any], x: Any, y: Any) -> bool:
    """gradient = (f_x, f_y) as expressions: central differences of f at the plane's check points where f is defined."""
    fn = point_function(f, [x, y])
    points = _usable_points(fn, PLANE_POINTS, 1e-5)
    if len(points) < 3:
        raise CheckFailed("f is undefined at most check points")
    for p in points:
        partials_match(f, gradient, [x, y], p)
    return True


# Ways of moving from a point that the steepest-direction check knows.
SENSES = ("ascent", "descent")


@check(strings_ok=True)
def steepest_matches(f: Any, variables: Sequence[Any], point: Sequence[Any], sense: Any, direction: Sequence[Any],
                     rate: Any, n: Any = 3600) -> bool:
    """direction (a unit vector) and rate are those of steepest ascent or descent of f(x, y) at point.

    Scans n unit directions around the circle, takes the central-difference directional
    derivative in each (vectorised) and picks the largest (ascent) or smallest (descent); the
    key's direction must be within the scan's angular resolution of the best one and its rate
    equal to the best rate (the scan's error is of order (pi/n)^2).
    """
    if str(sense) not in SENSES:
        raise CheckFailed(f"unknown sense {sense!r}; the senses are {', '.join(SENSES)}")
    variables = list(variables)
    if len(variables) != 2:
        raise CheckFailed("steepest_matches() scans directions in the plane: two variables")
    count = int(n)
    F = array_function(f, variables)
    p = np.array(floats(point))
    theta = 2 * math.pi * np.arange(count) / count
    U = np.column_stack([np.cos(theta), np.sin(theta)])
    h = 1e-5 * max(1.0, float(np.max(np.abs(p))))
    rates = (F(p + h * U) - F(p - h * U)) / (2 * h)
    if not np.all(np.isfinite(rates)):
        raise CheckFailed(f"f is not defined around {tuple(p)}")
    best = int(np.argmax(rates) if str(sense) == "ascent" else np.argmin(rates))
    u = np.array(floats(direction))
    if abs(np.linalg.norm(u) - 1) > 1e-9:
        raise CheckFailed(f"the key's direction {tuple(u)} is not a unit vector")
    if np.linalg.norm(u - U[best]) > 2 * math.pi / count:
        raise CheckFailed(f"steepest {sense} by scanning: {tuple(U[best])}; key {tuple(u)}")
    r = to_float(rate)
    if not math.isclose(r, float(rates[best]), rel_tol=1e-5, abs_tol=1e-7):
        raise CheckFailed(f"steepest {sense} rate by scanning {rates[best]:.8g}; key {r:.8g}")
    return True


@check()
def composite_partial(f: Any, outer: Sequence[Any], inner: Sequence[Any], variables: Sequence[Any],
                      point: Sequence[Any], index: Any = 0) -> float:
    """Partial derivative of f(inner_1, ..., inner_k) with respect to variables[index] at point.

    The composite is evaluated in floats, inner functions first and f on their values, and
    differentiated by a central difference (h = 1e-5): no symbolic substitution and no chain rule.
    """
    outer, inner, variables = list(outer), list(inner), list(variables)
    if len(outer) != len(inner):
        raise CheckFailed("one inner function for each variable of f")
    fn = point_function(f, outer)
    inner_fns = [point_function(g, variables) for g in inner]
    p = floats(point)
    i = int(index)
    if not 0 <= i < len(variables) or len(p) != len(variables):
        raise CheckFailed("the point and the index must fit the inner variables")

    def composite(q: list[float]) -> float:
        return fn([g(q) for g in inner_fns])

    h = 1e-5 * max(1.0, abs(p[i]))
    up, down = list(p), list(p)
    up[i] += h
    down[i] -= h
    value = (composite(up) - composite(down)) / (2 * h)
    if not math.isfinite(value):
        raise CheckFailed(f"the composite is not defined near {tuple(p)}")
    return value


@check()
def fd_descent_signs(f: Any, variables: Sequence[Any], point: Sequence[Any]) -> np.ndarray:
    """The signs (+1, -1) of the components of -grad f at point, from central differences.

    Each component must be clearly away from 0, so the direction a descent step moves each
    coordinate is decided.
    """
    g = fd_gradient_at(point_function(f, list(variables)), floats(point))
    if not np.all(np.isfinite(g)) or np.any(np.abs(g) < 1e-6):
        raise CheckFailed(f"a component of the gradient {g} is (nearly) 0: no direction is decided")
    return -np.sign(g)


@check()
def fd_jacobian_nd(F: Sequence[Any], variables: Sequence[Any], point: Sequence[Any]) -> np.ndarray:
    """Jacobian matrix (row i: the gradient of F_i) at a point, by central finite differences (h = 1e-5)."""
    p = floats(point)
    J = np.array([fd_gradient_at(point_function(Fi, list(variables)), p) for Fi in F])
    if not np.all(np.isfinite(J)):
        raise CheckFailed(f"F is not defined near {p}")
    return J


@check()
def linear_estimate(f: Any, variables: Sequence[Any], point: Sequence[Any], step: Sequence[Any]) -> float:
    """f(P) + grad f(P) . step, with the gradient from central differences: the tangent-plane estimate of f(P + step)."""
    p, d = floats(point), floats(step)
    fn = point_function(f, list(variables))
    value = fn(p) + float(np.dot(fd_gradient_at(fn, p), d))
    if not math.isfinite(value):
        raise CheckFailed(f"f is not defined near {p}")
    return value
