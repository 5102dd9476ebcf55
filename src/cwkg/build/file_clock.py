"""The file system's clock, which is coarser than :func:`time.time`: Linux stamps a file
with the time of the last tick of its clock (1-10 ms apart; a second or two on some file
systems), so a file changed just after a moment read from :func:`time.time` can carry a
time before it. What tells a change after a build began must be read from the file
system's own stamps, as :func:`last_tick` does."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cwkg.errors import CwkgError

# how long to wait for the clock to tick; on a file system coarser than this, a change
# stamped with the same tick counts as after the mark (so a build is asked for again)
TICK_WAIT = 0.05  # seconds
PROBE_PATTERN = ".clock.*.tmp"  # the probe a killed process can leave


def last_tick(folder: Path) -> int:
    """A time (ns) that every change made in ``folder``'s file system after this call is
    stamped after, and every change before it at or before (when the clock ticks within
    :data:`TICK_WAIT`; else a change of the present tick counts as after): the stamp of a
    probe file, once the clock has moved past it."""
    probe = Path(folder) / PROBE_PATTERN.replace("*", str(os.getpid()))
    try:
        probe.touch()
    except OSError as exc:
        raise CwkgError(f"cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        mark = probe.stat().st_mtime_ns
        deadline = time.monotonic() + TICK_WAIT
        while True:
            os.utime(probe)  # stamped now, by the file system's clock
            if probe.stat().st_mtime_ns > mark:
                return mark
            if time.monotonic() > deadline:
                return mark - 1  # the clock did not tick: its present tick counts as after
            time.sleep(0.0005)
    finally:
        probe.unlink(missing_ok=True)
