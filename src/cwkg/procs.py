"""Child processes never outlive the cwkg command that started them."""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a pool is made: a command that makes none starts lighter
    from concurrent.futures import ProcessPoolExecutor

# the process that starts a worker pool; its forked workers inherit the value
_pool_parent: int | None = None


def die_with_parent(parent: int | None = None) -> None:
    """In a child process: on Linux, ask the kernel for SIGTERM when the parent dies, even
    by SIGKILL, so no server or build worker lingers after it. Elsewhere a no-op.

    ``parent`` (default: the process that started the worker pool) is the pid the child
    was forked from: if it died before the request was made, the kernel will never send
    the signal, so the child leaves at once."""
    try:
        import ctypes
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    expected = parent if parent is not None else _pool_parent
    if expected is not None and os.getppid() != expected:
        os._exit(1)


def worker_pool(workers: int, initializer, *initargs) -> ProcessPoolExecutor | None:
    """``workers`` processes, each set up once by ``initializer(*initargs)`` (which should
    call :func:`die_with_parent`), or None where the platform cannot start them (no
    /dev/shm...): the caller then does the work in its own process, only slower."""
    global _pool_parent
    _pool_parent = os.getpid()
    try:
        from concurrent.futures import ProcessPoolExecutor
        return ProcessPoolExecutor(workers, initializer=initializer, initargs=initargs)
    except (OSError, ImportError, NotImplementedError):
        return None


def in_workers_or_here(jobs: Iterable, task: Callable, setup: Callable, context,
                       workers: int, use_pool: bool = True) -> Iterator:
    """``task(job)`` for each of ``jobs``, in job order: in ``workers`` processes, each set
    up once by ``setup(context)``, when ``use_pool``; else (or where no pool can start) in
    this process after ``setup(context, in_worker=False)``, which also does a job the
    workers could not (:func:`in_order`)."""
    pool = worker_pool(workers, setup, context) if use_pool else None
    if pool is None:
        setup(context, in_worker=False)
        yield from map(task, jobs)
        return

    def redo(job):  # the worker, not the data, failed: do the job here instead
        setup(context, in_worker=False)
        return task(job)

    yield from in_order(pool, jobs, task, redo, 2 * workers)


class Done:
    """A job whose result is known already: :func:`in_order` hands it back in its turn."""

    def __init__(self, result):
        self.result = result


def in_order(pool: ProcessPoolExecutor, jobs: Iterable, task: Callable, redo: Callable,
             ahead: int) -> Iterator:
    """``task(job)`` for each of ``jobs`` in ``pool``'s processes, the results in job
    order, with at most ``ahead`` jobs handed out and not yet collected (so memory holds a
    few results, not all). An exception ``task`` raises (a data error) is raised here, in
    its turn. A job the workers could not do (a fork refused, a worker killed) is done
    here by ``redo(job)``, and so is every later job once the pool has failed."""
    from concurrent.futures.process import BrokenProcessPool
    window: deque = deque()  # (job, Future | None | Done), in order
    failed = False
    with pool:
        for job in jobs:
            item = job if isinstance(job, Done) else None
            if item is None and not failed:
                try:
                    item = pool.submit(task, job)
                except (OSError, BrokenProcessPool):
                    failed = True
            window.append((job, item))
            while len(window) > ahead:
                yield _collect(*window.popleft(), redo)
        while window:
            yield _collect(*window.popleft(), redo)


def _collect(job, item, redo: Callable):
    from concurrent.futures.process import BrokenProcessPool
    if isinstance(item, Done):
        return item.result
    if item is not None:
        try:
            return item.result()
        except (OSError, BrokenProcessPool):
            pass  # the worker, not the job, failed
    return redo(job)
