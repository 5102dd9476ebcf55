"""The HTTP layer every cwkg endpoint call goes through: SPARQL protocol and Graph Store.

One place decides timeouts, retries, authentication and how failures read, so
``push`` (and the remote query client) never show a traceback, a silently short
answer, or a password. Standard library only (urllib): Basic and Digest auth
(Virtuoso's ``/sparql-auth`` wants Digest), no extra dependency.

- A request that could not *connect* (refused, unreachable) is retried a bounded
  number of times: it never reached the server, so a retry cannot apply an
  update twice. Anything after the request was sent is never retried.
- Every failure is an :class:`~cwkg.errors.EndpointError` with one line: the URL
  (without credentials), what happened, and what to do.
- HTTP 206 (Virtuoso's "anytime" partial answer) is an error, never a result.

Credentials in the URL are refused, as ``cwkg query --endpoint`` refuses them
(:mod:`cwkg.remote`): they would stay in shell history and process lists.

>>> Connection("http://bob:s3cret@127.0.0.1:1/sparql")
Traceback (most recent call last):
cwkg.errors.EndpointError: endpoint http://127.0.0.1:1/sparql: credentials in the URL are refused (they would end up in logs); use --user and $CWKG_ENDPOINT_PASSWORD
>>> c = Connection("http://127.0.0.1:1/sparql", "bob", "s3cret")
>>> c.redact("failed at http://bob:s3cret@127.0.0.1:1/sparql with s3cret")
'failed at http://127.0.0.1:1/sparql with ***'
"""

from __future__ import annotations

import errno
import http.client
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import pyoxigraph as ox

from cwkg.errors import EndpointError
from cwkg.query.results import ResultSet

DEFAULT_TIMEOUT = 60.0   # seconds per socket operation (connect, each read)
DEFAULT_RETRIES = 2      # extra attempts when the connection itself fails
RETRY_PAUSE = 0.5        # seconds before the first retry; doubles each time
SPARQL_JSON = "application/sparql-results+json"
_CONNECT_ERRNOS = {errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH,
                   errno.EADDRNOTAVAIL}


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Connection:
    """Where and how to reach one HTTP endpoint, and as whom."""

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    _opener: urllib.request.OpenerDirector | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EndpointError(f"'{_strip_userinfo(self.url)}' is not an http(s) URL; "
                                "give the endpoint as http://host:port/path")
        if parts.username is not None or "@" in parts.netloc:
            raise EndpointError(f"endpoint {_strip_userinfo(self.url)}: credentials in the URL "
                                "are refused (they would end up in logs); use --user and "
                                "$CWKG_ENDPOINT_PASSWORD")

    def __repr__(self) -> str:  # never show the password, even in a debugger
        return f"Connection({self.url!r}, user={self.user!r}, password={'***' if self.password else None})"

    def sibling(self, url: str) -> "Connection":
        """Another endpoint of the same server, with the same credentials and limits."""
        return Connection(url, self.user, self.password, self.timeout, self.retries)

    def redact(self, text: str) -> str:
        """``text`` with URL credentials and the password removed."""
        text = _strip_userinfo_everywhere(text)
        if self.password:
            text = text.replace(self.password, "***")
        return text

    def opener(self) -> urllib.request.OpenerDirector:
        if self._opener is None:
            handlers: list = []
            if self.user is not None:
                manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                manager.add_password(None, self.url, self.user, self.password or "")
                handlers += [urllib.request.HTTPBasicAuthHandler(manager),
                             urllib.request.HTTPDigestAuthHandler(manager)]
            self._opener = urllib.request.build_opener(*handlers)
        return self._opener

    # -- the one request function -------------------------------------------------------

    def request(self, method: str, params: dict | list | None = None, body: bytes | None = None,
                content_type: str | None = None, accept: str | None = None,
                what: str = "request") -> Response:
        """Send one request; return the response for 2xx (except 206); raise EndpointError
        with one clear line for anything else. ``what`` names the step in messages."""
        url = self.url
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        headers = {"User-Agent": "cwkg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        attempt, pause = 0, RETRY_PAUSE
        while True:
            req = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with self.opener().open(req, timeout=self.timeout) as answer:
                    response = Response(answer.status, dict(answer.headers.items()),
                                        answer.read())
                break
            except urllib.error.HTTPError as exc:
                raise self._http_error(exc, what) from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
                if _is_connect_failure(reason) and attempt < self.retries:
                    attempt += 1
                    time.sleep(pause)
                    pause *= 2
                    continue
                raise self._transport_error(reason, what, attempt) from None
        if response.status == 206:
            raise EndpointError(f"{self.url} answered HTTP 206 (partial results) to the {what}; "
                                "the server stopped early (a time or row limit): raise the "
                                "server's limits or narrow the query")
        return response

    def _http_error(self, exc: urllib.error.HTTPError, what: str) -> EndpointError:
        try:
            detail = exc.read(2000).decode("utf-8", "replace")
        except OSError:
            detail = ""
        detail = " ".join(re.sub(r"<[^>]*>", " ", detail).split())[:300]  # HTML error pages
        hint = {401: "check --user/--password (or CWKG_ENDPOINT_USER/CWKG_ENDPOINT_PASSWORD)",
                403: "the user may not write here; check its permissions",
                404: "check the endpoint URL",
                405: "this URL does not accept this operation; check which URL is the "
                     "query, update or graph-store endpoint"}.get(exc.code, "")
        message = f"{self.url} answered HTTP {exc.code} {exc.reason} to the {what}"
        if detail:
            message += f": {detail}"
        if hint:
            message += f" ({hint})"
        return EndpointError(self.redact(message))

    def _transport_error(self, reason, what: str, attempts: int) -> EndpointError:
        if isinstance(reason, (socket.timeout, TimeoutError)):
            text = f"no answer from {self.url} within {self.timeout:g} s during the {what}"
        elif _is_connect_failure(reason):
            tries = f" (tried {attempts + 1} times)" if attempts else ""
            text = (f"cannot connect to {self.url}{tries}: "
                    f"{getattr(reason, 'strerror', None) or reason}; is the server running?")
        elif isinstance(reason, (http.client.RemoteDisconnected, ConnectionResetError,
                                 BrokenPipeError, http.client.IncompleteRead)):
            text = (f"the connection to {self.url} was lost during the {what} "
                    f"({type(reason).__name__})")
        else:
            text = f"{self.url} failed during the {what}: {reason}"
        return EndpointError(self.redact(text))

    # -- SPARQL protocol ------------------------------------------------------------------

    def select(self, query: str, dataset: dict | None = None) -> ResultSet:
        """Run a SELECT by POST (form-encoded) and parse SPARQL JSON results.

        ``dataset`` may hold protocol parameters (``default-graph-uri``/``named-graph-uri``
        lists), see :func:`cwkg.dialects.dataset_params`."""
        form = [("query", query)] + _flatten(dataset or {})
        response = self.request("POST", body=urllib.parse.urlencode(form).encode(),
                                content_type="application/x-www-form-urlencoded",
                                accept=SPARQL_JSON, what="query")
        return parse_select_json(response.body, self)

    def update(self, update: str, what: str = "update") -> None:
        """Run a SPARQL Update by POST (``application/sparql-update``)."""
        self.request("POST", body=update.encode("utf-8"),
                     content_type="application/sparql-update", what=what)

    # -- Graph Store protocol -------------------------------------------------------------

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace one graph with these triples (N-Triples is Turtle, which every
        Graph Store implementation accepts)."""
        self.request("PUT", params={"graph": graph}, body=ntriples,
                     content_type="text/turtle; charset=utf-8", what=f"upload of <{graph}>")


def parse_select_json(body: bytes, connection: Connection | None = None) -> ResultSet:
    """SPARQL JSON results -> ResultSet; anything else is an EndpointError.

    >>> parse_select_json(b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}').rows
    [(<Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>,)]
    >>> parse_select_json(b'<html>Service busy</html>')
    Traceback (most recent call last):
    cwkg.errors.EndpointError: the endpoint answered something that is not SPARQL JSON results: <html>Service busy</html>
    """
    where = connection.url if connection else "the endpoint"
    try:
        solutions = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        if isinstance(solutions, ox.QueryBoolean):
            raise SyntaxError("an ASK answer, not SELECT rows")
        return ResultSet.from_solutions(solutions)
    except (SyntaxError, ValueError):
        start = " ".join(body[:120].decode("utf-8", "replace").split())
        message = f"{where} answered something that is not SPARQL JSON results: {start}"
        raise EndpointError(connection.redact(message) if connection else message) from None


def _flatten(params: dict) -> list[tuple[str, str]]:
    pairs = []
    for key, value in params.items():
        for item in ([value] if isinstance(value, str) else value):
            pairs.append((key, item))
    return pairs


def _is_connect_failure(reason) -> bool:
    return isinstance(reason, ConnectionRefusedError) or (
        isinstance(reason, OSError) and not isinstance(reason, socket.timeout)
        and reason.errno in _CONNECT_ERRNOS)


def _strip_userinfo(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


def _strip_userinfo_everywhere(text: str) -> str:
    return re.sub(r"(https?://)[^/\s@]*@", r"\1", text)
