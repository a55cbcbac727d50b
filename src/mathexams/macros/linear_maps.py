"""Linear maps of the plane: the standard maps by name, their matrices and words, and pairs that do not commute.

A map is named by a string from `TRANSFORMATIONS` (the checks' geometric re-implementation uses
the same names); stretches and shears take a factor k. The matrices act on column vectors.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, macro, to_sympy
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


@lru_cache(maxsize=None)
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
