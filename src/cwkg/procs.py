"""Child processes never outlive the cwkg command that started them."""

from __future__ import annotations

import signal


def die_with_parent() -> None:
    """In a child process: on Linux, ask the kernel for SIGTERM when the parent dies, even
    by SIGKILL, so no server or build worker lingers after it. Elsewhere a no-op."""
    try:
        import ctypes
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
