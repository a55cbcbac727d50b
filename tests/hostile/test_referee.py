"""The referee itself: it must record what it promises to catch, or the hostile suite proves nothing."""

from __future__ import annotations

import socket
import subprocess

import sympy


def test_referee_records_text_run_as_python(referee):
    sympy.sympify("1 + 1")
    assert any(event[0] in ("compile", "exec") for event in referee)
    referee.clear()


def test_referee_records_files_outside_the_allowed_folders(referee):
    with open("/etc/hostname", "rb"):
        pass
    assert ("open", "/etc/hostname") in referee
    referee.clear()


def test_referee_records_commands_and_sockets(referee):
    subprocess.run(["true"], check=True)
    socket.socket().close()
    kinds = {event[0] for event in referee}
    assert "subprocess.Popen" in kinds and any(k.startswith("socket.") for k in kinds)
    referee.clear()


def test_referee_allows_the_test_folder(referee, tmp_path):
    (tmp_path / "x.txt").write_text("ok")
    assert not referee
