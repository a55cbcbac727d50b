"""Optimisation: extrema on a grid, golden-section search, gradient descent run in floats, convexity, MLE.

Extrema come from dense NumPy grids refined locally; gradient descent is iterated with
finite-difference gradients; convexity from finite-difference Hessians and Jensen's inequality
on random pairs; maximum-likelihood estimates by golden-section search on a NumPy log-likelihood.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..api import CheckFailed, array_function, check, float_function, option_flags, to_float
from .multivariable import fd_gradient_at, fd_gradients, fd_hessians, floats, point_function


@check()
def grid_extrema(f: Any, x: Any, lo: Any, hi: Any, n: Any = 20_000) -> list[float]:
    """[max, argmax, min, argmin] of f on [lo, hi]: a NumPy grid of n steps, refined around the best grid points."""
    fn = array_function(f, [x])
    a, b, steps = to_float(lo), to_float(hi), int(n)
    if not (a < b and 100 <= steps <= 1_000_000):
        raise CheckFailed("grid_extrema() needs lo < hi and 100 <= n <= 1e6")
    xs = np.linspace(a, b, steps + 1)
    ys = fn(xs)
    if not np.all(np.isfinite(ys)):
        raise CheckFailed("f is undefined somewhere on the interval")
    step = (b - a) / steps
    out: list[float] = []
    for pick in (np.argmax, np.argmin):
        i = int(pick(ys))
        fine = np.linspace(max(a, xs[i] - step), min(b, xs[i] + step), 2001)
        fy = fn(fine)
        j = int(pick(fy))
        out += [float(fy[j]), float(fine[j])]
    return out


def _gd(f: Any, variables: Sequence[Any], start: Sequence[Any], eta: Any, steps: int) -> list[np.ndarray]:
    fn = point_function(f, variables)
    z = np.array(floats(start), dtype=float)
    e = to_float(eta)
    path = []
    for _ in range(steps):
        z = z - e * fd_gradient_at(fn, list(z), h=1e-4)
        path.append(z.copy())
    return path


@check()
def gd_float_iterate(f: Any, variables: Sequence[Any], start: Sequence[Any], eta: Any, steps: Any) -> np.ndarray:
    """The point after `steps` steps x <- x - eta grad f(x), in floats with finite-difference gradients."""
    k = int(steps)
    if not 1 <= k <= 1000:
        raise CheckFailed("steps must be 1..1000")
    return _gd(f, variables, start, eta, k)[-1]


@check()
def gd_float_path(f: Any, variables: Sequence[Any], start: Sequence[Any], eta: Any, steps: Any) -> np.ndarray:
    """All iterates x_1 .. x_steps of gradient descent (finite-difference gradients), one row each."""
    k = int(steps)
    if not 1 <= k <= 1000:
        raise CheckFailed("steps must be 1..1000")
    return np.array(_gd(f, variables, start, eta, k))


@check()
def gd_convergence_matches(f: Any, variables: Sequence[Any], start: Sequence[Any], eta: Any, claim: Any) -> bool:
    """claim (true/false) that gradient descent with step eta converges agrees with simulated steps.

    Runs up to 300 steps (finite-difference gradients) from the start and from two shifted
    starts at once and reads off the geometric growth rate of the step lengths.
    """
    variables = list(variables)
    F = array_function(f, variables)
    e = to_float(eta)
    z0 = np.array(floats(start), dtype=float)
    Z = np.array([z0, z0 + 1.37, z0 - 0.83])
    lengths = []
    verdict = None
    with np.errstate(all="ignore"):
        for _ in range(300):
            step = e * fd_gradients(F, Z, h=1e-4)
            Z = Z - step
            size = float(np.max(np.linalg.norm(step, axis=1)))
            lengths.append(size)
            if not np.all(np.isfinite(Z)) or np.max(np.abs(Z)) > 1e9:
                verdict = False
                break
            if size <= 1e-9 * lengths[0] or size < 1e-13 * (1 + float(np.max(np.abs(Z)))):
                verdict = True
                break
    if verdict is None:
        tail = np.array(lengths[-60:])
        rate = (tail[-1] / tail[0]) ** (1 / (len(tail) - 1))
        if abs(rate - 1) < 1e-3:
            raise CheckFailed(f"gradient descent with eta = {e} neither settles nor blows up clearly (rate {rate})")
        verdict = bool(rate < 1)
    if verdict != option_flags([claim])[0]:
        raise CheckFailed(f"simulated gradient descent converges: {verdict}; key {claim}")
    return True


@check()
def golden_argmax(f: Any, x: Any, lo: Any, hi: Any) -> float:
    """Maximiser of f on [lo, hi] by a 200-point scan then golden-section search."""
    fn = float_function(f, [x])
    a, b = to_float(lo), to_float(hi)
    grid = np.linspace(a, b, 201)
    vals = [fn(float(t)) for t in grid]
    vals = [v if math.isfinite(v) else -math.inf for v in vals]
    i = int(np.argmax(vals))
    a, b = grid[max(i - 1, 0)], grid[min(i + 1, 200)]
    return _golden(lambda t: fn(t), a, b)


def _golden(fn, a: float, b: float) -> float:
    r = (math.sqrt(5) - 1) / 2
    c, d = b - r * (b - a), a + r * (b - a)
    fc, fd = fn(c), fn(d)
    for _ in range(200):
        if abs(b - a) < 1e-11 * max(1.0, abs(a)):
            break
        if fc > fd:
            b, d, fd = d, c, fc
            c = b - r * (b - a)
            fc = fn(c)
        else:
            a, c, fc = c, d, fd
            d = a + r * (b - a)
            fd = fn(d)
    return (a + b) / 2


# Families of maximum-likelihood questions by name, with the parameter estimated.
FAMILIES = {"bernoulli": "p", "poisson": "lambda", "exponential": "rate lambda", "normal_mean": "mu (sigma = 1)"}


def _loglik(family: str, data: np.ndarray, theta: float) -> float:
    if family == "bernoulli":
        if not 0 < theta < 1:
            return -math.inf
        return float(np.sum(data * np.log(theta) + (1 - data) * np.log(1 - theta)))
    if family == "poisson":
        if theta <= 0:
            return -math.inf
        return float(np.sum(data * np.log(theta) - theta - _lgamma1(data)))
    if family == "exponential":
        if theta <= 0:
            return -math.inf
        return float(np.sum(np.log(theta) - theta * data))
    if family == "normal_mean":
        return float(np.sum(-0.5 * np.log(2 * np.pi) - 0.5 * (data - theta) ** 2))
    raise CheckFailed(f"unknown family {family!r}; the families are {', '.join(FAMILIES)}")


@check(strings_ok=True)
def mle_numeric(family: Any, data: Sequence[Any], lo: Any, hi: Any) -> float:
    """MLE by golden-section search on a NumPy log-likelihood; family from FAMILIES (bernoulli, poisson, exponential, normal_mean)."""
    fam = str(family)
    if fam not in FAMILIES:
        raise CheckFailed(f"unknown family {family!r}; the families are {', '.join(FAMILIES)}")
    arr = np.array(floats(list(data)))
    a, b = to_float(lo), to_float(hi)
    grid = np.linspace(a, b, 121)[1:-1]
    vals = [_loglik(fam, arr, float(t)) for t in grid]
    i = int(np.argmax(vals))
    left, right = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    best = _golden(lambda t: _loglik(fam, arr, t), left, right)
    # a maximum, not a minimum: the log-likelihood is lower on both sides
    h = 1e-3 * max(1.0, abs(best))
    if not (_loglik(fam, arr, best - h) < _loglik(fam, arr, best) > _loglik(fam, arr, best + h)):
        raise CheckFailed(f"no interior maximum of the log-likelihood near {best}")
    return best


@check(needs_rng=True)
def convexity_matches(rng: np.random.Generator, f: Any, variables: Sequence[Any], lo: Any, hi: Any, claim: Any) -> bool:
    """claim (f convex) agrees with FD Hessian eigenvalues on a grid over [lo, hi]^n and Jensen on random pairs."""
    variables = list(variables)
    F = array_function(f, variables)
    a, b = to_float(lo), to_float(hi)
    n = len(variables)
    grid = np.linspace(a, b, 9) + 0.0137
    P = np.array(np.meshgrid(*[grid] * n)).reshape(n, -1).T
    H = fd_hessians(F, P)
    worst = float(np.min(np.linalg.eigvalsh((H + np.transpose(H, (0, 2, 1))) / 2)))
    U, V = rng.uniform(a, b, size=(400, n)), rng.uniform(a, b, size=(400, n))
    t = rng.uniform(0.1, 0.9, size=400)
    mid = F(t[:, None] * U + (1 - t[:, None]) * V)
    chord = t * F(U) + (1 - t) * F(V)
    jensen_violation = float(np.max((mid - chord) / np.maximum(1.0, np.abs(chord))))
    convex = worst > -1e-3
    if convex and jensen_violation > 1e-9:
        raise CheckFailed(f"Hessians look positive semidefinite (min eigenvalue {worst:.3g}) but Jensen fails")
    if option_flags([claim])[0] != convex or (not convex and worst > -0.05):
        raise CheckFailed(f"smallest Hessian eigenvalue on the grid {worst:.4g}; key says convex = {claim}")
    return True


_lgamma1 = np.vectorize(lambda k: math.lgamma(k + 1.0))


# ---------------------------------------------------------------- Newton's method (bank-calc1)


@check()
def newton_float(f: Any, x: Any, x0: Any, steps: Any) -> list[float]:
    """The iterates x_1 .. x_steps of Newton's method x <- x - f(x)/f'(x), in floats with a central-difference f'."""
    fn = float_function(f, [x])
    k = int(steps)
    if not 1 <= k <= 50:
        raise CheckFailed("steps must be 1..50")
    z, out = to_float(x0), []
    for _ in range(k):
        h = 1e-5 * max(1.0, abs(z))
        slope = (fn(z + h) - fn(z - h)) / (2 * h)
        if not math.isfinite(slope) or slope == 0:
            raise CheckFailed(f"f' vanishes or is undefined at {z:.6g}")
        z = z - fn(z) / slope
        out.append(z)
    return out


# The losses of a constant prediction c for data x_i with weights w_i (the macros' CONSTANT_LOSSES;
# checks never import macros, so the names are repeated here).
CONSTANT_LOSSES = ("squared", "absolute", "max", "zero_one")


@check(strings_ok=True)
def np_best_constant(values: Sequence[Any], weights: Sequence[Any], loss: Any) -> float:
    """The constant c minimising a loss over the data (loss from CONSTANT_LOSSES: sum of w(x - c)^2,
    sum of w|x - c|, max |x - c|, or the total weight of the x_i != c), by brute force: a NumPy grid
    over [min, max] refined three times (good to about 1e-7 of the spread: below that a flat minimum
    hides in rounding); for the zero-one loss the candidates are the data values themselves."""
    name = str(loss)
    if name not in CONSTANT_LOSSES:
        raise CheckFailed(f"unknown loss {loss!r}; use one of {', '.join(CONSTANT_LOSSES)}")
    x = np.array([to_float(v) for v in values])
    w = np.array([to_float(v) for v in weights])
    if x.shape != w.shape or x.size == 0:
        raise CheckFailed("np_best_constant() needs one weight per value")

    def total(c: np.ndarray) -> np.ndarray:
        gaps = x[None, :] - c[:, None]
        if name == "squared":
            return (w * gaps**2).sum(axis=1)
        if name == "absolute":
            return (w * np.abs(gaps)).sum(axis=1)
        return np.abs(gaps).max(axis=1)

    if name == "zero_one":
        candidates = np.unique(x)
        costs = np.array([w[x != c].sum() for c in candidates])
        return float(candidates[int(np.argmin(costs))])
    lo, hi = float(x.min()), float(x.max())
    for _ in range(4):
        grid = np.linspace(lo, hi, 1001)
        best = int(np.argmin(total(grid)))
        step = grid[1] - grid[0]
        lo, hi = grid[best] - step, grid[best] + step
    return float((lo + hi) / 2)


# ---------------------------------------------------------------- constrained extrema along a curve
# (Lagrange multipliers): the constraint is parametrised and f is scanned along it.


def _along_curve(f: Any, variables: Sequence[Any], curve: Sequence[Any], s: Any) -> Any:
    """g(S) = f(curve(S)) for an array of parameter values S, in floats."""
    F = array_function(f, list(variables))
    parts = [array_function(c, [s]) for c in curve]
    if len(parts) != len(list(variables)):
        raise CheckFailed("the curve needs one coordinate function for each variable of f")

    def g(S: np.ndarray) -> np.ndarray:
        S = np.atleast_1d(np.asarray(S, dtype=float))
        return F(np.column_stack([np.broadcast_to(c(S), S.shape) for c in parts]))

    return g, parts


def _refine(g: Any, a: float, b: float, sign: float) -> float:
    """The parameter in [a, b] where sign * g is largest: a 401-point grid, then the vertex of the
    parabola through the best grid point and its neighbours (two vectorised evaluations)."""
    S = np.linspace(a, b, 401)
    V = sign * g(S)
    j = int(np.argmax(V))
    if j in (0, len(S) - 1):
        return float(S[j])
    left, mid, right = V[j - 1], V[j], V[j + 1]
    curvature = left - 2 * mid + right
    shift = 0.5 * (left - right) / curvature if curvature < 0 else 0.0
    return float(S[j] + shift * (S[1] - S[0]))


def _local_extrema(g: Any, lo: float, hi: float, n: int, closed: bool) -> list[float]:
    """Parameters of the strict local extrema of g on a grid of n steps, each refined."""
    S = np.linspace(lo, hi, n + 1)
    V = g(S)
    if not np.all(np.isfinite(V)):
        raise CheckFailed("f is undefined somewhere along the curve")
    if closed:  # the grid wraps around: drop the repeated end point
        S, V = S[:-1], V[:-1]
        left, right = np.roll(V, 1), np.roll(V, -1)
    else:
        left, right = np.r_[V[0], V[:-1]], np.r_[V[1:], V[-1]]
    step = (hi - lo) / n
    inside = np.ones(len(S), dtype=bool)
    if not closed:  # the ends of an open stretch are never interior extrema
        inside[[0, -1]] = False
    candidates = [(int(i), sign) for sign in (1.0, -1.0)
                  for i in np.flatnonzero(inside & (sign * V > sign * left) & (sign * V >= sign * right))]
    if len(candidates) > 40:
        raise CheckFailed(f"f has {len(candidates)} local extrema along the curve: is it constant there?")
    return [_refine(g, S[i] - step, S[i] + step, sign) for i, sign in candidates]


# Which extremes of f along a curve a check reports.
EXTREMES = ("both", "max", "min")


@check(strings_ok=True)
def curve_extremes(f: Any, variables: Sequence[Any], curve: Sequence[Any], s: Any, lo: Any, hi: Any,
                   want: Any = "both", closed: Any = True) -> np.ndarray:
    """The maximum and/or minimum (`want`: both, max, min) of f along s -> curve(s), lo <= s <= hi.

    A 20 000-step scan, each extreme refined on a finer grid and by a parabola through the best points. On an open curve (a
    stretch of a line) an extreme reached at an end of the stretch is not attained inside it:
    asking for it is an error.
    """
    if str(want) not in EXTREMES:
        raise CheckFailed(f"want must be one of {', '.join(EXTREMES)}, not {want!r}")
    g, _ = _along_curve(f, variables, curve, s)
    a, b = to_float(lo), to_float(hi)
    S = np.linspace(a, b, 20_001)
    V = g(S)
    if not np.all(np.isfinite(V)):
        raise CheckFailed("f is undefined somewhere along the curve")
    out = []
    for name, sign, pick in (("max", 1.0, np.argmax), ("min", -1.0, np.argmin)):
        if str(want) not in ("both", name):
            continue
        i = int(pick(V))
        if i in (0, len(S) - 1):
            if not closed:
                raise CheckFailed(f"the {name} along the scanned stretch is at its end: not attained inside")
            out.append(float(V[i]))
            continue
        t = _refine(g, S[i - 1], S[i + 1], sign)
        out.append(float(g(np.array([t]))[0]))
    return np.array(out)


@check()
def curve_critical_points_match(f: Any, variables: Sequence[Any], curve: Sequence[Any], s: Any, lo: Any, hi: Any,
                                points: Any, closed: Any = True) -> bool:
    """points are exactly the points of the curve where f, restricted to it, has a local extremum.

    For a smooth constraint these are the solutions of the Lagrange conditions (none of our
    families has a degenerate one). f(curve(s)) is scanned on 20 000 steps; every strict local
    extremum is refined (finer grid and parabola) and mapped back to a point of the plane.
    """
    g, parts = _along_curve(f, variables, curve, s)
    params = _local_extrema(g, to_float(lo), to_float(hi), 20_000, bool(closed))
    found: list[np.ndarray] = []
    for t in params:
        p = np.array([float(c(np.array([t]))[0]) for c in parts])
        if not any(np.linalg.norm(p - q) < 1e-5 for q in found):
            found.append(p)
    key = [np.array(floats(p)) for p in points]
    if len(found) != len(key) or not all(any(np.linalg.norm(q - z) < 1e-5 for z in found) for q in key):
        raise CheckFailed(f"scanning the curve finds {[tuple(np.round(z, 6)) for z in found]}, "
                          f"key {[tuple(q) for q in key]}")
    return True


@check()
def lagrange_multiplier_at(f: Any, g: Any, variables: Sequence[Any], point: Sequence[Any]) -> float:
    """lambda with grad f = lambda grad g at point, from finite-difference gradients (least squares).

    Raises when the two gradients are not parallel there, i.e. the point is not a solution of
    the Lagrange conditions.
    """
    p = floats(point)
    gf = fd_gradient_at(point_function(f, list(variables)), p)
    gg = fd_gradient_at(point_function(g, list(variables)), p)
    if np.linalg.norm(gg) < 1e-9:
        raise CheckFailed(f"the constraint's gradient vanishes at {tuple(p)}")
    lam = float(np.dot(gf, gg) / np.dot(gg, gg))
    if np.linalg.norm(gf - lam * gg) > 1e-5 * max(1.0, float(np.linalg.norm(gf))):
        raise CheckFailed(f"grad f = {gf} is not parallel to grad g = {gg} at {tuple(p)}")
    return lam


@check()
def box_extrema(f: Any, variables: Sequence[Any], lows: Sequence[Any], highs: Sequence[Any]) -> np.ndarray:
    """[maximum, minimum] of f(x, y) on the rectangle lows <= (x, y) <= highs, by zooming grids.

    A 101 x 101 grid, then six rounds of a 21 x 21 grid around the best point so far (clamped
    to the rectangle), each five times finer: accurate to about 1e-10 for smooth f.
    """
    variables = list(variables)
    if len(variables) != 2:
        raise CheckFailed("box_extrema() scans rectangles: two variables")
    F = array_function(f, variables)
    lo, hi = np.array(floats(lows)), np.array(floats(highs))
    if not np.all(lo < hi):
        raise CheckFailed("box_extrema() needs lows < highs")

    def grid(a: np.ndarray, b: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        X, Y = np.meshgrid(np.linspace(a[0], b[0], n), np.linspace(a[1], b[1], n))
        P = np.column_stack([X.ravel(), Y.ravel()])
        V = F(P)
        if not np.all(np.isfinite(V)):
            raise CheckFailed("f is undefined somewhere on the rectangle")
        return P, V

    P0, V0 = grid(lo, hi, 101)
    out = []
    for sign in (1.0, -1.0):
        P, V, a, b, n = P0, V0, lo, hi, 101
        for _ in range(6):
            best = P[int(np.argmax(sign * V))]
            step = (b - a) / (n - 1)
            a, b, n = np.maximum(lo, best - 2 * step), np.minimum(hi, best + 2 * step), 21
            P, V = grid(a, b, n)
        out.append(float(np.max(sign * V) * sign))
    return np.array(out)


# How gradient descent with a fixed step behaves near the minimiser of a quadratic, by class.
GD_BEHAVIOURS = ("converges without overshooting", "converges, overshooting", "bounces forever", "diverges")


@check()
def gd_behaviour_matches(f: Any, variables: Sequence[Any], start: Sequence[Any], minimiser: Sequence[Any],
                         eta: Any, flags: Sequence[Any]) -> bool:
    """The option marked correct is the class (GD_BEHAVIOURS order) of simulated gradient descent.

    Runs 200 steps x <- x - eta grad f(x) with finite-difference gradients and watches the error
    e_k = x_k - minimiser coordinate by coordinate: a sign change of any coordinate is an
    overshoot; the error shrinking below 1 % of its start is convergence, staying within 1e-6 of
    its size is bouncing, growing past 1e6 times is divergence.
    """
    fn = point_function(f, list(variables))
    z = np.array(floats(start), dtype=float)
    m = np.array(floats(minimiser), dtype=float)
    e0 = np.abs(z - m)
    if np.any(e0 == 0):
        raise CheckFailed("start every coordinate away from the minimiser")
    step = to_float(eta)
    signs = np.sign(z - m)
    overshoot = False
    for _ in range(200):
        z = z - step * fd_gradient_at(fn, list(z), h=1e-4)
        err = z - m
        visible = np.abs(err) > 1e-8 * e0  # below that, finite-difference rounding flips signs
        overshoot |= bool(np.any((np.sign(err) * signs < 0) & visible))
        if np.max(np.abs(err) / e0) > 1e6 or np.max(np.abs(err) / e0) < 1e-3:
            break  # diverged, or converged (an overshoot shows at the first steps of a coordinate)
    ratio = float(np.max(np.abs(z - m) / e0))
    if ratio > 1e6:
        kind = 3
    elif ratio < 1e-2:
        kind = 1 if overshoot else 0
    elif abs(ratio - 1) < 1e-6:
        kind = 2
    else:
        raise CheckFailed(f"after 200 steps the error is {ratio:.3g} of its start: no clear behaviour")
    marks = option_flags(flags)
    if marks != [i == kind for i in range(len(marks))]:
        raise CheckFailed(f"simulated gradient descent {GD_BEHAVIOURS[kind]}; the key marks {marks}")
    return True


@check()
def gd_best_step_matches(f: Any, variables: Sequence[Any], start: Sequence[Any], eta: Any) -> bool:
    """eta gives faster convergence than 5 % smaller or larger steps (observed contraction per step).

    The rate is the geometric mean shrink factor of the step length over the last (at most ten)
    simulated steps from the same start, stopping at the first step shorter than 1e-10 of the
    first one (at most 60 steps); a step that lands on the minimiser exactly gives rate 0.
    """
    fn = point_function(f, list(variables))
    z0 = np.array(floats(start), dtype=float)

    def rate(step: float) -> float:
        z = z0.copy()
        sizes = []
        for _ in range(60):
            move = step * fd_gradient_at(fn, list(z), h=1e-4)
            z = z - move
            sizes.append(float(np.linalg.norm(move)))
            if sizes[-1] <= 1e-10 * sizes[0]:
                break
        if len(sizes) < 2 or sizes[0] == 0:
            raise CheckFailed("gradient descent does not move from the start")
        first = max(0, len(sizes) - 11)  # the last ten steps: the slowest direction dominates by then
        return (sizes[-1] / sizes[first]) ** (1 / (len(sizes) - 1 - first))

    e = to_float(eta)
    best, lower, upper = rate(e), rate(0.95 * e), rate(1.05 * e)
    if not (best < lower and best < upper):
        raise CheckFailed(f"contraction per step {best:.4g} at the key's step, {lower:.4g} and {upper:.4g} at +-5 %")
    return True


@check()
def gd_step_interval_matches(f: Any, variables: Sequence[Any], start: Sequence[Any], interval: Any) -> bool:
    """interval = (0, eta_max) is the set of learning rates for which simulated gradient descent converges.

    Simulates gradient descent (finite-difference gradients, one start) at 10 % below and above
    eta_max and at half of it; the left end must be 0 and both ends open.
    """
    if not isinstance(interval, sympy.Interval) or interval.start != 0 or not (interval.left_open and interval.right_open):
        raise CheckFailed(f"expected an open interval (0, eta_max), got {interval}")
    top = to_float(interval.end)
    fn = point_function(f, list(variables))
    z0 = np.array(floats(start), dtype=float)
    for factor, converges in ((0.5, True), (0.9, True), (1.1, False)):
        if _descends(fn, z0, factor * top) != converges:
            raise CheckFailed(f"gradient descent with eta = {factor * top:.6g} {'diverges' if converges else 'converges'}, "
                              f"against the interval {interval}")
    return True


def _descends(fn: Any, z0: np.ndarray, eta: float, steps: int = 400) -> bool:
    """Whether gradient descent from z0 with step eta settles (steps shrink below 1e-3 of the first:
    True) or blows up (steps grow past 1e3 times the first: False), in floats."""
    z = z0.copy()
    first = None
    for _ in range(steps):
        move = eta * fd_gradient_at(fn, list(z), h=1e-4)
        z = z - move
        size = float(np.linalg.norm(move))
        first = first if first is not None else size
        if not np.all(np.isfinite(z)) or size > 1e3 * max(first, 1e-300):
            return False
        if size <= 1e-3 * first:
            return True
    raise CheckFailed(f"gradient descent with eta = {eta:.6g} neither settles nor blows up in {steps} steps")


@check()
def fd_newton_step(f: Any, x: Any, x0: Any) -> float:
    """x0 - f'(x0) / f''(x0) with both derivatives from central differences of f (h = 1e-4, 1e-3)."""
    fn = float_function(f, [x])
    p = to_float(x0)
    h1, h2 = 1e-5 * max(1.0, abs(p)), 1e-3 * max(1.0, abs(p))
    d1 = (fn(p + h1) - fn(p - h1)) / (2 * h1)
    d2 = (fn(p + h2) - 2 * fn(p) + fn(p - h2)) / (h2 * h2)
    if not (math.isfinite(d1) and math.isfinite(d2)) or abs(d2) < 1e-9:
        raise CheckFailed(f"f'' vanishes or f is undefined near {p}: no Newton step")
    return p - d1 / d2


@check()
def momentum_float_path(f: Any, variables: Sequence[Any], start: Sequence[Any], eta: Any, beta: Any,
                        steps: Any) -> np.ndarray:
    """Iterates x_1 .. x_steps of gradient descent with momentum, v <- beta v + grad f(x), x <- x - eta v (v_0 = 0).

    Floats and finite-difference gradients; one row per iterate.
    """
    k = int(steps)
    if not 1 <= k <= 1000:
        raise CheckFailed("steps must be 1..1000")
    fn = point_function(f, list(variables))
    z = np.array(floats(start), dtype=float)
    v = np.zeros_like(z)
    e, b = to_float(eta), to_float(beta)
    path = []
    for _ in range(k):
        v = b * v + fd_gradient_at(fn, list(z), h=1e-4)
        z = z - e * v
        path.append(z.copy())
    return np.array(path)
