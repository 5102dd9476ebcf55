"""The persistent store: the last build in pyoxigraph's on-disk store, so that `cwkg query`,
`validate`, `web` and `serve` open it in milliseconds instead of parsing the N-Quads again
(seconds at a million quads).

The build writes it after the exports (:func:`write_store`). Each version of the store is a
folder of its own, a *generation* under ``build/.stores/``, and ``build/store`` is a
symbolic link to the current one, replaced atomically. A generation is never changed once
it is current: a build makes the next one as a copy of the current one by hard links
(RocksDB's files are immutable, so the copy costs milliseconds), replaces only the graphs
of the sources it made again, and switches the link. A build that dies leaves the current
generation as it was; a reader opens a generation and keeps it open, whatever a build does.

Each generation holds the file of every entity's names (:mod:`.label_table`), then a
marker naming the build it belongs to (:data:`BUILD_FILE`'s id, a hash of every graph's
cache key) and the store format. A reader whose marker does not
match the build on disk (a build stopped between its exports and its store, a store
written by another cwkg or pyoxigraph version, a store deleted by hand) makes the store
again from ``cwkg.nq`` (:func:`open_store`).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import CwkgError, UsageError
from cwkg.progress import progress
from cwkg.rdf.store import Store

from .label_table import LABELS_FILE, write_label_table
from .layout import BUILD_FILE, DATASET_FILE, GENERATIONS, STORE_LINK, current_generation

MARKER = "cwkg-store.json"
# the store's layout as cwkg writes it; with pyoxigraph's version, part of the marker.
# 2: compacted after a whole load (a store of format 1 is made again once, compacted)
STORE_FORMAT = "cwkg-store 2"
# above this share of graphs made again (and this many), loading the whole build is
# cheaper than copying the store and replacing them
DELTA_SHARE, DELTA_MIN = 0.25, 64


def worth_a_delta(changed: int, graphs: int) -> bool:
    return changed <= max(DELTA_MIN, DELTA_SHARE * graphs)


def build_id(fragments) -> str:
    """An id of the build's content: each graph's name and cache key (or, for a graph made
    without one, its N-Quads chunk's CRC), in order."""
    import hashlib  # here: the commands that only read a build never make an id
    digest = hashlib.sha256()
    for graph, key in fragments:
        digest.update(f"{graph}\0{key}\n".encode())
    return digest.hexdigest()


def current_build_id(out_dir: Path) -> str | None:
    try:
        return json.loads((Path(out_dir) / BUILD_FILE).read_bytes())["id"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _marker(build: str) -> dict:
    return {"format": STORE_FORMAT, "pyoxigraph": ox.__version__, "build": build}


def _valid_for(generation: Path | None, build: str | None) -> bool:
    if generation is None or build is None:
        return False
    try:
        marker = json.loads((generation / MARKER).read_bytes())
    except (OSError, ValueError):
        return False
    return marker == _marker(build)


def write_store(out_dir: Path, build: str, previous_build: str | None,
                changed: dict[str, bytes] | None, graphs: list[str]) -> Path:
    """Make the store of the build just written to ``out_dir`` and make it current; the
    caller holds the build folder's lock.

    ``changed``: the N-Quads chunk of every graph made again (None: too many to count);
    ``graphs``: every graph of the build. When the current store belongs to
    ``previous_build`` and few graphs changed, the new generation is a hard-link copy of it
    with those graphs replaced and the graphs that are gone removed; otherwise the whole
    ``cwkg.nq`` is loaded into an empty one."""
    out_dir = Path(out_dir)
    current = current_generation(out_dir)
    if current is not None and _valid_for(current, build):
        return current  # nothing changed since the store was made
    from cwkg.fsio import write_atomic  # here: its tempfile is 4 ms of every query's start
    generation = _new_generation(out_dir)
    try:
        if changed is not None and _valid_for(current, previous_build) \
                and worth_a_delta(len(changed), len(graphs)):
            _copy_with_changes(current, generation, changed, set(graphs))
        else:
            _load_whole(out_dir / DATASET_FILE, generation)
        write_label_table(generation, ox.Store.read_only(str(generation)))
        write_atomic(generation / MARKER, json.dumps(_marker(build)).encode())
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    _make_current(out_dir, generation)
    return generation


def _new_generation(out_dir: Path) -> Path:
    folder = out_dir / GENERATIONS
    folder.mkdir(exist_ok=True)
    return folder / f"g{time.strftime('%Y%m%d%H%M%S')}-{os.urandom(4).hex()}"


def _copy_with_changes(current: Path, generation: Path, changed: dict[str, bytes],
                       graphs: set[str]) -> None:
    ox.Store.read_only(str(current)).backup(str(generation))
    store = ox.Store(str(generation))
    try:
        for name in store.named_graphs():
            if name.value in changed or name.value not in graphs:
                store.remove_graph(name)
        for chunk in changed.values():
            store.load(input=chunk, format=ox.RdfFormat.N_QUADS)
        store.flush()
    finally:
        del store  # closes the database before the folder becomes current


# bytes of N-Quads per bulk load: pyoxigraph's bulk loader holds what it is given in
# memory (a 200 MB file took 1 GB); 16 MB pieces keep it near 200 MB, no slower
LOAD_PIECE = 16 << 20


def _load_whole(dataset: Path, generation: Path) -> None:
    store = ox.Store(str(generation))
    try:
        with open(dataset, "rb") as lines, progress(dataset.stat().st_size, "storing",
                                                    unit="B", unit_scale=True) as bar:
            rest = b""
            while read := lines.read(LOAD_PIECE):
                piece = rest + read
                end = piece.rfind(b"\n") + 1  # N-Quads: one statement per line
                store.bulk_load(input=piece[:end], format=ox.RdfFormat.N_QUADS)
                rest = piece[end:]
                bar.update(len(read))
            if rest.strip():
                store.bulk_load(input=rest, format=ox.RdfFormat.N_QUADS)
            store.flush()
        # each piece's bulk load adds files that overlap the others' keys, and every
        # lookup then reads them all: compacted, queries at 10,000 sources take half the
        # time (death-tolls 4.4 -> 2.4 s in process) for 1.4-2.4 s more at a build from scratch
        store.optimize()
    finally:
        del store


def _make_current(out_dir: Path, generation: Path) -> None:
    """Point ``build/store`` at ``generation`` (an atomic rename of a new link), then
    remove the other generations: a reader that has one open keeps its files (POSIX)."""
    link = out_dir / STORE_LINK
    temp = out_dir / f".{STORE_LINK}.{os.urandom(4).hex()}.tmp"
    os.symlink(generation.relative_to(out_dir), temp)
    os.replace(temp, link)
    for other in (out_dir / GENERATIONS).iterdir():
        if other != generation:
            shutil.rmtree(other, ignore_errors=True)


def open_store(out_dir: Path, before_remake=None) -> Store:
    """The last build's quads in its persistent store, opened read-only. A store that is
    missing or belongs to another build or version is made again from ``cwkg.nq`` first
    (saying so on stderr; ``before_remake`` is called before that, and may refuse by
    raising), or, while a build holds the folder, the N-Quads are read into memory
    instead."""
    out_dir = Path(out_dir)
    dataset = out_dir / DATASET_FILE
    if not dataset.exists():
        raise UsageError(f"no build found at {dataset}; run 'cwkg build' first")
    build = current_build_id(out_dir)
    if build is None:
        raise UsageError(f"the build at {out_dir} was made by an older cwkg; run 'cwkg build'")
    generation = current_generation(out_dir)
    if not _valid_for(generation, build):
        if before_remake is not None:
            before_remake()
        generation = _remake(out_dir, build)
        if generation is None:
            return _in_memory(dataset)
    from . import store_opener
    opened = store_opener.take(out_dir)
    if opened is not None and opened[0] == generation:
        oxigraph = opened[1]      # opened in a thread while the command started
    else:
        oxigraph = ox.Store.read_only(str(generation))
    store = Store._backed_by_pyoxigraph(oxigraph)
    store.disjoint_graphs = True  # no subject of one graph occurs in another
    store.label_table = generation / LABELS_FILE
    return store


def _remake(out_dir: Path, build: str) -> Path | None:
    from cwkg.fsio import exclusive
    started = time.perf_counter()
    try:
        with exclusive(out_dir):
            if _valid_for(current_generation(out_dir), build):  # made meanwhile
                return current_generation(out_dir)
            generation = write_store(out_dir, build, None, None, [])
    except UsageError:  # a build is writing to the folder: don't wait for it
        return None
    except (CwkgError, OSError) as exc:
        print(f"cwkg: cannot write the store in {out_dir} ({exc}); reading the N-Quads "
              "instead", file=sys.stderr)
        return None
    print(f"cwkg: made the store of the build in {out_dir} again "
          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return generation


def _in_memory(dataset: Path) -> Store:
    store = Store.from_nquads_file(dataset)
    store.disjoint_graphs = True
    return store


def serving_copy(out_dir: Path, target: Path) -> None:
    """A copy of the last build's store in ``target`` (hard links: milliseconds) that a
    server may open read-write without touching the build's."""
    out_dir = Path(out_dir)
    open_store(out_dir)  # made again first if it is not the last build's
    generation = current_generation(out_dir)
    if _valid_for(generation, current_build_id(out_dir)):
        ox.Store.read_only(str(generation)).backup(str(target))
    else:  # a build holds the folder: load a copy of its last N-Quads
        _load_whole(out_dir / DATASET_FILE, target)
