"""The course's independent checks of answer keys, callable only from a template's `verify` list.

A check recomputes the key by a different method (finite differences, quadrature, NumPy
linear algebra, enumeration, simulation) and returns True, or raises `CheckFailed` saying
what disagreed. Importing this package registers them with the engine.
"""

from . import generic  # noqa: F401  (registration)
from . import calc_early, calc_late, linalg_early, linalg_late, prob_early, prob_late  # noqa: F401
