"""Run a short NumPy / pandas / Matplotlib program in the sandboxed snippet worker and return what it printed.

Code questions are keyed by what the libraries really print. The programs are built by course
macros (trusted Python in the package) from drawn parameters; a bank file never supplies program
text, so "text from bank files is never evaluated" stays true. They run in one long-lived worker
process per mathexams process (`snippet_worker.py`, so pandas is imported once, not per question),
started with a clean environment in an empty temporary folder, under resource limits and an audit
hook, killed with its parent; see that module and SECURITY.md. A program that runs longer than
`SECONDS_PER_PROGRAM` gets its worker killed (the next program starts a new one).

Results are cached per program text: the same program gives the same bytes (the worker's library
versions are pinned in pyproject.toml), so a cached result is the result. The worker handle and the
cache are per process (a forked process starts its own worker); they are the module's only state.
Imports only SandboxError from the package: a program the worker cannot run fails the draw like any
other sandbox error.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .sandbox import SandboxError

WORKER_SCRIPT = Path(__file__).with_name("snippet_worker.py")
SECONDS_PER_PROGRAM = 15.0       # wall clock for one program (the worker's CPU budget is 5 s)
SECONDS_TO_START = 120.0         # importing pandas and Matplotlib and warming up, on a busy machine
CACHE_SIZE = 1024
PASSED_ENVIRONMENT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")   # machine workarounds for OpenBLAS, kept
LIBRARIES = ("numpy", "pandas", "matplotlib")


class SnippetError(SandboxError):
    """The worker could not run a program (it died, timed out, or refused the request)."""


@dataclass(frozen=True)
class AxesFacts:
    """What a figure's Axes holds: its place in the subplot grid, scales, artists and texts."""

    rows: int
    cols: int
    position: int
    xscale: str
    yscale: str
    lines: int
    patches: int
    collections: int
    title: str
    xlabel: str
    ylabel: str
    legend: tuple[str, ...] | None
    shares_x: bool
    shares_y: bool
    linestyles: tuple[str, ...]
    markers: tuple[str, ...]


@dataclass(frozen=True)
class SnippetResult:
    """What one program did: its printed text, the exception that stopped it (class name and the first
    line of its message, or None), the warnings it raised, and its last figure's facts and PGF text."""

    stdout: str
    error: str | None
    message: str
    warnings: tuple[str, ...]
    figures: int
    axes: tuple[AxesFacts, ...]
    pgf: str | None


def _result(data: dict[str, Any]) -> SnippetResult:
    error = data.get("error")
    figure = data.get("figure") or {}
    axes = tuple(AxesFacts(**{**a, "legend": None if a["legend"] is None else tuple(a["legend"]),
                              "linestyles": tuple(a["linestyles"]), "markers": tuple(a["markers"])})
                 for a in figure.get("axes", ()))
    return SnippetResult(stdout=data["stdout"], error=error[0] if error else None, message=error[1] if error else "",
                         warnings=tuple(data.get("warnings", ())), figures=int(figure.get("figures", 0)),
                         axes=axes, pgf=figure.get("pgf"))


class _Worker:
    """One running snippet worker and its pipes."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="mathexams-snippets-")
        work, config = Path(self.folder, "work"), Path(self.folder, "mpl")
        work.mkdir()
        config.mkdir()
        env = {"MPLCONFIGDIR": str(config), "MPLBACKEND": "pgf", "OPENBLAS_NUM_THREADS": "1",
               "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}
        env.update({k: os.environ[k] for k in PASSED_ENVIRONMENT if k in os.environ})
        self.process = subprocess.Popen(
            [sys.executable, "-I", str(WORKER_SCRIPT)], cwd=work, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)
        self.pid = os.getpid()
        self.buffer = b""
        hello = self._read_line(SECONDS_TO_START)
        self.versions = {k: str(hello.get(k, "?")) for k in LIBRARIES}
        shutil.rmtree(config, ignore_errors=True)   # the font cache is read; nothing more is written

    def _read_line(self, seconds: float) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        stdout = self.process.stdout
        assert stdout is not None
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SnippetError(f"the snippet worker gave no answer within {seconds:g} s")
            # short waits, so that the sampler's time limit (an exception raised in this thread) gets through
            ready, _, _ = select.select([stdout], [], [], min(left, 0.05))
            if ready:
                chunk = os.read(stdout.fileno(), 1 << 20)
                if not chunk:
                    raise SnippetError(f"the snippet worker stopped (exit status {self.process.poll()})")
                self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(json.dumps(request).encode() + b"\n")
            stdin.flush()
        except (BrokenPipeError, OSError):
            raise SnippetError(f"the snippet worker stopped (exit status {self.process.poll()})") from None
        return self._read_line(SECONDS_PER_PROGRAM)

    def stop(self) -> None:
        if self.pid == os.getpid():
            try:
                self.process.kill()
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):  # pragma: no cover - already gone
                pass
            shutil.rmtree(self.folder, ignore_errors=True)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:  # pragma: no cover
                pass


_lock = threading.RLock()
_worker: dict[str, _Worker] = {}
_cache: OrderedDict[tuple[str, bool, bool], SnippetResult] = OrderedDict()


def _forget_after_fork() -> None:
    """A forked child must not talk over its parent's pipes: it starts its own worker when it needs one."""
    old = _worker.pop("current", None)
    if old is not None:
        old.stop()   # closes the inherited pipe ends only (another process's worker)


os.register_at_fork(after_in_child=_forget_after_fork)


def _current() -> _Worker:
    worker = _worker.get("current")
    if worker is None or worker.pid != os.getpid() or worker.process.poll() is not None:
        if worker is not None:
            worker.stop()
        worker = _worker["current"] = _Worker()
    return worker


def _stop_worker() -> None:
    worker = _worker.pop("current", None)
    if worker is not None:
        worker.stop()


atexit.register(_stop_worker)


def run_program(program: str, *, figure: bool = False, pgf: bool = False) -> SnippetResult:
    """Run `program` in the snippet worker (cached per program text); `figure` also reports the last
    figure's Axes, `pgf` its PGF drawing commands. Raises SnippetError if the worker cannot run it."""
    key = (program, figure, pgf)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
        request = {"program": program, "figure": figure, "pgf": pgf}
        for attempt in (1, 2):
            worker = _current()
            try:
                answer = worker.ask(request)
                break
            except SnippetError:
                timed_out = worker.process.poll() is None
                _stop_worker()
                if attempt == 2 or timed_out:
                    raise       # a timeout is the program's fault: no second try
            except BaseException:
                _stop_worker()  # interrupted mid-exchange (time limit, Ctrl-C): the pipes are out of step
                raise
        result = _result(answer)
        if result.error in ("BadRequest", "BadResult"):
            raise SnippetError(f"the snippet worker refused the request: {result.message}")
        _cache[key] = result
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return result


def library_versions() -> dict[str, str]:
    """The versions of NumPy, pandas and Matplotlib the worker runs (the installed ones)."""
    from importlib import metadata

    out = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # pragma: no cover - dependencies of mathexams
            out[name] = "missing"
    return out
