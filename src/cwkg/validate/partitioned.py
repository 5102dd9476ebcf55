"""The dataset checks on the whole dataset, one group of partition values at a time.

A check that declares ``#+ partition: attack`` says that a row whose ``?attack`` is A reads
only the reference graph and the graphs of the sources with a claim about A (see
:mod:`.across`). So its rows on the whole dataset are, for each group of attacks, the rows
about those attacks found on a store of the reference graph and the sources about them;
and the rows about an attack no source is about read the reference graph alone. Each
group's store is small and in memory, the groups run in worker processes, and the
persistent store is not needed: at 10,000 sources the three checks took 14-17 s on the
build's on-disk store, where the same queries on in-memory stores take a tenth of that
(RocksDB's lookups cost more than the in-memory store's). A source about several attacks
is loaded once per group it falls in (about 1.9 times each with two attacks per source).

``tests/core/test_validate_across.py`` holds these rows equal to the rows on one store of
the whole dataset, with groups of one attack each.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from cwkg.build.cache import FragmentCache
from cwkg.build.pipeline import MAX_WORKERS, Prepared, source_fragment, source_graph
from cwkg.procs import die_with_parent, in_workers_or_here
from cwkg.query.catalogue import Query
from cwkg.rdf.store import Store

from .checks import check_findings

# sources per group's store (about 90,000 quads of the synthetic corpus's sources): big
# enough that a group's fixed cost (the reference graph, the queries' start) stays small
GROUP_SOURCES = 800


def partitioned_rows(prepared: Prepared, about: list[frozenset[str]], checks: list[Query],
                     out_dir: Path, workers: int | None = None,
                     group_sources: int = GROUP_SOURCES,
                     keys: list[str | None] | None = None) -> dict | None:
    """Each check's rows (value, finding) on the whole dataset, found group by group;
    None when a check has no partition or a row has no partition value (the caller then
    checks the whole dataset in one store). ``about``: what each source's claims are
    about; ``keys``: each source's fragment key as validated (None: read its files)."""
    if any(q.partition is None for q in checks):
        return None
    groups = _groups(about, group_sources)
    jobs = [(frozenset(), [])]  # the reference graph alone: attacks no source is about
    jobs += groups
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
    context = (prepared, checks, Path(out_dir), keys or [None] * len(about))
    rows: dict[str, list] = {q.id: [] for q in checks}
    everything = frozenset().union(*about)
    for index, found in enumerate(_run(jobs, context, workers)):
        values = jobs[index][0]
        for query in checks:
            for value, finding in found[query.id]:
                if value is None:
                    return None  # a row without its partition value: the check breaks its word
                if value in values or (index == 0 and value not in everything):
                    rows[query.id].append((value, finding))
    return rows


def _groups(about: list[frozenset[str]], group_sources: int
            ) -> list[tuple[frozenset[str], list[int]]]:
    """The partition values in order, in groups about which ``group_sources`` sources or
    so have claims, each with the indexes of those sources."""
    sources_of: dict[str, list[int]] = {}
    for index, values in enumerate(about):
        for value in values:
            sources_of.setdefault(value, []).append(index)
    groups, values, sources = [], set(), set()
    for value in sorted(sources_of):
        values.add(value)
        sources.update(sources_of[value])
        if len(sources) >= group_sources:
            groups.append((frozenset(values), sorted(sources)))
            values, sources = set(), set()
    if values:
        groups.append((frozenset(values), sorted(sources)))
    return groups


def _run(jobs: list, context: tuple, workers: int) -> Iterator[dict]:
    return in_workers_or_here(jobs, _check_group, _set_context, context, workers,
                              use_pool=workers > 1 and len(jobs) > 2)


_context: tuple | None = None


def _set_context(context: tuple, in_worker: bool = True) -> None:
    global _context
    _context = context
    if in_worker:
        die_with_parent()  # a killed validation leaves no worker behind


def _check_group(job: tuple[frozenset[str], list[int]]) -> dict:
    prepared, checks, out_dir, keys = _context
    store, locations = sources_store(prepared, job[1], out_dir, keys=keys)
    return check_findings(store, checks, locations)


class _Locations:
    """Where a store's nodes were defined, the entries of sources read from the build
    parsed at the first look-up (a check finds nothing in most stores; parsing them all
    cost a sixth of a group's time)."""

    def __init__(self, reference: dict[str, str]):
        self.decoded = dict(reference)
        self.written: list[bytes] = []

    def get(self, node: str, default=None):
        if self.written:
            self.decoded.update(json.loads(b"{" + b",".join(w for w in self.written if w) + b"}"))
            self.written = []
        return self.decoded.get(node, default)


def sources_store(prepared: Prepared, sources, out_dir: Path | None, given=None,
                  keys: Sequence[str | None] | None = None) -> tuple[Store, _Locations]:
    """The reference graph and the graphs of ``sources`` (indexes into
    ``prepared.sources``; ``given``: a fragment to take in place of its source's own) in
    one store, the others' from ``out_dir``'s cache, and where their nodes were defined.
    ``keys``: each source's fragment key as validated, its chunk then read from the build
    as it wrote it (a source without one is read from its files)."""
    cache = FragmentCache(out_dir, write=False, formats=("nquads",))
    locations = _Locations(prepared.reference.locations)

    def chunks():
        yield prepared.reference.chunks["nquads"]
        for index in sources:
            meta, claims_path = prepared.sources[index]
            if given is not None and source_graph(meta) == given.graph:
                locations.decoded.update(given.locations)
                yield given.chunks["nquads"]
                continue
            raw = cache.raw(keys[index]) if keys is not None else None
            if raw is None:
                fragment = source_fragment(meta, claims_path, cache, prepared.context)
                locations.decoded.update(fragment.locations)
                yield fragment.chunks["nquads"]
            else:
                locations.written.append(raw[1])
                yield raw[0]

    try:
        store = Store.from_nquads_chunks(chunks())
    finally:
        cache.close()
    store.disjoint_graphs = True  # no subject of one graph occurs in another
    return store, locations
