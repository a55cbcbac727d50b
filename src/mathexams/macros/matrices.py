"""Matrices: the SymPy matrix operations as functions, builders with properties built in, and matrices in LaTeX.

Templates cannot call methods, so `A.inv()` is `inv(A)`. Builders construct the property instead
of rejecting draws: an integer matrix with an integer inverse is a product of elementary integer
row operations and a signed permutation (determinant +-1, `unimodular`), a matrix with a given
determinant is U D V with two such factors. Structure predicates and the shape rules of matrix
expressions ("AB^T + C") serve classification questions. Exact fraction arithmetic
(`fraction_rows`, `solve_exact`, `det_exact`) serves other course modules without SymPy's overhead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, format_decimal, macro, to_fraction, to_sympy

MAX_DIM = 6
MAX_OPERATION_DIM = 8       # inverse, determinant and rank of at most 8 x 8
_BUILD_ATTEMPTS = 200
_ATTEMPTS = 2000


def dimension(n: Any) -> int:
    """A matrix or vector size argument, 1..MAX_DIM."""
    if not isinstance(n, (int, sympy.Integer)) or not 1 <= int(n) <= MAX_DIM:
        raise SandboxError(f"matrix dimension must be 1..{MAX_DIM}, got {n}")
    return int(n)


def unimodular(rng: Any, n: int, *, max_entry: int, steps: int, inverse_max_entry: int | None = None,
               max_zeros: int | None = None, permute: str = "rows") -> tuple[list[list[int]], list[list[int]]]:
    """(M, M^-1) as integer rows: a random n x n integer matrix with determinant +-1.

    `steps` random row operations "row i += c row j" (c in +-1, +-2) on the identity, then a
    random signed permutation of the rows (P M) or of the columns (M P); the inverse is tracked
    alongside. Draws are redone until the entries lie within `max_entry` (and the inverse's
    within `inverse_max_entry`, when given), at most `max_zeros` entries are 0 (when given) and
    M is not merely a signed permutation. Both placements of the permutation are equally good;
    each caller keeps the one its exams were built with, so recorded seeds replay.
    """
    if permute not in ("rows", "columns"):
        raise ValueError("permute is 'rows' or 'columns'")
    for _ in range(_BUILD_ATTEMPTS):
        M = [[int(i == j) for j in range(n)] for i in range(n)]
        Minv = [[int(i == j) for j in range(n)] for i in range(n)]
        for _ in range(steps):
            i, j = rng.below(n), rng.below(n)
            if i == j:
                continue
            c = rng.choice((-2, -1, 1, 2))
            M[i] = [a + c * b for a, b in zip(M[i], M[j])]        # row i += c row j ...
            for r in range(n):                                     # ... so column j -= c column i
                Minv[r][j] -= c * Minv[r][i]
        perm = rng.shuffled(list(range(n)))
        signs = [rng.choice((-1, 1)) for _ in range(n)]
        if permute == "rows":    # M' = P M with P[r, perm[r]] = signs[r]; M'^-1 = M^-1 P^T
            M = [[signs[r] * v for v in M[perm[r]]] for r in range(n)]
            Minv = [[Minv[a][perm[r]] * signs[r] for r in range(n)] for a in range(n)]
        else:                    # M' = M Q with Q[perm[c], c] = signs[c]; M'^-1 = Q^T M^-1
            M = [[M[r][perm[c]] * signs[c] for c in range(n)] for r in range(n)]
            Minv = [[signs[c] * v for v in Minv[perm[c]]] for c in range(n)]
        flat, flat_inv = [v for r in M for v in r], [v for r in Minv for v in r]
        if max(map(abs, flat)) > max_entry:
            continue
        if inverse_max_entry is not None and max(map(abs, flat_inv)) > inverse_max_entry:
            continue
        zeros = flat.count(0)
        if max_zeros is not None and zeros > max_zeros:
            continue
        if n > 1 and zeros >= n * n - n:   # merely a signed permutation
            continue
        return M, Minv
    raise SandboxError(f"could not build a {n}x{n} unimodular matrix with entries <= {max_entry}")


@macro(needs_rng=True)
def unimodular_matrix(rng: Any, n: Any, max_entry: Any = 6, max_zeros: Any = None, steps: Any = None) -> sympy.Matrix:
    """n x n integer matrix with determinant +-1: its inverse is an integer matrix too.

    Its entries and its inverse's lie within max_entry; at most max_zeros entries are 0 (if given);
    it is built from `steps` elementary row operations (default 2n) and a signed permutation.
    """
    n = dimension(n)
    top = as_int(max_entry, "unimodular_matrix")
    zeros = None if max_zeros is None else as_int(max_zeros, "unimodular_matrix")
    count = 2 * n if steps is None else as_int(steps, "unimodular_matrix")
    if not 1 <= count <= 12:
        raise SandboxError("unimodular_matrix() steps must be 1..12")
    M, _ = unimodular(rng, n, max_entry=top, inverse_max_entry=top, max_zeros=zeros, steps=count)
    return sympy.Matrix(M)


@macro(needs_rng=True)
def invertible_matrix(rng: Any, n: Any, det_value: Any, max_entry: Any = 9) -> sympy.Matrix:
    """n x n integer matrix with the given non-zero determinant and entries within max_entry."""
    n = dimension(n)
    d = int(det_value)
    if d == 0:
        raise SandboxError("invertible_matrix() needs a non-zero determinant")
    for _ in range(_BUILD_ATTEMPTS):
        U = sympy.Matrix(unimodular(rng, n, max_entry=3, inverse_max_entry=3, steps=n)[0])
        V = sympy.Matrix(unimodular(rng, n, max_entry=3, inverse_max_entry=3, steps=n)[0])
        D = sympy.eye(n)
        D[0, 0] = d * U.det() * V.det()  # fold the +-1 signs into D so det is exactly d
        A = U * D * V
        if max(abs(v) for v in A) <= int(max_entry):
            return A
    raise SandboxError(f"could not build a matrix with det {d} and entries <= {max_entry}")


@macro(needs_rng=True)
def random_matrix(rng: Any, m: Any, n: Any, lo: Any, hi: Any) -> sympy.Matrix:
    """m x n matrix with integer entries drawn from lo..hi."""
    m, n = dimension(m), dimension(n)
    return sympy.Matrix(m, n, [rng.integer(int(lo), int(hi)) for _ in range(m * n)])


def matrix_of(A: Any) -> sympy.Matrix:
    """A matrix argument as a SymPy matrix (a matrix as it is, a list of rows converted)."""
    if isinstance(A, sympy.MatrixBase):
        return A
    if isinstance(A, (list, tuple)):
        return sympy.Matrix(A)
    raise SandboxError(f"expected a matrix or a list, got {type(A).__name__}")


def _size(n: Any, what: str) -> int:
    size = as_int(n, what)
    if not 0 <= size <= MAX_OPERATION_DIM:
        raise SandboxError(f"{what} argument {n} outside 0..{MAX_OPERATION_DIM}")
    return size


def operation_size(A: sympy.MatrixBase, limit: int = MAX_OPERATION_DIM) -> sympy.MatrixBase:
    """A, refused when larger than limit x limit (SymPy's exact inverse, determinant and rank grow fast)."""
    if A.rows > limit or A.cols > limit:
        raise SandboxError(f"matrix larger than {limit}x{limit}")
    return A


@macro()
def inv(A: Any) -> sympy.Matrix:
    """Inverse of a square matrix."""
    return operation_size(matrix_of(A)).inv()


@macro()
def det(A: Any) -> Any:
    """Determinant."""
    return operation_size(matrix_of(A)).det()


@macro()
def transpose(A: Any) -> sympy.Matrix:
    """Transpose."""
    return matrix_of(A).T


@macro()
def trace(A: Any) -> Any:
    """Trace."""
    return matrix_of(A).trace()


@macro()
def rank(A: Any) -> int:
    """Rank."""
    return operation_size(matrix_of(A)).rank()


@macro()
def rows(A: Any) -> int:
    """Number of rows."""
    return matrix_of(A).rows


@macro()
def cols(A: Any) -> int:
    """Number of columns."""
    return matrix_of(A).cols


@macro()
def row(A: Any, i: Any) -> sympy.Matrix:
    """Row i (0-based) as a 1xn matrix."""
    return matrix_of(A).row(int(i))


@macro()
def col(A: Any, j: Any) -> sympy.Matrix:
    """Column j (0-based) as an nx1 matrix."""
    return matrix_of(A).col(int(j))


@macro()
def entries(A: Any) -> list[Any]:
    """The entries of a matrix or vector in row-major order, as a list."""
    return list(matrix_of(A))


@macro()
def eye(n: Any) -> sympy.Matrix:
    """Identity matrix of size n <= 8."""
    return sympy.eye(_size(n, "eye"))


@macro()
def zeros(m: Any, n: Any = None) -> sympy.Matrix:
    """Zero matrix of size at most 8x8."""
    return sympy.zeros(_size(m, "zeros"), _size(n if n is not None else m, "zeros"))


@macro()
def diag(*values: Any) -> sympy.Matrix:
    """Diagonal matrix with the given entries (at most 8)."""
    if len(values) == 1 and isinstance(values[0], (list, tuple)):
        values = tuple(values[0])
    if len(values) > 8:
        raise SandboxError("diag() of more than 8 entries")
    return sympy.diag(*values)


@macro()
def nullspace(A: Any) -> list[sympy.Matrix]:
    """A basis of the null space."""
    return operation_size(matrix_of(A)).nullspace()


@macro()
def rref(A: Any) -> sympy.Matrix:
    """Reduced row echelon form."""
    return operation_size(matrix_of(A)).rref()[0]


@macro()
def is_symmetric(A: Any) -> bool:
    """Whether A equals its transpose."""
    return bool(matrix_of(A).is_symmetric())


@macro()
def rowcol_latex(A: Any, B: Any, i: Any, j: Any, places: Any = None) -> str:
    """Row i of A times column j of B written out (0-based): (2)(1) + (-3)(4) + ...; decimals (at most `places`) if given."""
    A, B = matrix_of(A), matrix_of(B)
    i, j = int(i), int(j)
    if A.cols != B.rows:
        raise SandboxError("rowcol_latex(): inner sizes differ")

    def show(v: Any) -> str:
        if places is None:
            return sympy.latex(v)
        text = format_decimal(v, int(places))
        return text.rstrip("0").rstrip(".") if "." in text else text  # 0.80 -> 0.8

    return " + ".join(f"({show(A[i, t])})({show(B[t, j])})" for t in range(A.cols))


_UNKNOWN_NAME = re.compile(r"[A-Za-z](_[0-9])?")


@macro(strings_ok=True)
def system_latex(A: Any, b: Any, unknowns: Any = None) -> str:
    """The system A x = b as aligned equations in x, y, z (n <= 3), or in the given unknowns (a letter with an optional digit subscript: ['c_1', 'c_2'])."""
    A, b = matrix_of(A), matrix_of(b)
    if A.rows != b.rows or A.cols > 3:
        raise SandboxError("system_latex() needs an n x (<=3) matrix and n right-hand sides")
    names = "xyz" if unknowns is None else list(unknowns)
    if len(names) < A.cols or not all(isinstance(v, str) and _UNKNOWN_NAME.fullmatch(v) for v in names):
        raise SandboxError("system_latex() unknowns are one letter each, optionally with a digit subscript (c_1)")
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


def _square(A: sympy.Matrix) -> bool:
    return A.rows == A.cols


@macro()
def is_square(A: Any) -> bool:
    """Whether A has as many rows as columns."""
    return _square(matrix_of(A))


@macro()
def is_diagonal(A: Any) -> bool:
    """Square with every off-diagonal entry zero."""
    A = matrix_of(A)
    return _square(A) and all(A[i, j] == 0 for i in range(A.rows) for j in range(A.cols) if i != j)


@macro()
def is_upper_triangular(A: Any) -> bool:
    """Square with every entry below the main diagonal zero."""
    A = matrix_of(A)
    return _square(A) and all(A[i, j] == 0 for i in range(A.rows) for j in range(A.cols) if i > j)


@macro()
def is_lower_triangular(A: Any) -> bool:
    """Square with every entry above the main diagonal zero."""
    A = matrix_of(A)
    return _square(A) and all(A[i, j] == 0 for i in range(A.rows) for j in range(A.cols) if i < j)


@macro()
def is_identity(A: Any) -> bool:
    """Square with ones on the diagonal and zeros elsewhere."""
    A = matrix_of(A)
    return _square(A) and A == sympy.eye(A.rows)


@macro(strings_ok=True)
def off_diagonal(A: Any, side: Any) -> list:
    """Entries strictly 'below' or 'above' the main diagonal, row by row."""
    if side not in ("below", "above"):
        raise SandboxError("off_diagonal() side must be 'below' or 'above'")
    A = matrix_of(A)
    below = side == "below"
    return [A[i, j] for i in range(A.rows) for j in range(A.cols) if (i > j if below else i < j)]


STRUCTURE_KINDS = ("diagonal", "scalar", "identity", "upper", "lower", "symmetric", "general", "rectangular")


def _nz(rng: Any, hi: int = 9) -> int:
    """A non-zero integer of magnitude 1..hi (the same draw as signed(1, hi))."""
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


def naive_shape(expr: Any, shapes: Sequence[Any]) -> tuple:
    """The shape a student gets by ignoring the inner sizes (rows of the first factor x columns of the last)."""
    table = _shape_table(shapes)
    first = _parse_shape_expr(expr)[0]
    return (_factor_shape(table, first[0])[0], _factor_shape(table, first[-1])[1])


@macro(strings_ok=True)
def shape_claim(expr: Any, shapes: Sequence[Any], reverse: Any) -> tuple:
    """A claimed shape: the true one, or reversed when `reverse`; for an undefined expression, the naive one."""
    true = shape_of(expr, shapes)
    if not true:
        return naive_shape(expr, shapes)
    return (true[1], true[0]) if reverse is True else true


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


def fraction_rows(A: Any) -> list[list[Fraction]]:
    """A matrix (SymPy or nested lists) as rows of Fractions."""
    if isinstance(A, sympy.MatrixBase):
        return [[to_fraction(A[i, j]) for j in range(A.cols)] for i in range(A.rows)]
    if isinstance(A, (list, tuple)) and A and all(isinstance(r, (list, tuple, sympy.MatrixBase)) for r in A):
        return [[to_fraction(v) for v in r] for r in A]
    raise SandboxError("expected a matrix or a list of rows")


def fraction_vector(v: Any) -> list[Fraction]:
    """A vector or list as a list of Fractions."""
    if isinstance(v, sympy.MatrixBase):
        return [to_fraction(x) for x in v]
    if isinstance(v, (list, tuple)):
        return [to_fraction(x) for x in v]
    raise SandboxError("expected a vector or a list")


def solve_exact(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction]:
    """Solve the square system M x = b exactly by Gauss-Jordan elimination."""
    n = len(M)
    A = [row[:] + [b[i]] for i, row in enumerate(M)]
    for c in range(n):
        pivot = next((r for r in range(c, n) if A[r][c] != 0), None)
        if pivot is None:
            raise SandboxError("singular system")
        A[c], A[pivot] = A[pivot], A[c]
        p = A[c][c]
        A[c] = [v / p for v in A[c]]
        for r in range(n):
            if r != c and A[r][c] != 0:
                f = A[r][c]
                A[r] = [x - f * y for x, y in zip(A[r], A[c])]
    return [A[i][n] for i in range(n)]


def det_exact(M: list[list[Fraction]]) -> Fraction:
    """Exact determinant by fraction-valued Gaussian elimination."""
    A = [row[:] for row in M]
    n, det = len(A), Fraction(1)
    for c in range(n):
        pivot = next((r for r in range(c, n) if A[r][c] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != c:
            A[c], A[pivot] = A[pivot], A[c]
            det = -det
        det *= A[c][c]
        for r in range(c + 1, n):
            f = A[r][c] / A[c][c]
            A[r] = [x - f * y for x, y in zip(A[r], A[c])]
    return det


# ---- Laws of matrix algebra: which rules of number algebra survive for matrices ----


class LawStatements(Record):
    """Statements about all n x n matrices: `names` (codes of MATRIX_LAWS), their LaTeX `texts`,
    whether each holds (`truths`) and a one-line `reasons` each (a proof idea or a counterexample)."""

    names: list
    texts: list
    truths: list
    reasons: list


# code -> (statement, holds for all square matrices?, why). The checks re-test each code numerically.
MATRIX_LAWS = {
    "transpose_product": (r"$(AB)^T = B^TA^T$", True,
                          r"$(AB)^T = B^TA^T$ holds: the transpose reverses the order of a product"),
    "distributive": (r"$A(B + C) = AB + AC$", True, r"$A(B + C) = AB + AC$ holds: products distribute over sums"),
    "associative": (r"$(AB)C = A(BC)$", True, r"$(AB)C = A(BC)$ holds: matrix multiplication is associative"),
    "transpose_sum": (r"$(A + B)^T = A^T + B^T$", True, r"$(A + B)^T = A^T + B^T$ holds entry by entry"),
    "transpose_square": (r"$(A^2)^T = (A^T)^2$", True,
                         r"$(A^2)^T = (AA)^T = A^TA^T = (A^T)^2$ holds"),
    "scalar_moves": (r"$A(kB) = k(AB)$ for every number $k$", True,
                     r"$A(kB) = k(AB)$ holds: a scalar can be moved through a product"),
    "square_of_sum_full": (r"$(A + B)^2 = A^2 + AB + BA + B^2$", True,
                           r"$(A + B)^2 = A^2 + AB + BA + B^2$ holds: expand keeping the order of the factors"),
    "trace_commutes": (r"$\operatorname{tr}(AB) = \operatorname{tr}(BA)$", True,
                       r"$\operatorname{tr}(AB) = \sum_{i,j} a_{ij}b_{ji} = \operatorname{tr}(BA)$ holds"),
    "transpose_same_order": (r"$(AB)^T = A^TB^T$", False,
                             r"$(AB)^T = A^TB^T$ fails: the correct rule is $(AB)^T = B^TA^T$, and $A^TB^T \neq B^TA^T$ in general"),
    "square_of_sum": (r"$(A + B)^2 = A^2 + 2AB + B^2$", False,
                      r"$(A + B)^2 = A^2 + 2AB + B^2$ fails: the middle terms are $AB + BA$, which is $2AB$ only when $AB = BA$"),
    "commutative": (r"$AB = BA$", False,
                    r"$AB = BA$ fails: for $A = \left(\begin{smallmatrix}0 & 1\\ 0 & 0\end{smallmatrix}\right)$, $B = A^T$ the products differ"),
    "zero_product": (r"if $AB = 0$, then $A = 0$ or $B = 0$", False,
                     r"$AB = 0 \Rightarrow A = 0$ or $B = 0$ fails: $A = B = \left(\begin{smallmatrix}0 & 1\\ 0 & 0\end{smallmatrix}\right)$ give $AB = 0$"),
    "difference_of_squares": (r"$(A + B)(A - B) = A^2 - B^2$", False,
                              r"$(A + B)(A - B) = A^2 - AB + BA - B^2$, so $A^2 - B^2$ fails unless $AB = BA$"),
    "cancellation": (r"if $AB = AC$ and $A \neq 0$, then $B = C$", False,
                     r"cancelling $A$ fails: $A = \left(\begin{smallmatrix}1 & 0\\ 0 & 0\end{smallmatrix}\right)$ kills the second row of $B - C$"),
    "nilpotent": (r"if $A^2 = 0$, then $A = 0$", False,
                  r"$A^2 = 0 \Rightarrow A = 0$ fails: $A = \left(\begin{smallmatrix}0 & 1\\ 0 & 0\end{smallmatrix}\right)$ has $A^2 = 0$"),
    "square_of_product": (r"$(AB)^2 = A^2B^2$", False,
                          r"$(AB)^2 = ABAB$, which is $A^2B^2$ only when $BA = AB$: it fails in general"),
}


@macro(needs_rng=True)
def matrix_law_statements(rng: Any, count: Any = 5) -> LawStatements:
    """LawStatements: `count` (4..6) statements from MATRIX_LAWS, at least two true and two false, in random order."""
    n = as_int(count, "matrix_law_statements")
    if not 4 <= n <= 6:
        raise SandboxError("matrix_law_statements() takes 4 to 6 statements")
    true_names = [k for k, v in MATRIX_LAWS.items() if v[1]]
    false_names = [k for k, v in MATRIX_LAWS.items() if not v[1]]
    n_true = rng.integer(2, n - 2)
    names = rng.shuffled(rng.sample(true_names, n_true) + rng.sample(false_names, n - n_true))
    return LawStatements(names, [MATRIX_LAWS[k][0] for k in names], [MATRIX_LAWS[k][1] for k in names],
                         [MATRIX_LAWS[k][2] for k in names])


# ---- Selection and permutation matrices ----


@macro()
def permutation_matrix(order: Any) -> sympy.Matrix:
    """The n x n permutation matrix P with P X = the rows of X in the given (0-based) order: P[i, order[i]] = 1."""
    perm = [as_int(v, "permutation_matrix") for v in list(order)]
    n = len(perm)
    if not 1 <= n <= MAX_OPERATION_DIM or sorted(perm) != list(range(n)):
        raise SandboxError(f"permutation_matrix() needs an ordering of 0..n-1 (n at most {MAX_OPERATION_DIM})")
    return sympy.Matrix(n, n, lambda i, j: int(perm[i] == j))


@macro()
def one_hot(n: Any, k: Any) -> sympy.Matrix:
    """The one-hot row vector of length n with a 1 at (0-based) position k."""
    size, pos = _size(n, "one_hot"), as_int(k, "one_hot")
    if not 0 <= pos < size:
        raise SandboxError("one_hot() position outside the vector")
    return sympy.Matrix(1, size, lambda i, j: int(j == pos))


# ---- Gauss-Jordan elimination written out, and matrices singular at chosen parameter values ----


class Elimination(Record):
    """Gauss-Jordan elimination of [A | I]: the row operations in order (`steps`, LaTeX such as
    R_2 \to R_2 - 2R_1) and the inverse they produce (`inverse`)."""

    steps: list
    inverse: sympy.Matrix


def _op_latex(kind: str, i: int, j: int = 0, c: Fraction = Fraction(1)) -> str:
    def coef(v: Fraction) -> str:
        v = abs(v)
        if v == 1:
            return ""
        return str(v.numerator) if v.denominator == 1 else r"\tfrac{%d}{%d}" % (v.numerator, v.denominator)

    if kind == "swap":
        return rf"R_{i + 1} \leftrightarrow R_{j + 1}"
    if kind == "scale":
        sign = "-" if c < 0 else ""
        return rf"R_{i + 1} \to {sign}{coef(c)}R_{i + 1}"
    sign = "-" if c > 0 else "+"             # row i -= c row j
    return rf"R_{i + 1} \to R_{i + 1} {sign} {coef(c)}R_{j + 1}"


@macro()
def gauss_jordan_steps(A: Any) -> Elimination:
    """Elimination (steps, inverse): reduce [A | I] to [I | A^-1] by hand's rules.

    Column by column: if the column holds integers but no +-1, subtract whole multiples of the row
    with the smallest entry from the others until a +-1 appears (this avoids fractions whenever the
    column's entries have no common factor); bring up a pivot (a +-1 if there is one, else the
    smallest entry), make it 1, clear the rest of its column. Exact fractions; a singular A is an error.
    """
    M = fraction_rows(matrix_of(A))
    n = len(M)
    if n > 4 or any(len(r) != n for r in M):
        raise SandboxError("gauss_jordan_steps() needs a square matrix of size at most 4")
    aug = [r[:] + [Fraction(int(i == j)) for j in range(n)] for i, r in enumerate(M)]
    steps: list[str] = []
    for c in range(n):
        for _ in range(20):     # integer column without a +-1: reduce rows by whole multiples (Euclid) until one appears
            rows_ = [r for r in range(c, n) if aug[r][c] != 0]
            if not rows_ or any(abs(aug[r][c]) == 1 for r in rows_) or \
                    any(aug[r][c].denominator != 1 for r in rows_) or len(rows_) < 2:
                break
            p = min(rows_, key=lambda r: abs(aug[r][c]))
            for r in rows_:
                q = round(aug[r][c] / aug[p][c]) if r != p else 0
                if q:
                    aug[r] = [a - q * b for a, b in zip(aug[r], aug[p])]
                    steps.append(_op_latex("add", r, p, Fraction(q)))
        rows_ = [r for r in range(c, n) if aug[r][c] != 0]
        if not rows_:
            raise SandboxError("gauss_jordan_steps(): the matrix is singular")
        ones = [r for r in rows_ if abs(aug[r][c]) == 1]
        p = ones[0] if ones else min(rows_, key=lambda r: abs(aug[r][c]))
        if p != c:
            aug[c], aug[p] = aug[p], aug[c]
            steps.append(_op_latex("swap", c, p))
        pivot = aug[c][c]
        if pivot != 1:
            aug[c] = [v / pivot for v in aug[c]]
            steps.append(_op_latex("scale", c, c=1 / pivot))
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[c])]
                steps.append(_op_latex("add", r, c, f))
    inverse = sympy.Matrix(n, n, lambda i, j: sympy.Rational(aug[i][n + j].numerator, aug[i][n + j].denominator))
    return Elimination(steps, inverse)


class ParamMatrix(Record):
    """A square matrix with a parameter in some entries (`matrix`), the parameter values that
    make it singular (`roots`, increasing), and its determinant expanded (`det`) and factored
    (`det_factored`)."""

    matrix: sympy.Matrix
    roots: list
    det: Any
    det_factored: Any


def _det3(m: list[list[int]]) -> int:
    return (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))


@macro(needs_rng=True)
def singular_at_two_values(rng: Any, k: Any, max_entry: Any = 4, max_root: Any = 6) -> ParamMatrix:
    """ParamMatrix (matrix, roots): a 3 x 3 integer matrix with k added to two entries in different rows
    and columns, whose determinant is a quadratic in k with two distinct integer roots in [-max_root, max_root].
    """
    if not isinstance(k, sympy.Symbol):
        raise SandboxError("singular_at_two_values() needs a symbol for the parameter")
    top, rmax = as_int(max_entry, "singular_at_two_values"), as_int(max_root, "singular_at_two_values")
    if not 2 <= top <= 6 or not 2 <= rmax <= 10:
        raise SandboxError("singular_at_two_values() needs max_entry 2..6 and max_root 2..10")
    for _ in range(20 * _ATTEMPTS):
        M = [[rng.integer(-top, top) for _ in range(3)] for _ in range(3)]
        r1, r2 = rng.sample([0, 1, 2], 2)
        c1, c2 = rng.sample([0, 1, 2], 2)
        if sum(v == 0 for row_ in M for v in row_) > 2:
            continue

        def det_at(t: int) -> int:
            m = [row_[:] for row_ in M]
            m[r1][c1] += t
            m[r2][c2] += t
            return _det3(m)

        d0, dp, dm = det_at(0), det_at(1), det_at(-1)
        a2, a1 = (dp + dm - 2 * d0) // 2, (dp - dm) // 2    # det = a2 k^2 + a1 k + d0 exactly
        if a2 == 0:
            continue
        disc = a1 * a1 - 4 * a2 * d0
        if disc <= 0:
            continue
        root = int(disc ** 0.5 + 0.5)
        if root * root != disc or (-a1 + root) % (2 * a2) or (-a1 - root) % (2 * a2):
            continue
        roots = sorted(((-a1 - root) // (2 * a2), (-a1 + root) // (2 * a2)))
        if max(abs(r) for r in roots) > rmax:
            continue
        A = sympy.Matrix(M)
        A[r1, c1] += k
        A[r2, c2] += k
        expanded = a2 * k**2 + a1 * k + d0
        factored = sympy.Mul(a2, k - roots[0], k - roots[1])
        return ParamMatrix(A, roots, expanded, factored)
    raise SandboxError("could not build a matrix singular at two integer values")  # pragma: no cover


# ---- Row operations and what they do to a determinant ----


class RowOperations(Record):
    """A sequence of elementary row operations: `codes` (each [kind, i, j, c] with kind 'swap', 'scale'
    or 'add', 0-based rows: swap rows i and j; multiply row i by c; add c times row j to row i),
    their LaTeX `texts`, what each multiplies a determinant by (`factors`) and the product (`factor`)."""

    codes: list
    texts: list
    factors: list
    factor: Any


@macro(needs_rng=True)
def row_operation_sequence(rng: Any, n: Any = 3, count: Any = 3) -> RowOperations:
    """RowOperations: `count` (2..5) row operations on an n x n matrix, at least one 'add' (which leaves the
    determinant alone) and at least one swap or scaling; scalings by 2, 3, -1, -2, 1/2 or -3."""
    size, k = as_int(n, "row_operation_sequence"), as_int(count, "row_operation_sequence")
    if not 2 <= size <= 5 or not 2 <= k <= 5:
        raise SandboxError("row_operation_sequence() needs n in 2..5 and count in 2..5")
    for _ in range(_ATTEMPTS):
        kinds = [rng.choice(("swap", "scale", "add")) for _ in range(k)]
        if "add" not in kinds or kinds.count("add") == k:
            continue
        codes, texts, factors = [], [], []
        for kind in kinds:
            i, j = rng.sample(list(range(size)), 2)
            if kind == "swap":
                codes.append(["swap", i, j, 1])
                texts.append(rf"swap rows {i + 1} and {j + 1}")
                factors.append(sympy.Integer(-1))
            elif kind == "scale":
                c = rng.choice((2, 3, -1, -2, sympy.Rational(1, 2), -3))
                codes.append(["scale", i, i, c])
                texts.append(rf"multiply row {i + 1} by ${sympy.latex(c)}$")
                factors.append(to_sympy(c))
            else:
                c = rng.choice((2, 3, -1, -2, 4, -3))
                codes.append(["add", i, j, c])
                texts.append(rf"add ${sympy.latex(c)}$ times row {j + 1} to row {i + 1}")
                factors.append(sympy.Integer(1))
        return RowOperations(codes, texts, factors, sympy.Mul(*factors))
    raise SandboxError("could not draw row operations")  # pragma: no cover
