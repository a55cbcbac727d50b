"""Optimisation: extrema on a grid, golden-section search, gradient descent run in floats, convexity, MLE.

Extrema come from dense NumPy grids refined locally; gradient descent is iterated with
finite-difference gradients; convexity from finite-difference Hessians and Jensen's inequality
on random pairs; maximum-likelihood estimates by golden-section search on a NumPy log-likelihood.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

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


# The losses of a constant prediction c for data x_i with weights w_i.
CONSTANT_LOSSES = ("squared", "absolute", "max")


@check(strings_ok=True)
def np_best_constant(values: Sequence[Any], weights: Sequence[Any], loss: Any) -> float:
    """The constant c minimising a loss over the data (loss from CONSTANT_LOSSES: sum of w(x - c)^2,
    sum of w|x - c|, or max |x - c|), by brute force: a NumPy grid over [min, max] refined three times
    (good to about 1e-7 of the spread: below that a flat minimum hides in rounding)."""
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

    lo, hi = float(x.min()), float(x.max())
    for _ in range(4):
        grid = np.linspace(lo, hi, 1001)
        best = int(np.argmin(total(grid)))
        step = grid[1] - grid[0]
        lo, hi = grid[best] - step, grid[best] + step
    return float((lo + hi) / 2)
