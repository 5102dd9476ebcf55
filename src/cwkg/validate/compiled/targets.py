"""Targets (SHACL 2.1.3): which focus nodes a shape validates, as SPARQL groups binding
``?this``, and the runner's ways to find, test and list focus nodes."""

from __future__ import annotations

import functools
import re

import pyoxigraph as ox

from .model import RDF_TYPE, RDFS, SH, TYPE_PATH, Program, sparql_term

RDFS_CLASS = RDFS + "Class"


def target_groups(graph: ShapesGraph, node, props: dict) -> list[str]:
    """The SPARQL groups binding ``?this`` to the focus nodes of shape ``node``: its
    sh:targetClass, sh:targetSubjectsOf, sh:targetObjectsOf and sh:targetNode, and its
    implicit class target when the shape is itself a class (typed rdfs:Class, or a class
    the shapes graph declares a subclass of rdfs:Class, as pySHACL reads it)."""
    classes = list(props.get(SH + "targetClass", []))
    if implicit_class(graph, props):
        classes.append(node)
    groups = [f"{{ ?this {TYPE_PATH} {sparql_term(cls)} . }}" for cls in classes]
    for pred in props.get(SH + "targetSubjectsOf", []):
        groups.append(f"{{ ?this {sparql_term(pred)} ?_target . }}")
    for pred in props.get(SH + "targetObjectsOf", []):
        groups.append(f"{{ ?_target {sparql_term(pred)} ?this . }}")
    for value in props.get(SH + "targetNode", []):
        groups.append(f"{{ VALUES ?this {{ {sparql_term(value)} }} }}")
    return groups


class ShapesGraph(dict):
    """The shapes graph as {subject: {predicate IRI: [objects]}}, which knows its
    metaclasses (found once: looked up for every shape, they made compiling the shapes
    quadratic in their number)."""

    @functools.cached_property
    def metaclasses(self) -> frozenset[str]:
        """rdfs:Class and the classes the graph declares subclasses of it."""
        return frozenset({RDFS_CLASS} | {
            s.value for s, p in self.items()
            if ox.NamedNode(RDFS_CLASS) in p.get(RDFS + "subClassOf", [])
            and isinstance(s, ox.NamedNode)})


def implicit_class(graph: ShapesGraph, props: dict) -> bool:
    return any(t.value in graph.metaclasses for t in props.get(RDF_TYPE, []))


class Targets:
    """The runner's focus-node lookups (a mixin of :class:`.runner.Runner`)."""

    store: ox.Store
    program: Program
    _focus: dict
    _original: dict

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
                f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* {sparql_term(cls)} }}")}
            self._subclasses[cls] = [cls] + sorted(found - {cls}, key=str)
        classes = self._subclasses[cls]
        if any(isinstance(c, ox.BlankNode) for c in classes):  # cannot be named: the path
            return f"{var} {TYPE_PATH} {sparql_term(cls)}"
        if len(classes) == 1:
            return f"{var} <{RDF_TYPE}> {sparql_term(cls)}"
        return " UNION ".join(f"{{ {var} <{RDF_TYPE}> {sparql_term(c)} }}" for c in classes)

    def expand(self, text: str | None) -> str | None:
        """Compiled target patterns with their class tests as :meth:`instances` writes them."""
        if text is None:
            return None
        return re.sub(r"\{ \?this " + re.escape(TYPE_PATH) + r" (<[^>]*>) \. \}",
                      lambda m: "{ " + self.instances("?this", ox.NamedNode(m.group(1)[1:-1]))
                      + " }", text)

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
        values = " ".join(sparql_term(n) for n in nodes)
        return {r["this"] for r in self.select(
            f"SELECT DISTINCT ?this WHERE {{ VALUES ?this {{ {values} }} {targets} }}")}

    def original_values(self, path: str) -> list:
        """(subject, object) of every distinct triple with predicate ``path``, as written."""
        return self._original[path]
