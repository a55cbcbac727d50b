"""A time limit for work that might run away (SymPy on hostile input), in any thread.

The limit counts the computing time of the thread that runs the block (its CPU clock, where
the system has one per thread, as Linux and macOS do; wall-clock time elsewhere), so a verdict
or a draw does not depend on how busy the machine is; a block that stops computing (waiting on
something) is stopped anyway after BACKSTOP_FACTOR times its limit in wall-clock time.

One watchdog thread per process keeps the deadlines of the guarded blocks and, when one passes,
raises TimeLimitExceeded in the thread that runs the block (CPython's PyThreadState_SetAsyncExc:
the exception arrives between two bytecodes, as a signal handler's would, but in any thread and
on any platform CPython runs on). The watchdog never raises inside a garbage-collector callback
or a `__del__` method (Python would report and drop it there), and raises again every
RETRY_SECONDS until the block has ended, so an exception that something swallowed is repeated;
a block that ends clears any exception still pending, so none ever escapes its block.

A Python without the mechanism (not CPython) cannot bound the answer checker or the sampler:
importing this module fails at once with a clear message, never on one answer. Imports nothing
from the package but its errors.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .errors import MathExamsError

RETRY_SECONDS = 0.02       # a swallowed TimeLimitExceeded is raised again this often
POSTPONE_SECONDS = 0.002   # wait this long while the thread is inside a gc callback or a __del__
BACKSTOP_FACTOR = 20       # wall-clock time, in limits, after which a block is stopped computing or not


class TimeLimitExceeded(BaseException):
    """The guarded block ran longer than allowed (a BaseException, so broad `except Exception`
    clauses in SymPy or in macros cannot swallow it)."""


class TimeLimitUnavailable(MathExamsError):
    """This Python cannot interrupt a thread, so answer checking and sampling cannot be bounded."""


def _async_exc() -> Callable[[Any, Any], int]:
    """CPython's PyThreadState_SetAsyncExc, typed; TimeLimitUnavailable when there is none."""
    api = getattr(ctypes, "pythonapi", None)
    function = getattr(api, "PyThreadState_SetAsyncExc", None) if api is not None else None
    if function is None or sys.implementation.name != "cpython":
        raise TimeLimitUnavailable(
            f"time limits need CPython's PyThreadState_SetAsyncExc, which {sys.implementation.name} "
            f"{sys.version.split()[0]} does not have: mathexams cannot bound answer checking and sampling here")
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_SET_ASYNC_EXC = _async_exc()   # at import: a platform without it fails here, loudly, once


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Make `exception` pending in the thread (None, passed as a NULL pointer, clears a pending one)."""
    _SET_ASYNC_EXC(ctypes.c_ulong(thread_id), None if exception is None else ctypes.py_object(exception))


def _cpu_clock() -> int | None:
    """The CPU-time clock of the calling thread, or None where there is none."""
    try:
        clock = time.pthread_getcpuclockid(threading.get_ident())
        time.clock_gettime(clock)
        return clock
    except (AttributeError, OSError):
        return None


@dataclass(eq=False)
class _Limit:
    """One guarded block: whose it is, how much computing it may do, when to look next."""

    thread_id: int
    seconds: float
    clock: int | None            # the thread's CPU clock (None: wall-clock time counts)
    started: float               # on that clock
    backstop: float              # wall-clock deadline whatever the computing time
    next_look: float = 0.0       # wall-clock time of the watchdog's next look
    fired: int = 0

    @classmethod
    def here(cls, seconds: float) -> _Limit:
        clock = _cpu_clock()
        now = time.monotonic()
        return cls(threading.get_ident(), seconds, clock, time.clock_gettime(clock) if clock is not None else now,
                   now + BACKSTOP_FACTOR * seconds, next_look=now + seconds)

    def left(self, now: float) -> float:
        """Computing time left (<= 0: the limit is reached)."""
        if now >= self.backstop:
            return 0.0
        used = (time.clock_gettime(self.clock) if self.clock is not None else now) - self.started
        return self.seconds - used


_collecting = False   # a garbage collection is running: its callbacks, finalizers and weakref callbacks


def _gc_started(phase: str, info: dict[str, Any]) -> None:
    global _collecting
    if phase == "start":
        _collecting = True


def _gc_stopped(phase: str, info: dict[str, Any]) -> None:
    global _collecting
    if phase == "stop":
        _collecting = False


def _bracket_collections() -> None:
    """Keep our gc callbacks first and last, so that the flag covers every other callback."""
    callbacks = gc.callbacks
    if not callbacks or callbacks[0] is not _gc_started:
        if _gc_started in callbacks:
            callbacks.remove(_gc_started)
        callbacks.insert(0, _gc_started)
    if callbacks[-1] is not _gc_stopped:
        if _gc_stopped in callbacks:
            callbacks.remove(_gc_stopped)
        callbacks.append(_gc_stopped)


def _safe_to_raise(thread_id: int) -> bool:
    """Whether the thread is outside every place where Python reports and drops an exception
    instead of propagating it: a garbage collection (gc callbacks, finalizers, weakref callbacks)
    or a `__del__` method."""
    if _collecting:
        return False
    frame = sys._current_frames().get(thread_id)
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return False
        frame = frame.f_back
    return True


def _quiet_unraisable(previous: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An unraisable-exception hook that drops a TimeLimitExceeded that still landed where Python
    cannot raise it (the watchdog raises it again): nothing is printed for it."""
    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, TimeLimitExceeded):
            previous(unraisable)
    return hook


sys.unraisablehook = _quiet_unraisable(sys.unraisablehook)


@dataclass
class _Watchdog:
    """The deadlines of this process's guarded blocks and the thread that enforces them."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    limits: list[_Limit] = field(default_factory=list)
    wake: threading.Condition = field(init=False)
    thread: threading.Thread | None = None

    def __post_init__(self) -> None:
        self.wake = threading.Condition(self.lock)

    def add(self, limit: _Limit) -> None:
        _bracket_collections()
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="mathexams-time-limits", daemon=True)
                self.thread.start()
            self.limits.append(limit)
            self.wake.notify()

    def remove(self, limit: _Limit) -> bool:
        """End a limit; True when its TimeLimitExceeded arrived while ending it (the deadline passed)."""
        interrupted = False
        while True:
            try:
                with self.lock:
                    if limit in self.limits:
                        self.limits.remove(limit)
                    if limit.fired:
                        _raise_in(limit.thread_id, None)   # nothing pending may outlive the block
                return interrupted
            except TimeLimitExceeded:   # delivered before the lock was ours: end the limit, then report it
                interrupted = True

    def _run(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                for limit in self.limits:
                    if limit.next_look > now:
                        continue
                    left = limit.left(now) if not limit.fired else 0.0
                    if left > 0:   # the thread had less of the processor than the wall clock: look again then
                        limit.next_look = now + left
                    elif _safe_to_raise(limit.thread_id):
                        _raise_in(limit.thread_id, TimeLimitExceeded)
                        limit.fired += 1
                        limit.next_look = now + RETRY_SECONDS
                    else:
                        limit.next_look = now + POSTPONE_SECONDS
                nearest = min((limit.next_look for limit in self.limits), default=None)
                self.wake.wait(None if nearest is None else max(0.0, nearest - time.monotonic()))


_watchdog = _Watchdog()
_active = threading.local()   # the limit this thread is under, if any


def _after_fork_in_child() -> None:
    """A forked worker starts with no watchdog thread and no limits (the parent's are not its own)."""
    global _watchdog, _active
    _watchdog = _Watchdog()
    _active = threading.local()


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block once it has computed for `seconds`, in whichever
    thread runs it (seconds <= 0: no limit; a nested limit keeps the outer one)."""
    if seconds <= 0 or getattr(_active, "limit", None) is not None:
        yield
        return
    limit = _Limit.here(seconds)
    watchdog = _watchdog
    _active.limit = limit
    try:
        watchdog.add(limit)   # inside the try: however early the deadline, the limit is always removed
        yield
    finally:
        late = watchdog.remove(limit)
        _active.limit = None
        if late and sys.exc_info()[0] is None:
            raise TimeLimitExceeded()
