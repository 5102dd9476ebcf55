"""The ontology loads in OWL tools: an owl:Ontology with a version IRI, and HermiT (the OWL 2
reasoner owlready2 ships, run on Java) classifies it without error; every export names the
version it conforms to."""

from __future__ import annotations

import os
import shutil

import pyoxigraph as ox
import pytest

from cwkg import __version__
from cwkg.namespaces import ONTOLOGY, ONTOLOGY_VERSION, PREFIXES
from cwkg.resources import ontology_dir

OWL, DCTERMS = PREFIXES["owl"], PREFIXES["dcterms"]


def _triples():
    return list(ox.parse(path=str(ontology_dir() / "cwkg.ttl")))


def test_ontology_header_names_its_version():
    header = {(t.predicate.value, t.object.value) for t in _triples()
              if t.subject == ox.NamedNode(ONTOLOGY)}
    assert (PREFIXES["rdf"] + "type", OWL + "Ontology") in header
    assert (OWL + "versionIRI", ONTOLOGY_VERSION) in header
    assert (OWL + "versionInfo", __version__) in header
    assert ONTOLOGY_VERSION.endswith("/" + __version__)


def test_no_datatype_outside_the_owl2_datatype_map():
    """HermiT refuses xsd:date and xsd:gYear (not in the OWL 2 datatype map): the shapes
    check those datatypes, the ontology declares no range with them."""
    outside = {PREFIXES["xsd"] + t for t in ("date", "gYear", "dateTime", "time", "duration")}
    ranges = [t for t in _triples()
              if t.predicate.value == PREFIXES["rdfs"] + "range" and t.object.value in outside]
    assert not ranges


# CI installs Java (.ci/install-java), so there a missing JRE fails instead of skipping
@pytest.mark.skipif(shutil.which("java") is None and not os.environ.get("CI"),
                    reason="HermiT runs on Java: install a JRE (bash .ci/install-java)")
def test_hermit_classifies_the_ontology(tmp_path):
    import owlready2

    # owlready2 reads RDF/XML, OWL/XML and N-Triples, not Turtle
    path = tmp_path / "cwkg.nt"
    path.write_bytes(ox.serialize(_triples(), format=ox.RdfFormat.N_TRIPLES))
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    assert len(list(ontology.classes())) > 20
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    inconsistent = list(world.inconsistent_classes())
    assert inconsistent == []


def test_every_graph_of_the_build_names_the_ontology_version(built):
    data, graph = built
    conforming = {q.graph_name.value for q in graph.quads
                  if q.predicate.value == DCTERMS + "conformsTo"
                  and q.object.value == ONTOLOGY_VERSION and q.subject == q.graph_name}
    # one graph per source, and the reference graph
    assert conforming == set(graph.graphs) and len(conforming) == len(data.sources) + 1 > 4
