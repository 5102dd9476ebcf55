"""The signatures of data/'s source files (size, modification and change times, inode),
listed by find(1) in a child process begun as ``cwkg validate`` or ``cwkg build`` starts
(:mod:`cwkg.cli.early`), so that their 30,000 stats at 10,000 sources run on another core
while the command imports its code; :mod:`.known_keys` then reads them from one dict.

A signature is text, as find prints it: ``size,mtime,ctime,inode``, the times in seconds
with nine digits of nanoseconds and a zero (find's ``%T@``); :func:`stat_text` writes the
same from ``os.stat`` for a file the listing does not speak for (a symbolic link, which
find here does not follow, or a folder the walk did not list).

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> for sub in FOLDERS: (folder / sub).mkdir()
>>> _ = (folder / "sources" / "s.yaml").write_text("id: s")
>>> listing = SignatureWalk.start(folder).listing()
>>> path = str(folder / "sources" / "s.yaml")
>>> listing.signature(path) == stat_text(os.stat(path))
True
>>> listing.signature(str(folder / "sources" / "s.txt"))  # in a folder listed: absent
'-'
>>> listing.signature("elsewhere/s.yaml") is None  # not a folder it listed
True
>>> changed_ns(stat_text(os.stat(path))) == os.stat(path).st_ctime_ns
True
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from .finder import Finder

FOLDERS = ("sources", "claims")  # the folders of data/ whose files make a source's key
ABSENT = "-"
# each entry as two fields: its path, then its type (f: a regular file) and signature
_PRINTF = "%p\\0%y %s,%T@,%C@,%i\\0"


def stat_text(stat: os.stat_result) -> str:
    """A file's signature from ``os.stat``, as find prints it."""
    return (f"{stat.st_size},{_seconds(stat.st_mtime_ns)},{_seconds(stat.st_ctime_ns)},"
            f"{stat.st_ino}")


def _seconds(ns: int) -> str:
    return f"{ns // 1_000_000_000}.{ns % 1_000_000_000:09d}0"


def changed_ns(signature: str) -> int:
    """The change time of a file's signature, in nanoseconds."""
    seconds, _, fraction = signature.split(",")[2].partition(".")
    return int(seconds) * 1_000_000_000 + int(fraction[:9] or 0)


@dataclass(frozen=True)
class Listing:
    """Each entry of the folders listed (its path as ``str(data_dir / folder / name)``) with
    its type and signature as find printed them ("f 12,...": a regular file), and when the
    walk began (seconds since the epoch)."""
    folders: frozenset[str]
    entries: dict[str, str]
    began: float

    def signature(self, path: str) -> str | None:
        """The signature of the file at ``path`` (:data:`ABSENT` if it was not there), or
        None where the listing cannot tell (not a regular file: a link, for os.stat to
        follow; or not in a folder listed)."""
        found = self.entries.get(path)
        if found is not None:
            return found[2:] if found[0] == "f" else None
        return ABSENT if os.path.dirname(path) in self.folders else None


class SignatureWalk:
    """find(1) listing the signatures of the files in ``data_dir``'s source folders."""

    def __init__(self, data_dir: Path, finder: Finder, began: float) -> None:
        self.data_dir, self._finder, self._began = data_dir, finder, began

    @classmethod
    def start(cls, data_dir: Path) -> "SignatureWalk | None":
        data_dir = Path(data_dir)
        began = time.time()
        folders = [str(data_dir / folder) for folder in FOLDERS]
        # -H: a source folder that is itself a link is followed, as Python reads it
        finder = Finder.start(["-H", *folders, "-mindepth", "1", "-maxdepth", "1",
                               "-printf", _PRINTF])
        return cls(data_dir, finder, began) if finder is not None else None

    def cancel(self) -> None:
        if self._finder is not None:
            self._finder.stop()
            self._finder = None

    def listing(self) -> Listing | None:
        """What find listed, once it is done; None if it failed (a folder missing
        included: the command reports that itself)."""
        finder, self._finder = self._finder, None
        output = finder.output() if finder is not None else None
        if output is None:
            return None
        fields = iter(os.fsdecode(output).split("\0"))
        entries = dict(zip(fields, fields))  # path -> "type signature", in C
        folders = frozenset(str(self.data_dir / folder) for folder in FOLDERS)
        return Listing(folders, entries, self._began)


# the walk begun for this command (:func:`begin`), until a command takes it (:func:`take`)
_begun: SignatureWalk | None = None


def begin(data_dir: Path) -> None:
    """Begin the walk of ``data_dir`` for this command."""
    global _begun
    cancel()
    _begun = SignatureWalk.start(data_dir)


def take(data_dir: Path) -> Listing | None:
    """The listing of the walk begun for ``data_dir`` (None: none begun for it, or it
    failed), waited for; a walk begun for another folder is stopped."""
    global _begun
    walk, _begun = _begun, None
    if walk is None:
        return None
    if Path(data_dir) != walk.data_dir:
        walk.cancel()
        return None
    return walk.listing()


def cancel() -> None:
    """Stop the walk begun, if no command took it."""
    global _begun
    if _begun is not None:
        _begun.cancel()
        _begun = None
