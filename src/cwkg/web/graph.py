"""The web stage's one door into the graph: open the last build, ask it SPARQL through the
query stage, and read nodes back as plain descriptions.

:func:`open_graph` is the only place that decides where the quads come from (the build's
persistent store, through :func:`cwkg.build.read.load_build`); every page asks through
the :class:`Graph` it returns. What every page reads of the sources and claims is read
once per build (:mod:`cwkg.web.prepared`), not per page.

The stored questions are asked of a copy of the build's quads in memory, read from its
N-Quads export (:meth:`Graph.ask`): a question that sorts or joins many rows reads each
term's text many times, and the on-disk store looks each one up in RocksDB, where memory
has it at hand (5-8x faster at 1,000 sources; at 10,000 differing-figures sorts 180,000
rows). It costs about 50 MB per 1,000 sources, read in a few seconds when the first
question is asked.

Node descriptions are fetched many at a time (a VALUES block of IRIs): the server asks for
one page's nodes, the static site for thousands per query, with the same code.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from cwkg.build.layout import DATASET_FILE, LOCATIONS_FILE
from cwkg.build.persistent import current_build_id
from cwkg.namespaces import PREFIXES, sparql_prefix_block
from cwkg.query.embedded import Backend, EmbeddedBackend
from cwkg.query.results import ResultSet
from cwkg.query.run import run
from cwkg.query.sparql_text import sparql_iri
from cwkg.rdf.store import Store

# IRIs per VALUES block: large enough that the static site makes few queries, small
# enough that one query's text stays a few hundred KB
BATCH = 2000
SCHEMA_TEXT = PREFIXES["schema"] + "text"


def open_graph(out_dir: Path) -> Graph:
    """The last build in ``out_dir``, ready to ask (a UsageError if there is none), with
    the id of the build it holds (what the pages' caches are kept under)."""
    from cwkg.build.persistent import current_build_id
    from cwkg.build.read import open_build
    while True:  # a build that finishes meanwhile changes the id: open its store instead
        build = current_build_id(Path(out_dir))
        store = open_build(Path(out_dir))
        if current_build_id(Path(out_dir)) == build:
            return Graph(EmbeddedBackend(store), _Locations(Path(out_dir)), Path(out_dir),
                         build)


class _Locations(Mapping):
    """The build's locations.json (subject IRI -> file:line), read when first asked for:
    a start that finds the pages' index kept needs none of its 20 MB (10,000 sources)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir

    @cached_property
    def _entries(self) -> dict[str, str]:
        from cwkg.build.layout import LOCATIONS_FILE
        path = self.out_dir / LOCATIONS_FILE
        return json.loads(path.read_text("utf-8")) if path.exists() else {}

    def __getitem__(self, key: str) -> str:
        return self._entries[key]

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


# subject IRI -> predicate IRI -> objects, in the store's order
Description = dict[str, list]


@dataclass
class Graph:
    backend: Backend
    locations: Mapping[str, str] = field(default_factory=dict)  # subject IRI -> file:line
    out_dir: Path | None = None
    build: str | None = None    # the build's id (build/build.json), None if unknown
    _memory: Backend | None = field(default=None, init=False, repr=False)
    _memory_guard: threading.Lock = field(default_factory=threading.Lock, init=False,
                                          repr=False)

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph store, for reads that need no SPARQL (a graph's quads)."""
        return self.backend.store.oxigraph

    def select(self, text: str) -> ResultSet:
        """A SELECT written with cwkg's prefixes (the block is put before it)."""
        return self.backend.select(sparql_prefix_block() + text)

    def ask(self, query, params: Mapping[str, list[str] | str] | None = None) -> ResultSet:
        """A stored question (id or Query) with parameters as a user types them, asked of
        the build's quads in memory when its export is at hand (else of the store)."""
        return run(query, params or {}, backend=self.questions_backend())

    def questions_backend(self) -> Backend:
        """The build's quads in memory, read once from its N-Quads export when that is
        this build's (the id in build.json before and after it is opened); else the
        build's store, which holds the same quads."""
        with self._memory_guard:  # two questions asked at once read the export once
            if self._memory is None:
                self._memory = self._in_memory() or self.backend
            return self._memory

    def _in_memory(self) -> Backend | None:
        export = build_export(self.out_dir, self.build)
        if export is None:
            return None
        (quads,) = export
        with quads:
            memory = ox.Store()
            try:
                memory.bulk_load(input=quads, format=ox.RdfFormat.N_QUADS)
            except (SyntaxError, ValueError, OSError):
                return None  # not as the build writes it: ask the store
        return EmbeddedBackend(Store._backed_by_pyoxigraph(memory))

    def describe(self, iris: Iterable[str], *, parts: bool = False,
                 without_text: bool = False) -> dict[str, Description]:
        """{subject: {predicate: [objects]}} for each IRI (every graph it is described in);
        with ``parts``, also the nodes a claim owns (its anchor and figures, then the
        anchor's selectors), each found by following the claim's own links.
        ``without_text`` leaves out a source's full text (schema:text)."""
        out: dict[str, Description] = {}
        for _, s, p, o in self._quads(list(dict.fromkeys(iris)), parts, without_text):
            out.setdefault(s.value, {}).setdefault(p.value, []).append(o)
        return out

    def _quads(self, iris: list[str], parts: bool, without_text: bool):
        """(graph, subject, predicate, object) rows describing ``iris``: one plain lookup
        per round (the nodes, then the parts they link to, then the parts' parts)."""
        skip = f" FILTER(?p != {sparql_iri(SCHEMA_TEXT)})" if without_text else ""
        links = {PREFIXES["cwkg"] + "anchor", PREFIXES["cwkg"] + "figure",
                 PREFIXES["oa"] + "hasSelector"} if parts else set()
        wanted, seen = iris, set()
        while wanted:
            seen.update(wanted)
            found = []
            for batch in _batches(wanted):
                values = " ".join(sparql_iri(i) for i in batch)
                rows = self.select(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} "
                                   f"GRAPH ?g {{ ?s ?p ?o }}{skip} }}").rows
                found += rows
                yield from rows
            wanted = list(dict.fromkeys(o.value for _, _, p, o in found
                                        if p.value in links and o.value not in seen))

    def scan(self, *patterns: str, without_text: bool = False) -> dict[str, Description]:
        """Descriptions of every ?s that a pattern (binding ?s ?p ?o) finds: many
        nodes at once, as the start and the static site read them (a scan is several
        times faster than looking each node up)."""
        skip = f" FILTER(?p != {sparql_iri(SCHEMA_TEXT)})" if without_text else ""
        out: dict[str, Description] = {}
        for where in patterns:
            for s, p, o in self.select(f"SELECT ?s ?p ?o WHERE {{ {where}{skip} }}").rows:
                out.setdefault(s.value, {}).setdefault(p.value, []).append(o)
        return out

    def quads_of(self, iri: str, parts: bool) -> list[ox.Quad]:
        """The quads that describe ``iri`` (and, with ``parts``, the nodes it owns), for
        content negotiation."""
        return [ox.Quad(s, p, o, g) for g, s, p, o in self._quads([iri], parts, False)]

    def text_of(self, source: str) -> str | None:
        """A source's full text, or None when the graph holds none (kept outside)."""
        rows = self.select(f"SELECT ?t WHERE {{ GRAPH ?g {{ {sparql_iri(source)} "
                           "schema:text ?t } } LIMIT 1").rows
        return rows[0][0].value if rows else None

    def texts_of(self, sources: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for batch in _batches(sources, 500):
            values = " ".join(sparql_iri(i) for i in batch)
            rows = self.select(f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {values} }} "
                               "GRAPH ?g { ?s schema:text ?t } }").rows
            out.update((s.value, t.value) for s, t in rows)
        return out

    def column(self, text: str) -> list:
        """The first column of a SELECT, as IRIs or lexical values."""
        return [row[0].value for row in self.select(text).rows if row[0] is not None]


def build_export(out_dir: Path | None, build: str | None, locations: bool = False):
    """The build's N-Quads export (and, with ``locations``, its locations.json), opened,
    if they are the build ``build``'s: no build is writing the folder (its temp file of
    the export would be there from its start to its end), and the id in build.json is
    ``build`` before and after the files are opened and the files opened are still those
    at their paths. None otherwise."""
    if out_dir is None or build is None:
        return None
    out_dir = Path(out_dir)
    paths = (out_dir / DATASET_FILE, *([out_dir / LOCATIONS_FILE] if locations else []))
    if any(out_dir.glob(f".{DATASET_FILE}.*.tmp")) or current_build_id(out_dir) != build:
        return None
    handles = []
    try:
        for path in paths:
            handles.append(open(path, "rb"))
        same = all(os.fstat(h.fileno()).st_ino == os.stat(p).st_ino
                   for h, p in zip(handles, paths))
    except OSError:
        same = False
    if not same or current_build_id(out_dir) != build:
        for handle in handles:
            handle.close()
        return None
    return handles


def _batches(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def first(description: Description, predicate: str, default=None):
    values = description.get(predicate)
    return values[0].value if values else default


def all_of(description: Description, predicate: str) -> list[str]:
    return [v.value for v in description.get(predicate, ())]
