"""What every page reads of the sources and claims, prepared once per build and kept in
the build's cache, so that no page (and no start but the first after a build) runs a wide
query over the graph.

At 10,000 sources the pages need 10,000 sources' metadata, 45,000 claims with their
quotes, figures and roles, and the quotes with their language for search. Read with
SPARQL at each start, that took minutes on a loaded machine (the quotes' query alone
90 s); a page that read its own claims took seconds (a dossier asks for 150 claims
with their parts). Here they are read once, source graph by source graph (every subject
of a source graph is that source's own: :mod:`cwkg.validate.batches` argues why), turned
into the views the templates show, and written to ``build/.cache/web/`` under the build's
id (``build/build.json``). A start reads that file back; a file of another build (or
another cwkg) is never read: the name and the file's own header both carry the id.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path

import pyoxigraph as ox

from cwkg.build.cache import cache_folder, code_digest
from cwkg.errors import CwkgError
from cwkg.fsio import write_atomic
from cwkg.namespaces import PREFIXES

from .graph import build_export
from .records import TYPE, ClaimView, FigureView, P, SourceView, claim_view, source_view
from .search import fold

FOLDER = "web"                    # inside the build's cache folder
_FORMAT = "cwkg-web-index 1"
CLAIM = P["cwkg"] + "Claim"
SOURCE = P["cwkg"] + "Source"
DERIVED_FROM = P["prov"] + "wasDerivedFrom"
LANGUAGE = P["dcterms"] + "language"
ANCHOR, SELECTOR, EXACT = P["cwkg"] + "anchor", P["oa"] + "hasSelector", P["oa"] + "exact"
SCHEMA_TEXT = PREFIXES["schema"] + "text"
REFERENCE = PREFIXES["graph"] + "reference"


@dataclass
class Prepared:
    """The sources (newest first), every claim's view, each claim's source, and the
    quotes as (claim, exact words, language, the words folded for search), by claim IRI:
    what the graph's queries gave the pages before."""
    sources: dict[str, SourceView]
    claims: dict[str, ClaimView]
    claim_sources: dict[str, str]
    quotes: list[tuple[str, str, str, str]]
    where: dict[str, str]           # each entity's file:line (locations.json's entries)


def prepare(store: ox.Store, build: str | None, out_dir: Path | None,
            locations, echo=None) -> Prepared:
    """The prepared views of the build ``build`` in ``store``: read from ``out_dir``'s
    cache when it holds this build's, else read from the build's N-Quads export when it
    is this build's (or else from the store) and kept in the cache, when there is a
    build id and a folder. Without them (a store that is not a build's), the store."""
    path = _path(out_dir, build)
    if path is not None:
        kept = _load(path, build)
        if kept is not None:
            return kept
    started = time.perf_counter()
    if echo:
        echo("cwkg web: reading the build's sources and claims for the pages (once per "
             "build; kept in the build's cache)")
    export = build_export(out_dir, build, locations=True)
    prepared = None
    if export is not None:
        quads, where = export
        with quads, where:
            try:
                prepared = _read(_from_export(quads), json.loads(where.read()))
            except (_Interleaved, SyntaxError, ValueError, OSError):
                prepared = None  # not as the build writes it: read the store instead
    if prepared is None:
        prepared = _read(_from_store(store), locations)
    if path is not None:
        _save(path, build, prepared)
    if echo:
        echo(f"cwkg web: read {len(prepared.sources)} sources and {len(prepared.claims)} "
             f"claims in {time.perf_counter() - started:.1f} s")
    return prepared


def _path(out_dir: Path | None, build: str | None) -> Path | None:
    if out_dir is None or build is None:
        return None
    return cache_folder(out_dir) / FOLDER / f"index-{build[:32]}.json"


# ---------------------------------------------------------------- reading the store

def _read(graphs, locations) -> Prepared:
    """``graphs``: (name, subject -> predicate -> objects) of every graph."""
    sources: list[SourceView] = []
    claims: dict[str, ClaimView] = {}
    claim_sources: dict[str, str] = {}
    quotes: list[tuple[str, str, str, str]] = []
    where: dict[str, str] = {}
    for name, nodes in graphs:
        if name == REFERENCE:  # the entities: the pages read them from the store
            where = {s: locations[s] for s in nodes if s in locations}
            continue
        for d in nodes.values():  # several values: by value, whichever way they were read
            for values in d.values():
                if len(values) > 1:
                    values.sort(key=lambda o: o.value)
        own = nodes.get(name)
        if own is not None and SOURCE in _values(own, TYPE):
            sources.append(source_view(name, own, locations.get(name)))
        languages = _values(own or {}, LANGUAGE)
        for subject, d in nodes.items():
            if CLAIM not in _values(d, TYPE):
                continue
            claims[subject] = claim_view(subject, nodes, locations.get(subject))
            if name in _values(d, DERIVED_FROM):
                claim_sources[subject] = name
            for anchor in _values(d, ANCHOR):
                for selector in _values(nodes.get(anchor, {}), SELECTOR):
                    for exact in _values(nodes.get(selector, {}), EXACT):
                        quotes += [(subject, exact, lang, fold(exact)) for lang in languages]
    sources.sort(key=lambda s: (s.date, s.iri), reverse=True)
    quotes.sort(key=lambda q: q[0])
    return Prepared({s.iri: s for s in sources}, dict(sorted(claims.items())),
                    dict(sorted(claim_sources.items())), quotes, where)


def _from_store(store: ox.Store):
    """Each graph's descriptions, graph by graph from the store (the slow way: the store
    decodes each term from its dictionary, about 10 us a quad)."""
    for name in sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)):
        nodes: dict[str, dict[str, list]] = {}
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            _add(nodes, q)
        yield name, nodes


def _add(nodes: dict, q: ox.Quad) -> None:
    predicate = q.predicate.value
    if predicate != SCHEMA_TEXT:  # a source's full text: the pages read it when shown
        nodes.setdefault(q.subject.value, {}).setdefault(predicate, []).append(q.object)


def _from_export(handle):
    """Each graph's descriptions from the build's N-Quads export (open in ``handle``),
    which holds each graph's quads together, as the build wrote them: five times faster
    to parse than the store is to read. Raises _Interleaved if a graph comes back."""
    done: set[str] = set()
    name, nodes = None, {}
    for q in ox.parse(handle, format=ox.RdfFormat.N_QUADS):
        graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        if graph != name:
            if name is not None:
                yield name, nodes
                done.add(name)
            if graph in done:
                raise _Interleaved(graph)
            name, nodes = graph, {}
        _add(nodes, q)
    if name is not None:
        yield name, nodes


class _Interleaved(Exception):
    """The export does not hold each graph's quads together."""


def _values(d: dict, predicate: str) -> list[str]:
    return [o.value for o in d.get(predicate, ())]


# ------------------------------------------------------------------- the cache file

def _row(view) -> list:
    return [getattr(view, f.name) for f in fields(view)]


_FIGURES = [f.name for f in fields(ClaimView)].index("figures")


def _claim_row(c: ClaimView) -> list:
    row = _row(c)
    row[_FIGURES] = [_row(f) for f in c.figures]
    return row


def _claim(row: list) -> ClaimView:
    row[_FIGURES] = [FigureView(*f) for f in row[_FIGURES]]
    return ClaimView(*row)


def _save(path: Path, build: str, p: Prepared) -> None:
    """Keep the index for the next start; one that cannot be written costs only time."""
    data = json.dumps({"format": _FORMAT, "code": code_digest(), "build": build,
                       "sources": [_row(s) for s in p.sources.values()],
                       "claims": [_claim_row(c) for c in p.claims.values()],
                       "claim_sources": p.claim_sources, "quotes": p.quotes,
                       "where": p.where},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, durable=False)
    except (CwkgError, OSError) as exc:
        print(f"cwkg web: cannot keep the pages' index in {path.parent} ({exc})",
              file=sys.stderr)
        return
    for other in path.parent.glob("index-*.json"):  # other builds': never read again
        if other != path:
            try:
                os.unlink(other)
            except OSError:
                pass


def _load(path: Path, build: str) -> Prepared | None:
    try:
        kept = json.loads(path.read_bytes())
        if (kept.get("format") != _FORMAT or kept.get("build") != build
                or kept.get("code") != code_digest()):
            return None
        return Prepared({row[0]: SourceView(*row) for row in kept["sources"]},
                        {row[0]: _claim(row) for row in kept["claims"]},
                        kept["claim_sources"], [tuple(q) for q in kept["quotes"]],
                        kept["where"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # absent or damaged: read from the store again
