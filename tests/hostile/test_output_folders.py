"""Output is never replaced by accident: --out checks, concurrent builds, signals, leftovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import assert_one_line_error, run_cli, unwatched

from mathexams.outdir import OutputExists, staged_folder, target_lock

BUILD = ["quiz", "--weeks", "3-4", "--versions", "30", "--seed", "1"]
FOLDER = "review-03-04-seed1"


def _start(out: Path, *extra: str) -> subprocess.Popen:
    with unwatched():
        return subprocess.Popen([sys.executable, "-m", "mathexams", *BUILD, "--out", str(out), *extra],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _processes_working_in(folder: Path) -> list[int]:
    """Processes (pdflatex, workers) whose working folder lies under `folder`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(Path(os.readlink(entry / "cwd"))).startswith(str(folder)):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _wait_for_pdflatex(out: Path, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not _processes_working_in(out):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "pdflatex never started"
        time.sleep(0.02)


def _hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


@pytest.mark.latex
def test_two_concurrent_builds_of_one_exam_one_wins(tmp_path):
    out = tmp_path / "out"
    first, second = _start(out), _start(out)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    codes = sorted(r[2] for r in results)
    assert codes == [0, 2], results
    loser = next(r for r in results if r[2] == 2)
    line = loser[1].strip()
    assert len(line.splitlines()) == 1
    assert "another mathexams is writing" in line or "already exists" in line or "appeared while" in line
    folder = out / FOLDER
    assert (folder / "manifest.json").is_file() and (folder / "papers.pdf").is_file()
    assert len(list((folder / "versions").glob("paper-*.pdf"))) == 30
    assert _hidden(out) == []


def test_a_folder_that_appears_during_a_build_is_not_replaced(tmp_path):
    target = tmp_path / "exam"
    with pytest.raises(OutputExists, match="appeared while this build ran"), staged_folder(target, force=False) as staging:
        (staging / "manifest.json").write_text("{}")
        target.mkdir()
        (target / "notes.txt").write_text("a person's file")
    assert (target / "notes.txt").read_text() == "a person's file"
    assert _hidden(tmp_path) == []


def test_force_replaces_and_nothing_is_left_behind(tmp_path):
    target = tmp_path / "exam"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with staged_folder(target, force=True) as staging:
        (staging / "new.txt").write_text("new")
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert _hidden(tmp_path) == []


def test_a_build_while_another_holds_the_lock_is_refused(tmp_path, capsys):
    target = tmp_path / FOLDER
    with target_lock(target):
        code, _, err = run_cli(capsys, *BUILD, "--no-pdf", "--out", tmp_path)
    assert_one_line_error(code, err, "another mathexams is writing", str(target))
    assert not target.exists()


@pytest.mark.parametrize("layout", ["file", "under_file"])
def test_out_that_is_a_file_is_one_line(layout, tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    out = blocker if layout == "file" else blocker / "deeper"
    code, _, err = run_cli(capsys, *BUILD, "--no-pdf", "--out", out)
    assert_one_line_error(code, err, "is a file, not a folder")
    assert blocker.read_text() == "x"


@pytest.mark.parametrize("layout", ["file", "under_file"])
def test_grade_out_that_is_a_file_is_one_line(layout, built_exam, tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    responses = tmp_path / "responses.csv"
    responses.write_text("student,version,1\nann,A,1\n")
    out = blocker if layout == "file" else blocker / "deeper"
    code, _, err = run_cli(capsys, "grade", built_exam / "manifest.json", responses, "--out", out)
    assert_one_line_error(code, err, "cannot write there")


def test_the_gradebook_never_follows_a_planted_symlink(built_exam, tmp_path, capsys):
    out = tmp_path / "grades"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for name in (".gradebook.csv.tmp", ".report.md.tmp"):
        (out / name).symlink_to(victim)
    responses = tmp_path / "responses.csv"
    responses.write_text("student,version,1\nann,A,1\n")
    code, _, err = run_cli(capsys, "grade", built_exam / "manifest.json", responses, "--out", out)
    assert code == 0, err
    assert victim.read_text() == "precious"
    assert (out / "gradebook.csv").read_text().startswith("student,")


@pytest.mark.latex
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_build_at_once_and_cleans_up(signum, code, tmp_path):
    out = tmp_path / "out"
    process = _start(out)
    _wait_for_pdflatex(out, process)
    sent = time.monotonic()
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert time.monotonic() - sent < 10, "waited for pdflatex to finish"
    assert err.strip().splitlines()[-1].startswith("mathexams: ")
    assert "Traceback" not in err
    time.sleep(0.2)
    assert _processes_working_in(out) == [], "pdflatex outlived mathexams"
    assert not (out / FOLDER).exists() and _hidden(out) == []


@pytest.mark.latex
def test_after_sigkill_pdflatex_dies_and_the_next_build_cleans_up(tmp_path):
    out = tmp_path / "out"
    process = _start(out)
    _wait_for_pdflatex(out, process)
    process.kill()
    process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while _processes_working_in(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_working_in(out) == [], "pdflatex outlived a killed mathexams"
    assert any(name.startswith(f".{FOLDER}.tmp-") for name in _hidden(out))   # what SIGKILL leaves
    again = _start(out)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert _hidden(out) == []
