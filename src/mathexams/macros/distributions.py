"""Distributions: closed-form probabilities (binomial, Poisson, normal) and discrete pmf tables.

Keys stay in closed form (erf, exp, exact sums), so no `sympy.stats` call sits in a hot path;
`decimals.approx` turns one into a decimal only when a question shows one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cache
from typing import Any

import mpmath
import sympy

from ..api import Record, SandboxError, as_int, macro, to_float, to_fraction, to_rational, to_sympy
from .decimals import decimal_text
from .draws import random_composition


@macro(needs_rng=True)
def table_z(rng: Any, lo: Any = -2.5, hi: Any = 2.5) -> sympy.Rational:
    """A z-value with two decimals in [lo, hi] (as a Rational), never 0."""
    lo_c = int(sympy.ceiling(to_sympy(lo) * 100))
    hi_c = int(sympy.floor(to_sympy(hi) * 100))
    if hi_c - lo_c > 100_000:
        raise SandboxError("table_z() range is wider than a z table")
    values = [c for c in range(lo_c, hi_c + 1) if c != 0]
    return sympy.Rational(rng.choice(values), 100)


@macro()
def normal_cdf(x: Any, mu: Any = 0, sigma: Any = 1) -> Any:
    """P(X <= x) for X ~ N(mu, sigma^2) in closed form (erf)."""
    return (1 + sympy.erf((to_sympy(x) - mu) / (sigma * sympy.sqrt(2)))) / 2


@macro()
def binomial_pmf(n: Any, p: Any, k: Any) -> Any:
    """P(X = k) for X ~ Bin(n, p), exactly."""
    n, k = as_int(n, "binomial_pmf"), as_int(k, "binomial_pmf")
    if not 0 <= n <= 2000:
        raise SandboxError("binomial_pmf() needs 0 <= n <= 2000")
    if not 0 <= k <= n:
        return sympy.Integer(0)
    return sympy.binomial(n, k) * to_sympy(p) ** k * (1 - to_sympy(p)) ** (n - k)


@macro()
def binomial_cdf(n: Any, p: Any, k: Any) -> Any:
    """P(X <= k) for X ~ Bin(n, p), exactly."""
    return sum((binomial_pmf(n, p, j) for j in range(0, int(k) + 1)), sympy.Integer(0))


@macro()
def poisson_pmf(lam: Any, k: Any) -> Any:
    """P(X = k) for X ~ Poisson(lam) in closed form."""
    k = as_int(k, "poisson_pmf")
    if not 0 <= k <= 200:
        raise SandboxError("poisson_pmf() needs 0 <= k <= 200")
    lam = to_sympy(lam)
    return sympy.exp(-lam) * lam**k / sympy.factorial(k)


@macro()
def poisson_cdf(lam: Any, k: Any) -> Any:
    """P(X <= k) for X ~ Poisson(lam) in closed form."""
    return sum((poisson_pmf(lam, j) for j in range(0, int(k) + 1)), sympy.Integer(0))


@macro(needs_rng=True)
def pmf_probabilities(rng: Any, n: Any, denominator: Any) -> list[sympy.Rational]:
    """n probabilities k/denominator (k >= 1) adding up to exactly 1: a random composition of the denominator."""
    n, d = as_int(n, "pmf_probabilities"), as_int(denominator, "pmf_probabilities")
    if not 2 <= n <= 10 or d < n or d > 1000:
        raise SandboxError("pmf_probabilities() needs 2 <= n <= 10 and n <= denominator <= 1000")
    return [sympy.Rational(k, d) for k in random_composition(rng, d, n)]


@macro()
def pmf_moment(values: Sequence[Any], probs: Sequence[Any], power: Any = 1) -> sympy.Rational:
    """E[X**power] = sum of p * x**power over a pmf table, exactly."""
    power = as_int(power, "pmf_moment")
    if len(values) != len(probs) or not 0 <= power <= 4:
        raise SandboxError("pmf_moment() needs equally long lists and power 0..4")
    return to_rational(sum((to_fraction(p) * to_fraction(v) ** power for v, p in zip(values, probs)), Fraction(0)))


@macro()
def pmf_tail(values: Sequence[Any], probs: Sequence[Any], t: Any) -> sympy.Rational:
    """P(X >= t) from a pmf table, exactly."""
    t = to_fraction(t)
    return to_rational(sum((to_fraction(p) for v, p in zip(values, probs) if to_fraction(v) >= t), Fraction(0)))


def _prob_latex(p: Fraction) -> str:
    if 100 % p.denominator == 0:
        return decimal_text(to_rational(p))
    return rf"\tfrac{{{p.numerator}}}{{{p.denominator}}}"


@macro(strings_ok=True)
def pmf_table(values: Sequence[Any], probs: Sequence[Any], missing: Any, unknown: Any = "q") -> str:
    """LaTeX table x | P(X = x) with the probability at index `missing` shown as the letter `unknown`.

    Probabilities whose denominator divides 100 are printed as decimals, others as fractions.
    """
    missing = as_int(missing, "pmf_table")
    if len(values) != len(probs) or not 0 <= missing < len(values) or not isinstance(unknown, str):
        raise SandboxError("pmf_table() needs equally long lists, a valid index and a text symbol")
    xs = " & ".join(f"${decimal_text(to_rational(to_fraction(v)))}$" for v in values)
    ps = " & ".join(f"${unknown}$" if i == missing else f"${_prob_latex(to_fraction(p))}$" for i, p in enumerate(probs))
    cols = "c" * len(values)
    return (rf"\begin{{tabular}}{{c|{cols}}}" "\n" rf"$x$ & {xs} \\ \hline" "\n"
            rf"$P(X = x)$ & {ps}" "\n" r"\end{tabular}")


# ---------------------------------------------------------------------------------------------
# Printed tables (weeks 7-10). A question without a calculator prints the rows of the table it
# needs, and its key is what those rows give: Phi to four decimals, quantiles to three, as the
# tables in textbooks round them. Values come from mpmath at 30 digits, so no float rounding can
# move a printed digit.
# ---------------------------------------------------------------------------------------------

PHI_PLACES = 4                 # Phi(z) as a z table prints it
QUANTILE_PLACES = 3            # z and t quantiles as tables print them
Z_TABLE_TOP = 349              # the usual table stops at z = 3.49 (hundredths)
# Lower-tail probabilities q whose standard normal quantile z_q the quantile row prints.
Z_QUANTILE_LEVELS = ("0.75", "0.8", "0.9", "0.95", "0.975", "0.99", "0.995")
# Upper-tail areas of the t table's columns, and the central confidence each corresponds to.
T_TAIL_AREAS = ("0.1", "0.05", "0.025", "0.01", "0.005")
MAX_TABLE_ROWS = 8


@cache
def _phi_digits(hundredths: int) -> int:
    """round(10^4 Phi(hundredths / 100)) computed at 30 digits."""
    with mpmath.workdps(30):
        return int(mpmath.nint(mpmath.ncdf(mpmath.mpf(hundredths) / 100) * 10**PHI_PLACES))


def _hundredths(z: Any, what: str) -> int:
    z = to_sympy(z)
    scaled = z * 100 if getattr(z, "is_Rational", False) else None
    if scaled is None or not scaled.is_Integer or abs(int(scaled)) > Z_TABLE_TOP:
        raise SandboxError(f"{what}() needs z with at most two decimals and |z| <= 3.49, got {z}")
    return int(scaled)


@macro()
def phi_table(z: Any) -> sympy.Rational:
    """Phi(z) = P(Z <= z) to four decimals, as a printed z table gives it (z with two decimals,
    |z| <= 3.49; a negative z by symmetry, 1 - Phi(-z), which is the same four-decimal number)."""
    h = _hundredths(z, "phi_table")
    digits = _phi_digits(abs(h))
    return sympy.Rational(digits if h >= 0 else 10**PHI_PLACES - digits, 10**PHI_PLACES)


@macro()
def z_table(zs: Sequence[Any], extra: Any = 1) -> str:
    """LaTeX of the rows of a standard normal table (Phi(z) for z >= 0, columns 0.00 to 0.09)
    that looking up each |z| in `zs` needs, with `extra` (0..2) neighbouring rows on each side."""
    extra = as_int(extra, "z_table")
    if not 0 <= extra <= 2:
        raise SandboxError("z_table() takes 0 to 2 extra rows")
    rows: set[int] = set()
    for z in list(zs):
        tenth = abs(_hundredths(z, "z_table")) // 10
        rows.update(r for r in range(tenth - extra, tenth + extra + 1) if 0 <= r <= Z_TABLE_TOP // 10)
    if len(rows) > MAX_TABLE_ROWS:
        raise SandboxError(f"z_table() prints at most {MAX_TABLE_ROWS} rows")
    head = " & ".join(f"${c / 100:.2f}$" for c in range(10))
    body = "\n".join(
        f"${r / 10:.1f}$ & " + " & ".join(f"${_phi_digits(10 * r + c) / 10**PHI_PLACES:.4f}$" for c in range(10))
        + r" \\" for r in sorted(rows))
    return ("\\begin{center}\\small\n"
            "Standard normal table: $\\Phi(z) = P(Z \\le z)$; the row gives $z$ to one decimal, the column its\n"
            "second decimal, and $\\Phi(-z) = 1 - \\Phi(z)$.\\\\[2pt]\n"
            "\\begin{tabular}{c|cccccccccc}\n"
            f"$z$ & {head} \\\\ \\hline\n{body}\n\\end{{tabular}}\n\\end{{center}}")


def _table_decimal(q: sympy.Rational) -> str:
    """A table heading such as 0.10, 0.05, 0.025: at least two decimals."""
    text = decimal_text(q)
    return text + "0" if len(text.split(".")[-1]) == 1 else text


def _level(q: Any, allowed: Sequence[str], what: str) -> sympy.Rational:
    value = to_sympy(q)
    if value not in {sympy.Rational(a) for a in allowed}:
        raise SandboxError(f"{what}() knows the levels {', '.join(allowed)}, got {value}")
    return value


@cache
def _z_quantile_digits(q: sympy.Rational) -> int:
    with mpmath.workdps(30):
        z = mpmath.sqrt(2) * mpmath.erfinv(2 * mpmath.mpf(q.p) / q.q - 1)
        return int(mpmath.nint(z * 10**QUANTILE_PLACES))


@macro()
def z_quantile(q: Any) -> sympy.Rational:
    """The standard normal quantile z_q (P(Z <= z_q) = q) to three decimals, as the printed quantile
    row gives it; q is one of Z_QUANTILE_LEVELS or 1 minus one of them (then z_q is negative)."""
    value = to_sympy(q)
    if value < sympy.Rational(1, 2):
        return -z_quantile(1 - value)
    level = _level(value, Z_QUANTILE_LEVELS, "z_quantile")
    return sympy.Rational(_z_quantile_digits(level), 10**QUANTILE_PLACES)


@macro()
def z_quantile_table() -> str:
    """LaTeX of the row of standard normal quantiles z_q for every level in Z_QUANTILE_LEVELS."""
    levels = [sympy.Rational(a) for a in Z_QUANTILE_LEVELS]
    qs = " & ".join(f"${_table_decimal(q)}$" for q in levels)
    zs = " & ".join(f"${_z_quantile_digits(q) / 10**QUANTILE_PLACES:.3f}$" for q in levels)
    cols = "c" * len(levels)
    return ("\\begin{center}\\small\n"
            "Standard normal quantiles: $P(Z \\le z_q) = q$, and $z_{1-q} = -z_q$.\\\\[2pt]\n"
            f"\\begin{{tabular}}{{c|{cols}}}\n$q$ & {qs} \\\\ \\hline\n$z_q$ & {zs} \\\\\n"
            "\\end{tabular}\n\\end{center}")


def _t_cdf(t: mpmath.mpf, df: int) -> mpmath.mpf:
    """P(T <= t) for Student's t with an integer df, by the finite trigonometric sums of Abramowitz and
    Stegun 26.7.3-4 (theta = atan(t / sqrt(df))): plain arithmetic, no hypergeometric series (mpmath
    compiles those with exec, which a bank's code must never trigger)."""
    theta = mpmath.atan(abs(t) / mpmath.sqrt(df))
    c2 = mpmath.cos(theta) ** 2
    if df % 2:                          # odd df: (2/pi)(theta + sin cos (1 + 2/3 c^2 + 2 4/(3 5) c^4 + ...))
        term, total = mpmath.mpf(1), mpmath.mpf(0)
        for k in range(1, (df - 1) // 2 + 1):
            total += term
            term *= c2 * (2 * k) / (2 * k + 1)
        inside = 2 / mpmath.pi * (theta + (mpmath.sin(theta) * mpmath.cos(theta) * total if df > 1 else 0))
    else:                               # even df: sin (1 + 1/2 c^2 + 1 3/(2 4) c^4 + ...)
        term, total = mpmath.mpf(1), mpmath.mpf(0)
        for k in range(1, df // 2 + 1):
            total += term
            term *= c2 * (2 * k - 1) / (2 * k)
        inside = mpmath.sin(theta) * total
    return (1 + inside) / 2 if t >= 0 else (1 - inside) / 2


@cache
def _t_quantile_digits(df: int, area: sympy.Rational) -> int:
    """round(10^3 t) where P(T > t) = area, T ~ t(df): Newton's method on the CDF (the density in closed
    form) from the normal quantile, at 20 digits; a few steps reach far below the printed digit."""
    with mpmath.workdps(20):
        target = 1 - mpmath.mpf(area.p) / area.q
        log_c = mpmath.loggamma((df + 1) / mpmath.mpf(2)) - mpmath.loggamma(df / mpmath.mpf(2)) - mpmath.log(df * mpmath.pi) / 2
        t = mpmath.sqrt(2) * mpmath.erfinv(2 * target - 1)
        for _ in range(60):
            density = mpmath.exp(log_c - (df + 1) / mpmath.mpf(2) * mpmath.log1p(t * t / df))
            step = (_t_cdf(t, df) - target) / density
            t -= step if abs(step) < t / 2 else t / 2 * mpmath.sign(step)    # damped while far away (df = 1, 2)
            if abs(step) < mpmath.mpf(10) ** -15:
                break
        return int(mpmath.nint(t * 10**QUANTILE_PLACES))


def _df(df: Any, what: str) -> int:
    df = as_int(df, what)
    if not 1 <= df <= 200:
        raise SandboxError(f"{what}() needs 1 <= df <= 200")
    return df


@macro()
def t_quantile(df: Any, area: Any) -> sympy.Rational:
    """The critical value t* with upper-tail area `area` (one of T_TAIL_AREAS) for Student's t with df
    degrees of freedom, to three decimals as a printed t table gives it."""
    df = _df(df, "t_quantile")
    level = _level(area, T_TAIL_AREAS, "t_quantile")
    return sympy.Rational(_t_quantile_digits(df, level), 10**QUANTILE_PLACES)


@macro()
def t_table(dfs: Sequence[Any], extra: Any = 1) -> str:
    """LaTeX of the rows of a t table (critical values for every upper-tail area in T_TAIL_AREAS)
    for each df in `dfs`, with `extra` (0..2) neighbouring rows on each side, and the z row."""
    extra = as_int(extra, "t_table")
    if not 0 <= extra <= 2:
        raise SandboxError("t_table() takes 0 to 2 extra rows")
    rows: set[int] = set()
    for df in list(dfs):
        d = _df(df, "t_table")
        rows.update(r for r in range(d - extra, d + extra + 1) if 1 <= r <= 200)
    if len(rows) > MAX_TABLE_ROWS:
        raise SandboxError(f"t_table() prints at most {MAX_TABLE_ROWS} rows")
    areas = [sympy.Rational(a) for a in T_TAIL_AREAS]
    head = " & ".join(f"${_table_decimal(a)}$" for a in areas)
    conf = " & ".join(f"${decimal_text(100 - 200 * a)}\\%$" for a in areas)
    body = "\n".join(f"${r}$ & " + " & ".join(f"${_t_quantile_digits(r, a) / 10**QUANTILE_PLACES:.3f}$" for a in areas)
                     + r" \\" for r in sorted(rows))
    zrow = " & ".join(f"${_z_quantile_digits(1 - a) / 10**QUANTILE_PLACES:.3f}$" for a in areas)
    cols = "c" * len(areas)
    return ("\\begin{center}\\small\n"
            "$t$ table: the critical value $t^*$ with $P(T > t^*)$ equal to the upper-tail area, for $T \\sim t_{\\mathrm{df}}$.\\\\[2pt]\n"
            f"\\begin{{tabular}}{{c|{cols}}}\nupper-tail area & {head} \\\\\ncentral confidence & {conf} \\\\ \\hline\n"
            f"{body}\n\\hline\n$z$ ($\\mathrm{{df}} = \\infty$) & {zrow} \\\\\n\\end{{tabular}}\n\\end{{center}}")


# ---------------------------------------------------------------------------------------------
# Choosing a model: a catalogue of scenarios. Each names the mechanism that produces X (a code
# the check simulates on its own), and four models: the right one and three built from the
# classic mistakes (Poisson for a fixed number of trials, binomial for an open-ended count or a
# wait, an unscaled rate, a normal model for small counts, sigma used as the variance).
# ---------------------------------------------------------------------------------------------

MODEL_SCENARIOS = ("quiz_guess", "germination", "calls_window", "typos", "die_until", "free_throw_until_miss",
                   "bus_wait", "heights", "coin_heads")
MODEL_FAMILIES = ("binomial", "poisson", "geometric", "normal", "uniform")


class ModelScenario(Record):
    """A scenario and four candidate models: `text` (LaTeX), `mechanism` (a code the check simulates),
    `numbers` (its parameters), `options` (LaTeX of the four models, the right one first), `families`
    and `params` (each option's family name from MODEL_FAMILIES and parameters), `family` (the right
    family's name)."""

    text: str
    mechanism: str
    numbers: list
    options: list
    families: list
    params: list
    family: str


def _model_latex(family: str, params: Sequence[Any]) -> str:
    q = [sympy.latex(to_sympy(v)) if not to_sympy(v).is_Rational or 100 % to_sympy(v).q
         else decimal_text(to_sympy(v)) for v in params]
    if family == "binomial":
        return rf"$\mathrm{{Bin}}(n = {q[0]},\ p = {q[1]})$"
    if family == "poisson":
        return rf"$\mathrm{{Poisson}}(\lambda = {q[0]})$"
    if family == "geometric":
        return rf"$\mathrm{{Geom}}(p = {q[0]})$"
    if family == "normal":
        return rf"$N(\mu = {q[0]},\ \sigma^2 = {q[1]})$"
    return rf"$U({q[0]}, {q[1]})$"


def _scenario(rng: Any, name: str) -> tuple[str, str, list, list[tuple[str, list]]]:
    """(text, mechanism, numbers, [(family, params) x 4, the right one first]) of one catalogue scenario."""
    R = sympy.Rational
    if name == "quiz_guess":
        n, m = rng.integer(8, 20), rng.choice([3, 4, 5])
        text = (f"A quiz has {n} multiple-choice questions with {m} options each. A student guesses every answer "
                "at random, independently. $X$ is the number of correct answers.")
        p = R(1, m)
        return text, "fixed_trials", [n, p], [("binomial", [n, p]), ("poisson", [n * p]), ("geometric", [p]),
                                               ("binomial", [n, 1 - p])]
    if name == "germination":
        n, p = rng.integer(6, 12), R(rng.choice([3, 4, 6, 7, 8]), 10)
        text = (f"A gardener plants {n} seeds; each germinates with probability {decimal_text(p)}, independently of "
                "the others. $X$ is the number of seeds that germinate.")
        return text, "fixed_trials", [n, p], [("binomial", [n, p]), ("poisson", [n * p]),
                                               ("normal", [n * p, n * p * (1 - p)]), ("geometric", [p])]
    if name == "calls_window":
        rate, window = rng.choice([4, 6, 8, 9, 10, 12]), rng.choice([10, 15, 20, 30, 40, 45])
        lam = R(rate * window, 60)
        text = (f"Calls reach a help desk at random, independently, at an average rate of {rate} per hour. $X$ is "
                f"the number of calls in a {window}-minute period.")
        return text, "events_in_window", [rate, 60, window], [
            ("poisson", [lam]), ("poisson", [rate]), ("binomial", [rate, R(window, 60)]), ("normal", [lam, lam])]
    if name == "typos":
        rate, pages = R(rng.choice([1, 2, 3, 4, 5]), 2), rng.integer(2, 6)
        lam = rate * pages
        text = (f"Typing errors occur at random in a long report, on average {decimal_text(rate)} per page. $X$ is "
                f"the number of errors on {pages} pages chosen at random.")
        return text, "events_in_window", [rate, 1, pages], [
            ("poisson", [lam]), ("poisson", [rate]), ("normal", [lam, lam]), ("poisson", [rate / pages])]
    if name == "die_until":
        faces, what = rng.choice([(1, "a six"), (2, "a five or a six")])
        p = R(faces, 6)
        text = f"A fair die is rolled until it first shows {what}. $X$ is the number of rolls needed, that one included."
        return text, "until_success", [p], [("geometric", [p]), ("binomial", [6, p]), ("geometric", [1 - p]),
                                             ("poisson", [1 / p])]
    if name == "free_throw_until_miss":
        s = R(rng.choice([6, 7, 8, 9]), 10)
        text = (f"A basketball player scores each free throw with probability {decimal_text(s)}, independently. "
                "She shoots until she first misses. $X$ is the number of shots, the miss included.")
        return text, "until_success", [1 - s], [("geometric", [1 - s]), ("geometric", [s]), ("binomial", [10, 1 - s]),
                                                 ("poisson", [1 / (1 - s)])]
    if name == "bus_wait":
        period = rng.choice([6, 8, 10, 12, 15, 20, 30])
        text = (f"Buses leave a stop exactly every {period} minutes. A passenger who ignores the timetable arrives "
                "at a random time. $X$ is her waiting time in minutes.")
        return text, "periodic_wait", [period], [("uniform", [0, period]), ("normal", [R(period, 2), R(period**2, 12)]),
                                                  ("poisson", [R(period, 2)]), ("uniform", [0, R(period, 2)])]
    if name == "heights":
        mu, sd = rng.integer(160, 185), rng.choice([6, 7, 8, 9])
        text = (f"Adult heights in a large population are the sum of many small genetic and environmental effects; "
                f"they average {mu}\\,cm with standard deviation {sd}\\,cm. $X$ is the height of a randomly "
                "chosen adult, in cm.")
        return text, "small_effects", [mu, sd], [("normal", [mu, sd**2]), ("normal", [mu, sd]),
                                                  ("uniform", [mu - 2 * sd, mu + 2 * sd]), ("poisson", [mu])]
    n = rng.integer(8, 20)
    text = f"A fair coin is tossed {n} times. $X$ is the number of heads."
    half = R(1, 2)
    return text, "fixed_trials", [n, half], [("binomial", [n, half]), ("poisson", [n * half]), ("geometric", [half]),
                                              ("normal", [n * half, n * half * half])]


@macro(needs_rng=True)
def model_scenario(rng: Any) -> ModelScenario:
    """A random scenario from MODEL_SCENARIOS with random numbers: a ModelScenario record (text,
    mechanism, numbers, options, families, params, family), the right model first among the options."""
    name = rng.choice(list(MODEL_SCENARIOS))
    text, mechanism, numbers, models = _scenario(rng, name)
    return ModelScenario(text=text, mechanism=mechanism, numbers=numbers,
                         options=[_model_latex(f, ps) for f, ps in models], families=[f for f, _ in models],
                         params=[list(ps) for _, ps in models], family=models[0][0])


@macro()
def binomial_between(n: Any, p: Any, lo: Any, hi: Any) -> Any:
    """P(lo <= X <= hi) for X ~ Bin(n, p), exactly (ends clipped to 0..n; empty ranges give 0)."""
    n = as_int(n, "binomial_between")
    a, b = max(as_int(lo, "binomial_between"), 0), min(as_int(hi, "binomial_between"), n)
    return sum((binomial_pmf(n, p, j) for j in range(a, b + 1)), sympy.Integer(0))


@macro()
def binomial_pmf_numeric(n: Any, p: Any, k: Any) -> sympy.Rational:
    """P(X = k) for X ~ Bin(n, p) with n up to 100 000, to 25 significant digits (mpmath at 40 digits), as
    a Rational: for large n, where the exact fraction has thousands of digits."""
    n, k = as_int(n, "binomial_pmf_numeric"), as_int(k, "binomial_pmf_numeric")
    if not 0 <= k <= n <= 100_000:
        raise SandboxError("binomial_pmf_numeric() needs 0 <= k <= n <= 100000")
    p = to_sympy(p)
    if not (p.is_Rational and 0 < p < 1):
        raise SandboxError("binomial_pmf_numeric() needs a rational p strictly between 0 and 1")
    with mpmath.workdps(40):
        pm = mpmath.mpf(p.p) / p.q
        value = mpmath.binomial(n, k) * pm**k * (1 - pm) ** (n - k)
        return sympy.Rational(mpmath.nstr(value, 25, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))


# ---------------------------------------------------------------- drawn densities (bank-code, issue 11)


@macro()
def normal_density_points(mu: Any, sigma: Any, lo: Any, hi: Any, n: Any = 121) -> list:
    """[xs, ys]: n equally spaced points of the N(mu, sigma^2) density on [lo, hi], as floats (for a
    series_chart)."""
    m, s, a, b, count = to_float(mu), to_float(sigma), to_float(lo), to_float(hi), int(to_float(n))
    if not (s > 0 and a < b and 2 <= count <= 400):
        raise SandboxError("normal_density_points() needs sigma > 0, lo < hi and 2 to 400 points")
    xs = [a + (b - a) * i / (count - 1) for i in range(count)]
    return [xs, [math.exp(-((v - m) / s) ** 2 / 2) / (s * math.sqrt(2 * math.pi)) for v in xs]]
