"""Validate one source as ``cwkg validate`` validates it in data/, with its claims file
as a curator is about to save it: for checks as you go.

The source's graph is validated beside the reference graph, with the same shapes and the
``#+ scope: source`` violation checks as a batch of :mod:`.batches` (which argues why
that gives the whole dataset's findings for its nodes); the ``#+ scope: dataset`` checks
(plausibility warnings that compare sources) run on the whole dataset, the other
sources' graphs taken from the last build's cache. Only the findings about this
source's own nodes are returned.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from cwkg.build.pipeline import prepare, prepared_fragment
from cwkg.prefixes import compact
from cwkg.query.catalogue import QUERIES_DIR, violation_checks
from cwkg.rdf.store import Store

from .across import store_of
from .checks import run_violation_checks
from .report import Report, report_of
from .shacl import as_written_paths, run_shacl


def validate_source(data_dir: Path, source_id: str, claims_data: bytes | None = None,
                    out_dir: Path | None = None, texts=None,
                    queries_dir: Path = QUERIES_DIR) -> Report:
    """The findings of ``cwkg validate`` about one source's nodes, with ``claims_data`` in
    place of its claims file (when given). Raises the build's DataError if the source
    does not load. ``out_dir``: the last build, whose cache holds the other sources'
    graphs for the dataset checks (None: they are made from data/)."""
    prepared = prepare(data_dir, formats=("nquads",), texts=texts)
    fragment = prepared_fragment(prepared, data_dir, source_id, claims_data)
    watch = as_written_paths(None)
    store = Store.from_nquads_chunks([prepared.reference.chunks["nquads"],
                                      fragment.chunks["nquads"]], watch, keep_written=True)
    store.disjoint_graphs = True
    locations = {**prepared.reference.locations, **fragment.locations}
    own = _own_nodes(fragment.chunks["nquads"])
    report = run_shacl(store, locations)
    found = [f for f in report.findings if f.focus in own]
    found += [f for f in run_violation_checks(store, locations, queries_dir, scope="source")
              if f.focus in own]
    if any(q.scope == "dataset" for q in violation_checks(queries_dir)):
        found += [f for f in _dataset_findings(prepared, fragment, out_dir, queries_dir)
                  if f.focus in own]
    result = report_of(found)
    result.fallbacks = report.fallbacks
    return result


def _own_nodes(nquads: bytes) -> set[str]:
    return {compact(q.subject.value) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
            if isinstance(q.subject, ox.NamedNode)}


def _dataset_findings(prepared, fragment, out_dir: Path | None, queries_dir: Path) -> list:
    """The dataset-scope checks on every source's graph, this one's as given."""
    store, locations = store_of(prepared, range(len(prepared.sources)), out_dir, fragment)
    return run_violation_checks(store, locations, queries_dir, scope="dataset")
