"""The one HTTP layer: everything cwkg sends to a server goes through :meth:`Connection.send`.

``cwkg query --endpoint`` (SPARQLWrapper composes the query request, see
:mod:`cwkg.server.remote`) and ``cwkg push`` (updates and Graph Store uploads in
plain HTTP) share here:

- **one error mapping**: every failure is an :class:`HTTPFailure` (an
  :class:`~cwkg.errors.EndpointError`, exit 2) of one line that names the URL as
  given (port included), what happened and what to do; passwords never appear;
- **one timeout**: ``timeout`` seconds for the connection and for each read (for a large
  upload, at least 4 s per MB sent: a server answers once it has stored it all);
- **one retry policy**: a request that could not *connect* never reached the
  server, so it is retried (``retries`` times, pauses doubling from 0.5 s). A
  request that may have reached the server is retried only if repeating it is
  harmless (``idempotent``: a query, a graph upload, a replace): then also when
  the connection was lost before an answer, or the server answered 429/502/503/504.
  A timeout is never retried (it would multiply the wait);
- **one way to authenticate** (:mod:`cwkg.server.auth`: Basic or Digest, as the
  server asks), and credentials in the URL refused;
- HTTP 206 (Virtuoso's partial "anytime" answer) is an error, never a result;
  a redirect is reported with its target, never followed with the body dropped.

>>> Connection("http://bob:s3cret@127.0.0.1:8890/sparql")
Traceback (most recent call last):
cwkg.server.http.HTTPFailure: http://127.0.0.1:8890/sparql: credentials in the URL are refused (they would end up in logs and shell history); use --user or $CWKG_ENDPOINT_USER, and $CWKG_ENDPOINT_PASSWORD
>>> Connection("ftp://127.0.0.1/sparql")
Traceback (most recent call last):
cwkg.server.http.HTTPFailure: ftp://127.0.0.1/sparql: not an http(s) URL; give the endpoint as http://host:port/path
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
from email.message import Message

from cwkg.errors import EndpointError

from .auth import PASSWORD_ENV, USER_ENV, ChallengeAuth, Credentials, parse_challenges

DEFAULT_TIMEOUT = 60.0   # seconds for the connection and for each read
DEFAULT_RETRIES = 2      # extra attempts, under the policy above
RETRY_PAUSE = 0.5        # seconds before the first retry; doubles each time
MAX_RETRY_AFTER = 10.0   # the longest Retry-After cwkg waits
# a server answers a large upload only once it has stored it: wait at least 4 s per MB
SLOWEST_STORE = 256 * 1024  # bytes per second
USER_AGENT = "cwkg"
BUSY = {429, 502, 503, 504}
_CONNECT_ERRNOS = {errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH,
                   errno.EADDRNOTAVAIL, errno.ENETDOWN}
_HINTS = {
    400: "the server rejected the request",
    403: "this user may not do this here; check its permissions",
    404: "check the URL",
    405: "this URL does not take this kind of request; check which URL is the query, "
         "update or graph-store endpoint",
    413: "the request is larger than the server accepts",
    415: "this URL does not take this kind of request; check which URL is the query, "
         "update or graph-store endpoint",
}


class HTTPFailure(EndpointError):
    """A request failed; ``status`` is the HTTP status when the server answered one;
    ``unsure`` when the request may have been carried out all the same (it reached the
    server, which then gave no answer)."""

    def __init__(self, message: str, status: int | None = None, unsure: bool = False):
        super().__init__(message)
        self.status = status
        self.unsure = unsure

    def __reduce__(self):
        return HTTPFailure, (self.message, self.status, self.unsure)


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "") if self.headers else ""


@dataclass
class Connection:
    """One endpoint URL, with the credentials, timeout and retries every request uses."""

    url: str
    credentials: Credentials | None = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    _opener: urllib.request.OpenerDirector | None = field(default=None, repr=False,
                                                          compare=False)
    server: str = field(default="", repr=False, compare=False)  # its last Server header

    def __post_init__(self) -> None:
        check_url(self.url)

    def sibling(self, url: str) -> Connection:
        """Another endpoint of the same server: same credentials and limits, and the
        same authentication state (a Digest challenge answered once serves both)."""
        return Connection(url, self.credentials, self.timeout, self.retries,
                          _opener=self.opener())

    def with_limits(self, timeout: float | None = None, retries: int | None = None) -> Connection:
        return Connection(self.url, self.credentials,
                          self.timeout if timeout is None else timeout,
                          self.retries if retries is None else retries, _opener=self.opener())

    def redact(self, text: str) -> str:
        """``text`` with URL credentials and the password removed."""
        text = re.sub(r"(https?://)[^/\s@]*@", r"\1", text)
        if self.credentials and self.credentials.password:
            text = text.replace(self.credentials.password, "***")
        return text

    def opener(self) -> urllib.request.OpenerDirector:
        if self._opener is None:
            handlers: list = [_NoRedirects()]
            if self.credentials is not None:
                handlers.append(ChallengeAuth(self.credentials))
            self._opener = urllib.request.build_opener(*handlers)
        return self._opener

    # -- the one way out ------------------------------------------------------------------

    def send(self, request: urllib.request.Request, *, what: str, idempotent: bool,
             size: int = 0) -> Response:
        """Send ``request`` (to this endpoint); return a 2xx answer other than 206, or raise
        one :class:`HTTPFailure` line. ``what`` names the step in messages; ``size`` is the
        body's length in bytes."""
        request.add_header("User-Agent", USER_AGENT)
        timeout = max(self.timeout, size / SLOWEST_STORE)
        attempt, pause = 0, RETRY_PAUSE
        while True:
            try:
                with self.opener().open(request, timeout=timeout) as answer:
                    response = Response(answer.status, answer.headers, answer.read())
                self.server = response.headers.get("Server", "") or self.server
                break
            except Exception as exc:  # noqa: BLE001 - every transport failure is mapped below
                kind = _kind(exc)
                if attempt < self.retries and _may_retry(kind, idempotent):
                    attempt += 1
                    time.sleep(_pause(exc, pause))
                    pause *= 2
                    if hasattr(request.data, "seek"):
                        request.data.seek(0)
                    continue
                raise self._failure(exc, kind, what, attempt, timeout) from None
        if response.status == 206:
            raise HTTPFailure(f"{self.url} answered HTTP 206 (partial results) to the {what}: "
                              "the server cut its answer short (a time or row limit), so "
                              "nothing is shown; raise the server's limit or narrow the query",
                              206)
        return response

    def request(self, method: str, *, params: dict | None = None, body=None,
                content_type: str | None = None, length: int | None = None,
                accept: str | None = None, what: str, idempotent: bool) -> Response:
        """Build and send one request. ``body`` is bytes or a binary file (streamed; give
        its ``length``)."""
        url = self.url
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        if length is not None:
            request.add_header("Content-Length", str(length))
        size = length if length is not None else len(body) if isinstance(body, bytes) else 0
        return self.send(request, what=what, idempotent=idempotent, size=size)

    def update(self, text: str, *, what: str = "update", idempotent: bool = False) -> None:
        """Run a SPARQL Update (``application/sparql-update``). Say ``idempotent=True``
        only when sending it twice leaves the server as sending it once."""
        self.request("POST", body=text.encode("utf-8"), content_type="application/sparql-update",
                     what=what, idempotent=idempotent)

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Graph Store PUT: replace one graph with these triples (N-Triples is Turtle,
        which every Graph Store implementation accepts). Repeating it is harmless."""
        self.request("PUT", params={"graph": graph}, body=ntriples,
                     content_type="text/turtle; charset=utf-8", what=f"upload of <{graph}>",
                     idempotent=True)

    # -- the one error mapping ------------------------------------------------------------

    def _failure(self, exc: BaseException, kind: str, what: str, attempts: int,
                 timeout: float) -> HTTPFailure:
        tries = f" (tried {attempts + 1} times)" if attempts else ""
        status = None
        if kind in ("status", "busy"):
            status = exc.code
            text = self._status_text(exc, what) + tries
        elif kind == "timeout":
            text = (f"no answer from {self.url} within {timeout:.3g} s during the {what} "
                    "(raise --timeout, or ask for less)")
        elif kind == "connect":
            reason = _reason(exc)
            text = (f"cannot connect to {self.url}{tries}: "
                    f"{getattr(reason, 'strerror', None) or reason}; is the server running?")
        elif kind == "resolve":
            text = f"cannot find the host of {self.url}{tries}: {_reason(exc)}"
        elif kind == "lost":
            text = (f"the connection to {self.url} was lost during the {what}{tries} "
                    f"({type(_reason(exc)).__name__}: the server closed it without an answer)")
        else:
            text = f"{self.url} failed during the {what}: {_reason(exc)}"
        return HTTPFailure(self.redact(" ".join(text.split())), status,
                           unsure=kind in ("timeout", "lost", "other"))

    def _status_text(self, exc: urllib.error.HTTPError, what: str) -> str:
        code, reason = exc.code, exc.reason
        head = f"{self.url} answered HTTP {code} {reason} to the {what}"
        if 300 <= code < 400:
            target = exc.headers.get("Location", "?") if exc.headers else "?"
            return f"{self.url} redirects to {target} (HTTP {code}); give that URL instead"
        if code == 401:
            return head + ": " + self._unauthorised(exc)
        detail = _detail(exc)
        hint = _HINTS.get(code, "")
        return head + (f": {detail}" if detail else "") + (f" ({hint})" if hint else "")

    def _unauthorised(self, exc: urllib.error.HTTPError) -> str:
        offered = parse_challenges(exc.headers.get_all("WWW-Authenticate") or []) \
            if exc.headers else {}
        schemes = ", ".join(s.capitalize() for s in offered) or "no scheme named"
        if offered and not {"basic", "digest"} & set(offered):
            return (f"it asks for {schemes} authentication; cwkg speaks Basic and Digest")
        if self.credentials is None:
            return (f"it needs a user and password ({schemes}); give --user (or "
                    f"${USER_ENV}) and ${PASSWORD_ENV}")
        return (f"user {self.credentials.user} was refused ({schemes}); check the user and "
                f"${PASSWORD_ENV}")


def check_url(url: str) -> None:
    """Refuse what is not an http(s) URL, and credentials in a URL (without echoing them)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or "@" in parts.netloc:
        shown = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        raise HTTPFailure(f"{shown}: credentials in the URL are refused (they would end up in "
                          f"logs and shell history); use --user or ${USER_ENV}, and "
                          f"${PASSWORD_ENV}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HTTPFailure(f"{url}: not an http(s) URL; give the endpoint as "
                          "http://host:port/path")
    try:
        _ = parts.port
    except ValueError:
        raise HTTPFailure(f"{url}: the port is not a number from 0 to 65535") from None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a POST redirect as a GET without the query: report it instead."""

    def redirect_request(self, *args, **kwargs):
        return None


def _reason(exc: BaseException) -> BaseException:
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        return exc.reason
    return exc


def _kind(exc: BaseException) -> str:
    """What went wrong: status, timeout, connect, resolve, lost or other."""
    if isinstance(exc, urllib.error.HTTPError):
        return "busy" if exc.code in BUSY else "status"
    reason = _reason(exc)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timeout"
    if isinstance(reason, socket.gaierror):
        return "resolve"
    if isinstance(reason, ConnectionRefusedError) or (
            isinstance(reason, OSError) and reason.errno in _CONNECT_ERRNOS):
        return "connect"
    if isinstance(reason, (http.client.RemoteDisconnected, ConnectionResetError,
                           BrokenPipeError, ConnectionAbortedError, http.client.IncompleteRead,
                           http.client.BadStatusLine)):
        return "lost"
    return "other"


def _may_retry(kind: str, idempotent: bool) -> bool:
    if kind == "connect":
        return True  # never reached the server
    return idempotent and kind in ("lost", "busy")


def _pause(exc: BaseException, pause: float) -> float:
    """The server's Retry-After (seconds, capped) when it gave one, else the backoff."""
    headers = getattr(exc, "headers", None)
    value = headers.get("Retry-After", "") if headers else ""
    return min(float(value), MAX_RETRY_AFTER) if value.strip().isdigit() else pause


def _detail(exc: urllib.error.HTTPError) -> str:
    """The first words of the server's explanation, without HTML tags."""
    try:
        raw = exc.read(2000).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return ""
    return " ".join(re.sub(r"<[^>]*>", " ", raw).split())[:300]
