"""Answer kinds, one module each, found through a registry filled when this package is imported.

Adding a kind is adding a module here (a subclass of `AnswerKind` under `@register`), its line
below and its tests; the template compiler, the sampler, the renderers, the exam record, the
checker and the CLI look kinds up by name and never switch on them (tests/test_kinds.py holds
every module to being imported and registered). Module level imports stay light (the model
only), so renderers may read kinds without loading SymPy.
"""
# ruff: noqa: I001  (the import order is the registration order)

from __future__ import annotations

from .base import (REGISTRY, AnswerError, AnswerKind, NumericKey, PaperSpace, Settings, SpecReader, default_space,
                   exact_numbers, kind_named, kind_names, kind_of, kinds_table, letters, register, working_space)

# registration, in a fixed order (modules are named by kind; no names are read from anywhere else)
from . import expression, number, decimal, vector, matrix, set, interval  # noqa: E402,F401
from . import truefalse, choice, multichoice, multi  # noqa: E402,F401

__all__ = ["REGISTRY", "AnswerError", "AnswerKind", "NumericKey", "exact_numbers", "PaperSpace", "Settings",
           "SpecReader", "kind_named",
           "kind_names", "kind_of", "kinds_table", "letters", "register", "default_space", "working_space"]
