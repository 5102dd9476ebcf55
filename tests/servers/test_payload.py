"""The build's N-Quads as a push reads them (cwkg.server.payload): each graph's lines and
triple count, held equal to what pyoxigraph parses, whether a graph's lines come in one
run (as a build writes them) or in several."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from cwkg.errors import UsageError
from cwkg.server.payload import Dataset


@pytest.fixture(scope="module")
def built_nquads(tmp_path_factory, repo) -> bytes:
    from cwkg.build.write import build
    out = tmp_path_factory.mktemp("build")
    build(repo / "data", out)
    return (out / "cwkg.nq").read_bytes()


def counts_by_pyoxigraph(nquads: bytes) -> dict[str, int]:
    return dict(Counter(q.graph_name.value for q in ox.parse(nquads, ox.RdfFormat.N_QUADS)))


def test_the_build_read_as_pyoxigraph_reads_it(built_nquads):
    dataset = Dataset(built_nquads)
    assert {iri: g.triples for iri, g in dataset.graphs.items()} \
        == counts_by_pyoxigraph(built_nquads)
    assert b"".join(dataset.nquads(dataset.graphs.values())) == built_nquads


def test_graphs_in_several_runs_and_tricky_literals():
    nquads = (b'<urn:s> <urn:p> "a <urn:g2> .\\n" <urn:g1> .\n'
              b'<urn:s> <urn:p> <urn:g2> <urn:g2> .\n'
              b'<urn:s> <urn:p> "x" <urn:g1> .\n'
              b'<urn:s> <urn:q> "y" <urn:g1> .\n')
    dataset = Dataset(nquads)
    assert {iri: g.triples for iri, g in dataset.graphs.items()} \
        == counts_by_pyoxigraph(nquads) == {"urn:g1": 3, "urn:g2": 1}
    assert len(dataset.graphs["urn:g1"].runs) == 2
    assert dataset.ntriples("urn:g1").count(b"\n") == 3
    assert Dataset(nquads, ["urn:g1"]).graphs["urn:g1"].triples == 3   # one graph, found


def test_a_line_without_a_graph_is_refused_with_its_file_and_line(tmp_path):
    nquads = tmp_path / "cwkg.nq"
    nquads.write_bytes(b'<urn:s> <urn:p> "x" <urn:g1> .\n<urn:s> <urn:p> "x" .\n')
    with pytest.raises(UsageError, match=rf"^{nquads}:2: a line without a graph name "):
        Dataset.from_file(nquads)
