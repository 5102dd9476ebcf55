"""One way to log in, for `cwkg query` and `cwkg push` alike, against real Virtuoso, whose
/sparql-auth endpoint asks for Digest authentication: the user by option or environment,
the password by environment or a prompt on a terminal; a wrong password is one line and exit
2; the password never appears, in any output."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tests.terminal import on_terminal

CWKG = [sys.executable, "-m", "cwkg.cli"]


@pytest.fixture(scope="module")
def out(tmp_path_factory, repo):
    from cwkg.build.write import build
    folder = tmp_path_factory.mktemp("build")
    build(repo / "data", folder)
    return folder


def cwkg(out, *args, password=None, user="dba"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CWKG_ENDPOINT_")}
    if user:
        env["CWKG_ENDPOINT_USER"] = user
    if password is not None:
        env["CWKG_ENDPOINT_PASSWORD"] = password
    return subprocess.run([*CWKG, "--out", str(out), *args], capture_output=True, text=True,
                          timeout=300, env=env, stdin=subprocess.DEVNULL)


def auth_url(virtuoso) -> str:
    return f"http://127.0.0.1:{virtuoso.port}/sparql-auth"


QUERY = ["query", "death-tolls", "-p", "attack=Khan Sheikhoun massacre", "--format", "csv"]


def test_query_and_push_log_in_with_digest(virtuoso, loaded, out):
    pushed = cwkg(out, "push", "--endpoint", auth_url(virtuoso), password=virtuoso.password)
    assert pushed.returncode == 0, pushed.stderr
    asked = cwkg(out, *QUERY, "--endpoint", auth_url(virtuoso), password=virtuoso.password)
    public = cwkg(out, *QUERY, "--endpoint", f"http://127.0.0.1:{virtuoso.port}/sparql", user=None)
    assert asked.returncode == 0 and public.returncode == 0, asked.stderr + public.stderr
    assert asked.stdout == public.stdout and "the loss of over 90 lives" in asked.stdout
    for done in (pushed, asked):
        assert virtuoso.password not in done.stdout + done.stderr


@pytest.mark.parametrize("command", ["query", "push"])
def test_a_wrong_password_is_one_line(command, virtuoso, out):
    wrong = "wrong-" + virtuoso.password
    args = QUERY if command == "query" else ["push"]
    done = cwkg(out, *args, "--endpoint", auth_url(virtuoso), password=wrong)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "HTTP 401 Unauthorized" in lines[0]
    assert "user dba was refused (Digest); check the user and $CWKG_ENDPOINT_PASSWORD" in lines[0]
    assert wrong not in done.stdout + done.stderr
    assert f"127.0.0.1:{virtuoso.port}/sparql-auth" in lines[0]        # the port kept


@pytest.mark.parametrize("command", ["query", "push"])
def test_no_credentials_says_how_to_give_them(command, virtuoso, out):
    args = QUERY if command == "query" else ["push"]
    done = cwkg(out, *args, "--endpoint", auth_url(virtuoso), user=None)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "it needs a user and password (Digest); give --user (or $CWKG_ENDPOINT_USER) and " \
           "$CWKG_ENDPOINT_PASSWORD" in done.stderr


@pytest.mark.parametrize("command", ["query", "push"])
def test_credentials_in_the_url_are_refused(command, virtuoso, out):
    url = f"http://dba:{virtuoso.password}@127.0.0.1:{virtuoso.port}/sparql-auth"
    args = QUERY if command == "query" else ["push"]
    done = cwkg(out, *args, "--endpoint", url, user=None)
    assert done.returncode == 2 and "credentials in the URL are refused" in done.stderr
    assert virtuoso.password not in done.stdout + done.stderr and "dba:" not in done.stderr


@pytest.mark.parametrize("command", ["query", "push"])
def test_the_password_is_asked_for_on_a_terminal(command, virtuoso, loaded, out):
    """A pseudo-terminal stands in for the person: the prompt appears, the typed password is
    not echoed, and the command logs in with it."""
    args = QUERY if command == "query" else ["push", "--source", "graph:reference"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CWKG_ENDPOINT_")}
    code, text = on_terminal([*CWKG, "--out", str(out), *args, "--endpoint", auth_url(virtuoso),
                              "--user", "dba"], env,
                             {b"password for dba: ": virtuoso.password.encode() + b"\n"})
    assert code == 0 and "password for dba: " in text, text
    assert virtuoso.password not in text                      # not echoed, not printed
    if command == "query":
        assert "the loss of over 90 lives" in text
    else:
        assert "pushed 1 graph(s)" in text
