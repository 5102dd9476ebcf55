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
of) declares ``#+ scope: dataset`` and runs on the whole dataset in one store
(:mod:`.across`); a rule of that kind belongs in such a check, not in a shape.

``tests/core/test_validate_batches.py`` holds batched and whole validation equal on data
that trips every shape and check the data format can reach, with links across sources
in batches of one source each.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from cwkg.build import signature_walk
from cwkg.build.cache import FragmentCache
from cwkg.build.persistent import build_id
from cwkg.build.pipeline import (
    MAX_WORKERS,
    Plan,
    keys_of,
    known_keys,
    prepare,
    source_fragment,
)
from cwkg.prefixes import compact, expand
from cwkg.procs import die_with_parent, in_workers_or_here
from cwkg.progress import progress
from cwkg.query.catalogue import QUERIES_DIR
from cwkg.rdf.store import Store
from cwkg.resources import shapes_path

from .across import Dataset, dataset_findings
from .memo import FindingsMemo, validation_digest
from .report import Finding, Report, report_of
from .shacl import as_written_paths, run_shacl

# bytes of the sources' files per batch (about 50,000 quads of the synthetic corpus's
# sources): a store this size answers each shape's query in a few ms, so the fixed cost
# per batch is small, and a batch's store takes a few tens of MB
BATCH_BYTES = 1_200_000
_ABOUT = ox.NamedNode(expand("cwkg:about"))


def validate_data(data_dir: Path, out_dir: Path, workers: int | None = None,
                  batch_bytes: int = BATCH_BYTES, queries_dir: Path = QUERIES_DIR,
                  shapes: Sequence[Path] | None = None, texts=None,
                  use_memo: bool = True, plan: Plan | None = None) -> tuple[Report, int]:
    """Validate what ``cwkg build`` would make of ``data_dir`` (unchanged sources come
    from ``out_dir``'s cache, read-only) against ``shapes`` (files; the shipped shapes by
    default), with the ``*-violation.rq`` checks of ``queries_dir``. Returns the report
    (SHACL findings, then the violation checks'; its ``fallbacks`` say once why the
    compiled engine stepped aside, if it did) and the number of quads validated.

    The only things written are the findings memo (:mod:`cwkg.validate.memo`; ``use_memo``
    False: neither read nor written): a source validated before, with the same shapes and
    checks, is not validated again; nor is the reference graph, nor the dataset checks on
    the same dataset (:mod:`.across`: after an edit, only for what it touched); and the
    sources' keys by their files' signatures (:mod:`cwkg.build.known_keys`: a source whose
    files are as they were is not read).

    This process checks data/ as a whole and sends each worker a batch of source files:
    the worker reads each source's N-Quads from the last build (or makes them), so the
    sources' bytes never pass through this process. ``plan``: data/ as a build in this
    process just checked it, with each source's key (not read again)."""
    began = time.time()
    if plan is None:  # the reference graph from the last build, when its entities are
        cache = FragmentCache(out_dir, write=False, formats=("nquads",))
        try:
            prepared = prepare(data_dir, formats=("nquads",), texts=texts, cache=cache)
        finally:
            cache.close()
    else:
        prepared = plan.prepared
    reference = prepared.reference
    shapes = tuple(Path(p) for p in shapes) if shapes is not None else None
    memo = FindingsMemo(out_dir if use_memo else None,
                        validation_digest(list(shapes or [shapes_path()]), queries_dir))
    # the sources whose findings are known, by their fragment's key, known by its files'
    # signatures or read from them (reading every source's files costs less than
    # validating them; not worth it with nothing to reuse)
    known_by_stat = known_keys(prepared, out_dir if use_memo and plan is None else None,
                               began)
    keys: list[str | None] = list(plan.keys) if plan is not None else \
        [None] * len(prepared.sources)
    about: list[frozenset[str]] = [frozenset()] * len(prepared.sources)
    known: dict[int, tuple] = {}
    if memo.entries:
        if not all(keys):
            known_by_stat.use_listing(signature_walk.take(data_dir))
            keys = keys_of(prepared, known_by_stat)
        for i in range(len(prepared.sources)):
            remembered = memo.get(keys[i])
            if remembered is not None:
                known[i] = remembered
    reference_key = hashlib.sha256(reference.chunks["nquads"]).hexdigest()
    reference_known = memo.reference(reference_key)
    to_check = [(i, prepared.sources[i]) for i in range(len(prepared.sources))
                if i not in known]
    # the shapes are compiled (to know what they read as written) only for a job to run
    watch = as_written_paths(shapes) if to_check or not reference_known else set()
    context = _Context(reference.chunks["nquads"], reference.locations, watch,
                       Path(queries_dir), prepared.context, Path(out_dir), shapes,
                       tuple(keys))
    jobs = itertools.chain([] if reference_known else [([], True)],
                           ((batch, False) for batch in _batches(to_check, batch_bytes)))
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
    found: list[Finding] = []
    checks: list[Finding] = []
    fallbacks: dict[str, None] = {}  # each reason once, though every batch meets it
    if reference_known:
        found, checks, notes = reference_known
        fallbacks.update(dict.fromkeys(notes))
    quads = reference.quads
    try:
        with progress(len(to_check), "validating", unit=" sources") as bar:
            for found_shapes, found_checks, (per_source, trusted), reasons in _run(
                    jobs, context, workers):
                found += found_shapes
                checks += found_checks
                fallbacks.update(dict.fromkeys(reasons))
                if per_source is None:  # the reference job
                    memo.put_reference(reference_key, found_shapes, found_checks, reasons)
                    continue
                bar.update(len(per_source))
                for index, key, source_quads, own_shapes, own_checks, own_about in per_source:
                    keys[index], about[index] = key, own_about
                    quads += source_quads
                    if trusted:
                        memo.put(key, own_shapes, own_checks, source_quads, own_about)
    finally:
        _close_context()
    for index, (known_shapes, known_checks, source_quads, known_about) in known.items():
        found += known_shapes
        checks += known_checks
        quads += source_quads
        about[index] = known_about
    dataset = Dataset(prepared, build_id(Plan(prepared, keys).graph_keys()), reference_key,
                      keys, about)
    checks += dataset_findings(dataset, memo, data_dir, out_dir, queries_dir, texts, workers)
    memo.keep_only({key for key in keys if key})
    memo.save()
    known_by_stat.note_all(prepared.sources.as_text(), keys)
    known_by_stat.save()
    report = report_of(found)
    report.findings += sorted(checks)
    report.fallbacks = list(fallbacks)
    return report, quads


def _batches(sources: list[tuple[int, tuple[Path, Path]]], budget: int):
    """The (index, source) pairs in order, in batches whose files hold about ``budget``
    bytes (a source's quads grow with its claims file, its memory with its text)."""
    batch: list[tuple[int, tuple[Path, Path]]] = []
    held = 0
    for index, (meta, claims_path) in sources:
        batch.append((index, (meta, claims_path)))
        held += sum(_size(p) for p in (meta, meta.with_suffix(".txt"), claims_path))
        if held >= budget:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # absent: the worker that makes its fragment reports it


def _run(jobs, context, workers: int):
    """Each job's findings, in job order; in ``workers`` processes when more than one and
    there is more than one batch, at most two jobs per worker waiting, so memory holds a
    few batches at a time."""
    jobs = iter(jobs)
    first = list(itertools.islice(jobs, 3))  # the reference job and up to two batches
    if not first:
        return
    jobs = itertools.chain(first, jobs)
    # one batch is done sooner here than in a process started for it
    batches = sum(not reference_job for _, reference_job in first)
    yield from in_workers_or_here(jobs, _validate_job, _set_context, context, workers,
                                  use_pool=workers > 1 and batches > 1)


@dataclass(frozen=True)
class _Context:
    """What every job needs, sent to each worker process once."""
    reference: bytes              # the reference graph's N-Quads
    locations: dict[str, str]     # where its nodes were defined
    watch: set[str]               # predicates whose literals SHACL must see as written
    queries_dir: Path             # the *-violation.rq checks
    fragment_context: tuple       # what making a source's fragment needs (cwkg.dataset)
    out_dir: Path                 # the last build, read as a cache
    shapes: tuple[Path, ...] | None  # the shapes files (None: the shipped shapes)
    keys: tuple[str | None, ...]  # each source's fragment key, where known (else its files
    # are read and hashed to find it in the cache)


class _Process:
    """A process's setup for validating jobs: the context, the last build's cache (read
    only) and the reference graph's subjects."""

    def __init__(self, context: _Context):
        self.context = context
        self.cache = FragmentCache(context.out_dir, write=False, formats=("nquads",))
        self.reference_subjects = frozenset(
            compact(q.subject.value)
            for q in ox.parse(context.reference, format=ox.RdfFormat.N_QUADS))


_process: _Process | None = None


def _set_context(context: _Context, in_worker: bool = True) -> None:
    """Set this process up for ``context``, once."""
    global _process
    if _process is not None and _process.context is context:
        return
    _process = _Process(context)
    if in_worker:
        die_with_parent()  # a killed validation leaves no worker behind


def _close_context() -> None:
    global _process
    if _process is not None:
        _process.cache.close()
        _process = None


def _validate_job(job: tuple[list[tuple[int, tuple[Path, Path]]], bool]):
    """(SHACL findings, check findings, per source, fallback reasons) about a job's own
    nodes; a job is (sources, whether it is the reference job): the reference graph's for
    the reference job, its sources' for a batch. Per source (None for the reference job):
    (index, fragment key, quads, its SHACL findings, its check findings, what its claims
    are about), and whether they can be trusted, for the findings memo."""
    from .checks import run_violation_checks
    sources, reference_job = job
    context = _process.context
    chunks, locations = [], dict(context.locations) if reference_job else {}
    made = []
    for index, (meta, claims_path) in sources:
        key = context.keys[index]
        fragment = (_process.cache.get(key) if key else None) \
            or source_fragment(meta, claims_path, _process.cache, context.fragment_context)
        chunks.append(fragment.chunks["nquads"])
        locations.update(fragment.locations)
        made.append((index, fragment))
    # the chunks are kept as written (no copy: this job holds them anyway) for pySHACL,
    # should the compiled engine step aside
    store = Store.from_nquads_chunks([context.reference, *chunks], context.watch,
                                     keep_written=True)
    store.disjoint_graphs = True  # no subject of one graph occurs in another

    def own(finding: Finding) -> bool:
        return (finding.focus in _process.reference_subjects) == reference_job

    report = run_shacl(store, locations, context.shapes)
    shapes = [f for f in report.findings if own(f)]
    checks = [f for f in run_violation_checks(store, locations, context.queries_dir,
                                              scope="source") if own(f)]
    per_source = (None, True) if reference_job else _per_source(store, made, shapes, checks)
    return shapes, checks, per_source, report.fallbacks


def _per_source(store: Store, made, shapes: list[Finding], checks: list[Finding]
                ) -> tuple[list, bool]:
    """Each source's share of a batch's findings, and whether it can be trusted: a finding
    belongs to the graph its focus node sits in (every subject is one graph's own); one
    whose graph cannot be told keeps its whole batch out of the memo, to be validated
    again next time."""
    graphs = {fragment.graph: i for i, (_, fragment) in enumerate(made)}
    own: list[tuple[list, list]] = [([], []) for _ in made]
    trusted = True
    for which, findings in ((0, shapes), (1, checks)):
        for finding in findings:
            graph = _graph_holding(store, finding.focus)
            if graph in graphs:
                own[graphs[graph]][which].append(finding)
            else:
                trusted = False
    about: dict[str, set[str]] = {}
    for quad in store.oxigraph.quads_for_pattern(None, _ABOUT, None, None):
        if isinstance(quad.graph_name, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            about.setdefault(quad.graph_name.value, set()).add(compact(quad.object.value))
    return [(index, fragment.key, fragment.quads, *own[i],
             frozenset(about.get(fragment.graph, ())))
            for i, (index, fragment) in enumerate(made)], trusted


def _graph_holding(store: Store, focus: str) -> str | None:
    try:
        iri = expand(focus)
    except KeyError:
        iri = focus
    for quad in store.oxigraph.quads_for_pattern(ox.NamedNode(iri), None, None, None):
        return quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
    return None
