"""The dataset checks (``#+ scope: dataset``): their rows join several sources' graphs,
so they run on the whole dataset in one store, once per dataset, and after an edit again
only for what the edit touched.

Their findings are kept in the findings memo (:class:`.memo.KeptDataset`) under the id of
the dataset they ran on, with its sources' keys; the same dataset is not checked again.

A check that declares ``#+ partition: attack`` says that a row whose ``?attack`` is A reads
only the reference graph and the graphs of the sources with a claim about A (``cwkg:about
A``). When sources changed since the kept findings, and the reference graph did not,
a row can differ only if its ``?attack`` is something a changed source was about (its
kept entry says what) or is about now: call those the touched values. The check runs again
on a store of the reference graph and every source about a touched value, which holds
every graph such a row reads; of its rows, those about a touched value replace the kept
ones, and the kept rows about anything else stand. The rest of that store's rows are cut
short (other sources about their attacks are missing) and are dropped.

The whole dataset is checked again instead when that is as cheap or the shortcut cannot
be argued: a check without a partition, a kept row without a partition value, another
reference graph or another day (for a check that reads the date), a changed source whose
old entry is gone, or more than a quarter of the sources involved.
``tests/core/test_validate_across.py`` holds the findings equal to a whole run's after
edits that make cross-source findings appear and disappear.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from cwkg.build.persistent import current_build_id
from cwkg.build.pipeline import Prepared
from cwkg.query.catalogue import Query, violation_checks
from cwkg.rdf.store import Store

from .checks import check_findings
from .memo import FindingsMemo, KeptDataset
from .partitioned import GROUP_SOURCES, partitioned_rows, sources_store
from .report import Finding

# above this share of the sources (and this many), the whole dataset is checked again
SHARE, AT_LEAST = 0.25, 64


@dataclass
class Dataset:
    """The dataset being validated, as the dataset checks need it."""
    prepared: Prepared               # data/ checked as a whole, its reference graph
    build: str                       # the id a build of it has (build.json)
    reference: str                   # a hash of its reference graph
    keys: list[str | None]           # each source's fragment key (None: not known)
    about: list[frozenset[str]]      # what each source's claims are about (compact ids)


def dataset_checks(queries_dir: Path) -> list[Query]:
    return [q for q in violation_checks(queries_dir) if q.scope == "dataset"]


def dataset_findings(dataset: Dataset, memo: FindingsMemo, data_dir: Path, out_dir: Path,
                     queries_dir: Path, texts=None, workers: int | None = None
                     ) -> list[Finding]:
    """The dataset checks' findings on ``dataset``: kept, found again for what changed,
    or found on the whole dataset; kept in ``memo`` for next time. Call it before the
    memo forgets the sources that changed (:meth:`FindingsMemo.keep_only`)."""
    checks = dataset_checks(queries_dir)
    if not checks:
        return []
    identity = dataset.build + _day(checks)
    kept = memo.dataset()
    if kept is not None and not _same_checks(kept, checks):
        kept = None
    if kept is not None and kept.id == identity:
        return kept.findings()
    rows = _again_for_changes(kept, dataset, checks, memo, out_dir, identity) \
        if kept is not None else None
    if rows is None:
        rows = _on_the_whole(dataset, checks, data_dir, out_dir, texts, workers)
    if all(dataset.keys):  # a source without a key: the id does not name the dataset
        memo.put_dataset(KeptDataset(identity, dataset.reference, list(dataset.keys), rows))
    return [finding for found in rows.values() for _, finding in found]


def _same_checks(kept: KeptDataset, checks: list[Query]) -> bool:
    return set(kept.checks) == {q.id for q in checks}


def _day(checks: list[Query]) -> str:
    """A check that reads the date (NOW()) holds for one day: the day is in the id."""
    return dt.date.today().isoformat() if any("NOW(" in q.source.upper() for q in checks) \
        else ""


def _again_for_changes(kept: KeptDataset, dataset: Dataset, checks: list[Query],
                       memo: FindingsMemo, out_dir: Path, identity: str) -> dict | None:
    """The rows of ``checks`` on ``dataset`` from those ``kept`` on an earlier one, the
    partitions the changed sources touch found again (None: check the whole dataset)."""
    if kept.reference != dataset.reference or not all(dataset.keys) \
            or kept.id[len(dataset.build):] != identity[len(dataset.build):]:
        return None
    if any(q.partition is None or any(value is None for value, _ in kept.checks[q.id])
           for q in checks):
        return None
    before, now = set(kept.keys), set(dataset.keys)
    touched: set[str] = set()
    for key in before - now:
        entry = memo.get(key)
        if entry is None:
            return None  # what it was about is forgotten
        touched |= entry[3]
    for key, about in zip(dataset.keys, dataset.about):
        if key not in before:
            touched |= about
    involved = [i for i, about in enumerate(dataset.about) if about & touched]
    if len(involved) > max(AT_LEAST, SHARE * len(dataset.keys)):
        return None
    again = {q.id: [] for q in checks}
    if involved:
        store, locations = store_of(dataset.prepared, involved, out_dir, keys=dataset.keys)
        again = check_findings(store, checks, locations)
    rows = {}
    for query in checks:
        if any(value is None for value, _ in again[query.id]):
            return None  # a row without its partition value: the check breaks its word
        rows[query.id] = [row for row in kept.checks[query.id] if row[0] not in touched] \
            + [row for row in again[query.id] if row[0] in touched]
    return rows


def store_of(prepared: Prepared, sources, out_dir: Path | None, given=None, keys=None
             ) -> tuple[Store, Mapping[str, str]]:
    """The reference graph and the graphs of ``sources`` (indexes into
    ``prepared.sources``; ``given``: a fragment to take in place of its source's own) in
    one store, the others' from ``out_dir``'s cache (by their ``keys``, when known), and
    where their nodes were defined."""
    return sources_store(prepared, sources, out_dir, given, keys)


def _on_the_whole(dataset: Dataset, checks: list[Query], data_dir: Path, out_dir: Path,
                  texts, workers: int | None = None) -> dict:
    """The checks on the whole dataset: by groups of partition values in small stores
    (:mod:`.partitioned`) when there are many sources and every check has a partition;
    else in one store: the build's persistent store when it holds what data/ holds now,
    else one loaded from the build's cache and what changed since."""
    from cwkg.build.memory import dataset_store
    from cwkg.build.read import load_build
    if len(dataset.about) > GROUP_SOURCES:
        rows = partitioned_rows(dataset.prepared, dataset.about, checks, out_dir, workers,
                                keys=dataset.keys)
        if rows is not None:
            return rows
    if current_build_id(out_dir) == dataset.build:
        store, locations = load_build(out_dir)
    else:
        store, locations = dataset_store(data_dir, out_dir, texts=texts)
    return check_findings(store, checks, locations)
