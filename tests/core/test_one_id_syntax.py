"""One id syntax for every command: a source as src:ID, ID or its IRI (push --source,
accept/reject/review, query -p); tests/ingest/test_review.py covers accept and reject."""

from __future__ import annotations

import pytest

from cwkg.cli import main
from cwkg.errors import UsageError
from cwkg.namespaces import expand
from cwkg.server.payload import Dataset

GRAPHS = Dataset("".join(f'<urn:s> <urn:p> "{g}" <{expand(g)}> .\n' for g in (
    "graph:reference", "src:wh-2024-04-04", "src:news-2021-04-04")).encode())


def chosen(names: list[str]) -> list[str]:
    return [graph.iri for graph in GRAPHS.choose(names)]


@pytest.mark.parametrize("name", ["src:wh-2024-04-04", "wh-2024-04-04",
                                  "https://w3id.org/cwkg/source/wh-2024-04-04",
                                  "<https://w3id.org/cwkg/source/wh-2024-04-04>"])
def test_push_source_takes_every_spelling(name):
    assert chosen([name]) == [expand("src:wh-2024-04-04")]


def test_push_source_still_takes_the_reference_graph_and_refuses_what_is_not_there():
    assert chosen(["graph:reference"]) == [expand("graph:reference")]
    with pytest.raises(UsageError, match="--source wh-1999: the build has no such graph"):
        chosen(["wh-1999"])


@pytest.mark.parametrize("value", ["src:news-2021-04-04", "news-2021-04-04",
                                   "https://w3id.org/cwkg/source/news-2021-04-04"])
def test_query_param_takes_every_spelling_of_a_source(value, tmp_path, repo, capsys):
    out = tmp_path / "build"
    args = ["--data", str(repo / "data"), "--out", str(out)]
    assert main([*args, "build"]) == 0
    capsys.readouterr()
    assert main([*args, "query", "voices", "-p", f"source={value}", "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert rows and all(row.startswith(f"<{expand('src:news-2021-04-04')}>") for row in rows)
