"""The course's numpy_snippets macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng
from mathexams.macros import numpy_snippets

x = sympy.Symbol("x", real=True)


def test_latex_code_escapes_every_special():
    text = numpy_snippets.latex_code("a\\b{c}$d&e#f^g_h%i~j")
    assert text == (r"a\textbackslash{}b\{c\}\$d\&e\#f\^{}g\_h\%i\~{}j")
    assert numpy_snippets.latex_code("  x  = 1") == r"\mbox{}\ \ x \ = 1"  # every space survives TeX


def test_numpy_listing():
    out = numpy_snippets.numpy_listing(["import numpy as np", "print(a[a % 2 == 0])"])
    assert out.count(r"\\{}") == 1 and r"{\ttfamily " in out and r"a \% 2" in out
    assert "verbatim" not in out
    with pytest.raises(SandboxError):
        numpy_snippets.numpy_listing(["x = 1"] * 13)
    assert numpy_snippets.shape_text([5]) == r"{\ttfamily (5,)}" and numpy_snippets.shape_text([2, 3]) == r"{\ttfamily (2, 3)}"


def test_numpy_broadcast_item_key_is_numpy_and_options_differ():
    errors = 0
    for s in range(120):
        item = numpy_snippets.numpy_broadcast_item(Rng(s))
        listing, a, b, texts, payloads, note = item.listing, item.shape_a, item.shape_b, item.options, item.outcomes, item.note
        assert len(set(texts)) == 4 and len(payloads) == 4
        try:
            expected = list(np.broadcast_shapes(tuple(a), tuple(b)))
        except ValueError:
            expected = None
            errors += 1
        assert payloads[0] == expected and expected not in payloads[1:]
        assert f"np.ones({tuple(a)!r})" in listing.replace(r"\ ", " ")
        assert ("neither is 1" in note) == (expected is None)
    assert 30 <= errors <= 90  # about half of the pairs do not broadcast


def test_numpy_division_item():
    for s in range(80):
        item = numpy_snippets.numpy_division_item(Rng(s))
        values, k, fdiv, mod, trunc = item.values, item.k, item.floor_divide, item.remainder, item.truncate
        texts, payloads = item.options, item.outcomes
        assert fdiv == [v // k for v in values] and mod == [v % k for v in values]
        assert trunc == [int(Fraction(v, k)) for v in values]
        assert trunc != fdiv  # a negative value makes truncation and floor division differ
        assert texts[0] == r"{\ttfamily float64 int64}" and payloads[0] == ["float64", "int64"]
