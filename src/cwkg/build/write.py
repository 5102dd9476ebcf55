"""The build: data/ -> checked records -> quads -> every export, written atomically.

The build goes one graph at a time (the reference graph, then each source), streaming
each graph's chunk of every export format into temp files, so memory holds one source,
not the dataset. Each source's chunks are copied from the previous build's exports when
its files, the entity files and cwkg's code are unchanged (:mod:`cwkg.build.cache`): after
one source changes, a build re-makes that one. Nothing is renamed into place until every
graph is written, so a data error (or a crash) leaves the previous build untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from cwkg.errors import CwkgError
from cwkg.fsio import atomic_files, exclusive
from cwkg.load.texts import text_folders
from cwkg.prefixes import compact
from cwkg.progress import progress
from cwkg.rdf.serialize import FORMATS, DocumentWriter

from .cache import FragmentCache
from .file_clock import PROBE_PATTERN, last_tick
from .known_keys import KEYS_FILE
from .layout import (
    BUILD_FILE,
    CACHE_FOLDER,
    DATASET_FILE,
    FILES,
    INDEX_FILE,
    LOCATIONS_FILE,
    READ_AT_FILE,
    STORE_LINK,
)
from .persistent import build_id, current_build_id, worth_a_delta, write_store
from .pipeline import Plan, plan, planned_fragments


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    graphs: list[tuple[str, int, int]] = field(default_factory=list)  # (IRI, claims, quads)
    entities: int = 0
    pending: list[str] = field(default_factory=list)
    reused: int = 0               # source graphs copied from the previous build
    warning: str | None = None    # the cache could not be written (the build is whole)
    external: list[tuple[str, str]] = field(default_factory=list)  # (graph, status) of the
    # sources whose text is kept outside the repository ("verified" / "unverified")
    texts: str = ""               # the texts folders searched, as a curator reads them
    plan: Plan | None = None      # data/ as built, with every source's key (validation
    # reuses it: the same files, read once)

    @property
    def unverified(self) -> list[str]:
        return [graph for graph, status in self.external if status == "unverified"]

    @property
    def quads(self) -> int:
        return sum(quads for _, _, quads in self.graphs)

    @property
    def claims(self) -> int:
        return sum(claims for _, claims, _ in self.graphs)

    @property
    def sources(self) -> int:
        return len(self.graphs) - 1  # all but the reference graph

    def summary(self) -> list[tuple[str, int, int]]:
        """(graph, claims, quads) per named graph, in build order."""
        return [(compact(graph), claims, quads) for graph, claims, quads in self.graphs]


def build(data_dir: Path, out_dir: Path, use_cache: bool = True,
          workers: int | None = None, texts=None) -> BuildResult:
    """Write every export and locations.json to ``out_dir``; the N-Quads file goes last,
    so its presence means the build finished. ``texts``: the texts folders given on the
    command line (None: the repository's setting). When nothing changed since the last
    build (the same id, and its files as it left them), nothing is written again."""
    out_dir = Path(out_dir)
    cache = FragmentCache(out_dir if use_cache else None)
    result = BuildResult()
    paths = sorted((out_dir / name for name in (*FILES.values(), BUILD_FILE)),
                   key=lambda p: p.name == DATASET_FILE)
    # the temp files a killed build can leave: atomic_files' and the cache index's, nothing
    # else
    stale = [f".{p.name}.*.tmp" for p in paths] + [f"{CACHE_FOLDER}/.{name}.*.tmp"
                                                    for name in (INDEX_FILE, KEYS_FILE)]
    stale += [f".{STORE_LINK}.*.tmp", PROBE_PATTERN]
    with exclusive(out_dir, stale) as created:
        previous = current_build_id(out_dir)
        started = time.time()
        try:
            # by the file system's clock (data/ is stamped by the same one when both are on
            # one file system, as in a repository)
            read_from = last_tick(out_dir)
            try:
                result.texts = text_folders(Path(data_dir).parent, texts).describe()
                made = plan(data_dir, cache, texts=texts, began=started)
                kept = _as_it_was(made, cache, previous, paths)
                if kept is not None:
                    delta = _Delta(previous, {})
                    _result_of(made, kept, result)
                else:
                    with atomic_files(paths) as handles:
                        delta = _write(made, cache, dict(zip((p.name for p in paths), handles)),
                                       result, workers)
            finally:
                cache.close()  # the previous exports, read while the new ones were written
            if kept is None:
                cache.save(paths)
            # the keys made or read this build, known next time by their files' signatures
            made.known.note_all(made.prepared.sources.as_text(), made.keys)
            made.known.save()
        except BaseException:
            if created:  # leave no trace of a build that never finished (the lock is ours)
                shutil.rmtree(out_dir, ignore_errors=True)
            raise
        result.warning = cache.warning
        try:
            write_store(out_dir, delta.build, previous, delta.changed,
                        [graph for graph, _, _ in result.graphs])
        except (CwkgError, OSError) as exc:  # the exports are whole; readers parse them
            result.warning = (f"the store could not be written ({exc}); commands will read "
                              f"{DATASET_FILE} instead")
        _read_at(out_dir, read_from)
    result.outputs, result.reused = paths, cache.hits if kept is None else len(kept)
    result.plan = made
    return result


def _read_at(out_dir: Path, read_from: int) -> None:
    """Note when this build began to read data/ (:data:`READ_AT_FILE`; ``read_from``: the
    file system's last tick before, in ns): what the commands that read the build compare
    data/ with (not noted: they compare with the N-Quads export's time)."""
    path = out_dir / READ_AT_FILE
    try:
        path.touch()
        os.utime(path, ns=(read_from, read_from))
    except OSError:
        pass


def _as_it_was(made: Plan, cache: FragmentCache, previous: str | None,
               paths: list[Path]) -> list[dict] | None:
    """The cache's entry for each source when the last build is this one (its id, every
    source's key in its index, its files untouched since), else None."""
    if previous is None or not all(made.keys) or build_id(made.graph_keys()) != previous \
            or not cache.exports_unchanged(paths):
        return None
    entries = [cache.entry(key) for key in made.keys]
    return None if any(entry is None for entry in entries) else entries


def _result_of(made: Plan, entries: list[dict], result: BuildResult) -> None:
    """What a build says of its graphs, from the index of the build it would write again."""
    reference = made.prepared.reference
    result.entities = len(reference.locations)
    result.graphs = [(reference.graph, reference.claims, reference.quads)]
    result.pending = list(reference.pending)
    for entry in entries:
        result.graphs.append((entry["graph"], entry["claims"], entry["quads"]))
        result.pending += entry["pending"]
        if entry["external"]:
            result.external.append((entry["graph"], entry["external"]))


@dataclass
class _Delta:
    """What the persistent store needs of a build: its id, and the N-Quads of the graphs
    made again (None once there are too many to keep: the store is then loaded whole)."""
    build: str = ""
    changed: dict[str, bytes] | None = field(default_factory=dict)


def _write(made: Plan, cache: FragmentCache, files: dict, result, workers: int | None
           ) -> _Delta:
    writers = {fmt: DocumentWriter(fmt, files[FILES[fmt]].write) for fmt in FORMATS}
    locations = _LocationsWriter(files[LOCATIONS_FILE].write)
    delta = _Delta(changed={} if cache.entries else None)
    keys, made_keys = [], []
    with progress(len(made.keys) + 1, "building", unit=" graphs") as bar:
        for fragment in planned_fragments(made, cache, workers=workers):
            _add(fragment, writers, locations, cache, result, keys, delta)
            made_keys.append(fragment.key)
            bar.update()
    for writer in writers.values():
        writer.close()
    locations.close()
    delta.build = build_id(keys)
    made.keys = made_keys[1:]  # as made (a first build knew none): the reference's has none
    files[BUILD_FILE].write(json.dumps({"id": delta.build, "graphs": len(result.graphs),
                                        "quads": result.quads}).encode() + b"\n")
    return delta


def _add(fragment, writers: dict, locations, cache: FragmentCache, result, keys: list,
         delta: _Delta) -> None:
    """One graph's fragment into every export, the cache index and the build's result."""
    offsets = {fmt: writer.add(fragment.chunks[fmt]) for fmt, writer in writers.items()}
    cache.record(fragment, offsets, *locations.add(fragment.locations))
    if not result.graphs:  # the reference graph locates each entity once
        result.entities = len(fragment.locations)
    result.graphs.append((fragment.graph, fragment.claims, fragment.quads))
    result.pending += fragment.pending
    keys.append((fragment.graph, fragment.key or fragment.crcs["nquads"]))
    if delta.changed is not None and not fragment.cached:
        delta.changed[fragment.graph] = fragment.chunks["nquads"]
        if not worth_a_delta(len(delta.changed), cache.entries):
            delta.changed = None
    if fragment.external:
        result.external.append((fragment.graph, fragment.external))


class _LocationsWriter:
    """locations.json, one entry per line, in build order."""

    def __init__(self, write):
        self.write, self.first, self.position = write, True, 1
        write(b"{")

    def add(self, locations: dict[str, str]) -> tuple[int, bytes]:
        """Write one graph's entries; returns where they start, and their bytes."""
        if not locations:
            return self.position, b""
        # one C-encoded dump per graph, one entry per line
        entries = json.dumps(locations, ensure_ascii=False, separators=(",\n", ": "))[1:-1]
        data = entries.encode("utf-8")
        lead = b"\n" if self.first else b",\n"
        self.write(lead + data)
        self.first = False
        self.position += len(lead) + len(data)
        return self.position - len(data), data

    def close(self) -> None:
        self.write(b"\n}\n")


