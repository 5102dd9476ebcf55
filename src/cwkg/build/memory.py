"""The dataset in memory, made by the build's pipeline and written nowhere: for
validation with pySHACL, tests and benchmarks (the commands that only read a build open
its persistent store instead: :mod:`cwkg.build.read`)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from cwkg.rdf.quads import BuiltGraph
from cwkg.rdf.store import Store

from .cache import FragmentCache
from .pipeline import fragments


def in_memory(data_dir: Path, texts=None) -> BuiltGraph:
    """The quads ``cwkg build`` writes, in build order, and where each node was defined:
    the same pipeline, no cache, nothing written (for tests and benchmarks)."""
    out = BuiltGraph()
    for fragment in fragments(data_dir, FragmentCache(None), formats=("nquads",),
                              texts=texts):
        out.quads += ox.parse(fragment.chunks["nquads"], format=ox.RdfFormat.N_QUADS)
        out.locations.update(fragment.locations)
        out.graphs.append(fragment.graph)
    return out


def dataset_store(data_dir: Path, out_dir: Path, watch=(), keep_written: bool = False,
                  texts=None) -> tuple[Store, dict[str, str]]:
    """The dataset :func:`build` would write, loaded into a store (and the node locations),
    writing nothing: unchanged sources come from ``out_dir``'s fragment cache. ``watch``:
    predicates whose triples the store keeps as written (:meth:`Store.as_written`);
    ``keep_written``: keep every quad as written too (:meth:`Store.written_quads`).
    ``texts``: the texts folders given on the command line (None: the repository's)."""
    cache = FragmentCache(out_dir, write=False, formats=("nquads",))
    locations: dict[str, str] = {}

    def chunks():
        for fragment in fragments(data_dir, cache, formats=("nquads",), texts=texts):
            locations.update(fragment.locations)
            yield fragment.chunks["nquads"]

    try:
        store = Store.from_nquads_chunks(chunks(), watch, keep_written)
    finally:
        cache.close()
    store.disjoint_graphs = True  # no subject of one graph occurs in another (graph.emit_source)
    return store, locations
