"""Child processes never outlive the cwkg command that started them."""

from __future__ import annotations

import signal
from concurrent.futures import ProcessPoolExecutor


def die_with_parent() -> None:
    """In a child process: on Linux, ask the kernel for SIGTERM when the parent dies, even
    by SIGKILL, so no server or build worker lingers after it. Elsewhere a no-op."""
    try:
        import ctypes
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def worker_pool(workers: int, initializer, *initargs) -> ProcessPoolExecutor | None:
    """``workers`` processes, each set up once by ``initializer(*initargs)`` (which should
    call :func:`die_with_parent`), or None where the platform cannot start them (no
    /dev/shm...): the caller then does the work in its own process, only slower."""
    try:
        return ProcessPoolExecutor(workers, initializer=initializer, initargs=initargs)
    except (OSError, ImportError, NotImplementedError):
        return None
