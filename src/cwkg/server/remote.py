"""SPARQL on any SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki, GraphDB).

SPARQLWrapper composes each query request (POST, form-encoded, content negotiation
for SPARQL JSON results, dataset parameters); cwkg's HTTP layer
(:meth:`cwkg.server.http.Connection.send`) sends it, so queries share the timeout,
retries, authentication and error lines of ``cwkg push``. The answer is parsed by
pyoxigraph into the same :class:`~cwkg.query.results.ResultSet` the embedded store
gives, so a query's rows compare equal whichever store answered. Updates go out as
plain ``application/sparql-update`` POSTs through the same layer.

>>> parse_select_json(b'<html>Service busy</html>', Connection("http://127.0.0.1:7878/query"), "text/html")
Traceback (most recent call last):
cwkg.server.http.HTTPFailure: http://127.0.0.1:7878/query answered something that is not SPARQL JSON results (Content-Type text/html): <html>Service busy</html>
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper

from cwkg.query.results import ResultSet

from .auth import Credentials
from .http import DEFAULT_TIMEOUT, USER_AGENT, Connection, HTTPFailure

JSON_RESULTS = "application/sparql-results+json"


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper for the protocol; cwkg's connection for the wire."""

    def __init__(self, connection: Connection):
        super().__init__(connection.url, agent=USER_AGENT)
        self._connection = connection

    def _query(self):
        # SPARQLWrapper's own _query() would open the request with urllib's global
        # opener; cwkg's layer adds its timeout, retry policy, auth and error lines.
        # A query only reads, so sending it again after a lost connection is harmless.
        response = self._connection.send(self._createRequest(), what="query", idempotent=True)
        return response, self.returnFormat


def select(connection: Connection, query: str, dataset: dict | None = None) -> ResultSet:
    """Run a SELECT on ``connection``'s endpoint; rows as pyoxigraph terms.

    ``dataset`` may name the query's graphs as protocol parameters
    (``{"default-graph-uri": [...], "named-graph-uri": [...]}``)."""
    response = _send_query(connection, query, JSON_RESULTS, dataset)
    return parse_select_json(response.body, connection, response.content_type)


def _send_query(connection: Connection, query: str, accept: str, dataset: dict | None = None):
    client = _Wrapper(connection)
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)
    client.setReturnFormat(JSON)
    client.setOnlyConneg(True)
    client.addCustomHttpHeader("Accept", accept)
    client.setQuery(query)
    for graph in (dataset or {}).get("default-graph-uri", []):
        client.addDefaultGraph(graph)
    for graph in (dataset or {}).get("named-graph-uri", []):
        client.addNamedGraph(graph)
    return client.query().response


# CONSTRUCT and DESCRIBE: N-Triples where the server has it (Oxigraph, Fuseki, GraphDB),
# else Turtle; both parse into the same triples
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"


def answer(connection: Connection, query: str):
    """Run any query: rows (SELECT), a BooleanResult (ASK) or a GraphResult (CONSTRUCT,
    DESCRIBE), as the embedded store answers them."""
    from cwkg.query.results import BooleanResult, GraphResult
    from cwkg.query.sparql_text import query_form, tokenize
    form = query_form(tokenize(query))
    if form not in ("ASK", "CONSTRUCT", "DESCRIBE"):
        return select(connection, query)
    response = _send_query(connection, query, JSON_RESULTS if form == "ASK" else GRAPH_ACCEPT)
    body, content_type = response.body, response.content_type
    try:
        if form == "ASK":
            return BooleanResult(_boolean(ox.parse_query_results(body,
                                                                 ox.QueryResultsFormat.JSON)))
        media = content_type.split(";")[0].strip() or "application/n-triples"
        fmt = ox.RdfFormat.from_media_type(media)
        if fmt is None or fmt.supports_datasets:
            raise ValueError(f"not an RDF graph format: {media}")
        return GraphResult.of(quad.triple for quad in ox.parse(body, fmt))
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        start = " ".join(body[:120].decode("utf-8", "replace").split())
        raise HTTPFailure(connection.redact(
            f"{connection.url} answered the {form} query with something cwkg cannot read "
            f"({exc}; Content-Type {content_type or 'none'}): {start}")) from None


def _boolean(parsed) -> bool:
    """An ASK answer. Virtuoso sends it as rows of one variable, ``__ASK_RETVAL``: one row
    holding 1 for yes, no row at all for no."""
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    rows = [tuple(s) for s in parsed]
    if [v.value for v in parsed.variables] == ["__ASK_RETVAL"]:
        if not rows:
            return False
        if len(rows) == 1 and isinstance(rows[0][0], ox.Literal) \
                and rows[0][0].value in ("0", "1"):
            return rows[0][0].value == "1"
    raise ValueError("rows, not a yes or no")


def parse_select_json(body: bytes, connection: Connection, content_type: str = "") -> ResultSet:
    """SPARQL JSON results -> ResultSet; anything else is one HTTPFailure line."""
    try:
        return ResultSet.from_json(body)
    except (SyntaxError, ValueError, UnicodeDecodeError):
        start = " ".join(body[:120].decode("utf-8", "replace").split())
        raise HTTPFailure(connection.redact(
            f"{connection.url} answered something that is not SPARQL JSON results "
            f"(Content-Type {content_type or 'none'}): {start}")) from None


def update(connection: Connection, request: str) -> None:
    """Send a SPARQL 1.1 Update (only ever on the user's explicit flag). Not retried
    after it may have reached the server: an update need not be idempotent."""
    connection.update(request)


@dataclass
class RemoteBackend:
    """A SPARQL 1.1 endpoint as a query backend (:func:`cwkg.query.run.run`)."""

    endpoint: str | Connection
    timeout: float = DEFAULT_TIMEOUT
    credentials: Credentials | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.endpoint, Connection):
            self.endpoint = Connection(self.endpoint, self.credentials, self.timeout)

    @property
    def connection(self) -> Connection:
        return self.endpoint

    def select(self, query: str) -> ResultSet:
        return select(self.connection, query)

    def query(self, query: str):
        return answer(self.connection, query)

    def update(self, request: str) -> None:
        update(self.connection, request)
