"""cwkg push against real servers: counts, one-source re-push, credentials, staging leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from server_procs import OxigraphServer, VirtuosoServer, push_command, server_state, start_or_fail
from tests.terminal import on_terminal

from cwkg.namespaces import expand
from cwkg.server.payload import Dataset
from cwkg.server.push import count_triples, push, staging_graph

from ..conftest import DATA

SOURCES = len(list((DATA / "sources").glob("*.yaml")))  # a graph each, and graph:reference

CWKG = [sys.executable, "-m", "cwkg.cli"]
CHANGED = "src:wh-2024-04-04"


def run_cwkg(*args: str, env: dict | None = None, timeout: float = 300):
    return subprocess.run([*CWKG, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def build(data: Path, out: Path) -> dict[str, bytes]:
    """Build ``data`` into ``out``; each graph's triples as N-Triples."""
    done = run_cwkg("--data", str(data), "--out", str(out), "build")
    assert done.returncode == 0, done.stderr
    dataset = Dataset.from_file(out / "cwkg.nq")
    return {iri: dataset.ntriples(iri) for iri in dataset.graphs}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def fresh(request, tmp_path):
    """A new, empty server of each kind, just for this test."""
    kind = {"oxigraph": OxigraphServer, "virtuoso": VirtuosoServer}[request.param]
    server = start_or_fail(kind(tmp_path / request.param))
    yield server
    server.stop()


def test_push_then_repush_one_changed_source(fresh, data_copy, tmp_path):
    graphs = build(data_copy, tmp_path / "v1")
    options, env = push_command(fresh)
    first = run_cwkg("--data", str(data_copy), "--out", str(tmp_path / "v1"), "push", *options,
                     env=env)
    assert first.returncode == 0, first.stderr
    target = fresh.target()
    for graph, triples in graphs.items():                     # counts match the build
        assert count_triples(target.query, graph) == triples.count(b"\n"), graph
    before = server_state(target, list(graphs))

    # change one source's metadata, rebuild, push only that source
    yaml = data_copy / "sources" / "wh-2024-04-04.yaml"
    yaml.write_text(yaml.read_text("utf-8").replace(
        "No title or URL is given in the text.",
        "No title or URL is given in the text (test edit)."), "utf-8")
    graphs2 = build(data_copy, tmp_path / "v2")
    assert graphs2[expand(CHANGED)] != graphs[expand(CHANGED)]
    second = run_cwkg("--data", str(data_copy), "--out", str(tmp_path / "v2"), "push", *options,
                      "--source", CHANGED, env=env)
    assert second.returncode == 0, second.stderr
    assert "pushed 1 graph(s)" in second.stderr
    after = server_state(target, list(graphs))

    changed = [g for g in graphs if before[g] != after[g]]
    assert changed == [expand(CHANGED)]                        # only that graph changed
    assert any("test edit" in row[2] for row in after[expand(CHANGED)])
    for graph, triples in graphs2.items():
        assert count_triples(target.query, graph) == triples.count(b"\n"), graph
    for graph in graphs:                                       # no staging graph left behind
        assert count_triples(target.query, staging_graph(graph)) == 0


def test_unknown_source_is_a_usage_error(tmp_path, repo):
    out = tmp_path / "build"
    build(repo / "data", out)
    done = run_cwkg("--out", str(out), "push", "--endpoint", "http://127.0.0.1:9/sparql",
                    "--source", "src:no-such-source")
    assert done.returncode == 2
    assert "--source src:no-such-source: the build has no such graph" in done.stderr


def test_a_leftover_staging_graph_is_cleared_by_the_next_push(fresh, built_store):
    target = fresh.target()
    dataset = Dataset.from_store(built_store)
    graph = list(dataset.graphs)[1]
    staging = staging_graph(graph)
    target.update.update(f"INSERT DATA {{ GRAPH <{staging}> {{ <urn:x:junk> <urn:x:p> 1 }} }}")
    push(dataset, target, [graph])
    assert count_triples(target.query, staging) == 0
    assert count_triples(target.query, graph) == dataset.graphs[graph].triples


def test_push_to_an_oxigraph_query_url_names_the_missing_option(tmp_path, repo):
    """Oxigraph takes updates on /update only: without --update-endpoint the push says so,
    into an empty server (nothing written) and into one that holds the graphs (kept)."""
    server = start_or_fail(OxigraphServer(tmp_path / "oxigraph"))
    try:
        out = tmp_path / "build"
        build(repo / "data", out)
        urls = server.urls()
        hint = (f"{urls['query']} does not take SPARQL updates: give --update-endpoint (for "
                f"an Oxigraph server: --update-endpoint {urls['update']})")
        wrong = ["--out", str(out), "push", "--endpoint", urls["query"]]
        for before in ("cwkg: error: push failed before anything was written: ",
                       f"cwkg: error: push of graph:reference and {SOURCES} more graph(s) in "
                       "one request failed, the server keeps their previous version"):
            done = run_cwkg(*wrong)
            lines = done.stderr.strip().splitlines()
            assert done.returncode == 2 and len(lines) == 1, done.stderr
            assert lines[0].startswith(before) and hint in lines[0], lines[0]
            options, env = push_command(server)                  # now the right way
            assert run_cwkg("--out", str(out), "push", *options).returncode == 0
    finally:
        server.stop()


def test_progress_on_a_terminal_only(oxigraph, tmp_path, repo):
    """A bar with counts and rate on a terminal; none with --quiet; none in a pipe, where
    stderr keeps its one summary line."""
    out = tmp_path / "build"
    build(repo / "data", out)
    options, env = push_command(oxigraph)
    command = [*CWKG, "--out", str(out), "push", *options, "--replace-all"]
    code, shown = on_terminal(command, {**os.environ, **env})
    assert code == 0 and "pushing:" in shown and "B/s" in shown, shown
    code, shown = on_terminal([*command, "--quiet"], {**os.environ, **env})
    assert code == 0 and "pushing" not in shown and f"pushed {SOURCES + 1} graph(s)" in shown, \
        shown
    piped = run_cwkg("--out", str(out), "push", *options, env=env)
    assert piped.returncode == 0 and piped.stderr.count("\n") == 1, piped.stderr
    assert piped.stderr.startswith(f"pushed {SOURCES + 1} graph(s), ")
