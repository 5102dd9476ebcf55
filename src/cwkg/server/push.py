"""Push the built dataset to a SPARQL server: every graph whole, counted, and never seen
by a reader half-replaced or twice.

The unit of a push is a server-side transaction, not a staging graph: a staging graph is
a named graph like any other, so a query without GRAPH on a server whose default graph is
the union of its graphs (``cwkg serve``, Virtuoso) would count its triples twice while it
existed. One request

    DROP SILENT GRAPH <g1> ; ... ; INSERT DATA { GRAPH <g1> { ... } ... }

replaces whole graphs in one transaction on a server that applies an update request
atomically, as SPARQL 1.1 Update asks and Oxigraph does: a reader sees every graph of the
request in its old or its new version, and a failure (an HTTP error, a lost connection, a
server killed half-way: the tests do it) leaves them all old. On Oxigraph the DROPs are
one ``DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { <g1> ... } ... }``, which
makes the request a write-only transaction there, twice as fast
(:func:`cwkg.server.payload.clear_operations`).

- **Into an empty graph set** (none of the pushed graphs is on the server), the push is a
  bulk load: on Oxigraph, given ``--graph-store``, one Graph Store POST of the build's
  N-Quads, through its bulk loader from Oxigraph 0.5 (atomic: readers see nothing or the
  whole dataset; :mod:`cwkg.server.dialect`), in a transaction before; on Virtuoso, the
  N-Quads in the bodies of SPARQL queries that hand them to its own parser, 8 MB of whole
  graphs per request, each request one transaction (readers see each graph absent or
  whole, the dataset arriving request by request); if the account may not call that
  parser, and elsewhere, update requests as large as the server takes. If anything fails,
  or a count differs, the push removes what it wrote: all or nothing for the dataset.
- **Replacing graphs** the server holds: on Virtuoso, 8 MB of whole graphs per request
  through its own parser again, the body's first line a comment holding the SQL that
  deletes their quads, in a query that parses the body writing nothing, runs that delete,
  then inserts the parsed quads, in one transaction
  (:func:`cwkg.server.dialect.virtuoso_replacer`); if the account may not call that
  parser, and elsewhere, the update requests above, graphs packed into each up to the
  server's limits. One source (``--source``) is one request. A failure leaves the graphs
  of the failed request and of those after it in their previous version.
  ``--replace-all`` also removes the cwkg graphs the build no longer has.
- **Counted**: after the push, one query counts every pushed graph on the server against
  the build; a difference is an error naming the graph.

A graph larger than one request (Virtuoso's request text stops at 10 MB) is the one case
left to a staging graph, uploaded in steps, counted, then moved into place by one ``MOVE``
(:func:`push_staged`); a reader can see that staging graph while it exists. Two pushes
to one server at the same moment are not supported.

>>> staging_graph("https://w3id.org/cwkg/source/wh-2024-04-04")
'https://w3id.org/cwkg/graph/staging/source/wh-2024-04-04'
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from cwkg.errors import EndpointError, UsageError
from cwkg.namespaces import BASE, GRAPH, compact
from cwkg.progress import progress

from .dialect import Dialect, detect
from .http import Connection, HTTPFailure
from .payload import Dataset, Graph, replace_requests
from .remote import JSON_RESULTS, select

STAGING = str(GRAPH["staging/"])
COUNT_BY_NAME = 200   # up to this many graphs are counted by name, more by one scan
DROPS_PER_REQUEST = 500


@dataclass
class Target:
    """The endpoints of one server. Oxigraph separates query, update and graph store
    (``/query``, ``/update``, ``/store``); Virtuoso serves query and update on one URL."""

    query: Connection
    update: Connection
    graph_store: Connection | None = None


@dataclass
class Pushed:
    graphs: int
    triples: int
    requests: int
    seconds: float
    how: str
    removed: int = 0


def staging_graph(graph: str) -> str:
    """The graph a staged push fills before it replaces ``graph`` (derived, so a later push
    finds and clears what a crashed one left)."""
    local = graph[len(BASE):] if graph.startswith(BASE) else compact(graph).replace(":", "/")
    return f"{STAGING}{local}"


def push(dataset: Dataset, target: Target, sources: list[str] | None = None, *,
         replace_all: bool = False) -> Pushed:
    """Put the chosen graphs of ``dataset`` (all without ``sources``) on the server."""
    if replace_all and sources:
        raise UsageError("--replace-all replaces the whole graph set; leave out --source")
    chosen = dataset.choose(sources)
    started = time.perf_counter()
    names = [g.iri for g in chosen]
    try:  # the chosen graphs, and staging graphs a crashed push of them may have left
        before = server_counts(target.query, None if replace_all else
                               names + [staging_graph(n) for n in names])
    except EndpointError as exc:
        raise EndpointError(f"push failed before anything was written: {exc.message}") from None
    dialect = detect(target.query.server)
    leftovers = [g for g in before if g.startswith(STAGING)]
    gone = [g for g in before if replace_all and g not in dataset.graphs and g not in leftovers]
    size = sum(g.size for g in chosen)
    with progress(size, "pushing", unit="B", unit_scale=True) as bar:
        if leftovers:
            _drop(target, leftovers, what="drop of staging graphs left by an earlier push")
        if any(g.iri in before for g in chosen):
            requests, how = _replace(dataset, chosen, target, dialect, bar)
        else:
            requests, how = _load_new(dataset, chosen, target, dialect, bar)
    if gone:
        _drop(target, gone, what="removal of graphs the build no longer has")
    return Pushed(len(chosen), sum(g.triples for g in chosen), requests,
                  time.perf_counter() - started, how, len(gone))


class _Failed(Exception):
    """A request of the push failed after ``done`` graphs had been written."""

    def __init__(self, cause: EndpointError, batch: list[Graph], done: int):
        super().__init__(cause.message)
        self.cause, self.batch, self.done = cause, batch, done

    @property
    def unsure(self) -> bool:  # it reached the server, which did not answer
        return getattr(self.cause, "unsure", False)


def _load_new(dataset, chosen, target, dialect, bar) -> tuple[int, str]:
    """Bulk: none of the graphs is on the server; on any failure, take them off again."""
    try:
        if dialect.dataset_post and target.graph_store is not None:
            requests = _post_nquads(dataset, chosen, target.graph_store, bar,
                                    limit=dialect.post_bytes, params=dialect.post_params)
            loader = " (its bulk loader)" if dialect.post_params else ""
            how = f"bulk load: Graph Store POST of N-Quads{loader}, {_requests(requests)}"
        elif dialect.body_loader and (refused := _loader_refused(target, dialect)) is None:
            requests = _post_nquads(dataset, chosen, target.update, bar,
                                    limit=dialect.body_bytes, accept=JSON_RESULTS,
                                    params={"query": dialect.body_loader}, strict=True,
                                    staged=lambda g: push_staged(dataset, g, target, dialect))
            how = (f"bulk load: N-Quads through {dialect.name}'s own parser, "
                   f"{_requests(requests)}, each one transaction of whole graphs")
        else:
            requests = _send_requests(dataset, chosen, target, dialect, bar, drop=False)
            how = f"bulk load: SPARQL INSERT DATA, {_requests(requests)}"
            if dialect.body_loader:
                how += f" ({refused})"
        _verify(target, chosen)
    except _Failed as failed:
        hint = missing_option(target, failed.cause)
        if not failed.done and not failed.unsure:
            raise EndpointError(f"push failed before anything was written: {failed}{hint}") \
                from None
        raise EndpointError(f"push failed; {_take_back(target, chosen)}: {failed}{hint}") \
            from None
    except EndpointError as exc:  # the count after the load
        raise EndpointError(f"push failed; {_take_back(target, chosen)}: {exc.message}") \
            from None
    except KeyboardInterrupt:
        _take_back(target, chosen)
        raise
    return requests, how


def _replace(dataset, chosen, target, dialect, bar) -> tuple[int, str]:
    refused = None
    try:
        if dialect.body_replacer and (refused := _loader_refused(target, dialect)) is None:
            indexed = _has_graph_index(target, dialect)
            requests = _post_nquads(dataset, chosen, target.update, bar,
                                    limit=dialect.body_bytes, accept=JSON_RESULTS,
                                    replacing=dialect, indexed=indexed, strict=True,
                                    staged=lambda g: push_staged(dataset, g, target, dialect))
            how = f"N-Quads through {dialect.name}'s own parser, "
            if not indexed:
                how += "graphs cleared without the graph index (the server has none), "
        else:
            requests = _send_requests(dataset, chosen, target, dialect, bar, drop=True)
            how = ""
    except _Failed as failed:
        batch = failed.batch
        if not batch:  # the check of the account's rights
            raise EndpointError(f"push failed before anything was written: {failed}") from None
        which = compact(batch[0].iri)
        if len(batch) > 1:
            which += f" and {len(batch) - 1} more graph(s) in one request"
        whose = "their" if len(batch) > 1 else "its"
        earlier = f" (the {failed.done} graph(s) pushed before are new)" if failed.done else ""
        state = (f"the server holds {whose} previous or {whose} new version (one transaction);"
                 " run the push again to be sure" if failed.unsure
                 else f"the server keeps {whose} previous version")
        raise EndpointError(f"push of {which} failed, {state}{earlier}: {failed}"
                            f"{missing_option(target, failed.cause)}") from None
    _verify(target, chosen)
    how += f"{_requests(requests)}, each replacing whole graphs in one transaction"
    return requests, how + (f" ({refused})" if refused else "")


def _send_requests(dataset, chosen, target, dialect: Dialect, bar, drop: bool) -> int:
    requests = done = 0
    for batch, text in replace_requests(dataset, chosen, dialect, drop):
        try:
            if text:
                # repeating it leaves the same graphs: safe to send again after a lost line
                target.update.update(text, what=_what(batch), idempotent=True)
            else:
                push_staged(dataset, batch[0], target, dialect)
        except EndpointError as exc:
            raise _Failed(exc, batch, done) from None
        requests += 1
        done += len(batch)
        bar.update(sum(g.size for g in batch))
    return requests


def _post_nquads(dataset, chosen: list[Graph], connection: Connection, bar, *,
                 limit: int | None, params: dict | None = None, accept: str | None = None,
                 replacing: Dialect | None = None, indexed: bool = False,
                 strict: bool = False, staged=None) -> int:
    """POSTs of the graphs' N-Quads, streamed from the build's bytes, whole graphs in each,
    in as few requests as ``limit`` bytes allow (None: one). ``replacing``: each body
    replaces its graphs by the dialect's ``body_replacer``, its first line a comment, the
    SQL that clears them (``indexed``: through the server's graph index). Under ``strict``
    a graph larger than ``limit`` goes alone through ``staged``."""
    requests = done = size = 0
    batch: list[Graph] = []
    for graph in [*chosen, None]:
        if graph is None or (batch and limit is not None and size + graph.size > limit):
            if batch:
                head = b""
                if replacing is not None:
                    clear = replacing.body_clear([g.iri for g in batch], indexed=indexed)
                    head = f"# {clear}\n".encode()
                body = _Body(dataset, batch, bar, head)
                query = {"query": replacing.body_replacer(len(head), body.length)} \
                    if replacing else params
                try:  # the same quads again give the same graphs: safe to repeat
                    connection.request("POST", params=query, body=body, length=body.length,
                                       content_type="application/n-quads",
                                       accept=accept, what=_what(batch),
                                       idempotent=True)
                except EndpointError as exc:
                    raise _Failed(exc, batch, done) from None
                requests += 1
                done += len(batch)
            batch, size = [], 0
        if graph is not None and strict and graph.size > limit:
            try:
                staged(graph)
            except EndpointError as exc:
                raise _Failed(exc, [graph], done) from None
            bar.update(graph.size)
            requests += 1
            done += 1
        elif graph is not None:
            batch.append(graph)
            size += graph.size
    return requests


def _loader_refused(target: Target, dialect: Dialect) -> str | None:
    """Why the server's own parser cannot be used by this account (None: it can), asked
    with an empty body, which loads nothing."""
    try:
        target.update.request("POST", params={"query": dialect.body_loader}, body=b"",
                              length=0, content_type="application/n-quads",
                              accept=JSON_RESULTS, what="check of the bulk loader",
                              idempotent=True)
    except HTTPFailure as exc:
        if exc.status in (400, 403):  # Virtuoso: SP031, "security restrictions"
            return f"{dialect.name} refused this account its own parser: HTTP {exc.status}"
        raise _Failed(exc, [], 0) from None
    return None


def _has_graph_index(target: Target, dialect: Dialect) -> bool:
    """Whether the server takes the dialect's graph index in the SQL that clears graphs
    (its probe, which reads and changes nothing, runs). Refused for that index: clear
    without it, slower but the same; any other failure stops the push before anything
    is written."""
    if dialect.index_probe is None:
        return False
    try:
        select(target.update, dialect.index_probe)
    except EndpointError as exc:
        if dialect.index_refused and dialect.index_refused in str(exc):
            return False
        raise _Failed(exc, [], 0) from None
    return True


class _Body:
    """A request body that streams the graphs' N-Quads and moves the progress bar; it can
    be read again from the start (for a retry or an authentication challenge)."""

    def __init__(self, dataset: Dataset, graphs: list[Graph], bar, head: bytes = b""):
        self.dataset, self.graphs, self.bar, self.head = dataset, graphs, bar, head
        self.length = len(head) + sum(g.size for g in graphs)

    def __iter__(self):
        if self.head:
            yield self.head
        for chunk in self.dataset.nquads(self.graphs):
            yield chunk
            self.bar.update(len(chunk))


def push_staged(dataset: Dataset, graph: Graph, target: Target, dialect: Dialect) -> None:
    """A graph too large for one request: upload it to its staging graph in steps, count
    it there, then ``MOVE`` it into place (sent only after the count: on Virtuoso a MOVE
    from a missing graph empties the target, tests/servers/test_dialects.py)."""
    staging = staging_graph(graph.iri)
    target.update.update(f"DROP SILENT GRAPH <{staging}>", idempotent=True)
    try:
        if target.graph_store is not None and dialect.dataset_post:  # Oxigraph's store
            target.graph_store.put_graph(staging, dataset.ntriples(graph.iri))
        else:
            lines = dataset.ntriples(graph.iri).decode("utf-8").splitlines(keepends=True)
            step = dialect.insert_triples or max(1, len(lines) * dialect.request_bytes
                                                 // (2 * max(graph.size, 1)))
            for start in range(0, len(lines), step):
                # inserting the same triples twice gives the same graph: safe to repeat
                target.update.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n"
                                     f"{''.join(lines[start:start + step])}}} }}",
                                     what=f"upload of <{staging}>", idempotent=True)
        staged = server_counts(target.query, [staging]).get(staging, 0)
        if staged != graph.triples:
            raise EndpointError(f"the server holds {staged} triples in the staging graph of "
                                f"{compact(graph.iri)}, the build has {graph.triples}")
    except EndpointError:
        _drop(target, [staging], what="drop of a staging graph", quick=True)
        raise
    target.update.update(f"MOVE <{staging}> TO <{graph.iri}>", what=f"swap of <{graph.iri}>",
                         idempotent=False)


def server_counts(query: Connection, graphs: list[str] | None) -> dict[str, int]:
    """{graph: triples} on the server for ``graphs`` (or every graph under cwkg's base IRI),
    absent or empty graphs left out."""
    if graphs is not None and len(graphs) <= COUNT_BY_NAME:
        values = " ".join(f"<{g}>" for g in graphs)
        text = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    else:  # every graph: a filter on the graph's name would cost a string per quad
        text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    counts = {}
    for row in select(query, text).rows:
        try:
            counts[row[0].value] = int(row[1].value)
        except (IndexError, AttributeError, TypeError, ValueError):
            raise EndpointError(f"{query.url} gave no usable graph count: {row!r:.100}") \
                from None
    wanted = set(graphs or ())
    return {g: n for g, n in counts.items() if (g in wanted if graphs else g.startswith(BASE))}


def count_triples(query: Connection, graph: str) -> int:
    return server_counts(query, [graph]).get(graph, 0)


def missing_option(target: Target, exc: EndpointError) -> str:
    """A hint when the query URL was used for updates and the server refused them (an
    Oxigraph server takes updates on /update, not /query)."""
    if not isinstance(exc, HTTPFailure) or exc.status not in (404, 405, 415) \
            or target.update.url != target.query.url:
        return ""
    url = target.query.url
    guess = url[:-len("/query")] + "/update" if url.endswith("/query") else None
    return (f"; {url} does not take SPARQL updates: give --update-endpoint"
            + (f" (for an Oxigraph server: --update-endpoint {guess})" if guess else ""))


def _verify(target: Target, chosen: list[Graph]) -> None:
    found = server_counts(target.query, [g.iri for g in chosen])
    wrong = [g for g in chosen if found.get(g.iri, 0) != g.triples]
    if wrong:
        first = wrong[0]
        more = f" (and {len(wrong) - 1} more graph(s) differ)" if len(wrong) > 1 else ""
        raise EndpointError(f"after the push {compact(first.iri)} holds "
                            f"{found.get(first.iri, 0)} triples on the server, the build has "
                            f"{first.triples}{more}; run the push again")


def _take_back(target: Target, chosen: list[Graph]) -> str:
    """Remove the graphs a failed bulk push may have written (none was there before)."""
    try:
        _drop(target, [g.iri for g in chosen], what="removal of a failed push", quick=True)
    except EndpointError as exc:
        return (f"removing what it had written failed too ({exc.message}), so run the push "
                "again to finish it")
    return "what it had written was removed again, so the server holds what it held before"


def _drop(target: Target, graphs: list[str], what: str, quick: bool = False) -> None:
    connection = target.update.with_limits(timeout=min(target.update.timeout, 30.0)) \
        if quick else target.update
    for start in range(0, len(graphs), DROPS_PER_REQUEST):
        text = " ;\n".join(f"DROP SILENT GRAPH <{g}>"
                           for g in graphs[start:start + DROPS_PER_REQUEST])
        connection.update(text, what=what, idempotent=True)


def _what(batch: list[Graph]) -> str:
    first = compact(batch[0].iri)
    return f"upload of {first}" + (f" and {len(batch) - 1} more graph(s)" if len(batch) > 1
                                   else "")


def _requests(requests: int) -> str:
    return f"{requests} request(s)" if requests != 1 else "1 request"
