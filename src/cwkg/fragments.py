"""One graph's share of the build, in every export format, and the cache that keeps it.

A source's fragment (its named graph as N-Quads, TriG, Turtle and JSON-LD chunks, plus
where each of its nodes was defined) depends only on the source's own files, on the
entity files (their ids decide which references hold) and on cwkg's code: a source's
files never name another source (only entities do, and those are checked every build). Its cache key
hashes all of them, so after one source changes a build re-makes one fragment and
copies the others' bytes: the incremental build. A damaged or foreign cache entry is
ignored and re-made, never trusted.

>>> import tempfile
>>> cache = FragmentCache(Path(tempfile.mkdtemp()))
>>> f = Fragment("https://w3id.org/cwkg/source/x", dict.fromkeys(FORMATS, b"..."),
...              {"https://w3id.org/cwkg/source/x": "x.yaml:1"}, quads=1, claims=0)
>>> cache.put("k1", f); cache.get("k1") == f, cache.get("k2")
(True, None)
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CwkgError, DataError
from .export import FORMATS, graph_chunk
from .fsio import write_atomic
from .graph import BuiltGraph
from .sources import display_path

CACHE_FOLDER = ".cache"   # inside the build folder
_ENTRY_FORMAT = b"cwkg-fragment 3\n"


@dataclass
class Fragment:
    graph: str                                  # the named graph's IRI
    chunks: dict[str, bytes]                    # export format -> this graph's chunk
    locations: dict[str, str]                   # node IRI -> data file:line
    quads: int
    claims: int
    pending: list[str] = field(default_factory=list)  # proposed claims, not in the graph
    # the day it was made: its dates were checked against that day ("not in the future"),
    # so it holds on any later day, and must be made again on an earlier one (clock, TZ)
    made_on: str = field(default_factory=lambda: dt.date.today().isoformat())

    @classmethod
    def of(cls, built: BuiltGraph, claims: int = 0, pending=(), formats=tuple(FORMATS)
           ) -> "Fragment":
        """The fragment of ``built``, which holds exactly one graph."""
        (graph,) = built.graphs
        return cls(graph, {fmt: graph_chunk(fmt, built.quads) for fmt in formats},
                   dict(built.locations), len(built.quads), claims, list(pending))

    def to_bytes(self) -> bytes:
        meta = {"graph": self.graph, "locations": self.locations, "quads": self.quads,
                "claims": self.claims, "pending": self.pending, "made_on": self.made_on,
                "chunks": {fmt: [len(data), zlib.crc32(data)] for fmt, data in self.chunks.items()}}
        head = json.dumps(meta, ensure_ascii=False).encode() + b"\n"
        return b"".join([_ENTRY_FORMAT, head, *self.chunks.values()])

    @classmethod
    def from_bytes(cls, data: bytes, formats=tuple(FORMATS)) -> "Fragment":
        """Raises ValueError (or KeyError) for anything but a whole, well-formed entry."""
        import io
        return cls.read(io.BytesIO(data), formats)

    @classmethod
    def read(cls, handle, formats=tuple(FORMATS)) -> "Fragment":
        """Read an entry, only the chunks of ``formats`` (a validation needs N-Quads
        alone); raises ValueError (or KeyError) if it is not whole and well-formed."""
        if handle.read(len(_ENTRY_FORMAT)) != _ENTRY_FORMAT:
            raise ValueError("not a cwkg fragment")
        meta = json.loads(handle.readline())
        if set(meta["chunks"]) != set(FORMATS):
            raise ValueError("not every format")
        chunks = {}
        for fmt, (length, crc) in meta["chunks"].items():
            if fmt not in formats:
                handle.seek(length, 1)
                continue
            chunks[fmt] = handle.read(length)
            if len(chunks[fmt]) != length or zlib.crc32(chunks[fmt]) != crc:
                raise ValueError("truncated or damaged fragment")
        if handle.read(1):
            raise ValueError("trailing bytes")
        return cls(meta["graph"], chunks, meta["locations"], meta["quads"], meta["claims"],
                   meta["pending"], meta["made_on"])


class FragmentCache:
    """Fragments on disk, one file per key; ``folder=None`` caches nothing."""

    def __init__(self, folder: Path | None, write: bool = True, formats=tuple(FORMATS)):
        self.folder, self.write = folder, write and folder is not None
        self.formats = formats  # the chunks get() reads
        self.used: set[str] = set()
        self.hits = 0
        self.warning: str | None = None

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.frag"

    def has(self, key: str) -> bool:
        return self.folder is not None and self._path(key).exists()

    def get(self, key: str) -> Fragment | None:
        if self.folder is None:
            return None
        try:
            with self._path(key).open("rb") as handle:
                fragment = Fragment.read(handle, self.formats)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: the caller makes it again
        if fragment.made_on > dt.date.today().isoformat():
            return None  # made on a later day than today: its "future date" checks may not hold
        self.used.add(key)
        self.hits += 1
        return fragment

    def put(self, key: str, fragment: Fragment) -> None:
        self.used.add(key)
        if self.write and set(fragment.chunks) == set(FORMATS):
            # no fsync (10,000 of them took 11 s): a crash or power cut can only leave an
            # entry missing or damaged, which get() detects (lengths, CRC) and re-makes
            try:
                write_atomic(self._path(key), fragment.to_bytes(), durable=False)
            except CwkgError as exc:  # a full disk or a read-only cache: build without it
                self.write = False
                self.warning = f"the build cache is not kept ({exc}); the next build starts over"

    def prune(self) -> None:
        """Remove the entries this build did not use (sources edited or deleted)."""
        if not self.write or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.frag"):
            if path.stem not in self.used:
                try:
                    path.unlink()
                except OSError:
                    pass


@functools.cache
def code_digest() -> str:
    """A hash of cwkg's own code and pyoxigraph's version: a fragment made by other code
    is not reused (its triples or their serialization may differ)."""
    import pyoxigraph

    digest = hashlib.sha256(_ENTRY_FORMAT + pyoxigraph.__version__.encode())
    package = Path(__file__).resolve().parent
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
