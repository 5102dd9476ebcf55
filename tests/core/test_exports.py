"""Every export parses back, with rdflib and with pyoxigraph, to the built dataset."""


import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from cwkg.build.read import load_build
from cwkg.build.write import build
from cwkg.rdf.serialize import FORMATS, serialize, union_triples


def _ox_set(quads):
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in quads}


@pytest.fixture(scope="module")
def quads(built):
    return built[1].quads


def test_build_has_no_blank_nodes(quads):
    assert not any(isinstance(t, ox.BlankNode) for q in quads
                   for t in (q.subject, q.object, q.graph_name))


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_formats_round_trip_with_pyoxigraph(quads, fmt):
    ox_format = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                 "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    parsed = list(ox.parse(serialize(quads, fmt), format=ox_format))
    assert _ox_set(parsed) == _ox_set(quads)


def test_turtle_round_trips_with_pyoxigraph_as_the_union(quads):
    parsed = {q.triple for q in ox.parse(serialize(quads, "turtle"), format=ox.RdfFormat.TURTLE)}
    assert parsed == set(union_triples(quads))


def _rdflib_dataset(data: bytes, fmt: str) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format={"trig": "trig", "nquads": "nquads",
                                     "jsonld": "json-ld"}[fmt])
    return dataset


def _rdflib_quads(dataset):
    return {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))}


@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_dataset_formats_round_trip_with_rdflib(quads, fmt):
    reference = _rdflib_quads(_rdflib_dataset(serialize(quads, "nquads"), "nquads"))
    assert len(reference) == len(quads)
    assert _rdflib_quads(_rdflib_dataset(serialize(quads, fmt), fmt)) == reference


def test_turtle_round_trips_with_rdflib(quads):
    graph = rdflib.Graph().parse(data=serialize(quads, "turtle"), format="turtle")
    reference = rdflib.Graph().parse(data=ox.serialize(union_triples(quads),
                                                       format=ox.RdfFormat.N_TRIPLES),
                                     format="nt")
    assert isomorphic(graph, reference)


def test_jsonld_reads_naturally_and_uses_no_remote_context(quads, repo):
    import json
    doc = json.loads(serialize(quads, "jsonld"))
    assert isinstance(doc["@context"], dict)          # embedded, never a URL
    graphs = {g["@id"]: g["@graph"] for g in doc["@graph"]}
    assert set(graphs) == {"graph:reference"} | {
        "src:" + p.stem for p in (repo / "data" / "sources").glob("*.yaml")}
    figure = next(n for n in graphs["src:wh-2024-04-04"]
                  if n["@id"] == "claim:wh-2024-04-04-c07-f1")
    assert figure["cwkg:statedValue"] == 90 and figure["cwkg:minValue"] == 91
    assert figure["cwkg:qualifier"] == {"@id": "cwkg:MoreThan"}


def test_build_output_is_byte_identical_across_builds(repo, tmp_path):
    first = build(repo / "data", tmp_path / "a")
    build(repo / "data", tmp_path / "b")
    for path in first.outputs:
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
    store, locations = load_build(tmp_path / "a")
    nquads = (tmp_path / "a" / "cwkg.nq").read_text("utf-8").splitlines()  # a quad a line
    assert len(store) == first.quads == len([line for line in nquads if line]) > 6000
    assert locations


def test_the_streamed_build_writes_what_the_in_memory_dataset_serializes_to(repo, built,
                                                                           tmp_path):
    """build() writes each export as a document of per-graph chunks; serialize() writes the
    same quads as one document. Same bytes, every format (built as the fixture is: with no
    texts folder)."""
    result = build(repo / "data", tmp_path, texts=())
    for fmt, ext in FORMATS.items():
        assert (tmp_path / f"cwkg{ext}").read_bytes() == serialize(built[1].quads, fmt), fmt
    import json
    assert json.loads((tmp_path / "locations.json").read_text()) == built[1].locations
    assert result.quads == len(built[1].quads)


def test_every_format_is_written(repo, tmp_path):
    result = build(repo / "data", tmp_path)
    names = {p.name for p in result.outputs}
    assert {f"cwkg{ext}" for ext in FORMATS.values()} <= names
