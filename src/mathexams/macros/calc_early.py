"""Macros used mainly by the calculus templates of weeks 1-6."""

from __future__ import annotations

from .registry import macro  # noqa: F401
