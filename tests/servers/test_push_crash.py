"""SIGKILL the server in the middle of a push: after a restart each graph is whole, old or
new, and the CLI has exited 2 with one clear line.

A small TCP proxy on 127.0.0.1 sits between cwkg and the real server. When the
request it is told to watch arrives, it forwards part of it (two thirds of its body) or
all of it, and SIGKILLs the server process, as a power cut would. The request is the
one that replaces a source's graph (``DELETE ... WHERE ...; INSERT DATA ...`` on
Oxigraph; on Virtuoso its N-Quads in the body of the query that parses them, deletes the
old quads and inserts the new), or the bulk load of a first push (N-Quads: a Graph Store
POST on Oxigraph, the body of the query that hands them to ``DB.DBA.TTLP`` on Virtuoso).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from server_procs import OxigraphServer, VirtuosoServer, push_command, server_state, start_or_fail

from cwkg.namespaces import expand
from cwkg.server.payload import Dataset

CHANGED = "src:wh-2024-04-04"


class KillingProxy:
    def __init__(self, upstream_port: int, server, trigger: bytes, forward_all: bool):
        self.upstream_port, self.server, self.trigger = upstream_port, server, trigger
        self.forward_all = forward_all
        self.killed = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket):
        with client:
            request = _read_request(client)
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
            except OSError:
                return                                        # server down: drop the client
            with upstream:
                # Virtuoso answers the first try 401; wait for the one that carries the data
                authorised = (not isinstance(self.server, VirtuosoServer)
                              or b"\r\nauthorization:" in request.lower())
                carries_data = bool(request.partition(b"\r\n\r\n")[2])  # not the loader's check
                if not self.killed and self.trigger in request and authorised and carries_data:
                    cut = len(request) if self.forward_all else len(request) * 2 // 3
                    upstream.sendall(request[:cut])
                    self.killed = True
                    self.server.kill()                        # SIGKILL, mid-request
                    return
                upstream.sendall(request)
                while chunk := upstream.recv(65536):
                    client.sendall(chunk)

    def close(self):
        self.listener.close()


def _read_request(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def run_cwkg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "cwkg.cli", *args], capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


def build(data: Path, out: Path) -> dict[str, int]:
    """Build; {graph: triples}."""
    done = run_cwkg("--data", str(data), "--out", str(out), "build")
    assert done.returncode == 0, done.stderr
    return {iri: g.triples for iri, g in Dataset.from_file(out / "cwkg.nq").graphs.items()}


def proxied(options: list[str], real_port: int, proxy_port: int) -> list[str]:
    return [o.replace(f":{real_port}/", f":{proxy_port}/") for o in options]


@pytest.mark.parametrize("kind", [OxigraphServer, VirtuosoServer], ids=["oxigraph", "virtuoso"])
@pytest.mark.parametrize("moment", ["mid-request", "after-request"])
def test_sigkill_during_a_replace_keeps_a_whole_graph(kind, moment, tmp_path, data_copy):
    server = start_or_fail(kind(tmp_path / "server"))
    try:
        v1 = build(data_copy, tmp_path / "v1")
        options, env = push_command(server)
        first = run_cwkg("--out", str(tmp_path / "v1"), "--data", str(data_copy), "push",
                         *options, env=env)
        assert first.returncode == 0, first.stderr
        before = server_state(server.target(), list(v1))

        yaml = data_copy / "sources" / "wh-2024-04-04.yaml"
        yaml.write_text(yaml.read_text("utf-8").replace(
            "No title or URL is given in the text.", "No title or URL (crash test)."), "utf-8")
        v2 = build(data_copy, tmp_path / "v2")
        replacing = b"INSERT DATA" if kind is OxigraphServer else b"cwkg_dpipe"
        proxy = KillingProxy(server.port, server, replacing,
                             forward_all=moment == "after-request")
        crashed = run_cwkg("--out", str(tmp_path / "v2"), "--data", str(data_copy), "push",
                           *proxied(options, server.port, proxy.port), "--source", CHANGED,
                           "--retries", "0", "--timeout", "20", env=env)
        proxy.close()
        assert proxy.killed, "the proxy never saw the request to kill on"

        assert crashed.returncode == 2, crashed.stderr
        lines = crashed.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"cwkg: error: push of {CHANGED} failed")
        assert "Traceback" not in crashed.stderr
        assert "the server holds its previous or its new version" in lines[0]

        server.start()                                        # same folder, same port
        after = server_state(server.target(), list(v1))
        wh = expand(CHANGED)
        for graph in v1:
            if graph != wh:
                assert after[graph] == before[graph], graph
        is_new = any("crash test" in r[2] for r in after[wh])
        if moment == "mid-request":                           # the body never arrived whole
            assert after[wh] == before[wh]
        else:                                                 # one transaction: old or new
            assert after[wh] == before[wh] or (is_new and len(after[wh]) == v2[wh])

        again = run_cwkg("--out", str(tmp_path / "v2"), "--data", str(data_copy), "push",
                         *options, "--source", CHANGED, env=env)
        assert again.returncode == 0, again.stderr
        assert any("crash test" in r[2] for r in server_state(server.target(), [wh])[wh])
    finally:
        server.stop()


@pytest.mark.parametrize("kind", [OxigraphServer, VirtuosoServer], ids=["oxigraph", "virtuoso"])
def test_sigkill_during_a_bulk_load_leaves_nothing_or_everything(kind, tmp_path, repo):
    """The first push into an empty server is one transaction (this build fits in one
    request): after the crash the server holds none of it or all of it, and a new push
    finishes the job."""
    server = start_or_fail(kind(tmp_path / "server"))
    try:
        graphs = build(repo / "data", tmp_path / "build")
        options, env = push_command(server)
        proxy = KillingProxy(server.port, server, b"application/n-quads", forward_all=False)
        crashed = run_cwkg("--out", str(tmp_path / "build"), "push",
                           *proxied(options, server.port, proxy.port), "--retries", "0",
                           "--timeout", "20", env=env)
        proxy.close()
        assert proxy.killed and crashed.returncode == 2, crashed.stderr
        lines = crashed.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("cwkg: error: push failed; removing "
                                                       "what it had written failed too")

        server.start()
        held = server_state(server.target(), list(graphs))
        sizes = {g: len(rows) for g, rows in held.items()}
        assert sizes == {g: 0 for g in graphs} or sizes == graphs

        again = run_cwkg("--out", str(tmp_path / "build"), "push", *options, env=env)
        assert again.returncode == 0, again.stderr
        held = server_state(server.target(), list(graphs))
        assert {g: len(rows) for g, rows in held.items()} == graphs
    finally:
        server.stop()
