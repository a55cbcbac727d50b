"""Open files named on the command line or found in a bank folder, without blocking or surprises.

A path may name a FIFO, a device or a folder instead of a file: `open()` of a FIFO waits for a
writer forever. `open_regular` opens without blocking, checks that the result is a regular file
(and not larger than a limit) before reading, and reports anything else as NotAFile.
Imports nothing from the package.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotAFile(OSError):
    """The path exists but is not a regular file we may read; `str()` says what it is."""


def open_regular(path: Path, *, max_bytes: int | None = None) -> BinaryIO:
    """An open binary file for `path`; NotAFile for FIFOs, devices, folders or over-large files,
    OSError (with strerror) when it cannot be opened at all."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise NotAFile(f"{kind}")
        if max_bytes is not None and info.st_size > max_bytes:
            raise NotAFile(f"larger than {max_bytes // 1024} KiB")
        os.set_blocking(fd, True)
        return open(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise
