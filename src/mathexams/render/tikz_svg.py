"""TikZ figures to SVG: pdflatex (one standalone document, one page per figure) then pdftocairo.

`figures_to_svg(sources, where)` returns a `Figure` per distinct source. The figures of a call
are typeset in a few pdflatex runs of up to FIGURES_PER_RUN figures each, two at a time (the same
locked-down runner as the paper: no shell escape, paranoid file access, a time limit); results are cached in memory by the SHA-256 of the
figure's source, so the same figure in 30 versions or in two outputs is drawn once. Element ids
inside each SVG are prefixed with the figure's hash, so several figures can be inlined in one
HTML page without their glyph definitions colliding. A figure that fails names the question
(its `where` label, e.g. "stats.histogram seed 7").
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import MathExamsError
from .pdf import LatexFailed, compile_latex

# a TikZ picture, or a PGF picture as Matplotlib's PGF backend writes it (the bank's chart macros)
TIKZ_PATTERN = re.compile(r"\\begin\{(tikzpicture|pgfpicture)\}.*?\\end\{\1\}", re.DOTALL)
PDFTOCAIRO_SECONDS = 30.0
CACHE_LIMIT = 2000
FIGURES_PER_RUN = 30       # figures per pdflatex document: each run stays well inside its time limit
FIGURE_RUNS = max(1, min(2, os.cpu_count() or 1))   # documents typeset at once
FIGURE_MARKER = "%% mathexams-figure"
STANDALONE_PREAMBLE = "\n".join([
    r"\documentclass[tikz,multi=pgfpicture,border=2pt]{standalone}",
    r"\usepackage[T1]{fontenc}",
    r"\usepackage{lmodern}",
    r"\usepackage{amsmath,amssymb}",
    # the colour commands of templates/preamble.tex that Matplotlib's PGF pictures call
    r"\newcommand{\mxpgffill}[1]{\definecolor{mxpgffill}{rgb}{#1}\pgfsetfillcolor{mxpgffill}}",
    r"\newcommand{\mxpgfstroke}[1]{\definecolor{mxpgfstroke}{rgb}{#1}\pgfsetstrokecolor{mxpgfstroke}}",
    r"\newcommand{\mxpgftext}[1]{\definecolor{mxpgftext}{rgb}{#1}\color{mxpgftext}}",
])
_ID = re.compile(r'\bid="([^"]+)"')


class FigureFailed(MathExamsError):
    """A TikZ figure could not be turned into SVG."""


@dataclass(frozen=True)
class Figure:
    """One figure as SVG; `name` (from the content hash) is what it is called as a file."""

    digest: str          # first 16 hex digits of the SHA-256 of the TikZ source
    svg: bytes

    @property
    def name(self) -> str:
        return f"figure-{self.digest}.svg"


_CACHE: dict[str, Figure] = {}
_CACHE_LOCK = threading.Lock()


def figure_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def _prefixed_ids(svg: str, prefix: str) -> str:
    """Every id and reference to it made unique to this figure (pdftocairo numbers from 1 in each file)."""
    ids = set(_ID.findall(svg))
    if not ids:
        return svg
    names = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    svg = re.sub(rf'\bid="({names})"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    return re.sub(rf'#({names})\b(?=["\)])', lambda m: f"#{prefix}-{m.group(1)}", svg)


def _document(sources: Sequence[str]) -> str:
    body = "\n".join(f"{FIGURE_MARKER} {i}\n{s}" for i, s in enumerate(sources))
    return f"{STANDALONE_PREAMBLE}\n\\begin{{document}}\n{body}\n\\end{{document}}\n"


def _culprit(document: str, message: str, where: Sequence[str]) -> str:
    """The `where` label of the figure whose lines hold the error line named in `message`."""
    found = re.search(r"\.tex line (\d+)", message)
    if not found:
        return ", ".join(dict.fromkeys(where))
    index = None
    for line in document.splitlines()[: int(found.group(1))]:
        if line.startswith(FIGURE_MARKER):
            index = int(line.split()[-1])
    return where[index] if index is not None else ", ".join(dict.fromkeys(where))


def _svg_pages(pdf: Path, count: int, workdir: Path) -> list[bytes]:
    if shutil.which("pdftocairo") is None:
        raise FigureFailed("pdftocairo is not installed: run `make tex` (Debian package poppler-utils)")
    pages = []
    for page in range(1, count + 1):
        out = workdir / f"page-{page}.svg"
        try:
            subprocess.run(["pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(pdf), str(out)],
                           check=True, capture_output=True, timeout=PDFTOCAIRO_SECONDS)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise FigureFailed(f"pdftocairo could not convert figure page {page}: {exc}") from None
        pages.append(out.read_bytes())
    return pages


def _draw(sources: Sequence[str], where: Sequence[str]) -> list[bytes]:
    """One pdflatex run over a batch of figures (one page each), then one SVG per page."""
    document = _document(sources)
    with tempfile.TemporaryDirectory(prefix="mathexams-figures-") as folder:
        work = Path(folder)
        try:
            pdf = compile_latex(document, "figures", work, settle=False, use_format=False)
        except LatexFailed as exc:
            raise FigureFailed(f"{_culprit(document, str(exc), where)}: its TikZ figure does not compile: {exc}") \
                from None
        return _svg_pages(pdf, len(sources), work)


def figures_to_svg(sources: Sequence[str], where: Sequence[str]) -> dict[str, Figure]:
    """Every figure source (a whole `tikzpicture` or `pgfpicture` environment) with its SVG, by source text."""
    unique = list(dict.fromkeys(sources))
    labels = {s: w for s, w in zip(reversed(sources), reversed(list(where)))}
    with _CACHE_LOCK:
        found = {s: _CACHE[figure_digest(s)] for s in unique if figure_digest(s) in _CACHE}
    missing = [s for s in unique if s not in found]
    if missing:
        batches = [missing[i:i + FIGURES_PER_RUN] for i in range(0, len(missing), FIGURES_PER_RUN)]
        with ThreadPoolExecutor(max_workers=FIGURE_RUNS) as pool:
            drawn = list(pool.map(lambda batch: _draw(batch, [labels[s] for s in batch]), batches))
        for batch, pages in zip(batches, drawn):
            for source, page in zip(batch, pages):
                digest = figure_digest(source)
                found[source] = Figure(digest, _prefixed_ids(page.decode("utf-8"), f"f{digest}").encode("utf-8"))
        with _CACHE_LOCK:
            if len(_CACHE) + len(missing) > CACHE_LIMIT:
                _CACHE.clear()
            _CACHE.update((figure_digest(s), found[s]) for s in missing)
    return {s: found[s] for s in unique}
