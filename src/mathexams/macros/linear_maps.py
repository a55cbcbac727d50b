"""Linear maps of the plane: the standard maps by name, their matrices and words, and pairs that do not commute.

A map is named by a string from `TRANSFORMATIONS` (the checks' geometric re-implementation uses
the same names); stretches and shears take a factor k. The matrices act on column vectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, latex_of, macro, round_decimal, to_sympy
from .matrices import unimodular_matrix
from .vectors import PYTHAGOREAN

_ATTEMPTS = 2000

# The maps in a fixed order (the order in which pairs of maps are drawn).
TRANSFORMATIONS = (
    "rotate_90", "rotate_180", "rotate_270",                 # counter-clockwise, about the origin
    "reflect_x_axis", "reflect_y_axis", "reflect_y_eq_x", "reflect_y_eq_minus_x",
    "stretch_x", "stretch_y",                                 # by the factor k along one axis
    "shear_x", "shear_y",                                     # (x + k y, y) and (x, y + k x)
    "rotate", "rotate_cw",                                    # by k degrees, counter-clockwise / clockwise
    "scale",                                                  # by the factor k in every direction
    "project_x_axis", "project_y_axis",                       # orthogonal projection onto an axis
)
# The maps whose pairs `noncommuting_maps` draws (the first eleven; recorded seeds replay).
_COMPOSABLE = TRANSFORMATIONS[:11]


class MapPair(Record):
    """Two plane maps (names from TRANSFORMATIONS) with their factors, applied first then second."""

    first: str
    first_factor: Any
    second: str
    second_factor: Any


def _name(name: Any) -> str:
    if name not in TRANSFORMATIONS:
        raise SandboxError(f"unknown plane map {name!r}; the maps are {', '.join(TRANSFORMATIONS)}")
    return name


@macro(strings_ok=True)
def transformation_matrix(name: Any, k: Any = 1) -> sympy.Matrix:
    """Standard matrix of a plane map by name (see TRANSFORMATIONS); k is the factor of a stretch or shear."""
    c, k = _name(name), to_sympy(k)
    if c in ("rotate", "rotate_cw"):
        t = sympy.pi * k / 180 * (1 if c == "rotate" else -1)   # exact: cos(pi/6) is sqrt(3)/2
        return sympy.Matrix([[sympy.cos(t), -sympy.sin(t)], [sympy.sin(t), sympy.cos(t)]])
    rows_ = {
        "rotate_90": [[0, -1], [1, 0]], "rotate_180": [[-1, 0], [0, -1]], "rotate_270": [[0, 1], [-1, 0]],
        "reflect_x_axis": [[1, 0], [0, -1]], "reflect_y_axis": [[-1, 0], [0, 1]],
        "reflect_y_eq_x": [[0, 1], [1, 0]], "reflect_y_eq_minus_x": [[0, -1], [-1, 0]],
        "stretch_x": [[k, 0], [0, 1]], "stretch_y": [[1, 0], [0, k]], "shear_x": [[1, k], [0, 1]],
        "shear_y": [[1, 0], [k, 1]], "scale": [[k, 0], [0, k]],
        "project_x_axis": [[1, 0], [0, 0]], "project_y_axis": [[0, 0], [0, 1]],
    }[c]
    return sympy.Matrix(rows_)


def _factor_choices(name: str) -> tuple[int, ...]:
    if name.startswith("stretch"):
        return (2, 3)
    return (-3, -2, -1, 1, 2, 3) if name.startswith("shear") else (1,)


@cache
def _noncommuting_pairs() -> tuple[tuple[str, int, str, int], ...]:
    """Every (map1, k1, map2, k2) of maps other than the 180-degree rotation whose matrices do not commute."""
    names = [c for c in _COMPOSABLE if c != "rotate_180"]
    out = []
    for c1 in names:
        for c2 in names:
            if c1 == c2:
                continue
            for k1 in _factor_choices(c1):
                for k2 in _factor_choices(c2):
                    M1, M2 = transformation_matrix(c1, k1), transformation_matrix(c2, k2)
                    if M1 * M2 != M2 * M1:
                        out.append((c1, k1, c2, k2))
    return tuple(out)


@macro(needs_rng=True)
def noncommuting_maps(rng: Any) -> MapPair:
    """MapPair (first, first_factor, second, second_factor): two different plane maps whose matrices do not commute.

    Each pair of maps is equally likely, whatever the number of factors it allows.
    """
    pairs = _noncommuting_pairs()
    order = {name: i for i, name in enumerate(TRANSFORMATIONS)}
    names = sorted({(c1, c2) for c1, _, c2, _ in pairs}, key=lambda pair: (order[pair[0]], order[pair[1]]))
    c1, c2 = rng.choice(names)
    return MapPair(*rng.choice([p for p in pairs if p[0] == c1 and p[2] == c2]))


def _term(k: Any, var: str) -> str:
    """'+ 2y', '- 3y', '+ y', '- y': a term written after another one."""
    sign = "-" if k < 0 else "+"
    mag = abs(k)
    return f"{sign} {var}" if mag == 1 else f"{sign} {sympy.latex(mag)}{var}"


@macro(strings_ok=True)
def transformation_text(name: Any, k: Any = 1) -> str:
    """LaTeX words for a plane map by name (see transformation_matrix), with its convention."""
    c, k = _name(name), to_sympy(k)
    kl = sympy.latex(k)
    return {
        "rotate_90": r"the rotation about the origin by $90^\circ$ counter-clockwise",
        "rotate_180": r"the rotation about the origin by $180^\circ$",
        "rotate_270": r"the rotation about the origin by $270^\circ$ counter-clockwise",
        "reflect_x_axis": r"the reflection across the $x$-axis",
        "reflect_y_axis": r"the reflection across the $y$-axis",
        "reflect_y_eq_x": r"the reflection across the line $y = x$",
        "reflect_y_eq_minus_x": r"the reflection across the line $y = -x$",
        "stretch_x": rf"the stretch by the factor ${kl}$ along the $x$-axis, $(x, y) \mapsto ({kl}x, y)$",
        "stretch_y": rf"the stretch by the factor ${kl}$ along the $y$-axis, $(x, y) \mapsto (x, {kl}y)$",
        "shear_x": rf"the horizontal shear $(x, y) \mapsto (x {_term(k, 'y')}, y)$",
        "shear_y": rf"the vertical shear $(x, y) \mapsto (x, y {_term(k, 'x')})$",
        "rotate": rf"the rotation about the origin by ${kl}^\circ$ counter-clockwise",
        "rotate_cw": rf"the rotation about the origin by ${kl}^\circ$ clockwise",
        "scale": rf"the scaling by the factor ${kl}$, $(x, y) \mapsto ({kl}x, {kl}y)$",
        "project_x_axis": r"the orthogonal projection onto the $x$-axis",
        "project_y_axis": r"the orthogonal projection onto the $y$-axis",
    }[c]


@macro(needs_rng=True)
def lattice_triangle(rng: Any, lo: Any = -3, hi: Any = 3) -> list:
    """Three integer points in [lo, hi]^2, not collinear, listed counter-clockwise."""
    lo, hi = as_int(lo, "lattice_triangle"), as_int(hi, "lattice_triangle")
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


@macro(needs_rng=True)
def rational_rotation(rng: Any) -> sympy.Matrix:
    """2x2 rotation matrix with rational entries (cos, sin from a Pythagorean triple)."""
    a, b = rng.choice(PYTHAGOREAN[2])
    c = a * a + b * b
    r = int(sympy.sqrt(c))
    cos, sin = sympy.Rational(a, r), sympy.Rational(b, r)
    if rng.below(2):
        cos, sin = sin, cos
    sin = sin * rng.choice((-1, 1))
    return sympy.Matrix([[cos, -sin], [sin, cos]])


@macro(needs_rng=True)
def map_matrix_2x2(rng: Any, max_entry: Any = 3) -> sympy.Matrix:
    """A 2x2 integer matrix with determinant +-1 whose transpose, inverse and column swap are four different matrices.

    So it is not symmetric, not an involution and not orthogonal: each of those mistakes shows.
    """
    for _ in range(200):
        A = unimodular_matrix(rng, 2, max_entry)
        At, Ai, S = A.T, A.inv(), A[:, [1, 0]]
        if len({tuple(M) for M in (A, At, Ai, S)}) == 4:
            return A
    raise SandboxError("map_matrix_2x2(): no suitable matrix found")


# ---------------------------------------------------------------------------------------------
# Weeks 9-10: affine maps of image coordinates as 3x3 homogeneous matrices.
# ---------------------------------------------------------------------------------------------

# Steps of an affine map: a uniform scaling about the origin, a translation, or a map of TRANSFORMATIONS.
AFFINE_STEPS = ("scale", "translate")
_STEP_MAPS = ("rotate_90", "rotate_180", "rotate_270", "reflect_x_axis", "reflect_y_axis", "reflect_y_eq_x")


class AffineSteps(Record):
    """Three steps applied in order (a scaling, a rotation or reflection, a translation) and their homogeneous matrix."""

    names: list             # step names in the order applied: 'scale', 'translate' or a TRANSFORMATIONS name
    amounts: list           # per step [a, b]: [k, k] for 'scale', [tx, ty] for 'translate', [0, 0] otherwise
    matrix: sympy.Matrix    # 3 x 3 homogeneous matrix of the whole map (the last step's matrix leftmost)
    matrices: list          # the 3 x 3 matrix of each step, in the order applied
    text: str               # LaTeX words: the steps in order, joined by "then"


def homogeneous(M2: sympy.Matrix, t: Sequence[Any] = (0, 0)) -> sympy.Matrix:
    """The 3x3 homogeneous matrix [[M2, t], [0 0 1]] of x -> M2 x + t."""
    return sympy.Matrix([[M2[0, 0], M2[0, 1], t[0]], [M2[1, 0], M2[1, 1], t[1]], [0, 0, 1]])


def _step_words(name: str, amount: Sequence[Any]) -> str:
    if name == "scale":
        return rf"scale by the factor ${amount[0]}$ about the origin"
    if name == "translate":
        return rf"translate by $({amount[0]}, {amount[1]})$"
    return transformation_text(name).replace("the ", "", 1).replace("rotation", "rotate", 1).replace(
        "reflection", "reflect", 1)


@macro(needs_rng=True)
def affine_steps(rng: Any) -> AffineSteps:
    """AffineSteps (names, amounts, matrix, matrices, text): scale by 2 or 3, a rotation or reflection, a translation, in random order.

    Translations have non-zero integer components in -6..6; points are column vectors (x, y, 1).
    """
    k = rng.choice((2, 3))
    linear = rng.choice(_STEP_MAPS)
    t = [rng.choice([v for v in range(-6, 7) if v]) for _ in range(2)]
    steps = rng.shuffled([("scale", [k, k]), (linear, [0, 0]), ("translate", t)])
    mats = []
    for name, amount in steps:
        if name == "scale":
            mats.append(homogeneous(sympy.Matrix([[k, 0], [0, k]])))
        elif name == "translate":
            mats.append(homogeneous(sympy.eye(2), amount))
        else:
            mats.append(homogeneous(transformation_matrix(name)))
    total = mats[2] * mats[1] * mats[0]
    text = ", then ".join(_step_words(n, a) for n, a in steps)
    return AffineSteps([n for n, _ in steps], [[sympy.Integer(v) for v in a] for _, a in steps], total, mats, text)


# ---------------------------------------------------------------------------------------------
# Weeks 9-10: what transformations of data keep (a catalogue of true/false claims with numbers).
# ---------------------------------------------------------------------------------------------

INVARIANCE_CLAIMS = ("scale_variance", "centre_covariance", "rotation_total_variance", "rotation_distance",
                     "knn_scaling", "rotation_angle", "unit_correlation", "standardise_covariance")


class InvarianceClaim(Record):
    """One claim of INVARIANCE_CLAIMS with its numbers: the text shows them, the check recomputes the truth."""

    kind: str               # a name from INVARIANCE_CLAIMS
    truth: bool
    text: str               # LaTeX of the claim
    numbers: list           # the claim's numbers, in the order the check for its kind reads them
    reason: str             # LaTeX of why it holds or fails, for the worked solution


_UNIT_CHANGES = (("centimetres", "metres", sympy.Rational(1, 100)), ("grams", "kilograms", sympy.Rational(1, 1000)),
                 ("metres", "centimetres", sympy.Integer(100)), ("hours", "minutes", sympy.Integer(60)),
                 ("kilometres", "metres", sympy.Integer(1000)))


def _num(v: Any) -> str:
    """A rational as a short decimal when it terminates, else LaTeX."""
    r = to_sympy(v)
    for k in range(0, 9):
        scaled = r * 10**k
        if scaled.is_Integer:
            digits = str(abs(int(scaled))).rjust(k + 1, "0")
            return ("-" if r < 0 else "") + (digits[:-k] + "." + digits[-k:] if k else digits)
    return sympy.latex(r)


def _covariance(rng: Any) -> tuple[int, int, int]:
    """An integer positive definite covariance [[a, b], [b, d]] with b != 0."""
    while True:
        a, d, b = rng.integer(2, 20), rng.integer(2, 20), rng.choice([v for v in range(-8, 9) if v])
        if a * d - b * b > 0:
            return a, b, d


def _ml(M: sympy.Matrix) -> str:
    """A small matrix for running text: \\bigl(\\begin{smallmatrix} ... \\end{smallmatrix}\\bigr)."""
    def cell(v: Any) -> str:
        v = to_sympy(v)
        return f"{v.p}/{v.q}" if v.is_Rational and v.q != 1 else latex_of(v)
    rows = [" & ".join(cell(M[i, j]) for j in range(M.cols)) for i in range(M.rows)]
    return r"\bigl(\begin{smallmatrix}" + r" \\ ".join(rows) + r"\end{smallmatrix}\bigr)"


@macro(needs_rng=True)
def invariance_claim(rng: Any) -> InvarianceClaim:
    """InvarianceClaim (kind, truth, text, numbers, reason): a claim drawn from INVARIANCE_CLAIMS, true in half the draws.

    Each false version encodes a misconception (variance scales like the data, centring changes the
    covariance, a rotation keeps each variance, a shear keeps distances, rescaling a feature keeps
    nearest neighbours, stretching keeps angles, a change of units changes the correlation,
    standardised data have identity covariance).
    """
    kind = rng.choice(INVARIANCE_CLAIMS)
    truth = bool(rng.below(2))
    if kind == "scale_variance":
        u1, u2, c = rng.choice(_UNIT_CHANGES)
        V = rng.integer(12, 90)
        claimed = V * c * c if truth else V * c
        text = (rf"A feature measured in {u1} has sample variance ${V}$ (in {u1} squared). After converting it to {u2}, "
                rf"that is, multiplying every value by ${_num(c)}$, its sample variance is ${_num(claimed)}$.")
        reason = rf"Variances scale with the square of the factor: ${V} \cdot ({_num(c)})^2 = {_num(V * c * c)}$."
        return InvarianceClaim(kind, truth, text, [V, c, claimed], reason)
    if kind == "centre_covariance":
        a, b, d = _covariance(rng)
        m1, m2 = rng.choice([v for v in range(-9, 10) if v]), rng.choice([v for v in range(1, 30)])
        S = sympy.Matrix([[a, b], [b, d]])
        verb = "leaves the sample covariance matrix equal to" if truth else "changes the sample covariance matrix"
        text = (rf"A data set of two features has column means $({m1}, {m2})$ and sample covariance matrix $S = {_ml(S)}$. "
                rf"Subtracting the column means from every row {verb}{' $S$' if truth else ' $S$'}.")
        reason = r"Covariances are computed from deviations from the mean, which centring does not change."
        return InvarianceClaim(kind, truth, text, [a, b, d, m1, m2, int(not truth)], reason)
    if kind == "rotation_total_variance":
        for _ in range(100):
            a, b, d = _covariance(rng)
            Q = rational_rotation(rng)
            R = Q * sympy.Matrix([[a, b], [b, d]]) * Q.T
            if R[0, 0] != a:
                break
        if truth:
            claim = rf"the total variance (the sum of the variances of the two new features) is still ${a + d}$"
            reason = r"The total variance is the trace, and $\operatorname{tr}(QSQ^\top) = \operatorname{tr}(S)$ for orthogonal $Q$."
        else:
            claim = rf"the first new feature still has variance ${a}$"
            reason = rf"Each variance changes: the first new feature has variance $(QSQ^\top)_{{11}} = {sympy.latex(R[0, 0])}$; only the total is kept."
        text = (rf"Data with sample covariance matrix $S = {_ml(sympy.Matrix([[a, b], [b, d]]))}$ are rotated: every point $x$ "
                rf"becomes $Qx$ with $Q = {_ml(Q)}$. Then {claim}.")
        return InvarianceClaim(kind, truth, text, [a, b, d, Q[0, 0], Q[1, 0], int(not truth)], reason)
    if kind == "rotation_distance":
        while True:
            p = [rng.integer(-5, 5) for _ in range(2)]
            q = [rng.integer(-5, 5) for _ in range(2)]
            if p == q:
                continue
            if truth:
                M = rational_rotation(rng)
                name = rf"rotated by $Q = {_ml(M)}$"
            else:
                k = rng.choice([-2, -1, 1, 2])
                M = sympy.Matrix([[1, k], [0, 1]])
                name = rf"sheared by $M = {_ml(M)}$"
            diff = sympy.Matrix([p[0] - q[0], p[1] - q[1]])
            d2, m2 = diff.dot(diff), (M * diff).dot(M * diff)
            if truth or m2 != d2:
                break
        dist = sympy.sqrt(d2)
        text = (rf"The data points $({p[0]}, {p[1]})$ and $({q[0]}, {q[1]})$ are {name}. The distance between the two new "
                rf"points is ${sympy.latex(dist)}$, the same as before.")
        reason = (r"Orthogonal matrices preserve lengths, so distances are kept." if truth else
                  rf"A shear is not orthogonal: the new distance is ${sympy.latex(sympy.sqrt(m2))}$.")
        return InvarianceClaim(kind, truth, text, p + q + list(M) + [dist], reason)
    if kind == "knn_scaling":
        c = rng.choice([10, 100])
        for _ in range(2000):
            pts = [[rng.integer(0, 9), rng.integer(0, 9)] for _ in range(3)]
            (x0, y0), (xa, ya), (xb, yb) = pts
            da = (xa - x0) ** 2 + (ya - y0) ** 2
            db = (xb - x0) ** 2 + (yb - y0) ** 2
            sa = (xa - x0) ** 2 + c * c * (ya - y0) ** 2
            sb = (xb - x0) ** 2 + c * c * (yb - y0) ** 2
            if 0 < da < db and sa != sb and (sa < sb) == truth and len({(xa, ya), (xb, yb), (x0, y0)}) == 3:
                break
        text = (rf"Of the points $A = ({xa}, {ya})$ and $B = ({xb}, {yb})$, $A$ is nearer to the query point $({x0}, {y0})$ "
                rf"in Euclidean distance. After the second feature of every point is multiplied by ${c}$ (a change of units), "
                rf"$A$ is still the nearer one.")
        reason = (rf"Squared distances become $(\Delta x)^2 + {c}^2(\Delta y)^2$: ${sa}$ for $A$ and ${sb}$ for $B$, so "
                  rf"{'$A$ stays nearer' if sa < sb else '$B$ becomes nearer'}. Rescaling one feature can change nearest neighbours.")
        return InvarianceClaim(kind, sa < sb, text, [x0, y0, xa, ya, xb, yb, c], reason)
    if kind == "rotation_angle":
        while True:
            u = [rng.integer(-4, 4) for _ in range(2)]
            v = [rng.integer(-4, 4) for _ in range(2)]
            if u[0] * v[1] - u[1] * v[0] == 0:
                continue
            if truth:
                M = rational_rotation(rng)
                name = rf"both multiplied by the rotation $Q = {_ml(M)}$"
            else:
                k = rng.choice([2, 3])
                M = sympy.Matrix([[k, 0], [0, 1]])
                name = rf"both stretched by the factor ${k}$ along the first axis"
            U, W = M * sympy.Matrix(u), M * sympy.Matrix(v)
            d0, n0 = u[0] * v[0] + u[1] * v[1], (u[0] ** 2 + u[1] ** 2) * (v[0] ** 2 + v[1] ** 2)
            d1, n1 = U.dot(W), U.dot(U) * W.dot(W)
            same = (d0 > 0) == (d1 > 0) and (d0 < 0) == (d1 < 0) and d0 * d0 * n1 == d1 * d1 * n0   # equal cosines, exactly
            if truth or not same:
                break
        cos0, cos1 = sympy.Integer(d0) / sympy.sqrt(n0), d1 / sympy.sqrt(n1)
        text = (rf"The vectors $u = ({u[0]}, {u[1]})$ and $v = ({v[0]}, {v[1]})$ are {name}. The angle between the two new "
                rf"vectors is the same as the angle between $u$ and $v$.")
        reason = (r"Rotations preserve dot products and lengths, hence angles (and cosine similarities)." if truth else
                  rf"Stretching one axis is not orthogonal: the cosine changes from ${sympy.latex(cos0)}$ "
                  rf"to ${sympy.latex(cos1)}$.")
        return InvarianceClaim(kind, truth, text, u + v + list(M), reason)
    if kind == "unit_correlation":
        r = sympy.Rational(rng.integer(20, 50), 100) * rng.choice([-1, 1])
        a, b, what = rng.choice(((sympy.Rational(9, 5), 32, r"from $^\circ$C to $^\circ$F ($F = 1.8\,C + 32$)"),
                                 (sympy.Rational(5, 9), sympy.Rational(-160, 9), r"from $^\circ$F to $^\circ$C ($C = (F - 32)/1.8$)"),
                                 (sympy.Rational(127, 50), 0, r"from inches to centimetres (multiply by 2.54)")))
        claimed = r if truth else round_decimal(a * r, 3)
        text = (rf"Two features have sample correlation $r = {_num(r)}$. After the first feature is converted {what}, "
                rf"their correlation is {'' if truth else 'about '}${_num(claimed)}$.")
        reason = (r"Correlation is unchanged by a change of units $x \mapsto a x + b$ with $a > 0$: it is computed from "
                  rf"standardised values. It stays ${_num(r)}$.")
        return InvarianceClaim(kind, truth, text, [r, a, b, claimed], reason)
    # standardise_covariance
    r = sympy.Rational(rng.integer(20, 80), 100) * rng.choice([-1, 1])
    off = _num(r) if truth else "0"
    text = (rf"Two features have sample correlation $r = {_num(r)}$. After each feature is standardised (centred and divided by "
            rf"its sample standard deviation), the sample covariance matrix of the data is "
            rf"$\begin{{pmatrix}}1 & {off}\\ {off} & 1\end{{pmatrix}}$.")
    reason = rf"Standardising makes the variances 1 but keeps the correlation: the covariance matrix becomes $\begin{{pmatrix}}1 & {_num(r)}\\ {_num(r)} & 1\end{{pmatrix}}$, the correlation matrix."
    return InvarianceClaim(kind, truth, text, [r, int(not truth)], reason)
