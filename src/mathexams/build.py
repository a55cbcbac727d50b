"""Write an exam's folder: LaTeX sources, PDFs and the exam record, all or nothing.

Everything is built in a hidden staging folder beside the target and moved into place at the
end (`outdir.staged_folder`: a per-target lock, an atomic move that never replaces without
`force`), so an interrupted or failed build leaves no half-written folder and two builds of
one exam never both win. pdflatex runs in worker threads; an exception in the main thread
(Ctrl-C, SIGTERM) kills them at once instead of waiting for them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .model import Blueprint, Exam
from .outdir import OutputExists, exam_folder, refuse_existing, staged_folder
from .record import record_from_exams, record_json
from .render import DOCUMENTS
from .render.pdf import LatexFailed, TexProcesses, compile_latex, split_by_code

PDF_WORKERS = max(1, min(3, os.cpu_count() or 1))
KEPT_LOG_BYTES = 256 * 1024    # of each log, copied beside the target when LaTeX fails

__all__ = ["BuildResult", "OutputExists", "exam_folder", "refuse_existing", "render_latex", "write_exam_folder"]


@dataclass
class BuildResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    latex_sha256: dict[str, str] = field(default_factory=dict)


def render_latex(exams: list[Exam]) -> dict[str, str]:
    """Every document's LaTeX source, by file stem."""
    return {name: render(exams) for name, render in DOCUMENTS.items()}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _compile_all(sources: dict[str, str], exams: list[Exam], work: Path, final: Path,
                 progress: Callable[[str], None] | None) -> list[Path]:
    """Compile the documents in parallel, each cut into one PDF per version as soon as it is built
    (the keys are split while the papers' second pass still runs)."""
    codes = [e.code for e in exams]
    processes = TexProcesses()
    versions_dir = final / "versions"
    if len(exams) > 1:
        versions_dir.mkdir()

    def build_one(name: str) -> list[Path]:
        # only the papers print "page x of y"; the keys need a single pass
        pdf = compile_latex(sources[name], name, work / name, settle=name == "papers", processes=processes)
        target = final / f"{name}.pdf"
        shutil.copyfile(pdf, target)
        files = [target]
        if len(exams) > 1 and name != "master-key":
            files += split_by_code(pdf, codes, versions_dir, name.rstrip("s")).values()
        if progress:
            progress(f"{name}.pdf")
        return files

    pool = ThreadPoolExecutor(max_workers=PDF_WORKERS)
    try:
        futures = [pool.submit(build_one, name) for name in ("papers", "keys", "master-key")]
        files = [path for future in futures for path in future.result()]
    except BaseException:
        processes.kill_all()   # Ctrl-C, SIGTERM or a failed document: stop the others now
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return files


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
                      sources: dict[str, str] | None = None) -> BuildResult:
    """Build the folder `target` with LaTeX, optional PDFs and manifest.json (whose `code_key`
    keys the exam codes; empty for a regenerated format-1 record)."""
    target = Path(target)
    result = BuildResult(folder=target)
    with staged_folder(target, force=force) as staging:
        work = staging / ".work"
        latex_dir = staging / "latex"
        latex_dir.mkdir(parents=True)
        sources = sources or render_latex(exams)
        for name, text in sources.items():
            (latex_dir / f"{name}.tex").write_text(text, encoding="utf-8")
            result.latex_sha256[f"{name}.tex"] = _sha256(text)
        if progress:
            progress("latex")
        record = record_from_exams(blueprint, exams, result.latex_sha256, code_key)
        (staging / "manifest.json").write_text(record_json(record), encoding="utf-8")
        if pdf:
            try:
                _compile_all(sources, exams, work, staging, progress)
            except LatexFailed as exc:
                kept = target.parent / f"{target.name}.latex-error"
                _keep_failed_latex(work, kept)
                raise LatexFailed(f"{exc} (LaTeX and the end of its log kept in {kept})") from None
        shutil.rmtree(work, ignore_errors=True)
    result.files = sorted(p for p in target.rglob("*") if p.is_file())
    return result
