"""A small SPARQL server on 127.0.0.1 that answers for real (a pyoxigraph store behind the
SPARQL protocol and the Graph Store PUT) until it is told to misbehave.

``fault`` says what goes wrong and ``on`` for which kind of request (``query``,
``update``, ``move`` (an update that is a MOVE), ``upload`` or ``any``); ``times`` how
often, after ``skip`` such requests answered normally (then it answers normally again,
which is how a transient fault and its retry are tested). Every request is recorded in
``seen`` as ``(kind, authorised)``. ``basic`` makes the server ask for Basic authentication.
"""

from __future__ import annotations

import base64
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

from cwkg.query.results import ResultSet

FAULTS = {
    # fault: (status, content type, body, extra headers)
    "500": (500, "text/html", "<html><body><h1>Internal Server Error</h1> disk full</body></html>",
            {}),
    "400": (400, "text/plain", "Parse error: unexpected token at line 1", {}),
    "403": (403, "text/plain", "Forbidden: read-only user", {}),
    "404": (404, "text/plain", "No such endpoint", {}),
    "415": (415, "text/plain", "Not a SPARQL query: application/sparql-update", {}),
    "503": (503, "text/plain", "Busy, come back later", {"Retry-After": "0"}),
    "bearer": (401, "text/plain", "Unauthorized", {"WWW-Authenticate": 'Bearer realm="api"'}),
    "redirect": (301, "text/plain", "", {"Location": "https://sparql.example.org/sparql"}),
    "206": (206, "application/sparql-results+json", '{"head":{"vars":["n"]},"results":{"b', {}),
    "html": (200, "text/html", "<html>Welcome to nginx!</html>", {}),
}


@dataclass
class FaultyServer:
    store: ox.Store = field(default_factory=ox.Store)
    fault: str | None = None
    on: str = "any"
    times: int = 10**6
    basic: tuple[str, str] | None = None
    delay: float = 3.0
    skip: int = 0                     # requests of that kind answered normally first
    seen: list[tuple[str, bool]] = field(default_factory=list)

    def start(self, port: int = 0) -> FaultyServer:
        self.httpd = _Quiet(("127.0.0.1", port), _handler(self))
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str = "sparql") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def inject(self, fault: str | None, on: str = "any", times: int = 10**6,
               skip: int = 0) -> None:
        self.fault, self.on, self.times, self.skip = fault, on, times, skip
        self.seen.clear()

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.seen if k == kind)


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up: expected
        pass


def _handler(server: FaultyServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self._body()
            if self.headers.get("Content-Type", "").startswith("application/sparql-update"):
                text = body.decode("utf-8")
                return self._serve("move" if text.lstrip().startswith("MOVE") else "update", text)
            form = urllib.parse.parse_qs(body.decode("utf-8"))
            return self._serve("query", form.get("query", [""])[0])

        def do_PUT(self):
            body = self._body()
            graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]
            self._serve("upload", body, graph)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _serve(self, kind: str, payload, graph: str | None = None):
            authorised = self._authorised()
            server.seen.append((kind, authorised))
            if server.fault and server.on in (kind, "any") and server.times > 0:
                if server.skip:
                    server.skip -= 1
                else:
                    server.times -= 1
                    return self._fail(server.fault)
            if not authorised:
                return self._reply(401, "text/plain", b"Unauthorized",
                                   {"WWW-Authenticate": 'Basic realm="fake"'})
            try:
                if kind == "query":
                    result = ResultSet.from_solutions(server.store.query(
                        payload, use_default_graph_as_union=True))
                    return self._reply(200, "application/sparql-results+json", result.to_json())
                if kind in ("update", "move"):
                    server.store.update(payload)
                else:
                    name = ox.NamedNode(graph)
                    server.store.remove_graph(name) if server.store.contains_named_graph(name) \
                        else None
                    server.store.load(payload, ox.RdfFormat.TURTLE, to_graph=name)
            except (SyntaxError, ValueError) as exc:
                return self._reply(400, "text/plain", str(exc).encode())
            self._reply(204, "text/plain", b"")

        def _authorised(self) -> bool:
            if server.basic is None:
                return True
            expected = "Basic " + base64.b64encode(":".join(server.basic).encode()).decode()
            return self.headers.get("Authorization") == expected

        def _fail(self, fault: str):
            if fault == "slow":
                time.sleep(server.delay)
                return self._reply(200, "text/plain", b"too late")
            if fault == "swallow":  # says yes, keeps nothing
                return self._reply(204, "text/plain", b"")
            if fault == "drop":
                self.close_connection = True
                self.connection.shutdown(2)
                return None
            status, content_type, body, headers = FAULTS[fault]
            if server.basic:  # a careless server that echoes the password in its error page
                body = body.replace("disk full", f"disk full (user {server.basic[0]}, "
                                                 f"password {server.basic[1]})")
            self._reply(status, content_type, body.encode(), headers)

        def _reply(self, status, content_type, body: bytes, headers=None):
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler
