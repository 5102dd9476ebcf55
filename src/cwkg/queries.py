"""The stored query catalogue (``queries/*.rq``): headers, parameters, and running a query.

One question per file; the file name is the query's id. The file opens with a header
of ``#+ key: value`` comment lines (the grlc convention), so it stays valid SPARQL:

    #+ summary: one line saying what the query answers
    #+ description: what it returns and how to read it; a line that starts with
    #+   "#+" and two or more spaces continues the value before it
    #+ tags: cq1, casualties
    #+ param: attack entity:attack? attack:khan-sheikhoun-2017 -- the attack to ask about

The keys are exactly those in :data:`HEADER_KEYS`; ``param`` may repeat. A parameter
is ``NAME TYPE EXAMPLE [-- DESCRIPTION]``: NAME is the query variable it binds
(``?attack``); TYPE is one of :data:`PARAM_TYPES`, optionally restricted to id
prefixes (``entity:org,person``) and ending in ``?`` when the parameter may be left
out (the variable then stays free: every attack). A file declares no PREFIX: the one
block from :func:`cwkg.namespaces.sparql_prefix_block` is put before it at run time.

Values are bound as RDF terms in a VALUES block at the start of the WHERE group
(:func:`cwkg.sparql_text.insert_values`), never pasted into the text, and the same
final text runs on the embedded store and on any endpoint.

>>> header = parse_header('#+ summary: Who?\\n#+ description: All\\n#+   of them.\\n'
...                       '#+ tags: a, b\\n#+ param: who entity:org? org:soc -- the speaker\\n'
...                       'SELECT ?who WHERE { ?who ?p ?o }\\n', "x.rq")
>>> header["description"], header["tags"]
('All of them.', ['a', 'b'])
>>> header["params"][0]
Param(name='who', type='entity', prefixes=('org',), optional=True, example='org:soc', description='the speaker')
>>> parse_assignments(["attack=Khan Sheikhoun massacre", "x=a=b"])
{'attack': ['Khan Sheikhoun massacre'], 'x': ['a=b']}
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Protocol

import pyoxigraph as ox

from .errors import CwkgError, QueryError, UsageError
from .namespaces import PREFIXES, compact, sparql_prefix_block
from .results import ResultSet
from .sparql_safety import check_query
from .sparql_text import (cached_by_text, insert_values, query_form, significant, sparql_iri,
                          tokenize)

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
HEADER_KEYS = {"summary": "one line: the question the query answers",
               "description": "what it returns and how to read the rows",
               "tags": "comma-separated keywords (cq1..cq5 for the competency questions)",
               "param": "NAME TYPE EXAMPLE [-- DESCRIPTION], once per parameter",
               "scope": "violation checks only: 'source' if a row needs no more than one "
                        "source's graph and the reference graph, else 'dataset'"}
REQUIRED_KEYS = ("summary", "description", "tags")
# cwkg validate runs a 'source' check on batches of sources (cwkg.validate_data), a
# 'dataset' check on the whole dataset in one store
SCOPES = ("source", "dataset")
PARAM_TYPES = {"entity": "an IRI, a compact id (attack:khan-sheikhoun-2017), or any English "
                         "or Arabic label or alias",
               "claim": "a claim IRI or id (claim:wh-2024-04-04-c07 or wh-2024-04-04-c07)",
               "source": "a source IRI or id (src:wh-2024-04-04 or wh-2024-04-04)",
               "iri": "an IRI or a compact id",
               "string": "any text",
               "integer": "a whole number",
               "date": "a date, YYYY-MM-DD"}
VIOLATION_SUFFIX = "-violation"
XSD = PREFIXES["xsd"]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    prefixes: tuple[str, ...]
    optional: bool
    example: str
    description: str

    def signature(self) -> str:
        restricted = f":{','.join(self.prefixes)}" if self.prefixes else ""
        return f"{self.name}={self.type}{restricted}{'?' if self.optional else ''}"


@dataclass
class Query:
    id: str
    path: Path
    source: str                      # the file's text, header included
    summary: str
    description: str
    tags: list[str]
    params: list[Param] = field(default_factory=list)
    scope: str | None = None         # a violation check's: one of SCOPES

    @property
    def is_violation(self) -> bool:
        return self.id.endswith(VIOLATION_SUFFIX)

    def text(self) -> str:
        """The query as it runs: the prefix block, then the file."""
        return sparql_prefix_block() + self.source

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


# ---------------------------------------------------------------------------- header


def parse_header(text: str, where: str) -> dict:
    """Read the ``#+`` header of a query file; raise QueryError naming file:line."""
    values: dict = {"params": []}
    last_key = None
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            in_header = False
            continue
        if not in_header:
            raise QueryError("a '#+' header line after the query began; the header comes "
                             "first", file=where, line=number)
        continuation = re.match(r"#\+ {2,}(\S.*)$", line)
        if continuation:
            if last_key is None or last_key == "param":
                raise QueryError("a continuation line must follow summary, description or "
                                 "tags", file=where, line=number)
            values[last_key] += " " + continuation.group(1).strip()
            continue
        match = re.fullmatch(r"#\+ ([a-z]+): (\S.*)", line.rstrip())
        if not match:
            raise QueryError("a header line is '#+ key: value'", file=where, line=number)
        key, value = match.group(1), match.group(2).strip()
        if key not in HEADER_KEYS:
            raise QueryError(f"unknown header key '{key}'; known keys: "
                             + ", ".join(HEADER_KEYS), file=where, line=number)
        if key == "param":
            values["params"].append(_parse_param(value, where, number))
        elif key in values:
            raise QueryError(f"'{key}' is given twice", file=where, line=number)
        else:
            values[key] = value
        last_key = key
    for key in REQUIRED_KEYS:
        if key not in values:
            raise QueryError(f"the header has no '#+ {key}:' line", file=where, line=1)
    values["tags"] = [t.strip() for t in values["tags"].split(",") if t.strip()]
    names = [p.name for p in values["params"]]
    if len(names) != len(set(names)):
        raise QueryError("a parameter is declared twice", file=where)
    return values


def _parse_param(value: str, where: str, line: int) -> Param:
    spec, _, description = value.partition(" -- ")
    parts = spec.split(None, 2)
    if len(parts) < 3:
        raise QueryError("a parameter is 'NAME TYPE EXAMPLE [-- DESCRIPTION]'",
                         file=where, line=line)
    name, type_spec, example = parts
    if not _NAME.fullmatch(name):
        raise QueryError(f"parameter name '{name}' is not a SPARQL variable name",
                         file=where, line=line)
    optional = type_spec.endswith("?")
    base, _, restriction = type_spec.rstrip("?").partition(":")
    if base not in PARAM_TYPES:
        raise QueryError(f"unknown parameter type '{base}'; known: " + ", ".join(PARAM_TYPES),
                         file=where, line=line)
    prefixes = tuple(p for p in restriction.split(",") if p) if restriction else ()
    unknown = [p for p in prefixes if p not in PREFIXES]
    if unknown or (prefixes and base != "entity"):
        raise QueryError(f"bad restriction '{restriction}': only entity takes id prefixes "
                         "known to cwkg.namespaces", file=where, line=line)
    return Param(name, base, prefixes, optional, example.strip(), description.strip())


# ------------------------------------------------------------------------- catalogue


def load_query(path: Path) -> Query:
    """Read and check one query file (header, no PREFIX of its own, parameters used)."""
    path = Path(path)
    text = path.read_text("utf-8")
    header = _checked_header(text, str(path), path.stem.endswith(VIOLATION_SUFFIX))
    return Query(path.stem, path, text, header["summary"], header["description"],
                 list(header["tags"]), list(header["params"]), header.get("scope"))


@cached_by_text
def _checked_header(text: str, where: str, is_violation: bool) -> dict:
    """The checked header of a query file's text. Cached by the text itself (reading a
    file is cheap; parsing and tokenizing it on every run of a stored query is not)."""
    header = parse_header(text, where)
    tokens = significant(tokenize(text))
    for token in tokens:
        if token.keyword in ("PREFIX", "BASE"):
            line = text.count("\n", 0, token.start) + 1
            raise QueryError(f"a stored query declares no {token.keyword}: the prefixes come "
                             "from cwkg.namespaces", file=where, line=line)
    variables = {t.text[1:] for t in tokens if t.kind == "var"}
    for param in header["params"]:
        if param.name not in variables:
            raise QueryError(f"parameter '{param.name}' is declared but ?{param.name} is not "
                             "used in the query", file=where)
    if is_violation and header["params"]:
        raise QueryError("a violation check takes no parameters", file=where)
    if is_violation and header.get("scope") not in SCOPES:
        raise QueryError("a violation check declares '#+ scope: source' (each row needs at "
                         "most one source's graph and the reference graph) or '#+ scope: "
                         "dataset' (rows that join several sources' graphs)", file=where)
    if not is_violation and "scope" in header:
        raise QueryError("'#+ scope:' is for violation checks (files named *-violation.rq)",
                         file=where)
    return header


def load_catalogue(directory: Path = QUERIES_DIR) -> dict[str, Query]:
    """Every ``*.rq`` in ``directory``, by id, in id order."""
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError(f"no query catalogue at {directory}")
    return {p.stem: load_query(p) for p in sorted(directory.glob("*.rq"))}


def get_query(query_id: str, directory: Path = QUERIES_DIR) -> Query:
    path = Path(directory) / f"{query_id}.rq"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", query_id) or not path.is_file():
        known = ", ".join(load_catalogue(directory))
        raise UsageError(f"no stored query '{query_id}'; known: {known} (or use --file)")
    return load_query(path)


def adhoc_query(path: Path) -> Query:
    """A query from a user's file: same header rules if it has one; its own PREFIX lines
    are allowed (the cwkg block still comes first)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read query file: {exc}", file=str(path)) from None
    if text.lstrip().startswith("#+"):
        header = parse_header(text, str(path))
    else:
        header = {"summary": "ad-hoc query", "description": "", "tags": [], "params": []}
    return Query(path.stem, path, text, header["summary"], header["description"],
                 header["tags"], header["params"])


# ------------------------------------------------------------------------- backends


class Backend(Protocol):
    def select(self, query: str) -> ResultSet: ...


@dataclass
class EmbeddedBackend:
    """The built graph in pyoxigraph."""

    store: object                     # cwkg.store.Store
    timeout: float | None = None
    exit_on_timeout: bool = False     # the CLI's choice: see cwkg.embedded

    def select(self, query: str) -> ResultSet:
        from .embedded import select
        return select(self.store, query, timeout=self.timeout,
                      exit_on_timeout=self.exit_on_timeout)


@dataclass
class RemoteBackend:
    """A SPARQL 1.1 endpoint, through SPARQLWrapper."""

    endpoint: str
    timeout: float = 60.0
    user: str | None = None
    password: str | None = None

    def select(self, query: str) -> ResultSet:
        from .remote import select
        return select(self.endpoint, query, timeout=self.timeout, user=self.user,
                      password=self.password)


# ------------------------------------------------------------------------ parameters


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


LABELS_QUERY = """SELECT DISTINCT ?entity ?label WHERE {
  GRAPH ?g { ?entity skos:prefLabel|skos:altLabel ?label }
}"""
TYPED_QUERY = "SELECT DISTINCT ?node WHERE {{ GRAPH ?g {{ ?node a {cls} }} }}"
# one IRI looked up in the store's indexes, instead of fetching every claim or label
HAS_TYPE_QUERY = "SELECT ?g WHERE {{ GRAPH ?g {{ {node} a {cls} }} }} LIMIT 1"
HAS_LABEL_QUERY = """SELECT ?label WHERE {{
  GRAPH ?g {{ {node} skos:prefLabel|skos:altLabel ?label }} FILTER(isLiteral(?label))
}} LIMIT 1"""


# An embedded Store's entity names, fetched and folded once per Store. A Store is a fixed
# dataset (cwkg never changes one once made; updates go to an endpoint), and resolving a
# name means folding every label (Unicode NFKC + casefold, which no index answers): 9 ms
# at N=10,000 on each run, against 0.1 ms for the names-and-aliases query itself.
_STORE_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Resolver:
    """Turns the text a user typed into the RDF term a parameter binds, asking the
    backend (once) for the entities' labels, and for the claim and source ids.
    On the embedded store the labels are kept for the Store's lifetime, shared by
    every Resolver on it."""

    def __init__(self, backend: Backend):
        self.backend = backend
        self._labels: dict[str, list[tuple[str, str]]] | None = None  # iri -> [(label, lang)]
        self._typed: dict[str, set[str]] = {}
        self._folded: dict[str, tuple[str, ...]] | None = None  # iri -> its names, folded

    def _run(self, query: str) -> ResultSet:
        return self.backend.select(sparql_prefix_block() + query)

    def _shared(self) -> dict:
        """What this Resolver may share with others on the same embedded Store."""
        store = getattr(self.backend, "store", None)
        if not isinstance(self.backend, EmbeddedBackend) or store is None:
            return {}  # an endpoint's data can change between two runs
        try:
            return _STORE_NAMES.setdefault(store, {})
        except TypeError:  # not weak-referenceable: nothing is kept
            return {}

    def labels(self) -> dict[str, list[tuple[str, str]]]:
        if self._labels is None:
            shared = self._shared()
            if "labels" not in shared:
                labels: dict[str, list[tuple[str, str]]] = {}
                for entity, label in self._run(LABELS_QUERY).rows:
                    if isinstance(entity, ox.NamedNode) and isinstance(label, ox.Literal):
                        labels.setdefault(entity.value, []).append((label.value,
                                                                    label.language or ""))
                shared["labels"] = labels
            self._labels = shared["labels"]
        return self._labels

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
        iri = self._as_iri(param, text)
        if iri is None and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text):
            iri = PREFIXES[prefix] + text
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



def bind(query: Query, assignments: Mapping[str, list[str]], resolver: Resolver) -> dict:
    """Check the assignments against the query's parameters and resolve every value."""
    declared = {p.name: p for p in query.params}
    for name in assignments:
        if name not in declared:
            known = ", ".join(p.signature() for p in query.params) or "none"
            raise UsageError(f"query '{query.id}' has no parameter '{name}'; its parameters: "
                             f"{known}")
    bindings = {}
    for param in query.params:
        values = assignments.get(param.name)
        if not values:
            if not param.optional:
                raise UsageError(f"query '{query.id}' needs --param {param.name}=... "
                                 f"(for example {param.name}={param.example!r})")
            continue
        bindings[param.name] = list(dict.fromkeys(resolver.resolve(param, v) for v in values))
    return bindings


def final_text(query: Query, bindings: dict) -> str:
    return insert_values(query.text(), bindings)


def run(query: Query | str, assignments: Mapping[str, list[str] | str] | None = None, *,
        backend: Backend, allow_network: bool = False, allow_update: bool = False,
        resolver: Resolver | None = None) -> ResultSet:
    """Run a stored query (by id or :class:`Query`) with its parameters on any backend.

    ``assignments`` maps a parameter name to the text a user would type (or a list of
    them): an IRI, a compact id, a label or an alias.
    """
    if isinstance(query, str):
        query = get_query(query)
    raw = {k: [v] if isinstance(v, str) else list(v) for k, v in (assignments or {}).items()}
    allowed = check_query(query.source, allow_network=allow_network, allow_update=allow_update)
    if any(risk.kind == "update" for risk in allowed):
        raise QueryError("run() runs queries; send an update with cwkg.remote.update")
    _require_select(query)
    bindings = bind(query, raw, resolver or Resolver(backend))
    return backend.select(final_text(query, bindings))


def run_command(query: Query, assignments: Mapping[str, list[str]], *, backend: Backend,
                allow_network: bool = False, allow_update: bool = False,
                show=None) -> ResultSet | None:
    """What ``cwkg query`` does: like :func:`run`, but an update (with the flag and an
    endpoint) is sent as an update; returns None for an update."""
    # the file's own text, so a line number is the user's (the prefix block is cwkg's own)
    allowed = check_query(query.source, allow_network=allow_network, allow_update=allow_update)
    text = query.text()
    if any(risk.kind == "update" for risk in allowed):
        if not isinstance(backend, RemoteBackend):
            raise UsageError("updates run only on an --endpoint: the embedded store is built "
                             "from data/, so edit data/ and run 'cwkg build'")
        if assignments:
            raise UsageError("an update takes no --param")
        if show:
            show(text)
        from .remote import update
        update(backend.endpoint, text, timeout=backend.timeout, user=backend.user,
               password=backend.password)
        return None
    _require_select(query)
    final = final_text(query, bind(query, assignments, Resolver(backend)))
    if show:
        show(final)
    return backend.select(final)


def _require_select(query: Query) -> None:
    form = _form_of(query.source)
    if form != "SELECT":
        raise QueryError(f"cwkg query runs SELECT queries; this one is "
                         f"{form or 'not a query'} (use cwkg export for the whole graph)",
                         file=str(query.path))


@cached_by_text
def _form_of(text: str) -> str | None:
    return query_form(tokenize(text))


def catalogue_listing(catalogue: Mapping[str, Query]) -> str:
    """One block per query: id and parameters, then the summary (for ``--list``)."""
    blocks = []
    for query in catalogue.values():
        params = " ".join(p.signature() for p in query.params)
        examples = " ".join(f"--param {p.name}={_quote_arg(p.example)}" for p in query.params)
        lines = [f"{query.id}  {params}".rstrip(), f"    {query.summary}"]
        if examples:
            lines.append(f"    e.g. cwkg query {query.id} {examples}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _quote_arg(text: str) -> str:
    import shlex
    return shlex.quote(text)


# ------------------------------------------------------------------- violation checks


def run_violation_checks(store, locations: Mapping[str, str] | None = None,
                         directory: Path = QUERIES_DIR, scope: str | None = None) -> list:
    """Run every ``*-violation.rq`` (of ``scope`` only, when given); each row becomes a
    validation Finding that names the data file:line of its ``?focus`` node, its source
    and its quote."""
    from .validate import Finding
    locations = locations or {}
    backend = EmbeddedBackend(store)
    findings = []
    for query in load_catalogue(directory).values():
        if not query.is_violation or (scope is not None and query.scope != scope):
            continue
        result = run(query, backend=backend)
        if "focus" not in result.variables:
            raise QueryError("a violation check must select ?focus", file=str(query.path))
        for row in result.rows:
            values = dict(zip(result.variables, row))
            focus = values.pop("focus")
            focus_text = focus.value if focus is not None else "(none)"
            details = [f"{name}: {_show(term)}" for name, term in values.items()
                       if term is not None]
            message = query.summary + (f" ({'; '.join(details)})" if details else "")
            findings.append(Finding(where=locations.get(focus_text, compact(focus_text)),
                                    severity="Violation", shape=f"query:{query.id}",
                                    focus=compact(focus_text), path=None, value=None,
                                    message=message))
    return sorted(findings)


def _show(term) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        text = term.value if len(term.value) <= 200 else term.value[:197] + "..."
        return '"' + text.replace("\n", "⏎") + '"'
    return str(term)
