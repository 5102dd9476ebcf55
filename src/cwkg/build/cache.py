"""The content-keyed cache of fragments: an index into the previous build's exports.

A fragment's key hashes its source's files, the entity files and cwkg's code
(:func:`code_digest`, :func:`files_digest`), so after one source changes a build re-makes
one fragment and copies the others' bytes: the incremental build.

The cache holds no copy of the chunks: they are in the previous build's own exports.
A small index (``build/.cache/index.json``) records, for each source's key, where each of
its chunks sits in those files (offset, length, CRC-32). A chunk that does not match
its CRC (a replaced or truncated export, a build stopped between its exports and its
index) is a miss and is made again, never trusted.

>>> import tempfile
>>> from cwkg.rdf.serialize import FORMATS
>>> from cwkg.build.fragments import Fragment
>>> out = Path(tempfile.mkdtemp())
>>> f = Fragment("https://w3id.org/cwkg/source/x", dict.fromkeys(FORMATS, b"<chunk>"),
...              {"https://w3id.org/cwkg/source/x": "x.yaml:1"}, quads=1, claims=0, key="k1")
>>> entries = b'"https://w3id.org/cwkg/source/x": "x.yaml:1"'
>>> for name in FILES.values():  # as a build writes them: a header, then the chunks
...     _ = (out / name).write_bytes(b"{" + (entries if name == "locations.json" else f.chunks["nquads"]))
>>> cache = FragmentCache(out)
>>> cache.record(f, dict.fromkeys(FORMATS, 1), 1, entries)
>>> cache.save(); FragmentCache(out).get("k1") == f, FragmentCache(out).get("k2")
(True, None)
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import zlib
from pathlib import Path

from cwkg.errors import CwkgError, DataError
from cwkg.fsio import write_atomic
from cwkg.load.sources import display_path
from cwkg.rdf.serialize import FORMATS

from .fragments import Fragment
from .layout import CACHE_FOLDER, FILES, INDEX_FILE, LOCATIONS

_INDEX_FORMAT = "cwkg-cache 6"
# the index last parsed in this process, by its file's signature (device, inode, size,
# times: a new index is a new file, renamed into place): its entries (each kept as JSON
# text until it is looked up: a validation looks up a few of 10,000, and parsing them all
# was 4 MB of JSON), its exports, and the entries looked up. A command that opens the
# cache several times parses it once; it is only read, never changed.
_last_index: tuple = (None, {}, {}, {})


class FragmentCache:
    """The fragments of the last build in ``out_dir`` (None: no cache), and the index of
    the build being written (:meth:`record`, then :meth:`save`)."""

    def __init__(self, out_dir: Path | None, write: bool = True, formats=tuple(FORMATS)):
        self.out_dir, self.write = out_dir, write and out_dir is not None
        self.formats = formats  # the chunks get() reads
        self.hits = 0
        self.warning: str | None = None
        self._exports: dict[str, list] = {}
        self._decoded: dict[str, dict] = {}
        self._entries = self._load_index() if out_dir is not None else {}
        self._recorded: dict[str, dict] = {}
        self._handles: dict[str, object] = {}

    def _load_index(self) -> dict:
        global _last_index
        try:
            with open(cache_folder(self.out_dir) / INDEX_FILE, "rb") as handle:
                stat = os.fstat(handle.fileno())
                signature = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns,
                             stat.st_ctime_ns)
                if _last_index[0] != signature:
                    index = json.loads(handle.read())
                    if index.get("format") != _INDEX_FORMAT:
                        return {}
                    _last_index = (signature, index["entries"], index.get("exports") or {},
                                   {})
            self._exports, self._decoded = _last_index[2], _last_index[3]
            return _last_index[1]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # absent or damaged: every fragment is made again

    @property
    def empty(self) -> bool:
        return not self._entries

    @property
    def entries(self) -> int:
        """How many fragments the previous build's index holds."""
        return len(self._entries)

    def has(self, key: str | None) -> bool:
        return key in self._entries

    def entry(self, key: str | None) -> dict | None:
        """What the index says of the fragment with ``key`` (graph, quads, claims, pending,
        external), without reading its chunks; None if it is not there or was made on a
        later day than today."""
        entry = self._entry(key)
        if entry is None or entry.get("made_on", "9") > dt.date.today().isoformat():
            return None
        return entry

    def _entry(self, key: str | None) -> dict | None:
        entry = self._decoded.get(key)
        if entry is None:
            text = self._entries.get(key)
            try:
                entry = json.loads(text) if isinstance(text, str) else None
            except ValueError:
                entry = None  # damaged: made again
            if not isinstance(entry, dict):
                return None
            self._decoded[key] = entry
        return entry

    def exports_unchanged(self, paths: list[Path]) -> bool:
        """Whether ``paths`` are the very files the build that wrote this index left (same
        size, modification time and inode as it recorded), so its chunks are where the
        index says."""
        recorded = self._exports
        return all(recorded.get(p.name) is not None and recorded.get(p.name) == _stat(p)
                   for p in paths)

    def get(self, key: str | None, count: bool = True) -> Fragment | None:
        """The fragment with ``key``, if the last build's files still hold it (``count``:
        as one of the sources the build reused)."""
        entry = self._entry(key)
        if entry is None:
            return None
        try:
            if entry["made_on"] > dt.date.today().isoformat():
                return None  # made on a later day than today: its "future date" checks may not hold
            chunks = {fmt: self._read(fmt, entry[fmt]) for fmt in self.formats}
            locations = json.loads(b"{" + self._read(LOCATIONS, entry[LOCATIONS]) + b"}")
            fragment = Fragment(entry["graph"], chunks, locations, entry["quads"],
                                entry["claims"], entry["pending"], entry["made_on"], key,
                                {fmt: entry[fmt][2] for fmt in self.formats}, cached=True,
                                external=entry["external"], entities=_ids(entry))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a file replaced, truncated or damaged: the caller makes it again
        self.hits += count
        return fragment

    def raw(self, key: str | None, fmt: str = "nquads") -> tuple[bytes, bytes] | None:
        """The ``fmt`` chunk of the fragment with ``key`` and its locations' entries as the
        build wrote them (JSON without its braces), read and not parsed; None where
        :meth:`get` gives None. For a reader that needs a few of the locations, if any."""
        entry = self.entry(key)
        if entry is None:
            return None
        try:
            return self._read(fmt, entry[fmt]), self._read(LOCATIONS, entry[LOCATIONS])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _read(self, name: str, where) -> bytes:
        offset, length, crc = where
        handle = self._handles.get(name)
        if handle is None:
            handle = self._handles[name] = open(self.out_dir / FILES[name], "rb")
        handle.seek(offset)
        data = handle.read(length)
        if len(data) != length or zlib.crc32(data) != crc:
            raise ValueError("not the chunk the index recorded")
        return data

    def record(self, fragment: Fragment, offsets: dict[str, int], locations_offset: int,
               locations: bytes) -> None:
        """Note where the build being written put ``fragment``'s chunks (``offsets``, by
        format) and its ``locations`` entries, when it has a key."""
        if not self.write or fragment.key is None:
            return
        crcs = fragment.crcs
        entry = {fmt: [offsets[fmt], len(chunk), crcs[fmt] if fmt in crcs else zlib.crc32(chunk)]
                 for fmt, chunk in fragment.chunks.items()}
        entry[LOCATIONS] = [locations_offset, len(locations), zlib.crc32(locations)]
        entry.update(graph=fragment.graph, quads=fragment.quads, claims=fragment.claims,
                     pending=fragment.pending, made_on=fragment.made_on,
                     external=fragment.external)
        if fragment.entities is not None:
            entry["entities"] = list(fragment.entities)
        self._recorded[fragment.key] = entry

    def save(self, exports: list[Path] = ()) -> None:
        """Write the index of the build just written (its exports are in place: ``exports``,
        whose sizes and times it records), and drop what an older cwkg kept in the cache
        folder."""
        self.close()
        if not self.write:
            return
        entries = {key: json.dumps(entry, separators=(",", ":"))
                   for key, entry in self._recorded.items()}
        index = json.dumps({"format": _INDEX_FORMAT, "entries": entries,
                            "exports": {p.name: _stat(p) for p in exports}},
                           separators=(",", ":")).encode()
        # no fsync: a power cut can only lose or damage the index, and then the next
        # build makes every fragment again
        try:
            write_atomic(cache_folder(self.out_dir) / INDEX_FILE, index, durable=False)
        except CwkgError as exc:  # a full disk or a read-only cache: the build is whole
            self.write = False
            self.warning = f"the build cache is not kept ({exc}); the next build starts over"
            return
        for legacy in cache_folder(self.out_dir).glob("*.frag"):
            try:
                legacy.unlink()
            except OSError:
                pass

    def close(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()


def _ids(entry: dict) -> tuple[str, ...] | None:
    ids = entry.get("entities")
    if ids is not None and not (isinstance(ids, list) and all(isinstance(i, str) for i in ids)):
        raise ValueError("not a list of ids")
    return tuple(ids) if ids is not None else None


def _stat(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


@functools.cache
def code_digest() -> str:
    """A hash of cwkg's own code and of the versions of what reads the data and writes the
    chunks (pyoxigraph, PyYAML with or without libyaml, Python): a fragment made by other
    code is not reused (its triples, its checks or their serialization may differ)."""
    import sys

    import pyoxigraph
    import yaml

    versions = (_INDEX_FORMAT, pyoxigraph.__version__, yaml.__version__,
                str(yaml.__with_libyaml__), sys.version)
    digest = hashlib.sha256("\0".join(versions).encode())
    package = Path(__file__).resolve().parents[1]  # all of cwkg, not this stage alone
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def files_digest(*parts: tuple[str, bytes | None]) -> str:
    """A hash of (name, content) pairs; content None means the file is absent."""
    digest = hashlib.sha256()
    for name, content in parts:
        digest.update(name.encode() + (b"\1" if content is None else b"\0"))
        digest.update(b"" if content is None else
                      len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror}", file=display_path(path)) from None


def cache_folder(out_dir: Path) -> Path:
    return Path(out_dir) / CACHE_FOLDER
