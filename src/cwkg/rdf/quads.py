"""Turn loaded data into RDF quads: one named graph per source, one for reference entities.

Every node gets an IRI derived from its id (no blank nodes), so the output is
deterministic, isomorphism is plain set equality, and a SPARQL server holds the
same nodes as the embedded store. Quads are built as pyoxigraph terms: at a
million quads that is several times faster than rdflib terms, and
:mod:`cwkg.store` hands rdflib graphs to users who want them.

Alongside the quads the builder records where each subject was defined
(``file:line``), so validation can point a curator at the line to edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from cwkg.load.model import Claim, Entity, Figure, Source
from cwkg.load.sources import AUTHOR_SUFFIX
from cwkg.prefixes import ONTOLOGY_VERSION, PREFIXES, OxTerms, expand

# pyoxigraph terms made once: rdflib builds and checks a new URIRef on every attribute access,
# which cost 2.5 s of a 10 s build at a million quads (and importing rdflib 0.1 s a command)
CWKG, DCTERMS, EARL, OA, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, TIME, XSD = (OxTerms(p) for p in (
    "cwkg", "dcterms", "earl", "oa", "prov", "rdf", "rdfs", "schema", "sem", "skos", "time",
    "xsd"))
REFERENCE_GRAPH = expand("graph:reference")


@lru_cache(maxsize=None)
def iri(value: str) -> ox.NamedNode:
    """A NamedNode from a full IRI or a ``prefix:local`` id."""
    return ox.NamedNode(value if "://" in value else expand(value))


def lit(value, datatype=None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype is not None:
        return ox.Literal(str(value), datatype=datatype)
    return ox.Literal(value)


def date_lit(value) -> ox.Literal:
    return lit(value.isoformat(), XSD.date)


def int_lit(value: int, datatype=XSD.integer) -> ox.Literal:
    return lit(str(value), datatype)


A = RDF.type

SOURCE_CLASSES = {
    "news-article": SCHEMA.NewsArticle, "press-release": CWKG.PressRelease,
    "statement": CWKG.Statement, "social-media-post": SCHEMA.SocialMediaPosting,
    "report": SCHEMA.Report,
}
ENTITY_CLASSES = {
    "organisation": (SCHEMA.Organization, PROV.Agent),
    "collective": (CWKG.Collective, PROV.Agent),
    "campaign": (CWKG.Campaign, PROV.Agent),
    "person": (SCHEMA.Person, PROV.Agent),
    "place": (SCHEMA.Place,),
    "attack": (CWKG.Attack, SEM.Event),
    "weapon": (CWKG.Weapon,),
    "legal-instrument": (CWKG.LegalInstrument,),
    "mechanism": (CWKG.AccountabilityMechanism,),
}
DOCUMENT_CLASSES = {"report": SCHEMA.Report, "statement": CWKG.Statement,
                    "social-media-post": SCHEMA.SocialMediaPosting}
ENTITY_LINKS = {  # (entity type, key) -> predicate
    "part_of": DCTERMS.isPartOf, "works_for": SCHEMA.worksFor,
    "contained_in": SCHEMA.containedInPlace, "place": SEM.hasPlace, "weapon": CWKG.weapon,
    "alleged_perpetrators": CWKG.allegedPerpetrator, "issued_by": DCTERMS.creator,
    "author": DCTERMS.creator, "related": SKOS.related,
}
ORG_PART_OF = SCHEMA.parentOrganization
CLAIM_CLASSES = {
    "casualty-figure": CWKG.CasualtyClaim, "attribution": CWKG.AttributionClaim,
    "investigation-finding": CWKG.InvestigationFindingClaim, "demand": CWKG.DemandClaim,
    "instrument-citation": CWKG.CitationClaim, "event": CWKG.EventClaim,
    "commemoration": CWKG.CommemorationClaim, "characterisation": CWKG.CharacterisationClaim,
}
SPEECH_MODES = {"own-voice": CWKG.OwnVoice, "direct-quote": CWKG.DirectQuote,
                "reported": CWKG.ReportedSpeech}
QUALIFIERS = {"exactly": CWKG.Exactly, "about": CWKG.About, "more-than": CWKG.MoreThan,
              "at-least": CWKG.AtLeast, "up-to": CWKG.UpTo, "dozens": CWKG.Dozens,
              "hundreds": CWKG.Hundreds, "thousands": CWKG.Thousands}
OUTCOMES = {"killed": CWKG.Killed, "injured": CWKG.Injured, "exposed": CWKG.Exposed,
            "affected": CWKG.Affected, "casualties": CWKG.Casualties, "attacks": CWKG.Attacks}
POPULATIONS = {"people": CWKG.People, "civilians": CWKG.Civilians,
               "children": CWKG.Children, "women": CWKG.Women,
               "opposition-fighters": CWKG.OppositionFighters, "prisoners": CWKG.Prisoners}
CLAIM_LINKS = (("perpetrators", CWKG.responsibleParty), ("mechanisms", CWKG.mechanism),
               ("addressees", CWKG.addressee), ("accused", CWKG.accused),
               ("instruments", CWKG.instrument))
IDENTIFIED_LINKS = {  # YAML key -> the predicate of the link an identification qualifies
    "about": CWKG.about, "stated_by": PROV.wasAttributedTo, "via": CWKG.via,
    "perpetrators": CWKG.responsibleParty, "based_on": CWKG.basedOn, "weapon": CWKG.weapon,
    "place": CWKG.eventPlace, "mechanisms": CWKG.mechanism, "addressees": CWKG.addressee,
    "accused": CWKG.accused, "instruments": CWKG.instrument, "author": DCTERMS.creator,
    "publisher": DCTERMS.publisher, "translated_by": SCHEMA.translator,
    "quotes": PROV.wasQuotedFrom, "relays": CWKG.relays,
}
IDENTIFIERS = {"curator": CWKG.Curator}
# an end of a period as precise as the text: a year, a month or a date (OWL-Time positions)
POSITIONS = {4: (TIME.inXSDgYear, XSD.gYear), 7: (TIME.inXSDgYearMonth, XSD.gYearMonth),
             10: (TIME.inXSDDate, XSD.date)}


@dataclass
class BuiltGraph:
    """The quads in a fixed order, and where each subject was defined."""

    quads: list[ox.Quad] = field(default_factory=list)
    locations: dict[str, str] = field(default_factory=dict)   # subject IRI -> file:line
    graphs: list[str] = field(default_factory=list)           # named graph IRIs, in order

    def __len__(self) -> int:
        return len(self.quads)


class _Emitter:
    def __init__(self, out: BuiltGraph, graph: ox.NamedNode):
        self.out, self.graph = out, graph
        self._seen: set = set()
        out.graphs.append(graph.value)

    def add(self, s, p, o) -> None:
        q = ox.Quad(s, p, o, self.graph)
        if q not in self._seen:
            self._seen.add(q)
            self.out.quads.append(q)

    def locate(self, node: ox.NamedNode, where: str) -> None:
        self.out.locations.setdefault(node.value, where)


def reference_graph(entities) -> BuiltGraph:
    """The reference graph alone: every entity."""
    out = BuiltGraph()
    ref = _Emitter(out, iri(REFERENCE_GRAPH))
    for entity in entities:
        _entity(ref, entity)
    ref.add(ref.graph, DCTERMS.conformsTo, iri(ONTOLOGY_VERSION))
    return out


def emit_source(out: BuiltGraph, source: Source, claims) -> BuiltGraph:
    """Add one source's named graph (its metadata and its claims) to ``out``. Every
    subject in it is the source's own (its IRI, its author, its claims and their parts),
    so no triple of one source graph occurs in another or in the reference graph."""
    emit = _Emitter(out, iri(source.id))
    _source(emit, source)
    for claim in claims:
        _claim(emit, claim, source)
    return out


def verification(source: Source) -> ox.NamedNode:
    """earl:passed when the build checked the source's hash and its claims' anchors against
    its text, earl:untested when the text is kept outside the repository and was absent."""
    return EARL.passed if source.verified else EARL.untested


def unidentified_author(source: Source) -> ox.NamedNode:
    return iri(f"{source.id}{AUTHOR_SUFFIX}")  # no source id ends so (sources.py)


def _labels(emit: _Emitter, node, labels: dict, aliases: dict) -> None:
    for lang in sorted(labels):
        emit.add(node, SKOS.prefLabel, lit(labels[lang], lang=lang))
    for lang in sorted(aliases):
        for alias in aliases[lang]:
            emit.add(node, SKOS.altLabel, lit(alias, lang=lang))


def _entity(emit: _Emitter, e: Entity) -> None:
    node = iri(e.id)
    emit.locate(node, e.where())
    if e.type == "document":
        classes = (DOCUMENT_CLASSES[e.values["document_type"]], PROV.Entity)
    else:
        classes = ENTITY_CLASSES[e.type]
    for cls in classes:
        emit.add(node, A, cls)
    _labels(emit, node, e.labels, e.aliases)
    if e.wikidata:
        emit.add(node, SKOS.exactMatch, iri(PREFIXES["wd"] + e.wikidata))
    for key, value in e.links.items():
        predicate = ORG_PART_OF if (key == "part_of" and e.id.startswith("org:")) \
            else ENTITY_LINKS[key]
        for ref in value if isinstance(value, list) else [value]:
            emit.add(node, predicate, iri(ref))
    if "date" in e.values:
        predicate = SEM.hasTimeStamp if e.type == "attack" else DCTERMS.date
        emit.add(node, predicate, date_lit(e.values["date"]))
    if "from" in e.values:  # an attack that is a series over a period
        emit.add(node, SEM.hasBeginTimeStamp, date_lit(e.values["from"]))
        emit.add(node, SEM.hasEndTimeStamp, date_lit(e.values["to"]))
    if "year" in e.values:
        emit.add(node, DCTERMS.date, lit(str(e.values["year"]), XSD.gYear))
    if "job_title" in e.values:
        emit.add(node, SCHEMA.jobTitle, lit(e.values["job_title"], lang="en"))
    for ref in e.sources:
        emit.add(node, DCTERMS.source, iri(ref))
    for citation in e.references:
        emit.add(node, DCTERMS.bibliographicCitation, lit(citation))


def _source(emit: _Emitter, s: Source) -> None:
    node = iri(s.id)
    emit.locate(node, s.where())
    for cls in (CWKG.Source, PROV.Entity, SOURCE_CLASSES[s.type]):
        emit.add(node, A, cls)
    if s.external:
        emit.add(node, A, CWKG.ExternalTextSource)
    if s.title:
        emit.add(node, DCTERMS.title, lit(s.title, lang=s.language))
    if s.author:
        emit.add(node, DCTERMS.creator, iri(s.author))
    else:
        author = unidentified_author(s)
        emit.locate(author, s.where())
        emit.add(author, A, PROV.Agent)
        emit.add(author, SKOS.prefLabel, lit(f"unidentified author of {s.id}", lang="en"))
        emit.add(node, DCTERMS.creator, author)
    if s.publisher:
        emit.add(node, DCTERMS.publisher, iri(s.publisher))
    if s.translated_by:
        emit.add(node, SCHEMA.translator, iri(s.translated_by))
    if s.date:
        emit.add(node, DCTERMS.date, date_lit(s.date))
    emit.add(node, DCTERMS.language, lit(s.language))
    # the graph (named as its source) is written for this version of the ontology
    emit.add(node, DCTERMS.conformsTo, iri(ONTOLOGY_VERSION))
    emit.add(node, CWKG.sha256, lit(s.sha256))
    emit.add(node, CWKG.characterCount, int_lit(s.characters))
    emit.add(node, CWKG.verification, verification(s))
    if not s.external:
        emit.add(node, CWKG.textFile, lit(s.text_path))
        # the exact text, so any SPARQL store can check quotes, offsets and the hash itself
        # (never for a text kept outside the repository: the graph does not republish it)
        emit.add(node, SCHEMA.text, lit(s.text))
    if s.original_file:
        emit.add(node, CWKG.originalFileName, lit(s.original_file))
    if s.url:
        emit.add(node, SCHEMA.url, iri(s.url))
    for ref in s.quotes:
        emit.add(node, PROV.wasQuotedFrom, iri(ref))
    for ref in s.relays:
        emit.add(node, CWKG.relays, iri(ref))
    if s.publisher_verified is not None:
        emit.add(node, CWKG.publisherVerified, lit(str(s.publisher_verified).lower(), XSD.boolean))
    if s.publisher_note:
        emit.add(node, CWKG.publisherNote, lit(s.publisher_note))
    if s.note:
        emit.add(node, RDFS.comment, lit(s.note, lang="en"))
    _identifications(emit, node, s.identifications)


def _claim(emit: _Emitter, c: Claim, source: Source) -> None:
    node = iri(c.id)
    where = c.where()
    emit.locate(node, where)
    emit.add(node, A, CWKG.Claim)
    emit.add(node, A, CLAIM_CLASSES[c.kind])
    for ref in c.about:
        emit.add(node, CWKG.about, iri(ref))
    speaker = iri(c.stated_by) if c.stated_by else unidentified_author(source)
    emit.add(node, PROV.wasAttributedTo, speaker)
    emit.add(node, PROV.wasDerivedFrom, iri(c.source))
    emit.add(node, CWKG.speechMode, SPEECH_MODES[c.speech])
    emit.add(node, CWKG.verification, verification(source))
    if c.via:
        emit.add(node, CWKG.via, iri(c.via))
    _anchor(emit, node, c, where)
    for index, figure in enumerate(c.figures, start=1):
        _figure(emit, node, c, index, figure, where)
    for key, predicate in CLAIM_LINKS:
        for ref in getattr(c, key):
            emit.add(node, predicate, iri(ref))
    if c.based_on:
        emit.add(node, CWKG.basedOn, iri(c.based_on))
    if c.weapon:
        emit.add(node, CWKG.weapon, iri(c.weapon))
    if c.place:
        emit.add(node, CWKG.eventPlace, iri(c.place))
    if c.event_date:
        emit.add(node, CWKG.eventDate, date_lit(c.event_date))
    if c.anniversary is not None:
        emit.add(node, CWKG.anniversary, int_lit(c.anniversary))
    if c.years_since is not None:
        emit.add(node, CWKG.yearsSince, int_lit(c.years_since))
    if c.period is not None:
        _period(emit, node, c, where)
    _identifications(emit, node, c.identifications)


def _period(emit: _Emitter, claim_node, c: Claim, where: str) -> None:
    """The span the claim covers ("since 2011"): a dcterms:PeriodOfTime that is an OWL-Time
    interval, each end an instant positioned as precisely as the text gives it."""
    period = iri(f"{c.id}-period")
    emit.locate(period, where)
    emit.add(claim_node, DCTERMS.temporal, period)
    emit.add(period, A, DCTERMS.PeriodOfTime)
    emit.add(period, A, TIME.Interval)
    for key, predicate in (("start", TIME.hasBeginning), ("end", TIME.hasEnd)):
        value = getattr(c.period, key)
        if value is None:
            continue
        instant = iri(f"{c.id}-period-{key}")
        emit.locate(instant, where)
        position, datatype = POSITIONS[len(value)]
        emit.add(period, predicate, instant)
        emit.add(instant, A, TIME.Instant)
        emit.add(instant, position, lit(value, datatype))


def _identifications(emit: _Emitter, subject, identifications) -> None:
    """Each link the curator identified (not the text's words), as an rdf:Statement about
    that one triple, attributed with PROV to who identified it, with the reason. The triple
    itself stays asserted, so queries that use the link are unchanged."""
    for n, ident in enumerate(identifications, start=1):
        node = iri(f"{subject.value}#identification-{n}")
        emit.locate(node, ident.where())
        emit.add(node, A, RDF.Statement)
        emit.add(node, A, PROV.Entity)
        emit.add(node, RDF.subject, subject)
        emit.add(node, RDF.predicate, IDENTIFIED_LINKS[ident.field])
        emit.add(node, RDF.object, iri(ident.id))
        emit.add(node, PROV.wasAttributedTo, IDENTIFIERS[ident.identified_by])
        emit.add(node, RDFS.comment, lit(ident.reason, lang="en"))


def _anchor(emit: _Emitter, claim_node, c: Claim, where: str) -> None:
    a = c.anchor
    target = iri(f"{c.id}-anchor")
    quote = iri(f"{c.id}-quote")
    position = iri(f"{c.id}-position")
    for node in (target, quote, position):
        emit.locate(node, where)
    emit.add(claim_node, CWKG.anchor, target)
    emit.add(target, A, OA.SpecificResource)
    emit.add(target, OA.hasSource, iri(c.source))
    emit.add(target, OA.hasSelector, quote)
    emit.add(target, OA.hasSelector, position)
    emit.add(quote, A, OA.TextQuoteSelector)
    emit.add(quote, OA.exact, lit(a.exact))
    emit.add(quote, OA.prefix, lit(a.prefix))
    emit.add(quote, OA.suffix, lit(a.suffix))
    emit.add(position, A, OA.TextPositionSelector)
    emit.add(position, OA.start, int_lit(a.start, XSD.nonNegativeInteger))
    emit.add(position, OA.end, int_lit(a.end, XSD.nonNegativeInteger))


def _figure(emit: _Emitter, claim_node, c: Claim, index: int, f: Figure, where: str) -> None:
    node = iri(f"{c.id}-f{index}")
    emit.locate(node, where)
    emit.add(claim_node, CWKG.figure, node)
    emit.add(node, A, CWKG.Figure)
    emit.add(node, CWKG.outcome, OUTCOMES[f.counts])
    if f.group:
        emit.add(node, CWKG.population, POPULATIONS[f.group])
    emit.add(node, CWKG.qualifier, QUALIFIERS[f.qualifier])
    if f.value is not None:
        emit.add(node, CWKG.statedValue, int_lit(f.value))
    if f.min_value is not None:
        emit.add(node, CWKG.minValue, int_lit(f.min_value))
    if f.max_value is not None:
        emit.add(node, CWKG.maxValue, int_lit(f.max_value))
