"""What a page shows of a claim, a source or an entity, read from the node descriptions of
:mod:`cwkg.web.graph`. The words of the data format (``more-than``, ``casualty-figure``)
come back from the same tables :mod:`cwkg.rdf.quads` writes them with, so the two cannot
drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cwkg.namespaces import PREFIXES, compact
from cwkg.rdf import quads as Q

from .graph import Description, all_of, first

P = {name: PREFIXES[name] for name in ("cwkg", "prov", "oa", "dcterms", "schema", "skos",
                                       "rdf", "rdfs", "sem")}
TYPE = P["rdf"] + "type"


def _inverse(table: dict) -> dict[str, str]:
    return {term.value: word for word, term in table.items()}


KINDS = _inverse(Q.CLAIM_CLASSES)
SPEECH = _inverse(Q.SPEECH_MODES)
QUALIFIERS = _inverse(Q.QUALIFIERS)
OUTCOMES = _inverse(Q.OUTCOMES)
POPULATIONS = _inverse(Q.POPULATIONS)
SOURCE_TYPES = _inverse(Q.SOURCE_CLASSES)
# claim predicate -> the role it gives the entity it names (as the data format's keys)
ROLES = {P["cwkg"] + "about": "about", P["cwkg"] + "responsibleParty": "perpetrators",
         P["cwkg"] + "mechanism": "mechanisms", P["cwkg"] + "addressee": "addressees",
         P["cwkg"] + "accused": "accused", P["cwkg"] + "instrument": "instruments",
         P["cwkg"] + "weapon": "weapon", P["cwkg"] + "eventPlace": "place",
         P["cwkg"] + "basedOn": "based_on", P["cwkg"] + "via": "via",
         P["prov"] + "wasAttributedTo": "stated_by"}


def local(iri: str) -> str:
    """The id after the prefix: 'wh-2024-04-04-c07' for a claim IRI."""
    return compact(iri).partition(":")[2] or iri


@dataclass
class FigureView:
    iri: str
    outcome: str            # killed | injured | casualties | affected | exposed | attacks
    population: str | None  # people | civilians | children | women
    qualifier: str
    stated: int | None
    min: int | None
    max: int | None

    @property
    def is_subgroup(self) -> bool:
        return self.population in ("children", "women")


@dataclass
class ClaimView:
    iri: str
    kind: str
    source: str
    speaker: str
    speech: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    via: str | None = None
    figures: list[FigureView] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)   # role -> entity IRIs
    event_date: str | None = None
    where: str | None = None                                     # data file:line

    @property
    def id(self) -> str:
        return local(self.iri)

    @property
    def local_id(self) -> str:
        """'c07' of 'wh-2024-04-04-c07'."""
        return self.id.rpartition("-")[2]

    def named(self, role: str) -> list[str]:
        return self.roles.get(role, [])


def _int(value) -> int | None:
    return int(value) if value is not None else None


def claim_view(iri: str, nodes: dict[str, Description], where: str | None = None) -> ClaimView:
    d = nodes[iri]
    c = P["cwkg"]
    kind = next((KINDS[t.value] for t in d.get(TYPE, ()) if t.value in KINDS), "claim")
    anchor = nodes.get(first(d, c + "anchor"), {})
    quote, position = {}, {}
    for selector in all_of(anchor, P["oa"] + "hasSelector"):
        sd = nodes.get(selector, {})
        if P["oa"] + "exact" in sd:
            quote = sd
        else:
            position = sd
    figures = []
    for fig in all_of(d, c + "figure"):
        fd = nodes.get(fig, {})
        figures.append(FigureView(
            fig, OUTCOMES.get(first(fd, c + "outcome"), "?"),
            POPULATIONS.get(first(fd, c + "population")),
            QUALIFIERS.get(first(fd, c + "qualifier"), "?"),
            _int(first(fd, c + "statedValue")), _int(first(fd, c + "minValue")),
            _int(first(fd, c + "maxValue"))))
    figures.sort(key=lambda f: f.iri.rpartition("-f")[2].zfill(4))
    roles = {role: all_of(d, predicate) for predicate, role in ROLES.items()
             if predicate in d and role not in ("stated_by", "via")}
    return ClaimView(
        iri, kind, first(d, P["prov"] + "wasDerivedFrom", ""),
        first(d, P["prov"] + "wasAttributedTo", ""),
        SPEECH.get(first(d, c + "speechMode"), "own-voice"),
        first(quote, P["oa"] + "exact", ""), first(quote, P["oa"] + "prefix", ""),
        first(quote, P["oa"] + "suffix", ""), _int(first(position, P["oa"] + "start", 0)),
        _int(first(position, P["oa"] + "end", 0)), first(d, c + "via"), figures, roles,
        first(d, c + "eventDate"), where)


@dataclass
class SourceView:
    iri: str
    type: str
    date: str
    language: str
    sha256: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    translator: str | None = None
    url: str | None = None
    text_file: str | None = None
    characters: int | None = None
    original_file: str | None = None
    verified: bool | None = None
    disclaimer: str | None = None
    note: str | None = None
    quotes: list[str] = field(default_factory=list)
    relays: list[str] = field(default_factory=list)
    where: str | None = None

    @property
    def id(self) -> str:
        return local(self.iri)


def source_view(iri: str, d: Description, where: str | None = None) -> SourceView:
    c, dc = P["cwkg"], P["dcterms"]
    kind = next((SOURCE_TYPES[t.value] for t in d.get(TYPE, ()) if t.value in SOURCE_TYPES),
                "source")
    verified = first(d, c + "publisherVerified")
    return SourceView(
        iri, kind, first(d, dc + "date", ""), first(d, dc + "language", ""),
        first(d, c + "sha256", ""), first(d, dc + "title"), first(d, dc + "creator"),
        first(d, dc + "publisher"), first(d, P["schema"] + "translator"),
        first(d, P["schema"] + "url"), first(d, c + "textFile"),
        _int(first(d, c + "characterCount")), first(d, c + "originalFileName"),
        None if verified is None else verified == "true", first(d, c + "publisherNote"),
        first(d, P["rdfs"] + "comment"), all_of(d, P["prov"] + "wasQuotedFrom"),
        all_of(d, c + "relays"), where)


@dataclass
class EntityView:
    iri: str
    types: list[str]
    labels: dict[str, str]                 # lang -> label
    aliases: list[tuple[str, str]]         # (alias, lang)
    wikidata: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)    # (predicate, IRI)
    values: list[tuple[str, str]] = field(default_factory=list)   # (predicate, literal)
    where: str | None = None

    @property
    def id(self) -> str:
        return compact(self.iri)

    @property
    def prefix(self) -> str:
        return compact(self.iri).partition(":")[0]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(
            iter(self.labels.values()), compact(self.iri))


def entity_view(iri: str, d: Description, where: str | None = None) -> EntityView:
    import pyoxigraph as ox
    skos = P["skos"]
    labels, aliases, links, values, wikidata = {}, [], [], [], None
    for predicate, objects in d.items():
        for o in objects:
            if predicate == skos + "prefLabel":
                labels.setdefault(o.language or "", o.value)
            elif predicate == skos + "altLabel":
                aliases.append((o.value, o.language or ""))
            elif predicate == skos + "exactMatch" and o.value.startswith(PREFIXES["wd"]):
                wikidata = o.value[len(PREFIXES["wd"]):]
            elif predicate == TYPE:
                continue
            elif isinstance(o, ox.NamedNode):
                links.append((predicate, o.value))
            else:
                values.append((predicate, o.value))
    return EntityView(iri, all_of(d, TYPE), labels, aliases, wikidata, links, values, where)
