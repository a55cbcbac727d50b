"""which_call_matches runs every offered program and accepts only the ones that draw the asked figure."""

from __future__ import annotations

import pytest

from mathexams.checks.matplotlib_calls import which_call_matches
from mathexams.errors import CheckFailed

GRID = {"r": 2, "c": 3, "i": 1, "j": 0, "i1": 2, "j1": 1, "flat": 3, "xs": [0, 1, 2], "ys": [1, 3, 2]}


def test_the_right_panel_and_nothing_else():
    names = ["grid_index", "index_swapped", "grid_swapped", "one_based"]
    assert which_call_matches((True, None, None, None), "subplots", names, GRID)
    with pytest.raises(CheckFailed, match="index_swapped"):   # axs[0, 1] is another panel
        which_call_matches((True, True, None, None), "subplots", names, GRID)


def test_histogram_bins_and_missing_functions():
    values = {"k": 4, "k2": 6, "data": [1, 2, 2, 3, 5, 7, 8, 9]}
    assert which_call_matches((True, None, None), "histogram", ["hist", "histogram_missing", "bar_of_values"], values)
    with pytest.raises(CheckFailed, match="hist_other_bins"):
        which_call_matches((True, True), "histogram", ["hist", "hist_other_bins"], values)


def test_log_axis_and_refused_values():
    values = {"a": "y", "b": "x", "xs": [1, 2, 3], "ys": [10, 100, 1000]}
    assert which_call_matches((True, None, None), "log_scale", ["set_scale", "other_axis", "both_axes"], values)
    with pytest.raises(CheckFailed, match="axis"):
        which_call_matches((True,), "log_scale", ["set_scale"], {**values, "a": "y'); import os; ('"})
    with pytest.raises(CheckFailed, match="unknown family"):
        which_call_matches((True,), "pie", ["hist"], values)
