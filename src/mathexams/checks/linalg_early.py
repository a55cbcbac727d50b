"""Independent checks used mainly by the linear algebra templates of weeks 1-6.

Each recomputes a key by a different route from the SymPy expression that produced it:
NumPy arithmetic, geometric formulas (complex numbers for rotations, the shoelace formula
for areas), brute-force enumeration (walks in a graph), trying operations on NumPy arrays
(shapes) or simulation (Markov chains).
"""

from __future__ import annotations

import itertools
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import to_float
from ..api import CheckFailed
from ..api import agrees
from ..api import check
from .generic import as_array


def _arr(value: Any) -> np.ndarray:
    """as_array with a fast path for matrices of integers and rationals (float() per entry)."""
    if isinstance(value, sympy.MatrixBase):
        try:
            return np.array(value.tolist(), dtype=float)
        except (TypeError, ValueError):
            pass
    return as_array(value)


def _vec(v: Any) -> np.ndarray:
    return _arr(v).reshape(-1)


def _flag(f: Any) -> bool:
    """An option's truth value as the sampler hands it over (None for a distractor)."""
    return False if f is None else bool(f)


# ------------------------------------------------------------------ vectors


@check()
def np_combination(coeffs: Sequence[Any], vectors: Sequence[Any]) -> np.ndarray:
    """sum c_i v_i computed with NumPy arrays."""
    if len(coeffs) != len(vectors) or not vectors:
        raise CheckFailed("np_combination() needs as many coefficients as vectors")
    total = np.zeros_like(_vec(vectors[0]))
    for c, v in zip(coeffs, vectors):
        total = total + to_float(c) * _vec(v)
    return total


@check()
def np_angle(u: Any, v: Any) -> float:
    """Angle between u and v in radians, by numpy.arccos of the normalised dot product."""
    a, b = _vec(u), _vec(v)
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na < 1e-12 or nb < 1e-12:
        raise CheckFailed("the angle with a zero vector is undefined")
    return float(np.arccos(np.clip(a @ b / (na * nb), -1.0, 1.0)))


@check()
def projection_parts_match(u: Any, v: Any, p: Any, r: Any) -> bool:
    """p is parallel to v, r is orthogonal to v and p + r = u (NumPy), so p = proj_v u."""
    a, b, pp, rr = _vec(u), _vec(v), _vec(p), _vec(r)
    if not (a.shape == b.shape == pp.shape == rr.shape):
        raise CheckFailed("vectors of different sizes")
    if not np.allclose(pp + rr, a, atol=1e-9):
        raise CheckFailed(f"p + r = {pp + rr} is not u = {a}")
    if abs(rr @ b) > 1e-9:
        raise CheckFailed(f"r . v = {rr @ b:.3g}, not 0")
    # p parallel to v: the 2 x n matrix [p; v] has rank <= 1
    if np.linalg.matrix_rank(np.vstack([pp, b]), tol=1e-9) > 1:
        raise CheckFailed(f"p = {pp} is not a multiple of v = {b}")
    return True


@check()
def np_cosine(u: Any, v: Any) -> float:
    """Cosine similarity u.v / (|u| |v|) by NumPy."""
    a, b = _vec(u), _vec(v)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@check()
def np_distance(u: Any, v: Any) -> float:
    """Euclidean distance |u - v| by NumPy."""
    return float(np.linalg.norm(_vec(u) - _vec(v)))


@check()
def most_similar_matches(q: Any, docs: Sequence[Any], flags: Sequence[Any]) -> bool:
    """Exactly the document with the largest cosine similarity to q (NumPy) is flagged correct."""
    cos = [np_cosine(q, d) for d in docs]
    if len(flags) != len(docs):
        raise CheckFailed("one flag per document is needed")
    best = int(np.argmax(cos))
    if sorted(cos)[-1] - sorted(cos)[-2] < 1e-9:
        raise CheckFailed(f"cosine similarities tie: {cos}")
    marked = [k for k, f in enumerate(flags) if _flag(f)]
    if marked != [best]:
        raise CheckFailed(f"NumPy cosines {np.round(cos, 4)} pick option {best}, key marks {marked}")
    return True


# ------------------------------------------------------------------ matrix structure

STRUCTURE_ORDER = ("square", "diagonal", "upper", "lower", "symmetric", "identity")


@check()
def structure_flags_match(A: Any, flags: Sequence[Any]) -> bool:
    """flags = (square, diagonal, upper triangular, lower triangular, symmetric, identity), recomputed with numpy.triu/tril."""
    a = _arr(A)
    if a.ndim != 2:
        raise CheckFailed("structure_flags_match() needs a matrix")
    sq = a.shape[0] == a.shape[1]
    truth = {
        "square": sq,
        "upper": sq and np.array_equal(a, np.triu(a)),
        "lower": sq and np.array_equal(a, np.tril(a)),
        "symmetric": sq and np.array_equal(a, a.T),
        "identity": sq and np.array_equal(a, np.eye(a.shape[0])),
    }
    truth["diagonal"] = truth["upper"] and truth["lower"]
    if len(flags) != len(STRUCTURE_ORDER):
        raise CheckFailed(f"expected {len(STRUCTURE_ORDER)} flags in the order {STRUCTURE_ORDER}")
    for name, f in zip(STRUCTURE_ORDER, flags):
        if bool(truth[name]) != _flag(f):
            raise CheckFailed(f"{name}: NumPy says {truth[name]}, key says {_flag(f)}")
    return True


# ------------------------------------------------------------------ products and shapes


def _eval_shape_expr(expr: str, arrays: dict[str, np.ndarray]) -> tuple[int, ...] | None:
    """Evaluate a sum of products like 'AB^T + C' on NumPy arrays; None if NumPy refuses."""
    try:
        total = None
        for term in expr.replace(" ", "").split("+"):
            value = None
            k = 0
            while k < len(term):
                m = arrays[term[k]]
                if term.startswith("^T", k + 1):
                    m = m.T
                    k += 3
                else:
                    k += 1
                value = m if value is None else value @ m
            total = value if total is None else total + value
        return tuple(total.shape)
    except ValueError:
        return None


# this check reads expressions such as "AB^T + C" as text
@check(needs_rng=True, strings_ok=True)
def shape_claims_match(rng: np.random.Generator, exprs: Sequence[Any], shapes: Sequence[Any],
                       claims: Sequence[Any], flags: Sequence[Any]) -> bool:
    """Claim "expr is defined with shape claim" is true exactly when flagged: try it on random NumPy arrays."""
    dims = [(int(r), int(c)) for r, c in shapes]
    if any(d < 2 for s in dims for d in s):
        raise CheckFailed("sizes of 1 would let NumPy broadcast; use sizes >= 2")
    arrays = {name: rng.standard_normal(s) for name, s in zip("ABCD", dims)}
    if not (len(exprs) == len(claims) == len(flags)):
        raise CheckFailed("one claim and one flag per expression are needed")
    for expr, claim, f in zip(exprs, claims, flags):
        got = _eval_shape_expr(str(expr), arrays)
        truth = got is not None and got == tuple(int(c) for c in claim)
        if truth != _flag(f):
            raise CheckFailed(f"{expr}: NumPy gives shape {got}, claim {tuple(claim)}, key says {_flag(f)}")
    return True


@check()
def commutes_matches(A: Any, B: Any, flag: Any) -> bool:
    """flag says whether AB = BA, as NumPy's products show."""
    a, b = _arr(A), _arr(B)
    truth = bool(np.allclose(a @ b, b @ a, atol=1e-9))
    if truth != _flag(flag):
        raise CheckFailed(f"NumPy says AB = BA is {truth}, key says {_flag(flag)}")
    return True


# ------------------------------------------------------------------ data: Markov chains and graphs


@check()
def np_markov(P: Any, p0: Any, steps: Any) -> np.ndarray:
    """Distribution after `steps` steps of p_{k+1} = P p_k (column-stochastic P), by NumPy."""
    T, p = _arr(P), _vec(p0)
    for _ in range(int(steps)):
        p = T @ p
    return p


@check(needs_rng=True, simulation=True)
def markov_simulation_matches(rng: np.random.Generator, P: Any, p0: Any, steps: Any, pk: Any,
                              n: Any = 100_000) -> bool:
    """Simulate n chains with column-stochastic P from p0; each state's share after `steps` agrees with pk.

    False alarm: about 6.3e-5 per state, so at most 3.2e-4 per question (up to five states).
    """
    T, start, target = _arr(P), _vec(p0), _vec(pk)
    size, s = int(n), int(steps)
    if not np.allclose(T.sum(axis=0), 1) or not np.isclose(start.sum(), 1) or np.any(T < 0):
        raise CheckFailed("P must be column-stochastic and p0 a distribution")
    # The chains are exchangeable, so moving the n_j chains in state j with one multinomial draw
    # over column j is the same simulation as moving them one by one.
    counts = rng.multinomial(size, start / start.sum())
    for _ in range(s):
        nxt = np.zeros_like(counts)
        for j, nj in enumerate(counts):
            if nj:
                col = T[:, j] / T[:, j].sum()
                nxt += rng.multinomial(nj, col)
        counts = nxt
    for state, (share, p) in enumerate(zip(counts / size, target)):
        agrees(float(share), float(p), n=size, what=f"share of chains in state {state + 1} after {s} step(s)")
    return True


@check()
def count_walks(A: Any, i: Any, j: Any, k: Any) -> int:
    """Number of walks with k edges from node i to node j (0-based), by enumerating every vertex sequence."""
    a = _arr(A)
    n, length = a.shape[0], int(k)
    if length < 1 or n ** (length - 1) > 10**6:
        raise CheckFailed("walk enumeration too large")
    count = 0
    for middle in itertools.product(range(n), repeat=length - 1):
        path = (int(i), *middle, int(j))
        if all(a[path[t], path[t + 1]] for t in range(length)):
            count += 1
    return count


# ------------------------------------------------------------------ choices


@check()
def choice_matches(flags: Sequence[Any], values: Sequence[Any], reference: Any, tol: Any = 1e-6) -> bool:
    """Exactly one option is flagged, its value equals the independently computed reference and no other does."""
    ref = to_float(reference)
    if len(flags) != len(values):
        raise CheckFailed("one value per option is needed")
    marked = [k for k, f in enumerate(flags) if _flag(f)]
    near = [k for k, v in enumerate(values) if abs(to_float(v) - ref) <= float(tol) * max(1.0, abs(ref))]
    if len(marked) != 1 or marked != near:
        raise CheckFailed(f"reference {ref:.10g}: key marks options {marked}, values close to it: {near}")
    return True


@check()
def sign_matches(x: Any, flag: Any) -> bool:
    """flag is true exactly when x > 0 (x computed independently and far from 0)."""
    v = to_float(x)
    if abs(v) < 1e-9:
        raise CheckFailed("the sign of a value this close to 0 is not decided")
    if (v > 0) != _flag(flag):
        raise CheckFailed(f"value {v:.6g} but key says positive = {_flag(flag)}")
    return True


# ------------------------------------------------------------------ plane geometry


@check()
def np_transform(code: Any, k: Any, points: Any) -> np.ndarray:
    """Apply plane map `code` (as in transformation_matrix) to points (a vector or a 2 x N array of columns) geometrically."""
    given = _arr(points)
    pts = given.reshape(2, 1) if given.ndim == 1 else given
    if pts.shape[0] != 2:
        raise CheckFailed("points must be 2-vectors (columns)")
    c, kk = int(code), to_float(k)
    z = pts[0] + 1j * pts[1]
    if c in (1, 2, 3):           # rotation: multiply by e^{i theta}
        w = z * np.exp(1j * c * np.pi / 2)
    elif c in (4, 5, 6, 7):      # reflection across the line at angle phi: e^{2 i phi} conj(z)
        phi = {4: 0.0, 5: np.pi / 2, 6: np.pi / 4, 7: -np.pi / 4}[c]
        w = np.exp(2j * phi) * np.conj(z)
    elif c == 8:
        w = kk * z.real + 1j * z.imag
    elif c == 9:
        w = z.real + 1j * kk * z.imag
    elif c == 10:
        w = (z.real + kk * z.imag) + 1j * z.imag
    elif c == 11:
        w = z.real + 1j * (z.imag + kk * z.real)
    else:
        raise CheckFailed(f"unknown transformation code {code}")
    out = np.vstack([w.real, w.imag])
    return out.reshape(-1) if given.ndim == 1 else out


@check()
def np_apply(A: Any, points: Sequence[Any]) -> list:
    """The images A p of a list of points, each computed with NumPy."""
    a = _arr(A)
    return [a @ _vec(p) for p in points]


@check()
def np_shoelace(points: Sequence[Any]) -> float:
    """Signed area of the polygon with these vertices in order (shoelace formula; > 0 counter-clockwise)."""
    pts = np.array([_vec(p) for p in points], dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 2 or len(pts) < 3:
        raise CheckFailed("np_shoelace() needs at least three points in the plane")
    x, y = pts[:, 0], pts[:, 1]
    return float(0.5 * (x @ np.roll(y, -1) - y @ np.roll(x, -1)))
