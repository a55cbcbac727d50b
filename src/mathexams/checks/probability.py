"""Independent checks used mainly by the probability templates."""

from __future__ import annotations

from .base import CheckFailed, check  # noqa: F401
