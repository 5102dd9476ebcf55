"""The dataset as a sequence of fragments: check data/ as a whole, then reuse or make
each source's fragment, in parallel when many must be made.

What is checked across files happens here once per build (every source text has its
metadata, every claims file its source, entity ids and their references); each source's
own checks happen when its fragment is made (:func:`make_source_fragment`), so a source
reused from the cache was checked when it was made, against the same entity files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import DataError
from cwkg.load.data import SourceFiles, check_folder, source_records, with_entities
from cwkg.load.sources import display_path
from cwkg.load.texts import TextFolders
from cwkg.prefixes import expand
from cwkg.procs import Done, die_with_parent, in_order, worker_pool
from cwkg.rdf.quads import BuiltGraph, emit_source, reference_graph
from cwkg.rdf.serialize import FORMATS

from . import signature_walk
from .cache import FragmentCache, code_digest, files_digest, read_or_none
from .fragments import Fragment
from .known_keys import KnownKeys

# below this many sources to make, starting worker processes costs more than it saves
PARALLEL_FROM = 200
MAX_WORKERS = 8  # a many-core machine does not start dozens of processes for one build
SOURCES_PER_TASK = 32


@dataclass(frozen=True)
class SourceContext:
    """What making any source's fragment needs besides its own files (sent to each worker
    process once)."""
    entity_ids: frozenset[str]
    source_ids: frozenset[str]
    repo_root: Path
    formats: tuple[str, ...]
    base: str                    # the key part every source shares: code and entity files
    shown: dict[Path, str]       # folder -> its name as errors and locations show it
    texts: TextFolders           # where the texts kept outside data/ are looked for


@dataclass
class Prepared:
    """data/ checked as a whole: the reference graph's fragment, each source's files in
    order, and what making a source's fragment needs (:func:`make_source_fragment`)."""
    reference: Fragment
    sources: SourceFiles  # (metadata file, claims file), in file-name order
    context: SourceContext


def prepare(data_dir: Path, repo_root: Path | None = None,
            formats=tuple(FORMATS), texts=None, cache: FragmentCache | None = None
            ) -> Prepared:
    """What is checked across files, once per build (:func:`cwkg.load.data.check_folder`),
    and the reference graph's fragment: from ``cache`` when it holds one made from the
    same entity files, code and source ids (their entities then need no parsing), else
    made. ``texts``: the texts folders given on the command line (None: the repository's
    setting)."""
    folder = check_folder(data_dir, repo_root, texts, entities=cache is None)
    # what every source's graph depends on besides its own files: the entity files' bytes
    # as they were checked (a file saved since then is not what was checked)
    base = files_digest(("code", code_digest().encode()),
                        ("repo", str(folder.repo_root.resolve()).encode()),
                        *folder.entity_files.items())
    # the reference graph's: the entities' references to sources are checked against
    # the source ids
    key = files_digest(("base", base.encode()),
                       ("sources", "\n".join(sorted(folder.source_ids)).encode()))
    reference = cache.get(key, count=False) if cache is not None else None
    if reference is None or reference.entities is None:
        folder = with_entities(folder)
        reference = Fragment.of(reference_graph(folder.entities.values()), formats=formats)
        reference.key, reference.entities = key, tuple(sorted(folder.entities))
    # the names in the key are the ones errors and locations show (relative to the working
    # folder); one relpath per folder, not three per source (0.9 s at 10,000 sources)
    shown = {sub: display_path(sub) for sub in (folder.data_dir / "sources",
                                                folder.data_dir / "claims")}
    context = SourceContext(frozenset(reference.entities), folder.source_ids,
                            folder.repo_root, tuple(formats), base, shown, folder.texts)
    return Prepared(reference, folder.sources, context)


@dataclass
class Plan:
    """data/ checked as a whole, and each source's cache key (None when the cache is
    empty: a first build reads each source's files only where it makes its fragment), and
    the keys known by their files' signatures (:mod:`.known_keys`)."""
    prepared: Prepared
    keys: list[str | None]
    known: KnownKeys | None = None

    def graph_keys(self) -> list[tuple[str, str]]:
        """(graph, key) of every graph as the build's id hashes them (None: not known)."""
        reference = self.prepared.reference
        return [(reference.graph, reference.key or reference.crcs["nquads"]),
                *((expand("src:" + stem), key)
                  for stem, key in zip(self.prepared.sources.stems(), self.keys))]


def plan(data_dir: Path, cache: FragmentCache, repo_root: Path | None = None,
         formats=tuple(FORMATS), texts=None, began: float | None = None) -> Plan:
    """What a build of ``data_dir`` will make (:func:`prepare`), and the key of each
    source's fragment in ``cache`` (known by its files' signatures where they are as they
    were; ``began``: when the build began to read data/)."""
    prepared = prepare(data_dir, repo_root, formats, texts, cache)
    known = known_keys(prepared, cache.out_dir, began)
    if cache.empty:
        return Plan(prepared, [None] * len(prepared.sources), known)
    known.use_listing(signature_walk.take(data_dir))
    return Plan(prepared, keys_of(prepared, known), known)


def known_keys(prepared: Prepared, out_dir: Path | None, began: float | None = None
               ) -> KnownKeys:
    """The keys of ``prepared``'s sources kept in ``out_dir``'s cache by their files'
    signatures (None: none)."""
    context = prepared.context
    shown = sorted((str(folder), name) for folder, name in context.shown.items())
    return KnownKeys(out_dir, files_digest(("base", context.base.encode()),
                                           ("shown", json.dumps(shown).encode())), began)


def keys_of(prepared: Prepared, known: KnownKeys) -> list[str]:
    """Each source's cache key: the one ``known`` keeps where its files are as they
    were, else read from its files (and noted in ``known``)."""
    keys = []
    for index, (meta, claims_path) in enumerate(prepared.sources.as_text()):
        key, signatures = known.key(meta, claims_path)
        if key is None:
            meta_path, claims_file = prepared.sources[index]
            key = source_key(meta_path, claims_file, prepared.context)[0]
            known.note(meta, claims_path, key, signatures)
        keys.append(key)
    return keys


def source_graph(meta: Path) -> str:
    """The named graph of the source whose metadata file is ``meta``."""
    return expand("src:" + meta.stem)


def fragments(data_dir: Path, cache: FragmentCache, repo_root: Path | None = None,
              formats=tuple(FORMATS), workers: int | None = None,
              texts=None, on_total=lambda graphs: None) -> Iterator[Fragment]:
    """The reference graph's fragment, then each source's in file-name order (from
    ``cache`` when it holds one made from the same files), checking the data as
    :func:`cwkg.data.load_data` does. ``workers``: processes that make fragments
    (default: one per CPU when at least PARALLEL_FROM sources must be made; 1: none).
    ``texts``: the texts folders given on the command line (None: the repository's).
    ``on_total`` is told how many graphs will come, once it is known (a progress bar)."""
    made = plan(data_dir, cache, repo_root, formats, texts)
    on_total(len(made.keys) + 1)
    yield from planned_fragments(made, cache, workers)


def planned_fragments(made: Plan, cache: FragmentCache, workers: int | None = None
                      ) -> Iterator[Fragment]:
    """The fragments of a :class:`Plan`, the reference graph's first (see
    :func:`fragments`)."""
    yield made.prepared.reference
    context = made.prepared.context
    jobs = [(key, meta, claims_path)
            for key, (meta, claims_path) in zip(made.keys, made.prepared.sources)]
    to_make = sum(1 for key, _, _ in jobs if not cache.has(key))
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if to_make >= PARALLEL_FROM else 1
    # the context (thousands of ids) goes to each worker once, not with every job
    pool = worker_pool(workers, _set_context, context) if workers > 1 else None
    if pool is None:
        for key, meta, claims_path in jobs:
            yield cache.get(key) or make_source_fragment(meta, claims_path, context)
        return
    yield from _in_parallel(jobs, cache, pool, workers, context)


def source_fragment(meta: Path, claims_path: Path, cache: FragmentCache, context) -> Fragment:
    """One source's fragment: from ``cache`` when it holds one made from the same files,
    else made."""
    return cache.get(cached_key(meta, claims_path, cache, context)) \
        or make_source_fragment(meta, claims_path, context)


def cached_key(meta: Path, claims_path: Path, cache: FragmentCache, context) -> str | None:
    """The key to look up in ``cache``; None when it is empty (a first build): then no
    source's files are read here, only where its fragment is made (which keys it by the
    bytes it read)."""
    if cache.empty:
        return None
    return source_key(meta, claims_path, context)[0]


def source_key(meta: Path, claims_path: Path, context: SourceContext) -> tuple:
    """(the cache key of a source's fragment, what it is made from): the bytes of its
    three files (None for one absent) and, when it has no text in data/sources, (the
    file, its bytes) of its text in a texts folder ((None, None) when none has it). The
    key hashes those bytes, their names and ``context.base`` (code, entities): a build
    with an external text and one without it never share a fragment (the text's bytes,
    or their absence, are in the key)."""
    paths = (meta, meta.with_suffix(".txt"), claims_path)
    files = [read_or_none(p) for p in paths]
    external = (None, None)
    if files[1] is None:
        found = context.texts.find(meta.stem)
        if found is not None:
            external = (found, read_or_none(found))
    key = files_digest(("base", context.base.encode()), *(
        (f"{context.shown[p.parent]}/{p.name}", data) for p, data in zip(paths, files)),
        (f"texts/{meta.stem}.txt", external[1]))
    return key, (*files, external)


def _in_parallel(jobs, cache: FragmentCache, pool, workers: int,
                 context) -> Iterator[Fragment]:
    """Fragments in job order, those not in ``cache`` made by the pool's processes, a few
    sources per task (handing out and collecting a task costs this process more than a
    source's share of the work); a few tasks per worker wait in memory, so the build still
    streams. If the workers fail (a fork refused, a worker killed), what they had not made
    is made here instead."""
    def redo(sources: list[tuple[Path, Path]]) -> list[Fragment]:
        return [make_source_fragment(meta, claims_path, context)
                for meta, claims_path in sources]

    for made in in_order(pool, _tasks(jobs, cache), _make_in_worker, redo, 3 * workers):
        yield from made


def _tasks(jobs, cache: FragmentCache) -> Iterator[list | Done]:
    """The sources to make, SOURCES_PER_TASK at a time, and between them (in order) the
    fragments the cache holds, as done jobs."""
    pending: list[tuple[Path, Path]] = []
    for key, meta, claims_path in jobs:
        made = cache.get(key)
        if made is None:
            pending.append((meta, claims_path))
            if len(pending) == SOURCES_PER_TASK:
                yield pending
                pending = []
        else:
            if pending:  # keep the order: the sources before this one go first
                yield pending
                pending = []
            yield Done([made])
    if pending:
        yield pending


_worker_context = None


def _set_context(context) -> None:
    global _worker_context
    _worker_context = context
    die_with_parent()  # a killed build leaves no worker behind


def _make_in_worker(sources: list[tuple[Path, Path]]) -> list[Fragment]:
    """The fragments of ``sources``, in order; the first data error ends the task, and the
    build reports it (no later source's error can come first: tasks are read in order)."""
    return [make_source_fragment(meta, claims_path, _worker_context)
            for meta, claims_path in sources]


def make_source_fragment(meta: Path, claims_path: Path, context: SourceContext) -> Fragment:
    """One source's fragment from its files, keyed by the very bytes it was made from (a
    file edited meanwhile cannot be cached under another content's key). Runs in a worker
    process when the build is parallel."""
    key, files = source_key(meta, claims_path, context)
    source, claims, pending = source_records(meta, claims_path, context.entity_ids,
                                             context.source_ids, context.repo_root, files,
                                             context.texts)
    fragment = Fragment.of(emit_source(BuiltGraph(), source, claims), len(claims), pending,
                           context.formats, external_status(source))
    fragment.key = key
    return fragment


def external_status(source) -> str | None:
    """How a source whose text is kept outside the repository was checked (None for a
    source whose text is in data/sources)."""
    if not source.external:
        return None
    return "verified" if source.verified else "unverified"


def check_source(data_dir: Path, source_id: str, claims_data: bytes | None = None,
                 texts=None) -> Fragment:
    """Check one source as ``cwkg build`` would, writing nothing: data/ as a whole, then
    the source's fragment (with ``claims_data`` in place of its claims file, when given)."""
    prepared = prepare(data_dir, formats=("nquads",), texts=texts)
    return prepared_fragment(prepared, data_dir, source_id, claims_data)


def prepared_fragment(prepared: Prepared, data_dir: Path, source_id: str,
                      claims_data: bytes | None = None) -> Fragment:
    """The N-Quads fragment of one source of ``prepared`` data/, made from its files (with
    ``claims_data`` in place of its claims file, when given), checked as the build checks
    it."""
    local = source_id.removeprefix("src:")
    for meta, claims_path in prepared.sources:
        if meta.stem == local:
            key, files = source_key(meta, claims_path, prepared.context)
            if claims_data is not None:
                files = (files[0], files[1], claims_data, files[3])
            source, claims, pending = source_records(
                meta, claims_path, prepared.context.entity_ids, prepared.context.source_ids,
                prepared.context.repo_root, files, prepared.context.texts)
            return Fragment.of(emit_source(BuiltGraph(), source, claims), len(claims),
                               pending, ("nquads",), external_status(source))
    raise DataError(f"no source '{source_id}' in {display_path(Path(data_dir) / 'sources')}")
