"""Worker processes for sampling under limits: bounded memory, death with the parent, no stragglers.

A hostile template can ask SymPy for work that grows without end; the per-question time limit
(sampler.TIME_LIMIT_SECONDS) stops it in time, and here each worker also gets an address-space
limit (RLIMIT_AS) so it fails with MemoryError instead of taking the machine's memory, and a
parent-death signal so that a killed mathexams leaves no worker behind. Imports nothing from
the package.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import resource
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

WORKER_MEMORY_BYTES = 3 * 2**30   # a worker holds SymPy and NumPy in about 0.25 GB of address space
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a no-op elsewhere)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def limit_worker() -> None:
    """Initializer of every worker: bounded address space, killed with the parent, and Ctrl-C
    left to the parent (which stops the workers itself)."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = WORKER_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(hard, WORKER_MEMORY_BYTES)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - a limit already lower stays
        pass


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Forked workers under `limit_worker`; on any exception (Ctrl-C, SIGTERM, an error) the
    workers are killed at once instead of finishing their current task."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=limit_worker)
    try:
        yield pool
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):  # no public way to kill them
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
