"""Independent checks used mainly by the probability and statistics templates of weeks 7-10 and the visualization templates of weeks 11-12.

None of these calls the SymPy expression that produced a key: probabilities are recomputed
with `math.erf` / float recursions and by vectorised Monte Carlo (at most 200 000 draws,
accepted within 4 standard errors); statistics with NumPy; figures are read back from the
TikZ they were drawn as (coordinates and tick labels parsed from the LaTeX), so a scaling
bug in a figure macro cannot agree with the key by accident.

Checks that read figures or claims take text; they are registered with `strings_ok`
(the `check` decorator does not offer it).
"""

from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from ..api import bisect, to_float
from ..api import CheckFailed, SimulationMiss
from ..api import mean_agrees, share_agrees
from ..api import check

MC_SE = 4.0          # the decisions of inference_claim_holds use the policy's band
MAX_DRAWS = 200_000


def text_check(name: str | None = None, *, needs_rng: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a check that may receive text arguments (TikZ figures, claim sentences)."""
    return check(name, needs_rng=needs_rng, strings_ok=True)


def _truths(values: Sequence[Any]) -> list[bool]:
    return [bool(v) if v is not None else False for v in values]



# A Monte Carlo test: ("p", indicator, probability, label) compares the share of an indicator
# with a probability (SE from the key); ("m", values, mean, label) compares a sample mean with a
# key (SE from the sample's own spread).
MCTest = tuple[str, Callable[[np.ndarray], np.ndarray], Any, str]


def _staged(draw: Callable[[int], np.ndarray], size: int, tests: Sequence[MCTest]) -> None:
    """Run Monte Carlo tests on one sample draw(size) under the engine's policy (4 standard errors;
    a miss rejects the draw)."""
    sample = draw(size)
    for kind, stat, key, what in tests:
        if kind == "p":
            share_agrees(stat(sample), key, what)
        else:
            mean_agrees(stat(sample), key, what)


def _phi(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2))


@check(needs_rng=True, simulation=True)
def binomial_pmf_simulation(rng: np.random.Generator, n: Any, p: Any, k: Any, prob: Any, draws: Any = 200_000) -> bool:
    """The share of simulated Bin(n, p) draws equal to k agrees with prob (200 000 draws).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    samples = rng.binomial(int(n), to_float(p), size=min(int(draws), MAX_DRAWS))
    share_agrees(samples == int(k), prob, f"P(X = {int(k)})")
    return True


@check()
def enumerate_binomial_pmf(n: Any, p: Any, k: Any) -> Fraction:
    """P(X = k) by enumerating all 2**n success/failure sequences (n <= 16): the sequences with k
    successes are counted one by one, and each has probability p**k (1 - p)**(n - k) exactly."""
    n, k = int(n), int(k)
    if n > 16:
        raise CheckFailed("enumeration limited to n <= 16")
    prob = Fraction(str(p))
    count = sum(1 for outcome in itertools.product((0, 1), repeat=n) if sum(outcome) == k)
    return count * prob**k * (1 - prob) ** (n - k)


# --------------------------------------------------------------------------- choice keys


@check()
def option_key_near(truths: Sequence[Any], values: Sequence[Any], reference: Any, tol: Any = 1e-9) -> bool:
    """Exactly one option is marked correct; its value is within tol of an independently computed
    reference and every other option's value is farther than tol from it."""
    flags, values = _truths(truths), [to_float(v) for v in values]
    if len(flags) != len(values):
        raise CheckFailed(f"{len(flags)} option truths for {len(values)} option values")
    if sum(flags) != 1:
        raise CheckFailed(f"{sum(flags)} options are marked correct")
    ref, tol = to_float(reference), float(tol)
    for i, (f, v) in enumerate(zip(flags, values)):
        near = abs(v - ref) <= tol
        if f != near:
            raise CheckFailed(f"option {i} = {v:.6g} is marked {f}, reference {ref:.6g}")
    return True


# --------------------------------------------------------------------------- Poisson


@check()
def poisson_recursion(lam: Any, k: Any, upper_tail: Any = False) -> float:
    """P(X = k) (or P(X >= k) when upper_tail) for X ~ Poisson(lam) in floats, via the recursion
    p_0 = e^-lam, p_j = p_(j-1) * lam / j."""
    lam_f, k = to_float(lam), int(k)
    p, below = math.exp(-lam_f), 0.0
    for j in range(k):
        below += p
        p *= lam_f / (j + 1)
    return 1.0 - below if upper_tail else p


@check(needs_rng=True, simulation=True)
def poisson_window_simulation(rng: np.random.Generator, rate: Any, per: Any, window: Any, k: Any,
                              p_equal: Any, p_at_least: Any, draws: Any = 25_000) -> bool:
    """Simulate a Poisson process with `rate` events per `per` time units: events in a block of
    length max(per, window) are Poisson(rate * block / per), each falls in the first `window`
    units with probability window / block (thinning). P(X = k) and P(X >= k) for the count in
    the window must agree with the keys within 4 SE; the rescaled rate is never computed.
    False alarm: about 1.3e-4 per question (two estimates, 4 standard errors each)."""
    rate_f, per_f, win_f = to_float(rate), to_float(per), to_float(window)
    block = max(per_f, win_f)
    k = int(k)

    def draw(size: int) -> np.ndarray:
        total = rng.poisson(rate_f * block / per_f, size=size)
        return rng.binomial(total, win_f / block)

    _staged(draw, min(int(draws), MAX_DRAWS // 4), [
        ("p", lambda c: c == k, p_equal, f"P(X = {k})"),
        ("p", lambda c: c >= k, p_at_least, f"P(X >= {k})"),
    ])
    return True


# --------------------------------------------------------------------------- normal distribution


@check()
def erf_normal_prob(mu: Any, sigma: Any, lo: Any, hi: Any) -> float:
    """P(lo < X < hi) for X ~ N(mu, sigma^2) with math.erfc (lo may be -oo, hi may be oo)."""
    m, s = to_float(mu), to_float(sigma)
    a, b = to_float(lo), to_float(hi)
    fa = 0.0 if a == -math.inf else _phi((a - m) / s)
    fb = 1.0 if b == math.inf else _phi((b - m) / s)
    return fb - fa


@check(needs_rng=True, simulation=True)
def normal_simulation(rng: np.random.Generator, mu: Any, sigma: Any, lo: Any, hi: Any, p: Any,
                      draws: Any = 50_000) -> bool:
    """Share of simulated N(mu, sigma^2) draws in (lo, hi) agrees with p within 4 SE.
    False alarm: about 6e-5 per question (one estimate, 4 standard errors)."""
    m, sd, a, b = to_float(mu), to_float(sigma), to_float(lo), to_float(hi)
    _staged(lambda size: rng.normal(m, sd, size=size), min(int(draws), MAX_DRAWS // 2),
            [("p", lambda x: (x > a) & (x < b), p, "P(lo < X < hi)")])
    return True


@check()
def z_star_level(z: Any, level: Any, tol: Any = 0.001) -> bool:
    """z is the two-sided critical value for confidence `level` (a fraction): 2 Phi(z) - 1 = level (math.erf)."""
    got = math.erf(to_float(z) / math.sqrt(2))
    if abs(got - to_float(level)) > float(tol):
        raise CheckFailed(f"2 Phi({to_float(z)}) - 1 = {got:.5f}, not {to_float(level)}")
    return True


# --------------------------------------------------------------------------- discrete pmf


@check()
def probabilities_complete(probs: Sequence[Any], missing: Any, value: Any) -> bool:
    """Putting `value` at index `missing` makes the probabilities add up to exactly 1, all in (0, 1)."""
    ps = [Fraction(str(sympy.Rational(p))) for p in probs]
    ps[int(missing)] = Fraction(str(sympy.Rational(value)))
    if sum(ps) != 1 or not all(0 < p < 1 for p in ps):
        raise CheckFailed(f"probabilities {[str(p) for p in ps]} do not form a pmf")
    return True


@check()
def np_pmf_variance(values: Sequence[Any], probs: Sequence[Any]) -> float:
    """Var(X) by the definition sum p (x - mu)^2 in NumPy (not the E[X^2] - E[X]^2 shortcut)."""
    xs = np.array([to_float(v) for v in values])
    ps = np.array([to_float(p) for p in probs])
    mu = float(np.dot(ps, xs))
    return float(np.dot(ps, (xs - mu) ** 2))


@check(needs_rng=True, simulation=True)
def pmf_simulation(rng: np.random.Generator, values: Sequence[Any], probs: Sequence[Any], mean: Any,
                   variance: Any, t: Any, tail: Any, draws: Any = 200_000) -> bool:
    """Draw from the pmf with numpy's Generator.choice: the sample mean, sample variance and
    share of draws >= t agree with the keys within 4 SE.
    False alarm: about 1.9e-4 per question (three estimates, 4 standard errors each)."""
    xs = np.array([to_float(v) for v in values])
    ps = np.array([to_float(p) for p in probs])
    ps = ps / ps.sum()
    tf = to_float(t)
    _staged(lambda size: rng.choice(xs, size=size, p=ps), min(int(draws), MAX_DRAWS // 2), [
        ("m", lambda s: s, mean, "E[X]"),
        ("m", lambda s: (s - s.mean()) ** 2, variance, "Var(X)"),
        ("p", lambda s: s >= tf, tail, "P(X >= t)"),
    ])
    return True


# --------------------------------------------------------------------------- continuous pdf


def _poly_coeffs(f: Any, x: Any) -> np.ndarray:
    return np.array([to_float(c) for c in sympy.Poly(sympy.expand(f), x).all_coeffs()], dtype=float)


_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(32)


@check()
def np_poly_quad(f: Any, x: Any, a: Any, b: Any) -> float:
    """Integral of a polynomial f over [a, b] by 32-point Gauss-Legendre quadrature, vectorised in
    NumPy (exact for degree <= 63; a quick alternative to integral_matches for polynomial densities)."""
    coeffs = _poly_coeffs(f, x)
    lo, hi = to_float(a), to_float(b)
    mid, half = (lo + hi) / 2, (hi - lo) / 2
    return float(half * np.dot(_GL_WEIGHTS, np.polyval(coeffs, mid + half * _GL_NODES)))


@check(needs_rng=True, simulation=True)
def pdf_rejection_sample(rng: np.random.Generator, f: Any, x: Any, lo: Any, hi: Any, t: Any,
                         p_t: Any, mean: Any, median: Any, draws: Any = 200_000) -> bool:
    """Rejection-sample the polynomial density f on [lo, hi] (uniform proposals under the
    maximum of f on a grid): P(X <= t), E[X] and P(X <= median) = 1/2 agree within 4 SE.
    False alarm: about 1.9e-4 per question (three estimates, 4 standard errors each)."""
    coeffs = _poly_coeffs(f, x)
    a, b = to_float(lo), to_float(hi)
    grid = np.linspace(a, b, 2001)
    top = float(np.max(np.polyval(coeffs, grid))) * 1.001
    tf, med = to_float(t), to_float(median)

    def draw(size: int) -> np.ndarray:
        u = rng.uniform(a, b, size=size)
        v = rng.uniform(0, top, size=size)
        return u[v <= np.polyval(coeffs, u)]

    _staged(draw, min(int(draws), MAX_DRAWS) // 4, [
        ("p", lambda s: s <= tf, p_t, "P(X <= t)"),
        ("m", lambda s: s, mean, "E[X]"),
        ("p", lambda s: s <= med, sympy.Rational(1, 2), "P(X <= median)"),
    ])
    return True


# --------------------------------------------------------------------------- confidence intervals, sample size, tests


@check(needs_rng=True, simulation=True)
def z_interval_coverage(rng: np.random.Generator, interval: Any, xbar: Any, sigma: Any, n: Any, level: Any,
                        draws: Any = 200_000) -> bool:
    """The interval is centred at xbar, and intervals of the same half-width around the means of
    simulated samples of size n from N(0, sigma^2) cover 0 in a share `level` of the cases (4 SE).
    False alarm: about 6e-5 per question (one estimate, 4 standard errors)."""
    if not isinstance(interval, sympy.Interval):
        raise CheckFailed(f"expected an interval, got {interval}")
    a, b = to_float(interval.start), to_float(interval.end)
    if abs((a + b) / 2 - to_float(xbar)) > 1e-9:
        raise CheckFailed(f"the interval [{a}, {b}] is not centred at {to_float(xbar)}")
    n, sd, half = int(n), to_float(sigma), (b - a) / 2
    reps = max(200, min(int(draws), MAX_DRAWS) // (2 * n))
    _staged(lambda size: rng.normal(0.0, sd, size=(size, n)).mean(axis=1), reps,
            [("p", lambda means: np.abs(means) <= half, level, "coverage")])
    return True


@check()
def smallest_sample_size(n: Any, z: Any, sd: Any, margin: Any) -> bool:
    """n is the least sample size with z * sd / sqrt(n) <= margin: true at n, false at n - 1 (floats)."""
    n = int(n)
    zf, s, e = to_float(z), to_float(sd), to_float(margin)
    eps = 1e-12 * e
    if n < 2:
        raise CheckFailed(f"sample size {n} too small")
    if zf * s / math.sqrt(n) > e + eps:
        raise CheckFailed(f"margin at n = {n} is {zf * s / math.sqrt(n):.6f} > {e}")
    if zf * s / math.sqrt(n - 1) <= e - eps:
        raise CheckFailed(f"n - 1 = {n - 1} already reaches the margin")
    return True


def _tail(tail: Any) -> int:
    t = int(tail)
    if t not in (-1, 0, 1):
        raise CheckFailed(f"tail code must be -1, 0 or 1, got {tail}")
    return t


@check()
def z_pvalue_erf(z: Any, tail: Any) -> float:
    """p-value of a z statistic with math.erfc: tail 0 two-sided, 1 upper (greater), -1 lower (less)."""
    zf, t = to_float(z), _tail(tail)
    if t == 0:
        return math.erfc(abs(zf) / math.sqrt(2))
    return _phi(-zf) if t == 1 else _phi(zf)


@check(needs_rng=True, simulation=True)
def z_test_null_simulation(rng: np.random.Generator, xbar: Any, mu0: Any, sigma: Any, n: Any, tail: Any,
                           p: Any, draws: Any = 200_000) -> bool:
    """Simulate samples of size n under H0 (N(mu0, sigma^2)); the share of sample means at least
    as extreme as xbar (in the direction of Ha) agrees with the p-value within 4 SE.
    False alarm: about 6e-5 per question (one estimate, 4 standard errors)."""
    n, t = int(n), _tail(tail)
    m0, s, xb = to_float(mu0), to_float(sigma), to_float(xbar)
    reps = max(500, min(int(draws), MAX_DRAWS) // (2 * n))
    if t == 0:
        extreme = lambda means: np.abs(means - m0) >= abs(xb - m0)  # noqa: E731
    elif t == 1:
        extreme = lambda means: means >= xb  # noqa: E731
    else:
        extreme = lambda means: means <= xb  # noqa: E731
    _staged(lambda size: m0 + rng.standard_normal(size=(size, n)).mean(axis=1) * s, reps,
            [("p", extreme, p, "p-value")])
    return True


@check()
def reject_iff_p_below(p: Any, alpha: Any, reject: Any) -> bool:
    """The decision 'reject H0' is made exactly when p < alpha."""
    if (to_float(p) < to_float(alpha)) != bool(reject):
        raise CheckFailed(f"p = {to_float(p):.4f}, alpha = {to_float(alpha)}, decision reject = {bool(reject)}")
    return True


# Keywords of claim sentences and the alternative they lead to ('>' upper, '<' lower, '!=' two-sided).
_CLAIM_WORDS = (
    ("at least", "<"), ("no less than", "<"), ("at most", ">"), ("no more than", ">"),
    ("not exceed", ">"), ("more than", ">"), ("greater than", ">"), ("exceeds", ">"), ("above", ">"),
    ("increased", ">"), ("less than", "<"), ("lower than", "<"), ("fewer than", "<"), ("below", "<"), ("decreased", "<"),
    ("differs", "!="), ("different", "!="), ("not equal", "!="), ("changed", "!="),
)
_OP_NAMES = {">": ">", "<": "<", r"\neq": "!=", "!=": "!=", "=": "=", r"\geq": ">=", r"\leq": "<="}


@text_check()
def claim_alternative(claim: Any) -> str:
    """The alternative hypothesis a claim sentence leads to, from a keyword table: '>' or '<' or
    '!='. A claim that includes equality ('at least', 'at most') is the null, so Ha is its negation."""
    text = str(claim).lower()
    hits = [op for word, op in _CLAIM_WORDS if word in text]
    if len(set(hits)) != 1:
        raise CheckFailed(f"cannot classify the claim {claim!r} (matches {hits})")
    return hits[0]


@text_check()
def hypotheses_option_matches(claim: Any, nulls: Sequence[Any], alternatives: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Exactly the options with H0 '=' and the alternative read off the claim are marked correct."""
    ha = claim_alternative(claim)
    flags = _truths(truths)
    if not len(flags) == len(nulls) == len(alternatives):
        raise CheckFailed("option lists differ in length")
    for i, (h0, h1, f) in enumerate(zip(nulls, alternatives, flags)):
        right = _OP_NAMES.get(str(h0)) == "=" and _OP_NAMES.get(str(h1)) == ha
        if right != f:
            raise CheckFailed(f"option {i} (H0 {h0}, Ha {h1}) is marked {f}; the claim gives Ha {ha}")
    return True


# --------------------------------------------------------------------------- interpretation statements


def _z_crit(level: float) -> float:
    """Two-sided critical value by bisection on math.erf."""
    return bisect(lambda z: math.erf(z / math.sqrt(2)) - level, 0.0, 10.0)


def _decide_claim(rng: np.random.Generator, k: int, v: int, fa: float, fb: float, fc: float) -> bool:
    """Whether statement kind k, version v holds, by simulation or numerics (see inference_claim_holds)."""
    if k == 0:
        n, reps = int(fb), MAX_DRAWS // (2 * int(fb))
        z = rng.standard_normal(size=(reps, n)).mean(axis=1) * math.sqrt(n)
        rate = float(np.mean(np.abs(z) > _z_crit(1 - fa)))
        claimed = fa if v == 0 else 1 - fa
        se = math.sqrt(claimed * (1 - claimed) / reps) if 0 < claimed < 1 else 0
        holds = abs(rate - claimed) <= MC_SE * se + 0.002
    elif k == 1:
        width = lambda n: 2 * _z_crit(0.95) / math.sqrt(n)  # noqa: E731
        holds = abs(width(fa) / width(fb) - fc) < 1e-9
    elif k == 2:
        n = int(fa)
        reps = MAX_DRAWS // (2 * n)
        x = rng.standard_normal(size=(reps, n))
        h = _z_crit(fc / 100) / math.sqrt(n)
        means = x.mean(axis=1)
        if v == 0:
            share = float(np.mean(np.abs(means) <= h))
        else:
            share = float(np.mean(np.abs(x - means[:, None]) <= h))
        se = math.sqrt(fc / 100 * (1 - fc / 100) / reps)
        holds = abs(share - fc / 100) <= MC_SE * se
    elif k == 3:
        wider = _z_crit(fa / 100) > _z_crit(fb / 100)
        holds = wider if v == 0 else not wider
    elif k in (4, 5):
        if k == 4:
            cases = [(int(fa), 0.05), (int(fb), 0.05)]
        else:
            cases = [(int(fc), fa), (int(fc), fb)]
        powers = []
        for n, alpha in cases:
            reps = MAX_DRAWS // (4 * n)
            z = (0.5 + rng.standard_normal(size=(reps, n)).mean(axis=1)) * math.sqrt(n)
            powers.append(float(np.mean(z > _z_crit(1 - 2 * alpha))))
        rises = powers[1] > powers[0] + 0.03
        falls = powers[1] < powers[0] - 0.03
        if not (rises or falls):
            raise SimulationMiss(f"simulated powers {powers} too close to decide")
        holds = (rises if v == 0 else falls) if k == 4 else (falls if v == 0 else rises)
    elif k == 6:
        centre, se = (fa + fb) / 2, (fb - fa) / (2 * 1.96)
        p = math.erfc(abs(fc - centre) / se / math.sqrt(2))
        if abs(p - 0.05) < 1e-6:
            raise CheckFailed("the hypothesised mean sits on the interval's end")
        rejected = p < 0.05
        holds = rejected if v == 0 else not rejected
    else:
        raise CheckFailed(f"unknown statement kind {k}")
    return holds


@check(needs_rng=True, simulation=True)
def inference_claim_holds(rng: np.random.Generator, kind: Any, version: Any, a: Any, b: Any, c: Any,
                          truth: Any) -> bool:
    """Decide the catalogue statement (kind, version) with numbers a, b, c by simulation or direct
    numerics, and compare with the key. Kinds (see prob.inference.interpretation_tf):
    0 Type I rate of a two-sided z test at alpha = a is a (v0) / 1 - a (v1), samples of size b;
    1 going from n = a to n = b makes a z interval c times narrower (v irrelevant);
    2 coverage of c% intervals (v0) / share of data inside c% interval (v1), n = a;
    3 from the same data, the a% interval is wider (v0) / narrower (v1) than the b% interval;
    4 power of a one-sided z test at effect 0.5 sigma rises (v0) / falls (v1) from n = a to n = b;
    5 lowering alpha from a to b lowers (v0) / raises (v1) the power at n = c;
    6 95% interval [a, b] and H0: mu = c, two-sided alpha 0.05: rejected (v0) / not rejected (v1).
    False alarm: below 6.3e-5 per question (kinds 0 and 2 decide with one 4-standard-error band;
    kinds 4 and 5 compare powers at least 0.08 apart with a 0.03 margin, more than 4.7 standard
    errors of the difference; kinds 1, 3 and 6 are exact)."""
    k, v = int(kind), int(version)
    fa, fb, fc = to_float(a), to_float(b), to_float(c)
    holds = _decide_claim(rng, k, v, fa, fb, fc)      # each decision uses at most MAX_DRAWS / 2 draws
    if holds != bool(truth):
        failure = SimulationMiss if k in (0, 2, 4, 5) else CheckFailed
        raise failure(f"statement kind {k} version {v} with ({fa}, {fb}, {fc}): "
                      f"{'simulation' if failure is SimulationMiss else 'numerics'} say(s) {holds}, key {bool(truth)}")
    return True


# --------------------------------------------------------------------------- reading figures back

_NUM = r"(-?\d+(?:\.\d+)?)"
_PT = rf"\({_NUM},{_NUM}\)"


def _floats(*groups: str) -> tuple[float, ...]:
    return tuple(float(g) for g in groups)


def _tick_scale(figure: str, axis: str) -> tuple[float, float]:
    """(offset, scale) with coordinate = offset + scale * value, fitted to the numeric tick labels."""
    side = "below" if axis == "x" else "left"
    pat = rf"\\node\[{side}, font=\\scriptsize\] at {_PT} \{{\$(-?\d+(?:\.\d+)?)\$\}}"
    pairs = [(float(m.group(3)), float(m.group(1) if axis == "x" else m.group(2))) for m in re.finditer(pat, figure)]
    if len(pairs) < 2:
        raise CheckFailed(f"the figure has fewer than two {axis}-tick labels")
    vals, coords = np.array(pairs).T
    scale, offset = np.polyfit(vals, coords, 1)
    if np.max(np.abs(offset + scale * vals - coords)) > 2e-3:
        raise CheckFailed(f"the {axis}-ticks are not equally spaced")
    return float(offset), float(scale)


@text_check()
def figure_histogram(figure: Any) -> list[list[float]]:
    """[[left edge, right edge, count], ...] read from a histogram figure: bar rectangles
    converted to data units with the tick labels."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    bars = []
    for m in re.finditer(rf"\\filldraw\[fill=blue!25[^\]]*\] {_PT} rectangle {_PT};", fig):
        x0, y0, x1, y1 = _floats(*m.groups())
        bars.append([(x0 - ox) / sx, (x1 - ox) / sx, (y1 - oy) / sy])
    if not bars:
        raise CheckFailed("no bars in the figure")
    return bars


@text_check()
def histogram_figure_matches(figure: Any, data: Sequence[Any], lo: Any, width: Any, bins: Any) -> bool:
    """The drawn bars are numpy.histogram of the data with edges lo, lo + width, ... (counts and edges)."""
    bars = figure_histogram(figure)
    edges = to_float(lo) + to_float(width) * np.arange(int(bins) + 1)
    counts, _ = np.histogram(np.array([to_float(v) for v in data]), bins=edges)
    if len(bars) != len(counts):
        raise CheckFailed(f"{len(bars)} bars drawn, {len(counts)} classes")
    for (a, b, h), e0, e1, c in zip(bars, edges[:-1], edges[1:], counts):
        if abs(a - e0) > 0.01 or abs(b - e1) > 0.01 or abs(h - c) > 0.01:
            raise CheckFailed(f"bar [{a:.3f}, {b:.3f}] of height {h:.3f} vs class [{e0}, {e1}) with {c} values")
    return True


@check()
def np_hist_mean(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> float:
    """Mean from numpy.histogram: class midpoints weighted by the counts."""
    edges = to_float(lo) + to_float(width) * np.arange(int(bins) + 1)
    counts, _ = np.histogram(np.array([to_float(v) for v in data]), bins=edges)
    mids = (edges[:-1] + edges[1:]) / 2
    return float(np.dot(counts, mids) / counts.sum())


@check()
def np_count_in(data: Sequence[Any], a: Any, b: Any) -> int:
    """How many values lie in [a, b) (NumPy mask)."""
    x = np.array([to_float(v) for v in data])
    return int(np.count_nonzero((x >= to_float(a)) & (x < to_float(b))))


@check()
def skew_direction_matches(data: Sequence[Any], lo: Any, width: Any, bins: Any, truths: Sequence[Any]) -> bool:
    """Moment skewness of the binned data (numpy.histogram midpoints): > 0.25 right-skewed,
    < -0.25 left-skewed, |g| < 0.05 symmetric (anything else fails). truths are for the options
    in the order right, left, symmetric."""
    edges = to_float(lo) + to_float(width) * np.arange(int(bins) + 1)
    counts, _ = np.histogram(np.array([to_float(v) for v in data]), bins=edges)
    mids = np.repeat((edges[:-1] + edges[1:]) / 2, counts)
    d = mids - mids.mean()
    g = float(np.mean(d**3) / np.mean(d**2) ** 1.5)
    if g > 0.25:
        label = 0
    elif g < -0.25:
        label = 1
    elif abs(g) < 0.05:
        label = 2
    else:
        raise CheckFailed(f"skewness {g:.3f} is ambiguous")
    flags = _truths(truths)
    if flags != [i == label for i in range(3)]:
        raise CheckFailed(f"skewness {g:.3f} gives option {label}, key marks {flags}")
    return True


def _np_box(values: Sequence[Any]) -> tuple[list[float], list[float]]:
    x = np.sort(np.array([to_float(v) for v in values]))
    n = x.size
    q1, med, q3 = float(np.median(x[: n // 2])), float(np.median(x)), float(np.median(x[(n + 1) // 2:]))
    iqr = q3 - q1
    inside = x[(x >= q1 - 1.5 * iqr) & (x <= q3 + 1.5 * iqr)]
    outliers = x[(x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)]
    return [float(inside.min()), q1, med, q3, float(inside.max())], [float(v) for v in outliers]


@check()
def np_tukey_box(values: Sequence[Any]) -> list[float]:
    """[lower whisker end, Q1, median, Q3, upper whisker end]: NumPy medians of the sorted halves
    (median excluded for odd n), whiskers to the extreme values within 1.5 IQR (NumPy masks)."""
    return _np_box(values)[0]


@check()
def np_tukey_outlier(values: Sequence[Any], v: Any) -> bool:
    """Whether v lies beyond 1.5 IQR from the box (quartiles as in np_tukey_box)."""
    (_, q1, _, q3, _), _ = _np_box(values)
    iqr = q3 - q1
    w = to_float(v)
    return bool(w < q1 - 1.5 * iqr or w > q3 + 1.5 * iqr)


@check()
def larger_iqr_marked(first: Sequence[Any], second: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Options 'first group', 'second group', 'same IQR': exactly the one matching the NumPy
    IQRs (medians of halves) is marked."""
    (_, a1, _, a3, _), _ = _np_box(first)
    (_, b1, _, b3, _), _ = _np_box(second)
    d = (a3 - a1) - (b3 - b1)
    right = [d > 1e-9, d < -1e-9, abs(d) <= 1e-9]
    if _truths(truths) != right:
        raise CheckFailed(f"IQRs {a3 - a1} and {b3 - b1}; key marks {_truths(truths)}")
    return True


@text_check()
def boxplot_figure_matches(figure: Any, groups: Sequence[Any]) -> bool:
    """Read each drawn box plot back (box ends, median line, whisker caps, outlier circles; in
    data units from the x-tick labels) and compare with the NumPy summary of its group."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    u = lambda c: (c - ox) / sx  # noqa: E731
    boxes = [(_floats(*m.groups())) for m in re.finditer(rf"\\filldraw\[fill=orange!25[^\]]*\] {_PT} rectangle {_PT};", fig)]
    medians = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[very thick\] {_PT} -- {_PT};", fig)]
    caps = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[thick\] {_PT} -- {_PT};", fig)]
    circles = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[thick\] {_PT} circle \(2pt\);", fig)]
    if len(boxes) != len(groups) or len(medians) != len(groups):
        raise CheckFailed(f"{len(boxes)} boxes drawn for {len(groups)} groups")
    for (x0, y0, x1, y1), (mx, _, _, _), g in zip(boxes, medians, groups):
        (w_lo, q1, med, q3, w_hi), outliers = _np_box(g)
        yc = (y0 + y1) / 2
        row_caps = sorted(u(a[0]) for a in caps if a[0] == a[2] and a[1] != a[3] and abs((a[1] + a[3]) / 2 - yc) < 1e-6)
        row_out = sorted(u(c[0]) for c in circles if abs(c[1] - yc) < 1e-6)
        drawn = [u(x0), u(mx), u(x1)]
        if any(abs(d - e) > 0.01 for d, e in zip(drawn, [q1, med, q3])):
            raise CheckFailed(f"box {drawn} vs NumPy quartiles {[q1, med, q3]}")
        if len(row_caps) != 2 or abs(row_caps[0] - w_lo) > 0.01 or abs(row_caps[1] - w_hi) > 0.01:
            raise CheckFailed(f"whiskers {row_caps} vs {[w_lo, w_hi]}")
        if len(row_out) != len(outliers) or any(abs(a - b) > 0.01 for a, b in zip(row_out, outliers)):
            raise CheckFailed(f"outliers drawn {row_out} vs {outliers}")
    return True


@text_check()
def ecdf_figure_matches(figure: Any, data: Sequence[Any]) -> bool:
    """Read the drawn ECDF back (step levels and jump positions in data units, from the tick
    labels) and compare with the NumPy empirical CDF of the data at every jump and between jumps."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    steps = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[thick, blue\] {_PT} -- {_PT};", fig)]
    x = np.sort(np.array([to_float(v) for v in data]))
    if not steps:
        raise CheckFailed("no steps drawn")
    for x0, y0, x1, y1 in steps:
        a, b, level = (x0 - ox) / sx, (x1 - ox) / sx, (y0 - oy) / sy
        if abs(y0 - y1) > 1e-9:
            raise CheckFailed("a step is not horizontal")
        mid = (a + b) / 2
        expected = float(np.searchsorted(x, mid, side="right")) / x.size
        if abs(level - expected) > 0.003:
            raise CheckFailed(f"step over [{a:.2f}, {b:.2f}] at {level:.4f}, ECDF {expected:.4f}")
        if a > x[0] - 1e-9 and not np.any(np.abs(x - a) < 0.01):
            raise CheckFailed(f"a step starts at {a:.3f}, which is no data value")
    return True


@check()
def np_ecdf_at(data: Sequence[Any], v: Any) -> float:
    """Share of the data <= v (numpy.searchsorted on the sorted data)."""
    x = np.sort(np.array([to_float(d) for d in data]))
    return float(np.searchsorted(x, to_float(v), side="right")) / x.size


@check()
def np_ecdf_inverse(data: Sequence[Any], q: Any) -> float:
    """numpy.quantile with method='inverted_cdf': the smallest x with F(x) >= q."""
    return float(np.quantile(np.array([to_float(d) for d in data]), to_float(q), method="inverted_cdf"))


@text_check()
def square_image_matches(figure: Any, options: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Read the tips of the arrows labelled A e1 and A e2 off the figure (grid unit from the tick
    labels) and mark, with NumPy, the option matrices M with M e1, M e2 equal to them; the marks
    must be exactly the key's."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    tips = {}
    for m in re.finditer(rf"\\draw\[->, very thick, \w+\] {_PT} -- {_PT} node\[[^\]]*\] \{{\$A\\mathbf\{{e\}}_(\d)\$\}};", fig):
        x1, y1 = float(m.group(3)), float(m.group(4))
        tips[m.group(5)] = np.array([(x1 - ox) / sx, (y1 - oy) / sy])
    if set(tips) != {"1", "2"}:
        raise CheckFailed("the figure does not show both A e1 and A e2")
    drawn = np.column_stack([tips["1"], tips["2"]])
    flags = _truths(truths)
    for i, (M, f) in enumerate(zip(options, flags)):
        Mf = np.array([[to_float(M[r, c]) for c in range(2)] for r in range(2)])
        images = Mf @ np.eye(2)
        match = bool(np.allclose(images, drawn, atol=0.01))
        if match != f:
            raise CheckFailed(f"option {i} maps e1, e2 to {images.T.tolist()}, figure shows {drawn.T.tolist()}; marked {f}")
    return True


@text_check()
def graph_marks_signs(figure: Any, order: Any, sign: Any, truths: Sequence[Any]) -> bool:
    """Read the plotted curve and the lettered marks from a function_plot figure; estimate f' or
    f'' (order 1 or 2) at each mark by a local least-squares quadratic through the plotted points,
    and check that the marks whose estimated sign is `sign` (-1, 0, 1) are exactly those marked
    true. Signs of derivatives do not depend on the (positive) axis scales."""
    fig = str(figure)
    pts = []
    for m in re.finditer(r"\\draw\[thick, blue\] ([^;]*);", fig):
        pts += [_floats(a, b) for a, b in re.findall(_PT, m.group(1))]
    marks = [(_floats(a, b), letter) for a, b, letter in
             re.findall(rf"\\fill {_PT} circle \(1.5pt\) node\[[^\]]*\] \{{\$([A-Z])\$\}};", fig)]
    if len(pts) < 20 or not marks:
        raise CheckFailed("no curve or no marks in the figure")
    P = np.array(sorted(pts))
    xs, ys = P[:, 0], P[:, 1]
    span = xs[-1] - xs[0]
    h = 0.06 * span
    slopes_all = np.gradient(ys, xs)
    scale = float(np.max(np.abs(slopes_all)))
    curv_scale = float(np.max(np.abs(np.gradient(slopes_all, xs))))
    flags = _truths(truths)
    marks.sort(key=lambda t: t[1])
    if len(marks) != len(flags):
        raise CheckFailed(f"{len(marks)} marks for {len(flags)} options")
    order, want = int(order), int(sign)
    for ((mx, _), letter), f in zip(marks, flags):
        near = np.abs(xs - mx) <= h
        c2, c1, _ = np.polyfit(xs[near] - mx, ys[near], 2)
        value, ref = (c1, scale) if order == 1 else (2 * c2, curv_scale)
        est = 0 if abs(value) < 0.04 * ref else (1 if value > 0 else -1)
        if abs(value) < 0.12 * ref and est != 0:
            raise CheckFailed(f"mark {letter}: derivative estimate {value:.4g} too close to 0 to read")
        if (est == want) != f:
            raise CheckFailed(f"mark {letter}: estimated sign {est}, marked {f} for sign {want}")
    return True
