"""Independent checks used mainly by the calculus templates of weeks 1-6."""

from __future__ import annotations

from .base import CheckFailed, check  # noqa: F401
