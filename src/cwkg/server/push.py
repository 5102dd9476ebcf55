"""Push the built dataset to a SPARQL server, one named graph per source, all-or-nothing per graph.

For each graph of the build (each ``src:<id>`` and ``graph:reference``):

1. drop what a crashed earlier push may have left in this graph's *staging* graph;
2. upload the build's triples of the graph into the staging graph (Graph Store
   ``PUT`` when a graph-store URL is given, else ``INSERT DATA`` in batches);
3. count the staging graph on the server; if it is not the build's count, drop
   it and stop: the live graph was never touched;
4. ``MOVE <staging> TO <graph>``: one update, so the live graph goes from the old
   version to the new one in one step on servers that run an update as one
   transaction (Oxigraph, Virtuoso);
5. count the live graph again.

Step 4 is only ever sent right after step 3 found the staging graph full: on
Virtuoso, ``MOVE`` from a missing graph silently empties the target
(tests/servers/test_dialects.py shows it).

A push never deletes graphs the build does not have. ``sources`` limits a push
to some graphs (``--source src:ID``); the others are not touched. Two pushes of
the same graph at the same moment are not supported: they share its staging graph.

>>> staging_graph("https://w3id.org/cwkg/source/wh-2024-04-04")
'https://w3id.org/cwkg/graph/staging/source/wh-2024-04-04'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from cwkg.errors import EndpointError, UsageError
from cwkg.namespaces import BASE, GRAPH, PREFIXES, REFERENCE_GRAPH, compact, expand, local_id
from cwkg.rdf.store import Store

from .http import Connection, HTTPFailure
from .remote import select

INSERT_BATCH = 2000  # triples per INSERT DATA request (keeps each request well under server limits)


@dataclass
class Target:
    """The endpoints of one server. Oxigraph separates query, update and graph store
    (``/query``, ``/update``, ``/store``); Virtuoso serves query and update on one URL."""

    query: Connection
    update: Connection
    graph_store: Connection | None = None


@dataclass
class GraphPushed:
    graph: str
    triples: int
    seconds: float


def staging_graph(graph: str) -> str:
    """The graph a push fills before it replaces ``graph`` (derived, so a later push
    finds and clears what a crashed one left)."""
    local = graph[len(BASE):] if graph.startswith(BASE) else compact(graph).replace(":", "/")
    return f"{GRAPH['staging/']}{local}"


def graphs_of(store: Store) -> dict[str, list[ox.Triple]]:
    """The build's triples grouped by named graph, without duplicates: the reference graph
    first, then the sources by IRI (the build's order)."""
    grouped: dict[str, dict[ox.Triple, None]] = {}
    for quad in store.quads:
        grouped.setdefault(quad.graph_name.value, {})[quad.triple] = None
    reference = str(REFERENCE_GRAPH)
    return {graph: list(grouped[graph])
            for graph in sorted(grouped, key=lambda g: (g != reference, g))}


def select_graphs(all_graphs: dict[str, list], sources: list[str] | None) -> dict[str, list]:
    """Keep the graphs named by ``sources``: a source as ``src:ID``, ``ID`` or its IRI, or
    ``graph:reference`` (or any graph's IRI)."""
    if not sources:
        return all_graphs
    chosen = {}
    for name in sources:
        local = local_id(name, "src")
        try:
            iri = PREFIXES["src"] + local if local else name if "://" in name else expand(name)
        except KeyError:
            iri = name
        if iri not in all_graphs:
            known = ", ".join(compact(g) for g in all_graphs)
            raise UsageError(f"--source {name}: the build has no such graph; known: {known}")
        chosen[iri] = all_graphs[iri]
    return chosen


def push(store: Store, target: Target, sources: list[str] | None = None,
         log: Callable[[str], None] = lambda _: None) -> list[GraphPushed]:
    """Replace each chosen graph on the server with the build's version, one at a time."""
    done = []
    for graph, triples in select_graphs(graphs_of(store), sources).items():
        started = time.perf_counter()
        push_graph(target, graph, triples)
        done.append(GraphPushed(graph, len(triples), time.perf_counter() - started))
        log(f"pushed {compact(graph)}: {len(triples)} triples in {done[-1].seconds:.2f} s")
    return done


def push_graph(target: Target, graph: str, triples: list[ox.Triple]) -> None:
    staging = staging_graph(graph)
    name = compact(graph)
    try:
        target.update.update(f"DROP SILENT GRAPH <{staging}>", idempotent=True)
        _upload(target, staging, triples)
        staged = count_triples(target.query, staging)
        if staged != len(triples):
            raise EndpointError(f"the server holds {staged} triples in the staging graph of "
                                f"{name}, the build has {len(triples)}")
    except EndpointError as exc:
        _drop_quietly(target, staging)
        raise EndpointError(f"push of {name} failed, the server keeps its previous version: "
                            f"{exc.message}{missing_option(target, exc)}") from None
    try:
        # never sent twice: on Virtuoso a MOVE from a missing graph empties the target
        target.update.update(f"MOVE <{staging}> TO <{graph}>", what=f"swap of <{graph}>",
                             idempotent=False)
    except EndpointError as exc:
        raise EndpointError(f"push of {name} failed while replacing the graph (one update: "
                            f"the server holds the previous or the new version; run the push "
                            f"again to be sure): {exc.message}") from None
    live = count_triples(target.query, graph)
    if live != len(triples):
        raise EndpointError(f"after the push {name} holds {live} triples on the server, the "
                            f"build has {len(triples)}; run the push again")


def missing_option(target: Target, exc: EndpointError) -> str:
    """A hint when the query URL was used for updates and the server refused them (an
    Oxigraph server takes updates on /update, not /query)."""
    if not isinstance(exc, HTTPFailure) or exc.status not in (400, 404, 405, 415) \
            or target.update.url != target.query.url:
        return ""
    url = target.query.url
    guess = url[:-len("/query")] + "/update" if url.endswith("/query") else None
    return (f"; {url} does not take SPARQL updates: give --update-endpoint"
            + (f" (for an Oxigraph server: --update-endpoint {guess})" if guess else ""))


def count_triples(query: Connection, graph: str) -> int:
    rows = select(query, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
    try:
        return int(rows[0][0].value)
    except (IndexError, AttributeError, TypeError, ValueError):
        raise EndpointError(f"{query.url} gave no usable count for <{graph}>: {rows!r:.100}") \
            from None


def _upload(target: Target, staging: str, triples: list[ox.Triple]) -> None:
    if target.graph_store is not None:
        target.graph_store.put_graph(staging, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        return
    for start in range(0, len(triples), INSERT_BATCH):
        batch = ox.serialize(triples[start:start + INSERT_BATCH],
                             format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        # inserting the same triples twice gives the same graph: safe to repeat
        target.update.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n{batch}}} }}",
                             what=f"upload of <{staging}>", idempotent=True)


def _drop_quietly(target: Target, staging: str) -> None:
    """Best effort: the server may be the thing that failed. A leftover staging graph
    is cleared by the next push of that graph."""
    try:
        quick = target.update.with_limits(timeout=min(target.update.timeout, 5.0), retries=0)
        quick.update(f"DROP SILENT GRAPH <{staging}>", idempotent=True)
    except EndpointError:
        pass
