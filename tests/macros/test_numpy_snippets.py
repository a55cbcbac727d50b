"""The course's numpy_snippets macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.macros import numpy_snippets
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

x = sympy.Symbol("x", real=True)


def test_latex_code_escapes_every_special():
    text = numpy_snippets.latex_code("a\\b{c}$d&e#f^g_h%i~j")
    assert text == (r"a\textbackslash{}b\{c\}\$d\&e\#f\^{}g\_h\%i\~{}j")
    assert numpy_snippets.latex_code("  x  = 1") == r"\mbox{}\ \ x \ = 1"  # every space survives TeX


def test_numpy_listing():
    out = numpy_snippets.numpy_listing(["import numpy as np", "print(a[a % 2 == 0])"])
    assert out.startswith(r"\mxcode{") and out.count(r"\\") == 1 and r"a \% 2" in out
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
    assert 12 <= errors <= 40  # about a fifth of the pairs do not broadcast


def test_numpy_division_item_prints_what_numpy_prints():
    for s in range(60):
        item = numpy_snippets.numpy_division_item(Rng(s))
        values, k, fdiv, mod, trunc = item.values, item.k, item.floor_divide, item.remainder, item.truncate
        assert fdiv == [v // k for v in values] and mod == [v % k for v in values]
        assert trunc == [int(Fraction(v, k)) for v in values]
        assert trunc != fdiv  # a negative value makes truncation and floor division differ
        a = np.array(values, dtype=np.int64)
        assert item.options[0] == numpy_snippets.code_inline(str(a // float(k)))
        assert item.options[1] == numpy_snippets.code_inline(str(a // k))
        assert len(set(item.options)) == 4 and item.outcomes[0] == "float_floor"


def test_mask_options_keep_numpy_alignment_spaces():
    """The audit's finding: NumPy prints [15  0 18] (two spaces), and so must the options."""
    seen = 0
    for s in range(150):
        item = numpy_snippets.numpy_mask_item(Rng(s))
        for text, outcome in zip(item.options, item.outcomes):
            if outcome is not None:
                assert text == numpy_snippets.code_inline(str(np.array(outcome, dtype=np.int64)))
                seen += "\\ " in text
    assert seen > 20


def test_printed_values_and_numbers():
    assert numpy_snippets.printed_values(["import numpy as np"], ["np.array([15, 0, 18])", "np.eye(2)"]) == [
        ["[15  0 18]"], ["[[1. 0.]", " [0. 1.]]"]]
    assert numpy_snippets.numbers_in("[ 1.  -2.5  0.25]") == [1, sympy.Rational(-5, 2), sympy.Rational(1, 4)]
    with pytest.raises(SandboxError, match="nan"):
        numpy_snippets.numbers_in("[1. nan]")
    with pytest.raises(SandboxError, match="raised ValueError"):
        numpy_snippets.printed_lines(["import numpy as np", "np.ones(2) + np.ones(3)"])
    with pytest.raises(SandboxError, match="warned"):
        numpy_snippets.printed_lines(["import numpy as np", "print(np.array([1.0]) / 0)"])


@pytest.mark.parametrize("form", sorted(numpy_snippets.SHAPE_FORMS))
def test_shape_item_forms_fix_the_number_of_axes(form):
    sizes = {(len(i.shape_a), len(i.shape_b), len(i.shape_c))
             for i in (numpy_snippets.numpy_shape_item(Rng(s), form) for s in range(40))}
    assert sizes == {{"plane": (2, 2, 3), "new_axis": (2, 3, 3), "cube": (3, 2, 3)}[form]}


# ---------------------------------------------------------------- printing, products, views, routines (issue 11)
# The worker's output is compared with NumPy run here, in the test process: the same library, another process.


def test_print_item_is_what_numpy_prints_here():
    finishes = set()
    for s in range(60):
        item = numpy_snippets.numpy_print_item(Rng(s))
        a = np.arange(item.start, item.stop, item.step)
        i, j, step = (int(t) for t in item.slice_text[2:-1].split(":"))
        picked = a[item.picks]
        last = np.cumsum(picked) if item.finish == "cumsum" else np.sort(picked)[::-1]
        assert item.outputs == [numpy_snippets.code_inline(str(x)) for x in (a[-1], a[i:j:step], last)]
        assert 6 <= len(a) <= 10 and len(item.sliced) == 3
        finishes.add(item.finish)
    assert finishes == set(numpy_snippets.PRINT_FINISHES)


def test_matmul_item_is_what_numpy_prints_here():
    for s in range(40):
        item = numpy_snippets.numpy_matmul_item(Rng(s))
        A, B = np.array(item.A.tolist(), dtype=np.int64), np.array(item.B.tolist(), dtype=np.int64)
        v, w = np.array(item.v), np.array(item.w)
        assert item.hadamard.tolist() == (A * B).tolist() and item.product.tolist() == (A @ B).tolist()
        assert item.dot == int(v @ w) and item.elementwise == (v * w).tolist()
        assert item.hadamard != item.product and item.product.tolist() != (B @ A).tolist()


def test_view_item_is_what_numpy_does_here():
    kinds = set()
    for s in range(80):
        item = numpy_snippets.numpy_view_item(Rng(s))
        a = np.array(item.values)
        b = a[item.taken].copy() if item.selection not in numpy_snippets.VIEW_SELECTIONS else None
        if b is None:   # a view: rebuild it with the same slice here
            start, stop = item.taken[0], item.taken[-1] + 1
            b = a[start:stop:item.taken[1] - item.taken[0]]
            assert np.shares_memory(a, b)
        if item.change == "set_first":
            b[0] = 99
        else:
            b += 10
        assert (item.printed_a, item.printed_b) == (a.tolist(), b.tolist())
        kinds.add(item.selection)
    assert kinds == set(numpy_snippets.SELECTIONS)


@pytest.mark.parametrize("task", sorted(numpy_snippets.LINALG_CALLS))
def test_linalg_item_right_line_prints_the_answer(task):
    for s in range(15):
        item = numpy_snippets.numpy_linalg_item(Rng(s), task)
        assert item.names[0] == next(iter(numpy_snippets.LINALG_CALLS[task])) and len(set(item.names)) == 4
        data = [np.array(d, dtype=float) for d in item.data]
        expected = {"solve": lambda: np.linalg.solve(*data),
                    "lstsq": lambda: np.linalg.lstsq(data[0], data[1], rcond=None)[0],
                    "eigh": lambda: np.linalg.eigvalsh(data[0]),
                    "norm": lambda: np.sqrt((data[0] ** 2).sum(axis=1))}[task]()
        assert np.allclose([float(p) for p in item.printed], expected, atol=1e-9)
    with pytest.raises(SandboxError, match="task must be one of"):
        numpy_snippets.numpy_linalg_item(Rng(0), "inverse")


def test_code_block_line_opening_with_a_bracket_is_not_an_optional_argument():
    """NumPy prints a matrix's second row as ' [3 4]]' and a bare '[1 2]' line after a break would be
    read by LaTeX as the break's length: the block puts {} in front of it."""
    block = numpy_snippets.code_block(["[[1 2]", "[3 4]]", "*"])
    assert block == "\\mxcode{{}[[1 2]\\\\{}[3 4]]\\\\{}*}\n"
