"""``cwkg.open(path)``: the knowledge graph of a build folder (or of a data folder, built in
memory by the one pipeline), for notebooks and scripts."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import UsageError
from cwkg.prefixes import PREFIXES, compact
from cwkg.query.catalogue import Param, Query, get_query
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.resolve import Resolver
from cwkg.query.run import run
from cwkg.query.safety import check_query
from cwkg.query.sparql_text import missing_prefix_block
from cwkg.rdf.quads import CLAIM_CLASSES
from cwkg.rdf.store import Store

from .describe import Describer, Description, Quote
from .rows import Rows, labelled

CWKG = PREFIXES["cwkg"]
_ENTITY = Param("name", "entity", (), False, "", "")
_SOURCE = Param("source", "source", (), False, "", "")
_CLAIM = Param("claim", "claim", (), False, "", "")


def open(path: str | Path = "build", texts=None) -> "KnowledgeGraph":  # noqa: A001
    """The graph of ``path``: a build folder (``cwkg build``'s output) or a data folder
    (``sources/``, ``entities/``, ``claims/``), which is built in memory, writing nothing;
    ``texts``: folders holding the texts of sources kept outside data/ (as ``cwkg
    --texts``; None: the repository's)."""
    from cwkg.build.layout import DATASET_FILE
    from cwkg.build.memory import in_memory
    from cwkg.build.read import load_build

    path = Path(path)
    if (path / DATASET_FILE).is_file():
        store, locations = load_build(path)
        return KnowledgeGraph(store, locations, f"build {path}")
    if (path / "sources").is_dir() or (path / "claims").is_dir():
        built = in_memory(path, texts)
        return KnowledgeGraph(Store(built.quads), built.locations, f"data {path}")
    raise UsageError(f"{path} is neither a build folder (no {DATASET_FILE}; run 'cwkg build') "
                     "nor a data folder (no sources/ or claims/)")


class KnowledgeGraph:
    """One dataset: stored queries with labelled rows, claims, entities, quotes, and the
    whole dataset as rdflib (``dataset``) or pyoxigraph (``store``)."""

    def __init__(self, store: Store, locations: dict[str, str], origin: str):
        self.store = store
        self.locations = locations
        self.origin = origin
        self._backend = EmbeddedBackend(store)
        self._resolver = Resolver(self._backend)
        self._words: dict[str, str] | None = None
        self._dataset = None
        self._describer = Describer(store.oxigraph, self.label, self._word, locations)

    def __repr__(self) -> str:
        return f"<cwkg KnowledgeGraph of {self.origin}: {len(self.store)} quads>"

    # ------------------------------------------------------------ queries

    def query(self, query_id: str | Query, **params) -> Rows:
        """A stored query (``queries/ID.rq``), parameters as keywords: an IRI, a compact id
        or a label or alias in English or Arabic; a list gives several values."""
        result = run(query_id if isinstance(query_id, Query) else get_query(query_id),
                     {k: v for k, v in params.items() if v is not None},
                     backend=self._backend, resolver=self._resolver)
        return labelled(result, self.label)

    def sparql(self, text: str) -> Rows:
        """Any SELECT query (cwkg's prefixes need not be declared), with the safety rules
        of ``cwkg query``: no SERVICE, LOAD, update or outside FROM graph."""
        check_query(text)
        return labelled(self._backend.select(missing_prefix_block(text, PREFIXES) + text),
                        self.label)

    # ------------------------------------------------------------ things

    def claims(self, about: str | None = None, kind: str | None = None,
               source: str | None = None, stated_by: str | None = None) -> Rows:
        """The claims (id, kind, speaker, source, date, quote), filtered by what they are
        about (an entity by id, label or alias), ``kind`` (casualty-figure, attribution,
        demand, ...), ``source`` (src:ID or ID) and ``stated_by`` (an agent)."""
        filters = []
        if about is not None:
            filters.append(f"?claim ?link {self._entity_term(about)} .")
        if stated_by is not None:
            filters.append(f"?claim prov:wasAttributedTo {self._entity_term(stated_by)} .")
        if source is not None:
            filters.append(f"?claim prov:wasDerivedFrom {self._term(_SOURCE, source)} .")
        if kind is not None:
            if kind not in CLAIM_CLASSES:
                raise UsageError(f"no claim kind {kind!r}; kinds: {', '.join(CLAIM_CLASSES)}")
            filters.append(f"?claim a <{CLAIM_CLASSES[kind].value}> .")
        rows = self.sparql(f"""
            SELECT DISTINCT ?claim ?kind ?speaker ?source ?date ?quote WHERE {{ GRAPH ?g {{
              ?claim a cwkg:Claim ; a ?class ; prov:wasAttributedTo ?speaker ;
                prov:wasDerivedFrom ?source ;
                cwkg:anchor/oa:hasSelector/oa:exact ?quote .
              FILTER(?class != cwkg:Claim)
              {' '.join(filters)}
              OPTIONAL {{ ?source dcterms:date ?date }}  # none: the document states none
              BIND(?class AS ?kind) }} }}
            ORDER BY ?source ?claim""")
        kinds = {compact(c.value): name for name, c in CLAIM_CLASSES.items()}
        for row in rows:  # the kind as the data format names it ("attribution")
            row["kind"] = kinds.get(row["kindId"], row["kind"])
        return rows

    def entity(self, name: str) -> Description:
        """An entity by id (``org:assad-regime``), label or alias, in English or Arabic:
        its names, statements and the claims that speak of it."""
        return self._describer.entity(self._resolve(_ENTITY, name).value)

    def claim(self, claim: str, context: int = 80) -> Description:
        """A claim (``claim:ID``, ``ID`` or IRI): its kind, statements, figures, quote."""
        return self._describer.claim(self._resolve(_CLAIM, claim).value, context)

    def source(self, source: str) -> Description:
        """A source (``src:ID``, ``ID`` or IRI): its metadata and its claims."""
        return self._describer.source(self._resolve(_SOURCE, source).value)

    def quote(self, claim: str | dict, context: int = 80) -> Quote:
        """A claim's exact words, offsets and context (``context`` characters each side);
        ``claim`` may be a row of :meth:`claims`."""
        if isinstance(claim, dict):
            claim = claim["claim"]
        return self._describer.quote(self._resolve(_CLAIM, claim).value, context)

    def describe(self, name: str) -> Description:
        """A claim, source or entity, whichever ``name`` is (as ``cwkg show``)."""
        text = name.strip()
        for param, describe in ((_CLAIM, self._describer.claim),
                                (_SOURCE, self._describer.source)):
            prefix = "claim:" if param is _CLAIM else "src:"
            if text.startswith(prefix) or ":" not in text:
                try:
                    return describe(self._resolve(param, text).value)
                except UsageError:
                    if text.startswith(prefix):
                        raise
        return self.entity(text)

    # ------------------------------------------------------------ rdflib

    @property
    def dataset(self):
        """The whole dataset as an rdflib ``Dataset`` (one named graph per source, and
        graph:reference), for anything this API does not do."""
        if self._dataset is None:
            import rdflib
            dataset = rdflib.Dataset()
            dataset.parse(data=ox.serialize(self.store.quads, format=ox.RdfFormat.N_QUADS),
                          format="nquads")
            for prefix, namespace in PREFIXES.items():
                dataset.bind(prefix, namespace)
            self._dataset = dataset
        return self._dataset

    # ------------------------------------------------------------ names

    def label(self, iri: str) -> str | None:
        """The English label of an entity (else another), a vocabulary term's label, or
        None."""
        names = self._resolver.labels().get(iri)
        if names:
            return next((n for n, lang in names if lang == "en"), names[0][0])
        return self._word(iri)

    def _word(self, iri: str) -> str | None:
        if self._words is None:
            from cwkg.resources import ontology_dir
            label = ox.NamedNode(PREFIXES["rdfs"] + "label")
            self._words = {t.subject.value: t.object.value
                           for t in ox.parse(path=str(ontology_dir() / "cwkg.ttl"))
                           if t.predicate == label and isinstance(t.object, ox.Literal)
                           and t.object.language in ("en", None)}
        return self._words.get(iri)

    def _resolve(self, param: Param, text: str) -> ox.NamedNode:
        return self._resolver.resolve(param, text)

    def _term(self, param: Param, text: str) -> str:
        return f"<{self._resolve(param, text).value}>"

    def _entity_term(self, text: str) -> str:
        return self._term(_ENTITY, text)
