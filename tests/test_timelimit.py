"""Time limits hold in any thread, never fire inside places where Python drops exceptions, never
outlive their block, and a Python without the mechanism is refused at start."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from mathexams.timelimit import RETRY_SECONDS, TimeLimitExceeded, time_limit


def _spin(seconds: float) -> float:
    """Busy-wait under a limit of `seconds`; how long until TimeLimitExceeded arrived."""
    start = time.perf_counter()
    with pytest.raises(TimeLimitExceeded), time_limit(seconds):
        while time.perf_counter() - start < 30:
            pass
    return time.perf_counter() - start


def test_a_limit_stops_the_main_thread():
    assert 0.05 <= _spin(0.05) < 5


def test_a_limit_stops_another_thread_and_leaves_the_main_thread_alone():
    took: list[float] = []
    worker = threading.Thread(target=lambda: took.append(_spin(0.05)))
    worker.start()
    time.sleep(0.3)   # the main thread is not interrupted meanwhile
    worker.join(60)
    assert took and 0.05 <= took[0] < 5


def test_two_threads_each_get_their_own_deadline():
    took: dict[str, float] = {}
    threads = [threading.Thread(target=lambda n=n, s=s: took.__setitem__(n, _spin(s)))
               for n, s in (("short", 0.05), ("long", 0.4))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)   # the limits count CPU time: on a busy machine 0.4 s of it can take seconds
    assert 0.05 <= took["short"] < took["long"] and 0.4 <= took["long"] < 10


def test_a_block_that_ends_in_time_leaves_nothing_behind():
    for _ in range(300):   # blocks that end right around their deadline
        try:
            with time_limit(0.001):
                end = time.thread_time() + 0.001
                while time.thread_time() < end:
                    pass
        except TimeLimitExceeded:
            pass
    time.sleep(5 * RETRY_SECONDS)   # a pending exception would arrive here


def test_a_swallowed_exception_is_raised_again():
    start = time.perf_counter()
    swallowed = 0
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while time.perf_counter() - start < 30:
            try:
                while True:
                    pass
            except BaseException:   # noqa: BLE001 - the careless code under test
                swallowed += 1
                if swallowed > 3:
                    raise
    assert swallowed == 4 and time.perf_counter() - start < 2


def test_nested_limits_keep_the_outer_one():
    start = time.perf_counter()
    with pytest.raises(TimeLimitExceeded), time_limit(0.1), time_limit(10):
        while time.perf_counter() - start < 30:
            pass
    assert time.perf_counter() - start < 2


def test_the_deadline_is_never_raised_inside_a_garbage_collection():
    """Python drops an exception raised in a gc callback, a finalizer or a weakref callback
    ("Exception ignored in"); the limit waits until the collection has ended (pytest turns a
    dropped exception into a failure)."""
    finished: list[bool] = []

    def slow_callback(phase: str, info: dict) -> None:
        if phase == "start":
            end = time.perf_counter() + 0.2
            while time.perf_counter() < end:
                pass
            finished.append(True)

    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(TimeLimitExceeded), time_limit(0.05):
            gc.collect()
            while True:
                pass
    finally:
        gc.callbacks.remove(slow_callback)
    assert finished == [True]


def test_check_answer_is_bounded_off_the_main_thread(monkeypatch):
    import mathexams.judge as judge
    from mathexams.answers import make_answer

    monkeypatch.setattr(judge, "CHECK_SECONDS", 0.05)
    import sympy

    x = sympy.Symbol("x", real=True)
    answer = make_answer("expression", x**2 / 2, equivalence="constant")
    verdicts = []
    worker = threading.Thread(target=lambda: verdicts.append(
        judge.check_answer(answer, "product(x - k, k, 1, 100)")))
    start = time.perf_counter()
    worker.start()
    worker.join(10)
    assert verdicts and verdicts[0].reason == "not understood: could not decide within 0.05 s"
    assert time.perf_counter() - start < 3


def test_a_python_without_the_mechanism_is_refused_at_start():
    script = textwrap.dedent("""
        import ctypes, sys
        del ctypes.pythonapi              # a Python that cannot interrupt a thread
        from mathexams.cli import main
        sys.exit(main(["judge", "--kind", "number", "--expected", "3", "--response", "3"]))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip().splitlines() == [
        f"mathexams: error: time limits need CPython's PyThreadState_SetAsyncExc, which cpython "
        f"{sys.version.split()[0]} does not have: mathexams cannot bound answer checking and sampling here"]
