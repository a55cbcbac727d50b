"""Macros used mainly by the linear algebra templates."""

from __future__ import annotations

from .registry import macro  # noqa: F401
