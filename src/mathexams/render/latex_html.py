"""Bank LaTeX (prompts, solutions, options) to HTML fragments, with pandoc; TikZ figures as SVG.

One public function, `latex_to_html(texts, math=..., where=...)`: every text of a call goes
through ONE pandoc process (a batch, so 30 versions cost one start-up), each figure through the
SVG cache of `tikz_svg`. Math stays TeX between `\\( \\)` / `\\[ \\]` (`math="tex"`, for an
LMS's MathJax filter or a local KaTeX) or becomes MathML (`math="mathml"`, for Canvas/QTI).
A figure comes back as an `Figure` (a file name made from its content hash, and the SVG bytes);
the HTML holds an `<img>` whose `src` the caller chooses (`figure_src`), or the SVG inline when it
passes none. Reused by every web output (LMS exports, the HTML pages, the practice web app).

Safety: pandoc runs without a shell, with `--sandbox` (it may read no file: an `\\input` that got
past the LaTeX allow-list reads nothing), no network, a timeout and a bounded output. Anything
pandoc skips or cannot convert fails with a one-line error naming the text's `where` label
(template id and seed), never silently: a question that silently lost a command could change
its meaning.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..errors import MathExamsError
from .tikz_svg import TIKZ_PATTERN, Figure, figures_to_svg

PANDOC_SECONDS = 60.0
PANDOC_PROCESSES = max(1, min(4, os.cpu_count() or 1))   # a batch is cut into this many pandoc runs at once
MAX_PANDOC_OUTPUT = 64 * 2**20
MATH_MODES = {"tex": "--mathjax", "mathml": "--mathml"}
# pandoc's messages that mean it dropped or could not convert part of a text
_LOST = re.compile(r"^\[(?:INFO|WARNING)\] (Skipped .*|Could not convert TeX math.*|Could not load include.*"
                   r"|Could not find .*|.*[Uu]nknown.*)$", re.MULTILINE)


# Allowed bank commands pandoc's LaTeX reader does not know: characters get their Unicode, and
# paper-only layout (sizes, spacing, page breaks) means nothing on a web page, so it is dropped on
# purpose here rather than by pandoc unnoticed. Every other unknown command fails the conversion.
CHARACTERS = {"textdegree": "°", "textendash": "–", "textemdash": "—", "textperiodcentered": "·", "textbar": "|",
              "dag": "†", "ddag": "‡", "quad": "\u2003", "qquad": "\u2003\u2003"}
LAYOUT_ONLY = ["Large", "large", "small", "tiny", "scriptsize", "footnotesize", "normalsize", "normalfont", "rmfamily", "sffamily", "ttfamily", "upshape", "bigskip", "medskip", "smallskip", "centering", "raggedleft", "indent", "noindent", "hfill", "enspace", "nolinebreak", "nopagebreak", "pagebreak"]
LAYOUT_WITH_ARGUMENT = ("hspace", "vspace")
BREAKS = ("newline", "linebreak")
MACROS = "\n".join([*(f"\\newcommand{{\\{name}}}{{{char}}}" for name, char in CHARACTERS.items()),
                    *(f"\\newcommand{{\\{name}}}{{}}" for name in LAYOUT_ONLY),
                    *(f"\\newcommand{{\\{name}}}[1]{{}}" for name in LAYOUT_WITH_ARGUMENT),
                    *(f"\\newcommand{{\\{name}}}{{\\\\}}" for name in BREAKS)]) + "\n"


TTFAMILY = "{\\ttfamily"


def _group_end(text: str, start: int) -> int:
    """The index just past the brace group opening at text[start] ('{'), escaped braces skipped;
    -1 when it is not closed."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "{"
        depth -= ch == "}"
        i += 1
        if depth == 0:
            return i
    return -1


def _top_level_lines(body: str) -> list[str]:
    """A code block's lines: its text cut at the line breaks (\\\\) outside nested groups."""
    lines, depth, start, i = [], 0, 0, 0
    while i < len(body):
        if body.startswith("\\\\", i) and depth == 0:
            lines.append(body[start:i])
            i += 2
            start = i
            continue
        if body[i] == "\\":
            i += 2
            continue
        depth += body[i] == "{"
        depth -= body[i] == "}"
        i += 1
    return [*lines, body[start:]]


def code_as_texttt(text: str) -> str:
    """The project's code markup in a form pandoc reads: a `\\mxcode{line\\\\line}` block becomes a
    paragraph of `\\texttt` lines joined by line breaks, and `{\\ttfamily ...}` becomes `\\texttt{...}`
    (pandoc keeps neither the block's line breaks inside one code span nor the font switch)."""
    out: list[str] = []
    i = 0
    while True:
        block = text.find("\\mxcode{", i)
        switch = text.find(TTFAMILY, i)
        starts = [p for p in (block, switch) if p >= 0]
        if not starts:
            return "".join(out) + text[i:]
        at = min(starts)
        opening = at + len("\\mxcode") if at == block else at
        end = _group_end(text, opening)
        if end < 0:
            return "".join(out) + text[i:]      # unbalanced: pandoc reports it
        out.append(text[i:at])
        if at == block:
            lines = _top_level_lines(text[opening + 1:end - 1])
            out.append("\n\n" + "\\\\\n".join(f"\\texttt{{{line}}}" for line in lines) + "\n\n")
        else:
            out.append("\\texttt{" + text[opening + len(TTFAMILY):end - 1].lstrip() + "}")
        i = end


class ConversionFailed(MathExamsError):
    """A text pandoc (or the TikZ step) could not convert faithfully."""


@dataclass(frozen=True)
class HtmlText:
    """One converted text: its HTML and the figures it shows (in order)."""

    html: str
    figures: tuple[Figure, ...] = ()

    @property
    def inline(self) -> str:
        """The HTML without its <p> wrapper when it is one paragraph (an option, a short key)."""
        if self.html.startswith("<p>") and self.html.endswith("</p>") and self.html.count("<p>") == 1:
            return self.html[3:-4]
        return self.html


def pandoc_missing() -> bool:
    return shutil.which("pandoc") is None


@functools.lru_cache(maxsize=1)
def _sandbox_flag() -> tuple[str, ...]:
    """`--sandbox` where the installed pandoc has it (2.15 and later)."""
    try:
        help_text = subprocess.run(["pandoc", "--help"], capture_output=True, text=True, timeout=PANDOC_SECONDS).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return ("--sandbox",) if "--sandbox" in help_text else ()


def _run_pandoc(source: str, math: str) -> tuple[str, str]:
    if pandoc_missing():
        raise ConversionFailed("pandoc is not installed: run `make setup` (Debian package pandoc)")
    command = ["pandoc", *_sandbox_flag(), "--verbose", "--from=latex", "--to=html5", MATH_MODES[math], "--wrap=none"]
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, timeout=PANDOC_SECONDS,
                              stdin=None, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        raise ConversionFailed(f"pandoc took more than {PANDOC_SECONDS:g} s") from None
    if done.returncode != 0 or len(done.stdout) > MAX_PANDOC_OUTPUT:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConversionFailed(f"pandoc failed: {message[-1] if message else f'exit {done.returncode}'}")
    return done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "replace")


def _lost(stderr: str) -> str:
    found = _LOST.search(stderr)
    return found.group(1) if found else ""


def _break_token(texts: Sequence[str]) -> str:
    """A paragraph marker between texts in one pandoc run; it depends on every text, so no text
    can contain it (bank text cannot forge a split)."""
    digest = hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:20]
    return f"MXBREAK{digest}"


def _figure_token(digest: str) -> str:
    return f"MXFIGURE{digest}"


def _inline(figure: Figure) -> str:
    """The SVG as an element of an HTML page (without its XML declaration)."""
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", figure.svg.decode("utf-8"))


def latex_to_html(texts: Sequence[str], *, math: str = "tex", where: Sequence[str] | None = None,
                  figure_src: Callable[[Figure], str] | None = None) -> list[HtmlText]:
    """Each LaTeX text as HTML, in order. `where` labels each text for error messages (e.g.
    "probability.bayes seed 12"); `figure_src(figure)` is the `src` of the `<img>` a figure
    becomes (None: the SVG is inlined)."""
    if math not in MATH_MODES:
        raise ValueError(f"math must be one of {sorted(MATH_MODES)}")
    where = list(where) if where is not None else [f"text {i + 1}" for i in range(len(texts))]
    if not texts:
        return []
    # figures out first (pandoc drops TikZ), each replaced by a token paragraph
    pictures: list[tuple[int, str]] = []
    stripped = []
    for index, text in enumerate(texts):
        def take(match: re.Match, index: int = index) -> str:
            pictures.append((index, match.group(0)))
            return f"\n\n{_figure_token(hashlib.sha256(match.group(0).encode()).hexdigest()[:16])}\n\n"
        stripped.append(code_as_texttt(TIKZ_PATTERN.sub(take, text)))
    # the figures' pdflatex run and the pandoc runs (the texts in PANDOC_PROCESSES chunks) at once
    with ThreadPoolExecutor(max_workers=1 + PANDOC_PROCESSES) as pool:
        figures = pool.submit(figures_to_svg, [p for _, p in pictures], [where[i] for i, _ in pictures]) \
            if pictures else None
        size = -(-len(stripped) // PANDOC_PROCESSES)
        chunks = [(start, stripped[start:start + size]) for start in range(0, len(stripped), size)]
        converted = [pool.submit(_convert_chunk, chunk, where[start:start + len(chunk)], math)
                     for start, chunk in chunks]
        pieces = [piece for job in converted for piece in job.result()]
        svgs = figures.result() if figures else {}

    results = []
    for index, piece in enumerate(pieces):
        shown: list[Figure] = []
        for picture_index, source in pictures:
            if picture_index != index:
                continue
            figure = svgs[source]
            token_html = f"<p>{_figure_token(figure.digest)}</p>"
            src = _inline(figure) if figure_src is None else (
                f'<img src="{html.escape(figure_src(figure), quote=True)}" alt="figure" />')
            piece = piece.replace(token_html, f'<div class="figure">{src}</div>', 1)
            shown.append(figure)
        results.append(HtmlText(_CODE_SPAN.sub(_keep_spaces, piece.strip()), tuple(shown)))
    return results


_CODE_SPAN = re.compile(r"<code>(.*?)</code>", re.DOTALL)


def _keep_spaces(match: re.Match) -> str:
    """Spaces in program text are significant (indentation): no-break spaces keep them in any page."""
    return "<code>" + match.group(1).replace(" ", "\u00a0") + "</code>"


def _convert_chunk(texts: Sequence[str], where: Sequence[str], math: str) -> list[str]:
    """One pandoc run over several texts, cut apart again at an unforgeable marker paragraph."""
    token = _break_token(texts)
    out, stderr = _run_pandoc(MACROS + f"\n\n{token}\n\n".join(texts), math)
    lost = _lost(stderr)
    pieces = out.split(f"<p>{token}</p>")
    if lost or len(pieces) != len(texts):
        _name_the_culprit(texts, where, math)   # raises, naming the text
        raise ConversionFailed(f"pandoc could not convert the texts of {where[0]}: {lost or 'texts merged'}")
    return pieces


def _name_the_culprit(texts: Sequence[str], where: Sequence[str], math: str) -> None:
    """Convert the texts one by one to find the one pandoc cannot handle, and fail naming it."""
    for text, label in zip(texts, where):
        out, stderr = _run_pandoc(MACROS + text, math)
        lost = _lost(stderr)
        if lost:
            raise ConversionFailed(f"{label}: pandoc cannot convert this text to HTML: {lost}")
