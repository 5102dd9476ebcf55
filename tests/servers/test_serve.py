"""cwkg serve: the build behind a real Oxigraph server on 127.0.0.1, stopped cleanly by signal."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from server_procs import INSTALL_HINT, ServerDidNotStart, VirtuosoServer, free_port, start_or_fail

from cwkg.build.write import build
from cwkg.server.http import Connection
from cwkg.server.remote import select


@pytest.fixture(scope="module")
def out(tmp_path_factory, repo):
    folder = tmp_path_factory.mktemp("build")
    build(repo / "data", folder)
    return folder


def start_serve(out, port, tmp):
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.Popen([sys.executable, "-m", "cwkg.cli", "--data", "data", "--out", str(out),
                             "serve", "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env,
                            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_answers_on_loopback_and_stops_cleanly(stop_signal, out, tmp_path, built_store):
    port = free_port()
    process = start_serve(out, port, tmp_path)
    try:
        first = process.stdout.readline().strip()
        assert first == f"SPARQL query endpoint:  http://127.0.0.1:{port}/query", \
            first + process.stderr.read() if not first else first
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True,
                                   text=True).stdout
        local = [line.split()[3] for line in listening.splitlines()]
        assert local == [f"127.0.0.1:{port}"], listening            # loopback only
        rows = select(Connection(f"http://127.0.0.1:{port}/query"),
                      "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows       # union default graph
        assert int(rows[0][0].value) == len({q.triple for q in built_store.quads})
        assert any(out.glob(".serve-*"))      # the copy of the store, beside the build
        process.send_signal(stop_signal)
        assert process.wait(30) == 0
        assert "server stopped; its temporary store was removed" in process.stderr.read()
        assert not any(out.glob(".serve-*"))
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(30)


def test_a_killed_serve_leaves_no_server_running(out, tmp_path):
    """SIGKILL gives cwkg no chance to stop its server: the kernel does it (PDEATHSIG)."""
    port = free_port()
    process = start_serve(out, port, tmp_path)
    assert process.stdout.readline().startswith("SPARQL query endpoint:")
    process.kill()
    process.wait()
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            break                                              # nothing listens any more
        time.sleep(0.1)
    else:
        pytest.fail(f"the Oxigraph server on port {port} outlived the killed cwkg serve")


def test_serve_on_a_busy_port_says_so_before_any_url(out, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = start_serve(out, port, tmp_path)
        stdout, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err == f"cwkg: error: 127.0.0.1:{port} is in use (another program listens there); " \
                  "choose another --port\n"
    assert stdout == ""                                        # no URL printed
    assert not any(tmp_path.glob("cwkg-serve-*"))


def test_serve_without_a_build_says_what_to_do(tmp_path):
    process = start_serve(tmp_path / "nothing", free_port(), tmp_path)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and "run 'cwkg build' first" in err


def test_missing_virtuoso_fails_with_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServerDidNotStart, match="not installed: run 'bash .ci/install-servers'"):
        VirtuosoServer(tmp_path / "v").start()
    assert "install-servers" in INSTALL_HINT


def test_virtuoso_listens_only_on_loopback_and_keeps_its_files_in_its_folder(tmp_path):
    server = start_or_fail(VirtuosoServer(tmp_path / "virtuoso"))
    try:
        listening = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
        mine = [line.split()[3] for line in listening.splitlines()
                if f"pid={server.process.pid}," in line]
        assert sorted(mine) == sorted([f"127.0.0.1:{server.port}", f"127.0.0.1:{server.sql_port}"])
        assert (tmp_path / "virtuoso" / "virtuoso.db").exists()
    finally:
        server.stop()
    assert {p.name for p in (tmp_path / "virtuoso").iterdir()} >= {"virtuoso.db", "virtuoso.log",
                                                                    "virtuoso.ini"}
