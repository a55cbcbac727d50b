"""Macros used mainly by the consolidation templates."""

from __future__ import annotations

from .registry import macro  # noqa: F401
