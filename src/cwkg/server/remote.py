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
    client = _Wrapper(connection)
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)
    client.setReturnFormat(JSON)
    client.setOnlyConneg(True)
    client.addCustomHttpHeader("Accept", JSON_RESULTS)
    client.setQuery(query)
    for graph in (dataset or {}).get("default-graph-uri", []):
        client.addDefaultGraph(graph)
    for graph in (dataset or {}).get("named-graph-uri", []):
        client.addNamedGraph(graph)
    response = client.query().response
    return parse_select_json(response.body, connection, response.content_type)


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

    def update(self, request: str) -> None:
        update(self.connection, request)
