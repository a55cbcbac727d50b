"""Eigenvalues and spectra, checked with NumPy: eigenpairs, eigenvalues of powers and shifts, PCA shares."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..api import CheckFailed, Record, as_matrix, check, float_function, to_float, to_fraction
from .comparisons import as_array, vector_of


@check()
def np_eigvals(A: Any, power: Any = 1, shift: Any = 0) -> np.ndarray:
    """Eigenvalues of A**power + shift*I by NumPy (power -1: the inverse), sorted; complex ones by real then imaginary part."""
    a = as_array(A)
    k = int(power)
    if k != 1 or to_float(shift) != 0:
        a = (np.linalg.inv(a) if k == -1 else np.linalg.matrix_power(a, k)) + to_float(shift) * np.eye(a.shape[0])
    vals = np.linalg.eigvals(a)
    if np.max(np.abs(vals.imag)) < 1e-9:
        return np.sort(vals.real)
    return np.sort_complex(vals)


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


@check()
def simple_eigenvalue_matches(A: Any, lam: Any) -> bool:
    """lam is an eigenvalue of A whose eigenspace is one-dimensional: rank(A - lam I) = n - 1 by NumPy's SVD."""
    a = as_array(A)
    n = a.shape[0]
    r = int(np.linalg.matrix_rank(a - to_float(lam) * np.eye(n), tol=1e-8))
    if r != n - 1:
        raise CheckFailed(f"rank(A - {lam} I) = {r}, not {n - 1}")
    return True


def _eigvalsh_desc(S: Any) -> np.ndarray:
    a = as_array(S)
    if not np.allclose(a, a.T):
        raise CheckFailed("the covariance matrix is not symmetric")
    return np.sort(np.linalg.eigvalsh(a))[::-1]


@check()
def np_pca_share(S: Any, k: Any) -> float:
    """Share of total variance explained by the first k principal components (NumPy eigvalsh of the covariance S)."""
    lam = _eigvalsh_desc(S)
    return float(np.sum(lam[: int(k)]) / np.sum(lam))


@check()
def np_pca_components(S: Any, share: Any) -> int:
    """Smallest number of principal components of S (NumPy eigvalsh, cumsum) reaching at least `share` of the variance."""
    lam = _eigvalsh_desc(S)
    cum = np.cumsum(lam) / np.sum(lam)
    return int(np.argmax(cum >= to_float(share) - 1e-12) + 1)


@check()
def np_spectrum_share(values: Sequence[Any], k: Any) -> float:
    """Share of the total of a spectrum held by its k largest values (NumPy sort and cumsum)."""
    v = np.sort(np.array([to_float(x) for x in values]))[::-1]
    return float(np.cumsum(v)[int(k) - 1] / np.sum(v)) if int(k) > 0 else 0.0


@check()
def np_spectrum_components(values: Sequence[Any], share: Any) -> int:
    """Smallest k whose k largest integer values hold at least `share` (e.g. 9/10) of the total (NumPy cumsum, exact)."""
    v = np.sort(np.array([int(x) for x in values], dtype=np.int64))[::-1]
    cum = np.cumsum(v)
    p = to_fraction(share)
    ok = cum * p.denominator >= p.numerator * int(np.sum(v))
    return int(np.argmax(ok) + 1)


# ---------------------------------------------------------------- PCA of a data table (weeks 11-12, bank-review)


class PcaFit(Record):
    """PCA of standardised data by SVD: component variances (largest first), the first loading
    vector (unit length, first non-zero entry positive) and every observation's first-PC score."""

    variances: list
    loading: list
    scores: list


@check()
def np_pca_svd(columns: Sequence[Sequence[Any]], ddof: Any = 1) -> PcaFit:
    """Standardise each column (SD with divisor n - ddof) and take NumPy's SVD of the data matrix:
    the component variances are s_k^2 / (n - ddof), the first right singular vector is the loading
    and U[:, 0] s_0 the scores; no covariance matrix or eigen-solver is involved."""
    X = np.array([[to_float(v) for v in col] for col in columns]).T
    n = X.shape[0]
    if X.ndim != 2 or n < 3 or X.shape[1] < 2:
        raise CheckFailed("np_pca_svd() needs at least two columns of at least three values")
    sd = X.std(axis=0, ddof=int(ddof))
    if np.any(sd == 0):
        raise CheckFailed("a column is constant: it cannot be standardised")
    Z = (X - X.mean(axis=0)) / sd
    u, s, vt = np.linalg.svd(Z, full_matrices=False)
    v = vt[0]
    lead = v[np.flatnonzero(np.abs(v) > 1e-12)[0]]
    sign = 1.0 if lead > 0 else -1.0
    return PcaFit([float(x) for x in s**2 / (n - int(ddof))], [float(x) for x in sign * v],
                  [float(x) for x in sign * u[:, 0] * s[0]])
# ---------------------------------------------------------------------------------------------
# Weeks 7-10: characteristic polynomials, eigenpair candidates, symmetric spectra, PCA and SVD,
# all recomputed with NumPy (np.poly, eigh, svd, a scan of the unit circle), never with SymPy.
# ---------------------------------------------------------------------------------------------

CHARPOLY_CONVENTIONS = ("A_minus_t", "t_minus_A")   # det(A - t I) or det(t I - A)


@check(strings_ok=True)
def charpoly_matches(A: Any, poly: Any, t: Any, convention: Any = "t_minus_A") -> bool:
    """poly(t) is det(A - t I) or det(t I - A) (convention): compared with numpy.poly's coefficients at 7 points."""
    if convention not in CHARPOLY_CONVENTIONS:
        raise CheckFailed(f"unknown convention {convention!r}; use one of {', '.join(CHARPOLY_CONVENTIONS)}")
    a = as_array(A)
    coeffs = np.poly(a) * (1.0 if convention == "t_minus_A" else (-1.0) ** a.shape[0])
    f = float_function(poly, [t])
    for x in (-3.5, -2.0, -0.5, 0.0, 1.25, 2.5, 4.0):
        want, got = float(np.polyval(coeffs, x)), f(x)
        if not abs(want - got) <= 1e-7 * max(1.0, abs(want)):
            raise CheckFailed(f"at {x} the polynomial is {got}, numpy.poly gives {want}")
    return True


@check()
def np_is_eigenvector(A: Any, v: Any) -> bool:
    """Whether v is an eigenvector of A: the n x 2 matrix [v, A v] has rank 1 (NumPy SVD)."""
    a, vec = as_array(A), vector_of(v)
    if np.linalg.norm(vec) < 1e-12:
        raise CheckFailed("the candidate vector is zero")
    s = np.linalg.svd(np.column_stack([vec, a @ vec]), compute_uv=False)
    return bool(s[-1] <= 1e-9 * max(1.0, s[0]))


@check()
def np_eigen_multiplicity(A: Any, lam: Any) -> int:
    """Algebraic multiplicity of lam: how many NumPy eigenvalues lie within 1e-4 of it."""
    vals = np.linalg.eigvals(as_array(A))
    return int(np.sum(np.abs(vals - to_float(lam)) < 1e-4))


def _sign_normalised(v: np.ndarray) -> np.ndarray:
    """v with its first clearly non-zero entry made positive (unit directions are defined up to sign)."""
    for x in v:
        if abs(x) > 1e-9:
            return v if x > 0 else -v
    return v


def _eigh_vector(A: Any, which: Any) -> tuple[float, np.ndarray]:
    a = as_array(A)
    if not np.allclose(a, a.T):
        raise CheckFailed("the matrix is not symmetric")
    vals, vecs = np.linalg.eigh(a)
    i = {"largest": -1, "smallest": 0}.get(str(which))
    if i is None:
        raise CheckFailed("which is 'largest' or 'smallest'")
    return float(vals[i]), vecs[:, i]


@check(strings_ok=True)
def unit_eigenvector_matches(A: Any, v: Any, which: Any = "largest") -> bool:
    """v is a unit eigenvector of the symmetric A for its largest (or smallest) eigenvalue, up to sign (numpy.linalg.eigh)."""
    _, ref = _eigh_vector(A, which)
    vec = vector_of(v)
    if abs(np.linalg.norm(vec) - 1) > 1e-9:
        raise CheckFailed(f"|v| = {np.linalg.norm(vec)}, not 1")
    if not (np.allclose(vec, ref, atol=1e-9) or np.allclose(vec, -ref, atol=1e-9)):
        raise CheckFailed(f"v = {vec} is not +-{ref}")
    return True


@check(strings_ok=True)
def np_spectral_projector(A: Any, which: Any = "largest") -> np.ndarray:
    """q q^T for the unit eigenvector q of the symmetric A's largest (or smallest) eigenvalue (numpy.linalg.eigh)."""
    _, q = _eigh_vector(A, which)
    return np.outer(q, q)


@check()
def rayleigh_scan(A: Any) -> np.ndarray:
    """[min, max] of x^T A x over unit vectors x of the plane, by scanning 20 001 angles and refining the best two."""
    a = as_array(A)
    if a.shape != (2, 2):
        raise CheckFailed("rayleigh_scan() takes a 2x2 matrix")
    out = []
    for sign in (1, -1):
        theta = np.linspace(0, np.pi, 20001)
        for _ in range(4):
            x = np.stack([np.cos(theta), np.sin(theta)])
            vals = np.einsum("in,ij,jn->n", x, a, x) * sign
            k = int(np.argmax(vals))
            h = theta[1] - theta[0]
            theta = np.linspace(theta[k] - h, theta[k] + h, 2001)
        out.append(sign * float(vals[k]))
    return np.array([out[1], out[0]])


def _centred(X: Any) -> np.ndarray:
    x = as_array(X)
    return x - x.mean(axis=0)


@check()
def np_pca_direction(X: Any) -> np.ndarray:
    """First principal direction of the data rows of X: first right singular vector of the centred data, first entry positive."""
    _, _, vt = np.linalg.svd(_centred(X))
    return _sign_normalised(vt[0])


@check()
def np_pca_scores(X: Any) -> np.ndarray:
    """Scores of the centred rows of X on the first principal direction (NumPy SVD, direction's first entry positive)."""
    return _centred(X) @ np_pca_direction(X)


@check()
def np_reconstruction_error(X: Any, k: Any = 1) -> float:
    """Total squared distance from the centred rows of X to their rank-k PCA reconstruction (NumPy projection)."""
    xc = _centred(X)
    _, _, vt = np.linalg.svd(xc)
    V = vt[: int(k)].T
    return float(np.sum((xc - xc @ V @ V.T) ** 2))


@check()
def np_singular_values(A: Any) -> np.ndarray:
    """Singular values of A in decreasing order (numpy.linalg.svd)."""
    return np.linalg.svd(as_array(A), compute_uv=False)


@check()
def np_svd_right(A: Any) -> np.ndarray:
    """First right singular vector of A (numpy.linalg.svd), first entry positive."""
    return _sign_normalised(np.linalg.svd(as_array(A))[2][0])


@check()
def np_rank_one(A: Any) -> np.ndarray:
    """Best rank-1 approximation sigma1 u1 v1^T of A from numpy.linalg.svd (Eckart-Young)."""
    u, s, vt = np.linalg.svd(as_array(A))
    return s[0] * np.outer(u[:, 0], vt[0])


@check()
def definite_interval_matches(A: Any, t: Any, interval: Any) -> bool:
    """A(t) is positive definite exactly for t in the interval: NumPy eigenvalues at points inside, outside and near the ends."""
    a_expr = as_matrix(A, "definite_interval_matches")
    cells = [[float_function(a_expr[i, j], [t]) for j in range(a_expr.cols)] for i in range(a_expr.rows)]
    lo, hi = to_float(interval.start), to_float(interval.end)
    span = (hi - lo) if math.isfinite(hi - lo) else 10.0
    base = lo if math.isfinite(lo) else hi
    probes = [base + span * f for f in (-2.0, -0.5, -0.01, 0.01, 0.25, 0.5, 0.75, 0.99, 1.01, 1.5, 3.0)]
    for x in probes:
        m = np.array([[c(x) for c in row] for row in cells])
        pd = bool(np.min(np.linalg.eigvalsh((m + m.T) / 2)) > 1e-12)
        inside = lo < x < hi
        if pd != inside:
            raise CheckFailed(f"at t = {x} A is {'' if pd else 'not '}positive definite, the interval says otherwise")
    return True


@check()
def np_quadratic_form(S: Any, u: Any) -> float:
    """The Rayleigh quotient u^T S u / u^T u in NumPy (the variance of data with covariance S along the direction u)."""
    a, vec = as_array(S), vector_of(u)
    return float(vec @ a @ vec / (vec @ vec))


@check()
def power_iteration_limit(A: Any, x: Any, steps: Any = 400) -> np.ndarray:
    """A^steps x by repeated multiplication in floating point: the limit of A^k x when it exists."""
    a, vec = as_array(A), vector_of(x)
    for _ in range(int(steps)):
        vec = a @ vec
    return vec


@check()
def np_pca_reconstruct(X: Any, k: Any, components: Any = 1) -> np.ndarray:
    """Row k (0-based) of X rebuilt from its first `components` PCA scores: mean + V V^T (x_k - mean), NumPy SVD."""
    x = as_array(X)
    m = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - m)
    V = vt[: int(components)].T
    return m + V @ V.T @ (x[int(k)] - m)


@check()
def np_pca_residual_norm(X: Any, k: Any, components: Any = 1) -> float:
    """Distance from row k (0-based) of X to its rank-`components` PCA reconstruction (NumPy SVD)."""
    return float(np.linalg.norm(as_array(X)[int(k)] - np_pca_reconstruct(X, k, components)))
