"""The vetted helpers templates may call; importing this package fills `FUNCTIONS`.

Each module registers its functions with `@macro`; the modules are imported in a fixed
order so the table is the same in every process.
"""

from . import sympy_api, draws, matrices, distributions, plots  # noqa: F401  (registration)
from . import calc_early, calc_late, linalg_early, linalg_late, prob_early, prob_late  # noqa: F401
from .registry import FUNCTIONS

__all__ = ["FUNCTIONS"]
