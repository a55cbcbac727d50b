"""The pandas_snippets macros: their records hold what pandas prints, compared here with pandas run in the test process."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from mathexams.macros import pandas_snippets
from mathexams.macros.numpy_snippets import code_block, code_inline
from mathexams.seeds import Rng


def test_select_item_prints_pandas_selections():
    for s in range(30):
        item = pandas_snippets.pandas_select_item(Rng(s))
        first, second = item.names
        df = pd.DataFrame({first: item.first, second: item.second}, index=item.index)
        a, b = item.loc_range
        i, j = item.iloc_range
        shown = [df.loc[a:b, second], df.iloc[i:j][first], df.loc[df[first] > item.threshold, second]]
        assert item.table == code_block(str(df).split("\n"))
        assert item.outputs == [code_block(str(x).split("\n")) for x in shown]
        assert [item.by_loc, item.by_iloc, item.by_mask] == [x.tolist() for x in shown]
        assert item.index != list(range(5))     # labels are not positions


def test_groupby_item_prints_sorted_groups_and_skips_the_missing_value():
    for s in range(30):
        item = pandas_snippets.pandas_groupby_item(Rng(s))
        values = [np.nan if v is None else v for v in item.values]
        g = pd.DataFrame({item.key: item.groups, item.column: values}).groupby(item.key)[item.column]
        assert item.outputs == [code_block(str(x).split("\n")) for x in (g.sum(), g.count(), g.mean())]
        assert item.labels == sorted(set(item.groups)) and list(dict.fromkeys(item.groups)) != item.labels
        assert [[float(v) for v in xs] for xs in (item.sums, item.counts, item.means)] == [
            g.sum().tolist(), g.count().tolist(), g.mean().tolist()]
        assert sum(v is None for v in item.values) == 1


def test_stats_item_prints_each_convention():
    for s in range(30):
        item = pandas_snippets.pandas_stats_item(Rng(s))
        series = pd.Series(item.values)
        t = pd.Series([np.nan if v is None else v for v in item.others])
        printed = [series.var(), np.var(series.to_numpy()), series.quantile(float(item.q)), t.mean()]
        assert item.outputs == [code_inline(str(x)) for x in printed]
        assert all(math.isclose(float(r), p) for r, p in
                   zip((item.var_sample, item.var_population, item.quantile, item.mean_skipna), printed))
        assert item.var_sample != item.var_population


def test_missing_item_prints_what_pandas_prints():
    for s in range(20):
        item = pandas_snippets.pandas_missing_item(Rng(s))
        a, b = item.names
        df = pd.DataFrame({a: [np.nan if v is None else v for v in item.first],
                           b: [np.nan if v is None else v for v in item.second]})
        shown = [df.isna().sum(), df.dropna().shape, df[a].fillna(0).mean(), df[a].mean()]
        assert item.outputs == [code_block(str(x).split("\n")) for x in shown]
        assert item.missing == df.isna().sum().tolist() and item.kept == list(df.dropna().shape)
        assert math.isclose(float(item.filled_mean), shown[2]) and math.isclose(float(item.skipped_mean), shown[3])
        assert item.kept[0] < len(item.first) - item.missing[0]     # dropna also drops rows where only b is missing
        assert all((m * 100).denominator != 2 for m in (item.filled_mean, item.skipped_mean))   # no rounding tie
