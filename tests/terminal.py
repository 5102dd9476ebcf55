"""Run a command on a pseudo-terminal, as a person at a terminal would (prompts, progress
bars: what cwkg shows only when stderr is a terminal)."""

from __future__ import annotations

import os
import pty
import select
import signal
import time


def on_terminal(argv: list[str], env: dict, answers: dict[bytes, bytes] | None = None,
                timeout: float = 300, columns: int = 100) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal ``columns`` wide; type each answer when its prompt
    appears (the terminal shows ``\\r\\n`` for a newline). (exit code, everything the
    terminal showed); a command still running after ``timeout`` seconds is killed."""
    pid, terminal = pty.fork()
    if pid == 0:                                               # the child: on the terminal
        import fcntl
        import struct
        import termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        os.execve(argv[0], argv, env)
    shown, pending = b"", dict(answers or {})
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            break
        if not select.select([terminal], [], [], 1.0)[0]:
            continue
        try:
            chunk = os.read(terminal, 4096)
        except OSError:                                        # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        for prompt in [p for p in pending if shown.endswith(p)]:
            os.write(terminal, pending.pop(prompt))
    _, status = os.waitpid(pid, 0)
    os.close(terminal)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")
