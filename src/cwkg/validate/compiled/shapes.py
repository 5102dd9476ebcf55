"""Read shapes files into a :class:`.model.Program`, refusing (with
:class:`.model.UnsupportedShapes`) every feature the runner does not compile. What is
refused here never reaches the runner, so a shape it cannot run costs one read, not a
half-done validation."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pyoxigraph as ox

from cwkg.prefixes import compact
from cwkg.rdf.parse import parse_file
from cwkg.resources import shapes_path

from .model import (
    INERT,
    INTEGER_PARAMETERS,
    PROPERTY_LEVEL,
    RDF_TYPE,
    SH,
    TARGETS,
    VALUE_LEVEL,
    VIOLATION,
    Program,
    Shape,
    UnsupportedShapes,
    features,
    plain_integer,
    rdf_list,
)
from .targets import ShapesGraph, implicit_class, target_groups

BOOLEAN_PARAMETERS = {SH + k for k in ("uniqueLang", "deactivated", "closed")}
NAMED_PARAMETERS = {SH + k for k in ("class", "hasValue", "datatype", "nodeKind", "lessThan",
                                     "lessThanOrEquals", "targetClass", "targetNode",
                                     "targetSubjectsOf", "targetObjectsOf", "severity")}
TEXT_PARAMETERS = {SH + k for k in ("pattern", "flags", "minInclusive", "maxInclusive",
                                    "minExclusive", "maxExclusive")}

# what a node shape may hold besides its targets: property shapes, SPARQL constraints,
# sh:or, and value-level constraints on the focus node itself (but sh:datatype, which is
# judged on literals as written, by path)
_NODE_LEVEL = (VALUE_LEVEL - {SH + "datatype"}) | {SH + "property", SH + "sparql", SH + "or",
                                                   SH + "deactivated"}


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


def read_graph(paths: list[Path]) -> ShapesGraph:
    """The shapes files' triples as {subject: {predicate IRI: [objects]}}, each once, in
    file order (a file's relative IRIs resolve against its own location)."""
    graph = ShapesGraph()
    triples = dict.fromkeys(q.triple for path in paths
                            for q in parse_file(path, base_iri=Path(path).resolve().as_uri()))
    for triple in triples:
        graph.setdefault(triple.subject, {}).setdefault(triple.predicate.value, []).append(
            triple.object)
    return graph


def _compile(paths: list[Path]) -> Program:
    graph = read_graph(paths)
    prefixes = []
    for props in graph.values():
        for decl in props.get(SH + "declare", []):
            prefix = graph.get(decl, {}).get(SH + "prefix", [None])[0]
            namespace = graph.get(decl, {}).get(SH + "namespace", [None])[0]
            if not isinstance(prefix, ox.Literal) or not isinstance(namespace, ox.Literal):
                raise UnsupportedShapes(None, "an sh:declare without sh:prefix and "
                                        "sh:namespace literals")
            prefixes.append(f"PREFIX {prefix.value}: <{namespace.value}>")
    node_shapes = []
    for node, props in graph.items():
        types = {t.value for t in props.get(RDF_TYPE, [])}
        targeted = bool(TARGETS & set(props)) or (
            implicit_class(graph, props) and (SH + "NodeShape" in types or any(
                p.startswith(SH) for p in props)))
        if not targeted and SH + "NodeShape" not in types:
            continue
        if props.get(SH + "deactivated", [None])[0] == ox.Literal(True):
            continue
        if SH + "path" in props or SH + "PropertyShape" in types:
            if targeted:  # a property shape with targets of its own
                node_shapes.append(_targeted_property_shape(graph, node, props))
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
               for m in rdf_list(graph, head))


def shape(graph: dict, node) -> Shape:
    props = graph.get(node, {})
    severity = props.get(SH + "severity", [ox.NamedNode(VIOLATION)])[0]
    if not isinstance(severity, ox.NamedNode) or len(props.get(SH + "severity", [])) > 1:
        raise UnsupportedShapes(node, "a sh:severity that is not one IRI")
    for key in INTEGER_PARAMETERS & set(props):
        if not all(plain_integer(v) for v in props[key]):
            raise UnsupportedShapes(node, f"{compact(key)} that is not a non-negative integer")
    for key in BOOLEAN_PARAMETERS & set(props):  # compared with true: "1" would be missed
        if not all(v in (ox.Literal(True), ox.Literal(False)) for v in props[key]):
            raise UnsupportedShapes(node, f"{compact(key)} that is not true or false")
    for key in NAMED_PARAMETERS & set(props):  # pasted into SPARQL: a blank node would be
        if any(isinstance(v, ox.BlankNode) for v in props[key]):   # a variable there
            raise UnsupportedShapes(node, f"{compact(key)} naming a blank node")
    for key in TEXT_PARAMETERS & set(props):
        if not all(isinstance(v, ox.Literal) for v in props[key]):
            raise UnsupportedShapes(node, f"{compact(key)} that is not a literal")
    for head in props.get(SH + "in", []) + props.get(SH + "languageIn", []):
        if any(isinstance(v, ox.BlankNode) for v in rdf_list(graph, head)):
            raise UnsupportedShapes(node, "a list member that is a blank node")
    messages = props.get(SH + "message", [])
    if len(messages) > 1:
        raise UnsupportedShapes(node, "more than one sh:message")
    if messages and (not isinstance(messages[0], ox.Literal)
                     or re.search(r"\{[?$]\w+\}", messages[0].value)):
        raise UnsupportedShapes(node, "a sh:message that is not a plain text "
                                "(an IRI, or a template such as {?value})")
    return Shape(node, None, severity.value, messages[0].value if messages else None, props)


def _with_targets(graph: dict, node, props: dict, result: Shape) -> Shape:
    groups = target_groups(graph, node, props)
    result.target_union = " UNION ".join(groups) if groups else None
    result.targets = ("{ SELECT DISTINCT ?this WHERE { " + result.target_union + " } }"
                      if groups else None)
    return result


def _node_shape(graph: dict, node, props: dict) -> Shape:
    result = _with_targets(graph, node, props, shape(graph, node))
    unknown = set(props) - INERT - TARGETS - _NODE_LEVEL
    if unknown:
        raise UnsupportedShapes(node, features(unknown))
    for constraint in props.get(SH + "sparql", []):
        shape(graph, constraint)  # its message and severity are of a kind compiled
    for prop in props.get(SH + "property", []):
        check_property_shape(graph, prop)
    return result


def _targeted_property_shape(graph: dict, node, props: dict) -> Shape:
    """A property shape with targets of its own runs as a node shape whose one property
    shape is itself: its results name it, with its severity and message."""
    check_property_shape(graph, node)
    wrapper = Shape(node, props={SH + "property": [node]})
    return _with_targets(graph, node, props, wrapper)


def check_property_shape(graph: dict, node) -> Shape:
    """The property shape ``node``, if the runner compiles all it says."""
    p = shape(graph, node)
    unknown = set(p.props) - PROPERTY_LEVEL - INERT - TARGETS - {SH + "deactivated"}
    if unknown:
        raise UnsupportedShapes(node, features(unknown))
    path_of(p)
    return p


def path_of(p: Shape) -> str:
    path = p.one("path")
    if not isinstance(path, ox.NamedNode):
        raise UnsupportedShapes(p.node, "a path other than one predicate")
    return path.value
