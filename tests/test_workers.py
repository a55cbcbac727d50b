"""Sampling workers run under a memory limit and never outlive an interrupted build."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from mathexams.workers import WORKER_MEMORY_BYTES, worker_pool


def _limit_and_big_allocation() -> tuple[int, bool]:
    try:
        bytearray(2 * WORKER_MEMORY_BYTES)
        refused = False
    except MemoryError:
        refused = True
    return resource.getrlimit(resource.RLIMIT_AS)[0], refused


def _pid_then_sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_worker_cannot_take_more_memory_than_its_limit():
    with worker_pool(1) as pool:
        limit, refused = pool.submit(_limit_and_big_allocation).result()
    assert limit == WORKER_MEMORY_BYTES and refused


def test_an_interrupted_pool_kills_its_workers_at_once():
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt), worker_pool(2) as pool:
        pool.submit(_pid_then_sleep, 60)
        time.sleep(0.5)
        pids = [p.pid for p in pool._processes.values()]
        raise KeyboardInterrupt
    assert time.monotonic() - start < 10
    time.sleep(0.2)
    for pid in pids:
        stat = Path(f"/proc/{pid}/stat")
        assert not stat.exists() or stat.read_text().split()[2] == "Z"   # gone, or dead and not yet reaped
