"""`mathexams practice` as a user starts it: the real uvicorn server on 127.0.0.1 printing its URL, a page
served from a fresh database, and one-line errors for bad options; the parser preview and the answer
inputs per kind."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from mathexams.cli import main
from mathexams.model import Answer
from mathexams.practice.answers_form import field_names, inputs_for, response_for
from mathexams.practice.preview import preview

from .conftest import _free_port


def _printed_url(process: subprocess.Popen, seconds: float = 60) -> str:
    """The URL the command prints (read in a thread: a buffered pipe and select() do not mix)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    while True:
        line = lines.get(timeout=seconds)
        if "open http://" in line:
            return line.split("open ")[1].split()[0]


def test_the_command_serves_the_app_on_loopback_and_prints_the_url(tmp_path: Path):
    port = _free_port()
    database = tmp_path / "fresh.sqlite3"
    process = subprocess.Popen([sys.executable, "-m", "mathexams", "practice", "--port", str(port), "--database",
                                f"sqlite:///{database}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        url = _printed_url(process)
        assert url == f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=10) as page:
                    body = page.read().decode()
                break
            except OSError:
                import time
                time.sleep(0.1)
        assert "Your plan" in body and "5-6/statistics" in body
        assert database.is_file()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()


@pytest.mark.parametrize("argv, message", [
    (["--database", "mysql://u@h/db"], "only sqlite and postgresql databases are supported"),
    (["--database", "not a url"], "is not a database URL"),
    (["--learner", "<script>"], "--learner '<script>': 1-64 letters"),
    (["--host", "0.0.0.0", "--token", "short"], "--token: at least 16 characters"),
])
def test_bad_options_are_one_line_errors(argv, message, tmp_path, capsys):
    if not any(a == "--database" for a in argv):
        argv = [*argv, "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}"]
    assert main(["practice", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_unreachable_postgresql_is_one_line_naming_it_without_password(capsys):
    assert main(["practice", "--database", "postgresql://me:secret@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err
    assert "postgresql+psycopg://me:***@127.0.0.1:1/none" in err and "secret" not in err
    assert err.count("\n") == 1


def test_the_preview_is_the_checkers_reading():
    assert preview("2x sin x", ["x"]) == {"ok": True, "latex": r"2 x \sin{\left(x \right)}"}
    assert preview("[[1, 2], [3, 4]]", []) == {"ok": True, "latex": r"\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}"}
    assert preview("[0, 1) U (2, oo)", [])["latex"] == r"\left[0, 1\right) \cup \left(2, \infty\right)"
    assert preview("3(", [])["error"].startswith("not understood: ")
    assert preview("", []) == {"ok": False, "error": "empty"}


def test_each_kind_gets_its_inputs_and_they_read_back_as_the_checker_expects():
    vector = Answer(kind="vector", value="[1, 2, 3]", shape=(3,))
    matrix = Answer(kind="matrix", value="[[1, 2], [3, 4]]", shape=(2, 2))
    several = Answer(kind="multichoice", value="A,C", options=("a", "b", "c"), correct=(0, 2))
    truth = Answer(kind="truefalse", value="true")
    assert [g.widget for g in map(lambda a: inputs_for(a)[0], (vector, matrix, several, truth))] == [
        "entries", "grid", "checkbox", "radio"]
    assert field_names(matrix) == {"r.0.0", "r.0.1", "r.1.0", "r.1.1"}
    assert response_for(vector, {"r.0": ["1"], "r.1": [" 2 "], "r.2": [""]}) == {"": "(1, 2, ?)"}
    assert response_for(matrix, {"r.0.0": ["1"], "r.0.1": ["2"], "r.1.0": ["3"], "r.1.1": ["4"]}) == {
        "": "[[1, 2], [3, 4]]"}
    assert response_for(several, {"r": ["C", "A", "Z", "A"]}) == {"": "A, C"}    # unknown letters dropped
    assert response_for(vector, {}) == {"": ""}
    multi = Answer(kind="multi", parts=(Answer(kind="number", value="2", label="a"), truth.__class__(
        kind="truefalse", value="false", label="b")))
    assert response_for(multi, {"r-a": ["2"], "r-b": ["false"]}) == {"a": "2", "b": "false"}
