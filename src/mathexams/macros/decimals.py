"""Decimals: exact values rounded for keys and for print, and numbers, vectors and matrices written as decimals.

One rounding rule serves the whole course (the engine's `round_decimal`: half away from zero,
exact for rationals): `approx` turns a closed form (erf, exp, a square root) into the exact
Rational of its rounded decimal, which prints and grades fast; the text helpers write what a
student sees.
"""

from __future__ import annotations

import math
from typing import Any

import sympy

from ..api import SandboxError, as_int, format_decimal, macro, round_decimal, to_sympy
from .matrices import matrix_of

MAX_PLACES = 40


def _places(places: Any, what: str, top: int = MAX_PLACES) -> int:
    p = as_int(places, what)
    if not 0 <= p <= top:
        raise SandboxError(f"{what}() places must be 0..{top}")
    return p


@macro()
def approx(value: Any, places: Any) -> sympy.Rational:
    """value rounded half away from zero to `places` decimals (0..40), as an exact Rational.

    For decimal keys and printed decimals of closed forms (erf, exp, surds): printing and grading
    a Rational is far faster than re-evaluating the closed form each time.
    """
    p = _places(places, "approx")
    try:
        return round_decimal(value, p)
    except ValueError:
        raise SandboxError(f"approx() needs a finite real number, got {value}") from None


@macro()
def decimal_text(value: Any, max_places: Any = 6) -> str:
    """A rational with a terminating decimal expansion as a short decimal ("66.5", "-2.25", "7"); LaTeX otherwise."""
    r = to_sympy(value)
    places = as_int(max_places, "decimal_text")
    if not r.is_Rational:
        raise SandboxError(f"decimal_text() needs an exact rational, got {value}")
    for k in range(0, places + 1):
        scaled = r * 10**k
        if scaled.is_Integer:
            digits = str(abs(int(scaled))).rjust(k + 1, "0")
            body = digits[:-k] + "." + digits[-k:] if k else digits
            return ("-" if r < 0 else "") + body
    return sympy.latex(r)


@macro()
def decimal_matrix(A: Any, places: Any = 1) -> str:
    """A matrix (or column vector) as a LaTeX pmatrix of decimals with the given places."""
    A = matrix_of(A)
    p = _places(places, "decimal_matrix", 6)
    body = r"\\".join(" & ".join(format_decimal(A[r, c], p) for c in range(A.cols)) for r in range(A.rows))
    return r"\begin{pmatrix}" + body + r"\end{pmatrix}"


@macro()
def decimal_tuple(v: Any, places: Any = 2) -> str:
    """A vector as a tuple of decimals: (0.35, 0.40, 0.25)."""
    p = _places(places, "decimal_tuple", 6)
    return r"\left(" + ", ".join(format_decimal(x, p) for x in list(v)) + r"\right)"


@macro()
def percent_list_text(values: Any, places: Any = 1) -> str:
    """LaTeX text '$58.6\\%$, $86.2\\%$, ...' for a list of fractions (each in its own math, so lines can break)."""
    vals = [to_sympy(v) for v in values]
    if len(vals) > 50:
        raise SandboxError("percent_list_text() takes at most 50 values")
    p = _places(places, "percent_list_text", 6)
    return ", ".join("$" + format_decimal(v * 100, p) + r"\%$" for v in vals)


@macro()
def short_decimal_matrix(A: Any, max_places: Any = 6) -> str:
    """A matrix (or column vector) of terminating decimals as a LaTeX pmatrix, each entry as short as it can be (0.5, 0.75, 12)."""
    A = matrix_of(A)
    rows = A.tolist()
    body = r"\\".join(" & ".join(decimal_text(v, max_places) for v in r) for r in rows)
    return r"\begin{pmatrix}" + body + r"\end{pmatrix}"


@macro()
def sig_places(value: Any, figures: Any = 4) -> int:
    """How many decimal places show `figures` (1..15) significant figures of a non-zero number: 3 for
    0.01234 at 2 figures, 0 for 1234 at 4 figures (never negative). For `dec(...)` and `approx(...)`."""
    f = _places(figures, "sig_places", 15)
    if f < 1:
        raise SandboxError("sig_places() needs at least one significant figure")
    v = to_sympy(value)
    try:
        magnitude = abs(float(v))
    except (TypeError, ValueError):
        raise SandboxError(f"sig_places() needs a real number, got {value}") from None
    if magnitude == 0 or magnitude != magnitude or magnitude == float("inf"):
        raise SandboxError(f"sig_places() needs a finite non-zero number, got {value}")
    places = f - 1 - math.floor(math.log10(magnitude))
    # float log10 can be off by one next to a power of ten: fix it with the exact rounded value
    while places > 0 and abs(round_decimal(v, places)) >= sympy.Integer(10) ** (f - places):
        places -= 1
    while abs(round_decimal(v, places)) < sympy.Integer(10) ** (f - 1 - places):
        places += 1
    return max(places, 0)


@macro()
def sig_decimal(value: Any, figures: Any = 4) -> sympy.Float:
    """`value` rounded to `figures` significant figures, as a decimal number (a 15-digit SymPy Float that
    prints as 0.1336): the key of a `number` answer a calculator form asks to so many figures, shown as a
    decimal in the key rather than as the fraction 167/1250."""
    places = sig_places(value, figures)
    return sympy.Float(round_decimal(value, places), 15)


@macro()
def decimal_list_text(values: Any, places: Any = 1) -> str:
    """A data list as LaTeX decimals with `places` (0..6) decimals each, comma separated: 27.5, 23.0, 31.2."""
    vals = list(values)
    if len(vals) > 200:
        raise SandboxError("decimal_list_text() takes at most 200 values")
    p = _places(places, "decimal_list_text", 6)
    return ", ".join(format_decimal(v, p) for v in vals)


@macro()
def sqrt_decimal(value: Any, places: Any = 15) -> sympy.Rational:
    """The square root of a non-negative rational rounded to `places` (0..40) decimals, as an exact
    Rational, by integer square roots: the fast way to a decimal key of sqrt(big fraction), where SymPy's
    sqrt would first factor the radicand."""
    p = _places(places, "sqrt_decimal")
    v = to_sympy(value)
    if not getattr(v, "is_Rational", False) or v < 0:
        raise SandboxError(f"sqrt_decimal() needs a non-negative rational, got {value}")
    # round(sqrt(y)) for y = v 10^(2p): s = floor(2 sqrt(y)) = isqrt(floor(4y)), then halve rounding up
    s = math.isqrt(4 * int(v.p) * 10 ** (2 * p) // int(v.q))
    return sympy.Rational((s + 1) // 2, 10**p)


@macro(strings_ok=True)
def data_table(headers: Any, columns: Any, blocks: Any = 1, places: Any = 1) -> str:
    """A LaTeX tabular of numbered observations (i, then one column per variable), values with `places` decimals.

    `headers` are LaTeX texts, `columns` lists of numbers of one length n (at most 60); the rows are
    split into `blocks` groups printed side by side, so 24 observations fit in 3 x 8 lines.
    """
    if not isinstance(headers, (list, tuple)) or not isinstance(columns, (list, tuple)) or len(headers) != len(columns):
        raise SandboxError("data_table() needs one header per column")
    if not all(isinstance(h, str) for h in headers):
        raise SandboxError("data_table() headers must be text")
    cols = [list(c) for c in columns]
    n, k, p = len(cols[0]) if cols else 0, as_int(blocks, "data_table"), _places(places, "data_table", 6)
    if not cols or not 1 <= n <= 60 or any(len(c) != n for c in cols) or not 1 <= k <= 4:
        raise SandboxError("data_table() needs 1..60 rows in every column and 1..4 blocks")
    per = -(-n // k)
    spec = "|".join(["r" + "r" * len(cols)] * k)
    head = " & ".join(["$i$ & " + " & ".join(headers)] * k)
    lines = []
    for r in range(per):
        cells = []
        for b in range(k):
            i = b * per + r
            if i < n:
                cells.append(" & ".join([str(i + 1)] + [format_decimal(c[i], p) for c in cols]))
            else:
                cells.append(" & ".join([""] * (len(cols) + 1)))
        lines.append(" & ".join(cells) + r" \\")
    return "\\begin{tabular}{" + spec + "}\n" + head + r" \\ \hline" + "\n" + "\n".join(lines) + "\n\\end{tabular}"
