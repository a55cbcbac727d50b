"""A wall-clock limit for work that might run away (SymPy on hostile input)."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator


class TimeLimitExceeded(BaseException):
    """The guarded block ran longer than allowed (a BaseException, so broad `except Exception`
    clauses in SymPy or in macros cannot swallow it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block after `seconds` (main thread only; elsewhere a no-op,
    and nested limits keep the outer one)."""
    if (threading.current_thread() is not threading.main_thread() or seconds <= 0
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
