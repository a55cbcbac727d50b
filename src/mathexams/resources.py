"""Find the files shipped with mathexams: the question bank and the LaTeX layouts.

In a wheel they are package data (`mathexams/question_bank`, `mathexams/templates`, mapped from
the repository's top-level folders at build time); in a source checkout or an editable install
they are those top-level folders. Imports nothing from the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]


def shipped_folder(name: str) -> Path:
    """The shipped folder `name` ('question_bank' or 'templates'): package data first, then the
    checkout's top level. A missing folder is returned as the packaged path, so that the caller's
    error names where it was looked for."""
    packaged = Path(str(resources.files(__package__ or "mathexams") / name))
    if packaged.is_dir():
        return packaged
    source = SOURCE_ROOT / name
    return source if source.is_dir() else packaged


def shipped_bank() -> Path:
    """The question bank shipped with mathexams (templates, blueprints, curriculum.yaml)."""
    return shipped_folder("question_bank")


def layout_folder() -> Path:
    """The folder of the LaTeX layouts (Jinja files read by the LaTeX renderer)."""
    return shipped_folder("templates")
