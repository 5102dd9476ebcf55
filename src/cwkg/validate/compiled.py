"""SHACL shapes compiled to SPARQL and run on pyoxigraph: the fast validation engine.

pySHACL stays the reference (``cwkg validate --engine pyshacl``), but it walks every focus
node in Python: hours at a million quads with cwkg's SPARQL constraints. Here the
constraints of ``ontology/shapes.ttl`` become SPARQL queries over the whole union graph
that return only what fails, so validation costs a few dozen queries:

- one *summary* query per node shape joins its targets with the values of every path of
  its property shapes once, groups by focus node and returns only the focus nodes with a
  count (sh:minCount, sh:maxCount, qualified counts) out of bounds or a value failing a
  value constraint; the failing values are then asked for those focus nodes alone;
- each class's subclasses are looked up once, so a class test is a plain rdf:type lookup
  rather than the rdf:type/rdfs:subClassOf* path per row;
- sh:datatype and sh:lessThan(OrEquals) are judged in Python on the literals as written,
  over every subject, and only the failures are looked up among the targets.

The results are the same records pySHACL reports (focus, value, path, source shape,
severity, message); tests/fastpaths/test_shacl_engines.py and its neighbours hold the two
engines equal on the repository's data, on every valid and invalid example in
tests/shapes/, on a synthetic corpus with faults and on data made for each shortcut.

Only the SHACL features the shapes use are compiled. Anything else (another constraint
component, a complex path, a shape without sh:message) raises :class:`UnsupportedShapes`
and :func:`cwkg.validate.run_shacl` falls back to pySHACL, so an unknown feature can make
validation slower, never wrong.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/cwkg/claim/x-c01"),
...           ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
...           ox.NamedNode("https://w3id.org/cwkg/ontology#Claim")))
>>> results = validate(store, compile_shapes())
>>> sorted({r.shape.rsplit("#")[1] for r in results})[:3]
['ClaimAboutShape', 'ClaimAnchorShape', 'ClaimSourceShape']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from cwkg.prefixes import PREFIXES, compact
from cwkg.rdf.parse import parse_file
from cwkg.rdf.store import triples_as_written
from cwkg.resources import shapes_path

SH = PREFIXES["sh"]
RDF = PREFIXES["rdf"]
RDF_TYPE = RDF + "type"
XSD = PREFIXES["xsd"]
VIOLATION = SH + "Violation"
TYPE_PATH = f"<{RDF_TYPE}>/<{PREFIXES['rdfs']}subClassOf>*"

# Predicates that carry no constraint (labels, documentation, structure already read).
_INERT = {RDF_TYPE, PREFIXES["rdfs"] + "label", PREFIXES["rdfs"] + "comment", SH + "name",
          SH + "description", SH + "severity", SH + "message", SH + "order", SH + "group"}
_TARGETS = {SH + "targetClass", SH + "targetSubjectsOf", SH + "targetObjectsOf",
            SH + "targetNode"}
# value-level components: each value node is checked on its own
_VALUE_LEVEL = {SH + k for k in ("class", "in", "pattern", "flags", "minLength", "maxLength",
                                 "minInclusive", "maxInclusive", "minExclusive",
                                 "maxExclusive", "languageIn", "datatype", "nodeKind")}
_PROPERTY_LEVEL = _VALUE_LEVEL | {SH + k for k in (
    "path", "minCount", "maxCount", "lessThan", "lessThanOrEquals", "uniqueLang", "hasValue",
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "or")}


_INTEGER_PARAMETERS = {SH + k for k in ("minCount", "maxCount", "qualifiedMinCount",
                                        "qualifiedMaxCount", "minLength", "maxLength")}


class UnsupportedShapes(Exception):
    """The shapes use a SHACL feature this engine does not compile (use pySHACL); the
    message names the shape (its IRI) and the feature."""

    def __init__(self, shape, feature: str):
        self.shape, self.feature = shape, feature
        where = f"shape <{shape.value}>" if isinstance(shape, ox.NamedNode) else \
            "a shape" if shape is None else "an anonymous shape (a blank node)"
        super().__init__(f"{where}: {feature}")

    def explain(self) -> str:
        """One line for the user: which shape, which feature, and what it costs."""
        return (f"the compiled SHACL engine steps aside for pySHACL (far slower: hours at a "
                f"million quads): {self}")


@dataclass(frozen=True)
class Result:
    """One validation result, as pySHACL reports it."""

    focus: object                  # pyoxigraph term
    shape: str                     # IRI of the source shape
    severity: str                  # IRI, sh:Violation / sh:Warning / sh:Info
    message: str
    path: str | None = None        # IRI
    value: object | None = None    # pyoxigraph term


@dataclass
class _Shape:
    node: object
    targets: str | None = None          # SPARQL group binding ?this, for node shapes
    severity: str = VIOLATION
    message: str | None = None
    props: dict = field(default_factory=dict)  # predicate IRI -> [objects]
    target_union: str | None = None     # targets without DISTINCT (may repeat a node)

    def one(self, key: str):
        values = self.props.get(SH + key, [])
        if len(values) > 1:
            raise UnsupportedShapes(self.node, f"more than one sh:{key}")
        return values[0] if values else None


@dataclass
class _Summary:
    """A property shape's columns in :meth:`_Runner.summary`'s rows (failing focus nodes)."""

    rows: list = field(default_factory=list)
    count: str | None = None       # variable: distinct values on the path
    qualified: str | None = None   # variable: distinct values conforming to the qualified shape
    bad: str | None = None         # variable: values failing a SPARQL-checked value constraint

    def suspects(self) -> str | None:
        """A VALUES group of the focus nodes with a failing value, "" if none, None if
        one is a blank node (VALUES cannot name it: check every target)."""
        if self.bad is None:
            return ""
        nodes = [r["this"] for r in self.rows if int(r[self.bad[1:]].value) > 0]
        if not nodes:
            return ""
        if any(isinstance(n, ox.BlankNode) for n in nodes):
            return None
        return "{ VALUES ?this { " + " ".join(_sparql_term(n) for n in nodes) + " } }"


@dataclass
class Program:
    """The compiled shapes: one entry per node shape, in file order."""

    node_shapes: list
    graph: dict          # subject -> predicate IRI -> [objects]
    prefix_block: str    # PREFIX lines from sh:declare, for SPARQL constraints
    original_paths: set = field(default_factory=set)  # paths checked on literals as written


def _features(predicates) -> str:
    return ", ".join(compact(p) for p in sorted(predicates))


def _name(node) -> str:
    return node.value if isinstance(node, ox.NamedNode) else "an anonymous shape"


def _sparql_term(term) -> str:
    return str(term)  # pyoxigraph terms print as N-Triples / SPARQL syntax


@functools.lru_cache(maxsize=8)
def _compile_cached(files: tuple[tuple[str, float], ...]) -> Program:
    return _compile([Path(name) for name, _ in files])


def compile_shapes(paths=None) -> Program:
    """Read shapes files (one path or several; the shipped shapes by default) and compile
    them as one shapes graph (cached while the files are unchanged)."""
    if paths is None:
        paths = [shapes_path()]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    return _compile_cached(tuple((str(p), Path(p).stat().st_mtime) for p in paths))


def _compile(paths: list[Path]) -> Program:
    graph: dict = {}
    triples = dict.fromkeys(q.triple for path in paths for q in parse_file(path))
    for triple in triples:  # in file order, each once
        graph.setdefault(triple.subject, {}).setdefault(triple.predicate.value, []).append(
            triple.object)
    prefixes = []
    for node, props in graph.items():
        for decl in props.get(SH + "declare", []):
            prefix = graph[decl][SH + "prefix"][0].value
            namespace = graph[decl][SH + "namespace"][0].value
            prefixes.append(f"PREFIX {prefix}: <{namespace}>")
    node_shapes = []
    for node, props in graph.items():
        types = {t.value for t in props.get(RDF_TYPE, [])}
        if SH + "NodeShape" not in types and not (_TARGETS & set(props)):
            continue
        if SH + "PropertyShape" in types:
            raise UnsupportedShapes(node, "a property shape with its own targets")
        if props.get(SH + "deactivated", [None])[0] == ox.Literal(True):
            continue
        node_shapes.append(_node_shape(graph, node, props))
    original_paths = set()
    for props in graph.values():
        path = props.get(SH + "path", [None])[0]
        if not isinstance(path, ox.NamedNode):
            continue
        pairs = props.get(SH + "lessThan", []) + props.get(SH + "lessThanOrEquals", [])
        if pairs or _has_datatype(graph, props):
            original_paths |= {path.value} | {o.value for o in pairs}
    return Program(node_shapes, graph, "\n".join(sorted(set(prefixes))) + "\n", original_paths)


def _has_datatype(graph: dict, props: dict) -> bool:
    """A shape with sh:datatype, directly or in a member of its sh:or."""
    if SH + "datatype" in props:
        return True
    return any(SH + "datatype" in graph.get(m, {}) for head in props.get(SH + "or", [])
               for m in _list(graph, head))


def _shape(graph: dict, node) -> _Shape:
    props = graph.get(node, {})
    severity = props.get(SH + "severity", [ox.NamedNode(VIOLATION)])[0].value
    for key in _INTEGER_PARAMETERS & set(props):  # pasted into SPARQL text: integers only
        if not all(isinstance(v, ox.Literal) and v.datatype.value == XSD + "integer"
                   and re.fullmatch(r"[0-9]+", v.value) for v in props[key]):
            raise UnsupportedShapes(node, f"{compact(key)} that is not a non-negative integer")
    messages = props.get(SH + "message", [])
    if len(messages) > 1:
        raise UnsupportedShapes(node, "more than one sh:message")
    if messages and re.search(r"\{[?$]\w+\}", messages[0].value):
        raise UnsupportedShapes(node, "a sh:message template ({?name} or {$name})")
    return _Shape(node, None, severity, messages[0].value if messages else None, props)


def _node_shape(graph: dict, node, props: dict) -> _Shape:
    shape = _shape(graph, node)
    allowed = _INERT | _TARGETS | {SH + "property", SH + "sparql", SH + "or", SH + "deactivated"}
    unknown = set(props) - allowed
    if unknown:
        raise UnsupportedShapes(node, _features(unknown))
    groups = []
    for cls in props.get(SH + "targetClass", []):
        groups.append(f"{{ ?this {TYPE_PATH} {_sparql_term(cls)} . }}")
    for pred in props.get(SH + "targetSubjectsOf", []):
        groups.append(f"{{ ?this {_sparql_term(pred)} ?_target . }}")
    for pred in props.get(SH + "targetObjectsOf", []):
        groups.append(f"{{ ?_target {_sparql_term(pred)} ?this . }}")
    for value in props.get(SH + "targetNode", []):
        groups.append(f"{{ VALUES ?this {{ {_sparql_term(value)} }} }}")
    shape.target_union = " UNION ".join(groups) if groups else None
    shape.targets = ("{ SELECT DISTINCT ?this WHERE { " + shape.target_union + " } }"
                     if groups else None)
    if props.get(SH + "or") and shape.message is None:
        raise UnsupportedShapes(node, "sh:or without sh:message")
    for constraint in props.get(SH + "sparql", []):
        if shape.message is None and _shape(graph, constraint).message is None:
            raise UnsupportedShapes(node, "a SPARQL constraint without sh:message")
    for prop in props.get(SH + "property", []):
        p = _shape(graph, prop)
        unknown = set(p.props) - _PROPERTY_LEVEL - _INERT
        if unknown:
            raise UnsupportedShapes(prop, _features(unknown))
        if p.message is None:
            raise UnsupportedShapes(prop, "no sh:message (pySHACL would write its own)")
        _path(p)
    return shape


def _path(shape: _Shape) -> str:
    path = shape.one("path")
    if not isinstance(path, ox.NamedNode):
        raise UnsupportedShapes(shape.node, "a path other than one predicate")
    return path.value


def _list(graph: dict, head) -> list:
    items = []
    while head != ox.NamedNode(RDF + "nil"):
        items.append(graph[head][RDF + "first"][0])
        head = graph[head][RDF + "rest"][0]
    return items


# ------------------------------------------------------------------ evaluation


class _Runner:
    def __init__(self, store: ox.Store, program: Program, as_written=None):
        self.store, self.program = store, program
        # path IRI -> [(subject, object)] of the triples as written (see validate())
        self._original: dict = as_written if as_written is not None else \
            triples_as_written(store, program.original_paths)
        self._focus: dict = {}

    def select(self, query: str) -> list:
        return list(self.store.query(query, use_default_graph_as_union=True))

    @functools.cached_property
    def _subclasses(self) -> dict:
        return {}

    def instances(self, var: str, cls) -> str:
        """A pattern for ``var rdf:type/rdfs:subClassOf* cls`` with the subclasses looked
        up once: pyoxigraph evaluates the property path for every row, at twice the cost
        of a plain rdf:type lookup."""
        if cls not in self._subclasses:
            found = {r["c"] for r in self.select(
                f"SELECT DISTINCT ?c WHERE {{ ?c <{PREFIXES['rdfs']}subClassOf>* "
                f"{_sparql_term(cls)} }}")}
            self._subclasses[cls] = [cls] + sorted(found - {cls}, key=str)
        classes = self._subclasses[cls]
        if any(isinstance(c, ox.BlankNode) for c in classes):  # cannot be named: the path
            return f"{var} {TYPE_PATH} {_sparql_term(cls)}"
        if len(classes) == 1:
            return f"{var} <{RDF_TYPE}> {_sparql_term(cls)}"
        return " UNION ".join(f"{{ {var} <{RDF_TYPE}> {_sparql_term(c)} }}" for c in classes)

    def expand(self, text: str | None) -> str | None:
        """Compiled target patterns with their class tests as :meth:`instances` writes them."""
        if text is None:
            return None
        return re.sub(r"\{ \?this " + re.escape(TYPE_PATH) + r" (<[^>]*>) \. \}",
                      lambda m: "{ " + self.instances("?this", ox.NamedNode(m.group(1)[1:-1]))
                      + " }", text)

    # value-level conditions as SPARQL expressions over ?v (True = conforms)
    def condition(self, shape: _Shape, var: str = "?v") -> str:
        conds = []
        graph = self.program.graph
        for key, values in shape.props.items():
            if key not in _VALUE_LEVEL or key == SH + "flags":
                continue
            for value in values:
                conds.append(self._value_condition(key[len(SH):], value, shape, graph, var))
        return " && ".join(f"({c})" for c in conds) or "true"

    def _value_condition(self, key: str, value, shape: _Shape, graph, var: str = "?v") -> str:
        term = _sparql_term(value)
        if key == "class":
            return f"EXISTS {{ {self.instances(var, value)} }}"
        if key == "in":
            return " || ".join(f"sameTerm({var}, {_sparql_term(i)})" for i in _list(graph, value)) \
                or "false"
        if key == "pattern":
            flags = shape.one("flags")
            flag = f", {_sparql_term(flags)}" if flags is not None else ""
            return f"!isBlank({var}) && REGEX(STR({var}), {term}{flag})"
        if key == "minLength":
            return f"!isBlank({var}) && STRLEN(STR({var})) >= {value.value}"
        if key == "maxLength":
            return f"!isBlank({var}) && STRLEN(STR({var})) <= {value.value}"
        if key in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">",
                  "maxExclusive": "<"}[key]
            return f"isLiteral({var}) && COALESCE({var} {op} {term}, false)"
        if key == "languageIn":
            langs = " || ".join(f"langMatches(lang({var}), {_sparql_term(i)})"
                                for i in _list(graph, value))
            return f"isLiteral({var}) && ({langs or 'false'})"
        if key == "datatype":
            # lexical validity is checked in Python (as rdflib and pySHACL do)
            return f"isLiteral({var}) && datatype({var}) = {term}"
        raise UnsupportedShapes(shape.node, f"sh:{key}")

    def failing_values(self, shape: _Shape, targets: str, path: str,
                       suspects: str | None = None) -> list:
        """(focus, value) pairs whose value fails a value-level constraint of ``shape``;
        ``suspects``, when given, are the only targets the SPARQL-checked constraints can
        fail on (a VALUES group from :meth:`summary`), "" when there are none."""
        rows = []
        suspects = targets if suspects is None else suspects
        for key, values in shape.props.items():
            if key not in _VALUE_LEVEL or key == SH + "flags":
                continue
            for value in values:
                if key == SH + "datatype":
                    rows += self._datatype_failures(targets, path, value)
                    continue
                if not suspects:
                    continue
                cond = self._value_condition(key[len(SH):], value, shape, self.program.graph)
                query = (f"SELECT ?this ?v WHERE {{ {suspects} ?this <{path}> ?v . "
                         f"FILTER (!({cond})) }}")
                rows += [(r["this"], r["v"]) for r in self.select(query)]
        for member_list in shape.props.get(SH + "or", []):
            members = [_shape(self.program.graph, m) for m in _list(self.program.graph,
                                                                      member_list)]
            for m in members:
                if set(m.props) - _VALUE_LEVEL - _INERT:
                    raise UnsupportedShapes(shape.node, "sh:or with members that are "
                                            "not value-level constraints")
            failing = None
            for m in members:
                rows_m = set(self.failing_values(m, targets, path))
                failing = rows_m if failing is None else failing & rows_m
            rows += sorted(failing or (), key=str)
        return rows

    def _datatype_failures(self, targets: str, path: str, datatype) -> list:
        """sh:datatype, checked on the literals as written: pyoxigraph's store keeps
        numbers and booleans in canonical form ("+3"^^xsd:nonNegativeInteger reads back as
        "3"^^xsd:integer), so the store cannot say what datatype the data really used."""
        values = self.original_values(path)
        if datatype.value == XSD + "string":  # the common case (quotes), as _datatype_ok says
            failing = [(subject, value) for subject, value in values
                       if not (isinstance(value, ox.Literal) and value.datatype == datatype)]
        else:
            failing = [(subject, value) for subject, value in values
                       if not _datatype_ok(value, datatype.value)]
        focus = self.focus_among(targets, {subject for subject, _ in failing})
        return [(subject, value) for subject, value in failing if subject in focus]

    def _pair_failures(self, targets: str, path: str, other: str, strict: bool) -> list:
        """sh:lessThan / sh:lessThanOrEquals, compared as pySHACL compares them (rdflib
        values of the literals as written; an ill-typed literal compares as rdflib says)."""
        others: dict = {}
        for subject, value in self.original_values(other):
            others.setdefault(subject, []).append(value)
        failing = []
        for subject, value in self.original_values(path):
            for compare in others.get(subject, ()):
                if _pair_fails(value, compare, strict):
                    failing.append((subject, value))
        focus = self.focus_among(targets, {subject for subject, _ in failing})
        return [(subject, value) for subject, value in failing if subject in focus]

    def focus_nodes(self, targets: str) -> set:
        if targets not in self._focus:
            self._focus[targets] = {r["this"] for r in self.select(
                f"SELECT ?this WHERE {{ {targets} }}")}
        return self._focus[targets]

    def focus_among(self, targets: str, nodes: set) -> set:
        """The members of ``nodes`` that are focus nodes of ``targets``: failures are found
        first, over every subject, and only those few are looked up among the targets, so
        that a target set of 45,000 claims is never brought into Python."""
        if not nodes:
            return set()
        if any(isinstance(n, ox.BlankNode) for n in nodes):  # a blank node cannot be named
            return nodes & self.focus_nodes(targets)           # in VALUES
        values = " ".join(_sparql_term(n) for n in nodes)
        return {r["this"] for r in self.select(
            f"SELECT DISTINCT ?this WHERE {{ VALUES ?this {{ {values} }} {targets} }}")}

    def original_values(self, path: str) -> list:
        """(subject, object) of every distinct triple with predicate ``path``, as written."""
        return self._original[path]

    def summary(self, shape: _Shape, props: list) -> dict:
        """One query for the cardinality of every property shape of node shape ``shape``
        (sh:minCount, sh:maxCount, qualified counts) and for which focus nodes have a value
        failing a SPARQL-checked value constraint: node -> _Summary. Each constraint asked
        on its own re-joins the 45,000 targets with their values; here they are joined
        once, and only the failing focus nodes come back to Python."""
        paths: dict = {}            # path IRI -> variable of its values
        optionals, selects, having, kept = [], [], [], {}
        for j, p in enumerate(props):
            path = _path(p)
            var = paths.get(path, f"?_v{len(paths)}")
            counts = {k: p.one(k) for k in ("minCount", "maxCount")}
            value_keys = [k for k in p.props if k in _VALUE_LEVEL
                          and k not in (SH + "flags", SH + "datatype")]
            qualified = p.one("qualifiedValueShape")
            entry = kept.setdefault(p.node, _Summary())
            if any(v is not None for v in counts.values()) or value_keys:
                if path not in paths:
                    paths[path] = var
                    optionals.append(f"OPTIONAL {{ ?this <{path}> {var} }}")
                if any(v is not None for v in counts.values()):
                    entry.count = f"?_n{j}"
                    selects.append(f"(COUNT(DISTINCT {var}) AS ?_n{j})")
                    if counts["minCount"] is not None:
                        having.append(f"COUNT(DISTINCT {var}) < {int(counts['minCount'].value)}")
                    if counts["maxCount"] is not None:
                        having.append(f"COUNT(DISTINCT {var}) > {int(counts['maxCount'].value)}")
                if value_keys:
                    cond = " && ".join(
                        f"({self._value_condition(k[len(SH):], v, p, self.program.graph, var)})"
                        for k in value_keys for v in p.props[k])
                    # an error counts as conforming, as in failing_values' FILTER
                    bad = f"SUM(COALESCE(IF(BOUND({var}) && !({cond}), 1, 0), 0))"
                    entry.bad = f"?_b{j}"
                    selects.append(f"({bad} AS ?_b{j})")
                    having.append(f"{bad} > 0")
            if qualified is not None:
                inner = _shape(self.program.graph, qualified)
                if set(inner.props) - (_VALUE_LEVEL - {SH + "datatype"}) - _INERT:
                    raise UnsupportedShapes(p.node, "this sh:qualifiedValueShape")
                qvar = f"?_q{j}"
                optionals.append(f"OPTIONAL {{ ?this <{path}> {qvar} . "
                                 f"FILTER ({self.condition(inner, qvar)}) }}")
                entry.qualified = f"?_m{j}"
                selects.append(f"(COUNT(DISTINCT {qvar}) AS ?_m{j})")
                low, high = p.one("qualifiedMinCount"), p.one("qualifiedMaxCount")
                if low is not None:
                    having.append(f"COUNT(DISTINCT {qvar}) < {int(low.value)}")
                if high is not None:
                    having.append(f"COUNT(DISTINCT {qvar}) > {int(high.value)}")
        if not having:
            return {node: _Summary(rows=[]) for node in kept}
        rows = self.select(
            f"SELECT ?this {' '.join(selects)} WHERE {{ {self.expand(shape.target_union)} "
            f"{' '.join(optionals)} }} "
            f"GROUP BY ?this HAVING ({' || '.join(having)})")
        for entry in kept.values():
            entry.rows = rows
        return kept

    def property_results(self, p: _Shape, targets: str, summary: _Summary | None = None) -> list:
        """(focus, value or None) for every failure of property shape ``p``; ``summary``
        is its row of :meth:`summary` when that query has already been run."""
        path = _path(p)
        out = []
        min_count, max_count = p.one("minCount"), p.one("maxCount")
        if summary is not None:
            for row in summary.rows:
                n = int(row[summary.count[1:]].value) if summary.count else None
                if min_count is not None and n < int(min_count.value):
                    out.append((row["this"], None))
            for row in summary.rows:
                n = int(row[summary.count[1:]].value) if summary.count else None
                if max_count is not None and n > int(max_count.value):
                    out.append((row["this"], None))
            out += self.failing_values(p, targets, path, summary.suspects())
        if summary is None and min_count is not None:
            out += [(r["this"], None) for r in self.select(
                f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this <{path}> ?v }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(min_count.value)})")]
        if summary is None and max_count is not None:
            out += [(r["this"], None) for r in self.select(
                f"SELECT ?this WHERE {{ {targets} ?this <{path}> ?v }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(max_count.value)})")]
        if summary is None:
            out += self.failing_values(p, targets, path)
        for key, strict in (("lessThan", True), ("lessThanOrEquals", False)):
            for other in p.props.get(SH + key, []):
                out += self._pair_failures(targets, path, other.value, strict)
        if p.one("uniqueLang") == ox.Literal(True):
            out += [(r["this"], None) for r in self.select(
                f"SELECT ?this WHERE {{ {targets} ?this <{path}> ?v . FILTER (lang(?v) != '') }} "
                f"GROUP BY ?this (LCASE(lang(?v)) AS ?lang) HAVING (COUNT(DISTINCT ?v) > 1)")]
        for value in p.props.get(SH + "hasValue", []):
            out += [(r["this"], None) for r in self.select(
                f"SELECT ?this WHERE {{ {targets} FILTER NOT EXISTS "
                f"{{ ?this <{path}> {_sparql_term(value)} }} }}")]
        qualified = p.one("qualifiedValueShape")
        if qualified is not None and summary is not None:
            low, high = p.one("qualifiedMinCount"), p.one("qualifiedMaxCount")
            for r in summary.rows:
                n = int(r[summary.qualified[1:]].value)
                if high is not None and n > int(high.value):
                    out.append((r["this"], None))
                if low is not None and n < int(low.value):
                    out.append((r["this"], None))
        elif qualified is not None:
            inner = _shape(self.program.graph, qualified)
            if set(inner.props) - (_VALUE_LEVEL - {SH + "datatype"}) - _INERT:
                raise UnsupportedShapes(p.node, "this sh:qualifiedValueShape")
            low, high = p.one("qualifiedMinCount"), p.one("qualifiedMaxCount")
            rows = self.select(
                f"SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {targets} OPTIONAL {{ "
                f"?this <{path}> ?v . FILTER ({self.condition(inner)}) }} }} GROUP BY ?this")
            for r in rows:
                n = int(r["n"].value)
                if high is not None and n > int(high.value):
                    out.append((r["this"], None))
                if low is not None and n < int(low.value):
                    out.append((r["this"], None))
        return out

    def _failing_focus(self, m: _Shape, targets: str) -> set:
        """Focus nodes that do not conform to ``m``, a member of a node-level sh:or: a
        property shape, or a node shape of value-level constraints and sh:property."""
        if SH + "path" in m.props:
            return {f for f, _ in self.property_results(m, targets)}
        unknown = set(m.props) - (_VALUE_LEVEL - {SH + "datatype"}) - _INERT - {SH + "property"}
        if unknown:
            raise UnsupportedShapes(m.node, _features(unknown) + " in a node-level sh:or")
        failing = set()
        for prop in m.props.get(SH + "property", []):
            failing |= {f for f, _ in self.property_results(_shape(self.program.graph, prop),
                                                            targets)}
        condition = self.condition(m)
        if condition != "true":  # value-level constraints apply to the focus node itself
            failing |= {r["this"] for r in self.select(
                f"SELECT ?this WHERE {{ {targets} BIND (?this AS ?v) FILTER (!({condition})) }}")}
        return failing

    def node_results(self, shape: _Shape) -> list[Result]:
        targets = self.expand(shape.targets)
        if targets is None:
            return []
        results = []
        props = [p for p in (_shape(self.program.graph, prop)
                             for prop in shape.props.get(SH + "property", []))
                 if p.props.get(SH + "deactivated", [None])[0] != ox.Literal(True)]
        summaries = self.summary(shape, props)
        for p in props:
            for focus, value in self.property_results(p, targets, summaries.get(p.node)):
                results.append(Result(focus, _name(p.node), p.severity, p.message,
                                      _path(p), value))
        for member_list in shape.props.get(SH + "or", []):
            failing = None
            for member in _list(self.program.graph, member_list):
                focus = self._failing_focus(_shape(self.program.graph, member), targets)
                failing = focus if failing is None else failing & focus
            for focus in sorted(failing or (), key=str):
                results.append(Result(focus, _name(shape.node), shape.severity, shape.message,
                                      None, focus))
        for constraint in shape.props.get(SH + "sparql", []):
            results += self._sparql(shape, constraint)
        return results

    def _sparql(self, shape: _Shape, constraint) -> list[Result]:
        c = _shape(self.program.graph, constraint)
        select = c.one("select")
        if select is None or not _prebinding_free(select.value):
            raise UnsupportedShapes(shape.node, "a SPARQL constraint this engine cannot run "
                                    "once for all focus nodes (see _prebinding_free)")
        text = self.program.prefix_block + re.sub(r"\$this\b", "?this", select.value)
        solutions = self.store.query(text, use_default_graph_as_union=True)
        variables = [v.value for v in solutions.variables]
        rows = list(solutions)
        focus_nodes = self.focus_among(self.expand(shape.targets), {row["this"] for row in rows
                                                        if row["this"] is not None})
        message = c.message or shape.message
        out, seen = [], set()
        for row in rows:
            key = tuple(row)  # pySHACL reports a solution repeated by the query once
            if row["this"] in focus_nodes and key not in seen:
                seen.add(key)
                path = row["path"] if "path" in variables else None
                out.append(Result(row["this"], _name(shape.node), shape.severity, message,
                                  path.value if path is not None else None,
                                  row["value"] if "value" in variables else None))
        return out


_NOT_ONCE_FOR_ALL = re.compile(
    r"\$(PATH|shapesGraph|currentShape|failure)\b|\?failure\b|\b(GROUP\s+BY|HAVING|LIMIT|"
    r"OFFSET|COUNT|SUM|AVG|MIN|MAX|SAMPLE|GROUP_CONCAT|SERVICE|MINUS|UNION)\b", re.IGNORECASE)


def _prebinding_free(select: str) -> bool:
    """Whether a SPARQL constraint gives, run once with ``$this`` free, the rows pySHACL
    gets by running it once per focus node with ``$this`` bound. True when its WHERE
    clause opens with a group of triple patterns on ``$this`` (cwkg's house style), and
    every other ``$this`` sits where that binding reaches: the top level, or a plain,
    OPTIONAL or EXISTS group of triple patterns right under it; and nothing counts,
    limits, nests a query, or joins by UNION or MINUS.

    >>> _prebinding_free("SELECT $this WHERE { { $this a ?c . } FILTER (?c != 1) }")
    True
    >>> _prebinding_free("SELECT $this ?value WHERE { { $this <p> ?v . } "
    ...                  "OPTIONAL { $this <q> ?value } FILTER NOT EXISTS { ?v <r> $this } }")
    True
    >>> _prebinding_free("SELECT $this WHERE { ?x ?p ?y . FILTER NOT EXISTS { $this ?p ?y } }")
    False
    >>> _prebinding_free("SELECT $this WHERE { { $this a ?c } { ?x <p> ?c FILTER ($this != ?x) } }")
    False
    """
    # strings and IRIs blanked out, so that their braces and words do not count
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^<>\s]*>',
                  lambda m: " " * len(m.group()), select)
    if _NOT_ONCE_FOR_ALL.search(text) or len(re.findall(r"\bSELECT\b", text, re.IGNORECASE)) != 1:
        return False
    if not re.search(r"\{\s*\{\s*\$this\s[^{}]*\}", text):
        return False
    groups, stack, uses = {}, [], []  # group start -> end; open groups; $this's group chains
    for match in re.finditer(r"[{}]|\$this\b", text):
        if match.group() == "{":
            stack.append(match.start())
        elif match.group() == "}":
            if not stack:
                return False
            groups[stack.pop()] = match.start()
        else:
            uses.append(tuple(stack))
    if stack:
        return False
    for chain in uses:
        if len(chain) <= 1:
            continue  # the SELECT clause, or the top level where the first group binds it
        if len(chain) != 2:
            return False
        before = text[:chain[1]].rstrip()
        body = text[chain[1] + 1:groups[chain[1]]]
        after = text[groups[chain[1]] + 1:].lstrip()
        kind = re.search(r"(\w*)$", before).group(1).upper()
        if "{" in body or re.match(r"(?i)UNION\b", after) or kind in ("UNION", "MINUS", "GRAPH"):
            return False
        if kind != "EXISTS" and re.search(r"(?i)\b(FILTER|BIND)\b", body):
            return False
    return True


@functools.lru_cache(maxsize=64)
def _variables(text: str) -> set:
    return set(re.findall(r"\?(\w+)", text))


@functools.lru_cache(maxsize=65536)
def _rdflib_term(term):
    import rdflib
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise UnsupportedShapes(None, "sh:lessThan or sh:lessThanOrEquals on a blank node")


# Integer datatypes whose canonical lexical forms rdflib reads as well-typed Python ints and
# compares by value: for these the rdflib comparison below is plain integer comparison.
_INTEGER_TYPES = frozenset(XSD + t for t in ("integer", "nonNegativeInteger"))
_CANONICAL_NATURAL = re.compile(r"0|[1-9][0-9]{0,17}")


@functools.lru_cache(maxsize=65536)  # offsets and figures repeat: a term is read once
def _natural(term) -> int | None:
    """The value of a canonical non-negative integer literal, else None (the slow path)."""
    if (isinstance(term, ox.Literal) and term.datatype.value in _INTEGER_TYPES
            and _CANONICAL_NATURAL.fullmatch(term.value)):
        return int(term.value)
    return None


def _pair_fails(value, compare, strict: bool) -> bool:
    """pySHACL's test (property_pair_constraints._compare_lt / _compare_ltoe).

    >>> n = lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "integer"))
    >>> _pair_fails(n("3"), n("5"), True), _pair_fails(n("5"), n("5"), True)
    (False, True)
    >>> _pair_fails(n("+5"), n("5"), False)  # not canonical: rdflib compares it
    False
    """
    v, o = _natural(value), _natural(compare)
    if v is not None and o is not None:  # rdflib would build two Literals to say the same
        return not (v < o) if strict else not (v <= o)
    return _rdflib_pair_fails(value, compare, strict)


def _rdflib_pair_fails(value, compare, strict: bool) -> bool:
    import rdflib

    def comparable(term):
        term = _rdflib_term(term)
        if isinstance(term, rdflib.URIRef):
            return str(term), True
        if isinstance(term, rdflib.Literal) and isinstance(term.value, str):
            return term.value, True
        return term, False

    (v, v_is_string), (o, o_is_string) = comparable(value), comparable(compare)
    if v_is_string != o_is_string:
        return True
    return not (v < o) if strict else not (v <= o)


@functools.lru_cache(maxsize=65536)  # offsets, dates and figures repeat
def _datatype_ok(value, datatype: str) -> bool:
    """pySHACL's sh:datatype test on a pyoxigraph term."""
    if not isinstance(value, ox.Literal):
        return False
    if value.language:
        return datatype == RDF + "langString"
    if value.datatype.value != datatype:
        return False
    # rdflib reads every xsd:string as itself (well-typed): no Literal to build, and no
    # million distinct quotes to push the numbers and dates out of the cache below
    return datatype == XSD + "string" or _lexically_valid(value.value, datatype)


@functools.lru_cache(maxsize=65536)
def _lexically_valid(lexical: str, datatype: str) -> bool:
    """rdflib's reading of a typed literal, which is what pySHACL's sh:datatype checks."""
    import datetime as dt
    from decimal import Decimal

    import rdflib

    literal = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
    if getattr(literal, "ill_typed", None) is True:
        return False
    expected = {XSD + "string": (str, bytes), XSD + "integer": int, XSD + "float": float,
                XSD + "decimal": Decimal, XSD + "boolean": bool, XSD + "date": dt.date,
                XSD + "time": dt.time, XSD + "dateTime": dt.datetime}.get(datatype)
    return expected is None or isinstance(literal.value, expected)


def validate(store: ox.Store, program: Program | None = None,
             as_written: dict[str, list] | None = None) -> list[Result]:
    """Every result of the compiled shapes on ``store`` (its union graph).

    pyoxigraph's store keeps numbers and booleans in canonical form, so the datatype
    checks read ``as_written``: for each of ``program.original_paths``, the distinct
    (subject, object) pairs as the data wrote them (:meth:`cwkg.store.Store.as_written`).
    Without it they are read from ``store``, right only if it holds no such literal."""
    program = program or compile_shapes()
    runner = _Runner(store, program, as_written)
    results = []
    for shape in runner.program.node_shapes:
        results += runner.node_results(shape)
    return results


