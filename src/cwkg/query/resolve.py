"""Parameters -> RDF terms: what a user types (an IRI, a compact id, a label or alias in
English or Arabic, a date) resolved against the graph, never pasted into query text.

>>> parse_assignments(["attack=Khan Sheikhoun massacre", "x=a=b"])
{'attack': ['Khan Sheikhoun massacre'], 'x': ['a=b']}"""

from __future__ import annotations

import datetime
import re
import unicodedata
import weakref
from typing import Mapping

import pyoxigraph as ox

from cwkg.build.label_table import QUERIES, Row, label_rows, read_label_table
from cwkg.errors import CwkgError, UsageError
from cwkg.prefixes import PREFIXES, compact, local_id

from .catalogue import _NAME, XSD, Param, Query
from .embedded import Backend, EmbeddedBackend
from .results import ResultSet
from .sparql_text import missing_prefix_block, sparql_iri


def parse_assignments(assignments) -> dict[str, list[str]]:
    """``["name=value", ...]`` -> {name: [values]}; a name may repeat (several values)."""
    out: dict[str, list[str]] = {}
    for item in assignments:
        name, sep, value = str(item).partition("=")
        name = name.strip()
        if not sep or not _NAME.fullmatch(name):
            raise UsageError(f"--param expects name=value, got {item!r}")
        out.setdefault(name, []).append(value)
    return out


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_STRAIGHT_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def _fold(text: str) -> str:
    """How names compare: Unicode NFKC, case-folded, curly quotes straight, spaces collapsed.

    >>> _fold("  Khan\u00a0SHEIKHOUN ") == _fold("khan sheikhoun") == "khan sheikhoun"
    True
    >>> _fold("\u201cStra\u00dfe\u201d"), _fold("\ufb01ve")
    ('"strasse"', 'five')
    """
    if text.isascii():  # NFKC and the quote map leave ASCII as it is; casefold is lower
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", text).casefold().translate(_STRAIGHT_QUOTES)
    return " ".join(text.split())


# the preferred labels of the IRIs given (VALUES), for a table of a few rows
NAMED_PREFERRED_LABELS_QUERY = """SELECT DISTINCT ?entity ?label WHERE {{
  VALUES ?entity {{ {iris} }}
  GRAPH ?g {{ ?entity skos:prefLabel ?label }}
}}"""
LABELS_BY_NAME = 500  # up to this many IRIs are looked up by name, more by one scan


def _preferred(rows: list[Row], language: str) -> dict[str, str]:
    """(entity, label, language) rows -> each entity's label in ``language``, else in the
    first other language in sort order."""
    found: dict[str, dict[str, str]] = {}
    for entity, label, tag in rows:
        found.setdefault(entity, {}).setdefault(tag, label)
    return {e: by_lang.get(language) or by_lang[min(by_lang)] for e, by_lang in found.items()}


TYPED_QUERY = "SELECT DISTINCT ?node WHERE {{ GRAPH ?g {{ ?node a {cls} }} }}"


# one IRI looked up in the store's indexes, instead of fetching every claim or label
HAS_TYPE_QUERY = "SELECT ?g WHERE {{ GRAPH ?g {{ {node} a {cls} }} }} LIMIT 1"


HAS_LABEL_QUERY = """SELECT ?label WHERE {{
  GRAPH ?g {{ {node} skos:prefLabel|skos:altLabel ?label }} FILTER(isLiteral(?label))
}} LIMIT 1"""


class Resolver:
    """Turns the text a user typed into the RDF term a parameter binds, asking the
    backend (once) for the entities' labels, and for the claim and source ids.
    On the embedded store the labels are kept for the Store's lifetime, shared by
    every Resolver on it."""

    def __init__(self, backend: Backend, note=None):
        self.backend = backend
        self.note = note or (lambda message: None)  # told when a word is taken for a name
        self._labels: dict[str, list[tuple[str, str]]] | None = None  # iri -> [(label, lang)]
        self._typed: dict[str, set[str]] = {}
        self._folded: dict[str, tuple[str, ...]] | None = None  # iri -> its names, folded

    def _run(self, query: str) -> ResultSet:
        return self.backend.select(missing_prefix_block(query, PREFIXES) + query)

    def _shared(self) -> dict:
        """What this Resolver may share with others on the same embedded Store."""
        store = getattr(self.backend, "store", None)
        if not isinstance(self.backend, EmbeddedBackend) or store is None:
            return {}  # an endpoint's data can change between two runs
        try:
            return _STORE_NAMES.setdefault(store, {})
        except TypeError:  # not weak-referenceable: nothing is kept
            return {}

    def _label_rows(self, kind: str) -> list[Row]:
        """Every (entity, label, language) of ``kind`` (:data:`QUERIES`): from the label
        file the build kept beside the store, else from the store."""
        store = getattr(self.backend, "store", None)
        kept = read_label_table(getattr(store, "label_table", None), kind)
        return kept if kept is not None else label_rows(self._run(QUERIES[kind]).rows)

    def labels(self) -> dict[str, list[tuple[str, str]]]:
        if self._labels is None:
            shared = self._shared()
            if "labels" not in shared:
                labels: dict[str, list[tuple[str, str]]] = {}
                for entity, label, tag in self._label_rows("labels"):
                    labels.setdefault(entity, []).append((label, tag))
                shared["labels"] = labels
            self._labels = shared["labels"]
        return self._labels

    def display_labels(self, language: str = "en", among=None) -> dict[str, str]:
        """Each entity's preferred label, in ``language`` where it has one (else the
        first other in sort order): what a table shows beside the entity's id.
        ``among``: only these IRIs are asked for, by name (a few rows' entities are
        looked up in the store's indexes instead of reading every label, ~35 ms at
        10,000 sources where no label file is kept: an endpoint, a store made by an
        older cwkg); the others may be missing from the answer."""
        shared = self._shared()
        key = ("display", language)
        if key in shared:
            return shared[key]
        if among is not None and len(among) <= LABELS_BY_NAME:
            iris = " ".join(map(sparql_iri, sorted(among)))
            rows = self._run(NAMED_PREFERRED_LABELS_QUERY.format(iris=iris)).rows
            return _preferred(label_rows(rows), language)
        shared[key] = _preferred(self._label_rows("preferred"), language)
        return shared[key]

    def folded_labels(self) -> dict[str, tuple[str, ...]]:
        """Every entity's names as :func:`_fold` compares them (each folded once)."""
        if self._folded is None:
            shared = self._shared()
            if "folded" not in shared:
                shared["folded"] = {e: tuple({_fold(n) for n, _ in names})
                                    for e, names in self.labels().items()}
            self._folded = shared["folded"]
        return self._folded

    def named(self, folded_name: str) -> list[str]:
        """The entities one of whose names folds to ``folded_name``, in IRI order."""
        shared = self._shared()
        if "by_name" not in shared:
            by_name: dict[str, list[str]] = {}
            for entity, names in sorted(self.folded_labels().items()):
                for name in names:
                    by_name.setdefault(name, []).append(entity)
            shared["by_name"] = by_name
        return shared["by_name"].get(folded_name, [])

    def typed(self, cls: str) -> set[str]:
        if cls not in self._typed:
            rows = self._run(TYPED_QUERY.format(cls=cls)).rows
            self._typed[cls] = {r[0].value for r in rows if isinstance(r[0], ox.NamedNode)}
        return self._typed[cls]

    def has_type(self, iri: str, cls: str) -> bool:
        """Whether ``iri`` is typed ``cls`` in a named graph (what :meth:`typed` lists)."""
        if cls in self._typed:
            return iri in self._typed[cls]
        return bool(self._run(HAS_TYPE_QUERY.format(node=sparql_iri(iri), cls=cls)).rows)

    def has_labels(self, iri: str) -> bool:
        """Whether ``iri`` is an entity with a label (a key of :meth:`labels`)."""
        known = self._labels if self._labels is not None else self._shared().get("labels")
        if known is not None:
            return iri in known
        return bool(self._run(HAS_LABEL_QUERY.format(node=sparql_iri(iri))).rows)

    def resolve(self, param: Param, value: str):
        """The term for ``value``; a UsageError naming the parameter if there is none."""
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise UsageError(f"parameter '{param.name}': the value is not valid UTF-8")
        if param.type == "string":
            bad = next((c for c in value if unicodedata.category(c) == "Cc"
                        and c not in "\t\n\r"), None)
            if bad is not None:
                raise UsageError(f"parameter '{param.name}': the value contains the control "
                                 f"character U+{ord(bad):04X}; remove it")
            return ox.Literal(value)
        text = value.strip()
        if param.type == "integer":
            if not re.fullmatch(r"[+-]?[0-9]{1,18}", text):
                raise UsageError(f"parameter '{param.name}': {value!r} is not a whole number")
            return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))
        if param.type == "date":
            try:
                if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
                    raise ValueError
                datetime.date.fromisoformat(text)
            except ValueError:
                raise UsageError(f"parameter '{param.name}': {value!r} is not a date "
                                 "(YYYY-MM-DD)") from None
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))
        if param.type == "iri":
            iri = self._as_iri(param, text)
            if iri is None:
                raise UsageError(f"parameter '{param.name}': {value!r} is not an IRI or a "
                                 "compact id (prefix:local)")
            return ox.NamedNode(iri)
        if param.type in ("claim", "source"):
            return self._resolve_id(param, text)
        return self._resolve_entity(param, text)

    def _as_iri(self, param: Param, text: str) -> str | None:
        """The IRI ``text`` writes (<iri>, http(s)://..., or prefix:local), else None."""
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        if re.match(r"https?://", text):
            iri = text
        else:
            prefix, sep, local = text.partition(":")
            if not sep or prefix not in PREFIXES or not local:
                return None
            iri = PREFIXES[prefix] + local
        try:
            sparql_iri(iri)
            ox.NamedNode(iri)
        except (CwkgError, ValueError):
            raise UsageError(f"parameter '{param.name}': {text!r} is not a valid IRI") from None
        return iri

    def _resolve_id(self, param: Param, text: str) -> ox.NamedNode:
        prefix, cls = ("claim", "cwkg:Claim") if param.type == "claim" else ("src", "cwkg:Source")
        local = local_id(text, prefix)  # the one id syntax: src:ID, ID or the IRI
        iri = PREFIXES[prefix] + local if local and _ID.fullmatch(local) else None
        if iri is not None and self.has_type(iri, cls):
            return ox.NamedNode(iri)
        known = self.typed(cls)  # every id, to suggest the nearest
        if iri is None or iri not in known:
            folded = text.casefold()
            near = sorted(compact(k) for k in known
                          if folded in k.casefold() or compact(k).split(":")[1] in folded)[:10]
            hint = f"; did you mean: {', '.join(near)}" if near else ""
            raise UsageError(f"parameter '{param.name}': no {param.type} {text!r} in the "
                             f"graph{hint}")
        return ox.NamedNode(iri)

    def _allowed(self, param: Param, iri: str) -> bool:
        return not param.prefixes or any(iri.startswith(PREFIXES[p]) for p in param.prefixes)

    def _by_words(self, param: Param, wanted: str) -> list[str]:
        """The entities (of the parameter's kinds) one of whose names holds every word of
        ``wanted`` as a whole word: 'Sheikhoun' names the Khan Sheikhoun attack."""
        words = set(_words(wanted))
        if not words:
            return []
        return sorted(e for e, names in self.folded_labels().items()
                      if self._allowed(param, e) and any(words <= set(_words(n)) for n in names))

    def _describe(self, iri: str) -> str:
        names = self.labels().get(iri, [])
        english = next((n for n, lang in names if lang == "en"), names[0][0] if names else "")
        return f"{compact(iri)} ({english})" if english else compact(iri)

    def _resolve_entity(self, param: Param, text: str) -> ox.NamedNode:
        kinds = f" ({', '.join(p + ':' for p in param.prefixes)})" if param.prefixes else ""
        iri = self._as_iri(param, text) if ":" in text else None
        if iri is not None:
            labelled = self.has_labels(iri)
            if labelled and self._allowed(param, iri):
                return ox.NamedNode(iri)
            if labelled:
                raise UsageError(f"parameter '{param.name}': {compact(iri)} is not one of the "
                                 f"entities it takes{kinds}")
            raise UsageError(f"parameter '{param.name}': no entity {compact(iri)} in the graph")
        wanted = _fold(text)
        if not wanted:
            raise UsageError(f"parameter '{param.name}': the value is empty")
        matches = [e for e in self.named(wanted) if self._allowed(param, e)]
        if not matches:
            matches = self._by_words(param, wanted)
            if len(matches) == 1:
                self.note(f"parameter '{param.name}': {text!r} taken as "
                          f"{self._describe(matches[0])}, the only entity{kinds} with "
                          f"{'that word' if len(_words(wanted)) == 1 else 'those words'} "
                          "in a name")
        if len(matches) == 1:
            return ox.NamedNode(matches[0])
        if matches:
            raise UsageError(f"parameter '{param.name}': {text!r} names more than one entity: "
                             + "; ".join(self._describe(m) for m in matches)
                             + ". Give the id instead")
        near = sorted(e for e, names in self.folded_labels().items()
                      if self._allowed(param, e) and any(wanted in n for n in names))[:10]
        hint = ("; candidates: " + "; ".join(self._describe(m) for m in near)) if near else \
            "; give an id such as " + (f"{param.prefixes[0]}:..." if param.prefixes else
                                       "attack:khan-sheikhoun-2017")
        raise UsageError(f"parameter '{param.name}': no entity{kinds} is named {text!r}{hint}")


def _words(folded: str) -> list[str]:
    return re.findall(r"\w+", folded)


def check_assignments(query: Query, assignments: Mapping[str, list[str]]) -> None:
    """Refuse a parameter the query lacks, or a required one not given: what needs no
    store, so a command says it before it opens one (or makes one again)."""
    declared = {p.name for p in query.params}
    for name in assignments:
        if name not in declared:
            known = ", ".join(p.signature() for p in query.params) or "none"
            raise UsageError(f"query '{query.id}' has no parameter '{name}'; its parameters: "
                             f"{known}")
    for param in query.params:
        if not param.optional and not assignments.get(param.name):
            raise UsageError(f"query '{query.id}' needs --param {param.name}=... "
                             f"(for example {param.name}={param.example!r})")


def bind(query: Query, assignments: Mapping[str, list[str]], resolver: Resolver) -> dict:
    """Check the assignments against the query's parameters and resolve every value."""
    check_assignments(query, assignments)
    return {param.name: list(dict.fromkeys(resolver.resolve(param, v)
                                           for v in assignments[param.name]))
            for param in query.params if assignments.get(param.name)}


# An embedded Store's entity names, fetched and folded once per Store. A Store is a fixed
# dataset (cwkg never changes one once made; updates go to an endpoint), and resolving a
# name means folding every label (Unicode NFKC + casefold, which no index answers): 9 ms
# at N=10,000 on each run, against 0.1 ms for the names-and-aliases query itself.
_STORE_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
