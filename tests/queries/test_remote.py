"""Remote endpoints: a small SPARQL server on 127.0.0.1 (stdlib http.server in a thread)
answers with real SPARQL JSON results computed from the embedded store, so every stored
query must give the same rows remotely as locally; fault variants (refused, too slow,
HTTP 500, HTTP 206, an HTML page, 401) must each give one clear EndpointError, exit 2."""

from __future__ import annotations

import base64
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cwkg.errors import EndpointError
from cwkg.query.catalogue import load_catalogue
from cwkg.query.results import ResultSet
from cwkg.query.run import run
from cwkg.server.remote import RemoteBackend, select

CATALOGUE = load_catalogue()
PASSWORD = "s3cret-Pa55word"


def make_handler(store):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
            query = form.get("query", [""])[0]
            mode = self.path.strip("/")
            if mode == "slow":
                time.sleep(3)
            if mode == "error":
                return self.reply(500, "text/plain", b"Internal error: out of memory")
            if mode == "html":
                return self.reply(200, "text/html", b"<html><body>Login</body></html>")
            if mode == "auth":
                expected = "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
                if self.headers.get("Authorization") != expected:
                    return self.reply(401, "text/plain", b"Unauthorized")
            try:
                result = ResultSet.from_solutions(store.oxigraph.query(query))
            except SyntaxError as exc:
                return self.reply(400, "text/plain", str(exc).encode())
            status = 206 if mode == "partial" else 200
            self.reply(status, "application/sparql-results+json", result.to_json())

        def reply(self, status, content_type, body):
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

    return Handler


@pytest.fixture(scope="module")
def server(built):
    from cwkg.rdf.store import Store
    _, graph = built
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(Store(graph.quads)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def example_params(query):
    return {p.name: p.example for p in query.params}


@pytest.mark.parametrize("query", list(CATALOGUE.values()), ids=lambda q: q.id)
def test_every_stored_query_gives_the_same_rows_remotely(query, server, embedded):
    remote = run(query, example_params(query), backend=RemoteBackend(f"{server}/sparql",
                                                                     timeout=10))
    local = run(query, example_params(query), backend=embedded)
    assert remote.variables == local.variables
    assert remote.sorted_rows() == local.sorted_rows()


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.mark.parametrize("path, timeout, message", [
    ("slow", 0.5, "no answer within 0.5 s"),
    ("error", 5, "HTTP 500: the endpoint failed: Internal error: out of memory"),
    ("partial", 5, "HTTP 206 partial content"),
    ("html", 5, "not SPARQL JSON results (Content-Type text/html"),
    ("auth", 5, "HTTP 401: not authorised"),
])
def test_a_failing_endpoint_is_one_clear_error(server, path, timeout, message):
    with pytest.raises(EndpointError) as caught:
        select(f"{server}/{path}", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", timeout=timeout)
    assert message in str(caught.value)
    assert f"endpoint {server}/{path}" in str(caught.value)


def test_a_refused_connection_is_one_clear_error():
    url = f"http://127.0.0.1:{closed_port()}/sparql"
    with pytest.raises(EndpointError, match="connection refused"):
        select(url, "SELECT * WHERE { ?s ?p ?o }", timeout=2)


def test_a_bad_query_is_reported_as_the_endpoint_rejecting_it(server):
    with pytest.raises(EndpointError, match="HTTP 400: the endpoint rejected the query"):
        select(f"{server}/sparql", "SELECT nonsense", timeout=5)


def test_credentials_come_from_the_environment_and_are_never_printed(server, monkeypatch,
                                                                      capsys):
    from cwkg.cli import main
    monkeypatch.setenv("CWKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("CWKG_ENDPOINT_PASSWORD", PASSWORD)
    rows = select(f"{server}/auth", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2",
                  timeout=5)
    assert len(rows) == 2
    monkeypatch.setenv("CWKG_ENDPOINT_PASSWORD", PASSWORD + "-wrong")
    assert main(["query", "voices", "--endpoint", f"{server}/auth"]) == 2
    out = capsys.readouterr()
    assert "HTTP 401" in out.err and PASSWORD not in out.err + out.out


def test_credentials_in_the_url_are_refused_without_echoing_them():
    with pytest.raises(EndpointError) as caught:
        select(f"http://alice:{PASSWORD}@127.0.0.1:1/sparql", "SELECT * {}", timeout=1)
    assert PASSWORD not in str(caught.value) and "credentials in the URL" in str(caught.value)


def test_the_command_runs_on_an_endpoint(server, capsys):
    from cwkg.cli import main
    code = main(["query", "death-tolls", "--param", "attack=Khan Sheikhoun massacre",
                 "--endpoint", f"{server}/sparql", "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0].split(",")[:3] == ["attack", "source", "date"]
    assert len(out.strip().splitlines()) == 6 and "the loss of over 90 lives" in out


def test_the_command_reports_a_dead_endpoint_with_exit_2(capsys):
    from cwkg.cli import main
    assert main(["query", "voices", "--endpoint", f"http://127.0.0.1:{closed_port()}/q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cwkg: error: endpoint http://127.0.0.1:") and "refused" in err
