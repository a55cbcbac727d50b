"""Macros used mainly by the linear algebra templates of weeks 1-6.

Builders choose the answer's structure first (an angle, a matrix class, a stochastic
matrix, a graph, a transformation) and derive the question from it, so templates rarely
need to reject a draw. Text helpers return plain LaTeX strings for prompts and solutions.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from itertools import product
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import to_sympy
from ..api import SandboxError
from ..api import macro

_ATTEMPTS = 2000


def _mat(A: Any) -> sympy.Matrix:
    if isinstance(A, sympy.MatrixBase):
        return sympy.Matrix(A)
    if isinstance(A, (list, tuple)):
        return sympy.Matrix(A)
    raise SandboxError(f"expected a matrix or a list, got {type(A).__name__}")


# ------------------------------------------------------------------ text helpers


@macro(strings_ok=True)
def combo_latex(coeffs: Sequence[Any], names: Sequence[str]) -> str:
    """LaTeX of a linear combination, e.g. [2, -1, 3], ['u', 'v', 'w'] -> 2\\mathbf{u} - \\mathbf{v} + 3\\mathbf{w}."""
    if len(coeffs) != len(names) or not coeffs:
        raise SandboxError("combo_latex() needs as many coefficients as names")
    out = ""
    for c, name in zip(coeffs, names):
        if not isinstance(name, str):
            raise SandboxError("combo_latex() names must be text")
        c = to_sympy(c)
        if c == 0:
            continue
        sign = "-" if c.is_negative else "+"
        mag = abs(c)
        body = (r"\mathbf{%s}" % name) if mag == 1 else (sympy.latex(mag) + r"\mathbf{%s}" % name)
        if not out:
            out = ("-" if sign == "-" else "") + body
        else:
            out += f" {sign} {body}"
    return out or "0"


@macro()
def rowcol_latex(A: Any, B: Any, i: Any, j: Any, places: Any = None) -> str:
    """Row i of A times column j of B written out (0-based): (2)(1) + (-3)(4) + ...; decimals (at most `places`) if given."""
    A, B = _mat(A), _mat(B)
    i, j = int(i), int(j)
    if A.cols != B.rows:
        raise SandboxError("rowcol_latex(): inner sizes differ")

    def show(v: Any) -> str:
        if places is None:
            return sympy.latex(v)
        text = _decimal(v, int(places))
        return text.rstrip("0").rstrip(".") if "." in text else text  # 0.80 -> 0.8

    return " + ".join(f"({show(A[i, t])})({show(B[t, j])})" for t in range(A.cols))


def _decimal(v: Any, places: int) -> str:
    """A number rounded half away from zero to `places` decimals, as text (exact arithmetic)."""
    exact = to_sympy(v)
    scaled = abs(exact) * sympy.Integer(10) ** places
    rounded = int(sympy.floor(scaled + sympy.Rational(1, 2)))
    sign = "-" if exact.is_negative and rounded else ""
    digits = str(rounded).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


@macro()
def approx(value: Any, places: Any = 3) -> sympy.Rational:
    """value rounded half away from zero to `places` decimals, as an exact Rational (fast to print with dec)."""
    p = int(places)
    if not 0 <= p <= 12:
        raise SandboxError("approx() places must be 0..12")
    v = sympy.N(value, 40)
    if not v.is_real or not v.is_finite:
        raise SandboxError(f"approx() needs a finite real number, got {value}")
    d = Decimal(str(v)).quantize(Decimal(1).scaleb(-p), rounding=ROUND_HALF_UP)
    return sympy.Rational(str(d))


@macro()
def decimal_matrix(A: Any, places: Any = 1) -> str:
    """A matrix (or column vector) as a LaTeX pmatrix of decimals with the given places."""
    A = _mat(A)
    p = int(places)
    if not 0 <= p <= 6:
        raise SandboxError("decimal_matrix() places must be 0..6")
    body = r"\\".join(" & ".join(_decimal(A[r, c], p) for c in range(A.cols)) for r in range(A.rows))
    return r"\begin{pmatrix}" + body + r"\end{pmatrix}"


@macro()
def decimal_tuple(v: Any, places: Any = 2) -> str:
    """A vector as a tuple of decimals: (0.35, 0.40, 0.25)."""
    p = int(places)
    if not 0 <= p <= 6:
        raise SandboxError("decimal_tuple() places must be 0..6")
    return r"\left(" + ", ".join(_decimal(x, p) for x in list(v)) + r"\right)"


@macro()
def system_latex(A: Any, b: Any) -> str:
    """The system A x = b as aligned equations in x, y, z (n <= 3)."""
    A, b = _mat(A), _mat(b)
    if A.rows != b.rows or A.cols > 3:
        raise SandboxError("system_latex() needs an n x (<=3) matrix and n right-hand sides")
    names = "xyz"
    lines = []
    for r in range(A.rows):
        out = ""
        for c in range(A.cols):
            a = A[r, c]
            if a == 0:
                continue
            mag = abs(a)
            body = names[c] if mag == 1 else f"{sympy.latex(mag)}{names[c]}"
            if not out:
                out = ("-" if a < 0 else "") + body
            else:
                out += (" - " if a < 0 else " + ") + body
        lines.append((out or "0") + " &= " + sympy.latex(b[r]))
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


# ------------------------------------------------------------------ vectors


_ANGLES = (30, 45, 60, 90, 120, 135, 150)
# cos^2 of each angle as a fraction (num, den) and the sign of the cosine
_COS2 = {30: (3, 4, 1), 45: (1, 2, 1), 60: (1, 4, 1), 90: (0, 1, 0),
         120: (1, 4, -1), 135: (1, 2, -1), 150: (3, 4, -1)}


@lru_cache(maxsize=None)
def _angle_table(dim: int) -> dict[int, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """All pairs of integer vectors (entries in [-3, 3], or [-4, 4] in the plane) by exact angle."""
    bound = 3 if dim == 3 else 4
    vecs = np.array([v for v in product(range(-bound, bound + 1), repeat=dim) if any(v)], dtype=np.int64)
    dots = vecs @ vecs.T
    sq = (vecs * vecs).sum(axis=1)
    nn = np.outer(sq, sq)
    table: dict[int, list] = {}
    for deg, (num, den, sign) in _COS2.items():
        zeros = (vecs == 0).sum(axis=1)
        plain = (zeros[:, None] + zeros[None, :]) <= (2 if dim == 3 else 1)  # no near-axis pairs
        mask = (den * dots * dots == num * nn) & (np.sign(dots) == sign) & plain
        ii, jj = np.nonzero(mask)
        table[deg] = [(tuple(int(x) for x in vecs[i]), tuple(int(x) for x in vecs[j])) for i, j in zip(ii, jj)]
    return table


@macro(needs_rng=True)
def angle_pair(rng: Any, degrees: Any, dim: Any = 3) -> tuple:
    """(u, v): integer vectors in R^2 or R^3 whose angle is exactly `degrees` (30, 45, 60, 90, 120, 135, 150)."""
    deg, n = int(degrees), int(dim)
    if deg not in _COS2 or n not in (2, 3):
        raise SandboxError(f"angle_pair() supports angles {_ANGLES} in dimension 2 or 3")
    pairs = _angle_table(n)[deg]
    if not pairs:
        raise SandboxError(f"no integer vectors in R^{n} make an angle of {deg} degrees")
    u, v = rng.choice(pairs)
    return sympy.Matrix(u), sympy.Matrix(v)


# ------------------------------------------------------------------ matrix structure


def _square(A: sympy.Matrix) -> bool:
    return A.rows == A.cols


@macro()
def is_square(A: Any) -> bool:
    """Whether A has as many rows as columns."""
    return _square(_mat(A))


@macro()
def is_diagonal(A: Any) -> bool:
    """Square with every off-diagonal entry zero."""
    A = _mat(A)
    return _square(A) and all(A[i, j] == 0 for i in range(A.rows) for j in range(A.cols) if i != j)


@macro()
def is_upper_triangular(A: Any) -> bool:
    """Square with every entry below the main diagonal zero."""
    A = _mat(A)
    return _square(A) and all(A[i, j] == 0 for i in range(A.rows) for j in range(A.cols) if i > j)


@macro()
def is_lower_triangular(A: Any) -> bool:
    """Square with every entry above the main diagonal zero."""
    A = _mat(A)
    return _square(A) and all(A[i, j] == 0 for i in range(A.rows) for j in range(A.cols) if i < j)


@macro()
def is_identity(A: Any) -> bool:
    """Square with ones on the diagonal and zeros elsewhere."""
    A = _mat(A)
    return _square(A) and A == sympy.eye(A.rows)


@macro()
def off_diagonal(A: Any, side: Any) -> list:
    """Entries strictly below (side -1) or above (side +1) the main diagonal, row by row."""
    A = _mat(A)
    if int(side) not in (-1, 1):
        raise SandboxError("off_diagonal() side must be -1 (below) or +1 (above)")
    below = int(side) == -1
    return [A[i, j] for i in range(A.rows) for j in range(A.cols) if (i > j if below else i < j)]


STRUCTURE_KINDS = ("diagonal", "scalar", "identity", "upper", "lower", "symmetric", "general", "rectangular")


def _nz(rng: Any, hi: int = 9) -> int:
    return rng.integer(1, hi) * rng.choice((-1, 1))


@macro(needs_rng=True, strings_ok=True)
def structured_matrix(rng: Any, kind: Any, n: Any = 3, near_miss: Any = False) -> sympy.Matrix:
    """Integer matrix of a class (diagonal, scalar, identity, upper, lower, symmetric, general, rectangular); near_miss spoils it in one entry."""
    if kind not in STRUCTURE_KINDS:
        raise SandboxError(f"structured_matrix() kind must be one of {', '.join(STRUCTURE_KINDS)}")
    n = int(n)
    if not 2 <= n <= 5:
        raise SandboxError("structured_matrix() size must be 2..5")
    miss = bool(near_miss)
    if kind == "rectangular":
        m = n + 1 if n == 2 else n + rng.choice((-1, 1))
        rows_, cols_ = (m, n) if rng.below(2) else (n, m)
        A = sympy.zeros(rows_, cols_)
        for i in range(rows_):
            for j in range(cols_):
                # zero below the diagonal half the time: a "triangular-looking" non-square matrix
                A[i, j] = 0 if (i > j and miss) else _nz(rng)
        return A
    A = sympy.zeros(n, n)
    if kind in ("diagonal", "scalar", "identity"):
        c = rng.choice((2, 3, -1, -2, 5))
        for i in range(n):
            A[i, i] = 1 if kind == "identity" else (c if kind == "scalar" else _nz(rng))
        if kind == "diagonal" and len(set(A[i, i] for i in range(n))) == 1:
            A[0, 0] = A[0, 0] + 1 if A[0, 0] != -1 else 2
        if miss:
            i, j = rng.sample(list(range(n)), 2)
            if kind == "identity" and rng.below(2):
                A[i, i] = rng.choice((2, -1, 0))  # a diagonal matrix that is not the identity
            else:
                A[i, j] = _nz(rng, 5)            # one stray off-diagonal entry: triangular, not diagonal
        return A
    if kind in ("upper", "lower"):
        for i in range(n):
            for j in range(n):
                if (i <= j) if kind == "upper" else (i >= j):
                    A[i, j] = _nz(rng)
        if miss:
            i, j = rng.sample(list(range(n)), 2)
            i, j = (max(i, j), min(i, j)) if kind == "upper" else (min(i, j), max(i, j))
            A[i, j] = _nz(rng, 5)
        return A
    if kind == "symmetric":
        for i in range(n):
            for j in range(i, n):
                A[i, j] = A[j, i] = _nz(rng)
        if miss:
            i, j = rng.sample(list(range(n)), 2)
            A[i, j] = A[i, j] + rng.choice((-2, -1, 1, 2)) if A[i, j] not in (1, 2, -1, -2) else -A[i, j]
        return A
    # general: dense, not symmetric, not triangular
    for _ in range(_ATTEMPTS):
        for i in range(n):
            for j in range(n):
                A[i, j] = _nz(rng) if rng.below(5) else 0
        if not A.is_symmetric() and not is_upper_triangular(A) and not is_lower_triangular(A):
            return A
    raise SandboxError("could not build a general matrix")  # pragma: no cover


# ------------------------------------------------------------------ feature vectors


def _cos(q: Sequence[int], d: Sequence[int]) -> float:
    return sum(a * b for a, b in zip(q, d)) / math.sqrt(sum(a * a for a in q) * sum(b * b for b in d))


def _dist2(q: Sequence[int], d: Sequence[int]) -> int:
    return sum((a - b) ** 2 for a, b in zip(q, d))


@macro(needs_rng=True)
def similarity_documents(rng: Any, dim: Any = 5, hi: Any = 5) -> tuple:
    """(q, [d1, d2, d3]): count vectors where the best cosine, the largest dot product and the nearest point are three different documents."""
    n, top = int(dim), int(hi)
    if not 4 <= n <= 8 or not 4 <= top <= 9:
        raise SandboxError("similarity_documents() needs dim 4..8 and hi 4..9")
    for _ in range(_ATTEMPTS):
        q = [rng.integer(0, top) for _ in range(n)]
        if sum(1 for x in q if x) < 3 or max(q) < 3:
            continue
        # a short document pointing almost the same way (best cosine) ...
        short = [(x + rng.integer(0, 1)) // 2 for x in q]
        # ... a long document with many words (largest dot product) ...
        long_ = [rng.integer(top // 2, top) for _ in range(n)]
        # ... and one close to q in raw counts but turned away from it (nearest point)
        near = list(q)
        for k in rng.sample(list(range(n)), 2):
            near[k] = min(top, max(0, near[k] + rng.choice((-2, -1, 1, 2))))
        docs = [short, long_, near]
        if not all(any(d) for d in docs) or len({tuple(d) for d in docs}) < 3 or near == q:
            continue
        cos = [_cos(q, d) for d in docs]
        dots = [sum(a * b for a, b in zip(q, d)) for d in docs]
        dist = [_dist2(q, d) for d in docs]
        if not (cos[0] - max(cos[1], cos[2]) >= 0.02 and dots[1] - max(dots[0], dots[2]) >= 2
                and min(dist[0], dist[1]) - dist[2] >= 2):
            continue
        order = rng.shuffled([0, 1, 2])
        return sympy.Matrix(q), [sympy.Matrix(docs[k]) for k in order]
    raise SandboxError("could not build feature vectors with three different winners")  # pragma: no cover


def _int_vector(v: Any) -> list[int]:
    items = list(v) if isinstance(v, (list, tuple, sympy.MatrixBase)) else None
    if items is None or not all(to_sympy(x).is_integer for x in items):
        raise SandboxError("expected a vector of integers")
    return [int(x) for x in items]


def _sqrt_decimal(n: int, places: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = places + 20
        return Decimal(n).sqrt()


def _rounded(d: Decimal, places: int) -> sympy.Rational:
    return sympy.Rational(str(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)))


@macro()
def cosine_approx(u: Any, v: Any, places: Any = 12) -> sympy.Rational:
    """Cosine similarity of two integer vectors rounded to `places` decimals (exact decimal arithmetic, fast)."""
    a, b, p = _int_vector(u), _int_vector(v), int(places)
    if len(a) != len(b) or not 0 <= p <= 30:
        raise SandboxError("cosine_approx() needs vectors of equal length and places 0..30")
    den = sum(x * x for x in a) * sum(y * y for y in b)
    if den == 0:
        raise SandboxError("cosine_approx() of a zero vector")
    with localcontext() as ctx:
        ctx.prec = p + 20
        value = Decimal(sum(x * y for x, y in zip(a, b))) / _sqrt_decimal(den, p)
    return _rounded(value, p)


@macro()
def distance_approx(u: Any, v: Any, places: Any = 12) -> sympy.Rational:
    """Euclidean distance of two integer vectors rounded to `places` decimals (exact decimal arithmetic, fast)."""
    a, b, p = _int_vector(u), _int_vector(v), int(places)
    if len(a) != len(b) or not 0 <= p <= 30:
        raise SandboxError("distance_approx() needs vectors of equal length and places 0..30")
    return _rounded(_sqrt_decimal(sum((x - y) ** 2 for x, y in zip(a, b)), p), p)


@macro()
def argmax_index(values: Sequence[Any]) -> int:
    """Index (0-based) of the largest value; an exact tie is an error."""
    vals = [float(sympy.N(v, 30)) for v in values]
    if not vals:
        raise SandboxError("argmax_index() of an empty list")
    best = max(range(len(vals)), key=lambda k: vals[k])
    if sum(1 for v in vals if abs(v - vals[best]) <= 1e-12 * max(1.0, abs(v))) > 1:
        raise SandboxError("argmax_index(): tie for the largest value")
    return best


# ------------------------------------------------------------------ matrices for products


@macro(needs_rng=True)
def dense_unimodular(rng: Any, n: Any, max_entry: Any = 4) -> sympy.Matrix:
    """n x n integer matrix with det +-1 whose entries and whose inverse's entries lie within max_entry, with at most one zero entry (n = 2, 3)."""
    n, top = int(n), int(max_entry)
    if n not in (2, 3) or not 2 <= top <= 9:
        raise SandboxError("dense_unimodular() builds 2x2 or 3x3 matrices with max_entry 2..9")
    for _ in range(_ATTEMPTS):
        M = [[int(i == j) for j in range(n)] for i in range(n)]
        Minv = [[int(i == j) for j in range(n)] for i in range(n)]
        for _ in range(rng.integer(n + 2, 3 * n + 1)):
            i, j = rng.sample(list(range(n)), 2)
            c = rng.choice((-2, -1, 1, 2))
            M[i] = [a + c * b for a, b in zip(M[i], M[j])]     # row i += c row j
            for r in range(n):                                  # inverse: column j -= c column i
                Minv[r][j] -= c * Minv[r][i]
        sign = rng.choice((-1, 1))
        k = rng.below(n)
        M[k] = [sign * a for a in M[k]]
        for r in range(n):
            Minv[r][k] *= sign
        flat, flat_inv = [a for row_ in M for a in row_], [a for row_ in Minv for a in row_]
        if max(map(abs, flat)) > top or max(map(abs, flat_inv)) > top:
            continue
        if sum(1 for a in flat if a == 0) > (0 if n == 2 else 1):
            continue
        perm = rng.shuffled(list(range(n)))      # reorder the rows: still det +-1
        return sympy.Matrix([M[p] for p in perm])
    raise SandboxError(f"could not build a dense {n}x{n} unimodular matrix")  # pragma: no cover


@macro(needs_rng=True)
def full_matrix(rng: Any, m: Any, n: Any, lo: Any, hi: Any) -> sympy.Matrix:
    """m x n integer matrix with entries in lo..hi and no zero row or zero column."""
    m, n, lo, hi = int(m), int(n), int(lo), int(hi)
    if not (1 <= m <= 6 and 1 <= n <= 6) or hi < lo or (lo == hi == 0):
        raise SandboxError("full_matrix() needs sizes 1..6 and a range with a non-zero value")
    for _ in range(_ATTEMPTS):
        A = sympy.Matrix(m, n, [rng.integer(lo, hi) for _ in range(m * n)])
        if all(any(A.row(i)) for i in range(m)) and all(any(A.col(j)) for j in range(n)):
            return A
    raise SandboxError("could not build a matrix without zero rows")  # pragma: no cover


# ------------------------------------------------------------------ shapes of matrix expressions


def _parse_shape_expr(expr: str) -> list[list[tuple[str, bool]]]:
    """'AB^T + C' -> [[('A', False), ('B', True)], [('C', False)]]."""
    if not isinstance(expr, str) or not expr.strip():
        raise SandboxError("a matrix expression must be non-empty text")
    terms = []
    for term in expr.replace(" ", "").split("+"):
        factors: list[tuple[str, bool]] = []
        k = 0
        while k < len(term):
            ch = term[k]
            if ch not in "ABCD":
                raise SandboxError(f"matrix expressions use A, B, C, D, ^T and +; got {expr!r}")
            t = term.startswith("^T", k + 1)
            factors.append((ch, t))
            k += 3 if t else 1
        if not factors:
            raise SandboxError(f"empty term in {expr!r}")
        terms.append(factors)
    return terms


def _shape_table(shapes: Sequence[Any]) -> dict[str, tuple[int, int]]:
    out = {}
    for name, s in zip("ABCD", shapes):
        if len(s) != 2:
            raise SandboxError("each shape is a pair (rows, columns)")
        out[name] = (int(s[0]), int(s[1]))
    return out


def _factor_shape(table: dict[str, tuple[int, int]], f: tuple[str, bool]) -> tuple[int, int]:
    if f[0] not in table:
        raise SandboxError(f"no shape given for {f[0]}")
    r, c = table[f[0]]
    return (c, r) if f[1] else (r, c)


@macro(strings_ok=True)
def shape_of(expr: Any, shapes: Sequence[Any]) -> tuple:
    """Shape (rows, cols) of a sum of products of A, B, C, D (with ^T) by the shape rules; () when undefined."""
    table = _shape_table(shapes)
    result = None
    for term in _parse_shape_expr(expr):
        r, c = _factor_shape(table, term[0])
        for f in term[1:]:
            r2, c2 = _factor_shape(table, f)
            if c != r2:
                return ()
            c = c2
        if result is not None and result != (r, c):
            return ()
        result = (r, c)
    return result


@macro(strings_ok=True)
def naive_shape(expr: Any, shapes: Sequence[Any]) -> tuple:
    """The shape a student gets by ignoring the inner sizes (rows of the first factor x columns of the last)."""
    table = _shape_table(shapes)
    first = _parse_shape_expr(expr)[0]
    return (_factor_shape(table, first[0])[0], _factor_shape(table, first[-1])[1])


@macro(strings_ok=True)
def shape_claim(expr: Any, shapes: Sequence[Any], variant: Any) -> tuple:
    """A claimed shape: the true one (variant 0), its reverse (variant 1) or, if undefined, the naive one."""
    true = shape_of(expr, shapes)
    if not true:
        return naive_shape(expr, shapes)
    return (true[1], true[0]) if int(variant) == 1 else true


@macro(strings_ok=True)
def shape_explain(expr: Any, shapes: Sequence[Any]) -> str:
    """One line of LaTeX explaining the shape of an expression (or why it is undefined)."""
    table = _shape_table(shapes)
    parts = []
    for term in _parse_shape_expr(expr):
        shown = "".join(r"(%d\times %d)" % _factor_shape(table, f) for f in term)
        parts.append(shown)
    name = expr.replace(" ", "").replace("+", " + ")
    lhs = f"${name}$: $" + " + ".join(parts) + "$"
    table_terms = _parse_shape_expr(expr)
    # find the first failure to explain it
    shapes_terms = []
    for term in table_terms:
        r, c = _factor_shape(table, term[0])
        for f in term[1:]:
            r2, c2 = _factor_shape(table, f)
            if c != r2:
                return lhs + rf", inner sizes ${c} \neq {r2}$: undefined"
            c = c2
        shapes_terms.append((r, c))
    if len(set(shapes_terms)) > 1:
        return lhs + r", the terms have different shapes: undefined"
    return lhs + r" gives $%d\times %d$" % shapes_terms[0]


# ------------------------------------------------------------------ Markov chains


def _composition(rng: Any, total: int, parts: int, positive: bool) -> list[int]:
    if positive:
        cuts = sorted(rng.sample(list(range(1, total)), parts - 1))
    else:
        cuts = sorted(rng.integer(0, total) for _ in range(parts - 1))
    edges = [0, *cuts, total]
    return [edges[k + 1] - edges[k] for k in range(parts)]


@macro(needs_rng=True)
def stochastic_matrix(rng: Any, n: Any, den: Any = 10) -> sympy.Matrix:
    """Column-stochastic n x n matrix with positive entries that are multiples of 1/den."""
    n, den = int(n), int(den)
    if not 2 <= n <= 5 or den < n + 1 or den > 100:
        raise SandboxError("stochastic_matrix() needs n in 2..5 and n < den <= 100")
    P = sympy.zeros(n, n)
    for j in range(n):
        col = _composition(rng, den, n, positive=True)
        for i in range(n):
            P[i, j] = sympy.Rational(col[i], den)
    return P


@macro(needs_rng=True)
def probability_vector(rng: Any, n: Any, den: Any = 10) -> sympy.Matrix:
    """Column vector of n non-negative multiples of 1/den summing to 1, not a unit vector."""
    n, den = int(n), int(den)
    if not 2 <= n <= 5 or not 2 <= den <= 100:
        raise SandboxError("probability_vector() needs n in 2..5 and den in 2..100")
    for _ in range(_ATTEMPTS):
        parts = _composition(rng, den, n, positive=False)
        if max(parts) < den:
            return sympy.Matrix([sympy.Rational(p, den) for p in parts])
    raise SandboxError("could not build a probability vector")  # pragma: no cover


# ------------------------------------------------------------------ graphs


@macro(needs_rng=True)
def random_digraph(rng: Any, n: Any, m: Any, walk_length: Any = 0) -> sympy.Matrix:
    """Adjacency matrix of a directed graph on n nodes with m edges, no loops, every node on an edge; with walk_length k, some pair is joined by >= 2 walks of length k."""
    n, m, k = int(n), int(m), int(walk_length)
    if not 3 <= n <= 6 or not n - 1 <= m <= n * (n - 1) or not 0 <= k <= 4:
        raise SandboxError("random_digraph() needs 3 <= n <= 6, n - 1 <= m <= n(n - 1) and walk_length 0..4")
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    for _ in range(_ATTEMPTS):
        A = np.zeros((n, n), dtype=np.int64)
        for i, j in rng.sample(pairs, m):
            A[i, j] = 1
        if not np.all(A.sum(axis=0) + A.sum(axis=1) > 0):
            continue
        if k and np.linalg.matrix_power(A, k).max() < 2:
            continue
        return sympy.Matrix(A.tolist())
    raise SandboxError("could not build a graph with the requested walks")  # pragma: no cover


@macro(needs_rng=True)
def walk_endpoints(rng: Any, A: Any, k: Any) -> tuple:
    """(i, j), 0-based, with at least one walk of length k from i to j; two or more walks when possible."""
    A = _mat(A)
    Ak = A ** int(k)
    many = [(i, j) for i in range(A.rows) for j in range(A.cols) if Ak[i, j] >= 2]
    some = [(i, j) for i in range(A.rows) for j in range(A.cols) if Ak[i, j] >= 1]
    pool = many or some
    if not pool:
        raise SandboxError(f"the graph has no walk of length {k}")
    return rng.choice(pool)


@macro()
def digraph_tikz(A: Any) -> str:
    """A TikZ picture of the directed graph with adjacency matrix A (nodes 1..n on a circle)."""
    A = _mat(A)
    n = A.rows
    lines = [r"\begin{tikzpicture}[every node/.style={draw, circle, inner sep=2pt}]"]
    for k in range(n):
        angle = math.pi / 2 - 2 * math.pi * k / n
        x, y = (round(1.6 * f(angle), 2) + 0.0 for f in (math.cos, math.sin))  # + 0.0 turns -0.0 into 0.0
        lines.append(r"\node (v%d) at (%.2f,%.2f) {%d};" % (k + 1, x, y, k + 1))
    for i in range(n):
        for j in range(n):
            if A[i, j]:
                lines.append(r"\draw[->, thick] (v%d) to[bend left=12] (v%d);" % (i + 1, j + 1))
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


@macro()
def edge_list_latex(A: Any) -> str:
    """The edges of a directed graph as LaTeX: 1\\to 2, 2\\to 3, ..."""
    A = _mat(A)
    return ", ".join(rf"{i + 1}\to {j + 1}" for i in range(A.rows) for j in range(A.cols) if A[i, j])


@macro()
def walks_latex(A: Any, i: Any, j: Any, k: Any) -> str:
    """The walks with k edges from node i to node j (0-based in, 1-based out) as LaTeX: 1\\to 3\\to 2, ..."""
    A = _mat(A)
    n, length = A.rows, int(k)
    if not 1 <= length <= 4:
        raise SandboxError("walks_latex() lists walks of length 1..4")
    found = []
    for middle in product(range(n), repeat=length - 1):
        path = (int(i), *middle, int(j))
        if all(A[path[t], path[t + 1]] for t in range(length)):
            found.append(r"\to ".join(str(v + 1) for v in path))
    return ", ".join(found)


# ------------------------------------------------------------------ determinants


@macro(needs_rng=True)
def det3_matrix(rng: Any, singular: Any = False, max_entry: Any = 4) -> sympy.Matrix:
    """3 x 3 integer matrix with non-zero entries within max_entry; singular ones have a row that is a combination of the others."""
    top = int(max_entry)
    if not 2 <= top <= 9:
        raise SandboxError("det3_matrix() max_entry must be 2..9")

    def draw_row() -> list[int]:
        return [_nz(rng, top) for _ in range(3)]

    for _ in range(_ATTEMPTS):
        r1, r2 = draw_row(), draw_row()
        if bool(singular):
            s, t = rng.choice(((1, 1), (1, -1), (-1, 1), (2, 1), (1, 2), (1, 0), (0, 2), (2, -1), (-1, -1)))
            r3 = [s * a + t * b for a, b in zip(r1, r2)]
            A = sympy.Matrix(rng.shuffled([r1, r2, r3]))
            if max(abs(v) for v in A) <= top and A.rank() == 2 and sum(1 for v in A if v == 0) <= 1:
                return A
        else:
            A = sympy.Matrix([r1, r2, draw_row()])
            if A.det() != 0:
                return A
    raise SandboxError("could not build a 3x3 matrix")  # pragma: no cover


@macro()
def distinct_picks(candidates: Sequence[Any], k: Any, exclude: Sequence[Any] = ()) -> list:
    """The first k candidates (in order of preference) that differ from each other and from `exclude`; padded with exclude[0] when too few, so the options clash and the draw is redone."""
    k = int(k)
    out: list[Any] = []
    for c in candidates:
        if len(out) == k:
            break
        if all(to_sympy(c) != to_sympy(e) for e in [*exclude, *out]):
            out.append(c)
    while len(out) < k:
        if not exclude:
            raise SandboxError("distinct_picks(): too few distinct candidates and nothing to pad with")
        out.append(exclude[0])
    return out


# ------------------------------------------------------------------ plane transformations

# 1, 2, 3: rotations by 90, 180, 270 degrees counter-clockwise; 4-7: reflections across the
# x-axis, the y-axis, y = x and y = -x; 8, 9: scaling by k along x or along y; 10, 11: shears.
TRANSFORMATIONS = range(1, 12)


def _code(code: Any) -> int:
    c = int(code)
    if c not in TRANSFORMATIONS:
        raise SandboxError("transformation codes are 1..11")
    return c


@macro()
def transformation_matrix(code: Any, k: Any = 1) -> sympy.Matrix:
    """Standard matrix of plane map `code` (1-3 rotations by 90/180/270 deg ccw, 4-7 reflections in x-axis, y-axis, y=x, y=-x, 8-9 x/y scaling by k, 10-11 x/y shear by k)."""
    c, k = _code(code), to_sympy(k)
    rows_ = {
        1: [[0, -1], [1, 0]], 2: [[-1, 0], [0, -1]], 3: [[0, 1], [-1, 0]],
        4: [[1, 0], [0, -1]], 5: [[-1, 0], [0, 1]], 6: [[0, 1], [1, 0]], 7: [[0, -1], [-1, 0]],
        8: [[k, 0], [0, 1]], 9: [[1, 0], [0, k]], 10: [[1, k], [0, 1]], 11: [[1, 0], [k, 1]],
    }[c]
    return sympy.Matrix(rows_)


def _factor_choices(code: int) -> tuple[int, ...]:
    return (2, 3) if code in (8, 9) else ((-3, -2, -1, 1, 2, 3) if code in (10, 11) else (1,))


@lru_cache(maxsize=None)
def _noncommuting_pairs() -> tuple[tuple[int, int, int, int], ...]:
    """Every (c1, k1, c2, k2) of maps other than the 180-degree rotation whose matrices do not commute."""
    codes = [c for c in TRANSFORMATIONS if c != 2]
    out = []
    for c1 in codes:
        for c2 in codes:
            if c1 == c2:
                continue
            for k1 in _factor_choices(c1):
                for k2 in _factor_choices(c2):
                    M1, M2 = transformation_matrix(c1, k1), transformation_matrix(c2, k2)
                    if M1 * M2 != M2 * M1:
                        out.append((c1, k1, c2, k2))
    return tuple(out)


@macro(needs_rng=True)
def noncommuting_maps(rng: Any) -> tuple:
    """(c1, k1, c2, k2): two different plane maps (codes of transformation_matrix) whose matrices do not commute; each pair of codes equally likely."""
    pairs = _noncommuting_pairs()
    codes = sorted({(c1, c2) for c1, _, c2, _ in pairs})
    c1, c2 = rng.choice(codes)
    return rng.choice([p for p in pairs if p[0] == c1 and p[2] == c2])


def _term(k: Any, var: str) -> str:
    """'+ 2y', '- 3y', '+ y', '- y': a term written after another one."""
    sign = "-" if k < 0 else "+"
    mag = abs(k)
    return f"{sign} {var}" if mag == 1 else f"{sign} {sympy.latex(mag)}{var}"


@macro()
def transformation_text(code: Any, k: Any = 1) -> str:
    """LaTeX words for plane map `code` (see transformation_matrix), with its convention."""
    c, k = _code(code), to_sympy(k)
    kl = sympy.latex(k)
    return {
        1: r"the rotation about the origin by $90^\circ$ counter-clockwise",
        2: r"the rotation about the origin by $180^\circ$",
        3: r"the rotation about the origin by $270^\circ$ counter-clockwise",
        4: r"the reflection across the $x$-axis",
        5: r"the reflection across the $y$-axis",
        6: r"the reflection across the line $y = x$",
        7: r"the reflection across the line $y = -x$",
        8: rf"the stretch by the factor ${kl}$ along the $x$-axis, $(x, y) \mapsto ({kl}x, y)$",
        9: rf"the stretch by the factor ${kl}$ along the $y$-axis, $(x, y) \mapsto (x, {kl}y)$",
        10: rf"the horizontal shear $(x, y) \mapsto (x {_term(k, 'y')}, y)$",
        11: rf"the vertical shear $(x, y) \mapsto (x, y {_term(k, 'x')})$",
    }[c]


@macro(needs_rng=True)
def det2_matrix(rng: Any, det_value: Any, max_entry: Any = 5) -> sympy.Matrix:
    """2 x 2 integer matrix with the given determinant, entries within max_entry and at most one zero entry (fast: integer arithmetic only)."""
    d, top = int(det_value), int(max_entry)
    if not 2 <= top <= 9 or abs(d) > top * top:
        raise SandboxError("det2_matrix() needs max_entry 2..9 and |det| <= max_entry^2")
    for _ in range(_ATTEMPTS):
        a = _nz(rng, top)
        b, c = rng.integer(-top, top), rng.integer(-top, top)
        if (d + b * c) % a:
            continue
        e = (d + b * c) // a                     # a e - b c = d
        entries = [a, b, c, e]
        if abs(e) > top or sum(1 for x in entries if x == 0) > 1:
            continue
        if rng.below(2):                         # the transpose has the same determinant
            b, c = c, b
        return sympy.Matrix([[a, b], [c, e]])
    raise SandboxError(f"could not build a 2x2 matrix with det {d}")  # pragma: no cover


@macro(needs_rng=True)
def lattice_triangle(rng: Any, lo: Any = -3, hi: Any = 3) -> list:
    """Three integer points in [lo, hi]^2, not collinear, listed counter-clockwise."""
    lo, hi = int(lo), int(hi)
    if hi - lo < 2:
        raise SandboxError("lattice_triangle() needs a range of at least 3 values")
    for _ in range(_ATTEMPTS):
        pts = [(rng.integer(lo, hi), rng.integer(lo, hi)) for _ in range(3)]
        (x1, y1), (x2, y2), (x3, y3) = pts
        cross = (x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1)
        if cross == 0:
            continue
        if cross < 0:
            pts[1], pts[2] = pts[2], pts[1]
        return [sympy.Matrix(p) for p in pts]
    raise SandboxError("could not build a triangle")  # pragma: no cover
