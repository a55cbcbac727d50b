"""pandas snippets: a small DataFrame or Series built from drawn numbers, a few lines that select, group or
summarise it, and what pandas really prints (run in the sandboxed snippet worker).

The programs are built here from numbers; the printed tables are pandas' own output, shown in a
`\\mxcode` block with every space kept. The checks (`checks/pandas_snippets.py`) redo each selection
and aggregation with dictionaries and lists.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, macro
from .numpy_snippets import code_block, numbers_in, printed_lines, printed_values

_ATTEMPTS = 200

# group labels: each set is printed in sorted order by groupby, and drawn so that order of first appearance differs
GROUP_NAMES = (("north", "south", "west"), ("ana", "ben", "cai"), ("red", "green", "blue"), ("x1", "x2", "x3"))
COLUMN_NAMES = (("x", "y"), ("price", "qty"), ("age", "score"), ("height", "weight"))


class SelectItem(Record):
    """A DataFrame with a non-default integer index; loc with a label slice, iloc with a position slice,
    loc with a boolean mask, and the values each prints."""

    listing: str
    table: str          # the DataFrame as print(df) shows it, a code block
    index: list
    first: list         # column 1 values
    second: list        # column 2 values
    names: list         # the two column names
    loc_range: list     # [label from, label to]
    iloc_range: list    # [position from, position to)
    threshold: int      # for the mask on column 1
    by_loc: list        # printed values of df.loc[a:b, second]
    by_iloc: list       # printed values of df.iloc[i:j][first]
    by_mask: list       # printed values of df.loc[df[first] > t, second]
    outputs: list       # each printed Series, a code block


def _literal(values: list) -> str:
    return "[" + ", ".join(repr(v) if isinstance(v, str) else str(v) for v in values) + "]"


def _series_values(lines: list[str]) -> list:
    """The values of a printed Series (index, value per line; the Name/dtype line dropped)."""
    values = []
    for line in lines:
        if line.startswith("Name:") or not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2:
            raise SandboxError(f"unexpected Series line {line!r}")
        values += numbers_in(parts[1])
    return values


@macro(needs_rng=True)
def pandas_select_item(rng: Any) -> SelectItem:
    """SelectItem: 5 rows indexed by an arithmetic sequence of labels (start 10-40 by 10, or 100 by 5...) so
    that labels are not positions; df.loc[a:b, col2] with a label slice of three rows (the end
    included), df.iloc[i:i+2][col1] (the end excluded), df.loc[df[col1] > t, col2] keeping exactly
    two rows. The printed values come from pandas in the sandboxed worker."""
    for _ in range(_ATTEMPTS):
        start, step = rng.choice(((10, 10), (20, 10), (100, 5), (5, 5), (30, 10), (0, 2)))
        index = [start + k * step for k in range(5)]
        names = list(rng.choice(COLUMN_NAMES))
        first = rng.sample(list(range(1, 30)), 5)
        second = rng.sample(list(range(1, 30)), 5)
        a = rng.integer(0, 2)
        i = rng.integer(0, 3)
        t = sorted(first)[2]
        lines = ["import pandas as pd",
                 f"df = pd.DataFrame({{'{names[0]}': {_literal(first)}, '{names[1]}': {_literal(second)}}},",
                 f"                  index={_literal(index)})"]
        calls = [f"df.loc[{index[a]}:{index[a + 2]}, '{names[1]}']", f"df.iloc[{i}:{i + 2}]['{names[0]}']",
                 f"df.loc[df['{names[0]}'] > {t}, '{names[1]}']"]
        shown = printed_values(lines, ["df", *calls])
        by_loc, by_iloc, by_mask = (_series_values(chunk) for chunk in shown[1:])
        if len(by_loc) != 3 or len(by_iloc) != 2 or len(by_mask) != 2 or index[i] == i:
            continue
        program = lines + [f"print({c})" for c in calls]
        return SelectItem(code_block(program), code_block(shown[0]), index, first, second, names, [index[a], index[a + 2]],
                          [i, i + 2], t, by_loc, by_iloc, by_mask, [code_block(chunk) for chunk in shown[1:]])
    raise SandboxError("pandas_select_item() could not build a table")  # pragma: no cover


class GroupItem(Record):
    """A table of three groups with one missing value; groupby sum, count and mean as printed."""

    listing: str
    groups: list        # the group label of each row
    values: list        # the values, None for the missing one
    labels: list        # the group labels in the order groupby prints them (sorted)
    sums: list
    counts: list
    means: list
    outputs: list       # each printed Series, a code block
    key: str            # the grouping column's name
    column: str         # the value column's name


@macro(needs_rng=True)
def pandas_groupby_item(rng: Any) -> GroupItem:
    """GroupItem: 6 to 12 rows in three groups of 2 to 4 rows (in shuffled order, so that the order of first
    appearance is not the sorted order groupby prints), integer values 1..20 and one NaN, chosen so
    that every group mean is a multiple of 1/4; the program prints groupby(...)[col].sum(), .count()
    and .mean(), and the record holds what pandas printed."""
    for _ in range(_ATTEMPTS):
        labels = sorted(rng.choice(GROUP_NAMES))
        key, column = rng.choice((("team", "score"), ("shop", "sales"), ("group", "value")))
        sizes = [rng.integer(2, 4) for _ in labels]
        rows = [lab for lab, n in zip(labels, sizes) for _ in range(n)]
        rows = rng.shuffled(rows)
        first_seen = list(dict.fromkeys(rows))
        if first_seen == labels:
            continue
        values: list = [rng.integer(1, 20) for _ in rows]
        missing = rng.below(len(rows))
        values[missing] = None
        by_group: dict[str, list[int]] = {lab: [] for lab in labels}
        for lab, v in zip(rows, values):
            if v is not None:
                by_group[lab].append(v)
        if any(not vs or Fraction(sum(vs), len(vs)).denominator not in (1, 2, 4) for vs in by_group.values()):
            continue
        shown_values = ["np.nan" if v is None else str(v) for v in values]
        lines = ["import numpy as np", "import pandas as pd",
                 f"df = pd.DataFrame({{'{key}': {_literal(rows)},",
                 f"                   '{column}': [{', '.join(shown_values)}]}})",
                 f"g = df.groupby('{key}')['{column}']"]
        chunks = printed_values(lines, ["g.sum()", "g.count()", "g.mean()"])
        sums, counts, means = (_series_values(chunk[1:]) for chunk in chunks)   # line 0 names the grouping column
        if not (len(sums) == len(counts) == len(means) == 3):
            continue
        program = lines + ["print(g.sum())", "print(g.count())", "print(g.mean())"]
        return GroupItem(code_block(program), rows, values, labels, sums, counts, means,
                         [code_block(chunk) for chunk in chunks], key, column)
    raise SandboxError("pandas_groupby_item() could not build a table")  # pragma: no cover


class StatsItem(Record):
    """pandas' and NumPy's conventions: Series.var (ddof 1), np.var (ddof 0), Series.quantile (linear),
    the mean of a Series with a NaN (skipped); what each prints, as exact numbers."""

    listing: str
    values: list        # s, five integers
    q: sympy.Rational   # the quantile asked
    others: list        # t: three integers and a NaN (None)
    var_sample: sympy.Rational
    var_population: sympy.Rational
    quantile: sympy.Rational
    mean_skipna: sympy.Rational
    outputs: list       # the four printed lines, in typewriter type


QUANTILES = ("0.1", "0.3", "0.4", "0.6", "0.7", "0.9")


@macro(needs_rng=True)
def pandas_stats_item(rng: Any) -> StatsItem:
    """StatsItem: s = pd.Series of five integers 1..12 (not all equal) with an integer mean, so both
    variances end in at most two decimals; q from QUANTILES (never a data position: linear
    interpolation matters); t = three integers and a NaN. The program prints s.var(),
    np.var(s.to_numpy()), s.quantile(q) and t.mean(); the record holds what was printed, read back as
    exact decimals."""
    from .numpy_snippets import code_inline

    for _ in range(_ATTEMPTS):
        values = [rng.integer(1, 12) for _ in range(5)]
        if sum(values) % 5 or len(set(values)) < 3:
            continue
        q = rng.choice(QUANTILES)
        others: list = [rng.integer(1, 15) for _ in range(3)]
        others.insert(rng.below(4), None)
        shown = ", ".join("np.nan" if v is None else str(v) for v in others)
        lines = ["import numpy as np", "import pandas as pd", f"s = pd.Series({_literal(values)})",
                 f"t = pd.Series([{shown}])", "print(s.var())", "print(np.var(s.to_numpy()))",
                 f"print(s.quantile({q}))", "print(t.mean())"]
        printed = printed_lines(lines)
        if len(printed) != 4:
            continue
        numbers = [numbers_in(p) for p in printed]
        if any(len(n) != 1 for n in numbers):
            continue
        var_s, var_p, quant, mean = (n[0] for n in numbers)
        if any(x * 100 != int(x * 100) for x in (var_s, var_p, quant)):
            continue   # a binary rounding shows (4.999999999999999): not a fair thing to ask about
        return StatsItem(code_block(lines), values, sympy.Rational(q), others, var_s, var_p, quant, mean,
                         [code_inline(p) for p in printed])
    raise SandboxError("pandas_stats_item() could not draw data")  # pragma: no cover


# ---------------------------------------------------------------- missing values (bank-code, issue 11, beyond the list)


class MissingItem(Record):
    """A two-column DataFrame with missing values; isna().sum(), dropna().shape, fillna(0).mean() and
    mean() of column a, as pandas prints them."""

    listing: str
    first: list         # column a, None where missing
    second: list        # column b, None where missing
    names: list         # the two column names
    missing: list       # printed df.isna().sum(): missing values per column
    kept: list          # printed df.dropna().shape: [rows, columns]
    filled_mean: sympy.Rational    # printed df[a].fillna(0).mean()
    skipped_mean: sympy.Rational   # printed df[a].mean()
    outputs: list       # the printed lines of the four prints, as code blocks


@macro(needs_rng=True)
def pandas_missing_item(rng: Any) -> MissingItem:
    """MissingItem: 5 to 10 rows of integers 1..12; column a misses 1 to 3 values and column b 1 to 3, at
    least one of them in a row where a is present (so dropna() drops more rows than either column
    alone), and the fillna(0) mean differs from the mean of the present values; neither mean ends in a
    5 at the third decimal (no rounding tie at two decimals). The program prints
    df.isna().sum(), df.dropna().shape, df[a].fillna(0).mean() and df[a].mean()."""
    for _ in range(_ATTEMPTS):
        n = rng.integer(5, 10)
        names = list(rng.choice(COLUMN_NAMES))
        first: list = [rng.integer(1, 12) for _ in range(n)]
        second: list = [rng.integer(1, 12) for _ in range(n)]
        holes_a, holes_b = rng.sample(list(range(n)), rng.integer(1, 3)), rng.sample(list(range(n)), rng.integer(1, 3))
        if not set(holes_b) - set(holes_a) or len(set(holes_a) | set(holes_b)) > n - 2:
            continue
        for k in holes_a:
            first[k] = None
        for k in holes_b:
            second[k] = None
        present = [v for v in first if v is not None]
        means = (Fraction(sum(present), n), Fraction(sum(present), len(present)))
        if means[0] == means[1] or any((m * 100).denominator == 2 for m in means):
            continue   # equal means, or a mean like 7.875 that two decimals cannot round without a tie
        shown = lambda vs: "[" + ", ".join("np.nan" if v is None else str(v) for v in vs) + "]"  # noqa: E731
        lines = ["import numpy as np", "import pandas as pd",
                 f"df = pd.DataFrame({{'{names[0]}': {shown(first)},",
                 f"                   '{names[1]}': {shown(second)}}})"]
        calls = ["df.isna().sum()", "df.dropna().shape", f"df['{names[0]}'].fillna(0).mean()", f"df['{names[0]}'].mean()"]
        chunks = printed_values(lines, calls)
        missing = _series_values([line for line in chunks[0] if not line.startswith("dtype")])
        kept = [int(v) for v in numbers_in(chunks[1][0])]
        filled, skipped = numbers_in(chunks[2][0]), numbers_in(chunks[3][0])
        if len(missing) != 2 or len(kept) != 2 or len(filled) != 1 or len(skipped) != 1:
            continue
        program = lines + [f"print({c})" for c in calls]
        return MissingItem(code_block(program), first, second, names, missing, kept, filled[0], skipped[0],
                           [code_block(chunk) for chunk in chunks])
    raise SandboxError("pandas_missing_item() could not build a table")  # pragma: no cover
