"""SELECT against any SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki, GraphDB).

SPARQLWrapper sends the query (POST, content negotiation for SPARQL JSON results);
the body is parsed by pyoxigraph into the same :class:`~cwkg.results.ResultSet` the
embedded store gives, so a query's rows compare equal whichever store answered.

Every way an endpoint can fail becomes one :class:`~cwkg.errors.EndpointError` line
(exit 2): refused, unreachable, too slow, an HTTP error status, a partial answer
(HTTP 206, which Virtuoso sends when it cuts a result short), or a body that is not
SPARQL JSON results. Credentials travel in the Authorization header and are never
printed; user:password in the URL is refused, so it cannot leak into a message.

>>> select("ftp://example.org/sparql", "SELECT * {}", timeout=1)
Traceback (most recent call last):
cwkg.errors.EndpointError: endpoint ftp://example.org/sparql: not an http(s) URL
"""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.parse
from dataclasses import dataclass

from cwkg.errors import EndpointError
from cwkg.query.results import ResultSet

DEFAULT_TIMEOUT = 60.0
USER_ENV, PASSWORD_ENV = "CWKG_ENDPOINT_USER", "CWKG_ENDPOINT_PASSWORD"
JSON_RESULTS = "application/sparql-results+json"


def _check_url(endpoint: str) -> None:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"endpoint {endpoint}: not an http(s) URL")
    if parts.username is not None or parts.password is not None:
        raise EndpointError(
            f"endpoint {parts.scheme}://{parts.hostname}{parts.path}: credentials in the URL "
            f"are refused (they would end up in logs); use --user and ${PASSWORD_ENV}")


def select(endpoint: str, query: str, *, timeout: float = DEFAULT_TIMEOUT,
           user: str | None = None, password: str | None = None) -> ResultSet:
    """Run a SELECT query on ``endpoint`` and return its rows as pyoxigraph terms.

    ``user``/``password`` default to $CWKG_ENDPOINT_USER / $CWKG_ENDPOINT_PASSWORD.
    """
    client = _client(endpoint, query, timeout, user, password)
    client.setOnlyConneg(True)
    client.addCustomHttpHeader("Accept", JSON_RESULTS)
    where = f"endpoint {endpoint}"
    status, content_type, body = _send(client, where, timeout)
    if status == 206:
        raise EndpointError(f"{where}: HTTP 206 partial content: the endpoint cut its answer "
                            "short (a result-size or time limit on the server); the rows "
                            "would be incomplete, so none are shown")
    if status != 200:
        raise EndpointError(f"{where}: unexpected HTTP {status}")
    try:
        return ResultSet.from_json(body)
    except (SyntaxError, ValueError, UnicodeDecodeError):
        start = body[:60].decode("utf-8", "replace").replace("\n", " ")
        raise EndpointError(
            f"{where}: the answer is not SPARQL JSON results (Content-Type "
            f"{content_type or 'none'}, begins {start!r})") from None


def _describe_sparqlwrapper(exc) -> str:
    from SPARQLWrapper.SPARQLExceptions import (
        EndPointInternalError,
        EndPointNotFound,
        QueryBadFormed,
        Unauthorized,
        URITooLong,
    )
    for cls, text in ((QueryBadFormed, "HTTP 400: the endpoint rejected the query"),
                      (EndPointNotFound, "HTTP 404: no SPARQL endpoint at this URL"),
                      (Unauthorized, "HTTP 401: not authorised (check --user and "
                                     f"${PASSWORD_ENV})"),
                      (URITooLong, "HTTP 414: the request is too long"),
                      (EndPointInternalError, "HTTP 500: the endpoint failed")):
        if isinstance(exc, cls):
            detail = _first_line(_response_body(exc))
            return f"{text}{': ' + detail if detail else ''}"
    return str(exc).split("\n")[0]


def _response_body(exc) -> bytes | None:
    """The server's body, which SPARQLWrapper keeps only inside its message, as a repr."""
    import ast
    text = str(exc.args[0]) if exc.args else ""
    _, sep, body = text.partition("Response:\n")
    if not sep:
        return None
    try:
        value = ast.literal_eval(body.strip())
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, (bytes, str)) else None


def _first_line(body) -> str:
    if not body:
        return ""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    line = next((ln.strip() for ln in str(body).splitlines() if ln.strip()), "")
    return line[:200]


def update(endpoint: str, request: str, *, timeout: float = DEFAULT_TIMEOUT,
           user: str | None = None, password: str | None = None) -> None:
    """Send a SPARQL 1.1 Update to ``endpoint`` (only ever on the user's explicit flag)."""
    client = _client(endpoint, request, timeout, user, password)
    _send(client, f"endpoint {endpoint}", timeout)


def _client(endpoint: str, text: str, timeout: float, user, password):
    _check_url(endpoint)
    from SPARQLWrapper import POST, SPARQLWrapper
    user = user if user is not None else os.environ.get(USER_ENV)
    password = password if password is not None else os.environ.get(PASSWORD_ENV)
    client = SPARQLWrapper(endpoint, agent="cwkg")
    client.setMethod(POST)
    # SPARQLWrapper's setTimeout() truncates to int, so 0.5 s would mean no timeout at all
    client.timeout = timeout
    client.setQuery(text)
    if user is not None:
        client.setCredentials(user, password or "")
    return client


def _send(client, where: str, timeout: float) -> tuple[int, str, bytes]:
    """Send the request; every failure becomes one EndpointError line."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
    too_slow = f"{where}: no answer within {timeout:g} s (raise --timeout, or narrow the query)"
    try:
        response = client.query().response
        status = getattr(response, "status", 200)
        content_type = response.headers.get("Content-Type", "")
        return status, content_type, response.read()
    except SPARQLWrapperException as exc:
        raise EndpointError(f"{where}: {_describe_sparqlwrapper(exc)}") from None
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"{where}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise EndpointError(too_slow) from None
        if isinstance(reason, ConnectionRefusedError):
            raise EndpointError(f"{where}: connection refused (is the server running?)") from None
        raise EndpointError(f"{where}: cannot connect ({reason})") from None
    except (TimeoutError, socket.timeout):
        raise EndpointError(too_slow) from None
    except (ConnectionError, OSError) as exc:
        raise EndpointError(f"{where}: connection failed ({exc.__class__.__name__})") from None
    except ValueError as exc:  # raised by urllib for malformed URLs
        raise EndpointError(f"{where}: {exc}") from None


@dataclass
class RemoteBackend:
    """A SPARQL 1.1 endpoint, through SPARQLWrapper."""

    endpoint: str
    timeout: float = 60.0
    user: str | None = None
    password: str | None = None

    def select(self, query: str) -> ResultSet:
        return select(self.endpoint, query, timeout=self.timeout, user=self.user,
                      password=self.password)

    def update(self, request: str) -> None:
        update(self.endpoint, request, timeout=self.timeout, user=self.user,
               password=self.password)
