"""A one-line progress bar on standard error (only the CLI uses it)."""

from __future__ import annotations

import sys
from typing import TextIO, cast

from .safe_text import one_line


class ProgressBar:
    """Redraws `[#####.....] 12/72 label` in place; prints nothing when the stream is not a terminal
    unless `always` is set (then it prints the final line only)."""

    def __init__(self, total: int, *, stream: TextIO | None = None, width: int = 30):
        self.total, self.done, self.width = max(total, 1), 0, width
        # the raw stream under the CLI's TerminalStream: the bar's carriage returns are its own
        self.stream = cast(TextIO, stream or getattr(sys.stderr, "raw", sys.stderr))
        self.live = self.stream.isatty()

    def advance(self, label: str = "", step: int = 1) -> None:
        self.done += step
        if self.live:
            filled = int(self.width * self.done / self.total)
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {one_line(label, 40):<40}")
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\r" + " " * (self.width + 60) + "\r")
            self.stream.flush()
