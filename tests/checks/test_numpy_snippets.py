"""The course's numpy_snippets checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.seeds import Rng
from mathexams.checks import numpy_snippets as numpy_snippets_checks
from mathexams.macros import numpy_snippets


def test_numpy_shape_item_matches_plain_arithmetic():
    seen = set()
    for s in range(120):
        item = numpy_snippets.numpy_shape_item(Rng(s))
        chain = numpy_snippets_checks.shape_chain_plain(item.reshape, item.size, item.step, item.join)
        assert [chain.a, chain.b, chain.c] == [item.shape_a, item.shape_b, item.shape_c]
        assert len(item.shape_b) >= 2 and len(item.notes) == 3 and "-1" in item.listing
        seen.add((item.step, item.join))
    steps, joins = zip(*seen)
    assert set(steps) <= set(numpy_snippets.RESHAPE_STEPS) and set(joins) == set(numpy_snippets.JOIN_STEPS)


def test_numpy_axis_item_matches_loops():
    for s in range(120):
        item = numpy_snippets.numpy_axis_item(Rng(s))
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
                                                        item.form, item.outcomes)
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
    assert numpy_snippets_checks.dtype_options_match((None, True), [["int64", "int64"], ["float64", "int64"]])
    with pytest.raises(CheckFailed):
        numpy_snippets_checks.dtype_options_match((True, None), [["int64", "int64"], ["float64", "int64"]])
