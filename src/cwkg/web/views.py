"""The data of each read page, as plain values for its template. One :class:`Views` per
build: the server keeps it for its lifetime, the static site renders every page with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from cwkg.namespaces import PREFIXES
from cwkg.query.sparql_text import sparql_iri

from . import chart, highlight
from .directory import ENTITY_KINDS, Directory
from .disagreements import disagreements
from .graph import Graph
from .records import ClaimView, entity_view
from .words import citation, claim_sentence

PAGE_SIZE = 50          # rows per page of a long list
# pairs of differing figures a dossier shows (those that cannot both hold first); the
# stored question differing-figures lists every pair: at 10,000 sources an attack has
# hundreds, which made the dossier 500 KB and several tenths of a second to render
DISAGREEMENTS_SHOWN = 50
DOSSIER_SECTIONS = ("casualty-figure", "attribution", "investigation-finding", "demand",
                    "instrument-citation")
ROLE_WORDS = {"about": "about", "perpetrators": "held responsible", "mechanisms":
              "mechanism demanded", "addressees": "called upon", "accused": "accused",
              "instruments": "instrument cited", "weapon": "weapon", "place": "place",
              "based_on": "evidence", "via": "relayed via", "stated_by": "speaker"}


class NotFound(Exception):
    """No page at this path."""


@dataclass
class Page:
    number: int
    count: int       # pages in all
    total: int       # rows in all

    @classmethod
    def of(cls, items: list, number: int, size: int | None = None):
        size = size or PAGE_SIZE
        count = max(1, -(-len(items) // size))
        if number < 1 or number > count:
            raise NotFound(f"no page {number}")
        return cls(number, count, len(items)), items[(number - 1) * size:number * size]


class Views:
    def __init__(self, graph: Graph, echo=None):
        self.graph = graph
        self.dir = Directory(graph, echo)
        # every source's text, read at once by the static site (which renders every
        # page); the server reads a source's text when its page is asked for
        self.text_cache: dict[str, str] | None = None
        self._ordered: dict[str, list[str]] = {}   # entity IRI -> its claims, in order

    def prefetch(self) -> None:
        """Read every source's text at once, and each entity's roles."""
        _ = self.roles_cache
        self.text_cache = self.graph.texts_of(list(self.dir.sources))

    @cached_property
    def roles_cache(self) -> dict[str, dict[str, list[str]]]:
        """entity IRI -> claim IRI -> the roles it plays there, from every claim's view."""
        roles: dict[str, dict[str, list[str]]] = {}
        for c in self.dir.claims.values():
            for iri, words in _roles_of_claim(c).items():
                roles.setdefault(iri, {}).setdefault(c.iri, []).extend(words)
        return roles

    # ------------------------------------------------------------------ helpers

    def claims(self, iris) -> list[ClaimView]:
        claims = self.dir.claims
        return [claims[i] for i in iris if i in claims]

    def text_of(self, source: str) -> str | None:
        if self.text_cache is not None:  # prefetched: a source missing here has no text
            return self.text_cache.get(source)
        return self.graph.text_of(source)

    def sentence(self, claim: ClaimView) -> str:
        return claim_sentence(claim, self.dir.name, self.dir.is_person(claim.speaker))

    def _rows(self, claims: list[ClaimView]) -> list[dict]:
        return [{"claim": c, "source": self.dir.sources.get(c.source),
                 "sentence": self.sentence(c)} for c in claims]

    # -------------------------------------------------------------------- pages

    def home(self) -> dict:
        attacks = self.dir.by_kind("attack")
        return {"attacks": attacks, "attack_facts": {a.iri: self._attack_facts(a)
                                                     for a in attacks},
                "sources": list(self.dir.sources.values())[:10],
                "counts": {"sources": len(self.dir.sources),
                           "claims": len(self.dir.claim_sources),
                           "entities": len(self.dir.entities)},
                "kinds": ENTITY_KINDS}

    def sources_list(self, page: int) -> dict:
        pager, rows = Page.of(list(self.dir.sources.values()), page)
        return {"sources": rows, "pager": pager}

    def entities_list(self) -> dict:
        return {"groups": [(heading, self.dir.by_kind(prefix))
                           for prefix, (heading, _) in ENTITY_KINDS.items()]}

    def claim(self, iri: str) -> dict:
        found = [c for c in self.claims([iri]) if c.kind != "claim"]
        if not found:
            raise NotFound(iri)
        c = found[0]
        source = self.dir.sources[c.source]
        return {"claim": c, "source": source, "sentence": self.sentence(c),
                "citation": citation(c, source, self.dir.name)}

    def source(self, iri: str) -> dict:
        source = self.dir.sources.get(iri)
        if source is None:
            raise NotFound(iri)
        claims = sorted(self.claims(self.dir.source_claims.get(iri, [])),
                        key=lambda c: (c.start, c.end, c.iri))
        text = self.text_of(iri)
        numbers = {c.iri: n for n, c in enumerate(claims, start=1)}
        segments = contexts = None
        if text is not None:
            segments = highlight.segments(text, [(c.iri, c.start, c.end) for c in claims])
        else:
            contexts = claims
        relays = self._relay_chain(source, claims)
        return {"source": source, "claims": claims, "rows": self._rows(claims),
                "segments": segments, "contexts": contexts, "numbers": numbers,
                "relays": relays, "text_length": len(text) if text is not None else None}

    def _relay_chain(self, source, claims: list[ClaimView]) -> list[tuple[str, str]]:
        """(how, IRI) steps between the words and the reader."""
        chain = []
        if source.author:
            chain.append(("written by", source.author))
        if source.translator:
            chain.append(("translated by", source.translator))
        if source.publisher:
            chain.append(("published by", source.publisher))
        chain += [("quotes", q) for q in source.quotes]
        chain += [("relays", r) for r in source.relays]
        for via in dict.fromkeys(c.via for c in claims if c.via):
            chain.append(("some statements come via", via))
        return chain

    def entity(self, iri: str, page: int) -> dict:
        entity = self.dir.entities.get(iri)
        if entity is None:
            return self._agent(iri, page)
        roles = self.roles_of(iri)
        ordered = self._in_order(iri, entity.prefix == "attack")
        pager, shown = Page.of(ordered, page)
        # the sources it wrote, published... on the first page: a publisher of hundreds of
        # sources repeated them on every page of its statements
        by_role = self.dir.sources_naming(iri)
        incoming = self.dir.linking_to(iri)
        context = {"entity": entity, "rows": self._rows(self.claims(shown)), "pager": pager,
                   "roles": roles, "sources_by_role": by_role if page == 1 else {},
                   "sources_on_first_page": page > 1 and bool(by_role),
                   "incoming": incoming,
                   "kind": ENTITY_KINDS.get(entity.prefix, ("", "entity"))[1]}
        if entity.prefix == "attack":
            # the figures, disagreements and sections on the first page; the timeline's
            # later pages show the timeline alone
            context.update(self.dossier(entity) if page == 1 else
                           {"facts": self._attack_facts(entity)})
        return context

    def _in_order(self, iri: str, timeline: bool) -> list[str]:
        """The claims naming ``iri`` as its pages list them (an attack's as a timeline,
        oldest first; anyone else's newest first), sorted once per entity: each page of a
        publisher's thousands of statements sorted them all again."""
        ordered = self._ordered.get(iri)
        if ordered is None:
            ordered = self._ordered[iri] = self.dir.in_date_order(
                self.roles_of(iri), newest_first=not timeline)
        return ordered

    def roles_of(self, iri: str) -> dict[str, list[str]]:
        """claim IRI -> the roles ``iri`` plays in it ('speaker', 'about', ...)."""
        return self.roles_cache.get(iri, {})

    def _agent(self, iri: str, page: int) -> dict:
        """A node with no entry in the reference graph: the unnamed author of a source."""
        nodes = self.graph.describe([iri])
        if iri not in nodes:
            raise NotFound(iri)
        entity = entity_view(iri, nodes[iri])
        said = self.dir.in_date_order(self.graph.column(
            f"SELECT ?c WHERE {{ GRAPH ?g {{ ?c prov:wasAttributedTo {sparql_iri(iri)} }} }}"))
        pager, shown = Page.of(said, page)
        return {"entity": entity, "rows": self._rows(self.claims(shown)), "pager": pager,
                "roles": {c: ["speaker"] for c in said}, "sources_by_role": {},
                "sources_on_first_page": False,
                "incoming": [], "kind": "agent"}

    def _attack_facts(self, attack) -> dict:
        links = {}
        for predicate, target in attack.links:
            links.setdefault(predicate.rpartition("/")[2].rpartition("#")[2], []).append(target)
        date = next((v for p, v in attack.values if p.endswith("hasTimeStamp")), None)
        first = next((v for p, v in attack.values if p.endswith("hasBeginTimeStamp")), None)
        last = next((v for p, v in attack.values if p.endswith("hasEndTimeStamp")), None)
        if date is None and first and last:  # a series of attacks over a period
            date = f"{first} to {last}"
        return {"date": date, "place": links.get("hasPlace", []),
                "weapon": links.get("weapon", []),
                "perpetrators": links.get("allegedPerpetrator", [])}

    def dossier(self, attack) -> dict:
        claim_iris = [c for c, roles in self.roles_of(attack.iri).items() if "about" in roles]
        claims = self.claims(self.dir.in_date_order(claim_iris))
        by_kind: dict[str, list[ClaimView]] = {}
        for c in claims:
            by_kind.setdefault(c.kind, []).append(c)
        charts = {}
        for c in by_kind.get("casualty-figure", []):
            source = self.dir.sources.get(c.source)
            label = f"{self.dir.name(c.speaker)}, {source.date if source else ''}"
            for f in c.figures:
                charts.setdefault(f.outcome, []).append((c.iri, label, f.outcome, f))
        rows = self._rows([c for c in claims if c.kind in DOSSIER_SECTIONS])
        pairs = disagreements(by_kind.get("casualty-figure", []))
        return {"facts": self._attack_facts(attack),
                "charts": [(outcome, chart.layout(items)) for outcome, items in
                           sorted(charts.items(), key=lambda i: chart.OUTCOME_ORDER.index(i[0]))],
                "sections": {k: [r for r in rows if r["claim"].kind == k]
                             for k in DOSSIER_SECTIONS},
                "disagreements": pairs[:DISAGREEMENTS_SHOWN],
                "disagreements_total": len(pairs),
                "sources_by_iri": self.dir.sources}


def _roles_of_claim(c: ClaimView) -> dict[str, list[str]]:
    """entity IRI -> the roles it plays in ``c`` (what roles_of asks the graph)."""
    out: dict[str, list[str]] = {}
    for role, iris in c.roles.items():
        for iri in iris:
            out.setdefault(iri, []).append(ROLE_WORDS[role])
    out.setdefault(c.speaker, []).append(ROLE_WORDS["stated_by"])
    if c.via:
        out.setdefault(c.via, []).append(ROLE_WORDS["via"])
    return out


def node_kind(iri: str) -> str:
    """'claim', 'source' or 'entity', from the IRI's namespace."""
    if iri.startswith(PREFIXES["claim"]):
        return "claim"
    if iri.startswith(PREFIXES["src"]):
        return "source"
    return "entity"
