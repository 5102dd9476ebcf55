"""Each source's cache key known by its files' signatures, so that a command that finds
data/ as it was reads none of its files again.

A source's key hashes the bytes of its three files (:func:`cwkg.build.pipeline.source_key`):
at 10,000 sources, 30,000 files read and hashed, most of what a validation right after a
build, or a build with nothing changed, cost. ``build/.cache/keys.json`` keeps each
source's key with the signature of each of its files (size, modification and change
times in nanoseconds, inode: listed by find(1) begun as the command starts,
:mod:`.signature_walk`, or one ``os.stat`` each); a source whose files all have the
signatures kept has the key kept, and none of its files is read.

Why a signature stands for the bytes: every write to a file, and every rename onto its
name, sets the file's change time (ctime) to the present, which no tool sets back (touch,
rsync and tar set the modification time only), and a rename brings another inode. A
signature is kept only when its ctime is at least :data:`MARGIN_NS` before the command
that keeps it began to read data/: the bytes that command read are then the bytes the
file still has (git's rule for "racily clean" files, with a margin for clocks coarser
than a nanosecond). A file changed since has a later ctime and is read again. A source
whose text is kept outside data/ is never kept: a texts folder can gain its text while
none of its own files changes.

The file is kept under the part of the key every source shares (code, entity files) and
the folder names the keys hash: with another of either, nothing kept holds.
``tests/core/test_known_keys.py`` holds validation with known keys equal to a whole run's
after edits, deletions, renames, and files changed within the margin.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> meta, claims = folder / "s.yaml", folder / "c.yaml"
>>> _ = meta.write_text("id: s"); _ = meta.with_suffix(".txt").write_text("text")
>>> known = KnownKeys(folder, "base", began=time.time() + 10)  # began well after the files
>>> known.key(meta, claims)[0] is None
True
>>> known.note(meta, claims, "key-1"); known.save()
>>> KnownKeys(folder, "base").key(meta, claims)[0], KnownKeys(folder, "other").key(meta, claims)[0]
('key-1', None)
>>> _ = claims.write_text("claims: []")  # a file that was absent appears
>>> KnownKeys(folder, "base").key(meta, claims)[0] is None
True
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import NamedTuple

from cwkg.errors import CwkgError
from cwkg.fsio import write_atomic

from .cache import cache_folder
from .signature_walk import ABSENT, Listing, changed_ns, stat_text

KEYS_FILE = "keys.json"
_FORMAT = "cwkg-keys 2"
# a signature whose change time is closer than this to the start of the command that read
# the file is not kept (a file written in the same tick of a coarse clock as it was read
# could change again without its signature changing)
MARGIN_NS = 2_000_000_000
# the file is written again once this many sources' entries differ from it (or none was
# kept): fewer stale entries cost less to read again than the file to write
REWRITE_FROM = 16

class Signatures(NamedTuple):
    """A source's files' signatures, as one string ("size,mtime,ctime,inode" per file,
    "-" for one absent: cheap to keep and to compare)."""
    text: str
    complete: bool  # its metadata and its text are both in data/sources

    @property
    def changed_ns(self) -> int:
        """The latest change time of its files (read only for a source to keep)."""
        return max((changed_ns(part) for part in self.text.split("/") if part != ABSENT),
                   default=0)


class KnownKeys:
    """The keys kept in ``out_dir``'s cache (None: none kept, none written) for sources
    whose keys share ``base`` (:class:`cwkg.build.pipeline.SourceContext`'s base and
    shown folders); ``began``: when the command began to read data/ (seconds since the
    epoch; default: now)."""

    def __init__(self, out_dir: Path | None, base: str, began: float | None = None):
        self.path = cache_folder(out_dir) / KEYS_FILE if out_dir is not None else None
        self.base = base
        self.listing: Listing | None = None  # signatures listed by find (:meth:`use_listing`)
        self.before_ns = int((time.time() if began is None else began) * 1e9) - MARGIN_NS
        self.kept: dict[str, str] = {}  # metadata file -> "signatures key"
        self.now: dict[str, str] = {}   # what this run found true: the next file's entries
        self.changed = 0  # entries noted that differ from those kept
        if self.path is None:
            return
        try:
            kept = json.loads(self.path.read_bytes())
            if kept.get("format") == _FORMAT and kept.get("base") == base:
                self.kept = kept["sources"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or unreadable: every source's files are read

    def use_listing(self, listing: Listing | None) -> None:
        """Read signatures from ``listing`` (None: stat each file), and count the margin
        from when its walk began, if that was earlier."""
        if listing is not None:
            self.listing = listing
            self.before_ns = min(self.before_ns, int(listing.began * 1e9) - MARGIN_NS)

    def key(self, meta: Path | str, claims_path: Path | str
            ) -> tuple[str | None, Signatures]:
        """The key kept for the source whose files are ``meta`` (its text beside it) and
        ``claims_path``, if they still have the signatures kept (else None), and their
        signatures now (to :meth:`note` with the key read from them)."""
        name = str(meta)
        signatures = _signatures(name, claims_path, self.listing)
        entry = self.kept.get(name)
        if entry is not None:
            kept, _, key = entry.rpartition(" ")
            if kept == signatures.text:
                self.now[name] = entry
                return key, signatures
        return None, signatures

    def note(self, meta: Path | str, claims_path: Path | str, key: str | None,
             signatures: Signatures | None = None) -> None:
        """Keep ``key`` for the source, read by this command, with its files' signatures
        (taken before they were read, or now, after): only if none of its files changed
        within the margin before the command began, and its text is in data/."""
        if not key:
            return
        if signatures is None:
            signatures = _signatures(str(meta), claims_path)  # now, after reading
        if not signatures.complete:
            return  # its metadata is gone, or its text is kept outside data/
        if signatures.changed_ns >= self.before_ns:
            return  # changed too recently to tell a later change by its signature
        entry = f"{signatures.text} {key}"
        if self.kept.get(str(meta)) != entry:
            self.changed += 1
        self.now[str(meta)] = entry

    def note_all(self, sources, keys) -> None:
        """:meth:`note` each source (``(metadata file, claims file)``, paths or their
        text) whose key this run read or made (``keys``, in the same order) and has
        neither found nor noted."""
        if self.path is None:
            return  # nothing is kept: no file's signature is worth a stat (a validation
            # inside cwkg build, whose own keys the build notes, took 30,000 at 10,000)
        for (meta, claims_path), key in zip(sources, keys):
            if str(meta) not in self.now:
                self.note(meta, claims_path, key)

    def save(self) -> None:
        """Write what this run found, if it differs from what was kept in more than a few
        sources (a source whose entry is stale has its files read again, which costs less
        than writing the whole file after each edit); a file that cannot be written only
        costs time next run."""
        if self.path is None:
            return
        differ = self.changed + len(set(self.kept) - set(self.now))
        if not differ or (self.kept and differ < REWRITE_FROM):
            return
        if not self.path.parent.parent.is_dir():
            return  # no build folder: this does not make one
        data = json.dumps({"format": _FORMAT, "base": self.base, "sources": self.now},
                          separators=(",", ":")).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data, durable=False)
        except (CwkgError, OSError):
            pass


def _signatures(meta: str, claims_path: Path | str, listing: Listing | None = None
                ) -> Signatures:
    text = meta[:-len(".yaml")] + ".txt" if meta.endswith(".yaml") else None
    parts = []
    for path in (meta, text, str(claims_path)):
        signature = listing.signature(path) if listing is not None and path else None
        if signature is None:
            try:
                signature = stat_text(os.stat(path)) if path is not None else ABSENT
            except OSError:
                signature = ABSENT  # absent (or unreadable: reading it reports that)
        parts.append(signature)
    return Signatures("/".join(parts), parts[0] != ABSENT and parts[1] != ABSENT)
