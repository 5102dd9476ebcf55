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
    ENTITY_PREFIXES,
    ONTOLOGY,
    ONTOLOGY_VERSION,
    PREFIXES,
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

    # classes
    Source: object
    ExternalTextSource: object
    PressRelease: object
    Statement: object
    Claim: object
    CasualtyClaim: object
    AttributionClaim: object
    InvestigationFindingClaim: object
    DemandClaim: object
    CitationClaim: object
    CommemorationClaim: object
    CharacterisationClaim: object
    EventClaim: object
    Figure: object
    Qualifier: object
    Outcome: object
    Population: object
    SpeechMode: object
    Attack: object
    Weapon: object
    LegalInstrument: object
    AccountabilityMechanism: object
    Collective: object
    Campaign: object
    # source properties
    sha256: object
    textFile: object
    characterCount: object
    publisherVerified: object
    publisherNote: object
    originalFileName: object
    relays: object
    verification: object
    # claim properties
    anchor: object
    about: object
    speechMode: object
    via: object
    figure: object
    responsibleParty: object
    basedOn: object
    weapon: object
    eventDate: object
    eventPlace: object
    mechanism: object
    addressee: object
    accused: object
    instrument: object
    anniversary: object
    yearsSince: object
    # figure properties
    outcome: object
    population: object
    qualifier: object
    statedValue: object
    minValue: object
    maxValue: object
    # entity properties
    allegedPerpetrator: object
    # individuals: qualifiers
    Exactly: object
    About: object
    MoreThan: object
    AtLeast: object
    UpTo: object
    Dozens: object
    Hundreds: object
    Thousands: object
    # individuals: outcomes
    Killed: object
    Injured: object
    Exposed: object
    Affected: object
    Casualties: object
    Attacks: object
    # individuals: populations
    People: object
    Civilians: object
    Children: object
    Women: object
    OppositionFighters: object
    Prisoners: object
    # individuals: speech modes
    OwnVoice: object
    DirectQuote: object
    ReportedSpeech: object
    # individuals: agents
    Curator: object


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


class OxTerms:
    """The terms of one namespace above as pyoxigraph NamedNodes, each made once.

    rdflib builds and checks a new URIRef on every attribute access (a misspelt CWKG term
    still raises AttributeError here, on first use).

    >>> OxTerms(CWKG).Claim.value
    'https://w3id.org/cwkg/ontology#Claim'
    """

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        import pyoxigraph as ox
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


