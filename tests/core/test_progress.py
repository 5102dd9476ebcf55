"""Progress on long work: a bar with counts and rate on stderr when it is a terminal (a
pseudo-terminal here), none under --quiet (before or after the command's name) and none in
a pipe, where stderr keeps exactly the lines it had. tests/servers/test_push.py does the
same for cwkg push."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys

import pytest
from tests.terminal import on_terminal

CWKG = [sys.executable, "-m", "cwkg.cli"]


@pytest.fixture()
def folder(tmp_path, repo):
    shutil.copytree(repo / "data", tmp_path / "data")
    return tmp_path


def cwkg(folder, *args: str) -> list[str]:
    return [*CWKG, "--data", str(folder / "data"), "--out", str(folder / "build"), *args]


def bar_lines(shown: str, label: str) -> list[str]:
    """What the terminal showed of the bar called ``label`` (tqdm redraws it with \\r)."""
    return [part for part in shown.replace("\n", "\r").split("\r") if part.startswith(label)]


def test_build_and_validate_show_a_bar_on_a_terminal_only(folder):
    code, shown = on_terminal(cwkg(folder, "build"), dict(os.environ))
    assert code == 0, shown
    building = bar_lines(shown, "building:")
    graphs = 1 + len(list((folder / "data" / "sources").glob("*.yaml")))  # and the reference
    assert any(f"/{graphs} " in line for line in building), shown      # the count of graphs
    assert any("graphs/s" in line for line in building), shown          # the rate
    assert "validating:" in shown                                      # build validates too
    assert "built " in shown                                           # and says what it did

    code, shown = on_terminal(cwkg(folder, "validate"), dict(os.environ))
    assert code == 0 and "0 violation(s)" in shown, shown
    code, quiet = on_terminal(cwkg(folder, "validate", "--quiet"), dict(os.environ))
    assert code == 0 and "0 violation(s)" in quiet and "validating" not in quiet, quiet

    for args in (("--quiet", "build"), ("build", "--quiet")):
        (folder / "build" / "cwkg.nq").unlink()                       # so it writes again
        code, shown = on_terminal(cwkg(folder, *args), dict(os.environ))
        assert code == 0 and "built " in shown and "building" not in shown, (args, shown)


def test_a_pipe_gets_no_bar(folder):
    assert subprocess.run(cwkg(folder, "build"), capture_output=True).returncode == 0
    (folder / "build" / "cwkg.nq").unlink()
    piped = subprocess.run(cwkg(folder, "build"), capture_output=True, text=True)
    quiet = subprocess.run(cwkg(folder, "--quiet", "build"), capture_output=True, text=True)
    assert piped.returncode == 0 and "building" not in piped.stderr, piped.stderr
    assert "\r" not in piped.stderr and "\x1b" not in piped.stderr
    assert any(line.startswith("built ") for line in piped.stderr.splitlines())
    # the same lines as under --quiet, but for the count of graphs from the cache
    assert len(piped.stderr.splitlines()) == len(quiet.stderr.splitlines())


def test_remaking_the_store_shows_its_bar(folder):
    """The store made again from cwkg.nq (a build stopped before its store, another cwkg
    version): what cwkg serve does at start, and any command that opens the store."""
    assert subprocess.run(cwkg(folder, "build"), capture_output=True).returncode == 0
    (folder / "build" / "store").unlink()
    code, shown = on_terminal(cwkg(folder, "query", "voices", "--format", "csv"),
                              dict(os.environ))
    assert code == 0 and "made the store of the build" in shown, shown
    storing = bar_lines(shown, "storing:")
    assert storing and any("B/s" in line for line in storing), shown


def test_serve_start_shows_the_bar_then_its_urls(folder):
    assert subprocess.run(cwkg(folder, "build"), capture_output=True).returncode == 0
    (folder / "build" / "store").unlink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, shown = on_terminal(cwkg(folder, "serve", "--port", str(port)),
                              dict(os.environ), {b"press Ctrl-C to stop\r\n": b"\x03"},
                              timeout=120)
    assert code == 0 and "server stopped" in shown, shown
    assert bar_lines(shown, "storing:") and "SPARQL query endpoint:" in shown, shown


def test_add_of_a_folder_and_site_show_their_bars(folder):
    texts = folder / "batch"
    texts.mkdir()
    (texts / "5.txt").write_text("[SYNTHETIC TEST TEXT]\n\nOn 5 April 2017 the Security "
                                 "Council met about Khan Sheikhoun.\n", "utf-8")
    (texts / "6.txt").write_text("[SYNTHETIC TEST TEXT]\n\nThe White Helmets counted the "
                                 "dead in Idlib for a week, and asked for an inquiry.\n", "utf-8")
    (texts / "metadata.csv").write_text("file,publisher,date,lang\n5.txt,org:soc,2017-04-05,en\n"
                                        "6.txt,org:soc,2017-04-06,en\n", "utf-8")
    code, shown = on_terminal(cwkg(folder, "add", str(texts)), dict(os.environ))
    assert code == 0 and any("/2 " in line for line in bar_lines(shown, "adding:")), shown

    assert subprocess.run(cwkg(folder, "build"), capture_output=True).returncode == 0
    code, shown = on_terminal(cwkg(folder, "site", "-o", str(folder / "site")),
                              dict(os.environ))
    assert code == 0 and bar_lines(shown, "writing pages:"), shown
    assert any("pages/s" in line for line in bar_lines(shown, "writing pages:")), shown
