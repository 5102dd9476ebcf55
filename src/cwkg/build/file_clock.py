"""The file system's clock, which is coarser than :func:`time.time`: Linux stamps a file
with the time of the last tick of its clock (1-10 ms apart; a second or two on some file
systems), so a file changed just after a moment read from :func:`time.time` can carry a
time before it. What tells a change after a build began must be read from the file
system's own stamps, as :func:`last_tick` does."""

from __future__ import annotations

import os
import time
from pathlib import Path

# how long to wait for the clock to tick; on a file system coarser than this, a change
# stamped with the same tick counts as after the mark (so a build is asked for again)
TICK_WAIT = 0.05  # seconds


def last_tick(folder: Path) -> int:
    """A time (ns) that every change made in ``folder``'s file system before this call is
    stamped at or before, and every change after it is stamped after: the stamp of a
    probe file, once the clock has moved past it (at most one tick, or :data:`TICK_WAIT`)."""
    probe = Path(folder) / f".clock.{os.getpid()}.tmp"
    probe.touch()
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
