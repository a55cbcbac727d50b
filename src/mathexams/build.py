"""Write an exam's folder: LaTeX sources, PDFs and the exam record, all or nothing.

Everything is built in a hidden temporary folder beside the target and moved into place at
the end, so an interrupted or failed build leaves no half-written folder; an existing folder
is replaced only when asked (`force`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import MathExamsError
from .model import Blueprint, Exam
from .record import record_from_exams, record_json
from .render import DOCUMENTS
from .render.pdf import LatexFailed, compile_latex, split_by_code

PDF_WORKERS = max(1, min(3, os.cpu_count() or 1))


class OutputExists(MathExamsError):
    """The target folder exists and --force was not given."""


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
    versions_dir = final / "versions"
    if len(exams) > 1:
        versions_dir.mkdir()

    def build_one(name: str) -> list[Path]:
        # only the papers print "page x of y"; the keys need a single pass
        pdf = compile_latex(sources[name], name, work / name, settle=name == "papers")
        target = final / f"{name}.pdf"
        shutil.copyfile(pdf, target)
        files = [target]
        if len(exams) > 1 and name != "master-key":
            files += split_by_code(pdf, codes, versions_dir, name.rstrip("s")).values()
        if progress:
            progress(f"{name}.pdf")
        return files

    with ThreadPoolExecutor(max_workers=PDF_WORKERS) as pool:
        return [path for files in pool.map(build_one, ("papers", "keys", "master-key")) for path in files]


def exam_folder(out: Path, name: str) -> Path:
    """The folder `name` directly inside `out`, as an absolute path; MathExamsError when `name`
    could lead elsewhere ('..', '/', a symlink) or `out` is a file or lies under one."""
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\0" in name:
        raise MathExamsError(f"{name!r} cannot name an exam folder")
    base = Path(out).resolve()
    for folder in (base, *base.parents):
        if folder.exists() and not folder.is_dir():
            raise MathExamsError(f"--out {out}: {folder} is a file, not a folder")
    target = base / name
    if target.is_symlink() or target.resolve().parent != base:
        raise MathExamsError(f"{target} is a symbolic link or leads outside {base}: refusing to write there")
    return target


def refuse_existing(target: Path, force: bool) -> None:
    """Raise OutputExists unless `target` is free or may be replaced."""
    if target.exists() and not force:
        raise OutputExists(f"{target} already exists: pass --force to replace it, or choose another --out")


def write_exam_folder(target: Path, blueprint: Blueprint, exams: list[Exam], *, code_key: bytes, pdf: bool = True,
                      force: bool = False, progress: Callable[[str], None] | None = None,
                      sources: dict[str, str] | None = None) -> BuildResult:
    """Build the folder `target` with LaTeX, optional PDFs and manifest.json (whose `code_key`
    keys the exam codes; empty for a regenerated format-1 record)."""
    target = Path(target)
    refuse_existing(target, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    work = staging / ".work"
    result = BuildResult(folder=target)
    try:
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
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(work, kept, ignore=shutil.ignore_patterns("*.pdf"))
                raise LatexFailed(f"{exc} (LaTeX and log kept in {kept})") from None
        shutil.rmtree(work, ignore_errors=True)
        if target.exists():
            old = target.parent / f".{target.name}.old-{os.getpid()}"
            os.replace(target, old)
            os.replace(staging, target)
            shutil.rmtree(old)
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.files = sorted(p for p in target.rglob("*") if p.is_file())
    return result
