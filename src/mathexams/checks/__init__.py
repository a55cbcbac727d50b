"""The course's independent checks of answer keys, by mathematical concept; callable only from `verify`.

A check recomputes the key by a different method from the macro that built it (finite differences,
quadrature, NumPy linear algebra, enumeration, simulation) and returns True or a value to compare,
or raises CheckFailed saying what disagreed. Checks never import the macros: a check is a second,
independent method. Importing this package registers them with the engine.
"""
# ruff: noqa: I001  (the import order is the registration order)

from . import comparisons, functions, limits, derivatives, multivariable, integrals, optimisation  # noqa: F401
from . import vectors, matrices, linear_maps, eigen, regression, markov, graphs, ml  # noqa: F401
from . import events, conditional, distributions, descriptive, inference  # noqa: F401
from . import numpy_snippets, pandas_snippets, matplotlib_calls, plots  # noqa: F401
