"""A triple in two named graphs is one triple of the union SHACL validates: both engines
report its failure once (pyoxigraph's union default graph would repeat it)."""

import pyoxigraph as ox

from cwkg.rdf.parse import parse_bytes
from cwkg.rdf.store import Store
from cwkg.validate.shacl import run_shacl

GRAPH = """
<https://w3id.org/cwkg/org/x> a <https://schema.org/Organization> ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "X"@en , "Y"@en .
<https://w3id.org/cwkg/claim/x-c01> a <https://w3id.org/cwkg/ontology#Claim> ;
    <https://w3id.org/cwkg/ontology#speechMode> <https://w3id.org/cwkg/ontology#Nonsense> .
"""


def _store(graphs: int) -> Store:
    trig = "".join(f"<https://w3id.org/cwkg/graph/g{i}> {{ {GRAPH} }}\n" for i in range(graphs))
    return Store(parse_bytes(trig.encode(), ox.RdfFormat.TRIG, "dup.trig"))


def test_a_triple_in_two_graphs_fails_once_in_both_engines():
    once = run_shacl(_store(1)).findings
    assert any(f.shape == "shape:ClaimSpeechModeShape" for f in once)
    for engine in ("sparql", "pyshacl"):
        assert run_shacl(_store(2), engine=engine).findings == once, engine
