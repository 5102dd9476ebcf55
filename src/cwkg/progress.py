"""Progress on long work: a bar on stderr with counts and rate (tqdm) when stderr is a
terminal; nothing in pipes, CI logs or under ``--quiet``, so logs keep one line per event.

The command line decides whether bars may be shown (:func:`show_bars`, off until it is
called); the stages only report what they do, so a library caller or a test is never
written to unasked.

>>> import io
>>> show_bars(True)
>>> with progress(10, "pushing", stream=io.StringIO()) as bar:   # not a terminal: silent
...     bar.update(10)
>>> type(bar).__name__
'Silent'
>>> show_bars(False)
"""

from __future__ import annotations

import sys
from typing import IO

_shown = False


def show_bars(on: bool) -> None:
    """Let :func:`progress` draw bars on a terminal (the CLI: on unless ``--quiet``)."""
    global _shown
    _shown = on


class Silent:
    """What :func:`progress` gives when nobody is watching: every call does nothing."""

    total: float | None = None

    def update(self, amount: float = 1) -> None:
        pass

    def reset(self, total: float | None = None) -> None:
        pass

    def set_postfix_str(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *exc) -> None:
        pass


def progress(total: float | None, description: str, *, unit: str = "it",
             unit_scale: bool = False, stream: IO[str] | None = None):
    """A progress bar for ``total`` units (a context manager with ``update(n)``; ``reset``
    gives it a total found later); :class:`Silent` unless bars are shown and ``stream``
    (stderr) is a terminal."""
    stream = sys.stderr if stream is None else stream
    if not _shown or not stream.isatty():
        return Silent()
    from tqdm import tqdm  # imported only when a bar is shown: `cwkg --help` stays fast
    return tqdm(total=total, desc=description, unit=unit, unit_scale=unit_scale,
                file=stream, leave=False, dynamic_ncols=True, mininterval=0.2)
