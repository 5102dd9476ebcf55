"""The files a curator's save may touch, their versions, and the one way to write them.

Every request names a source by its id, never by a path: :func:`claims_path` turns the
id into ``data/claims/<id>.yaml`` and refuses anything that is not a plain id or that
would land outside ``data/`` (``../../etc/passwd``, an absolute path, a symbolic link
out of the folder).

A file's *version* is the SHA-256 of its bytes. A page that shows a file keeps the
version it read; :func:`write_if_unchanged` writes only when the file still has that
version (under a lock that every cwkg save takes, so two saves cannot interleave), and
otherwise raises :class:`Conflict` carrying both versions: nothing is overwritten that
the curator has not seen (another tab, an editor, a ``git pull``).
"""

from __future__ import annotations

import difflib
import fcntl
import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cwkg.errors import CwkgError, UsageError
from cwkg.fsio import display_path, write_atomic

LOCAL_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Conflict(CwkgError):
    """The file changed on disk since the curator's page read it; nothing was written."""

    def __init__(self, path: Path, expected: str, current: str | None, current_text: str | None):
        self.path, self.expected, self.current = path, expected, current
        self.current_text = current_text  # what is on disk now (None: the file was removed)
        seen = _seen(expected)
        # what changed since the curator's page read the file, line by line (when this
        # process read that version: it keeps the last ones it read or wrote)
        self.changes: list[str] | None = None if seen is None else list(difflib.unified_diff(
            seen.decode("utf-8", "replace").splitlines(), (current_text or "").splitlines(),
            f"{display_path(path)} as your page read it", f"{display_path(path)} now",
            lineterm=""))
        now = "was removed" if current is None else f"is now version {current[:12]}"
        super().__init__(f"changed on disk since you opened it (you had version "
                         f"{expected[:12]}, the file {now}); nothing was written: reload "
                         "to see the other change, then make yours again",
                         file=display_path(path))


def version_of(data: bytes) -> str:
    """The version of a file's bytes.

    >>> version_of(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def source_local(source: str) -> str:
    """The local name of a source id given as ``src:ID``, ``ID`` or the source's IRI;
    UsageError for anything else (a path, an empty id, another prefix).

    >>> source_local("src:wh-2024-04-04"), source_local("https://w3id.org/cwkg/source/x-1")
    ('wh-2024-04-04', 'x-1')
    >>> source_local("../../etc/passwd")
    Traceback (most recent call last):
    cwkg.errors.UsageError: '../../etc/passwd' is not a source id: give src:NAME, where NAME holds only a-z, 0-9 and single hyphens
    """
    from cwkg.prefixes import local_id

    local = local_id(source, "src") if isinstance(source, str) else None
    if local is None or not LOCAL_ID.match(local):
        raise UsageError(f"{str(source)[:80]!r} is not a source id: give src:NAME, where NAME "
                         "holds only a-z, 0-9 and single hyphens")
    return local


def inside(data_dir: Path, path: Path) -> Path:
    """``path`` if it resolves to a place under ``data_dir`` (symbolic links followed);
    UsageError otherwise."""
    root = Path(data_dir).resolve()
    resolved = Path(path).resolve()
    if resolved != root and root not in resolved.parents:
        raise UsageError(f"{display_path(path)} is outside the data folder "
                         f"{display_path(data_dir)}: refused")
    return resolved


def claims_path(data_dir: Path, source: str, must_exist: bool = True) -> Path:
    """``data/claims/<local>.yaml`` of a source id, checked to lie inside ``data_dir``."""
    local = source_local(source)
    path = Path(data_dir) / "claims" / f"{local}.yaml"
    inside(data_dir, path)
    if must_exist and not path.is_file():
        raise UsageError(f"no claims file {display_path(path)} for source 'src:{local}'")
    return path


def read_versioned(path: Path) -> tuple[bytes, str]:
    """A file's bytes and version."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {display_path(path)}: {exc.strerror}") from None
    return data, _remember(data)


# the last versions read or written (version -> bytes), to show a conflict's changes
_SEEN: OrderedDict[str, bytes] = OrderedDict()
_SEEN_LOCK = threading.Lock()
_SEEN_MAX = 64


def _remember(data: bytes) -> str:
    version = version_of(data)
    with _SEEN_LOCK:
        _SEEN[version] = data
        _SEEN.move_to_end(version)
        while len(_SEEN) > _SEEN_MAX:
            _SEEN.popitem(last=False)
    return version


def _seen(version: str) -> bytes | None:
    with _SEEN_LOCK:
        return _SEEN.get(version)


@contextmanager
def locked(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's save lock (one save at a time, across processes: a POSIX
    lock on the folder itself, so no lock file appears in ``data/``)."""
    fd = os.open(Path(data_dir), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def check_version(path: Path, expected: str | None) -> bytes:
    """The file's bytes, if it still has version ``expected`` (None: no check); else a
    Conflict. Call it with the lock held."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if expected is None:
            raise UsageError(f"no file {display_path(path)}") from None
        raise Conflict(path, expected, None, None) from None
    if expected is not None and version_of(data) != expected:
        raise Conflict(path, expected, version_of(data), data.decode("utf-8", "replace"))
    return data


def write_checked(path: Path, data: bytes) -> str:
    """Write ``data`` atomically (temp file, fsync, rename); returns the new version."""
    write_atomic(path, data)
    return _remember(data)
