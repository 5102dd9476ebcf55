"""Every way a server can fail, through the one HTTP layer, for `cwkg query --endpoint` AND
`cwkg push`: exit 2, exactly one line on stderr that names the URL with its port, what
happened and what to do; never a traceback, never the password; the retry policy
(connect failures always, lost connections and busy answers only for requests that are
safe to repeat, timeouts never) and a push that never reaches its swap after a failure.

The server is tests/servers/fakes.py: a real SPARQL protocol server on 127.0.0.1 (a
pyoxigraph store) with one fault injected at a time."""

from __future__ import annotations

import re
import socket
import threading
import time

import pytest
from server_procs import free_port
from tests.servers.fakes import FaultyServer

import cwkg.server.http as http_layer
from cwkg.build.write import build
from cwkg.cli import main
from cwkg.server.auth import Credentials
from cwkg.server.http import Connection, HTTPFailure
from cwkg.server.remote import select

from ..conftest import DATA

OTHER_GRAPHS = len(list((DATA / "sources").glob("*.yaml")))  # beside graph:reference

USER, PASSWORD = "alice", "pw-Secr3t-9f1c"
PUSH_FAILED = "cwkg: error: push of graph:reference failed, the server keeps its previous version: "


@pytest.fixture(scope="module")
def out(tmp_path_factory, repo):
    folder = tmp_path_factory.mktemp("build")
    build(repo / "data", folder)
    return folder


@pytest.fixture()
def fake():
    server = FaultyServer(basic=(USER, PASSWORD)).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(http_layer, "RETRY_PAUSE", 0.01)


@pytest.fixture()
def login(monkeypatch):
    monkeypatch.setenv("CWKG_ENDPOINT_USER", USER)
    monkeypatch.setenv("CWKG_ENDPOINT_PASSWORD", PASSWORD)


def run(command, url, out, capsys, *extra):
    """`cwkg query voices` or `cwkg push` on ``url``; (exit code, stdout, stderr)."""
    if command == "query":
        args = ["query", "voices", "--endpoint", url]
    else:
        args = ["push", "--endpoint", url, "--graph-store", url]
    code = main(["--out", str(out), *args, "--timeout", "1", "--retries", "2", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(code, stdout, stderr) -> str:
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and PASSWORD not in stdout + stderr
    return lines[0]


# fault, what the line says ({url} is the endpoint with its port, {what} the request)
MATRIX = [
    ("500", "{url} answered HTTP 500 Internal Server Error to the {what}: Internal Server "
            "Error disk full (user alice, password ***)"),
    ("400", "{url} answered HTTP 400 Bad Request to the {what}: Parse error: unexpected token "
            "at line 1 (the server rejected the request)"),
    ("403", "{url} answered HTTP 403 Forbidden to the {what}: Forbidden: read-only user (this "
            "user may not do this here; check its permissions)"),
    ("404", "{url} answered HTTP 404 Not Found to the {what}: No such endpoint (check the URL)"),
    ("415", "to the {what}: Not a SPARQL query: application/sparql-update (this URL does not "
            "take this kind of request; check which URL is the query, update or graph-store "
            "endpoint)"),
    ("503", "{url} answered HTTP 503 Service Unavailable to the {what}: Busy, come back later "
            "(tried 3 times)"),
    ("bearer", "{url} answered HTTP 401 Unauthorized to the {what}: it asks for Bearer "
               "authentication; cwkg speaks Basic and Digest"),
    ("redirect", "{url} redirects to https://sparql.example.org/sparql (HTTP 301); give that "
                 "URL instead"),
    ("slow", "no answer from {url} within 1 s during the {what} (raise --timeout, or ask for "
             "less)"),                             # an upload: 4 s per MB if that is longer
    ("drop", "the connection to {url} was lost during the {what} (tried 3 times) "
             "(RemoteDisconnected: the server closed it without an answer)"),
    ("206", "{url} answered HTTP 206 (partial results) to the {what}: the server cut its "
            "answer short"),
    ("html", "{url} answered something that is not SPARQL JSON results (Content-Type "
             "text/html): <html>Welcome to nginx!</html>"),
]
# where the fault strikes: `cwkg query`'s query; `cwkg push`'s first request (its count of
# the server's graphs) and its upload (a bulk load into the empty server)
WHERE = [("query", "query"), ("push", "query"), ("push", "update")]
NOTHING_WRITTEN = "cwkg: error: push failed before anything was written: "
TAKEN_BACK = ("cwkg: error: push failed; what it had written was removed again, so the server "
              "holds what it held before: ")
CASES = [(command, on, fault, expected) for command, on in WHERE for fault, expected in MATRIX
         if on == "query" or fault not in ("206", "html")]   # those two are answers to queries


@pytest.mark.parametrize("command, on, fault, expected", CASES,
                         ids=[f"{c}-{o}-{f}" for c, o, f, _ in CASES])
def test_every_fault_is_one_line_and_exit_2(command, on, fault, expected, fake, out, capsys,
                                            login):
    # only a lost connection or a busy answer is tried again (a query, an upload: both safe
    # to repeat); a timeout or an error status never
    attempts = 3 if fault in ("drop", "503") else 1
    if fault == "slow" and on == "update":  # an upload waits 4 s per MB: answer later still
        fake.delay = 3 + 2 * (out / "cwkg.nq").stat().st_size / http_layer.SLOWEST_STORE
    fake.inject(fault, on, times=attempts if on == "update" else 10**6)
    url = fake.url()
    line = one_error_line(*run(command, url, out, capsys))
    what = "query" if on == "query" else \
        f"upload of graph:reference and {OTHER_GRAPHS} more graph(s)"
    pattern = re.escape(expected.format(url=url, what=what)).replace("within\\ 1\\ s",
                                                                     "within\\ [0-9.]+\\ s")
    assert re.search(pattern, line), line
    # an upload that got no answer may have been stored: it is taken back; an error answer
    # means nothing was written, so there is nothing to take back
    unsure = on == "update" and fault in ("slow", "drop")
    if command == "push":
        assert line.startswith(TAKEN_BACK if unsure else NOTHING_WRITTEN)
    assert fake.count("update") == (0 if on == "query" else attempts + unsure)
    assert fake.count(on) >= attempts and len(fake.store) == 0


@pytest.mark.parametrize("command", ["query", "push"])
def test_refused_connection_is_retried_then_one_line(command, out, capsys):
    url = f"http://127.0.0.1:{free_port()}/sparql"          # nothing listens there
    line = one_error_line(*run(command, url, out, capsys))
    assert f"cannot connect to {url} (tried 3 times): Connection refused; is the server " \
           "running?" in line


@pytest.mark.parametrize("command", ["query", "push"])
@pytest.mark.parametrize("url, expected", [
    (f"http://{USER}:{PASSWORD}@127.0.0.1:8890/sparql",
     "http://127.0.0.1:8890/sparql: credentials in the URL are refused"),
    ("ftp://127.0.0.1:21/sparql", "ftp://127.0.0.1:21/sparql: not an http(s) URL"),
    ("http://127.0.0.1:99999/sparql", "http://127.0.0.1:99999/sparql: the port is not a number"),
])
def test_a_bad_url_is_refused_before_anything_is_sent(command, url, expected, out, capsys):
    line = one_error_line(*run(command, url, out, capsys))
    assert expected in line and "alice:" not in line


@pytest.mark.parametrize("command", ["query", "push"])
def test_basic_authentication_works_for_both(command, fake, out, capsys, login):
    code, stdout, stderr = run(command, fake.url(), out, capsys)
    assert code == 0, stderr
    assert PASSWORD not in stdout + stderr
    # the first request meets the challenge; every later one (on every URL of the server)
    # carries the answer, so no upload is sent twice
    assert [authorised for _, authorised in fake.seen] == [False] + [True] * (len(fake.seen) - 1)
    # a query: the challenge, then the query (on this empty store it has no rows, so the
    # table asks for no entity's label)
    assert len(fake.seen) == (2 if command == "query" else len(fake.seen))


@pytest.mark.parametrize("command", ["query", "push"])
def test_a_server_that_wants_credentials_says_how_to_give_them(command, fake, out, capsys,
                                                               monkeypatch):
    monkeypatch.delenv("CWKG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("CWKG_ENDPOINT_PASSWORD", raising=False)
    line = one_error_line(*run(command, fake.url(), out, capsys))
    assert "HTTP 401 Unauthorized" in line and "it needs a user and password (Basic); give " \
        "--user (or $CWKG_ENDPOINT_USER) and $CWKG_ENDPOINT_PASSWORD" in line


@pytest.mark.parametrize("command", ["query", "push"])
def test_a_wrong_password_is_refused_once_and_never_shown(command, fake, out, capsys,
                                                         monkeypatch):
    wrong = PASSWORD + "-wrong"
    monkeypatch.setenv("CWKG_ENDPOINT_PASSWORD", wrong)
    line = one_error_line(*run(command, fake.url(), out, capsys, "--user", USER))
    assert "user alice was refused (Basic); check the user and $CWKG_ENDPOINT_PASSWORD" in line
    assert wrong not in line
    # the first request is answered once and refused, never tried again with that password
    assert len(fake.seen) == 2


@pytest.mark.parametrize("command", ["query", "push"])
def test_a_user_without_password_outside_a_terminal_is_told_where_to_put_it(
        command, fake, out, capsys, monkeypatch):
    monkeypatch.delenv("CWKG_ENDPOINT_PASSWORD", raising=False)
    line = one_error_line(*run(command, fake.url(), out, capsys, "--user", USER))
    assert "user alice: no password; set $CWKG_ENDPOINT_PASSWORD" in line
    assert fake.seen == []                                   # nothing sent


@pytest.mark.parametrize("command", ["query", "push"])
def test_a_password_option_is_refused(command, fake, out, capsys):
    line = one_error_line(*run(command, fake.url(), out, capsys, "--password", PASSWORD))
    assert "--password is refused" in line and "$CWKG_ENDPOINT_PASSWORD" in line


# -- the retry policy, request by request --------------------------------------------------

def test_a_dropped_query_is_sent_again_and_answers(fake):
    fake.inject("drop", "query", times=1)
    rows = select(Connection(fake.url(), Credentials(USER, PASSWORD)),
                  "SELECT (1 AS ?one) {}").rows
    assert rows[0][0].value == "1" and fake.count("query") == 3   # dropped, challenged, answered


def test_a_busy_server_is_asked_again_for_requests_safe_to_repeat(fake):
    fake.inject("503", "update", times=1)
    connection = Connection(fake.url())
    fake.basic = None
    connection.update("DROP SILENT GRAPH <urn:x:g>", idempotent=True)
    assert fake.count("update") == 2


@pytest.mark.parametrize("fault", ["drop", "503"])
def test_an_update_that_may_have_arrived_is_never_sent_twice(fault, fake):
    fake.basic = None
    fake.inject(fault, "update", times=1)
    with pytest.raises(HTTPFailure) as caught:
        Connection(fake.url()).update("INSERT DATA { <urn:x:a> <urn:x:b> 1 }")
    assert fake.count("update") == 1 and "tried" not in str(caught.value)


def test_a_timeout_is_not_retried(fake):
    fake.basic = None
    fake.inject("slow", "query")
    started = time.monotonic()
    with pytest.raises(HTTPFailure, match="no answer from .* within 0.5 s during the query"):
        select(Connection(fake.url(), timeout=0.5), "SELECT * {}")
    assert fake.count("query") == 1 and time.monotonic() - started < 3


def test_connect_failures_are_retried_with_backoff_until_the_server_is_up(monkeypatch):
    """The server comes up 0.6 s late: the pauses (0.5 s, then 1 s) let the third try in."""
    monkeypatch.setattr(http_layer, "RETRY_PAUSE", 0.5)
    port = free_port()
    late = FaultyServer()
    starter = threading.Thread(target=lambda: time.sleep(0.6) or late.start(port))
    starter.start()
    started = time.monotonic()
    rows = select(Connection(f"http://127.0.0.1:{port}/sparql", retries=3),
                  "SELECT (2 AS ?two) {}").rows
    waited = time.monotonic() - started
    starter.join()
    late.stop()
    assert rows[0][0].value == "2" and 1.4 <= waited < 5


def test_a_push_against_a_query_only_url_names_the_missing_option(fake, out, capsys, login):
    fake.inject("415", "update")
    url = fake.url("query")
    line = one_error_line(*run("push", url, out, capsys))
    assert line.startswith("cwkg: error: push failed before anything was written: ")
    assert (f"{url} does not take SPARQL updates: give --update-endpoint (for an Oxigraph "
            f"server: --update-endpoint {fake.url('update')})") in line


def test_the_port_survives_in_every_message(capsys, out):
    with socket.socket() as quiet:                            # accepts, never answers
        quiet.bind(("127.0.0.1", 0))
        quiet.listen()
        url = f"http://127.0.0.1:{quiet.getsockname()[1]}/sparql"
        line = one_error_line(*run("query", url, out, capsys))
    assert f"no answer from {url} within 1 s" in line
