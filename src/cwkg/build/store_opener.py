"""The last build's store opened in a thread, begun as ``cwkg query`` starts: RocksDB's
open (25-40 ms, even for the repository's 6,606 quads: it starts some 180 threads) runs
while click and the query code are imported, as pyoxigraph releases the GIL while it
opens. :func:`cwkg.build.persistent.open_store` takes the store if it is the one it would
open (the build's current generation, still current); else it opens its own, so a wrong
guess costs an open, never a wrong store.

Light to import: it imports pyoxigraph in its thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .layout import current_generation

_begun: dict[Path, "_Opener"] = {}


class _Opener(threading.Thread):
    def __init__(self, out_dir: Path) -> None:
        super().__init__(name="cwkg-store-opener", daemon=True)
        self.out_dir = out_dir
        self.opened = None  # (generation, pyoxigraph store), once open

    def run(self) -> None:
        # as little Python as can be: the command's imports want the GIL meanwhile (whether
        # the generation is the build's, open_store checks before it takes the store)
        try:
            generation = current_generation(self.out_dir)
            if generation is not None:
                import pyoxigraph
                self.opened = generation, pyoxigraph.Store.read_only(str(generation))
        except Exception:  # noqa: BLE001 - the command opens the store itself and says why
            self.opened = None


def begin(out_dir: Path) -> None:
    """Open ``out_dir``'s store in a thread (once per folder)."""
    out_dir = Path(out_dir)
    if out_dir not in _begun:
        _begun[out_dir] = opener = _Opener(out_dir)
        opener.start()


def take(out_dir: Path):
    """(generation, store) opened for ``out_dir``, or None if none was begun or it found
    none; waits for the thread. Taken once."""
    opener = _begun.pop(Path(out_dir), None)
    if opener is None:
        return None
    opener.join()
    return opener.opened


def finish() -> None:
    """Wait for any thread still opening (a command that never took its store), so that
    no store is half-open when the process exits."""
    while _begun:
        _begun.popitem()[1].join()
