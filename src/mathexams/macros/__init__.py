"""The course's macros, by mathematical concept; importing the package registers them with the engine.

Generic vocabulary first (symbolic, sequences, draws, decimals), then one module per concept.
Modules are imported in a fixed order so the function table is the same in every process.
"""
# ruff: noqa: I001  (the import order is the registration order)

from . import symbolic, sequences, draws, decimals  # noqa: F401  (registration)
from . import integrals, optimisation  # noqa: F401
from . import vectors, matrices, linear_maps, eigen, regression, markov, graphs, ml  # noqa: F401
from . import events, distributions, descriptive  # noqa: F401
from . import numpy_snippets, pandas_snippets, matplotlib_calls, plots  # noqa: F401
