"""Write an exam's folder: LaTeX sources, PDFs and the exam record, all or nothing.

Everything is built in a hidden staging folder beside the target and moved into place at the
end (`outdir.staged_folder`: a per-target lock, an atomic move that never replaces without
`force`), so an interrupted or failed build leaves no half-written folder and two builds of
one exam never both win. The files come from the registered renderers (`render/`), the PDFs
from the PDF step (`render/pdf.typeset`), which runs pdflatex in worker threads and kills them
at once on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import MathExamsError
from .model import Blueprint, Exam
from .outdir import OutputExists, exam_folder, refuse_existing, staged_folder
from .record import record_from_exams, record_json
from .render import DEFAULT_OUTPUTS, RenderOptions, pdf_steps, render_outputs
from .render.pdf import LatexFailed, typeset

KEPT_LOG_BYTES = 256 * 1024    # of each log, copied beside the target when LaTeX fails

__all__ = ["BuildResult", "OutputExists", "exam_folder", "refuse_existing", "latex_digests", "output_digests",
           "write_exam_folder"]


@dataclass
class BuildResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    latex_sha256: dict[str, str] = field(default_factory=dict)
    layout_problems: list = field(default_factory=list)   # render.layout.LayoutProblem: splits, overfull boxes


def output_digests(files: Mapping[str, bytes]) -> dict[str, str]:
    """SHA-256 of every other output file (LMS exports, text, JSON) by relative path, as the record lists them."""
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items() if not path.endswith(".tex")}


def latex_digests(files: Mapping[str, bytes]) -> dict[str, str]:
    """SHA-256 of every LaTeX file by name, as the exam record keeps them (regeneration compares them)."""
    return {PurePosixPath(path).name: hashlib.sha256(data).hexdigest()
            for path, data in files.items() if path.endswith(".tex")}


def place_inside(staging: Path, path: str) -> Path:
    """Where a renderer's relative path lands in the staging folder; never outside it."""
    relative = PurePosixPath(path)
    if (relative.is_absolute() or str(relative) != path or not relative.parts or ".." in relative.parts
            or relative.name == "manifest.json" or any(p.startswith(".") for p in relative.parts)):
        raise MathExamsError(f"an output wrote {path!r}, which is not a file name inside the exam's folder")
    return staging.joinpath(*relative.parts)


def _keep_failed_latex(work: Path, kept: Path) -> None:
    """Copy the .tex files and the end of each log beside the target, for the author to read."""
    if kept.is_symlink():
        kept.unlink()
    shutil.rmtree(kept, ignore_errors=True)
    for tex in work.rglob("*.tex"):
        destination = kept / tex.relative_to(work)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tex, destination)
        log = tex.with_suffix(".log")
        if log.is_file():
            with open(log, "rb") as handle:
                handle.seek(max(0, log.stat().st_size - KEPT_LOG_BYTES))
                destination.with_suffix(".log").write_bytes(handle.read())


def write_exam_folder(target: Path, blueprint: Blueprint, exams: list[Exam], *, code_key: bytes, pdf: bool = True,
                      force: bool = False, progress: Callable[[str], None] | None = None,
                      files: Mapping[str, bytes] | None = None, outputs: Sequence[str] = DEFAULT_OUTPUTS,
                      options: RenderOptions = RenderOptions()) -> BuildResult:
    """Build the folder `target`: the files of the named outputs (or `files`, already rendered),
    their PDFs and manifest.json (whose `code_key` keys the exam codes; empty for a regenerated
    format-1 record)."""
    target = Path(target)
    result = BuildResult(folder=target)
    files = dict(files) if files is not None else render_outputs(exams, outputs, options)
    with staged_folder(target, force=force) as staging:
        work = staging / ".work"
        for path, data in files.items():
            destination = place_inside(staging, path)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
        result.latex_sha256 = latex_digests(files)
        if progress:
            progress("latex")
        record = record_from_exams(blueprint, exams, result.latex_sha256, code_key, output_digests(files))
        (staging / "manifest.json").write_text(record_json(record), encoding="utf-8")
        if pdf:
            steps = pdf_steps(outputs)
            sources = {path: files[path].decode("utf-8") for path in steps if path in files}
            try:
                typeset(sources, steps, [e.code for e in exams], work, staging, progress,
                        result.layout_problems)
            except LatexFailed as exc:
                kept = target.parent / f"{target.name}.latex-error"
                _keep_failed_latex(work, kept)
                raise LatexFailed(f"{exc} (LaTeX and the end of its log kept in {kept})") from None
        shutil.rmtree(work, ignore_errors=True)
    result.files = sorted(p for p in target.rglob("*") if p.is_file())
    return result
