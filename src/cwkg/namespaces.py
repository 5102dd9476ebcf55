"""rdflib's namespace objects for the prefixes of :mod:`cwkg.prefixes` (where every
prefix is defined, once), and cwkg's own terms: ``CWKG.CasualtyClaim``; a misspelt term
raises AttributeError. ``tests/core/test_namespaces.py`` holds the terms and the ontology in
step.

>>> str(CWKG.CasualtyClaim)
'https://w3id.org/cwkg/ontology#CasualtyClaim'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

# the prefixes themselves are defined once, in cwkg.prefixes; re-exported here
from cwkg.prefixes import (  # noqa: F401
    BASE,
    CWKG_TERMS,
    ENTITY_PREFIXES,
    ONTOLOGY,
    ONTOLOGY_VERSION,
    PREFIXES,
    OxTerms,
    compact,
    expand,
    jsonld_context,
    local_id,
    sparql_prefix_block,
)


class CWKG(DefinedNamespace):
    """cwkg's own terms. Each is declared with rdfs:label and rdfs:comment in
    ontology/cwkg.ttl; a misspelt term raises AttributeError."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True
    __annotations__ = dict.fromkeys(sorted(CWKG_TERMS), object)  # the terms, in prefixes.py


SRC = Namespace(PREFIXES["src"])
CLAIM = Namespace(PREFIXES["claim"])
GRAPH = Namespace(PREFIXES["graph"])
SHAPE = Namespace(PREFIXES["shape"])
WD = Namespace(PREFIXES["wd"])
PROV = Namespace(PREFIXES["prov"])
SCHEMA = Namespace(PREFIXES["schema"])
OA = Namespace(PREFIXES["oa"])
SKOS = Namespace(PREFIXES["skos"])
DCTERMS = Namespace(PREFIXES["dcterms"])
SEM = Namespace(PREFIXES["sem"])
EARL = Namespace(PREFIXES["earl"])
TIME = Namespace(PREFIXES["time"])
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
OWL = Namespace(PREFIXES["owl"])
XSD = Namespace(PREFIXES["xsd"])
SH = Namespace(PREFIXES["sh"])

REFERENCE_GRAPH = GRAPH["reference"]
