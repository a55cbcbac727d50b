"""The hostile suite's referee: an audit hook that fails a test if hostile input ran anything.

While a hostile test runs (the autouse `referee` fixture), a `sys.addaudithook` hook records:
- `exec` of a code object not compiled from a file of Python or mathexams, or from Jinja's
  sandboxed layout code (`<template>`);
- `compile` of source text under any other name than `<unknown>` (`ast.parse`, which builds a
  syntax tree and runs nothing: the template expression parser) or `<template>` (Jinja);
  in both cases except while Python imports a module, the standard library builds a namedtuple
  or dataclass from names written in code, or Jinja re-raises a template error at its line;
- `os.system`, `os.exec*`, `os.posix_spawn`, `os.spawn*`, and `subprocess.Popen` of anything but
  the TeX and poppler programs a build runs (behind `prlimit` and `setpriv`) and mathexams' own
  snippet worker (`snippet_runner.py`, which runs macro-built programs under its own audit hook);
- every `socket.*` event;
- file opens outside pytest's temporary folders, the repository (bank, layouts, package), Python's
  installation and mathexams' format cache.
The test fails on teardown if anything was recorded. Audit hooks cannot be removed, so the hook
stays installed for the whole session and only records while a hostile test is running.
"""

from __future__ import annotations

import os
import shutil
import site
import sys
import sysconfig
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

import mathexams.assemble  # noqa: F401  import everything the commands import lazily, before the hook
import mathexams.build  # noqa: F401
import mathexams.cli
import mathexams.marking  # noqa: F401
import mathexams.regenerate  # noqa: F401
import mathexams.render.pdf  # noqa: F401
import mathexams.stress  # noqa: F401
from mathexams.render.pdf import _cache_dir
from mathexams.snippet_runner import WORKER_SCRIPT

REPO = Path(__file__).resolve().parents[2]
ALLOWED_PROGRAMS = {"pdflatex", "pdftotext", "pdfinfo", "pdftoppm", "kpsewhich", "prlimit", "setpriv"}
SENTINEL = Path("/tmp/mathexams-hostile-sentinel")

_state: dict = {"active": False, "roots": (), "events": []}
# MATHEXAMS_AUDIT_DEBUG=FILE writes the stack of every recorded event to FILE
_DEBUG_LOG = open(os.environ["MATHEXAMS_AUDIT_DEBUG"], "a") if os.environ.get("MATHEXAMS_AUDIT_DEBUG") else None  # noqa: SIM115 - open for the whole session


def _python_roots() -> tuple[str, ...]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(), site.getusersitepackages(),
             *sysconfig.get_paths().values()}
    return tuple(os.path.realpath(p) for p in paths if p)


_PYTHON_ROOTS = _python_roots()


_SNIPPET_FOLDERS = os.path.join(os.path.realpath(tempfile.gettempdir()), "mathexams-snippets-")


def _allowed_path(path: str) -> bool:
    real = os.path.realpath(path)
    if real.startswith(_SNIPPET_FOLDERS):
        return True   # the snippet worker's own empty folder, made and removed by snippet_runner
    if real in ("/dev/null", "/dev/urandom") or real.startswith("/proc/self/") or real.startswith("/sys/"):
        return True
    return any(real == root or real.startswith(root.rstrip("/") + "/")
               for root in (*_PYTHON_ROOTS, *_state["roots"]))


# code generators whose source text is fixed by the library, not taken from input: the standard
# library building classes, Jinja raising a template error with the template's line number, and
# Hypothesis (the test harness) wrapping a test function
_TRUSTED_GENERATORS = {("collections/__init__.py", "namedtuple"), ("dataclasses.py", "_create_fn"),
                       ("jinja2/debug.py", "fake_traceback"),
                       ("hypothesis/internal/reflection.py", "source_exec_as_module")}


def _trusted_code_generation() -> bool:
    """Whether the compile/exec under way is Python importing a module from disk, or one of the
    _TRUSTED_GENERATORS."""
    frame = sys._getframe(2)
    depth = 0
    while frame is not None and depth < 200:
        filename = frame.f_code.co_filename
        if filename.startswith("<frozen importlib"):
            return True
        if any(filename.endswith("/" + name) and frame.f_code.co_name == func
               for name, func in _TRUSTED_GENERATORS):
            return True
        frame, depth = frame.f_back, depth + 1
    return False


def _is_snippet_worker(argv) -> bool:
    """mathexams' snippet worker started exactly as snippet_runner starts it: this Python, -I, the script."""
    command = [os.fsdecode(a) for a in (argv or [])]
    return command == [sys.executable, "-I", str(WORKER_SCRIPT)]


def _hook(event: str, args: tuple) -> None:
    if not _state["active"]:
        return
    def record(entry):
        _state["events"].append(entry)
        if _DEBUG_LOG is not None:
            import traceback
            traceback.print_stack(limit=60, file=_DEBUG_LOG)
            _DEBUG_LOG.flush()
    if event == "exec":
        code = args[0]
        filename = getattr(code, "co_filename", "")
        if (filename != "<template>" and not (filename.startswith("/") and _allowed_path(filename))
                and not _trusted_code_generation()):
            record((event, filename))
    elif event == "compile":
        source, filename = args[0], args[1]
        name = filename if isinstance(filename, str) else os.fsdecode(filename) if filename else ""
        if (source is not None and name not in ("<unknown>", "<template>")
                and not (name.startswith("/") and _allowed_path(name)) and not _trusted_code_generation()):
            record((event, name))
    elif event in ("os.system", "os.exec", "os.posix_spawn", "os.spawn"):
        record((event, args[:2]))
    elif event == "subprocess.Popen":
        program = os.path.basename(os.fsdecode(args[0])) if args[0] else ""
        # prlimit and setpriv only put limits on the pdflatex they start: look at what they start
        command = [os.path.basename(os.fsdecode(a)) for a in (args[1] or [])]
        started = command[len(command) - command[::-1].index("--")] if "--" in command else program
        if _is_snippet_worker(args[1]):
            return   # the sandboxed snippet worker (its own audit hook refuses what this one records)
        if program not in ALLOWED_PROGRAMS or started not in ALLOWED_PROGRAMS:
            record((event, args[:2]))
    elif event.startswith("socket."):
        record((event, args[:2]))
    elif event == "open":
        path = args[0]
        if isinstance(path, (str, bytes)) and not isinstance(path, int):
            text = os.fsdecode(path)
            if not _allowed_path(text):
                record((event, text))


sys.addaudithook(_hook)


@pytest.fixture(autouse=True)
def referee(tmp_path_factory):
    """Record what the test's code did; fail on anything hostile input should never cause."""
    SENTINEL.unlink(missing_ok=True)
    _state.update(active=True, events=[], roots=tuple(os.path.realpath(p) for p in (
        tmp_path_factory.getbasetemp(), REPO, _cache_dir())))
    try:
        yield _state["events"]
    finally:
        _state["active"] = False
    events = list(_state["events"])
    assert not events, f"hostile input caused {events[:5]}"
    assert not SENTINEL.exists(), "hostile input ran a command"


@contextmanager
def unwatched():
    """Pause the referee for the test's own harness (starting a mathexams process to signal it)."""
    was = _state["active"]
    _state["active"] = False
    try:
        yield
    finally:
        _state["active"] = was


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    """Run the mathexams command in this process; (exit code, stdout, stderr)."""
    code = mathexams.cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def parser_error(capsys, *argv) -> str:
    """The one line argparse prints when it refuses the arguments (exit 2)."""
    with pytest.raises(SystemExit) as info:
        run_cli(capsys, *argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def assert_one_line_error(code: int, err: str, *fragments: str, exit_code: int = 2) -> str:
    """The command failed with exactly one line on stderr, containing every fragment."""
    lines = err.strip().splitlines()
    assert code == exit_code, (code, err)
    assert len(lines) == 1, err
    assert lines[0].startswith("mathexams: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="session")
def built_exam(tmp_path_factory) -> Path:
    """A two-version review built without PDFs; its folder (tests copy what they tamper with)."""
    out = tmp_path_factory.mktemp("built")
    assert mathexams.cli.main(["quiz", "--weeks", "1-2", "--seed", "21", "--versions", "2", "--no-pdf",
                               "--out", str(out)]) == 0
    return out / "review-01-02-seed21"


@pytest.fixture
def pdflatex_required():
    if shutil.which("pdflatex") is None and os.environ.get("CI", "").lower() != "true":
        pytest.skip("pdflatex not installed: run `make tex`")
