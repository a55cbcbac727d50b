"""The PDF step after rendering: compile the `.tex` files renderers wrote with pdflatex (to a
fixed point where asked), and split a many-version PDF into versions.

pdflatex runs without shell escape, in paranoid file-access mode, in a temporary folder,
with SOURCE_DATE_EPOCH fixed so the same LaTeX gives the same PDF bytes. It runs under
limits: DOCUMENT_SECONDS for all passes of one document, MAX_FILE_BYTES for any file it writes
(log and terminal output included, through `prlimit`), in its own process group that is killed
on timeout or interruption, and with a parent-death signal (`setpriv`) so it never outlives
mathexams. A failure names the question (template id and seed) whose LaTeX broke, with the
relevant log lines. Must not import sympy, the sampler or the bank.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import MathExamsError
from . import PdfStep
from .latex import QUESTION_MARKER
from .layout import LayoutProblem, layout_problems

PDF_WORKERS = max(1, min(3, os.cpu_count() or 1))
MAX_PASSES = 4
DOCUMENT_SECONDS = 45.0            # every pass of one document together
FORMAT_SECONDS = 60.0              # dumping the preamble once (cached afterwards)
MAX_FILE_BYTES = 128 * 2**20       # any one file pdflatex writes: PDF, log, its terminal output
RERUN_PATTERNS = ("Rerun to get", "Label(s) may have changed", "There were undefined references")
_ERROR_LINE = re.compile(r"^(?:\./)?[^:\n]+\.tex:(\d+): (.*)$", re.MULTILINE)


class LatexFailed(MathExamsError):
    """pdflatex could not build a document."""


def tex_tools_missing() -> list[str]:
    """The external programs PDF output needs that are not installed."""
    return [tool for tool in ("pdflatex",) if shutil.which(tool) is None]


def _tex_environment(format_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1", openin_any="p", openout_any="p",
               shell_escape="f", max_print_line="1000")
    if format_dir is not None:
        env["TEXFORMATS"] = f"{format_dir}:"  # our dumped preamble first, then TeX Live's formats
    return env


_FORMAT_LOCK = threading.Lock()


class TexProcesses:
    """The pdflatex processes of one build, so that an interrupted build can stop all of them at
    once (they run in worker threads, which a Ctrl-C in the main thread does not reach)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self.stopped = False

    def start(self, command: list[str], **kwargs) -> subprocess.Popen:
        with self._lock:
            if self.stopped:
                raise LatexFailed("the build was interrupted")
            process = subprocess.Popen(_limited(command), start_new_session=True, **kwargs)
            self._running.add(process)
            return process

    def finish(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.discard(process)

    def kill_all(self) -> None:
        """Kill every running pdflatex (its whole process group) and start no new one."""
        with self._lock:
            self.stopped = True
            for process in self._running:
                _kill_group(process)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@functools.lru_cache(maxsize=4)
def _limiters(max_file_bytes: int) -> tuple[str, ...]:
    """Programs (util-linux) that put the limits on pdflatex before it starts; without them the
    timeout and the process group still apply."""
    prefix: list[str] = []
    if shutil.which("prlimit"):
        prefix += ["prlimit", f"--fsize={max_file_bytes}", "--"]
    if shutil.which("setpriv"):
        prefix += ["setpriv", "--pdeathsig", "KILL", "--"]
    return tuple(prefix)


def _limited(command: list[str]) -> list[str]:
    return [*_limiters(MAX_FILE_BYTES), *command]


def run_tex(command: list[str], cwd: Path, env: dict[str, str], deadline: float, processes: TexProcesses,
            what: str) -> int:
    """Run one pdflatex pass under the limits; its terminal output goes to a file, not to memory."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise LatexFailed(f"LaTeX ran longer than {DOCUMENT_SECONDS:g} s on {what}")
    with open(cwd / ".pdflatex-output", "wb") as output:
        try:
            process = processes.start(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=output,
                                      stderr=subprocess.STDOUT)
        except FileNotFoundError:
            raise LatexFailed("pdflatex is not installed: run `make tex` (TeX Live from Debian packages)") from None
        # a timer kills the process group at the deadline; wait() itself blocks in waitpid (a wait
        # with a timeout polls, and would notice each pass's end up to 50 ms late)
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            _kill_group(process)

        timer = threading.Timer(remaining, expire)
        timer.daemon = True
        timer.start()
        try:
            code = process.wait()
        except BaseException:
            _kill_group(process)
            raise
        finally:
            timer.cancel()
            processes.finish(process)
    if expired.is_set():
        raise LatexFailed(f"LaTeX ran longer than {DOCUMENT_SECONDS:g} s on {what}")
    if processes.stopped:
        raise LatexFailed("the build was interrupted")
    if code == -signal.SIGXFSZ or code == 128 + signal.SIGXFSZ:
        raise LatexFailed(f"LaTeX wrote a file larger than {MAX_FILE_BYTES // 2**20} MiB for {what}")
    return code


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mathexams"


@functools.lru_cache(maxsize=1)
def _pdflatex_version() -> str:
    """The engine's version line, asked once per process (it keys the format cache)."""
    return "".join(subprocess.run(["pdflatex", "--version"], capture_output=True, text=True).stdout.splitlines()[:1])


def preamble_format(source: str, processes: TexProcesses | None = None) -> tuple[Path, str] | None:
    """A pdflatex format with the document's preamble already loaded (built once, cached).

    Loading TikZ and friends is most of a short pass; mylatexformat dumps the preamble so each
    pass starts from it. The cache key is the preamble text and the pdflatex version, so a
    changed preamble or TeX Live gets a new format. None if it cannot be built: compile plainly.
    """
    if "\\begin{document}" not in source or shutil.which("pdflatex") is None:
        return None
    preamble = source.split("\\begin{document}")[0]
    name = "mathexams-" + hashlib.sha256((preamble + _pdflatex_version()).encode()).hexdigest()[:16]
    cache = _cache_dir()
    with _FORMAT_LOCK:
        if (cache / f"{name}.fmt").exists():
            return cache, name
        try:
            cache.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=cache) as tmp:
                (Path(tmp) / "preamble.tex").write_text(preamble + "\\begin{document}\n\\end{document}\n",
                                                        encoding="utf-8")
                code = run_tex(["pdflatex", "-ini", "-interaction=batchmode", f"-jobname={name}", "&pdflatex",
                                "mylatexformat.ltx", "preamble.tex"], Path(tmp), _tex_environment(),
                               time.monotonic() + FORMAT_SECONDS, processes or TexProcesses(), "the preamble")
                built = Path(tmp) / f"{name}.fmt"
                if code != 0 or not built.exists():
                    return None
                os.replace(built, cache / f"{name}.fmt")
        except (OSError, subprocess.SubprocessError):
            return None
        except LatexFailed:
            if processes is not None and processes.stopped:
                raise
            return None
    return cache, name


def _where(source: str, line_number: int) -> str:
    """Which version and question a source line belongs to."""
    lines = source.splitlines()[:line_number]
    question = version = ""
    for line in reversed(lines):
        if not question and line.startswith(QUESTION_MARKER):
            fields = line[len(QUESTION_MARKER):].split()
            if len(fields) == 4:  # bank text cannot forge a marker (the allow-list refuses it)
                question = f"question {fields[0]}: {fields[1]}, seed {fields[3]}"
        if not version and line.startswith(r"\mxversion{"):
            version = "version " + line[len(r"\mxversion{"):].split("}")[0]
        if question and version:
            break
    return ", ".join(p for p in (version, question) if p) or "preamble"


def describe_failure(name: str, source: str, log: str) -> str:
    """One line: where the error is, the question it belongs to, and the log lines that matter."""
    match = _ERROR_LINE.search(log)
    if match:
        line_number, message = int(match.group(1)), match.group(2).strip()
        context = [l.strip() for l in log[match.end():].splitlines()[:4] if l.strip().startswith("l.")]
        detail = message + (f" [{context[0]}]" if context else "")
        return f"LaTeX failed in {name}.tex line {line_number} ({_where(source, line_number)}): {detail}"
    bang = next((l for l in log.splitlines() if l.startswith("!")), "no error message in the log")
    return f"LaTeX failed in {name}.tex: {bang}"


def _tail(path: Path, limit: int = 256 * 1024) -> str:
    """The end of a file, at most `limit` bytes (a log may be as large as MAX_FILE_BYTES)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, path.stat().st_size - limit))
            return handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def compile_latex(source: str, name: str, workdir: Path, *, settle: bool = True, use_format: bool = True,
                  processes: TexProcesses | None = None) -> Path:
    """Write `name.tex` into workdir and run pdflatex until cross-references settle; return the PDF.

    With `settle=False` one pass is run: for documents whose only labels mark where each
    version ends (read back from the .aux to split the PDF), never printed. All passes share
    DOCUMENT_SECONDS; `processes` lets the caller stop them from another thread.
    """
    processes = processes or TexProcesses()
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / f"{name}.tex").write_text(source, encoding="utf-8")
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", "-no-shell-escape"]
    dumped = preamble_format(source, processes) if use_format else None
    if dumped is not None:
        command.append(f"-fmt={dumped[1]}")
    command.append(f"{name}.tex")
    deadline = time.monotonic() + DOCUMENT_SECONDS
    for _ in range(MAX_PASSES):
        code = run_tex(command, workdir, _tex_environment(dumped[0] if dumped else None), deadline, processes,
                       f"{name}.tex")
        log = _tail(workdir / f"{name}.log")
        if code != 0:
            (workdir / f"{name}.pdf").unlink(missing_ok=True)
            raise LatexFailed(describe_failure(name, source, log or _tail(workdir / ".pdflatex-output")))
        if not settle or not any(p in log for p in RERUN_PATTERNS):
            return workdir / f"{name}.pdf"
    raise LatexFailed(f"LaTeX cross-references in {name}.tex did not settle after {MAX_PASSES} passes")


_LAST_PAGE_LABEL = re.compile(r"\\newlabel\{mx-last-([^}]*)\}\{\{[^}]*\}\{(\d+)\}")


def version_page_counts(aux: str) -> dict[str, int]:
    """Pages of each version, read from the labels pdflatex wrote at each version's last page."""
    return {code: int(pages) for code, pages in _LAST_PAGE_LABEL.findall(aux)}


def split_by_code(pdf: Path, codes: Sequence[str], outdir: Path, prefix: str) -> dict[str, Path]:
    """Cut a PDF holding several versions into one PDF per version (`prefix-A.pdf`, ...).

    The versions follow each other in `codes` order; their lengths come from the .aux file
    beside the PDF, which must account for every page.
    """
    import pikepdf

    aux = pdf.with_suffix(".aux")
    counts = version_page_counts(aux.read_text(encoding="utf-8", errors="replace") if aux.exists() else "")
    missing = [c for c in codes if c not in counts]
    if missing:
        raise LatexFailed(f"{pdf.name}: no end-of-version label for {missing[0]} in {aux.name}")
    out: dict[str, Path] = {}
    with pikepdf.open(pdf) as source:
        if sum(counts[c] for c in codes) != len(source.pages):
            raise LatexFailed(f"{pdf.name}: the versions' page counts add up to {sum(counts[c] for c in codes)}, "
                              f"the PDF has {len(source.pages)} pages")
        first = 0
        for code in codes:
            with pikepdf.new() as part:
                part.pages.extend(source.pages[first:first + counts[code]])
                target = outdir / f"{prefix}-{code.split('-')[0]}.pdf"
                part.save(target, deterministic_id=True)  # same pages, same bytes
            first += counts[code]
            out[code] = target
    return out


def check_document(source: str, pdf: Path) -> list[LayoutProblem]:
    """The layout check over a document compile_latex built: its log and .aux beside the PDF."""
    return layout_problems(pdf.name, source, _tail(pdf.with_suffix(".log"), 8 * 2**20),
                           _tail(pdf.with_suffix(".aux"), 8 * 2**20))


def typeset(sources: Mapping[str, str], steps: Mapping[str, PdfStep], codes: Sequence[str], work: Path, final: Path,
            progress: Callable[[str], None] | None = None,
            problems: list[LayoutProblem] | None = None) -> list[Path]:
    """Compile every `.tex` source (by its path in the exam's folder) as its step says, in parallel:
    `<stem>.pdf` in `final`, and with several versions one `versions/<per_version>-<letter>.pdf` each,
    cut as soon as its document is built. Ctrl-C, SIGTERM or a failed document stops the others at once.
    What the layout check finds in each document's log and .aux is added to `problems`."""
    processes = TexProcesses()
    versions_dir = final / "versions"
    split = len(codes) > 1 and any(steps[path].per_version for path in sources)
    if split:
        versions_dir.mkdir()

    def build_one(path: str) -> list[Path]:
        step, stem = steps[path], Path(path).stem
        pdf = compile_latex(sources[path], stem, work / stem, settle=step.settle, processes=processes)
        if problems is not None:
            problems.extend(check_document(sources[path], pdf))
        target = final / f"{stem}.pdf"
        shutil.copyfile(pdf, target)
        files = [target]
        if split and step.per_version:
            files += split_by_code(pdf, codes, versions_dir, step.per_version).values()
        if progress:
            progress(f"{stem}.pdf")
        return files

    pool = ThreadPoolExecutor(max_workers=PDF_WORKERS)
    try:
        futures = [pool.submit(build_one, path) for path in sources]
        files = [path for future in futures for path in future.result()]
    except BaseException:
        processes.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return files
