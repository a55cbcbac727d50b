"""The snippet worker runs macro-built programs with the real libraries, and refuses everything else a program could do."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from mathexams import snippet_runner
from mathexams.snippet_runner import SnippetError, run_program


def fresh(program: str, **kwargs):
    """Run past the cache, so that the worker really runs it."""
    snippet_runner._cache.clear()
    return run_program(program, **kwargs)


def test_prints_exactly_what_numpy_prints_and_caches_it():
    program = "import numpy as np\nprint(np.array([15, 0, 18]))\nprint(np.array([0.5, -2.0]))"
    result = run_program(program)
    assert result.stdout == f"{np.array([15, 0, 18])}\n{np.array([0.5, -2.0])}\n" == "[15  0 18]\n[ 0.5 -2. ]\n"
    assert result.error is None and result.warnings == ()
    assert run_program(program) is result                       # cached per program text
    assert fresh(program) == result                              # and the same bytes when run again


def test_pandas_prints_a_dataframe_as_it_prints_it():
    import pandas as pd

    program = ("import pandas as pd\ndf = pd.DataFrame({'team': ['a', 'b', 'a'], 'score': [1.5, 2.0, 3.0]}, "
               "index=[10, 20, 30])\nprint(df.loc[10:20])\nprint(df.groupby('team')['score'].mean())")
    df = pd.DataFrame({"team": ["a", "b", "a"], "score": [1.5, 2.0, 3.0]}, index=[10, 20, 30])
    expected = f"{df.loc[10:20]}\n{df.groupby('team')['score'].mean()}\n"
    assert run_program(program).stdout == expected


def test_an_exception_and_a_warning_are_results():
    result = run_program("import numpy as np\na = np.arange(5)\nprint(a[(a > 1) and (a < 4)])")
    assert result.error == "ValueError" and "ambiguous" in result.message and result.stdout == ""
    warned = run_program("import numpy as np\nprint(np.array([1.0]) / 0)")
    assert warned.error is None and any("divide by zero" in w for w in warned.warnings)


@pytest.mark.parametrize("program, refused", [
    ("open('/etc/passwd').read()", "opening files is refused"),
    ("import numpy as np\nnp.save('x.npy', np.arange(3))", "opening files is refused"),
    ("import numpy as np\nnp.loadtxt('/etc/hostname')", "opening files is refused"),
    ("import os\nos.system('true')", "os.system refused"),
    ("import os\nos.listdir('/')", "os.listdir refused"),
    ("import os\nos.remove('x')", "os.remove refused"),
    ("import subprocess\nsubprocess.run(['true'])", "refused"),
    ("import socket\nsocket.socket().connect(('127.0.0.1', 9))", "socket"),
    ("import sqlite3", "importing sqlite3 is refused"),
    ("import urllib.request", "importing urllib"),
    ("exec('print(1)')", "compile refused"),
    ("eval('1 + 1')", "compile refused"),
    ("import resource\nresource.setrlimit(resource.RLIMIT_CPU, (10**6, 10**6))", "refused"),
])
def test_the_audit_hook_refuses(program, refused):
    result = fresh(program)
    assert result.error in ("PermissionError", "ImportError", "ModuleNotFoundError"), result
    assert refused in result.message


def test_memory_and_file_size_are_limited():
    assert fresh("x = bytearray(3 * 2**30)").error == "MemoryError"


def test_a_clean_environment_in_an_empty_folder():
    result = fresh("import os\nprint(sorted(os.environ))\nprint(os.getcwd())")
    names, cwd = result.stdout.splitlines()
    assert set(json.loads(names.replace("'", '"'))) <= {
        "MPLCONFIGDIR", "MPLBACKEND", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
        "PYTHONHASHSEED", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"}
    assert cwd.endswith("/work") and "mathexams-snippets-" in cwd


def test_a_program_that_runs_too_long_loses_its_worker(monkeypatch):
    monkeypatch.setattr(snippet_runner, "SECONDS_PER_PROGRAM", 1.0)
    started = time.monotonic()
    with pytest.raises(SnippetError, match="no answer within 1 s"):
        fresh("while True:\n    pass")
    assert time.monotonic() - started < 5
    assert "current" not in snippet_runner._worker               # killed; the next program starts a new one
    monkeypatch.setattr(snippet_runner, "SECONDS_PER_PROGRAM", 15.0)
    assert fresh("print(6 * 7)").stdout == "42\n"


def test_a_figure_reports_its_axes_and_its_pgf():
    result = run_program("import matplotlib.pyplot as plt\nfig, axs = plt.subplots(1, 2, sharey=True)\n"
                         "axs[1].hist([1, 2, 2, 3], bins=3)\naxs[1].set_yscale('log')", figure=True, pgf=True)
    left, right = result.axes
    assert (left.rows, left.cols, left.position, right.position) == (1, 2, 0, 1)
    assert (right.yscale, right.patches, left.patches, right.shares_y) == ("log", 3, 0, True)
    assert result.pgf.count(r"\begin{pgfpicture}") == 1 and "includegraphics" not in result.pgf


def test_the_worker_dies_with_its_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text("from mathexams import snippet_runner\nsnippet_runner.run_program('print(1)')\n"
                      "print(snippet_runner._worker['current'].process.pid, flush=True)\nimport time\ntime.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    worker_pid = int(parent.stdout.readline())
    os.kill(worker_pid, 0)                                       # alive while its parent is
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    for _ in range(100):
        try:
            os.kill(worker_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the snippet worker outlived its parent")


def test_a_forked_child_starts_its_own_worker():
    run_program("print(1)")
    parent_worker = snippet_runner._worker["current"].process.pid
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            out = fresh("print(2 + 2)").stdout
            child_worker = snippet_runner._worker["current"].process.pid
            os.write(write, f"{out.strip()} {child_worker}".encode())
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    out, child_worker = os.read(read, 100).decode().split()
    assert out == "4" and int(child_worker) != parent_worker
    assert fresh("print(3)").stdout == "3\n"                     # the parent's worker still answers


def test_library_versions_are_the_installed_ones():
    from importlib import metadata

    assert snippet_runner.library_versions() == {name: metadata.version(name) for name in snippet_runner.LIBRARIES}
