"""``cwkg web`` as a user runs it: it prints its URL, serves, and stops on Ctrl-C."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(web_root, *args):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cwkg.cli", "--data", str(web_root / "data"), "--out",
         str(web_root / "build"), "web", "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, port


def _first_lines(process, until: str, timeout: float = 60) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line)
        if until in line:
            return lines
    process.kill()
    raise AssertionError("cwkg web did not start: " + "".join(lines))


def test_web_prints_its_url_serves_and_stops_on_ctrl_c(web_root):
    process, port = _start(web_root)
    try:
        lines = _first_lines(process, "cwkg web: serving")
        assert f"http://127.0.0.1:{port}/" in lines[-1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/claim/wh-2024-04-04-c07") as r:
            assert r.status == 200 and b"the loss of over 90 lives" in r.read()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "cwkg web: stopped" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()


def test_another_host_warns(web_root):
    process, port = _start(web_root, "--host", "0.0.0.0")
    try:
        lines = _first_lines(process, "cwkg web: serving")
        assert any(line.startswith("warning: serving on 0.0.0.0") for line in lines)
        # read-only by default off loopback: no token printed, no curator's pages
        assert any("read-only on an address other than loopback" in line for line in lines)
        assert not any("token=" in line for line in lines)
        with pytest.raises(urllib.error.HTTPError) as absent:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/curate")
        assert absent.value.code == 404
        # the Host header still has to name this machine
        request = urllib.request.Request(f"http://127.0.0.1:{port}/",
                                         headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert refused.value.code == 400
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def _status(url: str, cookie: str | None = None) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_on_loopback_it_prints_the_curators_url_with_its_token(web_root):
    process, port = _start(web_root)
    try:
        lines = _first_lines(process, "cwkg web: curate")
        url = re.search(r"(http://127\.0\.0\.1:\d+/curate\?token=[A-Za-z0-9_-]{40,})",
                        lines[-1]).group(1)
        token = url.rsplit("=", 1)[1]
        assert _status(url) == 303  # sets the cookie, drops the token from the address
        assert _status(f"http://127.0.0.1:{port}/curate") == 403
        assert _status(f"http://127.0.0.1:{port}/curate", f"cwkg_session={token}") == 200
        assert _status(f"http://127.0.0.1:{port}/curate?token=wrong") == 403
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def test_read_only_serves_no_curators_page(web_root):
    process, port = _start(web_root, "--read-only")
    try:
        lines = _first_lines(process, "cwkg web: serving")
        assert _status(f"http://127.0.0.1:{port}/curate") == 404
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        assert "token=" not in "".join(lines) + process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()


def test_a_port_in_use_is_one_line_and_exit_2(web_root):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "cwkg.cli", "--out", str(web_root / "build"),
                               "web", "--port", str(port)], capture_output=True, text=True,
                              timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith(f"cwkg: error: cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in done.stderr


def test_no_build_is_one_line_and_exit_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cwkg.cli", "--out", str(tmp_path / "none"),
                           "web", "--port", str(_free_port())], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "run 'cwkg build' first" in done.stderr
