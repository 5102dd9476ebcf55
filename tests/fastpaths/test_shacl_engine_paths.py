"""The fast engine's shortcuts (one summary query per node shape, subclasses looked up once,
failing values asked only for suspect focus nodes, blank-node focus nodes) give pySHACL's
findings on data made to exercise each of them."""

from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from cwkg.namespaces import PREFIXES
from cwkg.rdf.store import Store
from cwkg.validate.shacl import run_shacl

MINIMAL = Path(__file__).resolve().parents[1] / "shapes" / "valid" / "minimal.trig"
CWKG, PROV, RDF, RDFS, XSD = (PREFIXES[p] for p in ("cwkg", "prov", "rdf", "rdfs", "xsd"))
EX = "http://example.org/"
REFERENCE = ox.NamedNode("https://w3id.org/cwkg/graph/reference")


def iri(text: str) -> ox.NamedNode:
    return ox.NamedNode(text)


def add(quads: list, subject, predicate: str, obj, graph=REFERENCE) -> None:
    quads.append(ox.Quad(subject, iri(predicate), obj, graph))


def both(quads: list, blank: bool = False) -> tuple[Counter, Counter]:
    """Each engine's findings; with ``blank``, without the focus node (a blank node's id
    differs between pyoxigraph and rdflib)."""
    fast = run_shacl(Store(quads), engine="sparql").findings
    reference = run_shacl(Store(quads), engine="pyshacl").findings
    if blank:
        fast, reference = ([(f.shape, f.path, f.value, f.message) for f in findings]
                           for findings in (fast, reference))
    return Counter(fast), Counter(reference)


def test_subclasses_of_target_and_value_classes():
    quads = list(Store.from_file(MINIMAL).quads)
    add(quads, iri(EX + "Memo"), RDFS + "subClassOf", iri(EX + "Document"))
    add(quads, iri(EX + "Document"), RDFS + "subClassOf", iri(CWKG + "Source"))
    add(quads, iri(EX + "Spokesman"), RDFS + "subClassOf", iri(PROV + "Agent"))
    memo = iri(EX + "memo-1")                     # a source by its sub-subclass: targeted,
    add(quads, memo, RDF + "type", iri(EX + "Memo"))  # and every source property missing
    speaker = iri(EX + "spokesman")               # an agent only through its subclass
    add(quads, speaker, RDF + "type", iri(EX + "Spokesman"))
    add(quads, memo, "http://purl.org/dc/terms/creator", speaker)
    fast, reference = both(quads)
    assert fast == reference
    assert any(f.focus == EX + "memo-1" or f.focus.endswith("memo-1") for f in fast)


def test_blank_node_focus_nodes_and_several_failures_on_one_focus():
    quads = list(Store.from_file(MINIMAL).quads)
    for outcomes, value in (([CWKG + "Killed", CWKG + "Injured"], "12"),   # two outcomes
                            ([CWKG + "Nothing", CWKG + "Nowhere"], "-3"),  # two bad values
                            ([CWKG + "Killed"], "many")):                   # ill-typed
        figure = ox.BlankNode()
        add(quads, figure, RDF + "type", iri(CWKG + "Figure"))
        for outcome in outcomes:
            add(quads, figure, CWKG + "outcome", iri(outcome))
        add(quads, figure, CWKG + "qualifier", iri(CWKG + "Exactly"))
        add(quads, figure, CWKG + "population", iri(CWKG + "People"))
        add(quads, figure, CWKG + "statedValue", ox.Literal(value, datatype=iri(XSD + "integer")))
    fast, reference = both(quads, blank=True)
    assert sum(reference.values()) >= 5
    assert fast == reference


def test_an_iri_focus_node_with_several_failing_values():
    quads = list(Store.from_file(MINIMAL).quads)
    figure = iri(EX + "figure-1")
    add(quads, figure, RDF + "type", iri(CWKG + "Figure"))
    for outcome in ("Nothing", "Nowhere", "Killed"):
        add(quads, figure, CWKG + "outcome", iri(CWKG + outcome))
    add(quads, figure, CWKG + "qualifier", iri(CWKG + "Sometimes"))
    fast, reference = both(quads)
    assert sum(reference.values()) >= 4
    assert fast == reference
