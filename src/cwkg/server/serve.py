"""``cwkg serve``: the built dataset behind an Oxigraph SPARQL server on 127.0.0.1.

The server is the ``oxigraph`` command-line program (PyPI package ``oxigraph``,
installed with ``pip install 'cwkg[serve]'``). The build's N-Quads are bulk-loaded
into a fresh store folder in a temporary directory, the server runs on that folder
bound to loopback only, and the folder is removed when the server stops (Ctrl-C or
SIGTERM). The server runs with ``--union-default-graph``: a query without GRAPH
sees every source's graph, as on Virtuoso and on the embedded store. If cwkg itself
is killed (SIGKILL), the kernel stops the server too (Linux); only then does the
temporary folder stay behind (``$TMPDIR/cwkg-serve-*``).

>>> urls = endpoint_urls("127.0.0.1", 7878)
>>> urls["query"], urls["graph_store"]
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from cwkg.build.persistent import serving_copy
from cwkg.errors import EndpointError, UsageError
from cwkg.procs import die_with_parent

from .http import Connection, HTTPFailure

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 7878
START_TIMEOUT = 30.0  # seconds to wait for the server to answer


def endpoint_urls(host: str, port: int) -> dict[str, str]:
    base = f"http://{host}:{port}"
    return {"query": f"{base}/query", "update": f"{base}/update", "graph_store": f"{base}/store"}


def oxigraph_binary() -> str:
    """The ``oxigraph`` program: beside this Python first (a venv), then on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise UsageError("the Oxigraph server program is not installed; run "
                     "pip install 'cwkg[serve]' (it ships the 'oxigraph' command)")


@contextlib.contextmanager
def oxigraph_server(location: Path, port: int, host: str = LOOPBACK,
                    read_only: bool = False) -> Iterator[subprocess.Popen]:
    """Run ``oxigraph serve`` on ``location`` until the block ends; wait until it answers."""
    command = [oxigraph_binary(), "serve-read-only" if read_only else "serve",
               "--location", str(location), "--bind", f"{host}:{port}", "--union-default-graph"]
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, preexec_fn=functools.partial(die_with_parent, os.getpid()))
    try:
        wait_until_answers(endpoint_urls(host, port)["query"], process, log)
        yield process
    finally:
        stop(process)
        log.close()


def wait_until_answers(query_url: str, process: subprocess.Popen | None = None, log=None,
                       timeout: float = START_TIMEOUT) -> None:
    """Poll ``ASK {}`` until the endpoint answers 200; fail with the server's own words."""
    deadline = time.monotonic() + timeout
    probe = Connection(query_url, timeout=2, retries=0)
    while True:
        if process is not None and process.poll() is not None:
            said = ""
            if log is not None:
                log.seek(0)
                said = _last_line(log.read().decode("utf-8", "replace"))
            if "address already in use" in said.lower():
                host, _, port = query_url.split("/")[2].rpartition(":")
                raise UsageError(in_use(host, int(port)))
            raise EndpointError(f"the server stopped at start (exit {process.returncode}): "
                                f"{said or 'no message'}")
        try:
            probe.request("GET", params={"query": "ASK {}"}, what="start-up check",
                          idempotent=True)
            return
        except HTTPFailure:
            pass
        if time.monotonic() > deadline:
            raise EndpointError(f"the server did not answer at {query_url} within {timeout:g} s")
        time.sleep(0.1)


def check_port_free(host: str, port: int) -> None:
    """Fail before any work if another program listens on ``host:port``: otherwise the
    start-up check could take that program's answers for the new server's."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(in_use(host, port)) from None
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def in_use(host: str, port: int) -> str:
    return f"{host}:{port} is in use (another program listens there); choose another --port"


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(build_dir: Path, port: int = DEFAULT_PORT, host: str = LOOPBACK,
          announce=print) -> None:
    """Serve a copy of the build's persistent store (hard links: no loading) until Ctrl-C
    or SIGTERM; pushes to the server change the copy, never the build."""
    if host != LOOPBACK:
        raise UsageError(f"--host {host}: cwkg serve binds only {LOOPBACK}; put a reverse "
                         "proxy in front of it to share the graph")
    oxigraph_binary()  # fail before any work if it is missing
    check_port_free(host, port)
    # beside the build, so that the copy can be made of hard links (one file system)
    with tempfile.TemporaryDirectory(prefix=".serve-", dir=build_dir) as folder:
        location = Path(folder) / "store"
        serving_copy(build_dir, location)
        stopping = _StopOnSignal()
        with stopping, oxigraph_server(location, port, host) as process:
            urls = endpoint_urls(host, port)
            announce(f"SPARQL query endpoint:  {urls['query']}")
            announce(f"SPARQL update endpoint: {urls['update']}")
            announce(f"Graph Store endpoint:   {urls['graph_store']}")
            announce("serving the build; press Ctrl-C to stop")
            while process.poll() is None and not stopping.requested:
                time.sleep(0.2)
            if process.poll() is not None and not stopping.requested:
                raise EndpointError(f"the Oxigraph server stopped by itself (exit "
                                    f"{process.returncode})")


class _StopOnSignal:
    """Turn SIGTERM and SIGINT into a flag, so the server and its folder are cleaned up."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        self.requested = True

    def __enter__(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""

