"""Macros used mainly by the calculus templates of weeks 7-10 and the integrated weeks 11-12 problems."""

from __future__ import annotations

from .registry import macro  # noqa: F401
