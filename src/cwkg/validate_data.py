"""Validate data/ by batches of source graphs, in parallel worker processes.

``cwkg validate`` does not load the whole dataset into one store. Each batch is a small
store: the reference graph plus a few hundred source graphs, validated with the same
shapes and ``*-violation.rq`` checks as a whole store would be, then dropped. Memory holds
a batch per worker, not the dataset, and the batches run on every CPU.

Why a batch gives exactly the findings the whole dataset gives for its focus nodes:

- every subject of a source graph is that source's own (its IRI, its unidentified author,
  its claims and their parts; :func:`cwkg.graph.emit_source`), so a focus node's triples,
  and those of the nodes a shape or check walks to from it (anchors, selectors, figures,
  the claim's source and that source's author, the other claims of the same source), all
  sit in its own graph;
- the ids a source or claim names are entities (the data format refuses a ``src:`` id in
  every claim and source field), whose triples sit in the reference graph, which every
  batch holds; entities may name sources (dcterms:source), but no shape or check follows
  that link;
- findings about reference-graph nodes come from one job that holds the reference graph
  alone; each batch keeps the findings about its sources' nodes only.

So a shape must walk from a focus node only to nodes of its own graph and the reference
graph, and so must a violation check declared ``#+ scope: source``. A check whose rows
join several sources' graphs (two sources with the same text; an attack no claim speaks
of) declares ``#+ scope: dataset`` and runs on the whole dataset in one store; a rule of
that kind belongs in such a check, not in a shape.

``tests/core/test_validate_batches.py`` holds batched and whole validation equal on data
that trips every shape and check the data format can reach, with links across sources
in batches of one source each.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pyoxigraph as ox

from .dataset import MAX_WORKERS, fragments
from .fragments import FragmentCache
from .namespaces import compact
from .procs import die_with_parent, worker_pool
from .queries import QUERIES_DIR
from .store import Store
from .validate import Finding, Report, as_written_paths, report_of, run_shacl

# quads per batch: a store this size answers each shape's query in a few ms, so the fixed
# cost per batch is small, and a batch's store takes a few tens of MB
BATCH_QUADS = 50_000


def validate_data(data_dir: Path, out_dir: Path, workers: int | None = None,
                  batch_quads: int = BATCH_QUADS,
                  queries_dir: Path = QUERIES_DIR) -> tuple[Report, int]:
    """Validate what ``cwkg build`` would make of ``data_dir`` (unchanged sources come
    from ``out_dir``'s fragment cache, read-only; nothing is written), with the
    ``*-violation.rq`` checks of ``queries_dir``. Returns the report (SHACL findings, then
    the violation checks') and the number of quads validated."""
    cache = FragmentCache(out_dir, write=False, formats=("nquads",))
    stream = fragments(data_dir, cache, formats=("nquads",))
    shapes: list[Finding] = []
    checks: list[Finding] = []
    try:
        reference = next(stream)
        context = (reference.chunks["nquads"], reference.locations, as_written_paths(),
                   Path(queries_dir))
        batches = _batches(stream, batch_quads)
        jobs: Iterator[tuple[list[bytes], dict, bool]] = _chain(
            [([], reference.locations, True)], ((chunks, locations, False)
                                                for chunks, locations in batches))
        if workers is None:
            workers = min(os.cpu_count() or 1, MAX_WORKERS)
        for found_shapes, found_checks in _run(jobs, context, workers):
            shapes += found_shapes
            checks += found_checks
    finally:
        cache.close()
    checks += _dataset_checks(data_dir, out_dir, queries_dir)
    report = report_of(shapes)
    report.findings += sorted(checks)
    return report, reference.quads + batches.quads


def _dataset_checks(data_dir: Path, out_dir: Path, queries_dir: Path) -> list[Finding]:
    """The violation checks whose rows join several sources' graphs ('#+ scope: dataset'),
    on the whole dataset in one store: the memory batches save is spent only for them."""
    from .build import dataset_store
    from .queries import load_catalogue, run_violation_checks
    if not any(q.is_violation and q.scope == "dataset"
               for q in load_catalogue(queries_dir).values()):
        return []
    store, locations = dataset_store(data_dir, out_dir)
    return run_violation_checks(store, locations, queries_dir, scope="dataset")


class _batches:
    """The source fragments as (N-Quads chunks, locations) of about ``size`` quads each;
    ``quads`` counts what has gone by."""

    def __init__(self, stream, size: int):
        self.stream, self.size, self.quads = stream, size, 0

    def __iter__(self):
        chunks: list[bytes] = []
        locations: dict[str, str] = {}
        held = 0
        for fragment in self.stream:
            chunks.append(fragment.chunks["nquads"])
            locations.update(fragment.locations)
            held += fragment.quads
            self.quads += fragment.quads
            if held >= self.size:
                yield chunks, locations
                chunks, locations, held = [], {}, 0
        if chunks:
            yield chunks, locations


def _chain(first, rest):
    yield from first
    yield from rest


def _run(jobs, context, workers: int):
    """Each job's findings, in any order; in ``workers`` processes when more than one and
    there is more than one batch, at most two jobs per worker waiting, so memory holds a
    few batches at a time."""
    jobs = iter(jobs)
    first = list(itertools.islice(jobs, 3))  # the reference job and up to two batches
    jobs = itertools.chain(first, jobs)
    # one batch is done sooner here than in a process started for it
    pool = worker_pool(workers, _set_context, context) if workers > 1 and len(first) > 2 \
        else None
    if pool is None:
        _set_context(context, in_worker=False)
        for job in jobs:
            yield _validate_job(*job)
        return
    window: deque = deque()  # (job, Future | None)
    failed = False
    with pool:
        for job in jobs:
            future = None
            if not failed:
                try:
                    future = pool.submit(_validate_job, *job)
                except (OSError, BrokenProcessPool):
                    failed = True
            window.append((job, future))
            while len(window) > 2 * workers:
                yield _settle(*window.popleft(), context)
        while window:
            yield _settle(*window.popleft(), context)


def _settle(job, future: Future | None, context):
    if future is not None:
        try:
            return future.result()
        except (OSError, BrokenProcessPool):
            pass  # the worker, not the data, failed: validate the batch here instead
    _set_context(context, in_worker=False)
    return _validate_job(*job)


_context = None


def _set_context(context, in_worker: bool = True) -> None:
    """The reference graph's quads and locations, the predicates kept as written, the
    checks' folder, and the reference graph's subjects, set once per process."""
    global _context
    if _context is not None and _context[0] is context:
        return
    reference, locations, watch, queries_dir = context
    subjects = {compact(q.subject.value)
                for q in ox.parse(reference, format=ox.RdfFormat.N_QUADS)}
    _context = (context, reference, locations, watch, queries_dir, frozenset(subjects))
    if in_worker:
        die_with_parent()  # a killed validation leaves no worker behind


def _validate_job(chunks: list[bytes], locations: dict[str, str], reference_job: bool):
    """(SHACL findings, check findings) about the job's own nodes: the reference graph's
    for the reference job, its sources' for a batch."""
    from .queries import run_violation_checks
    _, reference, reference_locations, watch, queries_dir, reference_subjects = _context
    store = Store.from_nquads_chunks([reference, *chunks], watch)
    store.disjoint_graphs = True  # no subject of one graph occurs in another
    if reference_job:
        locations = reference_locations

    def own(finding: Finding) -> bool:
        return (finding.focus in reference_subjects) == reference_job

    shapes = [f for f in run_shacl(store, locations).findings if own(f)]
    checks = [f for f in run_violation_checks(store, locations, queries_dir, scope="source")
              if own(f)]
    return shapes, checks
