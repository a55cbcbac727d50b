"""The engine's public surface for course code: the only module the course's macros and checks import.

Course modules (`mathexams.macros.*`, `mathexams.checks.*`) register functions with `macro` and
`check`, return several values as a `Record`, convert arguments with the `as_*` helpers, compute
numbers with the numeric helpers, judge simulations with the one Monte Carlo policy, and report
problems with `SandboxError` (a bad argument) or `CheckFailed` (a key that disagrees). A test
(tests/test_architecture.py) keeps them from importing anything else of the engine.
"""

from __future__ import annotations

from .answers import format_decimal, latex_of
from .arguments import as_int, as_ints, as_matrix, option_flags
from .coerce import NotANumber, to_sympy
from .errors import CheckFailed, SimulationMiss
from .exact import to_fraction, to_rational
from .numeric import array_function, bisect, float_function, gauss_legendre, quadrature, round_decimal, to_float
from .registry import allow, check, macro
from .sandbox import Record, SandboxError
from .simulation import STANDARD_ERRORS, agrees, false_alarm_rate, mean_agrees, share_agrees
from .snippet_runner import run_program

__all__ = [
    # registration
    "macro", "check", "allow",
    # values and errors
    "Record", "SandboxError", "CheckFailed", "SimulationMiss",
    # arguments (text is never read as code: to_sympy parses number text with our own parser)
    "as_int", "as_ints", "as_matrix", "option_flags", "to_sympy", "NotANumber",
    # numbers
    "to_float", "float_function", "array_function", "quadrature", "gauss_legendre", "bisect", "round_decimal",
    "to_fraction", "to_rational", "format_decimal", "latex_of",
    # the Monte Carlo policy
    "STANDARD_ERRORS", "agrees", "share_agrees", "mean_agrees", "false_alarm_rate",
    # programs built by macros, run by the real libraries in the sandboxed snippet worker
    "run_program",
]
