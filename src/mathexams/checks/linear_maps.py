"""Plane maps, checked geometrically: rotations and reflections as complex numbers, areas by the shoelace formula.

The maps are named as in the course's `linear_maps` macros; here each is re-implemented from its
geometric definition, not from its matrix.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..api import CheckFailed, check, to_float
from .comparisons import as_array, vector_of


# Each plane map by name, on points z = x + i y of the complex plane (k is the factor of a stretch or shear).
_ROTATIONS = {"rotate_90": 1, "rotate_180": 2, "rotate_270": 3}                # quarter turns
_REFLECTIONS = {"reflect_x_axis": 0.0, "reflect_y_axis": np.pi / 2,            # angle of the mirror line
                "reflect_y_eq_x": np.pi / 4, "reflect_y_eq_minus_x": -np.pi / 4}


def _image(name: str, k: float, z: np.ndarray) -> np.ndarray:
    if name in _ROTATIONS:                 # multiply by e^{i theta}
        return z * np.exp(1j * _ROTATIONS[name] * np.pi / 2)
    if name in _REFLECTIONS:               # across the line at angle phi: e^{2 i phi} conj(z)
        return np.exp(2j * _REFLECTIONS[name]) * np.conj(z)
    if name == "stretch_x":
        return k * z.real + 1j * z.imag
    if name == "stretch_y":
        return z.real + 1j * k * z.imag
    if name == "shear_x":
        return (z.real + k * z.imag) + 1j * z.imag
    if name == "shear_y":
        return z.real + 1j * (z.imag + k * z.real)
    if name in ("rotate", "rotate_cw"):    # by k degrees
        return z * np.exp((1j if name == "rotate" else -1j) * np.radians(k))
    if name == "scale":
        return k * z
    if name == "project_x_axis":
        return z.real + 0j
    if name == "project_y_axis":
        return 1j * z.imag
    raise CheckFailed(f"unknown plane map {name!r}")


@check(strings_ok=True)
def np_transform(name: Any, k: Any, points: Any) -> np.ndarray:
    """Apply a plane map by name (as in transformation_matrix) to points (a vector or a 2 x N array of columns) geometrically."""
    given = as_array(points)
    pts = given.reshape(2, 1) if given.ndim == 1 else given
    if pts.shape[0] != 2:
        raise CheckFailed("points must be 2-vectors (columns)")
    w = _image(str(name), to_float(k), pts[0] + 1j * pts[1])
    out = np.vstack([w.real, w.imag])
    return out.reshape(-1) if given.ndim == 1 else out


@check()
def np_apply(A: Any, points: Sequence[Any]) -> list:
    """The images A p of a list of points, each computed with NumPy."""
    a = as_array(A)
    return [a @ vector_of(p) for p in points]


@check()
def np_shoelace(points: Sequence[Any]) -> float:
    """Signed area of the polygon with these vertices in order (shoelace formula; > 0 counter-clockwise)."""
    pts = np.array([vector_of(p) for p in points], dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 2 or len(pts) < 3:
        raise CheckFailed("np_shoelace() needs at least three points in the plane")
    x, y = pts[:, 0], pts[:, 1]
    return float(0.5 * (x @ np.roll(y, -1) - y @ np.roll(x, -1)))
