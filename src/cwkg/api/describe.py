"""One claim, source or entity of a store, gathered for a person: its statements with the
labels of what they point to, a claim's quote in its context, a source's claims, what the
claims say about an entity. ``cwkg show`` prints these; :mod:`cwkg.api.graph` returns them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from cwkg.prefixes import PREFIXES, compact
from cwkg.rdf.quads import CLAIM_CLASSES

from .rows import python_value

CWKG, OA, SCHEMA = PREFIXES["cwkg"], PREFIXES["oa"], PREFIXES["schema"]
RDF_TYPE = PREFIXES["rdf"] + "type"
SKOS, PROV, DCT = PREFIXES["skos"], PREFIXES["prov"], PREFIXES["dcterms"]
KIND_OF_CLASS = {v.value if hasattr(v, "value") else str(v): k for k, v in CLAIM_CLASSES.items()}
# words for the predicates that are not cwkg's own (cwkg's have rdfs:label in the ontology)
WORDS = {
    RDF_TYPE: "a", PROV + "wasAttributedTo": "stated by", PROV + "wasDerivedFrom": "source",
    PROV + "wasQuotedFrom": "quoted from", DCT + "creator": "author",
    DCT + "publisher": "publisher", DCT + "date": "date", DCT + "language": "language",
    DCT + "title": "title", DCT + "isPartOf": "part of", DCT + "source": "sourced from",
    DCT + "bibliographicCitation": "citation", SCHEMA + "url": "URL",
    SCHEMA + "translator": "translated by", SCHEMA + "worksFor": "works for",
    SCHEMA + "jobTitle": "job title", SCHEMA + "containedInPlace": "in",
    SCHEMA + "parentOrganization": "part of", SCHEMA + "sameAs": "same as",
    PREFIXES["owl"] + "sameAs": "same as", SKOS + "prefLabel": "label",
    SKOS + "altLabel": "also called", SKOS + "related": "related to",
    PREFIXES["sem"] + "hasPlace": "place", PREFIXES["sem"] + "hasTimeStamp": "date",
    PREFIXES["rdfs"] + "comment": "curator's note", DCT + "conformsTo": "conforms to",
}
# the order a person reads a node's statements in; the rest follow by name
ORDER = {w: i for i, w in enumerate((
    "a", "title", "about", "stated by", "speech mode", "via", "quoted from", "source",
    "author", "publisher", "translated by", "date", "event date", "language", "URL"))}
# not shown as statements: the quote and figures get their own lines, the text is long
HIDDEN = {CWKG + "anchor", CWKG + "figure", SCHEMA + "text"}


@dataclass(frozen=True)
class Quote:
    """A claim's exact words where its source has them: ``exact`` is ``text[start:end]``
    of the source text (Unicode characters), ``prefix``/``suffix`` as the Web Annotation
    selector records them, ``before``/``after`` a wider context from the text."""
    claim: str
    source: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    before: str
    after: str

    def __str__(self) -> str:
        return f"…{self.before}[{self.exact}]{self.after}…"


@dataclass
class Statement:
    predicate: str        # compact IRI
    words: str            # what it says, for a person ("stated by")
    value: object         # compact id or Python value
    label: str | None     # the value's label, for an IRI that has one


@dataclass
class Description:
    """A node: its id, kind, where it was defined, and what the graph says of it."""
    id: str
    kind: str                                   # claim, source, entity (and of which type)
    label: str | None
    defined_at: str | None                      # data file:line
    statements: list[Statement] = field(default_factory=list)
    quote: Quote | None = None                  # a claim's
    figures: list[str] = field(default_factory=list)        # a claim's, in words
    claims: list[dict] = field(default_factory=list)        # a source's, or about an entity
    # an entity's names by language, the preferred label first, then the aliases
    names: dict[str, list[str]] = field(default_factory=dict)

    def values(self, words: str) -> list:
        return [s.value for s in self.statements if s.words == words]


class Describer:
    """Reads descriptions from a pyoxigraph store; ``label_of(iri)`` names things."""

    def __init__(self, store: ox.Store, label_of, word_of, locations: dict[str, str]):
        self.store, self.label_of, self.word_of, self.locations = \
            store, label_of, word_of, locations

    def _pairs(self, iri: str) -> list[tuple[ox.NamedNode, object]]:
        node = ox.NamedNode(iri)
        return [(q.predicate, q.object) for q in self.store.quads_for_pattern(node, None, None)]

    def _one(self, iri: str, predicate: str):
        for q in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate), None):
            return q.object
        return None

    def statements(self, iri: str) -> list[Statement]:
        """What the graph says of ``iri``, in a fixed order (the store's is its own)."""
        out, seen = [], set()
        for predicate, obj in self._pairs(iri):
            if predicate.value in HIDDEN or (predicate.value, obj) in seen:
                continue
            seen.add((predicate.value, obj))
            label = self.word_of(obj.value) or self.label_of(obj.value) \
                if isinstance(obj, ox.NamedNode) else None
            out.append(Statement(compact(predicate.value),
                                 WORDS.get(predicate.value) or self.word_of(predicate.value)
                                 or compact(predicate.value), python_value(obj), label))
        return sorted(out, key=lambda s: (ORDER.get(s.words, len(ORDER)), s.words, str(s.value)))

    def types(self, iri: str) -> list[str]:
        return sorted({q.object.value for q in self.store.quads_for_pattern(
            ox.NamedNode(iri), ox.NamedNode(RDF_TYPE), None)})

    def claim(self, iri: str, context: int = 80) -> Description:
        kinds = [KIND_OF_CLASS[t] for t in self.types(iri) if t in KIND_OF_CLASS]
        out = Description(compact(iri), f"{' / '.join(kinds) or 'claim'} claim", None,
                          self.locations.get(iri), self.statements(iri))
        out.quote = self.quote(iri, context)
        out.figures = [self.figure_words(f.value) for p, f in self._pairs(iri)
                       if p.value == CWKG + "figure"]
        return out

    def quote(self, iri: str, context: int = 80) -> Quote | None:
        anchor = self._one(iri, CWKG + "anchor")
        if anchor is None:
            return None
        source = self._one(anchor.value, OA + "hasSource")
        selector = {}
        for _, sel in self._pairs(anchor.value):
            for predicate, value in self._pairs(sel.value):
                selector[predicate.value[len(OA):]] = value.value
        start, end = int(selector["start"]), int(selector["end"])
        prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
        text_term = self._one(source.value, SCHEMA + "text")
        if text_term is None:  # a text kept outside the repository: the anchor's own words
            before, after = prefix[max(0, len(prefix) - context):], suffix[:context]
        else:
            text = text_term.value
            before, after = text[max(0, start - context):start], text[end:end + context]
        return Quote(compact(iri), compact(source.value), selector.get("exact", ""),
                     prefix, suffix, start, end, before, after)

    def figure_words(self, iri: str) -> str:
        """"killed: more than 90 people (91 or more)" from a figure's triples."""
        get = {p.value[len(CWKG):]: o for p, o in self._pairs(iri) if p.value.startswith(CWKG)}
        word = lambda key: self.word_of(get[key].value) if key in get else ""  # noqa: E731
        stated = get["statedValue"].value if "statedValue" in get else ""
        low = get["minValue"].value if "minValue" in get else None
        high = get["maxValue"].value if "maxValue" in get else None
        qualifier = word("qualifier")
        amount = " ".join(w for w in ((qualifier if qualifier != "exactly" else ""), stated) if w)
        if amount and not stated:
            amount += " of"  # a word quantity: "hundreds of people"
        bounds = (f"{low} to {high}" if low and high and low != high else
                  f"{low} or more" if low and not high else
                  f"up to {high}" if high and not low else "")
        text = f"{word('outcome')}: {amount} {word('population')}".replace("  ", " ")
        return text + (f" ({bounds})" if bounds and not (low == high == stated) else "")

    def source(self, iri: str) -> Description:
        title = self._one(iri, DCT + "title")
        out = Description(compact(iri), "source", title.value if title is not None else None,
                          self.locations.get(iri), self.statements(iri))
        text = self._one(iri, SCHEMA + "text")
        if text is not None:
            out.statements.append(Statement("schema:text", "text", f"{len(text.value)} characters",
                                            None))
        out.claims = self._claims(f"?claim <{PROV}wasDerivedFrom> <{iri}>")
        return out

    def entity(self, iri: str) -> Description:
        out = Description(compact(iri), "entity", self.label_of(iri), self.locations.get(iri),
                          [s for s in self.statements(iri)
                           if s.predicate not in ("skos:prefLabel", "skos:altLabel")])
        names = sorted((p.value != SKOS + "prefLabel", o.language or "", o.value)
                       for p, o in self._pairs(iri)
                       if p.value in (SKOS + "prefLabel", SKOS + "altLabel"))
        for _, language, name in names:  # each language's preferred label first
            out.names.setdefault(language, []).append(name)
        out.claims = self._claims(f"?claim ?link <{iri}>")
        # what other entities say of it ("alleged perpetrator of" an attack)
        for q in self.store.quads_for_pattern(None, None, ox.NamedNode(iri)):
            subject, predicate = q.subject.value, q.predicate.value
            if predicate in (DCT + "source", RDF_TYPE) or CWKG + "Claim" in self.types(subject):
                continue
            words = WORDS.get(predicate) or self.word_of(predicate) or compact(predicate)
            out.statements.append(Statement(compact(predicate), f"{words} of",
                                            compact(subject), self.label_of(subject)))
        return out

    def _claims(self, pattern: str) -> list[dict]:
        rows = self.store.query(f"""
            SELECT DISTINCT ?claim ?link ?exact ?speaker ?source WHERE {{ GRAPH ?g {{
              {pattern} . ?claim a <{CWKG}Claim> ; <{CWKG}anchor>/<{OA}hasSelector>/<{OA}exact> ?exact ;
                <{PROV}wasAttributedTo> ?speaker ; <{PROV}wasDerivedFrom> ?source . }} }}
            ORDER BY ?claim""")
        variables = [v.value for v in rows.variables]
        out: dict[str, dict] = {}  # one entry per claim, however many ways it links
        for row in rows:
            values = dict(zip(variables, row))
            link = values.get("link")
            how = (WORDS.get(link.value) or self.word_of(link.value)
                   or compact(link.value)) if link is not None else None
            claim = compact(values["claim"].value)
            if claim in out:
                if how and how not in out[claim]["how"].split(", "):
                    out[claim]["how"] += f", {how}"
                continue
            out[claim] = {"claim": claim, "how": how, "quote": values["exact"].value,
                          "speaker": self.label_of(values["speaker"].value)
                          or compact(values["speaker"].value),
                          "source": compact(values["source"].value)}
        return list(out.values())
