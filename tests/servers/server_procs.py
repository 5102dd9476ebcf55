"""Real SPARQL servers for the tests, on 127.0.0.1, each in its own temporary folder.

- Oxigraph: the ``oxigraph`` program from the venv (PyPI package ``oxigraph``).
- Virtuoso Open Source: ``virtuoso-t`` from the Debian package ``virtuoso-opensource``
  (``.ci/install-servers`` installs it), with a virtuoso.ini that binds only
  127.0.0.1 and keeps every file (database, log, lock, transaction log) in the folder.

Each server can be stopped, SIGKILLed and started again on the same folder, which
is how the crash tests check what survives. ``python tests/servers/servers.py``
starts both and prints their URLs, for poking at them by hand.
"""

from __future__ import annotations

import secrets
import shutil
import signal
import socket
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from cwkg.procs import die_with_parent
from cwkg.server.auth import Credentials
from cwkg.server.http import Connection
from cwkg.server.push import Target
from cwkg.server.serve import endpoint_urls, oxigraph_binary, wait_until_answers

INSTALL_HINT = ("run 'bash .ci/install-servers' before the tests (root or sudo: it apt-installs "
                "Virtuoso's server binaries, virtuoso-opensource-7-bin)")


class ServerDidNotStart(RuntimeError):
    pass


def start_or_fail(server):
    """Start ``server``; if it cannot start, FAIL the test with the reason (never skip)."""
    import pytest
    try:
        return server.start()
    except ServerDidNotStart as exc:
        pytest.fail(str(exc), pytrace=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A server process on a folder; ``target`` is how cwkg push reaches it."""

    folder: Path
    name: str = "server"
    process: subprocess.Popen | None = field(default=None, repr=False)
    port: int = field(default_factory=free_port)

    def command(self) -> list[str]:
        raise NotImplementedError

    def query_url(self) -> str:
        raise NotImplementedError

    def start(self) -> "Server":
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prepare()
        log = open(self.folder / f"{self.name}.out", "ab")
        self.process = subprocess.Popen(self.command(), cwd=self.folder, stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        preexec_fn=die_with_parent)  # none outlives pytest
        log.close()
        try:
            wait_until_answers(self.query_url(), self.process, timeout=90)
        except Exception as exc:
            self.kill()
            raise ServerDidNotStart(f"{self.name} did not start: {exc}; its output: "
                                    f"{self.output()[-800:]}") from None
        return self

    def prepare(self) -> None:
        pass

    def output(self) -> str:
        path = self.folder / f"{self.name}.out"
        return path.read_text("utf-8", "replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL: no chance to flush or clean up, as in a power cut."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def target(self, **limits) -> Target:
        raise NotImplementedError


@dataclass
class OxigraphServer(Server):
    name: str = "oxigraph"

    def command(self) -> list[str]:
        return [oxigraph_binary(), "serve", "--location", str(self.folder / "store"),
                "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"]

    def urls(self) -> dict[str, str]:
        return endpoint_urls("127.0.0.1", self.port)

    def query_url(self) -> str:
        return self.urls()["query"]

    def target(self, **limits) -> Target:
        urls = self.urls()
        query = Connection(urls["query"], **limits)
        return Target(query, query.sibling(urls["update"]), query.sibling(urls["graph_store"]))


@dataclass
class VirtuosoServer(Server):
    """Virtuoso with a random dba password, so credential tests use a real secret."""

    name: str = "virtuoso"
    sql_port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: "pw-" + secrets.token_hex(8))

    @staticmethod
    def binary() -> str:
        found = shutil.which("virtuoso-t")
        if not found:
            raise ServerDidNotStart(f"Virtuoso (virtuoso-t) is not installed: {INSTALL_HINT}")
        return found

    def command(self) -> list[str]:
        return [self.binary(), "+configfile", str(self.folder / "virtuoso.ini"), "+foreground"]

    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def prepare(self) -> None:
        (self.folder / "virtuoso.ini").write_text(
            virtuoso_ini(self.folder, self.port, self.sql_port))

    def start(self) -> "VirtuosoServer":
        super().start()
        if not (self.folder / "password-set").exists():  # a new database: dba/dba
            self.isql(f"USER_SET_PASSWORD('dba', '{self.password}');", password="dba")
            (self.folder / "password-set").write_text("")
        return self

    def isql(self, statement: str, password: str | None = None) -> str:
        isql = shutil.which("isql-vt") or "isql-vt"
        done = subprocess.run([isql, f"127.0.0.1:{self.sql_port}", "dba",
                               password or self.password, f"exec={statement}"],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            raise ServerDidNotStart(f"isql failed: {done.stdout[-300:]} {done.stderr[-300:]}")
        return done.stdout

    def target(self, user: str = "dba", password: str | None = None, graph_store=False,
               **limits) -> Target:
        base = f"http://127.0.0.1:{self.port}"
        query = Connection(f"{base}/sparql", **limits)
        secret = self.password if password is None else password
        update = Connection(f"{base}/sparql-auth", Credentials(user, secret), **limits)
        store = update.sibling(f"{base}/sparql-graph-crud-auth") if graph_store else None
        return Target(query, update, store)


def virtuoso_ini(folder: Path, http_port: int, sql_port: int) -> str:
    """Every file in ``folder``; both listeners on 127.0.0.1 only; no row cap that would
    cut results short (Debian's default caps SPARQL answers at 10,000 rows)."""
    return textwrap.dedent(f"""\
        [Database]
        DatabaseFile       = {folder}/virtuoso.db
        ErrorLogFile       = {folder}/virtuoso.log
        LockFile           = {folder}/virtuoso.lck
        TransactionFile    = {folder}/virtuoso.trx
        xa_persistent_file = {folder}/virtuoso.pxa
        ErrorLogLevel      = 7
        FileExtend         = 200
        MaxCheckpointRemap = 2000
        Striping           = 0
        TempStorage        = TempDatabase

        [TempDatabase]
        DatabaseFile       = {folder}/virtuoso-temp.db
        TransactionFile    = {folder}/virtuoso-temp.trx
        MaxCheckpointRemap = 2000
        Striping           = 0

        [Parameters]
        ServerPort         = 127.0.0.1:{sql_port}
        DisableUnixSocket  = 1
        DisableTcpSocket   = 0
        CheckpointInterval = 60
        DirsAllowed        = {folder}
        NumberOfBuffers    = 10000
        MaxDirtyBuffers    = 6000
        MaxQueryMem        = 500M

        [HTTPServer]
        ServerPort           = 127.0.0.1:{http_port}
        ServerRoot           = {folder}
        ServerThreads        = 10
        MaxClientConnections = 10
        EnabledDavVSP        = 0
        Charset              = UTF-8

        [SPARQL]
        ResultSetMaxRows      = 10000000
        MaxQueryExecutionTime = 300
        MaxQueryCostEstimationTime = 0
        """)


if __name__ == "__main__":  # start both by hand
    import tempfile
    import time
    root = Path(tempfile.mkdtemp(prefix="cwkg-servers-"))
    servers = [OxigraphServer(root / "oxigraph").start(), VirtuosoServer(root / "virtuoso").start()]
    for s in servers:
        print(s.name, s.query_url(), getattr(s, "password", ""))
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        for s in servers:
            s.stop()


def push_command(server, *extra: str) -> tuple[list[str], dict[str, str]]:
    """The `cwkg push` options for this server, and the environment carrying its password."""
    if isinstance(server, OxigraphServer):
        urls = server.urls()
        return (["--endpoint", urls["query"], "--update-endpoint", urls["update"],
                 "--graph-store", urls["graph_store"], *extra], {})
    return (["--endpoint", f"http://127.0.0.1:{server.port}/sparql-auth", *extra],
            {"CWKG_ENDPOINT_USER": "dba", "CWKG_ENDPOINT_PASSWORD": server.password})


def server_state(target, graphs: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Every triple of each graph on the server, sorted and normalised: a snapshot to compare."""
    from tests.servers.dialects import dataset_params, normalised_rows
    found = {g: [] for g in graphs}
    from cwkg.server.remote import select
    results = select(target.query, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                                  dataset_params(graphs))
    for row in normalised_rows(results):
        found.setdefault(row[0].strip("<>"), []).append(row[1:])
    return found

