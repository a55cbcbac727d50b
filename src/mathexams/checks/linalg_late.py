"""Independent checks used mainly by the linear algebra templates of weeks 7-10 and the NumPy/pandas coding templates of weeks 11-12."""

from __future__ import annotations

from .base import CheckFailed, check  # noqa: F401
