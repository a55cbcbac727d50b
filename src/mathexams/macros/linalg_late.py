"""Macros used mainly by the linear algebra templates of weeks 7-10 and the NumPy/pandas coding templates of weeks 11-12."""

from __future__ import annotations

from .registry import macro  # noqa: F401
