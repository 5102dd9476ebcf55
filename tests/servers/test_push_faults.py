"""cwkg push against a small misbehaving HTTP server on 127.0.0.1: every fault is one clear
line and exit 2, never a traceback, and a failure before the swap never sends MOVE."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from server_procs import free_port

from cwkg.build.write import build
from cwkg.cli import main


class Fake(BaseHTTPRequestHandler):
    mode = "ok"
    seen: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, status: int, body: bytes = b"", content_type="application/sparql-results+json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):
        self._body()
        self.seen.append("PUT")
        self._send(500 if self.mode in ("500", "upload-500") else 201)

    def do_POST(self):
        body = self._body().decode("utf-8", "replace")
        kind = "MOVE" if "MOVE" in body else "QUERY" if "query=" in body else "UPDATE"
        self.seen.append(kind)
        if self.mode == "timeout":
            time.sleep(3)
        if self.mode == "500":
            return self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        if kind != "QUERY":
            return self._send(204)
        if self.mode == "206":
            return self._send(206, b'{"head":{"vars":["n"]},"results":{"bindings":[')
        if self.mode == "not-sparql":
            return self._send(200, b"<html>Welcome to nginx!</html>", "text/html")
        count = "0" if self.mode == "short" else "999999"
        answer = {"head": {"vars": ["n"]}, "results": {"bindings": [
            {"n": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                   "value": count}}]}}
        self._send(200, json.dumps(answer).encode())


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up: expected here
        pass


@pytest.fixture(scope="module")
def out(tmp_path_factory, repo):
    folder = tmp_path_factory.mktemp("build")
    build(repo / "data", folder)
    return folder


@pytest.fixture()
def fake():
    server = QuietServer(("127.0.0.1", 0), Fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Fake.seen = []
    yield server
    server.shutdown()
    server.server_close()


def push(out, url, *extra, capsys):
    code = main(["--out", str(out), "push", "--endpoint", url, "--graph-store", url,
                 "--timeout", "1", "--retries", "1", *extra])
    captured = capsys.readouterr()
    return code, captured.err


@pytest.mark.parametrize("mode, message", [
    ("500", "answered HTTP 500 Internal Server Error to the update: Internal Server Error"),
    ("upload-500", "answered HTTP 500 Internal Server Error to the upload of "
                   "<https://w3id.org/cwkg/graph/staging/graph/reference>"),
    ("206", "answered HTTP 206 (partial results) to the query"),
    ("not-sparql", "answered something that is not SPARQL JSON results: <html>Welcome to nginx!"),
    ("short", "the server holds 0 triples in the staging graph of graph:reference, the build has"),
    ("timeout", "no answer from http://127.0.0.1:"),
])
def test_fault_is_one_clear_line_and_exit_2(mode, message, fake, out, capsys):
    Fake.mode = mode
    url = f"http://127.0.0.1:{fake.server_port}/sparql"
    code, err = push(out, url, capsys=capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cwkg: error: push of graph:reference failed, "
                                                   "the server keeps its previous version: ")
    assert message in lines[0]
    assert "MOVE" not in Fake.seen                              # the live graph never touched


def test_connection_refused_is_retried_then_reported(out, capsys):
    port = free_port()                                          # nothing listens there
    started = time.monotonic()
    code, err = push(out, f"http://127.0.0.1:{port}/sparql", capsys=capsys)
    assert code == 2
    assert f"cannot connect to http://127.0.0.1:{port}/sparql (tried 2 times)" in err
    assert "is the server running?" in err and "Traceback" not in err
    assert time.monotonic() - started < 10


def test_a_url_that_is_not_http_is_refused_before_any_work(out, capsys):
    code, err = push(out, "ftp://127.0.0.1/x", capsys=capsys)
    assert code == 2 and "'ftp://127.0.0.1/x' is not an http(s) URL" in err


def test_the_count_of_a_live_graph_after_the_swap_is_checked(fake, out, capsys):
    """The fake server says every graph holds 999999 triples: staging fails the check first."""
    Fake.mode = "ok"
    code, err = push(out, f"http://127.0.0.1:{fake.server_port}/sparql", capsys=capsys)
    assert code == 2 and "holds 999999 triples in the staging graph" in err
