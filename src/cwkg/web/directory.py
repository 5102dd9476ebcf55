"""What every page needs at hand, read once per build: every entity with its names, every
source's metadata (without its text), each claim's source, and the search index.

At 10,000 sources this is about 600 entities, 10,000 sources and 45,000 claims: a few
seconds to read at start, after which a page asks the graph only for its own nodes.
"""

from __future__ import annotations

from functools import cached_property

from cwkg.load.sources import AUTHOR_SUFFIX
from cwkg.namespaces import BASE, PREFIXES, compact

from . import records
from .graph import Graph
from .records import EntityView, SourceView, entity_view, local, source_view
from .search import Entry, Index

ENTITY_KINDS = {  # compact prefix -> (heading, singular)
    "attack": ("Attacks", "attack"), "org": ("Organisations", "organisation"),
    "person": ("People", "person"), "place": ("Places", "place"),
    "weapon": ("Weapons", "weapon"), "legal": ("Legal instruments", "legal instrument"),
    "mech": ("Accountability mechanisms", "accountability mechanism"),
    "doc": ("Documents", "document")}
PERSON = PREFIXES["schema"] + "Person"
# cwkg's own terms in a table of answers: 'more than', 'own voice', 'casualty figure'
VOCABULARY = {iri: word.replace("-", " ")
              for table in (records.KINDS, records.SPEECH, records.QUALIFIERS,
                            records.OUTCOMES, records.POPULATIONS)
              for iri, word in table.items()}


class Directory:
    def __init__(self, graph: Graph):
        self.graph = graph

    @cached_property
    def entities(self) -> dict[str, EntityView]:
        nodes = self.graph.scan("GRAPH graph:reference { ?s ?p ?o }")
        return {i: entity_view(i, nodes[i], self.graph.locations.get(i)) for i in sorted(nodes)}

    @cached_property
    def sources(self) -> dict[str, SourceView]:
        """Every source's metadata, newest first."""
        nodes = self.graph.scan("GRAPH ?s { ?s a cwkg:Source ; ?p ?o }",
                                without_text=True)
        views = [source_view(i, d, self.graph.locations.get(i)) for i, d in nodes.items()]
        views.sort(key=lambda s: (s.date, s.iri), reverse=True)
        return {s.iri: s for s in views}

    @cached_property
    def claim_sources(self) -> dict[str, str]:
        """claim IRI -> source IRI, for every claim."""
        rows = self.graph.select("SELECT ?c ?s WHERE { GRAPH ?s { ?c prov:wasDerivedFrom ?s ; "
                                 "a cwkg:Claim } }").rows
        return {c.value: s.value for c, s in rows}

    @cached_property
    def source_claims(self) -> dict[str, list[str]]:
        """source IRI -> its claims' IRIs."""
        out: dict[str, list[str]] = {}
        for claim, source in self.claim_sources.items():
            out.setdefault(source, []).append(claim)
        return out

    def sources_naming(self, iri: str) -> dict[str, list[SourceView]]:
        """'written' / 'published' / 'translated' / 'quoted' / 'relayed' -> the sources
        that name ``iri`` so, newest first."""
        out: dict[str, list[SourceView]] = {}
        for s in self.sources.values():
            for word, named in (("written", s.author == iri), ("published", s.publisher == iri),
                                ("translated", s.translator == iri),
                                ("quoted", iri in s.quotes), ("relayed", iri in s.relays)):
                if named:
                    out.setdefault(word, []).append(s)
        return out

    def by_kind(self, prefix: str) -> list[EntityView]:
        found = [e for e in self.entities.values() if e.prefix == prefix]
        return sorted(found, key=lambda e: e.label().casefold())

    def is_person(self, iri: str) -> bool:
        entity = self.entities.get(iri)
        return entity is not None and PERSON in entity.types

    def name(self, iri: str | None) -> str:
        """The English name of any node: an entity's label, a source's title or id, the
        unidentified author of a source, a claim's id."""
        if not iri:
            return ""
        entity = self.entities.get(iri)
        if entity is not None:
            return entity.label("en")
        source = self.sources.get(iri)
        if source is not None:
            return source.title or source.id
        if iri.startswith(PREFIXES["src"]) and iri.endswith(AUTHOR_SUFFIX):
            owner = self.sources.get(iri[:-len(AUTHOR_SUFFIX)])
            return f"the unnamed author of {owner.id if owner else local(iri)}"
        if iri in VOCABULARY:
            return VOCABULARY[iri]
        if iri.startswith(BASE):
            return compact(iri)
        return iri

    def arabic_name(self, iri: str) -> str | None:
        entity = self.entities.get(iri)
        return entity.labels.get("ar") if entity else None

    def source_date(self, claim: str) -> str:
        source = self.sources.get(self.claim_sources.get(claim, ""))
        return source.date if source else ""

    def in_date_order(self, claims, newest_first: bool = False) -> list[str]:
        """Claim IRIs by their source's publication date, then id."""
        return sorted(claims, key=lambda c: (self.source_date(c), c), reverse=newest_first)

    @cached_property
    def index(self) -> Index:
        entries = []
        for e in self.entities.values():
            for lang, label in sorted(e.labels.items()):
                entries.append(Entry("entity", e.iri, label, lang, "label"))
            for alias, lang in e.aliases:
                entries.append(Entry("entity", e.iri, alias, lang, "alias"))
        rows = self.graph.select(
            "SELECT ?c ?exact ?lang WHERE { GRAPH ?s { ?c a cwkg:Claim ; cwkg:anchor ?a . "
            "?a oa:hasSelector ?q . ?q oa:exact ?exact . ?s dcterms:language ?lang } } "
            "ORDER BY ?c").rows
        entries += [Entry("claim", c.value, exact.value, lang.value, "quote")
                    for c, exact, lang in rows]
        return Index(entries)
