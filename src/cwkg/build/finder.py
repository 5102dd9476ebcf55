"""find(1) in a child process, started with posix_spawn (no subprocess module: it is what
a command begins before importing its code), its output collected when it is needed.

What cwkg asks find for: whether data/ changed since the build (:mod:`.fresh`), and the
signatures of data/'s source files (:mod:`.signature_walk`). Each costs one stat per file
(30,000 at 10,000 sources), which find makes on another core while the command imports.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> Finder.start([folder, "-maxdepth", "0", "-printf", "%y\\\\0"]).output()
b'd\\x00'
>>> Finder.start([folder + "/no-such-folder"]).output() is None  # find failed
True
"""

from __future__ import annotations

import os
import time

TIMEOUT = 120.0  # seconds; then the caller does the walk itself


class Finder:
    """One find(1) running (:meth:`start`); :meth:`output` waits for what it printed."""

    def __init__(self, pid: int, output: int) -> None:
        self.pid, self._output = pid, output

    @classmethod
    def start(cls, arguments: list[str]) -> "Finder | None":
        """``find ARGUMENTS...`` begun, or None where it cannot start (no find on PATH,
        no posix_spawn). Its output goes to a file in memory, not a pipe: find could
        only fill a pipe's 64 KB before waiting for this process to read them."""
        if os.name != "posix" or not hasattr(os, "posix_spawnp"):
            return None
        try:
            output = os.memfd_create("cwkg-find", os.MFD_CLOEXEC)
        except (AttributeError, OSError):  # not Linux: a file on disk, at once unlinked
            import tempfile
            output = os.dup(tempfile.TemporaryFile().fileno())
        try:
            pid = os.posix_spawnp(
                "find", ["find", *arguments], os.environ,
                file_actions=[(os.POSIX_SPAWN_DUP2, output, 1),
                              (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
        except OSError:  # no find(1) on PATH
            os.close(output)
            return None
        return cls(pid, output)

    def stop(self) -> None:
        """Stop a find no one will wait for, leaving no child behind."""
        os.close(self._output)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)

    def output(self, timeout: float | None = None) -> bytes | None:
        """All that find printed once it exits; None if it failed (an error, or no end
        within ``timeout`` seconds, default :data:`TIMEOUT`)."""
        deadline = time.monotonic() + (TIMEOUT if timeout is None else timeout)
        pause = 0.0002
        try:
            while True:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    os.kill(self.pid, 9)
                    os.waitpid(self.pid, 0)
                    return None
                time.sleep(pause)
                pause = min(pause * 2, 0.005)
            if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                return None
            os.lseek(self._output, 0, os.SEEK_SET)
            chunks = []
            while chunk := os.read(self._output, 1 << 22):
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(self._output)
