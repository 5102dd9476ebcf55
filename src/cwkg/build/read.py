"""Read the last build: its quads into a store, the node locations, and whether it is
older than data/."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import UsageError
from cwkg.load.texts import text_folders
from cwkg.rdf.quads import BuiltGraph
from cwkg.rdf.store import Store

from .cache import FragmentCache
from .layout import DATASET_FILE, LOCATIONS_FILE
from .persistent import open_store
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


def open_build(out_dir: Path) -> Store:
    """The last build's quads, in its persistent store (:mod:`cwkg.build.persistent`)."""
    return open_store(out_dir)


def load_build(out_dir: Path) -> tuple[Store, dict[str, str]]:
    """The last build's quads (:func:`open_build`) and where each node was defined."""
    store = open_store(out_dir)
    locations_path = Path(out_dir) / LOCATIONS_FILE
    locations = json.loads(locations_path.read_text("utf-8")) if locations_path.exists() else {}
    return store, locations


def check_fresh(data_dir: Path, out_dir: Path, texts=None) -> None:
    """Refuse to export a build that is older than the data it was built from, or than a
    text kept outside data/ that a texts folder now has (``texts``: the command line's
    folders, None: the repository's)."""
    dataset = Path(out_dir) / DATASET_FILE
    if not dataset.exists():
        raise UsageError(f"no build found at {dataset}; run 'cwkg build' first")
    built = dataset.stat().st_mtime
    data_dir = Path(data_dir)
    folders = text_folders(data_dir.parent, texts)
    external = (folders.find(meta.stem) for meta in (data_dir / "sources").glob("*.yaml")
                if not meta.with_suffix(".txt").exists())
    for path in itertools.chain(data_dir.rglob("*"), (p for p in external if p)):
        if path.is_file() and path.stat().st_mtime > built:
            raise UsageError(f"the build at {dataset} is older than {path}; "
                             "run 'cwkg build' again")
