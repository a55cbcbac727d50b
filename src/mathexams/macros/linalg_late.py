"""Macros used mainly by the linear algebra templates of weeks 7-10 and the NumPy/pandas coding templates of weeks 11-12.

Linear algebra (weeks 7-10): matrices and data sets are built from the answer backwards
(chosen eigenvalues, orthogonal residuals, spectra with a prescribed shape), so keys are
exact and no draw has to be rejected for ugliness.

Coding (weeks 11-12): each `numpy_*_item` macro draws the parameters of a short NumPy
snippet, writes the snippet as LaTeX (via `numpy_listing`, no verbatim environment) and
computes what it prints by really running the NumPy operations in Python. Templates never
contain code that is executed; the snippet is text built here from drawn numbers.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import to_sympy
from ..api import SandboxError
from ..api import macro

_ATTEMPTS = 200


def _ints(values: Any, what: str) -> list[int]:
    if isinstance(values, sympy.MatrixBase):
        values = list(values)
    if not isinstance(values, (list, tuple)):
        raise SandboxError(f"{what} needs a list of integers")
    out = []
    for v in values:
        if isinstance(v, bool) or not (isinstance(v, int) or isinstance(v, sympy.Integer)):
            raise SandboxError(f"{what} needs integers, got {v}")
        out.append(int(v))
    return out


# =============================================================== linear algebra, weeks 7-10


def _dense_unimodular(rng: Any, n: int, bound: int) -> list[list[int]] | None:
    """Integer n x n matrix with det +-1, entries within bound and no zero entry (n = 2) / at most one (n = 3)."""
    for _ in range(_ATTEMPTS):
        M = [[int(i == j) for j in range(n)] for i in range(n)]
        for _ in range(3 * n):
            i, j = rng.below(n), rng.below(n)
            if i == j:
                continue
            c = rng.choice((-2, -1, 1, 2))
            M[i] = [a + c * b for a, b in zip(M[i], M[j])]
        perm = rng.shuffled(list(range(n)))
        signs = [rng.choice((-1, 1)) for _ in range(n)]
        M = [[M[r][perm[c]] * signs[c] for c in range(n)] for r in range(n)]
        flat = [v for r in M for v in r]
        if max(abs(v) for v in flat) <= bound and flat.count(0) <= (0 if n == 2 else 1):
            return M
    return None


# Every 2x2 integer matrix [[p, r], [q, s]] with entries in +-{1, 2, 3} and det +-1, with its det.
_DENSE_2X2 = tuple(
    ((p, r, q, s), p * s - q * r)
    for p in (-3, -2, -1, 1, 2, 3) for r in (-3, -2, -1, 1, 2, 3)
    for q in (-3, -2, -1, 1, 2, 3) for s in (-3, -2, -1, 1, 2, 3)
    if abs(p * s - q * r) == 1
)


def _inverse_3x3_unimodular(P: list[list[int]]) -> list[list[int]]:
    """Exact inverse of a 3x3 integer matrix with det +-1, by the adjugate."""
    (a, b, c), (d, e, f), (g, h, i) = P
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    if det not in (1, -1):
        raise SandboxError("internal: the matrix is not unimodular")
    adj = [
        [e * i - f * h, c * h - b * i, b * f - c * e],
        [f * g - d * i, a * i - c * g, c * d - a * f],
        [d * h - e * g, b * g - a * h, a * e - b * d],
    ]
    return [[v * det for v in r] for r in adj]


def _is_triangular(A: sympy.Matrix) -> bool:
    n = A.rows
    lower = all(A[i, j] == 0 for i in range(n) for j in range(i + 1, n))
    upper = all(A[i, j] == 0 for i in range(n) for j in range(i))
    return lower or upper


@macro(needs_rng=True)
def eigen_basis_dense(rng: Any, eigenvalues: Sequence[Any], max_entry: Any = 12) -> tuple:
    """(A, P) with A = P D P^-1 for 2 or 3 integer eigenvalues: P unimodular with (almost) no zero entries, A not triangular and without a zero row or column.

    Unlike eigen_basis, the eigenvalues can never be read off a triangular A.
    """
    values = _ints(list(eigenvalues), "eigen_basis_dense")
    n = len(values)
    if n not in (2, 3):
        raise SandboxError("eigen_basis_dense() builds 2x2 or 3x3 matrices")
    bound = int(max_entry)
    if n == 2:
        l1, l2 = values
        found = []
        for (p, r, q, s), d in _DENSE_2X2:
            # A = P diag(l1, l2) P^-1 with P = [[p, r], [q, s]] and det P = d = +-1
            A = ((p * s * l1 - q * r * l2) * d, (p * r * (l2 - l1)) * d,
                 (q * s * (l1 - l2)) * d, (p * s * l2 - q * r * l1) * d)
            if max(abs(v) for v in A) <= bound:
                found.append((A, (p, r, q, s)))
        if not found or l1 == l2:
            raise SandboxError(f"could not build a dense matrix with eigenvalues {values} and entries <= {bound}")
        A, P = rng.choice(found)
        return sympy.Matrix(2, 2, list(A)), sympy.Matrix(2, 2, list(P))
    for _ in range(_ATTEMPTS):
        P = _dense_unimodular(rng, n, 3)
        if P is None:
            break
        Q = _inverse_3x3_unimodular(P)
        A = [[sum(P[i][t] * values[t] * Q[t][j] for t in range(3)) for j in range(3)] for i in range(3)]
        if max(abs(v) for r in A for v in r) > bound:
            continue
        if any(all(A[i][j] == 0 for j in range(n) if j != i) for i in range(n)):
            continue  # a row with only its diagonal entry gives an eigenvalue away (covers triangular A)
        if any(all(A[i][j] == 0 for i in range(n) if i != j) for j in range(n)):
            continue
        if _is_triangular(sympy.Matrix(A)):
            continue
        return sympy.Matrix(A), sympy.Matrix(P)
    raise SandboxError(f"could not build a dense matrix with eigenvalues {values} and entries <= {bound}")


@macro()
def primitive_int_vector(v: Any) -> sympy.Matrix:
    """The integer vector v divided by the gcd of its entries, first non-zero entry made positive."""
    entries = _ints(v, "primitive_int_vector")
    if not any(entries):
        raise SandboxError("primitive_int_vector() of the zero vector")
    g = 0
    for e in entries:
        g = math.gcd(g, e)
    first = next(e for e in entries if e)
    g = g if first > 0 else -g
    return sympy.Matrix([e // g for e in entries])


@macro()
def matrix_from_columns(*columns: Any) -> sympy.Matrix:
    """Matrix whose columns are the given vectors or lists (all of one length, at most 8 columns)."""
    if len(columns) == 1 and isinstance(columns[0], (list, tuple)) and columns[0] and \
            isinstance(columns[0][0], (list, tuple, sympy.MatrixBase)):
        columns = tuple(columns[0])
    if not 1 <= len(columns) <= 8:
        raise SandboxError("matrix_from_columns() takes 1 to 8 columns")
    cols = [list(c) for c in columns]
    if len({len(c) for c in cols}) != 1 or not 1 <= len(cols[0]) <= 20:
        raise SandboxError("matrix_from_columns() needs columns of one length (at most 20)")
    return sympy.Matrix(len(cols[0]), len(cols), lambda i, j: to_sympy(cols[j][i]))


@macro()
def poly_design_matrix(xs: Any, degree: Any = 1) -> sympy.Matrix:
    """Design matrix with columns 1, x, ..., x**degree for the data xs (degree 1 or 2)."""
    values = list(xs)
    d = int(degree)
    if d not in (1, 2) or not 2 <= len(values) <= 20:
        raise SandboxError("poly_design_matrix() needs degree 1 or 2 and 2..20 points")
    return sympy.Matrix(len(values), d + 1, lambda i, j: to_sympy(values[i]) ** j)


@macro()
def centred_columns(X: Any) -> sympy.Matrix:
    """X with each column's (exact) mean subtracted from that column."""
    if not isinstance(X, sympy.MatrixBase) or X.rows < 2:
        raise SandboxError("centred_columns() needs a matrix with at least two rows")
    means = [sum(X.col(j), sympy.Integer(0)) / X.rows for j in range(X.cols)]
    return sympy.Matrix(X.rows, X.cols, lambda i, j: X[i, j] - means[j])


@macro()
def column_means(X: Any) -> list[Any]:
    """The exact mean of each column of X, as a list."""
    if not isinstance(X, sympy.MatrixBase) or X.rows < 1:
        raise SandboxError("column_means() needs a matrix")
    return [sum(X.col(j), sympy.Integer(0)) / X.rows for j in range(X.cols)]


# Orthogonal-polynomial contrasts for equally spaced x: orthogonal to (1, ..., 1) and to x.
_CONTRASTS = {
    4: [(1, -1, -1, 1), (-1, 3, -3, 1)],
    5: [(2, -1, -2, -1, 2), (-1, 2, 0, -2, 1)],
    6: [(5, -1, -4, -4, -1, 5), (-5, 7, 4, -4, -7, 5)],
}


@macro(needs_rng=True)
def regression_line_data(rng: Any, n: Any) -> tuple[list[int], list[int]]:
    """(xs, ys): n in 4..6 equally spaced integer x and integer y whose least-squares line has small exact coefficients.

    y = c0 + c1 x + r with r a combination of quadratic/cubic contrasts (orthogonal to 1 and
    x), so the fitted coefficients are exactly c0 and c1 (c1 may be a half when every x is even).
    """
    n = int(n)
    if n not in _CONTRASTS:
        raise SandboxError("regression_line_data() supports 4, 5 or 6 points")
    step = rng.choice((1, 2))
    x0 = rng.integer(0, 3)
    xs = [x0 + step * t for t in range(n)]
    if all(x % 2 == 0 for x in xs) and rng.below(2):
        c1 = sympy.Rational(rng.choice((-3, -1, 1, 3, 5)), 2)
    else:
        c1 = sympy.Integer(rng.choice((-4, -3, -2, -1, 1, 2, 3, 4)))
    c0 = sympy.Integer(rng.integer(-5, 9))
    lim = 1 if n == 6 else 2
    while True:
        a, b = rng.integer(-lim, lim), rng.integer(-lim, lim)
        if a or b:
            break
    quad, cubic = _CONTRASTS[n]
    ys = [c0 + c1 * x + a * q + b * c for x, q, c in zip(xs, quad, cubic)]
    return xs, [int(y) for y in ys]


def _primitive_normals() -> tuple:
    out = []
    r = range(-2, 3)
    for n in ((x, y, z) for x in r for y in r for z in r):
        s = sum(v * v for v in n)
        if 2 <= s <= 14 and math.gcd(math.gcd(n[0], n[1]), n[2]) == 1 and next(v for v in n if v) > 0:
            # small integer vectors orthogonal to n: the columns a plane can be spanned by
            perp = [w for w in ((x, y, z) for x in r for y in r for z in r)
                    if any(w) and w[0] * n[0] + w[1] * n[1] + w[2] * n[2] == 0]
            out.append((n, tuple(perp)))
    return tuple(out)


_NORMALS = _primitive_normals()


@macro(needs_rng=True)
def plane_spanning_pair(rng: Any) -> tuple:
    """(a1, a2, n): two independent integer vectors in R^3 (entries in -2..2) spanning a plane with primitive normal n, 2 <= |n|^2 <= 14.

    The projection onto the plane, I - n n^T / |n|^2, then has denominators dividing |n|^2.
    """
    for _ in range(_ATTEMPTS):
        n, perp = rng.choice(_NORMALS)
        a1, a2 = rng.choice(perp), rng.choice(perp)
        cross = (a1[1] * a2[2] - a1[2] * a2[1], a1[2] * a2[0] - a1[0] * a2[2], a1[0] * a2[1] - a1[1] * a2[0])
        if not any(cross):
            continue
        if sum(1 for v in a1 + a2 if v == 0) > 2:
            continue  # keep the columns from being mostly coordinate vectors
        return sympy.Matrix(a1), sympy.Matrix(a2), sympy.Matrix(n)
    raise SandboxError("plane_spanning_pair() could not find two independent columns")


_PLANE_DIRECTIONS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 3), (3, 2))


@macro(needs_rng=True)
def pca_block_covariance(rng: Any) -> tuple:
    """(S, eigenvalues descending, k, B): 3x3 covariance with one uncorrelated feature k and a correlated 2x2 block B.

    B = s I + m w w^T with an integer direction w, so B's eigenvalues are s and s + m |w|^2;
    feature k has variance e. All three eigenvalues are distinct positive integers.
    """
    for _ in range(_ATTEMPTS):
        s, m = rng.integer(1, 6), rng.integer(1, 3)
        p, q = rng.choice(_PLANE_DIRECTIONS)
        if rng.below(2):
            q = -q
        big = s + m * (p * p + q * q)
        e = rng.integer(1, 30)
        if e in (s, big):
            continue
        k = rng.below(3)
        i, j = [t for t in range(3) if t != k]
        B = sympy.Matrix([[s + m * p * p, m * p * q], [m * p * q, s + m * q * q]])
        S = sympy.zeros(3, 3)
        S[i, i], S[i, j], S[j, i], S[j, j] = B[0, 0], B[0, 1], B[1, 0], B[1, 1]
        S[k, k] = e
        return S, sorted([s, big, e], reverse=True), k, B
    raise SandboxError("pca_block_covariance() could not build distinct eigenvalues")


@macro(needs_rng=True)
def pca_eigen_spectrum(rng: Any, m: Any) -> list[int]:
    """m distinct positive integers (3 <= m <= 10) decaying roughly geometrically, in random order: a PCA spectrum."""
    m = int(m)
    if not 3 <= m <= 10:
        raise SandboxError("pca_eigen_spectrum() needs 3 <= m <= 10")
    for _ in range(_ATTEMPTS):
        values = [rng.integer(25, 70)]
        while len(values) < m:
            nxt = values[-1] * rng.integer(35, 80) // 100
            if nxt < 1 or nxt >= values[-1]:
                break
            values.append(nxt)
        if len(values) == m:
            return rng.shuffled(values)
    raise SandboxError("pca_eigen_spectrum() could not build a spectrum")


def _sorted_desc(values: Any) -> list[Any]:
    vals = [to_sympy(v) for v in values]
    if not vals or not all(v.is_number and v.is_nonnegative for v in vals):
        raise SandboxError("a spectrum needs non-negative numbers")
    return sorted(vals, key=lambda v: -float(v))


@macro()
def pca_share_of_top(values: Any, k: Any) -> Any:
    """Exact share (sum of the k largest values) / (sum of all values)."""
    vals = _sorted_desc(values)
    k = int(k)
    if not 0 <= k <= len(vals):
        raise SandboxError("pca_share_of_top() needs 0 <= k <= number of values")
    total = sum(vals, sympy.Integer(0))
    return sum(vals[:k], sympy.Integer(0)) / total


@macro()
def pca_components_needed(values: Any, share: Any) -> int:
    """Smallest k whose k largest values reach at least `share` (e.g. 9/10) of the total (exact)."""
    vals = _sorted_desc(values)
    target = to_sympy(share)
    total = sum(vals, sympy.Integer(0))
    acc = sympy.Integer(0)
    for k, v in enumerate(vals, start=1):
        acc += v
        if acc >= target * total:
            return k
    return len(vals)


@macro()
def cumulative_shares(values: Any) -> list[Any]:
    """Exact cumulative shares of the values sorted in decreasing order (the last one is 1)."""
    vals = _sorted_desc(values)
    total = sum(vals, sympy.Integer(0))
    out, acc = [], sympy.Integer(0)
    for v in vals:
        acc += v
        out.append(acc / total)
    return out


@macro()
def closest_gap(values: Any, target: Any) -> Any:
    """min |v - target| over the values (exact): keeps shares shown rounded away from a threshold."""
    vals = [to_sympy(v) for v in values]
    if not vals:
        raise SandboxError("closest_gap() of no values")
    t = to_sympy(target)
    return min((abs(v - t) for v in vals), key=float)


@macro()
def percent_list_text(values: Any, places: Any = 1) -> str:
    """LaTeX text '$58.6\\%$, $86.2\\%$, ...' (each in its own math, so lines can break) for a list of fractions."""
    from ..api import format_decimal

    vals = [to_sympy(v) for v in values]
    if len(vals) > 50:
        raise SandboxError("percent_list_text() takes at most 50 values")
    return ", ".join("$" + format_decimal(v * 100, int(places)) + r"\%$" for v in vals)


@macro()
def descending(values: Any) -> list[Any]:
    """The values sorted in decreasing order (exact comparison)."""
    return _sorted_desc(values)


# =============================================================== coding, weeks 11-12

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}",
}


def latex_code(text: str) -> str:
    """Escape one line of code for LaTeX; runs of spaces are kept with control spaces."""
    out = [r"\mbox{}"] if text.startswith(" ") else []  # keeps leading spaces after a line break
    for i, ch in enumerate(text):
        if ch == " ":
            # a space after a space (or at the start of the line) would be swallowed by TeX
            out.append("\\ " if i == 0 or text[i - 1] == " " else " ")
        else:
            out.append(_LATEX_SPECIALS.get(ch, ch))
    return "".join(out)


def code_inline(text: str) -> str:
    """A short piece of code in typewriter type."""
    return r"{\ttfamily " + latex_code(text) + "}"


def _listing(lines: Sequence[str]) -> str:
    if not lines or len(lines) > 12:
        raise SandboxError("a listing has 1 to 12 lines")
    body = r"\\{}".join(latex_code(str(line)) for line in lines)
    out = r"\par\smallskip\noindent{\ttfamily " + body + r"}\par\smallskip" + "\n"
    if len(out) > 1000:
        raise SandboxError("listing longer than 1000 characters")
    return out


@macro(strings_ok=True)
def numpy_listing(lines: Any) -> str:
    """LaTeX for a code listing: escaped typewriter lines joined by line breaks (no verbatim)."""
    if not isinstance(lines, (list, tuple)) or not all(isinstance(s, str) for s in lines):
        raise SandboxError("numpy_listing() needs a list of text lines")
    return _listing(lines)


def _printed(arr: np.ndarray) -> str:
    """What print(arr) shows, with NumPy's alignment padding collapsed to single spaces."""
    text = " ".join(str(arr).split())
    return text.replace("[ ", "[").replace(" ]", "]")


def _shape_text(shape: Sequence[int]) -> str:
    return repr(tuple(int(d) for d in shape))


# ---------------------------------------------------------------- broadcasting


def _right_aligned(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    n = max(len(a), len(b))
    pa = [1] * (n - len(a)) + list(a)
    pb = [1] * (n - len(b)) + list(b)
    return list(zip(pa, pb))


def _left_aligned(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    n = max(len(a), len(b))
    pa = list(a) + [1] * (n - len(a))
    pb = list(b) + [1] * (n - len(b))
    return list(zip(pa, pb))


def _stretch(pairs: list[tuple[int, int]]) -> list[int] | None:
    out = []
    for x, y in pairs:
        if x != y and 1 not in (x, y):
            return None
        out.append(max(x, y))
    return out


def _tuple_tex(values: Sequence[int]) -> str:
    return "(" + ", ".join(str(v) for v in values) + ")"


@macro(needs_rng=True)
def numpy_broadcast_item(rng: Any) -> tuple:
    """(listing, shape_a, shape_b, option texts, option shapes, note): print((a + b).shape) for two drawn shapes.

    Half of the pairs broadcast, half do not. Option 0 is what NumPy really does (the shape,
    or None for a ValueError); options 1-3 come from typical mistakes: aligning shapes on
    the left, "different ndim is always an error", adding or maximising dimensions without
    checking, taking an operand's shape, concatenating the shapes.
    """
    for _ in range(_ATTEMPTS):
        nd = rng.integer(2, 4)
        full = [rng.integer(2, 6) for _ in range(nd)]
        short = rng.integer(1, nd)
        a, b = list(full), list(full[nd - short:])
        if rng.below(2):
            a, b = b, a
        # put 1s in one operand or the other, position by position, on the right-aligned overlap
        for t in range(1, min(len(a), len(b)) + 1):
            r = rng.below(3)
            if r == 1:
                a[-t] = 1
            elif r == 2:
                b[-t] = 1
        for t in range(min(len(a), len(b)) + 1, max(len(a), len(b)) + 1):
            longer = a if len(a) > len(b) else b
            if rng.below(4) == 0:
                longer[-t] = 1
        if rng.below(2):  # make the pair incompatible at one overlapping axis
            t = rng.integer(1, min(len(a), len(b)))
            x = rng.integer(2, 6)
            y = rng.choice([v for v in range(2, 7) if v != x])
            a[-t], b[-t] = x, y
        if a == b or 1 not in a + b and len(a) == len(b):
            continue
        try:
            key: list[int] | None = list((np.ones(tuple(a)) + np.ones(tuple(b))).shape)
        except ValueError:
            key = None
        candidates: list[list[int] | None] = [_stretch(_left_aligned(a, b))]
        if key is not None:
            candidates.append(None)
        else:
            candidates.append([max(x, y) for x, y in _right_aligned(a, b)])
        candidates += [
            [x + y for x, y in _right_aligned(a, b)],
            list(a), list(b), list(a) + list(b), list(b) + list(a),
        ]
        options: list[list[int] | None] = [key]
        for c in candidates:
            if c not in options:
                options.append(c)
            if len(options) == 4:
                break
        if len(options) < 4:
            continue
        texts = [(r"it raises " + code_inline("ValueError")) if o is None else code_inline(_shape_text(o))
                 for o in options]
        listing = _listing([
            "import numpy as np",
            f"a = np.ones({_shape_text(a)})",
            f"b = np.ones({_shape_text(b)})",
            "print((a + b).shape)",
        ])
        pairs = _right_aligned(a, b)
        padded = (rf"Padded with leading 1s they read ${_tuple_tex([x for x, _ in pairs])}$ and "
                  rf"${_tuple_tex([y for _, y in pairs])}$")
        clash = next(((i, x, y) for i, (x, y) in enumerate(pairs) if x != y and 1 not in (x, y)), None)
        if clash is None:
            note = padded + "; on every axis the sizes are equal or one of them is 1."
        else:
            note = padded + rf"; on axis {clash[0]} the sizes {clash[1]} and {clash[2]} differ and neither is 1."
        return listing, a, b, texts, options, note
    raise SandboxError("numpy_broadcast_item() could not build four distinct options")


@macro(strings_ok=True)
def shape_text(shape: Any) -> str:
    """A shape written as Python prints it, in typewriter type: (3, 1, 4), (5,)."""
    if shape is None:
        return code_inline("ValueError")
    return code_inline(_shape_text(_ints(shape, "shape_text")))


# ---------------------------------------------------------------- shapes after a chain

# second step: (code, python text with {a}, description)
_SHAPE_STEP2 = {
    0: "a.T",
    1: "a[:, None]",
    2: "a[np.newaxis]",
    3: "a[..., None]",
    4: "a[1:]",
    5: "a[:, ::2]",
    6: "a[0]",
    7: "a.sum(axis=0)",
}
_SHAPE_STEP3 = {
    0: "np.stack([b, b])",
    1: "np.stack([b, b, b], axis=-1)",
    2: "np.concatenate([b, b])",
    3: "np.concatenate([b, b], axis=-1)",
    4: "np.stack([b, b], axis=1)",
}


@macro(needs_rng=True)
def numpy_shape_item(rng: Any) -> tuple:
    """(listing, shape of a, shape of b, shape of c, spec, notes): reshape with -1, then an indexing/transposing step, then stack/concatenate.

    spec = [dims of the reshape call with 0 for -1] + [N, step-2 code, step-3 code] lets a check
    recompute the shapes with plain arithmetic; notes are LaTeX lines for the solution.
    """
    for _ in range(_ATTEMPTS):
        if rng.below(2):
            dims = [rng.integer(2, 6), rng.integer(2, 6)]
        else:
            dims = [rng.integer(2, 4), rng.integer(2, 4), rng.integer(2, 4)]
        n_total = math.prod(dims)
        hole = rng.below(len(dims))
        call = [(-1 if i == hole else d) for i, d in enumerate(dims)]
        op2 = rng.below(len(_SHAPE_STEP2))
        op3 = rng.below(len(_SHAPE_STEP3))
        a = np.arange(n_total).reshape(*call)
        b = {
            0: lambda: a.T, 1: lambda: a[:, None], 2: lambda: a[np.newaxis], 3: lambda: a[..., None],
            4: lambda: a[1:], 5: lambda: a[:, ::2], 6: lambda: a[0], 7: lambda: a.sum(axis=0),
        }[op2]()
        if b.ndim < 2:
            continue  # keep every shape at least 2-D, so no answer is a 1-tuple
        c = {
            0: lambda: np.stack([b, b]), 1: lambda: np.stack([b, b, b], axis=-1),
            2: lambda: np.concatenate([b, b]), 3: lambda: np.concatenate([b, b], axis=-1),
            4: lambda: np.stack([b, b], axis=1),
        }[op3]()
        call_text = ", ".join(str(v) for v in call)
        lines = [
            "import numpy as np",
            f"a = np.arange({n_total}).reshape({call_text})",
            f"b = {_SHAPE_STEP2[op2]}",
            f"c = {_SHAPE_STEP3[op3]}",
            "print(a.shape)",
            "print(b.shape)",
            "print(c.shape)",
        ]
        known = math.prod(d for i, d in enumerate(dims) if i != hole)
        notes = [
            rf"\texttt{{np.arange({n_total})}} has {n_total} elements, so the $-1$ becomes "
            rf"${n_total}/{known} = {dims[hole]}$: \texttt{{a.shape}} is {code_inline(_shape_text(a.shape))}.",
            _STEP2_NOTES[op2] + rf": \texttt{{b.shape}} is {code_inline(_shape_text(b.shape))}.",
            _STEP3_NOTES[op3] + rf": \texttt{{c.shape}} is {code_inline(_shape_text(c.shape))}.",
        ]
        spec = [0 if v == -1 else v for v in call] + [n_total, op2, op3]
        return _listing(lines), list(a.shape), list(b.shape), list(c.shape), spec, notes
    raise SandboxError("numpy_shape_item() could not build a chain")


_STEP2_NOTES = {
    0: r"\texttt{.T} reverses the order of all axes",
    1: r"\texttt{[:, None]} inserts a new axis of length 1 at position 1",
    2: r"\texttt{[np.newaxis]} inserts a new axis of length 1 in front",
    3: r"\texttt{[..., None]} appends a new axis of length 1 at the end",
    4: r"\texttt{[1:]} drops the first row along axis 0 (one fewer along axis 0)",
    5: r"\texttt{[:, ::2]} keeps every other index along axis 1 (length $\lceil n/2\rceil$)",
    6: r"the integer index \texttt{[0]} removes axis 0",
    7: r"\texttt{sum(axis=0)} reduces axis 0 away",
}
_STEP3_NOTES = {
    0: r"\texttt{np.stack} of two arrays adds a new axis 0 of length 2",
    1: r"\texttt{np.stack} of three arrays with \texttt{axis=-1} adds a new last axis of length 3",
    2: r"\texttt{np.concatenate} joins along the existing axis 0, doubling it",
    3: r"\texttt{np.concatenate} with \texttt{axis=-1} doubles the last axis",
    4: r"\texttt{np.stack} with \texttt{axis=1} inserts a new axis of length 2 at position 1",
}


# ---------------------------------------------------------------- reductions along an axis

_REDUCE_NAMES = ("sum", "max", "min", "argmax", "argmin")


@macro(needs_rng=True)
def numpy_axis_item(rng: Any) -> tuple:
    """(listing, A, printed values, op code, axis, call text, note): one reduction A.op(axis=…) of a small integer array.

    op codes: 0 sum, 1 max, 2 min, 3 argmax, 4 argmin; arg-reductions never meet a tie.
    """
    for _ in range(_ATTEMPTS):
        m, n = rng.choice(((2, 3), (3, 4), (3, 3), (2, 4), (4, 3)))
        values = [[rng.integer(0, 9) for _ in range(n)] for _ in range(m)]
        op, axis = rng.below(5), rng.below(2)
        arr = np.array(values, dtype=np.int64)
        lines_of = [list(arr[:, j]) for j in range(n)] if axis == 0 else [list(arr[i, :]) for i in range(m)]
        if op in (3, 4) and any(line.count(max(line) if op == 3 else min(line)) > 1 for line in lines_of):
            continue
        result = getattr(arr, _REDUCE_NAMES[op])(axis=axis)
        call = f"A.{_REDUCE_NAMES[op]}(axis={axis})"
        rows_text = [", ".join(str(v) for v in r) for r in values]
        lines = ["import numpy as np", f"A = np.array([[{rows_text[0]}],"]
        lines += [f"              [{t}]," for t in rows_text[1:-1]]
        lines += [f"              [{rows_text[-1]}]])", f"print({call})"]
        what = "column" if axis == 0 else "row"
        parts = []
        for idx, line in enumerate(lines_of):
            if op == 0:
                parts.append(" + ".join(str(v) for v in line) + f" = {sum(line)}")
            elif op in (1, 2):
                parts.append(("\\max" if op == 1 else "\\min") + "(" + ", ".join(str(v) for v in line) + f") = {max(line) if op == 1 else min(line)}")
            else:
                target = max(line) if op == 3 else min(line)
                parts.append(f"({', '.join(str(v) for v in line)}) \\to {line.index(target)}")
        how = "the row index, i.e. down each column" if axis == 0 else "the column index, i.e. along each row"
        note = (rf"\texttt{{axis={axis}}} reduces over {how}, giving one value per {what}: "
                + ", ".join("$" + part + "$" for part in parts) + ".")
        return _listing(lines), sympy.Matrix(values), [int(v) for v in result], op, axis, code_inline(call), note
    raise SandboxError("numpy_axis_item() could not avoid ties")


# ---------------------------------------------------------------- boolean masks

_MASK_CODES = (0, 0, 1, 2, 3, 4)


@macro(needs_rng=True)
def numpy_mask_item(rng: Any) -> tuple:
    """(listing, values, k, m, code, option texts, option payloads): a boolean-mask line; option 0 is NumPy's real output.

    codes: 0 a[(a > k) & (a % m == 0)], 1 the same with |, 2 with `and` (ValueError),
    3 with & but no parentheses (ValueError: chained comparison), 4 np.where(a > k, a, 0).
    Payloads are the printed lists, or None for a ValueError.
    """
    for _ in range(_ATTEMPTS):
        size = rng.integer(6, 9)
        values = [rng.integer(0, 20) for _ in range(size)]
        k = rng.integer(4, 14)
        m = rng.choice((2, 2, 3))
        code = rng.choice(_MASK_CODES)
        a = np.array(values, dtype=np.int64)

        def run(which: int) -> list[int] | None:
            try:
                if which == 0:
                    out = a[(a > k) & (a % m == 0)]
                elif which == 1:
                    out = a[(a > k) | (a % m == 0)]
                elif which == 2:
                    out = a[(a > k) and (a % m == 0)]
                elif which == 3:
                    out = a[a > k & a % m == 0]
                else:
                    out = np.where(a > k, a, 0)
            except ValueError:
                return None
            return [int(v) for v in out]

        key = run(code)
        if key is not None and (not key or key == values):
            continue
        first_only = [int(v) for v in a[a > k]]
        second_only = [int(v) for v in a[a % m == 0]]
        indices = [int(i) for i in np.nonzero((a > k) & (a % m == 0))[0]]
        if code == 0:
            cands = [first_only, run(1), None, second_only, indices]
        elif code == 1:
            cands = [run(0), first_only, None, [int(i) for i in np.nonzero((a > k) | (a % m == 0))[0]]]
        elif code in (2, 3):
            cands = [run(0), first_only, run(1), second_only]
        else:
            cands = [first_only, [int(i) for i in np.nonzero(a > k)[0]],
                     [int(v) for v in np.where(a > k, 0, a)], None]
        options: list[list[int] | None] = [key]
        for c in cands:
            if c not in options and (c is None or c):
                options.append(c)
            if len(options) == 4:
                break
        if len(options) < 4:
            continue
        cond = {0: f"(a > {k}) & (a % {m} == 0)", 1: f"(a > {k}) | (a % {m} == 0)",
                2: f"(a > {k}) and (a % {m} == 0)", 3: f"a > {k} & a % {m} == 0"}
        last = f"print(np.where(a > {k}, a, 0))" if code == 4 else f"print(a[{cond[code]}])"
        lines = ["import numpy as np", f"a = np.array([{', '.join(str(v) for v in values)}])", last]
        texts = [(r"it raises " + code_inline("ValueError")) if o is None
                 else code_inline(_printed(np.array(o, dtype=np.int64))) for o in options]
        return _listing(lines), values, k, m, code, texts, options
    raise SandboxError("numpy_mask_item() could not build four distinct options")


# ---------------------------------------------------------------- integer division and dtypes


@macro(needs_rng=True)
def numpy_division_item(rng: Any) -> tuple:
    """(listing, values, k, a // k, a % k, (a / k).astype(int), dtype option texts, dtype payloads).

    At least two quotients a/k are negative non-integers, so floor division, the sign of % and
    truncation by astype(int) all matter. Dtype option 0 is NumPy's real answer; payload
    [1, 0] means "/ gives floats, // keeps integers".
    """
    for _ in range(_ATTEMPTS):
        values = rng.sample(list(range(-9, 10)), 5)
        k = rng.choice((2, 3, 4, 5, 3, -2, -3))
        negative_quotients = [v for v in values if v * k < 0 and v % k]  # floor and truncation differ
        if len(negative_quotients) < 2 or sum(1 for v in values if v % k) < 3 or not any(v < 0 for v in values):
            continue
        a = np.array(values, dtype=np.int64)
        floor_div = [int(v) for v in a // k]
        mod = [int(v) for v in a % k]
        trunc = [int(v) for v in (a / k).astype(int)]
        real = f"{(a / k).dtype} {(a // k).dtype}"
        payloads = [[1, 0], [0, 0], [1, 1], [0, 1]]
        names = {0: "int64", 1: "float64"}
        texts = [code_inline(f"{names[p[0]]} {names[p[1]]}") for p in payloads]
        if real != "float64 int64":
            raise SandboxError(f"unexpected NumPy dtypes {real}")
        lines = [
            "import numpy as np",
            f"a = np.array([{', '.join(str(v) for v in values)}], dtype=np.int64)",
            f"print(a // {k})",
            f"print(a % {k})",
            f"print((a / {k}).astype(int))",
            f"print((a / {k}).dtype, (a // {k}).dtype)",
        ]
        return _listing(lines), values, k, floor_div, mod, trunc, texts, payloads
    raise SandboxError("numpy_division_item() could not draw values")
