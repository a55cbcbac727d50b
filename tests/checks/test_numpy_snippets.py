"""The course's numpy_snippets checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import pytest
import sympy

from mathexams.checks import numpy_snippets as numpy_snippets_checks
from mathexams.errors import CheckFailed
from mathexams.macros import numpy_snippets
from mathexams.seeds import Rng


def test_numpy_shape_item_matches_plain_arithmetic():
    seen = set()
    for s in range(120):
        item = numpy_snippets.numpy_shape_item(Rng(s), ("plane", "new_axis", "cube")[s % 3])
        chain = numpy_snippets_checks.shape_chain_plain(item.reshape, item.size, item.step, item.join)
        assert [chain.a, chain.b, chain.c] == [item.shape_a, item.shape_b, item.shape_c]
        assert len(item.shape_b) >= 2 and len(item.notes) == 3 and "-1" in item.listing
        seen.add((item.step, item.join))
    steps, joins = zip(*seen)
    assert set(steps) <= set(numpy_snippets.RESHAPE_STEPS) and set(joins) == set(numpy_snippets.JOIN_STEPS)


def test_numpy_axis_item_matches_loops():
    for s in range(120):
        item = numpy_snippets.numpy_axis_item(Rng(s), s % 2)
        assert numpy_snippets_checks.reduce_by_loops(item.matrix, item.operation, item.axis) == item.printed
        assert len(item.printed) == (item.matrix.cols if item.axis == 0 else item.matrix.rows)
        assert item.operation in numpy_snippets.REDUCTIONS and item.operation in item.call


def test_numpy_mask_item():
    seen = set()
    for s in range(150):
        item = numpy_snippets.numpy_mask_item(Rng(s))
        seen.add(item.form)
        assert len(set(item.options)) == 4
        assert item.outcomes[0] == numpy_snippets_checks._mask_rule(item.values, item.k, item.m, item.form)
        assert (item.outcomes[0] is None) == (item.form in ("python_and", "no_parentheses"))
        assert numpy_snippets_checks.mask_options_match((True, None, None, None), item.values, item.k, item.m,
                                                        item.form, item.outcomes, item.options)
    assert seen == set(numpy_snippets.MASK_FORMS)


def test_coding_checks():
    assert numpy_snippets_checks.broadcast_options_match((True, None), [3, 1, 4], [5, 4], [[3, 5, 4], None])
    assert numpy_snippets_checks.broadcast_options_match((None, True), [3, 2], [4, 2], [[4, 2], None])
    with pytest.raises(CheckFailed):
        numpy_snippets_checks.broadcast_options_match((True, None), [3, 2], [4, 2], [[4, 2], None])
    chain = numpy_snippets_checks.shape_chain_plain([2, -1, 3], 24, "transpose", "concatenate_0")
    assert (chain.a, chain.b, chain.c) == ([2, 4, 3], [3, 4, 2], [6, 4, 2])
    with pytest.raises(CheckFailed, match="cannot infer -1"):
        numpy_snippets_checks.shape_chain_plain([5, -1], 24, "transpose", "stack_2")
    A = sympy.Matrix([[3, 1, 4], [1, 5, 9]])
    assert numpy_snippets_checks.reduce_by_loops(A, "sum", 0) == [4, 6, 13]
    assert numpy_snippets_checks.reduce_by_loops(A, "argmax", 1) == [2, 2]
    assert numpy_snippets_checks.reduce_by_loops(A, "argmin", 0) == [1, 0, 0]
    assert numpy_snippets_checks.reduce_by_loops(A, "max", 1) == [4, 9]
    assert numpy_snippets_checks.mask_options_match((None, True), [3, 8, 12, 5], 4, 2, "and", [[8], [8, 12]])
    with pytest.raises(CheckFailed):
        numpy_snippets_checks.mask_options_match((True, None), [3, 8, 12, 5], 4, 2, "python_and", [[8, 12], None])
    assert numpy_snippets_checks.division_by_rule([-7, 7], 3, "floor_divide") == [-3, 2]
    assert numpy_snippets_checks.division_by_rule([-7, 7], -3, "remainder") == [-1, -2]
    assert numpy_snippets_checks.division_by_rule([-7, 7], 3, "truncate") == [-2, 2]
    floats, ints = r"{\ttfamily [-3. \ 2.]}", r"{\ttfamily [-3 \ 2]}"
    assert numpy_snippets_checks.float_floor_options_match((None, True), [-7, 7], 3, [ints, floats])
    with pytest.raises(CheckFailed):   # the integer print is the dtype mistake
        numpy_snippets_checks.float_floor_options_match((True, None), [-7, 7], 3, [ints, floats])
    with pytest.raises(CheckFailed):   # truncation towards zero is not floor division
        numpy_snippets_checks.float_floor_options_match((True,), [-7, 7], 3, [r"{\ttfamily [-2. \ 2.]}"])
    with pytest.raises(CheckFailed):   # an option that claims other integers than it prints
        numpy_snippets_checks.mask_options_match((True, None), [3, 8, 12, 5], 4, 2, "and", [[8, 12], [8]],
                                                 [r"{\ttfamily [8 13]}", r"{\ttfamily [8]}"])


def test_print_products_view_and_routine_checks():
    printed = numpy_snippets_checks.print_by_lists(2, 20, 3, "a[-2:1:-2]", [0, -1, 0], "cumsum")
    assert (printed.last, printed.sliced, printed.fancy) == (17, [14, 8], [2, 19, 21])
    assert numpy_snippets_checks.print_by_lists(0, 5, 1, "a[4:1:-1]", [3, 1, 2], "sorted_desc").fancy == [3, 2, 1]
    with pytest.raises(CheckFailed, match="unexpected slice"):
        numpy_snippets_checks.print_by_lists(0, 5, 1, "a[::2]", [0], "cumsum")
    p = numpy_snippets_checks.products_by_loops([[1, 2], [3, 4]], [[0, 1], [1, 0]], [1, 2, 3], [4, -5, 6])
    assert p.hadamard == sympy.Matrix([[0, 2], [3, 0]]) and p.product == sympy.Matrix([[2, 1], [4, 3]])
    assert (p.dot, p.elementwise) == (12, [4, -10, 18])
    view = numpy_snippets_checks.view_by_rule([5, 6, 7, 8], "slice", "set_first", [1, 2])
    copy = numpy_snippets_checks.view_by_rule([5, 6, 7, 8], "fancy", "add_all", [1, 2])
    assert (view.a, view.b) == ([5, 99, 7, 8], [99, 7]) and (copy.a, copy.b) == ([5, 6, 7, 8], [16, 17])
    assert numpy_snippets_checks.linalg_options_match((True, None, None), "solve", ["solve", "matvec", "inv_elementwise"])
    with pytest.raises(CheckFailed, match="matvec"):   # A @ b is not the solution of A x = b
        numpy_snippets_checks.linalg_options_match((True, True), "solve", ["solve", "matvec"])
    with pytest.raises(CheckFailed, match="column_norms"):
        numpy_snippets_checks.linalg_options_match((True, True), "norm", ["row_norms", "column_norms"])
    assert numpy_snippets_checks.linalg_by_hand("solve", [[[2, 1], [1, 1]], [3, 2]]) == [1, 1]
    assert numpy_snippets_checks.linalg_by_hand("lstsq", [[[1, 0], [1, 1], [1, 2]], [1, 3, 5]]) == [1, 2]
    assert numpy_snippets_checks.linalg_by_hand("eigh", [[[2, 1], [1, 2]]]) == [1, 3]
    assert numpy_snippets_checks.linalg_by_hand("norm", [[[3, 4], [0, 5]]]) == [5, 5]
