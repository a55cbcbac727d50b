"""Renderers: one protocol, one registry, one module per output format.

A renderer turns exams into files: `render(exams, options) -> {relative path: bytes}`, for all
versions at once, reading `Exam` data only (no SymPy, no sampling: see tests/test_architecture.py).
It is registered by name with `@register`, and the build writes what it returns into the exam's
folder. Turning LaTeX into PDF is not a renderer's job: a renderer that writes `.tex` files says
how each one is typeset (`PdfStep`), and `pdf.typeset` does it afterwards for every renderer alike.

Adding an output is adding a module here (a function under `@register`), its line below and its
tests; `mathexams build --format NAME` and the exam record find it by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MathExamsError
from ..model import Exam


@dataclass(frozen=True)
class RenderOptions:
    """What every renderer may be told besides the exams (one object instead of growing argument lists)."""

    layouts: Path | None = None      # folder of the Jinja layouts; None: the ones shipped with mathexams


@dataclass(frozen=True)
class PdfStep:
    """How one `.tex` file a renderer wrote becomes PDF: to a fixed point of its cross-references
    (`settle`) or in one pass, and whether it is cut into one PDF per version named
    `versions/<per_version>-<letter>.pdf`."""

    settle: bool = True
    per_version: str = ""


RenderFunction = Callable[[Sequence[Exam], RenderOptions], dict[str, bytes]]


@dataclass(frozen=True)
class Renderer:
    """A registered output: its name, its function and how the `.tex` files it writes are typeset."""

    name: str
    render: RenderFunction
    summary: str
    pdf: Mapping[str, PdfStep] = field(default_factory=dict)   # relative .tex path -> how to typeset it


RENDERERS: dict[str, Renderer] = {}
DEFAULT_OUTPUTS = ("paper", "key", "master-key", "fairness")


def register(name: str, *, summary: str,
             pdf: Mapping[str, PdfStep] | None = None) -> Callable[[RenderFunction], RenderFunction]:
    """Decorator: register a render function under `name`."""
    def add(function: RenderFunction) -> RenderFunction:
        if name in RENDERERS:
            raise ValueError(f"renderer {name!r} is registered twice")
        RENDERERS[name] = Renderer(name, function, summary, dict(pdf or {}))
        return function
    return add


def renderer_named(name: str) -> Renderer:
    try:
        return RENDERERS[name]
    except KeyError:
        known = sorted({*RENDERERS, *FORMAT_GROUPS} - {REPORT_OUTPUT})
        raise MathExamsError(f"no output format {name!r} (formats: {', '.join(known)})") from None


def render_outputs(exams: Sequence[Exam], names: Sequence[str] = DEFAULT_OUTPUTS,
                   options: RenderOptions = RenderOptions()) -> dict[str, bytes]:
    """Every file of the named outputs, by path relative to the exam's folder (two outputs may not
    write the same path)."""
    files: dict[str, bytes] = {}
    for name in names:
        for path, data in renderer_named(name).render(exams, options).items():
            if path in files:
                raise MathExamsError(f"output {name} writes {path}, which another output already wrote")
            files[path] = data
    return files


FORMAT_GROUPS = {"latex": DEFAULT_OUTPUTS}   # --format latex: the papers, keys and master key (with PDF)
REPORT_OUTPUT = "export-report"


def expand_formats(names: Sequence[str]) -> tuple[str, ...]:
    """The outputs that `--format` names mean, each once, in order: `latex` is the LaTeX outputs,
    and any LMS format brings the export report along. Unknown names fail with the list."""
    from .lms import LMS_FORMATS

    outputs: list[str] = []
    for name in names:
        for output in FORMAT_GROUPS.get(name, (name,)):
            renderer_named(output)
            outputs.append(output)
    if any(name in LMS_FORMATS for name in outputs):
        outputs.append(REPORT_OUTPUT)
    return tuple(dict.fromkeys(outputs))


def pdf_steps(names: Sequence[str]) -> dict[str, PdfStep]:
    """How each `.tex` file of the named outputs is typeset."""
    return {path: step for name in names for path, step in renderer_named(name).pdf.items()}


# registration, in a fixed order (one module per output)
from . import export_report, fairness, gift, html_pages, json_output, latex, moodle, text  # noqa: E402,F401

__all__ = ["RenderOptions", "PdfStep", "Renderer", "RENDERERS", "DEFAULT_OUTPUTS", "FORMAT_GROUPS", "register",
           "renderer_named", "render_outputs", "pdf_steps", "expand_formats"]
