"""Every IRI prefix cwkg uses, defined once, as plain strings.

The SPARQL prefix block, the JSON-LD context (``ontology/context.jsonld``), the
Turtle/TriG prefixes and the ontology all come from :data:`PREFIXES`;
``tests/core/test_namespaces.py`` holds them in step. This module imports nothing but the
package's version, so the commands that only read a build (``cwkg query``) start without
rdflib;
:mod:`cwkg.namespaces` builds rdflib's namespace objects from it.

>>> expand("attack:khan-sheikhoun-2017")
'https://w3id.org/cwkg/attack/khan-sheikhoun-2017'
>>> compact("https://w3id.org/cwkg/attack/khan-sheikhoun-2017")
'attack:khan-sheikhoun-2017'
"""

from __future__ import annotations

from cwkg import __version__  # the package root: a version string, nothing more

BASE = "https://w3id.org/cwkg/"
# the ontology (ontology/cwkg.ttl: its owl:Ontology IRI and owl:versionIRI) and the version
# this cwkg writes: every exported graph says it conforms to it (dcterms:conformsTo)
ONTOLOGY = BASE + "ontology"
ONTOLOGY_VERSION = f"{ONTOLOGY}/{__version__}"


# prefix -> namespace IRI. Order is the order of every prefix block we print.
PREFIXES: dict[str, str] = {
    "cwkg": BASE + "ontology#",
    "src": BASE + "source/",
    "claim": BASE + "claim/",
    "graph": BASE + "graph/",
    "org": BASE + "org/",
    "person": BASE + "person/",
    "place": BASE + "place/",
    "attack": BASE + "attack/",
    "weapon": BASE + "weapon/",
    "legal": BASE + "legal/",
    "mech": BASE + "mechanism/",
    "doc": BASE + "document/",
    "shape": BASE + "shape#",
    "wd": "http://www.wikidata.org/entity/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "earl": "http://www.w3.org/ns/earl#",
    "time": "http://www.w3.org/2006/time#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}

# cwkg's own terms (cwkg:...), each declared with rdfs:label and rdfs:comment in
# ontology/cwkg.ttl (tests/core/test_namespaces.py holds the two in step): a misspelt one
# raises AttributeError, in rdflib's cwkg.namespaces.CWKG as in OxTerms("cwkg")
CWKG_TERMS = frozenset((
    # classes
    "Source", "ExternalTextSource", "PressRelease", "Statement", "Claim", "CasualtyClaim",
    "AttributionClaim", "InvestigationFindingClaim", "DemandClaim", "CitationClaim",
    "CommemorationClaim", "CharacterisationClaim", "EventClaim", "Figure", "Qualifier",
    "Outcome", "Population", "SpeechMode", "Attack", "Weapon", "LegalInstrument",
    "AccountabilityMechanism", "Collective", "Campaign",
    # source properties
    "sha256", "textFile", "characterCount", "publisherVerified", "publisherNote",
    "originalFileName", "relays", "verification",
    # claim properties
    "anchor", "about", "speechMode", "via", "figure", "responsibleParty", "basedOn",
    "weapon", "eventDate", "eventPlace", "mechanism", "addressee", "accused", "instrument",
    "anniversary", "yearsSince",
    # figure properties
    "outcome", "population", "qualifier", "statedValue", "minValue", "maxValue",
    # entity properties
    "allegedPerpetrator",
    # individuals: qualifiers
    "Exactly", "About", "MoreThan", "AtLeast", "UpTo", "Dozens", "Hundreds", "Thousands",
    # individuals: outcomes
    "Killed", "Injured", "Exposed", "Affected", "Casualties", "Attacks",
    # individuals: populations
    "People", "Civilians", "Children", "Women", "OppositionFighters", "Prisoners",
    # individuals: speech modes
    "OwnVoice", "DirectQuote", "ReportedSpeech",
    # individuals: agents
    "Curator",
))

# Prefixes whose local names are cwkg identifiers curators write in data/.
ENTITY_PREFIXES = ("org", "person", "place", "attack", "weapon", "legal", "mech", "doc")


def expand(curie: str) -> str:
    """Expand ``prefix:local`` to a full IRI; raise KeyError for an unknown prefix."""
    prefix, sep, local = curie.partition(":")
    if not sep:
        raise KeyError(curie)
    return PREFIXES[prefix] + local


def local_id(text: str, prefix: str) -> str | None:
    """The local part of an id under ``prefix``, written any of the ways cwkg accepts:
    ``prefix:local``, ``local``, the IRI, or the IRI in angle brackets. None when the text
    names something under another namespace (or nothing).

    >>> [local_id(t, "src") for t in ("src:wh-2024-04-04", "wh-2024-04-04",
    ...  "https://w3id.org/cwkg/source/wh-2024-04-04", "<https://w3id.org/cwkg/source/x>",
    ...  "claim:wh-2024-04-04-c01", "http://example.org/x", "")]
    ['wh-2024-04-04', 'wh-2024-04-04', 'wh-2024-04-04', 'x', None, None, None]
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    namespace = PREFIXES[prefix]
    if text.startswith(namespace):
        return text[len(namespace):] or None
    if "://" in text:
        return None
    head, sep, local = text.partition(":")
    if sep:
        return (local or None) if head == prefix else None
    return text or None


def compact(iri: str) -> str:
    """The shortest ``prefix:local`` form of ``iri`` (the first prefix on a tie), or the IRI.

    >>> compact("https://schema.org/text"), compact("urn:x")
    ('schema:text', 'urn:x')
    """
    # every namespace ends in / or #, so the ones that can match are decided by the IRI up
    # to its last / or #: decided once per such stem (the JSON-LD export compacts 450,000
    # subject IRIs at 10,000 sources, nearly all under a handful of stems)
    stem = iri[:max(iri.rfind("/"), iri.rfind("#")) + 1]
    best = _BEST_BY_STEM.get(stem, _UNKNOWN)
    if best is _UNKNOWN:
        best = _best_namespace(stem)
        if len(_BEST_BY_STEM) < 4096:
            _BEST_BY_STEM[stem] = best
    if best is None:
        return iri
    length, prefix = best
    return f"{prefix}:{iri[length:]}"


def _best_namespace(stem: str):
    """(namespace length, prefix) of the shortest compact form of an IRI starting with
    ``stem`` (the first prefix on a tie), or None when none is shorter than the IRI. The
    choice does not depend on the rest of the IRI: each candidate's length differs from
    the others' by the same amount whatever follows."""
    best, best_key = None, None
    for length, by_ns in _NAMESPACES_BY_LENGTH:
        found = by_ns.get(stem[:length]) if length <= len(stem) else None
        if found is not None:
            order, prefix = found
            key = (len(prefix) + 1 - length, order)
            if key[0] < 0 and (best_key is None or key < best_key):
                best, best_key = (length, prefix), key
    return best


def _namespaces_by_length() -> list:
    """[(length, {namespace: (order, prefix)})]: the shortest candidate wins, and on a tie
    the prefix listed first in PREFIXES, as a scan of PREFIXES in order would choose."""
    buckets: dict = {}
    for order, (prefix, ns) in enumerate(PREFIXES.items()):
        if not ns.endswith(("/", "#")):
            raise ValueError(f"namespace {ns} must end in / or # (compact() relies on it)")
        buckets.setdefault(len(ns), {}).setdefault(ns, (order, prefix))
    return sorted(buckets.items())


_NAMESPACES_BY_LENGTH = _namespaces_by_length()
_BEST_BY_STEM: dict = {}
_UNKNOWN = object()


class OxTerms:
    """The terms of one prefix's namespace as pyoxigraph NamedNodes, each made once
    (rdflib builds and checks a new URIRef on every attribute access); the cwkg prefix's
    are only :data:`CWKG_TERMS` (a misspelt one raises AttributeError, on first use).

    >>> OxTerms("cwkg").Claim.value
    'https://w3id.org/cwkg/ontology#Claim'
    """

    def __init__(self, prefix: str):
        self._namespace = PREFIXES[prefix]
        self._terms = CWKG_TERMS if prefix == "cwkg" else None

    def __getattr__(self, name: str):
        if name.startswith("_") or (self._terms is not None and name not in self._terms):
            raise AttributeError(f"term {name!r} not in namespace {self._namespace}")
        import pyoxigraph as ox
        node = ox.NamedNode(self._namespace + name)
        setattr(self, name, node)
        return node


def sparql_prefix_block() -> str:
    """The PREFIX lines every stored query is run with."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def jsonld_context() -> dict:
    """The JSON-LD context: prefixes only, so every key is a plain compact IRI."""
    return {"@context": dict(PREFIXES)}
