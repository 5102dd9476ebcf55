"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half;
and paths shown as a curator types them.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> write_atomic(p, b"new"); p.read_bytes()
b'new'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from cwkg.errors import CwkgError, UsageError


def display_path(path: str | Path) -> str:
    """A path as a curator would type it: relative to the working directory if inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def write_atomic(path: str | Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then rename it over ``path``.
    ``durable=False`` skips the fsync: still all-or-nothing for readers and for a crash of
    the process, but a power cut may lose the file (for caches that check what they read)."""
    with atomic_files([path], durable) as (handle,):
        handle.write(data)


@contextmanager
def atomic_files(paths: Sequence[str | Path], durable: bool = True) -> Iterator[list[_Target]]:
    """Stream into several files at once, all or nothing: each handle writes a temp file
    beside its path; when the block ends without error every temp file is fsynced, then
    renamed over its path in the order given (so the last one marks a finished set).
    On any error every temp file is removed and the old files are left as they were.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_files([d / "a", d / "b"]) as (a, b):
    ...     _ = a.write(b"1"), b.write(b"2")
    >>> (d / "a").read_bytes(), sorted(p.name for p in d.iterdir())
    (b'1', ['a', 'b'])
    """
    paths = [Path(p) for p in paths]
    temps: list[tuple[Path, str, BinaryIO]] = []
    try:
        try:
            for path in paths:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                           dir=path.parent)
                temps.append((path, tmp, os.fdopen(fd, "wb")))
        except OSError as exc:
            raise CwkgError(f"cannot write {path}: {exc.strerror}") from None
        yield [_Target(path, handle) for path, _, handle in temps]
        for path, tmp, handle in temps:
            try:
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
                handle.close()
                os.chmod(tmp, _mode_for(path))
            except OSError as exc:
                raise CwkgError(f"cannot write {path}: {exc.strerror}; the previous file is "
                                "unchanged") from None
        for path, tmp, _ in temps:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise CwkgError(f"cannot write {path}: {exc.strerror}; the previous file is "
                                "unchanged") from None
    finally:
        for _, tmp, handle in temps:
            handle.close()
            _remove(tmp)


@contextmanager
def exclusive(folder: str | Path, stale: Sequence[str] = ()) -> Iterator[bool]:
    """Hold ``folder``'s lock (``folder/.lock``) for the block, then remove the temp files
    a killed writer left there: those of ``stale`` glob patterns (no writer holds the lock,
    so none is in use). Yields whether this call created ``folder``. Raises UsageError at
    once if another process holds the lock."""
    folder = Path(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.mkdir()
            created = True
        except FileExistsError:  # atomic: of two builds, one creates the folder
            created = False
        handle = open(folder / ".lock", "a+b")
    except OSError as exc:
        raise CwkgError(f"cannot write {folder}: {exc.strerror}") from None
    with handle:
        try:
            import fcntl
        except ImportError:  # no POSIX locks (Windows): concurrent builds are only wasteful
            fcntl = None
        if fcntl is not None:
            try:
                # a POSIX record lock: worker processes a build forks do not inherit it, so
                # it dies with the build even if the build is killed and they linger
                fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise UsageError(f"another cwkg build is writing to {folder}; wait for it to "
                                 "finish") from None
        for pattern in stale:
            for path in folder.glob(pattern):
                _remove(str(path))
        yield created


class _Target:
    """A temp file's handle whose write errors name the file the caller meant."""

    def __init__(self, path: Path, handle: BinaryIO):
        self.path, self.handle = path, handle

    def write(self, data: bytes) -> int:
        try:
            return self.handle.write(data)
        except OSError as exc:
            raise CwkgError(f"cannot write {self.path}: {exc.strerror}; the previous file is "
                            "unchanged") from None

    def flush(self) -> None:  # writers such as pyoxigraph's flush as they go
        self.handle.flush()


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual 0o666 less the umask
    (mkstemp would leave it readable by its owner alone)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
