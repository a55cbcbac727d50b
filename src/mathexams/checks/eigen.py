"""Eigenvalues and spectra, checked with NumPy: eigenpairs, eigenvalues of powers and shifts, PCA shares."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..api import CheckFailed, Record, check, to_float, to_fraction
from .comparisons import as_array


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
