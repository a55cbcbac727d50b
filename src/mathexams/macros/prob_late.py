"""Macros used mainly by the probability and statistics templates of weeks 7-10 and the visualization templates of weeks 11-12."""

from __future__ import annotations

from .registry import macro  # noqa: F401
