"""Renderers: one function per document, registered by name; each reads Exam data only."""

from __future__ import annotations

from typing import Callable, Sequence

from ..model import Exam
from .latex import render_keys, render_master_key, render_papers

DOCUMENTS: dict[str, Callable[[Sequence[Exam]], str]] = {
    "papers": render_papers,
    "keys": render_keys,
    "master-key": render_master_key,
}

__all__ = ["DOCUMENTS"]
