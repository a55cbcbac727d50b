"""The course's macros: the vetted helpers templates may call, registered with the engine on import.

The modules are imported in a fixed order so the function table is the same in every process.
"""

from . import sympy_api, draws, matrices, distributions, plots  # noqa: F401  (registration)
from . import calc_early, calc_late, linalg_early, linalg_late, prob_early, prob_late  # noqa: F401
