"""pandas snippets, redone with dictionaries and lists: label and position selection, boolean filters,
group sums, counts and means that skip the missing value, and pandas' statistics conventions.

No pandas call recomputes a key: the DataFrame is a dict of lists, groupby a dictionary of lists
(with the labels sorted, as groupby prints them), `var` the textbook formulas with exact fractions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..api import CheckFailed, Record, check


class Selections(Record):
    """The values df.loc[a:b, col2], df.iloc[i:j][col1] and df.loc[df[col1] > t, col2] hold."""

    by_loc: list
    by_iloc: list
    by_mask: list


@check()
def select_by_hand(index: Sequence[Any], first: Sequence[Any], second: Sequence[Any], loc_range: Sequence[Any],
                   iloc_range: Sequence[Any], threshold: Any) -> Selections:
    """A label slice includes both ends (rows from the position of label a to that of label b); a
    position slice excludes its end; a mask keeps the rows where the condition holds."""
    labels = [int(v) for v in index]
    a, b = labels.index(int(loc_range[0])), labels.index(int(loc_range[1]))
    i, j = int(iloc_range[0]), int(iloc_range[1])
    return Selections([int(second[k]) for k in range(a, b + 1)], [int(first[k]) for k in range(i, j)],
                      [int(second[k]) for k in range(len(labels)) if int(first[k]) > int(threshold)])


class GroupStats(Record):
    """Per group, in sorted label order: the sum and count of the present values, and their mean."""

    sums: list
    counts: list
    means: list


@check(strings_ok=True)
def group_by_hand(groups: Sequence[Any], values: Sequence[Any]) -> GroupStats:
    """Accumulate each group's present values in a dictionary (None is missing and skipped), then
    report the groups in sorted order."""
    table: dict[str, list[int]] = {}
    for g, v in zip(groups, values):
        table.setdefault(str(g), [])
        if v is not None:
            table[str(g)].append(int(v))
    labels = sorted(table)
    if any(not table[g] for g in labels):
        raise CheckFailed("a group has no value")
    return GroupStats([sum(table[g]) for g in labels], [len(table[g]) for g in labels],
                      [Fraction(sum(table[g]), len(table[g])) for g in labels])


class Conventions(Record):
    """Sample variance (n - 1), population variance (n), the linear-interpolation quantile, the mean
    skipping the missing value."""

    var_sample: Fraction
    var_population: Fraction
    quantile: Fraction
    mean_skipna: Fraction


@check()
def conventions_by_hand(values: Sequence[Any], q: Any, others: Sequence[Any]) -> Conventions:
    """The formulas: sum of squared deviations over n - 1 and over n; the quantile at position
    (n - 1) q of the sorted values, interpolated linearly between its neighbours; the mean of the
    values that are present."""
    xs = [int(v) for v in values]
    n = len(xs)
    mean = Fraction(sum(xs), n)
    ss = sum((x - mean) ** 2 for x in xs)
    srt = sorted(xs)
    h = (n - 1) * Fraction(str(q))
    lo = math.floor(h)
    quantile = srt[lo] + (h - lo) * (srt[min(lo + 1, n - 1)] - srt[lo])
    present = [int(v) for v in others if v is not None]
    if not present:
        raise CheckFailed("no value present")
    return Conventions(ss / (n - 1), ss / n, quantile, Fraction(sum(present), len(present)))


class MissingCounts(Record):
    """Missing values per column, rows and columns left by dropna, and column a's two means."""

    missing: list
    kept: list
    filled_mean: Fraction
    skipped_mean: Fraction


@check()
def missing_by_hand(first: Sequence[Any], second: Sequence[Any]) -> MissingCounts:
    """Count the None entries per column; dropna keeps the rows where neither is None; fillna(0) then
    mean divides by every row, mean() by the present values only."""
    rows = list(zip(first, second))
    present = [int(v) for v in first if v is not None]
    if not present:
        raise CheckFailed("column a has no value")
    return MissingCounts([sum(v is None for v in first), sum(v is None for v in second)],
                         [sum(a is not None and b is not None for a, b in rows), 2],
                         Fraction(sum(present), len(rows)), Fraction(sum(present), len(present)))
