"""Independent checks used mainly by the calculus templates of weeks 7-10 and the integrated weeks 11-12 problems.

None of these calls SymPy's calculus or solvers: gradients, directional derivatives and
Hessians come from central finite differences of the function itself; critical points from
Newton's method started on a grid; gradient descent is iterated in floating point with
finite-difference gradients; maximum-likelihood estimates by golden-section search on a
log-likelihood written with NumPy; Markov chains by power iteration and simulation;
least squares by `numpy.linalg.lstsq`; k-means by a NumPy implementation.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import to_sympy
from ..api import bisect, float_function, to_float
from ..api import CheckFailed
from ..api import share_agrees
from ..api import check
from .generic import as_array


def _floats(values: Any) -> list[float]:
    if isinstance(values, sympy.MatrixBase):
        return [to_float(v) for v in values]
    if isinstance(values, (list, tuple, sympy.Tuple)):
        return [to_float(v) for v in values]
    return [to_float(values)]


def _fn(f: Any, variables: Sequence[Any]):
    variables = list(variables)
    g = float_function(f, variables)
    return lambda p: g(*p)


def _fd_grad(fn, p: Sequence[float], h: float = 1e-5) -> np.ndarray:
    out = []
    for i in range(len(p)):
        step = h * max(1.0, abs(p[i]))
        up, down = list(p), list(p)
        up[i] += step
        down[i] -= step
        out.append((fn(up) - fn(down)) / (2 * step))
    return np.array(out)


def _fd_hess(fn, p: Sequence[float], h: float = 1e-3) -> np.ndarray:
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
            pp[i] += h; pp[j] += h
            pm[i] += h; pm[j] -= h
            mp[i] -= h; mp[j] += h
            mm[i] -= h; mm[j] -= h
            H[i, j] = H[j, i] = (fn(pp) - fn(pm) - fn(mp) + fn(mm)) / (4 * h * h)
    return H


def _truth(flag: Any) -> bool:
    if flag is None:
        return False
    if isinstance(flag, (bool, np.bool_)):
        return bool(flag)
    if flag is sympy.true or flag is sympy.false:
        return bool(flag)
    raise CheckFailed(f"expected a truth value, got {flag!r}")


# --- multivariable calculus by finite differences ----------------------------------------


@check()
def fd_gradient_nd(f: Any, variables: Sequence[Any], point: Sequence[Any]) -> np.ndarray:
    """Gradient of f at a point by central finite differences (h = 1e-5), as floats."""
    p = _floats(point)
    g = _fd_grad(_fn(f, variables), p)
    if not np.all(np.isfinite(g)):
        raise CheckFailed(f"f is not defined near {p}")
    return g


@check()
def fd_directional_nd(f: Any, variables: Sequence[Any], point: Sequence[Any], direction: Sequence[Any]) -> float:
    """Directional derivative (f(P + h u) - f(P - h u)) / 2h along the unit vector u of `direction`."""
    p, d = np.array(_floats(point)), np.array(_floats(direction))
    if np.linalg.norm(d) == 0:
        raise CheckFailed("the direction is the zero vector")
    u = d / np.linalg.norm(d)
    fn = _fn(f, variables)
    h = 1e-5 * max(1.0, float(np.max(np.abs(p))))
    return (fn(list(p + h * u)) - fn(list(p - h * u))) / (2 * h)


@check()
def fd_hessian_nd(f: Any, variables: Sequence[Any], point: Sequence[Any]) -> np.ndarray:
    """Hessian of f at a point by second central differences (h = 1e-3), as a float matrix."""
    H = _fd_hess(_fn(f, variables), _floats(point))
    if not np.all(np.isfinite(H)):
        raise CheckFailed("f is not defined near the point")
    return H


_NP_UNARY = {sympy.exp: np.exp, sympy.log: np.log, sympy.sin: np.sin, sympy.cos: np.cos,
             sympy.tan: np.tan, sympy.tanh: np.tanh, sympy.Abs: np.abs, sympy.sqrt: np.sqrt}


def _np_compile(expr: Any, index: dict[Any, int]):
    """A closure evaluating a SymPy expression on a (points x n) float array with NumPy ufuncs.

    Covers sums, products, powers and the common elementary functions; raises ValueError
    for anything else (the caller then falls back to point-by-point evaluation).
    """
    if expr.is_Symbol:
        if expr not in index:
            raise ValueError(f"free symbol {expr}")
        i = index[expr]
        return lambda P: P[:, i]
    if expr.is_Number or expr.is_NumberSymbol:
        value = float(expr)
        return lambda P: value
    if expr.is_Add or expr.is_Mul:
        parts = [_np_compile(a, index) for a in expr.args]
        if expr.is_Add:
            def add(P: np.ndarray) -> np.ndarray:
                out = parts[0](P)
                for q in parts[1:]:
                    out = out + q(P)
                return out
            return add

        def mul(P: np.ndarray) -> np.ndarray:
            out = parts[0](P)
            for q in parts[1:]:
                out = out * q(P)
            return out
        return mul
    if expr.is_Pow:
        base, e = _np_compile(expr.base, index), _np_compile(expr.exp, index)
        if expr.exp.is_Integer:
            k = int(expr.exp)
            return lambda P: base(P) ** k if k >= 0 else 1.0 / base(P) ** (-k)
        return lambda P: np.power(base(P), e(P))
    if expr.func in _NP_UNARY and len(expr.args) == 1:
        fn, arg = _NP_UNARY[expr.func], _np_compile(expr.args[0], index)
        return lambda P: fn(arg(P))
    raise ValueError(f"cannot vectorise {expr.func}")


def _vector_fn(f: Any, variables: Sequence[Any]):
    """f as a function of a (points x n) float array, vectorised with NumPy when possible."""
    variables = list(variables)
    try:
        compiled = _np_compile(to_sympy(f), {v: i for i, v in enumerate(variables)})
    except (ValueError, TypeError, AttributeError):
        scalar = _fn(f, variables)
        return lambda P: np.array([scalar(list(p)) for p in P])

    def evaluate(P: np.ndarray) -> np.ndarray:
        P = np.asarray(P, dtype=float)
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(compiled(P), dtype=float), (P.shape[0],))

    return evaluate


def _fd_grad_many(F, P: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradients at each row of P, with steps h * max(1, |coordinate|)."""
    n = P.shape[1]
    G = np.empty_like(P)
    for i in range(n):
        step = h * np.maximum(1.0, np.abs(P[:, i]))
        E = np.zeros_like(P)
        E[:, i] = step
        G[:, i] = (F(P + E) - F(P - E)) / (2 * step)
    return G


def _fd_hess_many(F, P: np.ndarray, h: float = 1e-3) -> np.ndarray:
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
    F = _vector_fn(f, variables)
    key = [np.array(_floats(p)) for p in points]
    a, b = to_float(lo), to_float(hi)
    offsets = np.linspace(a, b, 7) + 0.137  # off the lattice: avoids singular Hessians at symmetric points
    Z = np.array(np.meshgrid(*[offsets] * n)).reshape(n, -1).T.astype(float)
    with np.errstate(all="ignore"):
        for _ in range(40):
            G = _fd_grad_many(F, Z)
            H = _fd_hess_many(F, Z)
            ok = np.abs(np.linalg.det(H)) > 1e-12
            step = np.zeros_like(Z)
            step[ok] = np.linalg.solve(H[ok], G[ok][..., None])[..., 0]
            Z = Z - step
            Z[~np.isfinite(Z)] = 1e9
            if np.all((np.linalg.norm(step, axis=1) < 1e-9) | (np.abs(Z) > 1e6).any(axis=1)):
                break
        G = _fd_grad_many(F, Z)
    found: list[np.ndarray] = []
    inside = np.all((Z >= a - 1e-6) & (Z <= b + 1e-6), axis=1) & (np.linalg.norm(G, axis=1) < 1e-6)
    for z in Z[inside]:
        if not any(np.linalg.norm(z - q) < 1e-5 for q in found):
            found.append(z)
    if key:
        Gk = _fd_grad_many(F, np.array(key))
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
    H = _fd_hess(_fn(f, variables), _floats(point))
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
    truths = [_truth(v) for v in flags]
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
    fn = _fn(f, variables)
    p = _floats(point)
    truths = [_truth(v) for v in flags]
    f0, grad = fn(p), _fd_grad(fn, p)
    for cand, truth in zip(candidates, truths):
        gn = _fn(cand, variables)
        ok = math.isclose(gn(p), f0, rel_tol=1e-9, abs_tol=1e-9) and np.allclose(_fd_grad(gn, p), grad, atol=1e-5)
        # a plane: g is affine, so its second differences vanish at a few points
        for shift in ([0.3, -0.7], [-1.1, 0.4], [0.0, 0.0]):
            if np.max(np.abs(_fd_hess(gn, [p[0] + shift[0], p[1] + shift[1]], h=0.5))) > 1e-6:
                ok = False
        if ok:  # second order contact in two random directions
            for d in ([0.6, 0.8], [-0.28, 0.96]):
                errs = [abs(fn([p[0] + h * d[0], p[1] + h * d[1]]) - gn([p[0] + h * d[0], p[1] + h * d[1]]))
                        for h in (1e-2, 5e-3)]
                if errs[0] > 1e-12 and not 2.5 < errs[0] / max(errs[1], 1e-300) < 6:
                    ok = False
        if ok != truth:
            raise CheckFailed(f"candidate {cand}: tangent by finite differences {ok}, key says {truth}")
    return True


@check()
def single_option_equals(values: Sequence[Any], flags: Sequence[Any], target: Any, tol: Any = 1e-9) -> bool:
    """The option flagged correct, and no other option, equals the independently computed target."""
    t = to_float(target)
    truths = [_truth(v) for v in flags]
    if len(truths) != len(values):
        raise CheckFailed("options and flags differ in number")
    for v, truth in zip(values, truths):
        hit = math.isclose(to_float(v), t, rel_tol=1e-9, abs_tol=float(tol))
        if hit != truth:
            raise CheckFailed(f"option {v} {'equals' if hit else 'differs from'} the target {t:.10g} but is flagged {truth}")
    return True


# --- optimisation -------------------------------------------------------------------------


def _gd(f: Any, variables: Sequence[Any], start: Sequence[Any], eta: Any, steps: int) -> list[np.ndarray]:
    fn = _fn(f, variables)
    z = np.array(_floats(start), dtype=float)
    e = to_float(eta)
    path = []
    for _ in range(steps):
        z = z - e * _fd_grad(fn, list(z), h=1e-4)
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
    F = _vector_fn(f, variables)
    e = to_float(eta)
    z0 = np.array(_floats(start), dtype=float)
    Z = np.array([z0, z0 + 1.37, z0 - 0.83])
    lengths = []
    verdict = None
    with np.errstate(all="ignore"):
        for _ in range(300):
            step = e * _fd_grad_many(F, Z, h=1e-4)
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
    if verdict != _truth(claim):
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


_FAMILIES = {1: "Bernoulli p", 2: "Poisson lambda", 3: "exponential rate lambda", 4: "normal mean mu (sigma = 1)"}


_lgamma1 = np.vectorize(lambda k: math.lgamma(k + 1.0))


def _loglik(family: int, data: np.ndarray, theta: float) -> float:
    if family == 1:
        if not 0 < theta < 1:
            return -math.inf
        return float(np.sum(data * np.log(theta) + (1 - data) * np.log(1 - theta)))
    if family == 2:
        if theta <= 0:
            return -math.inf
        return float(np.sum(data * np.log(theta) - theta - _lgamma1(data)))
    if family == 3:
        if theta <= 0:
            return -math.inf
        return float(np.sum(np.log(theta) - theta * data))
    if family == 4:
        return float(np.sum(-0.5 * np.log(2 * np.pi) - 0.5 * (data - theta) ** 2))
    raise CheckFailed(f"unknown family {family}; use {_FAMILIES}")


@check()
def mle_numeric(family: Any, data: Sequence[Any], lo: Any, hi: Any) -> float:
    """MLE by golden-section search on a NumPy log-likelihood (1 Bernoulli, 2 Poisson, 3 exponential, 4 normal mean)."""
    fam = int(family)
    arr = np.array(_floats(list(data)))
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
    F = _vector_fn(f, variables)
    a, b = to_float(lo), to_float(hi)
    n = len(variables)
    grid = np.linspace(a, b, 9) + 0.0137
    P = np.array(np.meshgrid(*[grid] * n)).reshape(n, -1).T
    H = _fd_hess_many(F, P)
    worst = float(np.min(np.linalg.eigvalsh((H + np.transpose(H, (0, 2, 1))) / 2)))
    U, V = rng.uniform(a, b, size=(400, n)), rng.uniform(a, b, size=(400, n))
    t = rng.uniform(0.1, 0.9, size=400)
    mid = F(t[:, None] * U + (1 - t[:, None]) * V)
    chord = t * F(U) + (1 - t) * F(V)
    jensen_violation = float(np.max((mid - chord) / np.maximum(1.0, np.abs(chord))))
    convex = worst > -1e-3
    if convex and jensen_violation > 1e-9:
        raise CheckFailed(f"Hessians look positive semidefinite (min eigenvalue {worst:.3g}) but Jensen fails")
    if _truth(claim) != convex or (not convex and worst > -0.05):
        raise CheckFailed(f"smallest Hessian eigenvalue on the grid {worst:.4g}; key says convex = {claim}")
    return True


_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(24)


@check()
def quad_vectorised(f: Any, x: Any, a: Any, b: Any, panels: Any = 16) -> float:
    """Composite 24-point Gauss-Legendre quadrature of f over [a, b], evaluated in one NumPy pass."""
    F = _vector_fn(f, [x])
    lo, hi = to_float(a), to_float(b)
    edges = np.linspace(lo, hi, int(panels) + 1)
    mids, halves = (edges[:-1] + edges[1:]) / 2, (edges[1:] - edges[:-1]) / 2
    nodes = (mids[:, None] + halves[:, None] * _GL_NODES[None, :]).reshape(-1, 1)
    values = F(nodes).reshape(len(mids), -1)
    result = float(np.sum(halves * (values @ _GL_WEIGHTS)))
    if not math.isfinite(result):
        raise CheckFailed(f"f is not finite on [{lo}, {hi}]")
    return result


@check()
def bisection_root(f: Any, x: Any, lo: Any, hi: Any) -> float:
    """The root of f in [lo, hi] by bisection (f must change sign on the interval)."""
    try:
        return bisect(float_function(f, [x]), to_float(lo), to_float(hi))
    except ValueError as exc:
        raise CheckFailed(f"f does not change sign: {exc}") from None


# --- Markov chains ------------------------------------------------------------------------


def _stochastic(P: Any) -> np.ndarray:
    M = as_array(P)
    if M.ndim != 2 or M.shape[0] != M.shape[1] or np.any(M < 0) or not np.allclose(M.sum(axis=1), 1):
        raise CheckFailed("not a row-stochastic square matrix")
    return M


@check()
def markov_stationary_power(P: Any, steps: Any = 2000) -> np.ndarray:
    """Stationary distribution of a row-stochastic P by power iteration pi <- pi P from uniform."""
    M = _stochastic(P)
    pi = np.full(M.shape[0], 1.0 / M.shape[0])
    for _ in range(int(steps)):
        nxt = pi @ M
        if np.max(np.abs(nxt - pi)) < 1e-15:
            pi = nxt
            break
        pi = nxt
    return pi


@check()
def markov_return_time_np(P: Any, state: Any) -> float:
    """Mean return time to `state` (0-based) by first-step analysis: solve h = 1 + Q h in NumPy.

    h_j is the mean time to hit the state from j != state (Q = P without the state's row and
    column); the return time is 1 + sum_k P[state, k] h_k. Independent of pi and Kac's formula.
    """
    M = _stochastic(P)
    s = int(state)
    others = [k for k in range(M.shape[0]) if k != s]
    Q = M[np.ix_(others, others)]
    h = np.linalg.solve(np.eye(len(others)) - Q, np.ones(len(others)))
    return float(1 + M[s, others] @ h)


# --- least squares --------------------------------------------------------------------------


@check()
def ls_line_coefficients(xs: Sequence[Any], ys: Sequence[Any], intercept: Any = 1) -> np.ndarray:
    """Least-squares coefficients by numpy.linalg.lstsq: [b, w] for y ~ b + w x, or [w] for y ~ w x."""
    x, y = np.array(_floats(list(xs))), np.array(_floats(list(ys)))
    X = np.column_stack([np.ones_like(x), x]) if int(intercept) else x[:, None]
    return np.linalg.lstsq(X, y, rcond=None)[0]


@check()
def ls_predict_np(xs: Sequence[Any], ys: Sequence[Any], x0: Any) -> float:
    """Prediction at x0 of the least-squares line fitted by numpy.polyfit (degree 1)."""
    x, y = np.array(_floats(list(xs))), np.array(_floats(list(ys)))
    return float(np.polyval(np.polyfit(x, y, 1), to_float(x0)))


@check()
def ls_r_squared_np(xs: Sequence[Any], ys: Sequence[Any]) -> float:
    """R^2 of the least-squares line as the squared Pearson correlation (numpy.corrcoef)."""
    x, y = np.array(_floats(list(xs))), np.array(_floats(list(ys)))
    return float(np.corrcoef(x, y)[0, 1] ** 2)


@check()
def ls_residual_sd_np(xs: Sequence[Any], ys: Sequence[Any], ddof: Any = 2) -> float:
    """sqrt(SSE / (n - ddof)) of the least-squares line fitted by numpy.polyfit."""
    x, y = np.array(_floats(list(xs))), np.array(_floats(list(ys)))
    resid = y - np.polyval(np.polyfit(x, y, 1), x)
    return float(math.sqrt(np.sum(resid**2) / (len(x) - int(ddof))))


# --- k-means -------------------------------------------------------------------------------


def _kmeans(points: Any, centroids: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = as_array([list(p) for p in points])
    C = as_array([list(c) for c in centroids])
    d = np.linalg.norm(X[:, None, :] - C[None, :, :], axis=2)
    srt = np.sort(d, axis=1)
    if np.any(srt[:, 1] - srt[:, 0] < 1e-9):
        raise CheckFailed("a point is equidistant from two centroids")
    labels = np.argmin(d, axis=1)
    new = np.array([X[labels == j].mean(axis=0) for j in range(len(C))])
    return X, labels, new


@check()
def kmeans_assignment_matches(points: Any, centroids: Any, members: Any) -> bool:
    """members = 1-based numbers of the points nearest the first centroid (NumPy distances)."""
    _, labels, _ = _kmeans(points, centroids)
    got = sorted(int(i) + 1 for i in np.flatnonzero(labels == 0))
    key = sorted(int(v) for v in members)
    if got != key:
        raise CheckFailed(f"NumPy assigns {got} to the first centroid, key {key}")
    return True


@check()
def kmeans_centroids_np(points: Any, centroids: Any) -> np.ndarray:
    """Centroids after one k-means step (assign to the nearest, average), one row per cluster."""
    return _kmeans(points, centroids)[2]


@check()
def kmeans_sse_np(points: Any, centroids: Any) -> float:
    """Within-cluster sum of squares after one k-means step (old assignment, new centroids)."""
    X, labels, new = _kmeans(points, centroids)
    return float(np.sum((X - new[labels]) ** 2))


@check()
def kmeans_reassign_matches(points: Any, centroids: Any, claim: Any) -> bool:
    """claim says a second assignment step (with the updated centroids) moves at least one point."""
    X, labels, new = _kmeans(points, centroids)
    _, again, _ = _kmeans(points, new)
    moved = bool(np.any(again != labels))
    if moved != _truth(claim):
        raise CheckFailed(f"NumPy re-assignment moves a point: {moved}; key {claim}")
    return True


# --- Gaussian class-conditional models ----------------------------------------------------


@check()
def gaussian_posterior_np(x0: Any, mu0: Any, mu1: Any, sigma: Any, p1: Any) -> float:
    """P(class 1 | x0) from the two normal densities and the prior p1 (Bayes' rule in NumPy)."""
    x, m0, m1, s, p = (to_float(v) for v in (x0, mu0, mu1, sigma, p1))
    dens = lambda m: math.exp(-((x - m) ** 2) / (2 * s * s)) / (s * math.sqrt(2 * math.pi))
    num = p * dens(m1)
    return num / (num + (1 - p) * dens(m0))


def _weighted_densities(x: np.ndarray, m0: float, m1: float, s: float, p: float) -> tuple[np.ndarray, np.ndarray]:
    c = 1 / (s * math.sqrt(2 * math.pi))
    return (1 - p) * c * np.exp(-((x - m0) ** 2) / (2 * s * s)), p * c * np.exp(-((x - m1) ** 2) / (2 * s * s))


@check()
def gaussian_threshold_np(mu0: Any, mu1: Any, sigma: Any, p1: Any) -> float:
    """Point between mu0 - 10 sigma and mu1 + 10 sigma where the prior-weighted normal densities are equal (bisection)."""
    m0, m1, s, p = (to_float(v) for v in (mu0, mu1, sigma, p1))
    diff = lambda t: float(np.subtract(*_weighted_densities(np.array([t]), m0, m1, s, p)[::-1])[0])
    try:
        return bisect(diff, min(m0, m1) - 10 * s, max(m0, m1) + 10 * s)
    except ValueError:
        raise CheckFailed("the weighted densities do not cross between the means") from None


@check()
def gaussian_rule_error_np(mu0: Any, mu1: Any, sigma: Any, p1: Any, t: Any) -> float:
    """Error probability of 'class 1 iff x > t' by Gauss-Legendre quadrature of the weighted densities."""
    m0, m1, s, p, thr = (to_float(v) for v in (mu0, mu1, sigma, p1, t))
    total = 0.0
    for lo, hi, cls in ((thr, m0 + 14 * s, 0), (m1 - 14 * s, thr, 1)):
        if hi <= lo:
            continue
        edges = np.linspace(lo, hi, 33)
        mids, halves = (edges[:-1] + edges[1:]) / 2, (edges[1:] - edges[:-1]) / 2
        nodes = mids[:, None] + halves[:, None] * _GL_NODES[None, :]
        dens = _weighted_densities(nodes, m0, m1, s, p)[cls]
        total += float(np.sum(halves * (dens @ _GL_WEIGHTS)))
    return total


@check(needs_rng=True, simulation=True)
def threshold_error_simulation(rng: np.random.Generator, mu0: Any, mu1: Any, sigma: Any, p1: Any, t: Any,
                               error: Any, n: Any = 200_000) -> bool:
    """The share of n simulated labelled points misclassified by 'class 1 iff x > t' agrees with `error`.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    m0, m1, s, p, thr = (to_float(v) for v in (mu0, mu1, sigma, p1, t))
    size = min(int(n), 200_000)
    labels = rng.random(size) < p
    x = np.where(labels, m1, m0) + s * rng.standard_normal(size)
    share_agrees((x > thr) != labels, error, "misclassification rate")
    return True
