"""The core macros keep their promises over many seeds."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

from mathexams.macros import distributions, draws, matrices, plots
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

x = sympy.Symbol("x", real=True)
SEEDS = range(60)


def test_nonzero_never_draws_zero_and_covers_the_range():
    values = {draws.nonzero(Rng(s), -3, 3) for s in range(300)}
    assert values == {-3, -2, -1, 1, 2, 3}
    with pytest.raises(SandboxError, match="no non-zero"):
        draws.nonzero(Rng(0), 0, 0)


def test_rational_respects_bounds_and_denominators():
    for s in SEEDS:
        r = draws.rational(Rng(s), -2, 2, [2, 3])
        assert -2 <= r <= 2 and r.q in (2, 3)


def test_distinct_ints_are_distinct():
    for s in SEEDS:
        v = draws.distinct_ints(Rng(s), 1, 10, 6)
        assert len(set(v)) == 6 and all(1 <= a <= 10 for a in v)
    with pytest.raises(SandboxError):
        draws.distinct_ints(Rng(0), 1, 3, 5)


def test_unimodular_matrix_has_integer_inverse():
    for s in SEEDS:
        M = matrices.unimodular_matrix(Rng(s), 3, 6)
        assert abs(M.det()) == 1
        assert all(v.is_integer for v in M.inv())
        assert max(abs(v) for v in M) <= 6


@pytest.mark.parametrize("d", [-5, -2, 1, 3, 7])
def test_invertible_matrix_has_the_requested_determinant(d):
    for s in SEEDS:
        A = matrices.invertible_matrix(Rng(s), 2, d, 9)
        assert A.det() == d and max(abs(v) for v in A) <= 9


def test_matrix_with_eigenvalues_has_them_numerically():
    for s in SEEDS:
        values = [-2, 1, 3]
        A = matrices.matrix_with_eigenvalues(Rng(s), values, 20)
        numeric = np.sort(np.linalg.eigvals(np.array(A.tolist(), dtype=float)).real)
        assert np.allclose(numeric, values)
        assert not A.is_diagonal()


def test_eigen_basis_columns_are_eigenvectors():
    A, P = matrices.eigen_basis(Rng(5), [2, -1], 12)
    for i, lam in enumerate([2, -1]):
        assert A * P.col(i) == lam * P.col(i)


def test_pythagorean_vector_has_integer_length():
    for s in SEEDS:
        v = matrices.pythagorean_vector(Rng(s), 3)
        assert v.norm().is_integer


def test_symmetric_with_eigenvalues_is_symmetric_with_them():
    A = matrices.symmetric_with_eigenvalues(Rng(3), [5, -1])
    assert A.is_symmetric()
    assert sorted(A.eigenvals()) == [-1, 5]


def test_nice_probability_is_strictly_between_zero_and_one():
    for s in SEEDS:
        p = distributions.nice_probability(Rng(s))
        assert 0 < p < 1 and p.q in distributions.NICE_DENOMINATORS


def test_data_with_mean_has_the_exact_mean():
    for s in SEEDS:
        data = distributions.data_with_mean(Rng(s), 7, 40, 9)
        assert sum(data) == 7 * 40 and all(31 <= v <= 49 for v in data)


def test_closed_form_probabilities_agree_with_numpy_simulation():
    rng = np.random.default_rng(0)
    sample = rng.binomial(10, 0.3, 200_000)
    assert abs(float(distributions.binomial_cdf(10, sympy.Rational(3, 10), 3)) - np.mean(sample <= 3)) < 0.005
    normal = rng.normal(50, 10, 200_000)
    assert abs(float(distributions.normal_cdf(62, 50, 10)) - np.mean(normal <= 62)) < 0.005
    poisson = rng.poisson(2.5, 200_000)
    assert abs(float(distributions.poisson_cdf(sympy.Rational(5, 2), 2)) - np.mean(poisson <= 2)) < 0.005


def test_exact_statistics():
    assert distributions.mean([1, 2, 4]) == sympy.Rational(7, 3)
    assert distributions.variance([1, 2, 3, 4], 1) == sympy.Rational(5, 3)
    assert distributions.median([5, 1, 3, 2]) == sympy.Rational(5, 2)


def test_function_plot_draws_the_function_at_its_coordinates():
    tikz = plots.function_plot(x**2 - 2, x, -2, 2, width=4, height=4, samples=5, marks=[1], lettered=True)
    assert tikz.startswith(r"\begin{tikzpicture}") and tikz.endswith(r"\end{tikzpicture}")
    # x-scale 1 cm per unit (4 cm over [-2, 2]); y from -2 to 2 is also 4 cm
    assert "(-2,2) -- (-1,-1) -- (0,-2) -- (1,-1) -- (2,2)" in tikz
    assert re.search(r"\\fill \(1,-1\) circle \(1\.5pt\) node\[[^]]*\] \{\$A\$\}", tikz)


def test_function_plot_breaks_the_curve_where_undefined():
    tikz = plots.function_plot(1 / x, x, -2, 2, ylo=-4, yhi=4, samples=5)
    assert tikz.count(r"\draw[thick, blue]") == 2


def test_function_plot_refuses_bad_ranges():
    with pytest.raises(SandboxError):
        plots.function_plot(x, x, 2, 1)
    with pytest.raises(SandboxError):
        plots.function_plot(x, x, 0, 1, samples=10_000)
