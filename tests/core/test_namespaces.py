"""Prefixes, the JSON-LD context, the ontology, the shapes and the Python terms stay in step."""

import json
import re

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from cwkg.namespaces import CWKG, PREFIXES, jsonld_context, sparql_prefix_block


def test_context_file_is_generated_from_the_namespace_module(repo):
    shipped = json.loads((repo / "ontology" / "context.jsonld").read_text("utf-8"))
    assert shipped == jsonld_context()


def _declared_prefixes(path):
    text = path.read_text("utf-8")
    return dict(re.findall(r"@prefix (\w*): <([^>]+)> \.", text))


def test_turtle_files_use_the_namespace_module_prefixes(repo):
    for name in ("cwkg.ttl", "shapes.ttl"):
        for prefix, iri in _declared_prefixes(repo / "ontology" / name).items():
            assert PREFIXES.get(prefix) == iri, f"{name}: @prefix {prefix}: <{iri}>"


def test_shapes_sparql_prefix_declarations_match(repo):
    shapes = rdflib.Graph().parse(repo / "ontology" / "shapes.ttl")
    sh = rdflib.Namespace(PREFIXES["sh"])
    declared = {str(shapes.value(d, sh.prefix)): str(shapes.value(d, sh.namespace))
                for d in shapes.objects(None, sh.declare)}
    assert declared, "shapes.ttl declares no SPARQL prefixes"
    for prefix, iri in declared.items():
        assert PREFIXES[prefix] == iri


def test_every_python_term_is_documented_in_the_ontology_and_back(repo):
    onto = rdflib.Graph().parse(repo / "ontology" / "cwkg.ttl")
    ns = PREFIXES["cwkg"]
    in_ontology = {str(s)[len(ns):] for s in onto.subjects(RDFS.label, None)
                   if str(s).startswith(ns)}
    in_python = {name for name in CWKG.__annotations__ if not name.startswith("_")}
    assert in_python - in_ontology == set(), "terms without rdfs:label in ontology/cwkg.ttl"
    assert in_ontology - in_python == set(), "ontology terms missing from namespaces.CWKG"
    for term in in_ontology:
        node = rdflib.URIRef(ns + term)
        assert onto.value(node, RDFS.comment) is not None, f"cwkg:{term} has no rdfs:comment"
        assert set(onto.objects(node, RDF.type)) & {OWL.Class, OWL.ObjectProperty,
                                                     OWL.DatatypeProperty, OWL.NamedIndividual}


def test_misspelt_term_raises():
    import pytest
    with pytest.raises(AttributeError):
        CWKG.CasualtyClaims  # noqa: B018


def test_every_cwkg_term_in_the_build_is_in_the_ontology(built):
    _, graph = built
    ns = PREFIXES["cwkg"]
    used = set()
    for q in graph.quads:
        for term in (q.predicate, q.object):
            value = getattr(term, "value", "")
            if isinstance(value, str) and value.startswith(ns):
                used.add(value[len(ns):])
    assert used and used <= set(CWKG.__annotations__)


def test_no_prefix_is_typed_twice():
    assert len(set(PREFIXES.values())) == len(PREFIXES)
    block = sparql_prefix_block()
    assert block.count("PREFIX ") == len(PREFIXES)
    assert "http://schema.org/" not in PREFIXES.values()  # schema.org is https, once
