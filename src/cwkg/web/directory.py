"""What every page needs at hand, read once per build: every entity with its names, every
source's metadata (without its text), each claim's source, and the search index.

At 10,000 sources this is about 600 entities, 10,000 sources and 45,000 claims: the
entities are read at start, the rest comes from :mod:`cwkg.web.prepared` (read from the
graph once per build, then kept in the build's cache).
"""

from __future__ import annotations

from functools import cached_property

from cwkg.load.sources import AUTHOR_SUFFIX
from cwkg.namespaces import BASE, PREFIXES, compact

from . import records
from .graph import Graph
from .prepared import Prepared, prepare
from .records import ClaimView, EntityView, SourceView, entity_view, local
from .search import Entry, Index, fold

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
    def __init__(self, graph: Graph, echo=None):
        self.graph = graph
        self.echo = echo  # says so when the build's sources are read (once per build)

    @cached_property
    def entities(self) -> dict[str, EntityView]:
        nodes = self.graph.scan("GRAPH graph:reference { ?s ?p ?o }")
        where = self.prepared.where  # locations.json, as the index keeps it
        return {i: entity_view(i, nodes[i], where.get(i)) for i in sorted(nodes)}

    @cached_property
    def prepared(self) -> Prepared:
        """The sources and claims as the pages read them, prepared once per build."""
        graph = self.graph
        return prepare(graph.store, graph.build, graph.out_dir, graph.locations, self.echo)

    @property
    def sources(self) -> dict[str, SourceView]:
        """Every source's metadata, newest first."""
        return self.prepared.sources

    @property
    def claims(self) -> dict[str, ClaimView]:
        """Every claim's view, by IRI."""
        return self.prepared.claims

    @property
    def claim_sources(self) -> dict[str, str]:
        """claim IRI -> source IRI, for every claim."""
        return self.prepared.claim_sources

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
        return self._naming.get(iri, {})

    @cached_property
    def _naming(self) -> dict[str, dict[str, list[SourceView]]]:
        """Every node's :meth:`sources_naming`, in one pass over the sources."""
        out: dict[str, dict[str, list[SourceView]]] = {}
        for s in self.sources.values():
            for word, named in (("written", [s.author]), ("published", [s.publisher]),
                                ("translated", [s.translator]), ("quoted", s.quotes),
                                ("relayed", s.relays)):
                for iri in dict.fromkeys(named):
                    if iri:
                        out.setdefault(iri, {}).setdefault(word, []).append(s)
        return out

    def linking_to(self, iri: str) -> list[tuple[str, EntityView]]:
        """(predicate, entity) for each link of an entity to ``iri``, in the entities'
        order."""
        return self._incoming.get(iri, [])

    @cached_property
    def _incoming(self) -> dict[str, list[tuple[str, EntityView]]]:
        """Every node's :meth:`linking_to`, in one pass over the entities' links (each
        entity page looked through all of them)."""
        out: dict[str, list[tuple[str, EntityView]]] = {}
        for e in self.entities.values():
            for predicate, target in e.links:
                out.setdefault(target, []).append((predicate, e))
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
        folded = [fold(e.text) for e in entries]
        for claim, exact, lang, words in self.prepared.quotes:
            entries.append(Entry("claim", claim, exact, lang, "quote"))
            folded.append(words)
        return Index(entries, folded)
