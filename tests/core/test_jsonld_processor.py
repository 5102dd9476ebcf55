"""The JSON-LD export as a JSON-LD processor reads it: PyLD (the JSON-LD 1.1 API's Python
implementation, not the library that wrote it) turns it into the same dataset as the
N-Quads export, compacts it back with its own context without losing a quad, and never
fetches anything (its document loader here refuses every URL)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from pyld import jsonld

from cwkg.rdf.serialize import serialize


@pytest.fixture(autouse=True)
def no_network():
    def refuse(url, options=None):
        raise AssertionError(f"the JSON-LD processor was sent to fetch {url}")
    before = jsonld.get_document_loader()
    jsonld.set_document_loader(refuse)
    yield
    jsonld.set_document_loader(before)


@pytest.fixture(scope="module")
def exported(built):
    quads = built[1].quads
    return json.loads(serialize(quads, "jsonld")), serialize(quads, "nquads")


def _dataset(nquads: bytes | str) -> ox.Dataset:
    data = nquads.encode() if isinstance(nquads, str) else nquads
    dataset = ox.Dataset(ox.parse(data, ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def _to_rdf(document: dict) -> ox.Dataset:
    return _dataset(jsonld.to_rdf(document, {"format": "application/n-quads"}))


def test_the_processor_reads_the_dataset_the_nquads_hold(exported):
    document, nquads = exported
    read, expected = _to_rdf(document), _dataset(nquads)
    assert len(read) == len(expected) > 5000
    assert read == expected, (list(set(read) - set(expected))[:3],
                              list(set(expected) - set(read))[:3])


def test_expanding_and_compacting_again_keeps_every_quad(exported):
    document, nquads = exported
    expanded = jsonld.expand(document)
    assert not any("@context" in node for node in expanded)
    compacted = jsonld.compact(expanded, {"@context": document["@context"]})
    assert _to_rdf(compacted) == _dataset(nquads)
