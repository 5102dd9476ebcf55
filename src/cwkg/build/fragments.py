"""One graph's share of the build, in every export format.

A source's fragment (its named graph as N-Quads, TriG, Turtle and JSON-LD chunks, plus
where each of its nodes was defined) depends only on the source's own files, on the
entity files (their ids decide which references hold) and on cwkg's code: a source's
files never name another source (only entities do, and those are checked every build).
Its cache key hashes all of them, so after one source changes a build re-makes one
fragment and copies the others' bytes: the incremental build.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field

from cwkg.rdf.quads import BuiltGraph
from cwkg.rdf.serialize import FORMATS, graph_chunk


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
    key: str | None = None  # its cache key, when the build may keep it
    # CRC-32 of each chunk, computed where it was made (a worker) or checked (the cache),
    # so the build's one process need not compute them again
    crcs: dict[str, int] = field(default_factory=dict, compare=False)
    cached: bool = field(default=False, compare=False)  # copied from the previous build
    # a source whose text is kept outside the repository: "verified" (a texts folder had
    # it: hash and anchors checked) or "unverified" (not found); None for any other graph
    external: str | None = None
    # the reference graph's: the ids of the entities it defines (checked: the cache keeps
    # them, so a build that reuses it need not parse the entity files); None for a source
    entities: tuple[str, ...] | None = field(default=None, compare=False)

    @classmethod
    def of(cls, built: BuiltGraph, claims: int = 0, pending=(), formats=tuple(FORMATS),
           external: str | None = None) -> "Fragment":
        """The fragment of ``built``, which holds exactly one graph."""
        (graph,) = built.graphs
        chunks = {fmt: graph_chunk(fmt, built.quads) for fmt in formats}
        return cls(graph, chunks, dict(built.locations), len(built.quads), claims,
                   list(pending), crcs={fmt: zlib.crc32(c) for fmt, c in chunks.items()},
                   external=external)


